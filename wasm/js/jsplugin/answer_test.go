package jsplugin_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/wasm/js/jsplugin"
)

func TestParseAnswer(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		kind    jsplugin.AnswerKind
		want    jsplugin.Answer
		wantErr string
	}{
		{"match", `{"match":true}`, jsplugin.MatchAnswer, jsplugin.Answer{Match: true, Index: -1}, ""},
		{"no match, spaced", `{ "match" : false } `, jsplugin.MatchAnswer, jsplugin.Answer{Index: -1}, ""},
		{"an error", `{"error":"not a range\u0007"}`, jsplugin.MatchAnswer, jsplugin.Answer{Err: "not a range", Index: -1}, ""},
		{"valid", `{"ok":true}`, jsplugin.ValidateAnswer, jsplugin.Answer{Index: -1}, ""},
		{"a refused value", `{"error":"bad","index":1}`, jsplugin.ValidateAnswer, jsplugin.Answer{Err: "bad", Index: 1}, ""},
		{"not JSON", `yes`, jsplugin.MatchAnswer, jsplugin.Answer{}, "not a JSON object"},
		{"both", `{"match":true,"error":"x"}`, jsplugin.MatchAnswer, jsplugin.Answer{}, `exactly one of "match" and "error"`},
		{"neither", `{}`, jsplugin.MatchAnswer, jsplugin.Answer{}, `exactly one of "match" and "error"`},
		{"twice", `{"match":true,"match":false}`, jsplugin.MatchAnswer, jsplugin.Answer{}, "appears twice"},
		{"a string for a boolean", `{"match":"true"}`, jsplugin.MatchAnswer, jsplugin.Answer{}, `"match" must be true or false`},
		{"another member", `{"match":true,"why":1}`, jsplugin.MatchAnswer, jsplugin.Answer{}, `unexpected member "why"`},
		{"ok in a match", `{"ok":true}`, jsplugin.MatchAnswer, jsplugin.Answer{}, `unexpected member "ok"`},
		{"text after", `{"match":true}{}`, jsplugin.MatchAnswer, jsplugin.Answer{}, "text after"},
		{"a negative index", `{"error":"bad","index":-1}`, jsplugin.ValidateAnswer, jsplugin.Answer{}, "non-negative integer"},
		{"an index alone", `{"ok":true,"index":0}`, jsplugin.ValidateAnswer, jsplugin.Answer{}, `"index" comes only with "error"`},
		{"not UTF-8", "{\"error\":\"\xff\"}", jsplugin.MatchAnswer, jsplugin.Answer{}, "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := jsplugin.ParseAnswer([]byte(tt.in), tt.kind)
			if tt.wantErr != "" {
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, a)
		})
	}
}

func TestCleanMessage(t *testing.T) {
	assert.Equal(t, "(no message)", jsplugin.CleanMessage(" \n"))
	long := jsplugin.CleanMessage(strings.Repeat("é", 400))
	assert.LessOrEqual(t, len(long), jsplugin.MaxErrorMessage+len("…"))
	assert.True(t, strings.HasSuffix(long, "…"))
}

func TestParseOperators(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr string
	}{
		{`["CidrOverlaps"]`, []string{"CidrOverlaps"}, ""},
		{`["A","B1"] `, []string{"A", "B1"}, ""},
		{`[]`, nil, "no operators"},
		{`["cidr"]`, nil, "capital letter"},
		{`["MatchIfExists"]`, nil, "IfExists"},
		{`["A","A"]`, nil, "declared twice"},
		{`{"A":1}`, nil, "not a JSON array"},
		{`["A"]x`, nil, "not a JSON array"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := jsplugin.ParseOperators([]byte(tt.in))
			if tt.wantErr != "" {
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func FuzzParseAnswer(f *testing.F) {
	for _, s := range []string{`{"match":true}`, `{"error":"x","index":2}`, `{"ok":true}`, `{`, `{"match":true}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, k := range []jsplugin.AnswerKind{jsplugin.MatchAnswer, jsplugin.ValidateAnswer} {
			a, err := jsplugin.ParseAnswer(b, k)
			if err == nil && a.Err == "" && k == jsplugin.ValidateAnswer && a.Index != -1 {
				t.Fatalf("an index without an error: %+v", a)
			}
		}
	})
}

func TestDeclaredOperatorsFailClosed(t *testing.T) {
	d, err := jsplugin.NewDeclared([]string{"Plugin:CidrOverlaps", "RegexMatch"})
	require.NoError(t, err)
	op, ok := d.Lookup("CidrOverlaps")
	require.True(t, ok)
	matched, err := op.Match("10.0.0.0/8", []string{"10.0.0.0/8"})
	assert.False(t, matched)
	assert.ErrorIs(t, err, jsplugin.ErrUnavailable)
	_, ok = d.Lookup("Hours")
	assert.False(t, ok)
	_, err = jsplugin.NewDeclared([]string{"Plugin:bad"})
	assert.Error(t, err)
}
