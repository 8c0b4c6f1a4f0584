package scenario

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"
)

func TestParseStatements(t *testing.T) {
	tests := []struct {
		src  string
		want Statement
	}{
		{`account 111122223333 alias "prod"`, &Account{}},
		{`user alice path /eng/ in group devs, ops tags team=blue`, &User{}},
		{`as alice in eu-west-1: s3:GetObject on arn:aws:s3:::b/k from 10.0.0.1 context {"s3:prefix": "k"}`, &As{}},
		{`expect error AccessDenied as alice user bob`, &Expect{}},
		{`explain`, &Explain{}},
		{`as alice assume role Admin session "s1" with mfa code totp(alice, -30s)`, &As{}},
		{`get caller-identity`, &GetCallerIdentity{}},
		{`get session-token session s`, &GetSessionToken{}},
		{`get federation-token bob`, &GetFederationToken{}},
		{`sts global-tokens v2`, &STS{}},
		{`sts eu-west-1 inactive`, &STS{}},
		{`delete inline P from role R`, &Delete{}},
		{`provider saml corp from okta`, &Provider{}},
		{`attach DenyAll to root`, &Attach{}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			f, err := Parse("t", []byte(tt.src))
			require.NoError(t, err)
			require.Len(t, f.Lines, 1)
			assert.IsType(t, tt.want, f.Lines[0].Stmt)
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"frobnicate", `t:1:1: unexpected token "frobnicate" (expected a statement`},
		{"user", `t:1:5: unexpected end of the line (expected a name or a "string")`},
		{"attach P to team x", `t:1:13: unexpected token "team" (expected user, group or role NAME`},
		{`policy P = {"a": 1`, "t:1:12: unterminated JSON block"},
		{`user "a`, "t:1:6: unterminated string"},
		{`user "a\q"`, `t:1:6: invalid escape in string`},
		{"expect maybe as a: x on y", `t:1:8: unexpected token "maybe" (expected allow, deny`},
		{"as alice: s3:GetObject", "t:1:23: unexpected end of the line (expected ACTION on RESOURCE)"},
		{"as alice clock +1s", `t:1:4: this statement is not made as a principal`},
		{"expect ok expect ok status", "t:1:1: expect takes a statement that does something"},
		{"}", `t:1:1: unexpected "}"`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Parse("t", []byte(tt.src))
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrSyntax)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// A bad line is reported and skipped; the good lines around it parse, and
// the errors come sorted by position.
func TestParseGoesOn(t *testing.T) {
	f, err := Parse("t", []byte("user a\nuser\nuser b\n\"open\nuser c\nattach x to y z\n"))
	var list ErrorList
	require.True(t, errors.As(err, &list))
	require.Len(t, list, 3)
	assert.Equal(t, 2, list[0].Pos.Line)
	assert.Equal(t, 4, list[1].Pos.Line)
	assert.Equal(t, 6, list[2].Pos.Line)
	var names []string
	for _, l := range f.Lines {
		if u, ok := l.Stmt.(*User); ok {
			names = append(names, u.Name.Text())
		}
	}
	assert.Equal(t, []string{"a", "b", "c"}, names)
}

func TestLexer(t *testing.T) {
	f, err := Parse("t", []byte("as alice: s3:GetObject on arn:aws:s3:::b/k#1  # a comment\nuser x \\\n  path /p/\n"))
	require.NoError(t, err)
	require.Len(t, f.Lines, 2)
	as := f.Lines[0].Stmt.(*As)
	assert.Equal(t, "s3:GetObject", as.Request.Action.Text())
	assert.Equal(t, "arn:aws:s3:::b/k#1", as.Request.Resource.Text(), "# inside a word is not a comment")
	assert.Equal(t, "# a comment", f.Lines[0].Comment)
	assert.Equal(t, "/p/", f.Lines[1].Stmt.(*User).Clauses[0].Path.Text(), "a backslash continues the line")
}

func TestValueText(t *testing.T) {
	assert.Equal(t, "a b", (&Value{Raw: `"a b"`}).Text())
	assert.Equal(t, "tab\there", (&Value{Raw: `"tab\there"`}).Text())
	assert.Equal(t, "word", (&Value{Raw: "word"}).Text())
	assert.Equal(t, "", (*Value)(nil).Text())
}

func TestFormat(t *testing.T) {
	src := "\n\n# intro\naccount   1 alias \"x\"   # the account\n\n\n\nuser a tags k=v  path /p/\nas a :   s3:GetObject on r   context {\"k\": 1}   from 1.2.3.4\npolicy P = {\n  \"Version\": \"2012-10-17\"   \n}\n\n"
	f, err := Parse("t", []byte(src))
	require.NoError(t, err)
	want := "# intro\naccount 1 alias \"x\"  # the account\n\nuser a path /p/ tags k=v\nas a: s3:GetObject on r from 1.2.3.4 context {\"k\": 1}\npolicy P = {\n  \"Version\": \"2012-10-17\"\n}\n"
	assert.Equal(t, want, string(Format(f)))
	again, err := Parse("t", Format(f))
	require.NoError(t, err)
	assert.Equal(t, want, string(Format(again)), "formatting is idempotent")
	var echoes []string
	for _, l := range f.Lines {
		if l.Stmt != nil {
			echoes = append(echoes, Source(l.Stmt))
		}
	}
	assert.Equal(t, []string{`account 1 alias "x"`, `user a path /p/ tags k=v`, `as a: s3:GetObject on r from 1.2.3.4 context {"k":1}`,
		`policy P = {"Version":"2012-10-17"}`}, echoes, "echoes are one line, short JSON compacted")
}

// corpusScenarios returns the scenarios of the golden corpus, the seeds of
// the fuzz tests.
func corpusScenarios(t testing.TB) map[string][]byte {
	paths, err := filepath.Glob("../../testdata/*.txtar")
	require.NoError(t, err)
	out := map[string][]byte{}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		require.NoError(t, err)
		for _, f := range a.Files {
			if f.Name == "scenario.iamlab" {
				out[p] = f.Data
			}
		}
	}
	return out
}

func TestFormatCorpusIdempotent(t *testing.T) {
	p, err := NewParser()
	require.NoError(t, err)
	for name, src := range corpusScenarios(t) {
		f, err := p.Parse(name, src)
		if err != nil {
			continue
		}
		once := Format(f)
		f2, err := p.Parse(name, once)
		require.NoError(t, err, name)
		assert.Equal(t, string(once), string(Format(f2)), name)
	}
}

func FuzzParse(f *testing.F) {
	for _, src := range corpusScenarios(f) {
		f.Add(src)
	}
	f.Add([]byte("as a: s3:x on y\nexpect allow explain\n{\n\"\\"))
	p, err := NewParser()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, src []byte) {
		file, err := p.Parse("fuzz", src)
		if file == nil {
			t.Fatal("Parse returned no file")
		}
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("a parse error is an ErrorList: %v", err)
			}
			return
		}
		once := Format(file)
		again, err := p.Parse("fuzz", once)
		if err != nil {
			t.Fatalf("the formatted scenario does not parse: %v\n%s", err, once)
		}
		if twice := Format(again); string(twice) != string(once) {
			t.Fatalf("formatting is not idempotent:\n%s\n---\n%s", once, twice)
		}
		for _, l := range file.Lines {
			if l.Stmt != nil {
				_ = Source(l.Stmt)
			}
		}
	})
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}

func TestErrorListMessage(t *testing.T) {
	l := ErrorList{{Pos: Pos{Filename: "f", Line: 1, Column: 2}, Msg: "a"}, {Pos: Pos{Line: 3, Column: 4}, Msg: "b"}}
	assert.Equal(t, "f:1:2: a\n3:4: b", l.Error())
	assert.True(t, strings.Contains(l.Error(), "3:4"))
}

func FuzzLex(f *testing.F) {
	for _, src := range corpusScenarios(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		groups, _ := lexLines("fuzz", string(src))
		for _, g := range groups {
			if len(g) < 2 || g[len(g)-2].Type != tokEOL {
				t.Fatalf("a line's tokens end with EOL and EOF: %v", g)
			}
		}
	})
}
