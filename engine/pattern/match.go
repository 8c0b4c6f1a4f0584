package pattern

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match reports whether s matches the pattern, with the policy variables
// resolved from ctx. resolved is false when a variable without a default has
// no single value in ctx; matched is then false too, whatever s is. A nil ctx
// resolves no variable. Match does not allocate.
func (p Pattern) Match(s string, ctx Context) (matched, resolved bool) {
	pr := p.p
	if pr == nil {
		return s == "", true
	}
	switch pr.kind {
	case kindExact:
		if pr.opts.FoldCase {
			return strings.EqualFold(s, pr.lit), true
		}
		return s == pr.lit, true
	case kindPrefix:
		if pr.opts.FoldCase {
			_, ok := prefixFold(s, pr.lit)
			return ok, true
		}
		return strings.HasPrefix(s, pr.lit), true
	case kindAll:
		return true, true
	}
	var e env
	if !e.init(pr, ctx) {
		return false, false
	}
	return pr.match(&e, s), true
}

// Resolves reports whether every variable of the pattern that has no default
// has a single value in ctx, that is, whether Match would report resolved.
func (p Pattern) Resolves(ctx Context) bool {
	if p.p == nil {
		return true
	}
	for _, k := range p.p.need {
		if _, ok := lookup(ctx, p.p.keys[k]); !ok {
			return false
		}
	}
	return true
}

// Expand returns the pattern with its variables replaced by their values from
// ctx (or their defaults) and ${*}, ${?} and ${$} by the characters they
// stand for; wildcards are left as written. It is meant for display: the
// result is not a pattern that escapes substituted text. ok is false, and
// the text empty, when a variable is unresolved.
func (p Pattern) Expand(ctx Context) (text string, ok bool) {
	pr := p.p
	if pr == nil {
		return "", true
	}
	if len(pr.keys) == 0 {
		return pr.text, true
	}
	return pr.expand(ctx)
}

func (pr *program) expand(ctx Context) (string, bool) {
	var e env
	if !e.init(pr, ctx) {
		return "", false
	}
	var b strings.Builder
	for i := range pr.toks {
		t := &pr.toks[i]
		switch t.op {
		case opLit:
			b.WriteString(t.text)
		case opVar:
			b.WriteString(e.value(t))
		case opOne:
			b.WriteByte('?')
		case opStar:
			b.WriteByte('*')
		}
	}
	return b.String(), true
}

// inlineKeys is how many distinct keys a pattern may reference and still have
// their values looked up once per match; beyond it they are looked up at
// each use.
const inlineKeys = 8

// env holds the values of a pattern's variables during one match.
type env struct {
	ctx    Context
	keys   []string
	inline bool
	val    [inlineKeys]string
	ok     [inlineKeys]bool
}

// lookup returns the single value of key in ctx.
func lookup(ctx Context, key string) (string, bool) {
	if ctx == nil {
		return "", false
	}
	vs, ok := ctx.ContextValues(key)
	if !ok || len(vs) != 1 {
		return "", false
	}
	return vs[0], true
}

// init looks the pattern's keys up in ctx and reports whether every variable
// without a default is resolved.
func (e *env) init(pr *program, ctx Context) bool {
	e.ctx, e.keys = ctx, pr.keys
	if len(pr.keys) == 0 {
		return true
	}
	if len(pr.keys) <= inlineKeys {
		e.inline = true
		for i, k := range pr.keys {
			e.val[i], e.ok[i] = lookup(ctx, k)
		}
		for _, k := range pr.need {
			if !e.ok[k] {
				return false
			}
		}
		return true
	}
	for _, k := range pr.need {
		if _, ok := lookup(ctx, pr.keys[k]); !ok {
			return false
		}
	}
	return true
}

// value returns the text a variable stands for: its key's value, or else its
// default. init has checked that one of them exists.
func (e *env) value(t *token) string {
	var v string
	var ok bool
	if e.inline {
		v, ok = e.val[t.key], e.ok[t.key]
	} else {
		v, ok = lookup(e.ctx, e.keys[t.key])
	}
	if ok {
		return v
	}
	return t.text
}

// match runs the general strategy: the first run of tokens is anchored at the
// start, the last at the end, and each run in between is matched at its
// leftmost position after the previous one. Because every token matches a
// fixed number of characters, the leftmost choice is always safe; this is
// the single-backtrack-point star algorithm, in O(len(s)·len(pattern)).
func (pr *program) match(e *env, s string) bool {
	segs := pr.segs
	first := pr.seg(segs[0])
	pos, ok := pr.at(e, first, s, 0)
	if !ok {
		return false
	}
	if !pr.star {
		return pos == len(s)
	}
	for _, sp := range segs[1 : len(segs)-1] {
		if pos, ok = pr.find(e, pr.seg(sp), s, pos); !ok {
			return false
		}
	}
	return pr.tail(e, pr.seg(segs[len(segs)-1]), s, pos)
}

