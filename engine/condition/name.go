package condition

import (
	"fmt"
	"strconv"
	"strings"
)

// Operator is a condition operator without its set qualifier and without
// the IfExists suffix: StringEquals, NumericLessThan, Null …
//
// The zero Operator is not an operator; [ParseName] never returns it and
// [Compile] rejects it.
type Operator uint8

// The condition operators of reference_policies_elements_condition_operators.md.
const (
	StringEquals Operator = iota + 1
	StringNotEquals
	StringEqualsIgnoreCase
	StringNotEqualsIgnoreCase
	StringLike
	StringNotLike
	NumericEquals
	NumericNotEquals
	NumericLessThan
	NumericLessThanEquals
	NumericGreaterThan
	NumericGreaterThanEquals
	DateEquals
	DateNotEquals
	DateLessThan
	DateLessThanEquals
	DateGreaterThan
	DateGreaterThanEquals
	Bool
	BinaryEquals
	IpAddress
	NotIpAddress
	ArnEquals
	ArnLike
	ArnNotEquals
	ArnNotLike
	Null
)

// numOperators is one past the last built-in operator.
const numOperators = Null + 1

// operatorNames are the AWS spellings, indexed by Operator. It is read-only.
var operatorNames = [...]string{
	0:                         "",
	StringEquals:              "StringEquals",
	StringNotEquals:           "StringNotEquals",
	StringEqualsIgnoreCase:    "StringEqualsIgnoreCase",
	StringNotEqualsIgnoreCase: "StringNotEqualsIgnoreCase",
	StringLike:                "StringLike",
	StringNotLike:             "StringNotLike",
	NumericEquals:             "NumericEquals",
	NumericNotEquals:          "NumericNotEquals",
	NumericLessThan:           "NumericLessThan",
	NumericLessThanEquals:     "NumericLessThanEquals",
	NumericGreaterThan:        "NumericGreaterThan",
	NumericGreaterThanEquals:  "NumericGreaterThanEquals",
	DateEquals:                "DateEquals",
	DateNotEquals:             "DateNotEquals",
	DateLessThan:              "DateLessThan",
	DateLessThanEquals:        "DateLessThanEquals",
	DateGreaterThan:           "DateGreaterThan",
	DateGreaterThanEquals:     "DateGreaterThanEquals",
	Bool:                      "Bool",
	BinaryEquals:              "BinaryEquals",
	IpAddress:                 "IpAddress",
	NotIpAddress:              "NotIpAddress",
	ArnEquals:                 "ArnEquals",
	ArnLike:                   "ArnLike",
	ArnNotEquals:              "ArnNotEquals",
	ArnNotLike:                "ArnNotLike",
	Null:                      "Null",
}

// Valid reports whether o is one of the operators above.
func (o Operator) Valid() bool { return o > 0 && o < numOperators }

// String returns the AWS name of the operator, "StringEquals" …, or
// "Operator(n)" for a value that is not an operator.
func (o Operator) String() string {
	if o.Valid() {
		return operatorNames[o]
	}
	return "Operator(" + strconv.Itoa(int(o)) + ")"
}

// MarshalText gives the AWS name.
func (o Operator) MarshalText() ([]byte, error) {
	if !o.Valid() {
		return nil, fmt.Errorf("condition: cannot marshal %s", o)
	}
	return []byte(o.String()), nil
}

// UnmarshalText reads an AWS operator name, without qualifier or suffix.
func (o *Operator) UnmarshalText(b []byte) error {
	op, ok := lookupOperator(string(b))
	if !ok {
		return unknownOperator(string(b), string(b))
	}
	*o = op
	return nil
}

// Negated reports whether the operator is true when the request value
// matches none of the policy values: StringNotEquals,
// StringNotEqualsIgnoreCase, StringNotLike, NumericNotEquals, DateNotEquals,
// NotIpAddress, ArnNotEquals and ArnNotLike.
func (o Operator) Negated() bool {
	switch o {
	case StringNotEquals, StringNotEqualsIgnoreCase, StringNotLike,
		NumericNotEquals, DateNotEquals, NotIpAddress, ArnNotEquals, ArnNotLike:
		return true
	}
	return false
}

// family is the kind of value an operator compares.
type family uint8

