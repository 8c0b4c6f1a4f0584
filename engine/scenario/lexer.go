package scenario

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// The kinds of tokens of the scenario language.
const (
	tokEOL lexer.TokenType = -(iota + 2)
	tokComment
	tokString
	tokJSON
	tokPunct
	tokWord
	tokSpace
)

// lexDef is the scenario language's lexer: a hand-written one, because a
// JSON block is one token however many lines it spans, and a colon ends a
// word only when white space follows it (so ARNs and actions stay whole).
type lexDef struct{}

func (lexDef) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": lexer.EOF, "EOL": tokEOL, "Comment": tokComment, "String": tokString,
		"JSON": tokJSON, "Punct": tokPunct, "Word": tokWord, "Whitespace": tokSpace,
	}
}

func (d lexDef) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

func (lexDef) LexString(filename, src string) (lexer.Lexer, error) {
	return &lex{src: src, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}, nil
}

// lex scans one source.
type lex struct {
	src   string
	pos   lexer.Position
	ended bool // the final EOL was sent
	atEOL bool // the last token sent was an EOL
}

// isPunct reports the characters that are tokens of their own.
func isPunct(c byte) bool { return c == '=' || c == ',' || c == '(' || c == ')' }

// endsWord reports the characters that end a word.
func endsWord(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '"' || c == '{' || c == '}' || isPunct(c)
}

func (l *lex) advance(n int) {
	for _, c := range l.src[:n] {
		if c == '\n' {
			l.pos.Line++
			l.pos.Column = 1
		} else {
			l.pos.Column++
		}
	}
	l.pos.Offset += n
	l.src = l.src[n:]
}

func (l *lex) token(t lexer.TokenType, n int) lexer.Token {
	tok := lexer.Token{Type: t, Value: l.src[:n], Pos: l.pos}
	l.advance(n)
	return tok
}

func (l *lex) errorf(format string, args ...any) error {
	return &Error{Pos: Pos(l.pos), Msg: fmt.Sprintf(format, args...)}
}

// Next returns the next token. Every source ends with an EOL token before
// EOF, so that its last line needs no newline.
func (l *lex) Next() (lexer.Token, error) {
	if l.src == "" {
		if !l.ended && !l.atEOL && l.pos.Offset > 0 {
			l.ended = true
			return lexer.Token{Type: tokEOL, Value: "", Pos: l.pos}, nil
		}
		return lexer.EOFToken(l.pos), nil
	}
	t, err := l.next()
	if err == nil && t.Type != tokSpace {
		l.atEOL = t.Type == tokEOL
	}
	return t, err
}

func (l *lex) next() (lexer.Token, error) {
	c := l.src[0]
	switch {
	case c == '\n':
		return l.token(tokEOL, 1), nil
	case c == '\\' && (strings.HasPrefix(l.src, "\\\n") || strings.HasPrefix(l.src, "\\\r\n")):
		// A backslash at the end of a line continues the statement.
		if l.src[1] == '\r' {
			return l.token(tokSpace, 3), nil
		}
		return l.token(tokSpace, 2), nil
	case c == ' ' || c == '\t' || c == '\r':
		n := 1
		for n < len(l.src) && (l.src[n] == ' ' || l.src[n] == '\t' || l.src[n] == '\r') {
			n++
		}
		return l.token(tokSpace, n), nil
	case c == '#':
		n := strings.IndexByte(l.src, '\n')
		if n < 0 {
			n = len(l.src)
		}
		return l.token(tokComment, len(strings.TrimRight(l.src[:n], " \t\r"))), nil
	case c == '"':
		n, ok := scanString(l.src)
		if !ok {
			return lexer.Token{}, l.errorf("unterminated string: a string ends with \" on the same line")
		}
		return l.token(tokString, n), nil
	case c == '{':
		n, err := scanJSON(l.src)
		if err != "" {
			return lexer.Token{}, l.errorf("%s", err)
		}
		return l.token(tokJSON, n), nil
	case c == '}':
		return lexer.Token{}, l.errorf("unexpected \"}\": no JSON block is open")
	case isPunct(c) || c == ':':
		return l.token(tokPunct, 1), nil
	}
	n := 0
	for n < len(l.src) && !endsWord(l.src[n]) {
		_, size := utf8.DecodeRuneInString(l.src[n:])
		n += size
	}
	// A colon at the end of a word, before white space or the end of the
	// line, is a token of its own: "as alice: s3:GetObject".
	if n > 1 && l.src[n-1] == ':' {
		n--
	}
	return l.token(tokWord, n), nil
}

// scanString returns the length of the string literal at the start of s.
func scanString(s string) (int, bool) {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		case '\n':
			return 0, false
		}
	}
	return 0, false
}

// scanJSON returns the length of the balanced JSON block at the start of s,
// braces inside strings aside.
func scanJSON(s string) (int, string) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' {
					i++
				}
			}
			if i >= len(s) {
				return 0, "unterminated string in a JSON block"
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				if s[i] != '}' {
					return 0, "a JSON block must close with } what it opened with {"
				}
				return i + 1, ""
			}
			if depth < 0 {
				return 0, "unbalanced JSON block"
			}
		}
	}
	return 0, "unterminated JSON block: its opening { has no matching }"
}