func (pr *program) seg(sp span) []token { return pr.toks[sp.lo:sp.hi] }

// at matches the star-free run seg at s[pos:] and returns the offset just
// past the matched text.
func (pr *program) at(e *env, seg []token, s string, pos int) (int, bool) {
	fold := pr.opts.FoldCase
	for i := range seg {
		t := &seg[i]
		var n int
		var ok bool
		switch t.op {
		case opOne:
			if pos >= len(s) {
				return 0, false
			}
			n, ok = symLen(s[pos:]), true
		case opLit:
			n, ok = litAt(s[pos:], t.text, t.valid, fold)
		case opVar:
			n, ok = litAt(s[pos:], e.value(t), false, fold)
		}
		if !ok {
			return 0, false
		}
		pos += n
	}
	return pos, true
}

// find matches the star-free run seg at its leftmost position in s[pos:] and
// returns the offset just past the matched text.
func (pr *program) find(e *env, seg []token, s string, pos int) (int, bool) {
	// A valid UTF-8 literal found by byte search starts at a character
	// boundary: its first byte is not a continuation byte.
	var anchor string
	if t := &seg[0]; t.op == opLit && t.valid && !pr.opts.FoldCase {
		anchor = t.text
		if len(seg) == 1 {
			j := strings.Index(s[pos:], anchor)
			if j < 0 {
				return 0, false
			}
			return pos + j + len(anchor), true
		}
	}
	for pos <= len(s) {
		if anchor != "" {
			j := strings.Index(s[pos:], anchor)
			if j < 0 {
				return 0, false
			}
			pos += j
		}
		if end, ok := pr.at(e, seg, s, pos); ok {
			return end, true
		}
		if pos == len(s) {
			break
		}
		pos += symLen(s[pos:])
	}
	return 0, false
}

// tail matches the star-free run seg at the end of s[pos:].
func (pr *program) tail(e *env, seg []token, s string, pos int) bool {
	if len(seg) == 0 {
		return true
	}
	if t := &seg[0]; len(seg) == 1 && t.op == opLit && t.valid && !pr.opts.FoldCase {
		return strings.HasSuffix(s[pos:], t.text)
	}
	// Every token matches a fixed number of characters, so the run can
	// only start that many characters before the end.
	want := 0
	for i := range seg {
		switch t := &seg[i]; t.op {
		case opOne:
			want++
		case opLit:
			want += t.runes
		case opVar:
			want += utf8.RuneCountInString(e.value(t))
		}
	}
	have := utf8.RuneCountInString(s[pos:])
	if have < want {
		return false
	}
	for skip := have - want; skip > 0; skip-- {
		pos += symLen(s[pos:])
	}
	end, ok := pr.at(e, seg, s, pos)
	return ok && end == len(s)
}

// symLen returns the length in bytes of the character at the start of the
// non-empty s; a byte that is not valid UTF-8 is a character of its own.
func symLen(s string) int {
	if s[0] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(s)
	return n
}

// litAt reports whether s begins with the characters of lit and returns their
// length in s. valid says lit is known to be valid UTF-8.
func litAt(s, lit string, valid, fold bool) (int, bool) {
	if fold {
		return prefixFold(s, lit)
	}
	if !strings.HasPrefix(s, lit) {
		return 0, false
	}
	// The bytes are equal; the characters are too unless lit ends inside
	// a multi-byte sequence that s completes.
	if valid || lit == "" || lit[len(lit)-1] < utf8.RuneSelf || utf8.ValidString(lit) {
		return len(lit), true
	}
	for i := 0; i < len(lit); {
		_, a := utf8.DecodeRuneInString(lit[i:])
		_, b := utf8.DecodeRuneInString(s[i:])
		if a != b {
			return 0, false
		}
		i += a
	}
	return len(lit), true
}

// prefixFold reports whether s begins with lit under simple case folding, as
// strings.EqualFold compares, and returns the length of that prefix in s.
func prefixFold(s, lit string) (int, bool) {
	i, j := 0, 0
	for i < len(lit) {
		if j >= len(s) {
			return 0, false
		}
		a, b := lit[i], s[j]
		if a|b < utf8.RuneSelf {
			if a != b && lower(a) != lower(b) {
				return 0, false
			}
			i++
			j++
			continue
		}
		ra, na := utf8.DecodeRuneInString(lit[i:])
		rb, nb := utf8.DecodeRuneInString(s[j:])
		if !equalFoldRune(ra, rb) {
			return 0, false
		}
		i += na
		j += nb
	}
	return j, true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFoldRune reports whether r and t are equal under simple case folding,
// as strings.EqualFold decides for one rune.
func equalFoldRune(r, t rune) bool {
	if r == t {
		return true
	}
	if t < r {
		r, t = t, r
	}
	if t < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z' && t == r+'a'-'A'
	}
	f := unicode.SimpleFold(r)
	for f != r && f < t {
		f = unicode.SimpleFold(f)
	}
	return f == t
}