const (
	famNone family = iota
	famString
	famNumeric
	famDate
	famBool
	famBinary
	famIP
	famArn
	famNull
)

func (o Operator) family() family {
	switch {
	case o >= StringEquals && o <= StringNotLike:
		return famString
	case o >= NumericEquals && o <= NumericGreaterThanEquals:
		return famNumeric
	case o >= DateEquals && o <= DateGreaterThanEquals:
		return famDate
	case o == Bool:
		return famBool
	case o == BinaryEquals:
		return famBinary
	case o == IpAddress || o == NotIpAddress:
		return famIP
	case o >= ArnEquals && o <= ArnNotLike:
		return famArn
	case o == Null:
		return famNull
	}
	return famNone
}

// familyTitle names the family of an operator in error messages.
func (f family) title() string {
	switch f {
	case famString:
		return "String"
	case famNumeric:
		return "Numeric"
	case famDate:
		return "Date"
	case famBool:
		return "Boolean"
	case famBinary:
		return "Binary"
	case famIP:
		return "IP address"
	case famArn:
		return "ARN"
	case famNull:
		return "Null"
	}
	return "unknown"
}

// cmp is the comparison an ordered operator (Numeric, Date) makes between
// the request value and a policy value.
type cmp uint8

const (
	cmpEQ cmp = iota // equal (also the NotEquals operators, negated)
	cmpLT            // request < policy
	cmpLE            // request <= policy
	cmpGT            // request > policy
	cmpGE            // request >= policy
)

func (o Operator) cmp() cmp {
	switch o {
	case NumericLessThan, DateLessThan:
		return cmpLT
	case NumericLessThanEquals, DateLessThanEquals:
		return cmpLE
	case NumericGreaterThan, DateGreaterThan:
		return cmpGT
	case NumericGreaterThanEquals, DateGreaterThanEquals:
		return cmpGE
	}
	return cmpEQ
}

// holds reports whether c holds for the result of comparing the request
// value with the policy value (-1, 0 or +1).
func (c cmp) holds(r int) bool {
	switch c {
	case cmpLT:
		return r < 0
	case cmpLE:
		return r <= 0
	case cmpGT:
		return r > 0
	case cmpGE:
		return r >= 0
	}
	return r == 0
}

// lookupOperator finds an operator by its exact AWS name.
func lookupOperator(s string) (Operator, bool) {
	for o := StringEquals; o < numOperators; o++ {
		if operatorNames[o] == s {
			return o, true
		}
	}
	return 0, false
}

// SetQualifier is the optional ForAllValues: or ForAnyValue: prefix of an
// operator, which says how a request key with several values is compared
// (reference_policies_multi-value-conditions.md).
type SetQualifier uint8

// The set qualifiers. None is an operator without a prefix.
const (
	None SetQualifier = iota
	ForAllValues
	ForAnyValue
)

// String returns "ForAllValues", "ForAnyValue", or "" for None.
func (q SetQualifier) String() string {
	switch q {
	case None:
		return ""
	case ForAllValues:
		return "ForAllValues"
	case ForAnyValue:
		return "ForAnyValue"
	}
	return "SetQualifier(" + strconv.Itoa(int(q)) + ")"
}

// MarshalText gives the AWS spelling ("" for None).
func (q SetQualifier) MarshalText() ([]byte, error) {
	if q > ForAnyValue {
		return nil, fmt.Errorf("condition: cannot marshal %s", q)
	}
	return []byte(q.String()), nil
}

// UnmarshalText reads "ForAllValues", "ForAnyValue" or "".
func (q *SetQualifier) UnmarshalText(b []byte) error {
	switch string(b) {
	case "":
		*q = None
	case "ForAllValues":
		*q = ForAllValues
	case "ForAnyValue":
		*q = ForAnyValue
	default:
		return &NameError{Name: string(b), Msg: "unknown set qualifier " + strconv.Quote(string(b)) + hint(string(b), "ForAllValues", "ForAnyValue")}
	}
	return nil
}

// Name is a condition operator as a policy writes it: an optional set
// qualifier, the operator and an optional IfExists suffix, as in
// "ForAnyValue:StringLikeIfExists".
//
// A plugin operator ("Plugin:CidrOverlaps") has Plugin set to its name
// within the Plugin namespace ("CidrOverlaps") and Op zero; see
// [CompileCustom].
type Name struct {
	Set      SetQualifier
	Op       Operator
	IfExists bool
	Plugin   string
}

