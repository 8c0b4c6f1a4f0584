package pattern_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/pattern"
)

const (
	docVariables = "reference_policies_variables.md"
	docResource  = "reference_policies_elements_resource.md"
	docOperators = "reference_policies_elements_condition_operators.md"
)

var (
	like       = pattern.Options{Wildcards: true, Variables: true}
	likeV1     = pattern.Options{Wildcards: true}
	equals     = pattern.Options{Variables: true}
	ignoreCase = pattern.Options{Variables: true, FoldCase: true}
	likeFold   = pattern.Options{Wildcards: true, Variables: true, FoldCase: true}
)

var david = keys{
	"aws:username":          {"David"},
	"aws:PrincipalTag/team": {"yellow"},
	"aws:userid":            {"AIDAEXAMPLE"},
	"aws:SourceIp":          {"192.0.2.1", "198.51.100.1"}, // multivalued
	"aws:PrincipalTag/none": {},                            // present, no value
	"star":                  {"*"},
	"question":              {"?"},
	"empty":                 {""},
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		pattern string
		opts    pattern.Options
		ctx     pattern.Context
		input   string
		matched bool
		unres   bool // resolved == false
	}{
		// Wildcards within and across delimiters.
		{"star crosses slashes", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", like, nil, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/test/object.jpg", true, false},
		{"star crosses several slashes", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", like, nil, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", true, false},
		{"star spans empty path parts", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", like, nil, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1///test///object.jpg", true, false},
		{"star matches empty leading part", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", like, nil, "arn:aws:s3:::DOC-EXAMPLE-BUCKET//test/object.jpg", true, false},
		{"trailing star matches empty", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", like, nil, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/test/", true, false},
		{"slash is not optional", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", like, nil, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1-test/object.jpg", false, false},
		{"middle part is required", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", like, nil, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/test/object.jpg", false, false},
		{"test is a directory, not a prefix", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", like, nil, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test.jpg", false, false},
		{"star crosses colons in a string", docOperators, "arn:aws:someservice:*:111122223333:finance/*", like, nil, "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", true, false},
		{"question mark is one character", docOperators, "us-east-?", like, nil, "us-east-2", true, false},
		{"question mark is not zero characters", docOperators, "us-east-?", like, nil, "us-east-", false, false},
		{"question mark is one rune", docOperators, "caf?", like, nil, "café", true, false},
		{"question mark is not two characters", docOperators, "us-east-?", like, nil, "us-east-12", false, false},
		{"lone star matches empty", docOperators, "*", like, nil, "", true, false},
		{"stars in a row", docOperators, "a**b", like, nil, "ab", true, false},
		{"star then question", docOperators, "*?x", like, nil, "ax", true, false},
		{"star then question needs a character", docOperators, "*?x", like, nil, "x", false, false},
		{"like is case-sensitive", docOperators, "David/*", like, nil, "david/notes", false, false},
		{"iam action pattern", docVariables, "iam:*AccessKey*", like, nil, "iam:CreateAccessKey", true, false},
		{"iam action pattern needs the infix", docVariables, "iam:*AccessKey*", like, nil, "iam:CreateUser", false, false},
		{"suffix", docOperators, "*.jpg", like, nil, "a/b.jpg", true, false},
		{"suffix mismatch", docOperators, "*.jpg", like, nil, "a/b.png", false, false},

		// Exact operators: no wildcards.
		{"equals is exact", docOperators, "iamuser-admin", equals, nil, "iamuser-admin", true, false},
		{"equals is case-sensitive", docOperators, "iamuser-admin", equals, nil, "IAMUser-Admin", false, false},
		{"equals treats star as literal", docOperators, "a*", equals, nil, "a*", true, false},
		{"equals star does not match a run", docOperators, "a*", equals, nil, "abc", false, false},
		{"ignore case", docOperators, "iamuser-admin", ignoreCase, nil, "IAMUser-Admin", true, false},
		{"ignore case uses simple folding", docOperators, "straße", ignoreCase, nil, "STRASSE", false, false},
		{"ignore case folds Kelvin sign", docOperators, "k", ignoreCase, nil, "\u212a", true, false},
		{"ignore case prefix", docOperators, "David/*", likeFold, nil, "DAVID/notes", true, false},
		{"ignore case general", docOperators, "*/ÉTÉ/?", likeFold, nil, "x/été/1", true, false},

		// Policy variables.
		{"variable in resource", docVariables, "arn:aws:s3:::mybucket/${aws:username}/*", like, david, "arn:aws:s3:::mybucket/David/notes.txt", true, false},
		{"variable is another user", docVariables, "arn:aws:s3:::mybucket/${aws:username}/*", like, david, "arn:aws:s3:::mybucket/Adele/notes.txt", false, false},
		{"variable key is case-insensitive", docVariables, "home/${AWS:UserName}", like, david, "home/David", true, false},
		{"variable value is case-sensitive", docVariables, "home/${aws:username}", like, david, "home/david", false, false},
		{"variable value folds under ignore case", docVariables, "home/${aws:username}", ignoreCase, david, "HOME/DAVID", true, false},
		{"tag as variable", docVariables, "arn:aws:s3:::bucket/${aws:PrincipalTag/team}", like, david, "arn:aws:s3:::bucket/yellow", true, false},
		{"variable with no value does not match", docVariables, "arn:aws:s3:::bucket/${aws:PrincipalTag/department}", like, david, "arn:aws:s3:::bucket/", false, true},
		{"unresolved matches nothing, not even star", docVariables, "*${aws:PrincipalTag/department}*", like, david, "anything", false, true},
		{"unresolved is reported even when the prefix differs", docVariables, "x${aws:PrincipalTag/department}", like, david, "y", false, true},
		{"present key with no value is unresolved", docVariables, "${aws:PrincipalTag/none}", like, david, "", false, true},
		{"multivalued key cannot be a variable", docVariables, "${aws:SourceIp}", like, david, "192.0.2.1", false, true},
		{"nil context resolves nothing", docVariables, "${aws:username}", like, nil, "David", false, true},
		{"default used when unresolved", docVariables, "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team2, 'company-wide'}", like, david, "arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide", true, false},
		{"default not used when resolved", docVariables, "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}", like, david, "arn:aws:s3:::DOC-EXAMPLE-BUCKET-yellow", true, false},
		{"default used with nil context", docVariables, "b-${aws:PrincipalTag/team, 'company-wide'}", like, nil, "b-company-wide", true, false},
		{"default used for multivalued key", docVariables, "${aws:SourceIp, 'none'}", like, david, "none", true, false},
		{"default holds wildcard characters literally", docVariables, "${k, 'a*'}", like, nil, "a*", true, false},
		{"default star is not a wildcard", docVariables, "${k, 'a*'}", like, nil, "abc", false, false},
		{"empty default", docVariables, "x${k, ''}y", like, nil, "xy", true, false},
		{"empty value", docVariables, "x${empty}y", like, david, "xy", true, false},
		{"substituted star is literal", docVariables, "home/${star}", like, david, "home/*", true, false},
		{"substituted star matches no run", docVariables, "home/${star}", like, david, "home/bob", false, false},
		{"substituted question mark is literal", docVariables, "${question}", like, david, "x", false, false},
		{"variable in condition value", docVariables, "https://example.com/${aws:username}/", like, david, "https://example.com/David/", true, false},
		{"variable between stars", docVariables, "*/${aws:username}/*", like, david, "a/b/David/c", true, false},
		{"variable at end after star", docVariables, "*-${aws:username}", like, david, "queue-David", true, false},
		{"variable at end after star, mismatch", docVariables, "*-${aws:username}", like, david, "queue-Davidx", false, false},
		{"variables in exact operator", docVariables, "${aws:username}-${aws:userid}", equals, david, "David-AIDAEXAMPLE", true, false},
		{"special star", docVariables, "a${*}b", like, nil, "a*b", true, false},
		{"special star is not a wildcard", docVariables, "a${*}b", like, nil, "axb", false, false},
		{"special question mark", docVariables, "a${?}", like, nil, "a?", true, false},
		{"special question mark is not a wildcard", docVariables, "a${?}", like, nil, "ab", false, false},
		{"special dollar", docVariables, "${$}{x}", like, nil, "${x}", true, false},
		{"special star then wildcard", docVariables, "${*}*", like, nil, "*abc", true, false},
		{"no variables before version 2012-10-17", docVariables, "home/${aws:username}", likeV1, david, "home/${aws:username}", true, false},
		{"no variables before version 2012-10-17, no substitution", docVariables, "home/${aws:username}", likeV1, david, "home/David", false, false},
		{"lone dollar is literal", docVariables, "a$b", like, nil, "a$b", true, false},
		{"closing brace alone is literal", docVariables, "a}b", like, nil, "a}b", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := pattern.Compile(tt.pattern, tt.opts)
			require.NoError(t, err, tt.doc)
			matched, resolved := p.Match(tt.input, tt.ctx)
			assert.Equal(t, tt.matched, matched, "matched; %s", tt.doc)
			assert.Equal(t, !tt.unres, resolved, "resolved; %s", tt.doc)
			assert.Equal(t, !tt.unres, p.Resolves(tt.ctx), "Resolves; %s", tt.doc)
		})
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		pattern string
		offset  int
		err     string
	}{
		{"unterminated", docVariables, "prefix/${aws:username", 7, `offset 7: unterminated policy variable "${aws:username"`},
		{"unterminated at end", docVariables, "a${", 1, `offset 1: unterminated policy variable "${"`},
		{"empty", docVariables, "a/${}", 2, `offset 2: empty policy variable "${}"`},
		{"no key before default", docVariables, "${, 'x'}", 0, `offset 0: policy variable has no key before its default`},
		{"default not quoted", docVariables, "${aws:PrincipalTag/team, company-wide}", 25, `offset 25: policy variable default must be in single quotes, as in "${key, 'default'}"`},
		{"default in double quotes", docVariables, `${k, "d"}`, 5, `offset 5: policy variable default must be in single quotes, as in "${key, 'default'}"`},
		{"default not closed", docVariables, "${k, 'abc}", 5, `offset 5: policy variable default has no closing quote`},
		{"text after default", docVariables, "${k, 'a'b}", 8, `offset 8: expected '}' after policy variable default, found 'b'`},
		{"unterminated after default", docVariables, "${k, 'a'", 0, `offset 0: unterminated policy variable "${k, 'a'"`},
		{"unterminated after comma", docVariables, "${k, ", 0, `offset 0: unterminated policy variable "${k, "`},
		{"space before key", docVariables, "${ aws:username}", 2, `offset 2: policy variable key " aws:username" has leading or trailing space`},
		{"space before comma", docVariables, "${k , 'd'}", 2, `offset 2: policy variable key "k " has leading or trailing space`},
		{"nested variable", docVariables, "${a${b}", 3, `offset 3: character '$' not allowed in policy variable key "a${b"`},
		{"quote in key", docVariables, "${a'b}", 3, `offset 3: character '\'' not allowed in policy variable key "a'b"`},
		{"special with default", docVariables, "${*, 'x'}", 3, `offset 3: special policy variable "${*}" takes no default`},
		{"long input is cut in the message", docVariables, "${" + string(make([]byte, 100)), 0, `offset 0: unterminated policy variable "${\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"...`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := pattern.Compile(tt.pattern, like)
			require.Error(t, err, tt.doc)
			var se *pattern.SyntaxError
			require.True(t, errors.As(err, &se), tt.doc)
			assert.Equal(t, tt.offset, se.Offset, tt.doc)
			assert.Equal(t, tt.err, err.Error(), tt.doc)

			// Without variables the same text is literal and compiles.
			p, err := pattern.Compile(tt.pattern, likeV1)
			require.NoError(t, err, tt.doc)
			assert.Equal(t, tt.pattern, p.String())
		})
	}
}

