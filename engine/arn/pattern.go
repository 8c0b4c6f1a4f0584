package arn

import (
	"errors"
	"strings"

	"github.com/iamlab/iamlab/engine/pattern"
)

// Pattern is a resource pattern: "*", or an ARN whose six parts may each hold
// wildcards and policy variables. It is an immutable value, safe for
// concurrent use. The zero Pattern matches nothing.
type Pattern struct{ c *compiled }

type compiled struct {
	src   string
	all   bool
	parts [6]pattern.Pattern
	// prefix, when the first five parts are plain text, is those parts
	// with their colons: a resource matches them exactly when it begins
	// with prefix, and only the resource part is left to match.
	prefix string
	keys   []string
}

// CompilePattern compiles a resource pattern. s is "*", or has at least six
// colon-separated parts, the sixth being everything after the fifth colon;
// each part is compiled as a case-sensitive pattern with wildcards, and with
// policy variables when variables is true. A colon inside a policy variable
// (as in ${aws:username}) does not separate parts. Its errors are *Error for
// a wrong shape and *pattern.SyntaxError, with the offset in s, for a
// malformed variable.
func CompilePattern(s string, variables bool) (Pattern, error) {
	return compilePattern(s, variables, variables)
}

// CompileResource compiles a pattern of a policy's Resource or NotResource
// element. It is [CompilePattern], except that policy variables are live
// only in the resource part, after the fifth colon: "You can't use a
// variable to replace parts of the ARN before the fifth colon, such as the
// service or account" (reference_policies_variables.md, "Resource
// element"). The User Guide does not say what AWS does with one there; the
// fail-safe reading is taken: "${aws:PrincipalAccount}" in the account part
// is literal text, substituted never, so it matches no real ARN. A colon
// inside such a variable still does not separate parts. (ARN condition
// operators take variables in every part: see [CompilePattern].)
func CompileResource(s string, variables bool) (Pattern, error) {
	return compilePattern(s, variables, false)
}

// compilePattern compiles s; variables turns policy variables on in the
// resource part, prefixVariables in the five parts before it.
func compilePattern(s string, variables, prefixVariables bool) (Pattern, error) {
	c := &compiled{src: s}
	if s == "*" {
		c.all = true
		return Pattern{c}, nil
	}
	bounds, ok := splitPattern(s, variables)
	if !ok {
		return Pattern{}, &Error{Input: s,
			Msg: `a resource must be "*" or an ARN ("arn:partition:service:region:account:resource")`}
	}
	literal := true
	for i, b := range bounds {
		opts := pattern.Options{Wildcards: true, Variables: variables && (i == 5 || prefixVariables)}
		p, err := pattern.Compile(s[b[0]:b[1]], opts)
		if err != nil {
			var se *pattern.SyntaxError
			if errors.As(err, &se) {
				return Pattern{}, &pattern.SyntaxError{Offset: b[0] + se.Offset, Msg: se.Msg}
			}
			return Pattern{}, err
		}
		c.parts[i] = p
		if i < 5 && (p.HasWildcards() || p.HasVariables()) {
			literal = false
		}
		for _, k := range p.Variables() {
			if !containsFold(c.keys, k) {
				c.keys = append(c.keys, k)
			}
		}
	}
	if literal {
		var b strings.Builder
		for _, p := range c.parts[:5] {
			text, _ := p.Expand(nil)
			b.WriteString(text)
			b.WriteByte(':')
		}
		c.prefix = b.String()
	}
	return Pattern{c}, nil
}

func containsFold(keys []string, k string) bool {
	for _, x := range keys {
		if strings.EqualFold(x, k) {
			return true
		}
	}
	return false
}

