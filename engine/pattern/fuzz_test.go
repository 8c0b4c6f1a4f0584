package pattern_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/pattern"
)

// The naive reference: a pattern is a list of units (a character, '?' or
// '*'), matched against the characters of the input by dynamic programming
// over every pair of positions. A character is a rune as utf8.DecodeRune
// reads it, kept as its bytes, so a byte that is not valid UTF-8 is a
// character of its own. Literal text and substituted values are split into
// characters separately.

type refUnit struct {
	kind byte   // 'c' character, '?' or '*'
	char string // kind 'c'
}

type refTok struct {
	kind   byte // 'l' literal, 'v' variable, '?', '*'
	text   string
	key    string
	def    string
	hasDef bool
}

var refVariable = regexp.MustCompile(`^\$\{([^},]*)(?:,[ \t]*'([^']*)'[ \t]*)?\}`)

// refCompile lexes s with a regular expression for the variable syntax of
// reference_policies_variables.md.
func refCompile(s string, o pattern.Options) ([]refTok, bool) {
	var toks []refTok
	for i := 0; i < len(s); {
		switch {
		case o.Wildcards && (s[i] == '*' || s[i] == '?'):
			toks = append(toks, refTok{kind: s[i]})
			i++
		case o.Variables && strings.HasPrefix(s[i:], "${"):
			m := refVariable.FindStringSubmatchIndex(s[i:])
			if m == nil {
				return nil, false
			}
			key := s[i+m[2] : i+m[3]]
			hasDef := m[4] >= 0
			special := key == "*" || key == "?" || key == "$"
			switch {
			case key == "", strings.Trim(key, " \t") != key,
				!special && strings.ContainsAny(key, "${'"),
				special && hasDef:
				return nil, false
			case special:
				toks = append(toks, refTok{kind: 'l', text: key})
			default:
				t := refTok{kind: 'v', key: key, hasDef: hasDef}
				if hasDef {
					t.def = s[i+m[4] : i+m[5]]
				}
				toks = append(toks, t)
			}
			i += m[1]
		default:
			toks = append(toks, refTok{kind: 'l', text: s[i : i+1]})
			i++
		}
	}
	// Join adjacent literal bytes so that multi-byte characters decode whole.
	var out []refTok
	for _, t := range toks {
		if t.kind == 'l' && len(out) > 0 && out[len(out)-1].kind == 'l' {
			out[len(out)-1].text += t.text
			continue
		}
		out = append(out, t)
	}
	return out, true
}

func refChars(s string) []string {
	var cs []string
	for len(s) > 0 {
		_, n := utf8.DecodeRuneInString(s)
		cs = append(cs, s[:n])
		s = s[n:]
	}
	return cs
}

func refLookup(ctx pattern.Context, key string) (string, bool) {
	if ctx == nil {
		return "", false
	}
	vs, ok := ctx.ContextValues(key)
	if !ok || len(vs) != 1 {
		return "", false
	}
	return vs[0], true
}

// refMatch is the reference for Pattern.Match.
func refMatch(toks []refTok, fold bool, s string, ctx pattern.Context) (bool, bool) {
	var units []refUnit
	for _, t := range toks {
		text := t.text
		switch t.kind {
		case '?', '*':
			units = append(units, refUnit{kind: t.kind})
			continue
		case 'v':
			v, ok := refLookup(ctx, t.key)
			switch {
			case ok:
				text = v
			case t.hasDef:
				text = t.def
			default:
				return false, false
			}
		}
		for _, c := range refChars(text) {
			units = append(units, refUnit{kind: 'c', char: c})
		}
	}
	chars := refChars(s)
	// ok[i][j]: units[i:] match chars[j:].
	ok := make([][]bool, len(units)+1)
	for i := range ok {
		ok[i] = make([]bool, len(chars)+1)
	}
	ok[len(units)][len(chars)] = true
	for i := len(units) - 1; i >= 0; i-- {
		for j := len(chars); j >= 0; j-- {
			u := units[i]
			switch {
			case u.kind == '*':
				ok[i][j] = ok[i+1][j] || (j < len(chars) && ok[i][j+1])
			case j == len(chars):
				ok[i][j] = false
			case u.kind == '?':
				ok[i][j] = ok[i+1][j+1]
			case fold:
				ok[i][j] = strings.EqualFold(u.char, chars[j]) && ok[i+1][j+1]
			default:
				ok[i][j] = u.char == chars[j] && ok[i+1][j+1]
			}
		}
	}
	return ok[0][0], true
}