func TestVariables(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		pattern string
		want    []string
	}{
		{"none", docVariables, "arn:aws:s3:::bucket/*", nil},
		{"one", docVariables, "arn:aws:s3:::mybucket/${aws:username}/*", []string{"aws:username"}},
		{"in order, deduplicated case-insensitively, as first written", docVariables, "${aws:PrincipalTag/team}/${AWS:UserName}/${aws:username}/${aws:principaltag/TEAM, 'x'}", []string{"aws:PrincipalTag/team", "AWS:UserName"}},
		{"specials are not keys", docVariables, "${*}${?}${$}", nil},
		{"key with default", docVariables, "${aws:PrincipalTag/team, 'company-wide'}", []string{"aws:PrincipalTag/team"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := pattern.Compile(tt.pattern, like)
			require.NoError(t, err, tt.doc)
			assert.Equal(t, tt.want, p.Variables(), tt.doc)
			assert.Equal(t, len(tt.want) > 0, p.HasVariables(), tt.doc)
		})
	}
}

func TestVariablesIsACopy(t *testing.T) {
	// reference_policies_variables.md: a pattern is compiled once and shared.
	p, err := pattern.Compile("${aws:username}", like)
	require.NoError(t, err)
	p.Variables()[0] = "changed"
	assert.Equal(t, []string{"aws:username"}, p.Variables())
}

