package condition

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/engine/arn"
	"github.com/iamlab/iamlab/engine/pattern"
)

// Condition is one compiled condition: an operator, a condition key and the
// policy's values for it, as in "StringEquals": {"aws:username": "johndoe"}.
// It is an immutable value, safe for concurrent use. The zero Condition holds
// for no request.
type Condition struct{ c *compiled }

// compiled is a Condition's data. Exactly one of the value slices is set,
// the one of the operator's family.
type compiled struct {
	name   Name
	key    string
	values []string
	vars   []string // context keys used as policy variables in values

	strs  []pattern.Pattern // String*
	arns  []arn.Pattern     // Arn*
	nums  []float64         // Numeric*
	dates []instant         // Date*
	bools []bool            // Bool, Null
	nets  []netip.Prefix    // IpAddress, NotIpAddress
	bins  [][]byte          // BinaryEquals: the decoded bytes

	custom Custom // a plugin operator; see CompileCustom
}

// Compile checks and compiles a condition: the operator name, the condition
// key as written in the policy and the policy's values for it (JSON numbers
// and booleans passed as their JSON text, "10" or "true"). variables says
// whether "${...}" is a policy variable, which it is only in policies of
// Version 2012-10-17.
//
// Each value must be of the operator's type (see the package documentation);
// the first that is not is a [*ValueError] naming its index. A key that is
// not prefix:name is a [*KeyError]; a Name that is not valid is a
// [*NameError].
func Compile(name Name, key string, values []string, variables bool) (Condition, error) {
	if name.Plugin != "" {
		return Condition{}, &NameError{Name: name.String(), Msg: "plugin operator " + name.String() + " needs the plugin that provides it: use CompileCustom"}
	}
	if err := name.valid(); err != nil {
		return Condition{}, err
	}
	if err := checkKey(key); err != nil {
		return Condition{}, err
	}
	c := &compiled{name: name, key: key, values: append([]string(nil), values...)}
	op := name.Op
	fam := op.family()
	bad := func(i int, msg string) error {
		return &ValueError{Op: op, Index: i, Value: values[i], Msg: msg}
	}
	for i, v := range values {
		if !allowsVariables(fam) && variables && strings.Contains(v, "${") {
			// Not a policy variable here: literal text, which no request
			// value of the family's type equals (see the package
			// documentation). It matches nothing.
			continue
		}
		switch fam {
		case famString:
			p, err := pattern.Compile(v, pattern.Options{
				Wildcards: op == StringLike || op == StringNotLike,
				Variables: variables,
				FoldCase:  op == StringEqualsIgnoreCase || op == StringNotEqualsIgnoreCase,
			})
			if err != nil {
				return Condition{}, bad(i, err.Error())
			}
			c.strs = append(c.strs, p)
			c.addVars(p.Variables())
		case famArn:
			p, err := arn.CompilePattern(v, variables)
			if err != nil {
				return Condition{}, bad(i, err.Error())
			}
			c.arns = append(c.arns, p)
			c.addVars(p.Variables())
		case famNumeric:
			f, msg := parseNumber(v)
			if msg != "" {
				return Condition{}, bad(i, msg)
			}
			c.nums = append(c.nums, f)
		case famDate:
			t, msg := parseDate(v)
			if msg != "" {
				return Condition{}, bad(i, msg)
			}
			c.dates = append(c.dates, t)
		case famBool:
			b, ok := parseBool(v)
			if !ok {
				return Condition{}, bad(i, `not a boolean: want "true" or "false"`)
			}
			c.bools = append(c.bools, b)
		case famNull:
			b, ok := parseBool(v)
			if !ok {
				return Condition{}, bad(i, `Null takes "true" (the key is absent) or "false" (the key is present)`)
			}
			c.bools = append(c.bools, b)
		case famIP:
			p, msg := parsePrefix(v)
			if msg != "" {
				return Condition{}, bad(i, msg)
			}
			c.nets = append(c.nets, p)
		case famBinary:
			b, msg := decodeBase64(v)
			if msg != "" {
				return Condition{}, bad(i, msg)
			}
			c.bins = append(c.bins, b)
		}
	}
	return Condition{c}, nil
}

