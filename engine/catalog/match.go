package catalog

import (
	"cmp"
	"slices"
	"strings"
)

// templateGlob turns a catalog template into a glob: each variable part
// ("${BucketName}", "<key>", and "tag-key" after a slash in global keys)
// becomes "?*", one character or more, in condition keys, and "*" in ARN
// formats (arn true), where AWS's own resources leave the account empty
// ("arn:aws:ssm:us-east-1::document/AWS-RunShellScript") and names may
// hold colons. The * already in a few ARN formats stays a wildcard.
func templateGlob(t string, arn bool) string {
	variable := "?*"
	if arn {
		variable = "*"
	}
	var b strings.Builder
	for i := 0; i < len(t); {
		switch {
		case strings.HasPrefix(t[i:], "${"):
			end := strings.IndexByte(t[i:], '}')
			if end < 0 {
				b.WriteString(t[i:])
				return b.String()
			}
			b.WriteString(variable)
			i += end + 1
		case t[i] == '<':
			end := strings.IndexByte(t[i:], '>')
			if end < 0 {
				b.WriteString(t[i:])
				return b.String()
			}
			b.WriteString(variable)
			i += end + 1
		case strings.HasPrefix(t[i:], "/tag-key") && i+len("/tag-key") == len(t):
			b.WriteString("/" + variable)
			i = len(t)
		default:
			b.WriteByte(t[i])
			i++
		}
	}
	return b.String()
}