func TestExpand(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		pattern string
		opts    pattern.Options
		ctx     pattern.Context
		want    string
		ok      bool
	}{
		{"variable and wildcard", docVariables, "arn:aws:s3:::mybucket/${aws:username}/*", like, david, "arn:aws:s3:::mybucket/David/*", true},
		{"default", docVariables, "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/dept, 'company-wide'}", like, david, "arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide", true},
		{"unresolved", docVariables, "home/${aws:PrincipalTag/dept}", like, david, "", false},
		{"nil context", docVariables, "home/${aws:username}", like, nil, "", false},
		{"specials", docVariables, "${*}${?}${$}", like, nil, "*?$", true},
		{"wildcards as written", docResource, "a**?b", like, nil, "a**?b", true},
		{"variables off", docVariables, "home/${aws:username}", likeV1, david, "home/${aws:username}", true},
		{"empty", docVariables, "", like, nil, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := pattern.Compile(tt.pattern, tt.opts)
			require.NoError(t, err, tt.doc)
			got, ok := p.Expand(tt.ctx)
			assert.Equal(t, tt.want, got, tt.doc)
			assert.Equal(t, tt.ok, ok, tt.doc)
		})
	}
}

func TestPredicates(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		pattern  string
		opts     pattern.Options
		wild     bool
		matchAll bool
	}{
		{"star", docResource, "*", like, true, true},
		{"star without wildcards", docOperators, "*", equals, false, false},
		{"two stars are not exactly star", docResource, "**", like, true, false},
		{"question mark", docOperators, "a?", like, true, false},
		{"special star is no wildcard", docVariables, "${*}", like, false, false},
		{"literal", docResource, "arn:aws:s3:::bucket", like, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := pattern.Compile(tt.pattern, tt.opts)
			require.NoError(t, err, tt.doc)
			assert.Equal(t, tt.wild, p.HasWildcards(), tt.doc)
			assert.Equal(t, tt.matchAll, p.IsMatchAll(), tt.doc)
			assert.Equal(t, tt.pattern, p.String(), tt.doc)
			assert.Equal(t, tt.opts, p.Options(), tt.doc)
		})
	}
}