// allowsVariables reports whether values of the family may hold policy
// variables: String and ARN operators only. reference_policies_variables.md
// ("You can't use a policy variable with other operators, such as Numeric,
// Date, Boolean, Binary, IP Address, or Null operators") and Access
// Analyzer's INVALID_VARIABLE_FOR_OPERATOR ("Policy variables can only be
// used with String and ARN operators") agree on it; the operators page's
// sentence that Bool takes them is the odd one out.
func allowsVariables(f family) bool {
	return f == famString || f == famArn
}

// parseBool reads "true" or "false" in any ASCII letter case. (Unicode
// folding would also take "falſe", with a long s.)
func parseBool(s string) (value, ok bool) {
	switch {
	case equalFoldASCII(s, "true"):
		return true, true
	case equalFoldASCII(s, "false"):
		return false, true
	}
	return false, false
}

// equalFoldASCII reports whether s equals the lower-case ASCII word lower,
// ignoring the case of ASCII letters only.
func equalFoldASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func (c *compiled) addVars(keys []string) {
	for _, k := range keys {
		if !containsFold(c.vars, k) {
			c.vars = append(c.vars, k)
		}
	}
}

func containsFold(xs []string, s string) bool {
	for _, x := range xs {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// checkKey checks that key looks like a condition key: a prefix naming the
// service or identity provider, a colon and a name. The prefix is letters,
// digits, '.', '-', '_' and '/' (identity providers use host names and
// paths, as in accounts.google.com:aud or
// oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub). The name is any text
// without control characters: tag keys may hold spaces, '/', ':' and more,
// as in aws:PrincipalTag/team-name or aws:ResourceTag/cost center.
func checkKey(key string) error {
	prefix, name, ok := cut(key, ':')
	switch {
	case key == "":
		return &KeyError{Key: key, Msg: "the key is empty"}
	case !ok:
		return &KeyError{Key: key, Msg: "want a service prefix, a colon and a name, such as aws:username or s3:prefix"}
	case prefix == "":
		return &KeyError{Key: key, Msg: "the service prefix before the colon is empty"}
	case name == "":
		return &KeyError{Key: key, Msg: "the name after the colon is empty"}
	}
	for i := 0; i < len(prefix); i++ {
		c := prefix[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '.' || c == '-' || c == '_' || c == '/') {
			return &KeyError{Key: key, Msg: "the service prefix may hold only letters, digits, '.', '-', '_' and '/', not " + strconv.QuoteRune(rune(c))}
		}
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return &KeyError{Key: key, Msg: "the name holds the control character " + strconv.QuoteRune(r)}
		}
	}
	return nil
}

// Name returns the condition's operator.
func (c Condition) Name() Name {
	if c.c == nil {
		return Name{}
	}
	return c.c.name
}

// Key returns the condition key as written in the policy. Context keys are
// compared case-insensitively.
func (c Condition) Key() string {
	if c.c == nil {
		return ""
	}
	return c.c.key
}

// Values returns the policy's values as written.
func (c Condition) Values() []string {
	if c.c == nil {
		return nil
	}
	return append([]string(nil), c.c.values...)
}

// Variables returns the context keys that the values use as policy
// variables, in order of first appearance, deduplicated case-insensitively.
func (c Condition) Variables() []string {
	if c.c == nil {
		return nil
	}
	return append([]string(nil), c.c.vars...)
}

// String returns the condition in policy form:
// "StringEquals": {"aws:username": ["johndoe"]}.
func (c Condition) String() string {
	if c.c == nil {
		return "{}"
	}
	var b strings.Builder
	b.WriteString(strconv.Quote(c.c.name.String()))
	b.WriteString(": {")
	b.WriteString(strconv.Quote(c.c.key))
	b.WriteString(": [")
	for i, v := range c.c.values {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(v))
	}
	b.WriteString("]}")
	return b.String()
}
