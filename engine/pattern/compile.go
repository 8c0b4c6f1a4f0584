package pattern

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Options say which parts of the pattern syntax are live.
type Options struct {
	// Wildcards makes '*' match any run of characters (including the empty
	// run, and runs that cross '/' and ':') and '?' exactly one character (a
	// rune). Without it both are literal characters.
	Wildcards bool
	// Variables makes "${...}" a policy variable (policy version
	// 2012-10-17). Without it "${" is literal text.
	Variables bool
	// FoldCase compares case-insensitively, with Unicode simple folding, as
	// strings.EqualFold does.
	FoldCase bool
}

// SyntaxError is a malformed policy variable in a pattern.
type SyntaxError struct {
	Offset int    // byte offset in the pattern of the problem
	Msg    string // what is wrong
}

func (e *SyntaxError) Error() string {
	return "offset " + strconv.Itoa(e.Offset) + ": " + e.Msg
}

// op is the kind of a token of a compiled pattern.
type op uint8

const (
	opLit  op = iota // literal text
	opVar            // a policy variable
	opOne            // the wildcard '?'
	opStar           // the wildcard '*'
)

// token is one element of a compiled pattern.
type token struct {
	op    op
	text  string // opLit: the text; opVar: the default
	valid bool   // opLit: text is valid UTF-8
	def   bool   // opVar: the variable has a default
	key   int    // opVar: index into program.keys
	runes int    // opLit: utf8.RuneCountInString(text)
}

// span is a run toks[lo:hi] of a pattern that holds no '*'.
type span struct{ lo, hi int }

// kind selects the matching strategy of a compiled pattern.
type kind uint8

const (
	kindExact   kind = iota // literal text only: compare with lit
	kindPrefix              // literal text then stars: lit is a prefix
	kindAll                 // stars only: matches everything
	kindGeneral             // anything else: segments between stars
)

// program is a compiled pattern. It is never modified after Compile.
type program struct {
	src  string
	opts Options
	kind kind
	lit  string  // kindExact, kindPrefix: the literal text
	toks []token // every token, as written (stars are not collapsed)
	segs []span  // kindGeneral: the star-free runs between runs of stars
	star bool    // kindGeneral: the pattern holds at least one '*'
	keys []string
	need []int  // indexes into keys of those used without a default
	text string // with no variables: the expansion
	wild bool
}

// Pattern is a compiled text pattern of the policy language. It is an
// immutable value, safe for concurrent use. The zero Pattern is the empty
// literal pattern: it matches only the empty string.
type Pattern struct{ p *program }

// maxQuoted bounds how much of the input a syntax error message quotes.
const maxQuoted = 64

// Compile compiles s under the options o. Its errors are *SyntaxError.
func Compile(s string, o Options) (Pattern, error) {
	pr := &program{src: s, opts: o}
	var lit []byte
	inLit := false
	flush := func() {
		if !inLit {
			return
		}
		text := string(lit)
		pr.toks = append(pr.toks, token{
			op: opLit, text: text, valid: utf8.ValidString(text),
			runes: utf8.RuneCountInString(text),
		})
		lit, inLit = lit[:0], false
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case o.Wildcards && (c == '*' || c == '?'):
			flush()
			t := token{op: opOne}
			if c == '*' {
				t.op = opStar
			}
			pr.toks = append(pr.toks, t)
			pr.wild = true
			i++
		case o.Variables && c == '$' && i+1 < len(s) && s[i+1] == '{':
			v, end, err := parseVariable(s, i)
			if err != nil {
				return Pattern{}, err
			}
			i = end
			switch v.key {
			case "*", "?", "$":
				lit, inLit = append(lit, v.key...), true
				continue
			}
			flush()
			k := -1
			for j, key := range pr.keys {
				if strings.EqualFold(key, v.key) {
					k = j
					break
				}
			}
			if k < 0 {
				k = len(pr.keys)
				pr.keys = append(pr.keys, v.key)
			}
			if !v.hasDef && !contains(pr.need, k) {
				pr.need = append(pr.need, k)
			}
			pr.toks = append(pr.toks, token{op: opVar, key: k, text: v.def, def: v.hasDef})
		default:
			lit, inLit = append(lit, c), true
			i++
		}
	}
	flush()
	pr.classify()
	if len(pr.keys) == 0 {
		pr.text, _ = pr.expand(nil)
	}
	return Pattern{pr}, nil
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// classify picks the matching strategy and, for the general one, splits the
// pattern into the runs between stars.
func (pr *program) classify() {
	var stars, others int
	for _, t := range pr.toks {
		switch t.op {
		case opStar:
			stars++
		case opOne, opVar:
			others++
		}
	}
	toks := pr.toks
	switch {
	case len(toks) == 0:
		pr.kind = kindExact
		return
	case stars == len(toks):
		pr.kind = kindAll
		return
	case others == 0 && stars == 0:
		pr.kind, pr.lit = kindExact, toks[0].text
		return
	case others == 0 && toks[0].op == opLit && stars == len(toks)-1 &&
		(toks[0].valid || pr.opts.FoldCase):
		pr.kind, pr.lit = kindPrefix, toks[0].text
		return
	}
	pr.kind = kindGeneral
	lo := 0
	for i, t := range toks {
		if t.op != opStar {
			continue
		}
		pr.star = true
		if i == 0 || toks[i-1].op != opStar {
			pr.segs = append(pr.segs, span{lo, i})
		}
		lo = i + 1
	}
	pr.segs = append(pr.segs, span{lo, len(toks)})
}