func TestZeroPattern(t *testing.T) {
	// reference_policies_variables.md: an empty pattern is the empty literal.
	var p pattern.Pattern
	m, r := p.Match("", nil)
	assert.True(t, m)
	assert.True(t, r)
	m, _ = p.Match("x", nil)
	assert.False(t, m)
	assert.Equal(t, "", p.String())
	assert.Nil(t, p.Variables())
	assert.False(t, p.HasVariables())
	assert.False(t, p.HasWildcards())
	assert.False(t, p.IsMatchAll())
	assert.True(t, p.Resolves(nil))
	got, ok := p.Expand(nil)
	assert.Equal(t, "", got)
	assert.True(t, ok)
}

func TestManyVariables(t *testing.T) {
	// reference_policies_variables.md: any number of variables may appear;
	// beyond the inline limit they are looked up at each use.
	ctx := keys{}
	src, want := "", ""
	for i := range 12 {
		k := "k" + string(rune('a'+i))
		ctx[k] = []string{k + "v"}
		src += "${" + k + "}*"
		want += k + "v-"
	}
	p, err := pattern.Compile(src, like)
	require.NoError(t, err)
	require.Len(t, p.Variables(), 12)
	m, r := p.Match(want, ctx)
	assert.True(t, m)
	assert.True(t, r)
	m, r = p.Match(want[1:], ctx)
	assert.False(t, m)
	assert.True(t, r)
	delete(ctx, "kl")
	m, r = p.Match(want, ctx)
	assert.False(t, m)
	assert.False(t, r)
	assert.False(t, p.Resolves(ctx))
	allocs := testing.AllocsPerRun(100, func() { p.Match(want, ctx) })
	assert.Zero(t, allocs)
}

