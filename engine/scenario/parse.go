package scenario

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Pos is a place in a scenario: file, line and column (1-based; the
// column counts characters).
type Pos lexer.Position

func (p Pos) String() string {
	if p.Filename == "" {
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	return fmt.Sprintf("%s:%d:%d", p.Filename, p.Line, p.Column)
}

// ErrSyntax is wrapped by every parse error.
var ErrSyntax = errors.New("syntax error")

// Error is a parse error at a position.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Unwrap makes errors.Is(err, ErrSyntax) hold.
func (e *Error) Unwrap() error { return ErrSyntax }

// ErrorList is every parse error of a file, sorted by position.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the errors.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// Parser parses scenarios. Building the grammar costs far more than
// parsing a scenario (reflection over the syntax tree's types), so a
// program that parses many keeps one. It is safe for concurrent use.
type Parser struct {
	p *participle.Parser[Line]
}

// NewParser builds the grammar.
func NewParser() (*Parser, error) {
	p, err := participle.Build[Line](
		participle.Lexer(lexDef{}),
		participle.Elide("Whitespace"),
		participle.Union[Statement](statementTypes()...),
		participle.UseLookahead(2),
	)
	if err != nil {
		return nil, fmt.Errorf("scenario: the grammar is broken: %w", err)
	}
	return &Parser{p: p}, nil
}

// Parse parses a scenario with a new [Parser].
func Parse(filename string, src []byte) (*File, error) {
	p, err := NewParser()
	if err != nil {
		return nil, err
	}
	return p.Parse(filename, src)
}

// Parse parses a scenario. It returns every line it could parse and, when
// some could not be, an [ErrorList]: a bad line is reported and skipped,
// and parsing goes on with the next.
func (p *Parser) Parse(filename string, src []byte) (*File, error) {
	f := &File{Name: filename}
	var errs ErrorList
	groups, lexErrs := lexLines(filename, string(src))
	errs = append(errs, lexErrs...)
	for _, g := range groups {
		// A blank line, or a comment alone, has no statement to parse.
		first := 0
		for g[first].Type == tokSpace {
			first++
		}
		if t := g[first]; t.Type == tokEOL || t.Type == tokComment {
			l := &Line{Pos: g[0].Pos}
			if t.Type == tokComment {
				l.Comment = t.Value
			}
			f.Lines = append(f.Lines, l)
			continue
		}
		pl, err := lexer.Upgrade(&tokens{list: g}, tokSpace)
		if err != nil {
			errs = append(errs, toError(err, g[0].Pos))
			continue
		}
		line, err := p.p.ParseFromLexer(pl)
		if err != nil {
			errs = append(errs, clarify(toError(err, g[0].Pos), g))
			continue
		}
		line.Pos = g[0].Pos
		if err := checkLine(line); err != nil {
			errs = append(errs, err)
			continue
		}
		f.Lines = append(f.Lines, line)
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool {
			a, b := errs[i].Pos, errs[j].Pos
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Column < b.Column
		})
		return f, errs
	}
	return f, nil
}

// tokens replays a line's tokens to the parser.
type tokens struct {
	list []lexer.Token
}

func (t *tokens) Next() (lexer.Token, error) {
	if len(t.list) == 0 {
		return lexer.Token{Type: lexer.EOF}, nil
	}
	tok := t.list[0]
	t.list = t.list[1:]
	return tok, nil
}

// toError turns participle's error into ours.
func toError(err error, at lexer.Position) *Error {
	var pe participle.Error
	if errors.As(err, &pe) {
		pos := pe.Position()
		if pos.Line == 0 {
			pos = at
		}
		pos.Filename = at.Filename
		return &Error{Pos: Pos(pos), Msg: explainSyntax(pe.Message())}
	}
	return &Error{Pos: Pos(at), Msg: err.Error()}
}

// clarify rewords the error of a clause keyword left without its value:
// participle reports the keyword itself as unexpected.
func clarify(e *Error, g []lexer.Token) *Error {
	const suffix = `" (expected end of line)`
	if !strings.HasPrefix(e.Msg, `unexpected token "`) || !strings.HasSuffix(e.Msg, suffix) {
		return e
	}
	word := strings.TrimSuffix(strings.TrimPrefix(e.Msg, `unexpected token "`), suffix)
	for i, t := range g {
		if t.Pos.Offset == e.Pos.Offset && t.Value == word {
			next := i + 1
			for next < len(g) && g[next].Type == tokSpace {
				next++
			}
			if next < len(g) && (g[next].Type == tokEOL || g[next].Type == tokComment) {
				e.Msg = fmt.Sprintf("%q needs a value after it, or is not a clause of this statement", word)
			} else {
				e.Msg = fmt.Sprintf("unexpected %q: not a clause of this statement, or its value is missing or malformed", word)
			}
			break
		}
	}
	return e
}

// grammarNames names the grammar's rules as a person would say them.
func grammarNames() *strings.Replacer {
	return strings.NewReplacer(
		"(expected Target)", "(expected user, group or role NAME, or root, ou NAME or account ID)",
		"(expected Value)", "(expected a name or a \"string\")",
		"(expected Body)", "(expected a JSON block {…} or file \"PATH\")",
		"(expected Code)", "(expected an MFA code: \"123456\" or totp(NAME))",
		"(expected TagList)", "(expected KEY=VALUE, …)",
		"(expected Principal)", "(expected a user, root, or session NAME)",
		"(expected Statement)", "(expected a statement)",
		`(expected (("allow" | "deny" | "implicitDeny" | "explicitDeny" | "ok") | ("error" Value)) Statement)`, `(expected allow, deny, implicitDeny, explicitDeny, ok or error CODE, then a statement)`,
		`(expected "on" Value RequestClause*)`, `(expected ACTION on RESOURCE)`,
		`(expected ((":" Request) | Statement))`, `(expected ": ACTION on RESOURCE", or an operation such as user or assume role)`,
		`(expected (Upload | ("active" | "inactive" | "delete")))`, `(expected upload "…" or upload file "PATH", or active, inactive or delete)`,
		`(expected (("file" Value) | Value))`, `(expected a "string" or file "PATH")`,
		`(expected (("delete" Value) | ("in-use" Value (Value ("," Value)*)?) | (Value ("suffix" Value)? ("description" Value)?)))`, `(expected SERVICE [suffix S] [description "…"], delete ROLE or in-use ROLE [RESOURCE, …])`,
	)
}

// explainSyntax rewords participle's messages for people: tokens by name.
func explainSyntax(msg string) string {
	msg = grammarNames().Replace(msg)
	if i := strings.Index(msg, "(expected Value"); i >= 0 {
		msg = msg[:i] + `(expected a name or a "string")`
	}
	if strings.HasPrefix(msg, "unexpected token") && !strings.Contains(msg, "(expected") {
		msg += " (expected a statement: account, user, group, role, policy, attach, as, expect … — see the scenario language reference)"
	}
	msg = strings.ReplaceAll(msg, `unexpected token "<EOF>"`, "unexpected end of the statement")
	msg = strings.ReplaceAll(msg, `unexpected token ""`, "unexpected end of the line")
	msg = strings.ReplaceAll(msg, `unexpected token "\n"`, "unexpected end of the line")
	msg = strings.ReplaceAll(msg, "<eol>", "end of line")
	msg = strings.ReplaceAll(msg, "<word>", "a word")
	msg = strings.ReplaceAll(msg, "<string>", "a string")
	msg = strings.ReplaceAll(msg, "<json>", "a JSON block")
	msg = strings.ReplaceAll(msg, "<comment>", "a comment")
	return msg
}

// lexLines splits a source into the tokens of each line (a JSON block
// keeps its statement on one logical line), each group ending with its EOL
// token and an EOF. A lexical error is reported and its line skipped.
func lexLines(filename, src string) ([][]lexer.Token, ErrorList) {
	var groups [][]lexer.Token
	var errs ErrorList
	l := &lex{src: src, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}
	var cur []lexer.Token
	for {
		t, err := l.Next()
		if err != nil {
			var e *Error
			if errors.As(err, &e) {
				errs = append(errs, e)
			} else {
				errs = append(errs, &Error{Pos: Pos(l.pos), Msg: err.Error()})
			}
			// Skip to the end of the line and start afresh.
			n := strings.IndexByte(l.src, '\n')
			if n < 0 {
				n = len(l.src)
			}
			l.advance(n)
			cur = nil
			if l.src != "" {
				l.advance(1)
			}
			continue
		}
		if t.Type == lexer.EOF {
			return groups, errs
		}
		if t.Type == tokString {
			if _, err := strconv.Unquote(t.Value); err != nil {
				errs = append(errs, &Error{Pos: Pos(t.Pos), Msg: "invalid escape in string " + t.Value})
				t.Value = `"` + strings.ReplaceAll(t.Value[1:len(t.Value)-1], `\`, `\\`) + `"`
			}
		}
		cur = append(cur, t)
		if t.Type == tokEOL {
			cur = append(cur, lexer.EOFToken(t.Pos))
			groups = append(groups, cur)
			cur = nil
		}
	}
}

// checkLine checks what the grammar cannot: values of the right shape,
// and clauses given once.
func checkLine(l *Line) *Error {
	if l.Stmt == nil {
		return nil
	}
	return checkStmt(l.Stmt, l.Pos)
}

func checkStmt(s Statement, at lexer.Position) *Error {
	switch s := s.(type) {
	case *As:
		if s.Op != nil {
			switch s.Op.(type) {
			case *As, *Expect, *Explain, *Start, *Seed, *Propagation, *Region, *Account, *Use,
				*Organization, *OU, *Move, *OrgPolicy, *Clock, *Partition, *Heal, *Status, *Resource,
				*IdP, *Token, *Assertion, *STS, *Quota, *Plugin, *Import, *SignIn:
				return &Error{Pos: Pos(s.Who.Pos), Msg: "this statement is not made as a principal: only IAM operations, STS calls and requests (after a colon) follow \"as NAME\""}
			}
			return checkStmt(s.Op, at)
		}
	case *Expect:
		switch s.Stmt.(type) {
		case *Expect, *Explain:
			return &Error{Pos: Pos(at), Msg: "expect takes a statement that does something, not another expect or explain"}
		}
		return checkStmt(s.Stmt, at)
	case *Assume:
		return checkFederated(s)
	case *Explain:
		switch s.Stmt.(type) {
		case *Expect, *Explain:
			return &Error{Pos: Pos(at), Msg: "explain takes a statement that does something, not another expect or explain"}
		}
		if s.Stmt != nil {
			return checkStmt(s.Stmt, at)
		}
	}
	return nil
}