// variable is a parsed "${...}".
type variable struct {
	key, def string
	hasDef   bool
}

// parseVariable parses the policy variable whose "${" is at s[i]. It returns
// the variable and the offset just past its closing brace.
func parseVariable(s string, i int) (variable, int, *SyntaxError) {
	unterminated := func() *SyntaxError {
		return &SyntaxError{Offset: i, Msg: "unterminated policy variable " + quote(s[i:])}
	}
	j := i + 2
	k := strings.IndexAny(s[j:], "},")
	if k < 0 {
		return variable{}, 0, unterminated()
	}
	k += j
	v := variable{key: s[j:k]}
	switch {
	case v.key == "" && s[k] == '}':
		return variable{}, 0, &SyntaxError{Offset: i, Msg: `empty policy variable "${}"`}
	case v.key == "":
		return variable{}, 0, &SyntaxError{Offset: i, Msg: "policy variable has no key before its default"}
	case isSpace(v.key[0]) || isSpace(v.key[len(v.key)-1]):
		return variable{}, 0, &SyntaxError{Offset: j,
			Msg: "policy variable key " + quote(v.key) + " has leading or trailing space"}
	}
	if bad := strings.IndexAny(v.key, "${'"); bad >= 0 && v.key != "$" {
		return variable{}, 0, &SyntaxError{Offset: j + bad,
			Msg: fmt.Sprintf("character %q not allowed in policy variable key %s", v.key[bad], quote(v.key))}
	}
	if s[k] == '}' {
		return v, k + 1, nil
	}
	switch v.key {
	case "*", "?", "$":
		return variable{}, 0, &SyntaxError{Offset: k,
			Msg: "special policy variable \"${" + v.key + "}\" takes no default"}
	}
	m := k + 1
	for m < len(s) && isSpace(s[m]) {
		m++
	}
	if m == len(s) {
		return variable{}, 0, unterminated()
	}
	if s[m] != '\'' {
		return variable{}, 0, &SyntaxError{Offset: m,
			Msg: "policy variable default must be in single quotes, as in \"${key, 'default'}\""}
	}
	q := strings.IndexByte(s[m+1:], '\'')
	if q < 0 {
		return variable{}, 0, &SyntaxError{Offset: m,
			Msg: "policy variable default has no closing quote"}
	}
	v.def, v.hasDef = s[m+1:m+1+q], true
	n := m + 1 + q + 1
	for n < len(s) && isSpace(s[n]) {
		n++
	}
	if n == len(s) {
		return variable{}, 0, unterminated()
	}
	if s[n] != '}' {
		return variable{}, 0, &SyntaxError{Offset: n,
			Msg: fmt.Sprintf("expected '}' after policy variable default, found %q", s[n])}
	}
	return v, n + 1, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// quote quotes s for an error message, cutting it short if it is long.
func quote(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	cut := maxQuoted
	for cut > maxQuoted-utf8.UTFMax && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "..."
}

// String returns the pattern's source text, as written.
func (p Pattern) String() string {
	if p.p == nil {
		return ""
	}
	return p.p.src
}

// Options returns the options the pattern was compiled with.
func (p Pattern) Options() Options {
	if p.p == nil {
		return Options{}
	}
	return p.p.opts
}

// Variables returns the context keys the pattern references, in order of
// first appearance, deduplicated case-insensitively, spelled as first
// written. ${*}, ${?} and ${$} are not keys.
func (p Pattern) Variables() []string {
	if p.p == nil || len(p.p.keys) == 0 {
		return nil
	}
	return append([]string(nil), p.p.keys...)
}

// HasVariables reports whether the pattern references a context key.
func (p Pattern) HasVariables() bool { return p.p != nil && len(p.p.keys) > 0 }

// HasWildcards reports whether the pattern holds a '*' or '?' wildcard.
func (p Pattern) HasWildcards() bool { return p.p != nil && p.p.wild }

// IsMatchAll reports whether wildcards are on and the pattern is exactly "*".
func (p Pattern) IsMatchAll() bool {
	return p.p != nil && p.p.opts.Wildcards && p.p.src == "*"
}