// splitPattern returns the byte ranges of the six parts of s: cut at the
// first five colons outside policy variables.
func splitPattern(s string, variables bool) (bounds [6][2]int, ok bool) {
	part, start := 0, 0
	for i := 0; i < len(s) && part < 5; i++ {
		switch {
		case s[i] == ':':
			bounds[part] = [2]int{start, i}
			part++
			start = i + 1
		case variables && s[i] == '$' && i+1 < len(s) && s[i+1] == '{':
			if end := variableEnd(s, i); end > 0 {
				i = end - 1
			}
		}
	}
	if part < 5 {
		return bounds, false
	}
	bounds[5] = [2]int{start, len(s)}
	return bounds, true
}

// variableEnd returns the offset just past the well-formed policy variable
// "${key}" or "${key, 'default'}" that starts at s[i], or 0 if there is
// none; pattern.Compile then reports what is wrong.
func variableEnd(s string, i int) int {
	j := strings.IndexAny(s[i+2:], "},")
	if j < 0 {
		return 0
	}
	j += i + 2
	if s[j] == '}' {
		return j + 1
	}
	j++
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if j == len(s) || s[j] != '\'' {
		return 0
	}
	q := strings.IndexByte(s[j+1:], '\'')
	if q < 0 {
		return 0
	}
	j += q + 2
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if j == len(s) || s[j] != '}' {
		return 0
	}
	return j + 1
}

// Match reports whether resource matches the pattern, with policy variables
// resolved from ctx. "*" matches any string. Otherwise resource is cut at its
// first five colons and each of the six parts is matched against the
// pattern's part; a resource with fewer than six parts matches nothing.
// resolved is false when a variable has no value and no default; matched is
// then false too. Match does not allocate.
func (p Pattern) Match(resource string, ctx pattern.Context) (matched, resolved bool) {
	c := p.c
	switch {
	case c == nil:
		return false, true
	case c.all:
		return true, true
	case c.prefix != "":
		if !strings.HasPrefix(resource, c.prefix) {
			return false, c.parts[5].Resolves(ctx)
		}
		return c.parts[5].Match(resource[len(c.prefix):], ctx)
	}
	f, ok := split(resource)
	if !ok {
		return false, c.resolves(0, ctx)
	}
	for i := range f {
		m, r := c.parts[i].Match(f[i], ctx)
		if !r {
			return false, false
		}
		if !m {
			return false, c.resolves(i+1, ctx)
		}
	}
	return true, true
}

// resolves reports whether the variables of parts[from:] resolve in ctx.
func (c *compiled) resolves(from int, ctx pattern.Context) bool {
	for _, p := range c.parts[from:] {
		if !p.Resolves(ctx) {
			return false
		}
	}
	return true
}

// Resolves reports whether every variable of the pattern that has no default
// has a single value in ctx, that is, whether Match would report resolved.
func (p Pattern) Resolves(ctx pattern.Context) bool {
	return p.c == nil || p.c.all || p.c.resolves(0, ctx)
}

// Expand returns the pattern with its policy variables substituted, for
// display; ok is false when a variable is unresolved.
func (p Pattern) Expand(ctx pattern.Context) (text string, ok bool) {
	c := p.c
	if c == nil || c.all {
		return p.String(), true
	}
	var b strings.Builder
	for i, part := range c.parts {
		t, ok := part.Expand(ctx)
		if !ok {
			return "", false
		}
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(t)
	}
	return b.String(), true
}

// String returns the pattern's source text, as written.
func (p Pattern) String() string {
	if p.c == nil {
		return ""
	}
	return p.c.src
}

// Variables returns the context keys the pattern references, in order of
// first appearance, deduplicated case-insensitively, spelled as first
// written.
func (p Pattern) Variables() []string {
	if p.c == nil || len(p.c.keys) == 0 {
		return nil
	}
	return append([]string(nil), p.c.keys...)
}

// HasVariables reports whether the pattern references a context key.
func (p Pattern) HasVariables() bool { return p.c != nil && len(p.c.keys) > 0 }

// IsMatchAll reports whether the pattern is "*".
func (p Pattern) IsMatchAll() bool { return p.c != nil && p.c.all }