// refRegexp translates a pattern without variables into a regular
// expression, a second reference for valid UTF-8.
func refRegexp(toks []refTok, fold bool) *regexp.Regexp {
	var b strings.Builder
	b.WriteString(`^(?s)`)
	if fold {
		b.WriteString(`(?i)`)
	}
	for _, t := range toks {
		switch t.kind {
		case '*':
			b.WriteString(`.*`)
		case '?':
			b.WriteString(`.`)
		default:
			b.WriteString(regexp.QuoteMeta(t.text))
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String())
}

func FuzzMatch(f *testing.F) {
	seeds := []struct {
		pattern, input, user string
		opts                 byte
	}{
		{"arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", "", 1},
		{"arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1-test/object.jpg", "", 1},
		{"arn:aws:s3:::mybucket/${aws:username}/*", "arn:aws:s3:::mybucket/David/notes", "David", 3},
		{"arn:aws:s3:::mybucket/${aws:username}/*", "arn:aws:s3:::mybucket/*/notes", "*", 3},
		{"arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}", "arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide", "", 3},
		{"arn:aws:sqs:us-east-2:*:${aws:username}-queue", "arn:aws:sqs:us-east-2:123456789012:Adele-queue", "Adele", 3},
		{"${aws:PrincipalTag/team}", "yellow", "", 2},
		{"${multi, 'd'}*${empty}", "d", "", 3},
		{"a${*}b${?}c${$}", "a*b?c$", "", 3},
		{"iam:*AccessKey*", "iam:CreateAccessKey", "", 1},
		{"iamuser-admin", "IAMUser-Admin", "", 6},
		{"*/ÉTÉ/?", "x/été/1", "", 5},
		{"k*ſ", "\u212aS", "", 5},
		{"*?x*", "ax", "", 1},
		{"a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaa", "", 1},
		{"home/${aws:username}", "home/${aws:username}", "", 1},
		{"*\xe2*", "\xe2\x82\xac", "", 1},
		{"${aws:username}\xac", "\xe2\x82\xac", "\xe2\x82", 3},
		{"prefix/${aws:username", "", "", 3},
		{"${k, 'a}b'}", "a}b", "", 3},
	}
	for _, s := range seeds {
		f.Add(s.pattern, s.input, s.user, s.opts)
	}
	f.Fuzz(func(t *testing.T, src, input, user string, bits byte) {
		o := pattern.Options{Wildcards: bits&1 != 0, Variables: bits&2 != 0, FoldCase: bits&4 != 0}
		ctx := keys{
			"aws:username":          {user},
			"aws:PrincipalTag/team": {"yellow"},
			"multi":                 {"a", "b"},
			"empty":                 {""},
			"none":                  {},
		}
		p, err := pattern.Compile(src, o)
		toks, refOK := refCompile(src, o)
		if err != nil {
			var se *pattern.SyntaxError
			require.True(t, errors.As(err, &se), "error type %T", err)
			require.GreaterOrEqual(t, se.Offset, 0)
			require.LessOrEqual(t, se.Offset, len(src))
			require.False(t, refOK, "Compile rejects what the reference accepts: %v", err)
			return
		}
		require.True(t, refOK, "Compile accepts what the reference rejects")
		require.Equal(t, src, p.String())

		for _, c := range []pattern.Context{ctx, nil} {
			m, r := p.Match(input, c)
			wm, wr := refMatch(toks, o.FoldCase, input, c)
			require.Equal(t, wr, r, "resolved")
			require.Equal(t, wm, m, "matched")
			require.Equal(t, r, p.Resolves(c))
			if p.IsMatchAll() {
				require.True(t, m)
			}

			// A pattern matches its own expansion when every piece of
			// text decodes the same alone as in the whole.
			exp, ok := p.Expand(c)
			require.Equal(t, r, ok, "Expand resolves like Match")
			if ok && utf8.ValidString(src) && utf8.ValidString(user) {
				m, r := p.Match(exp, c)
				require.True(t, m && r, "no match for expansion %q", exp)
			}
		}

		if !p.HasVariables() && utf8.ValidString(src) && utf8.ValidString(input) {
			m, _ := p.Match(input, nil)
			require.Equal(t, refRegexp(toks, o.FoldCase).MatchString(input), m, "regexp disagrees")
		}
	})
}