func TestMatchDoesNotAllocate(t *testing.T) {
	// reference_policies_variables.md: a policy is compiled once and matched
	// per request; matching must not allocate.
	tests := []struct {
		name    string
		pattern string
		opts    pattern.Options
		input   string
	}{
		{"literal", "arn:aws:s3:::bucket", like, "arn:aws:s3:::bucket"},
		{"literal fold", "arn:aws:s3:::bucket", ignoreCase, "ARN:aws:s3:::bucket"},
		{"match all", "*", like, "anything"},
		{"prefix", "arn:aws:s3:::bucket/*", like, "arn:aws:s3:::bucket/a/b"},
		{"prefix fold", "arn:aws:s3:::bucket/*", likeFold, "arn:aws:s3:::BUCKET/a/b"},
		{"wildcards", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", like, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg"},
		{"wildcards fold", "*/TEST/?*", likeFold, "a/b/test/x.jpg"},
		{"variable", "arn:aws:s3:::mybucket/${aws:username}", like, "arn:aws:s3:::mybucket/David"},
		{"variable and wildcards", "arn:aws:s3:::mybucket/${aws:username}/*", like, "arn:aws:s3:::mybucket/David/x"},
		{"variable after star", "*/${aws:username}/?", likeFold, "a/b/david/x"},
		{"unresolved", "arn:aws:s3:::mybucket/${aws:PrincipalTag/dept}/*", like, "arn:aws:s3:::mybucket/David/x"},
		{"default", "b-${aws:PrincipalTag/dept, 'company-wide'}*", like, "b-company-wide"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := pattern.Compile(tt.pattern, tt.opts)
			require.NoError(t, err)
			allocs := testing.AllocsPerRun(200, func() { p.Match(tt.input, david) })
			assert.Zero(t, allocs)
			allocs = testing.AllocsPerRun(200, func() { p.Match(tt.input, nil) })
			assert.Zero(t, allocs)
		})
	}
}

func TestMatchIsNotExponential(t *testing.T) {
	// reference_policies_elements_resource.md: several * in one segment are
	// allowed; a hostile pattern must still match in polynomial time.
	src := ""
	for range 30 {
		src += "a*"
	}
	p, err := pattern.Compile(src+"b", like)
	require.NoError(t, err)
	in := make([]byte, 10000)
	for i := range in {
		in[i] = 'a'
	}
	m, r := p.Match(string(in), nil)
	assert.False(t, m)
	assert.True(t, r)
}
