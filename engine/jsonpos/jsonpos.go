package jsonpos

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxDepth is how deeply arrays and objects may nest. Policy documents need
// five levels; the limit only keeps hostile input from exhausting the stack.
const MaxDepth = 64

// Kind is the JSON type of a [Value].
type Kind uint8

// The JSON types.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Position is a place in the source: a byte offset, and a 1-based line and
// column. Columns count characters, not bytes, as an editor shows them.
type Position struct {
	Offset int `json:"-"`
	Line   int `json:"Line"`
	Column int `json:"Column"`
}

func (p Position) String() string { return strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column) }

// Member is one key of an object with its value.
type Member struct {
	Key    string
	KeyPos Position
	Value  *Value
}

// Value is a JSON value and where it stands in the source.
type Value struct {
	Kind  Kind
	Start Position // the first character of the value
	End   Position // just after the last character of the value

	// Text is the decoded string for String, the source text for Number
	// ("10", "1.5e3") and "true"/"false" for Bool.
	Text    string
	Elems   []*Value // Array elements
	Members []Member // Object members in source order, duplicates kept
}

// Member returns the first member named key (compared exactly), or nil.
func (v *Value) Member(key string) *Member {
	if v == nil {
		return nil
	}
	for i := range v.Members {
		if v.Members[i].Key == key {
			return &v.Members[i]
		}
	}
	return nil
}

// SyntaxError is malformed JSON, located.
type SyntaxError struct {
	Pos Position
	Msg string
}

func (e *SyntaxError) Error() string { return e.Pos.String() + ": " + e.Msg }

// Parse reads exactly one JSON value from data (white space around it is
// allowed). It returns a *SyntaxError for malformed input.
func Parse(data []byte) (*Value, error) {
	p := &parser{src: data, line: 1, col: 1}
	p.skipSpace()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.off < len(p.src) {
		return nil, p.errorf("unexpected %s after the JSON value", p.describe())
	}
	return v, nil
}

type parser struct {
	src       []byte
	off       int
	line, col int
}

func (p *parser) pos() Position { return Position{Offset: p.off, Line: p.line, Column: p.col} }

func (p *parser) errorf(format string, args ...any) error {
	return &SyntaxError{Pos: p.pos(), Msg: fmt.Sprintf(format, args...)}
}

// advance moves past one character (a whole UTF-8 sequence).
func (p *parser) advance() {
	if p.off >= len(p.src) {
		return
	}
	c := p.src[p.off]
	if c == '\n' {
		p.line++
		p.col = 1
		p.off++
		return
	}
	_, size := utf8.DecodeRune(p.src[p.off:])
	p.off += size
	p.col++
}

func (p *parser) skipSpace() {
	for p.off < len(p.src) {
		switch p.src[p.off] {
		case ' ', '\t', '\n', '\r':
			p.advance()
		default:
			return
		}
	}
}

// describe names the character at the current offset for an error message.
func (p *parser) describe() string {
	if p.off >= len(p.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(p.src[p.off:])
	return strconv.QuoteRune(r)
}

func (p *parser) value(depth int) (*Value, error) {
	if p.off >= len(p.src) {
		return nil, p.errorf("unexpected end of input, expected a value")
	}
	switch c := p.src[p.off]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		start := p.pos()
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &Value{Kind: String, Start: start, End: p.pos(), Text: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return p.literal("true", Bool)
	case c == 'f':
		return p.literal("false", Bool)
	case c == 'n':
		return p.literal("null", Null)
	default:
		return nil, p.errorf("unexpected %s, expected a value", p.describe())
	}
}

func (p *parser) literal(word string, kind Kind) (*Value, error) {
	start := p.pos()
	if !strings.HasPrefix(string(p.src[p.off:min(len(p.src), p.off+len(word))]), word) {
		return nil, p.errorf("unexpected %s, expected a value", p.describe())
	}
	for range word {
		p.advance()
	}
	v := &Value{Kind: kind, Start: start, End: p.pos()}
	if kind == Bool {
		v.Text = word
	}
	return v, nil
}

func (p *parser) number() (*Value, error) {
	start := p.pos()
	begin := p.off
	digits := func() int {
		n := 0
		for p.off < len(p.src) && p.src[p.off] >= '0' && p.src[p.off] <= '9' {
			p.advance()
			n++
		}
		return n
	}
	if p.src[p.off] == '-' {
		p.advance()
	}
	if p.off < len(p.src) && p.src[p.off] == '0' {
		p.advance()
	} else if digits() == 0 {
		return nil, p.errorf("malformed number: expected a digit, got %s", p.describe())
	}
	if p.off < len(p.src) && p.src[p.off] == '.' {
		p.advance()
		if digits() == 0 {
			return nil, p.errorf("malformed number: expected a digit after '.', got %s", p.describe())
		}
	}
	if p.off < len(p.src) && (p.src[p.off] == 'e' || p.src[p.off] == 'E') {
		p.advance()
		if p.off < len(p.src) && (p.src[p.off] == '+' || p.src[p.off] == '-') {
			p.advance()
		}
		if digits() == 0 {
			return nil, p.errorf("malformed number: expected a digit in the exponent, got %s", p.describe())
		}
	}
	return &Value{Kind: Number, Start: start, End: p.pos(), Text: string(p.src[begin:p.off])}, nil
}

// str reads a string starting at its opening quote and returns it decoded.
func (p *parser) str() (string, error) {
	p.advance() // opening quote
	var b strings.Builder
	chunk := p.off
	for {
		if p.off >= len(p.src) {
			return "", p.errorf("unterminated string")
		}
		c := p.src[p.off]
		switch {
		case c == '"':
			b.Write(p.src[chunk:p.off])
			p.advance()
			return b.String(), nil
		case c == '\\':
			b.Write(p.src[chunk:p.off])
			if err := p.escape(&b); err != nil {
				return "", err
			}
			chunk = p.off
		case c < 0x20:
			return "", p.errorf("control character %s in string (escape it)", p.describe())
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(p.src[p.off:])
			if r == utf8.RuneError && size == 1 {
				return "", p.errorf("invalid UTF-8 in string")
			}
			p.advance()
		default:
			p.advance()
		}
	}
}

func (p *parser) escape(b *strings.Builder) error {
	p.advance() // backslash
	if p.off >= len(p.src) {
		return p.errorf("unterminated string")
	}
	c := p.src[p.off]
	if r, ok := simpleEscape(c); ok {
		b.WriteByte(r)
		p.advance()
		return nil
	}
	if c != 'u' {
		return p.errorf("invalid escape \\%c in string", c)
	}
	p.advance()
	r, err := p.hex4()
	if err != nil {
		return err
	}
	if utf16.IsSurrogate(r) {
		if p.off+1 < len(p.src) && p.src[p.off] == '\\' && p.src[p.off+1] == 'u' {
			save := *p
			p.advance()
			p.advance()
			r2, err := p.hex4()
			if err == nil {
				if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
					b.WriteRune(dec)
					return nil
				}
			}
			*p = save
		}
		r = utf8.RuneError
	}
	b.WriteRune(r)
	return nil
}