// policyGlob turns a policy's resource or action text into a glob: policy
// variables ("${aws:username}") may stand for anything.
func policyGlob(s string) string {
	if !strings.Contains(s, "${") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if strings.HasPrefix(s[i:], "${") {
			if end := strings.IndexByte(s[i:], '}'); end > 0 {
				b.WriteByte('*')
				i += end + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// maxGlob bounds the inputs of [intersects]: its table is len(a)·len(b).
const maxGlob = 2048

// intersects reports whether some string matches both globs a and b, in
// which * matches any run of characters and ? one character. fold compares
// ASCII letters ignoring case. Over-long input is taken to intersect, the
// lenient answer.
func intersects(a, b string, fold bool) bool {
	if len(a) > maxGlob || len(b) > maxGlob {
		return true
	}
	// Literal characters at both ends must agree; only the middle needs
	// the table.
	for len(a) > 0 && len(b) > 0 && isLiteral(a[0]) && isLiteral(b[0]) {
		if !charsMeet(a[0], b[0], fold) {
			return false
		}
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && isLiteral(a[len(a)-1]) && isLiteral(b[len(b)-1]) {
		if !charsMeet(a[len(a)-1], b[len(b)-1], fold) {
			return false
		}
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	la, lb := len(a), len(b)
	w := lb + 1
	// memo: 0 unknown, 1 false, 2 true; filled from the ends backwards.
	memo := make([]bool, (la+1)*w)
	for i := la; i >= 0; i-- {
		for j := lb; j >= 0; j-- {
			var r bool
			switch {
			case i == la && j == lb:
				r = true
			case i < la && isStar(a[i]):
				r = memo[(i+1)*w+j] || (j < lb && memo[i*w+j+1])
			case j < lb && isStar(b[j]):
				r = memo[i*w+j+1] || (i < la && memo[(i+1)*w+j])
			case i < la && j < lb:
				r = charsMeet(a[i], b[j], fold) && memo[(i+1)*w+j+1]
			}
			memo[i*w+j] = r
		}
	}
	return memo[0]
}

func isStar(c byte) bool { return c == '*' }

func isLiteral(c byte) bool { return c != '*' && c != '?' }

func charsMeet(x, y byte, fold bool) bool {
	if x == '?' || y == '?' || x == y {
		return true
	}
	if fold {
		return lower(x) == lower(y)
	}
	return false
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// keyMatches reports whether a policy's condition key name is an instance
// of the catalog key (or template) k, ignoring case.
func keyMatches(k, name string) bool {
	if !strings.ContainsAny(k, "$<") && !strings.HasSuffix(k, "/tag-key") {
		return strings.EqualFold(k, name)
	}
	return intersects(templateGlob(k, false), name, true)
}

func findKey(keys []*Key, name string) (*Key, bool) {
	// An exact name wins over a template it also fits.
	for _, k := range keys {
		if strings.EqualFold(k.Name, name) {
			return k, true
		}
	}
	for _, k := range keys {
		if keyMatches(k.Name, name) {
			return k, true
		}
	}
	return nil, false
}

// FitsResource reports whether a policy's Resource entry (an ARN with
// wildcards and policy variables, or "*") can name a resource of type r.
func (r *ResourceType) FitsResource(resource string) bool {
	g := policyGlob(resource)
	for _, f := range r.globs {
		if fitsGlob(f, g) {
			return true
		}
	}
	return false
}

// fitsGlob intersects an ARN format's glob with a policy's, field by
// field: wildcards work "within ARN segments (the parts separated by
// colons)" (reference_policies_elements_resource.md); everything after the
// fifth colon is the resource field. A policy ARN without six fields is
// compared whole.
func fitsGlob(format, g string) bool {
	gf := strings.SplitN(g, ":", 6)
	ff := strings.SplitN(format, ":", 6)
	if len(gf) != 6 || len(ff) != 6 {
		return intersects(format, g, false)
	}
	for i := range 6 {
		if !intersects(ff[i], gf[i], false) {
			return false
		}
	}
	return true
}

// specificity ranks formats: more literal characters first.
func specificity(format string) int {
	n := 0
	for _, c := range []byte(templateGlob(format, true)) {
		if c != '*' && c != '?' {
			n++
		}
	}
	return n
}

// ResourceTypes lists the resource types a resource ARN (or a policy's
// ARN pattern) can be, the most specific first: "arn:aws:s3:::b/k" is an
// s3 object before it could be anything else. The service is the ARN's
// third field; nil when it is not in the catalog.
func (c *Catalog) ResourceTypes(resource string) []*ResourceType {
	parts := strings.SplitN(resource, ":", 4)
	if len(parts) < 4 || parts[0] != "arn" {
		return nil
	}
	svc, ok := c.Service(parts[2])
	if !ok {
		return nil
	}
	type ranked struct {
		r    *ResourceType
		rank int
	}
	var out []ranked
	g := policyGlob(resource)
	for _, r := range svc.ResourceTypes {
		best := -1
		for i, f := range r.globs {
			if fitsGlob(f, g) {
				best = max(best, specificity(r.ARNFormats[i]))
			}
		}
		if best >= 0 {
			out = append(out, ranked{r, best})
		}
	}
	slices.SortStableFunc(out, func(a, b ranked) int { return cmp.Compare(b.rank, a.rank) })
	types := make([]*ResourceType, len(out))
	for i, o := range out {
		types[i] = o.r
	}
	return types
}

// Expand lists the actions an action pattern from a policy stands for:
// "s3:Get*" gives every s3 action whose name starts with Get, "*" every
// action, "*:List*" the List actions of every service. Matching ignores
// case, as IAM does. The result is sorted by service, then action.
func (c *Catalog) Expand(pattern string) []*Action {
	if pattern == "*" {
		out := make([]*Action, 0, c.actions)
		for _, s := range c.services {
			out = append(out, s.Actions...)
		}
		return out
	}
	prefix, name, ok := strings.Cut(pattern, ":")
	if !ok || name == "" {
		return nil
	}
	var out []*Action
	for _, s := range c.services {
		if !wildMatch(prefix, s.Prefix) {
			continue
		}
		for _, a := range s.Actions {
			if wildMatch(name, a.Name) {
				out = append(out, a)
			}
		}
	}
	return out
}

// MatchAction reports whether a policy's action pattern ("iam:Pass*",
// "*") matches an action name, ignoring case, as IAM matches them.
func MatchAction(pattern, action string) bool { return wildMatch(pattern, action) }

// wildMatch matches s against a pattern with * and ?, ignoring ASCII case,
// in linear time.
func wildMatch(pattern, s string) bool {
	p, i := 0, 0
	star, mark := -1, 0
	for i < len(s) {
		switch {
		case p < len(pattern) && (pattern[p] == '?' || lower(pattern[p]) == lower(s[i])):
			p++
			i++
		case p < len(pattern) && pattern[p] == '*':
			star, mark = p, i
			p++
		case star >= 0:
			p = star + 1
			mark++
			i = mark
		default:
			return false
		}
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}