const ifExists = "IfExists"

// String returns the name as AWS spells it; [ParseName] reads it back.
func (n Name) String() string {
	var b strings.Builder
	if n.Set != None {
		b.WriteString(n.Set.String())
		b.WriteByte(':')
	}
	if n.Plugin != "" {
		b.WriteString(pluginPrefix)
		b.WriteString(n.Plugin)
	} else {
		b.WriteString(n.Op.String())
	}
	if n.IfExists {
		b.WriteString(ifExists)
	}
	return b.String()
}

// valid returns nil, or what is wrong with a Name built by hand.
func (n Name) valid() error {
	if n.Plugin != "" {
		return n.validPlugin()
	}
	switch {
	case !n.Op.Valid():
		return &NameError{Name: n.String(), Msg: "no such condition operator: " + n.Op.String()}
	case n.Set > ForAnyValue:
		return &NameError{Name: n.String(), Msg: "no such set qualifier: " + n.Set.String()}
	case n.Op == Null && n.IfExists:
		return &NameError{Name: n.String(), Msg: "the Null operator cannot take the IfExists suffix"}
	}
	return nil
}

// MarshalText gives the AWS spelling of the name.
func (n Name) MarshalText() ([]byte, error) {
	if err := n.valid(); err != nil {
		return nil, err
	}
	return []byte(n.String()), nil
}

// UnmarshalText reads a name as [ParseName] does.
func (n *Name) UnmarshalText(b []byte) error {
	v, err := ParseName(string(b))
	if err != nil {
		return err
	}
	*n = v
	return nil
}

// ParseName reads a condition operator as a policy writes it:
// [ForAllValues:|ForAnyValue:]Operator[IfExists]. Names are case-sensitive,
// as IAM has them; an unknown name is a [*NameError] wrapping
// [ErrUnknownOperator]. NullIfExists is rejected.
//
// A name in the Plugin namespace, [ForAllValues:|ForAnyValue:]Plugin:Name[IfExists],
// is read for its form only (see [ValidPluginName]); whether a plugin
// provides it is for the policy parser to ask its [Operators].
func ParseName(s string) (Name, error) {
	var n Name
	rest := s
	if q, after, ok := strings.Cut(s, ":"); ok && q != pluginNamespace {
		switch q {
		case "ForAllValues":
			n.Set = ForAllValues
		case "ForAnyValue":
			n.Set = ForAnyValue
		default:
			return Name{}, &NameError{Name: s, Msg: "unknown set qualifier " + strconv.Quote(q) +
				hint(q, "ForAllValues", "ForAnyValue") +
				" (the only prefixes are ForAllValues: and ForAnyValue:)"}
		}
		rest = after
	}
	if name, ok := strings.CutPrefix(rest, pluginPrefix); ok {
		return parsePluginName(s, n.Set, name)
	}
	if op, ok := lookupOperator(rest); ok {
		n.Op = op
		return n, nil
	}
	if base, ok := strings.CutSuffix(rest, ifExists); ok {
		if op, ok := lookupOperator(base); ok {
			if op == Null {
				return Name{}, &NameError{Name: s, Msg: "the Null operator cannot take the IfExists suffix: Null already tests whether the key exists"}
			}
			n.Op, n.IfExists = op, true
			return n, nil
		}
	}
	return Name{}, unknownOperator(s, rest)
}

// unknownOperator is the error for an operator name op (inside the full
// name s) that is not one of AWS's.
func unknownOperator(s, op string) *NameError {
	var names []string
	for o := StringEquals; o < numOperators; o++ {
		names = append(names, operatorNames[o])
		if o != Null {
			names = append(names, operatorNames[o]+ifExists)
		}
	}
	return &NameError{Name: s, Msg: "unknown condition operator " + strconv.Quote(op) + hint(op, names...)}
}

// hint suggests the name in names that s differs from only in letter case.
func hint(s string, names ...string) string {
	for _, n := range names {
		if strings.EqualFold(s, n) {
			return " (names are case-sensitive: did you mean " + strconv.Quote(n) + "?)"
		}
	}
	return ""
}