func simpleEscape(c byte) (byte, bool) {
	switch c {
	case '"', '\\', '/':
		return c, true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	}
	return 0, false
}

func (p *parser) hex4() (rune, error) {
	if p.off+4 > len(p.src) {
		return 0, p.errorf("truncated \\u escape")
	}
	n, err := strconv.ParseUint(string(p.src[p.off:p.off+4]), 16, 32)
	if err != nil {
		return 0, p.errorf("invalid \\u escape %q", p.src[p.off:p.off+4])
	}
	for range 4 {
		p.advance()
	}
	return rune(n), nil
}

func (p *parser) array(depth int) (*Value, error) {
	if depth >= MaxDepth {
		return nil, p.errorf("JSON nested more than %d levels deep", MaxDepth)
	}
	v := &Value{Kind: Array, Start: p.pos()}
	p.advance()
	p.skipSpace()
	if p.off < len(p.src) && p.src[p.off] == ']' {
		p.advance()
		v.End = p.pos()
		return v, nil
	}
	for {
		p.skipSpace()
		e, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.Elems = append(v.Elems, e)
		p.skipSpace()
		if p.off >= len(p.src) {
			return nil, p.errorf("unexpected end of input, expected ',' or ']'")
		}
		switch p.src[p.off] {
		case ',':
			p.advance()
		case ']':
			p.advance()
			v.End = p.pos()
			return v, nil
		default:
			return nil, p.errorf("unexpected %s, expected ',' or ']'", p.describe())
		}
	}
}

func (p *parser) object(depth int) (*Value, error) {
	if depth >= MaxDepth {
		return nil, p.errorf("JSON nested more than %d levels deep", MaxDepth)
	}
	v := &Value{Kind: Object, Start: p.pos()}
	p.advance()
	p.skipSpace()
	if p.off < len(p.src) && p.src[p.off] == '}' {
		p.advance()
		v.End = p.pos()
		return v, nil
	}
	for {
		p.skipSpace()
		if p.off >= len(p.src) || p.src[p.off] != '"' {
			return nil, p.errorf("unexpected %s, expected a quoted object key", p.describe())
		}
		keyPos := p.pos()
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.off >= len(p.src) || p.src[p.off] != ':' {
			return nil, p.errorf("unexpected %s, expected ':' after object key", p.describe())
		}
		p.advance()
		p.skipSpace()
		val, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.Members = append(v.Members, Member{Key: key, KeyPos: keyPos, Value: val})
		p.skipSpace()
		if p.off >= len(p.src) {
			return nil, p.errorf("unexpected end of input, expected ',' or '}'")
		}
		switch p.src[p.off] {
		case ',':
			p.advance()
		case '}':
			p.advance()
			v.End = p.pos()
			return v, nil
		default:
			return nil, p.errorf("unexpected %s, expected ',' or '}'", p.describe())
		}
	}
}

// PositionAt returns the position of byte offset off in data (the end of
// data when off is past it), counting columns in characters as the parser
// does.
func PositionAt(data []byte, off int) Position {
	pos := Position{Line: 1, Column: 1}
	for i, r := range string(data) {
		if i >= off {
			break
		}
		pos.Offset = i + utf8.RuneLen(r)
		if r == '\n' {
			pos.Line, pos.Column = pos.Line+1, 1
		} else {
			pos.Column++
		}
	}
	if off < pos.Offset {
		pos.Offset = off
	}
	return pos
}

// CountNonSpace returns how many characters of data are not JSON white
// space outside strings: the size by which IAM measures a policy against its
// quotas ("IAM does not count white space", reference_iam-quotas.md).
// White space inside string values counts, since it is part of the policy.
func CountNonSpace(data []byte) int {
	n := 0
	inString, escaped := false, false
	for _, r := range string(data) {
		switch {
		case inString:
			n++
			switch {
			case escaped:
				escaped = false
			case r == '\\':
				escaped = true
			case r == '"':
				inString = false
			}
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
		default:
			if r == '"' {
				inString = true
			}
			n++
		}
	}
	return n
}
