package abi

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// answerCases are the answers of the ABI, good and bad; they seed the fuzz
// test too.
var answerCases = []struct {
	name string
	kind Kind
	in   string
	want Answer // when err is ""
	err  string
}{
	{"match", MatchAnswer, `{"match":true}`, Answer{Match: true, Index: -1}, ""},
	{"no match", MatchAnswer, `{"match":false}`, Answer{Index: -1}, ""},
	{"white space", MatchAnswer, " {\n \"match\" : true } \n", Answer{Match: true, Index: -1}, ""},
	{"an error", MatchAnswer, `{"error":"bad value"}`, Answer{Err: "bad value", Index: -1}, ""},
	{"an escaped error", MatchAnswer, `{"error":"caf\u00e9 \"x\""}`, Answer{Err: `café "x"`, Index: -1}, ""},
	{"validated", ValidateAnswer, `{"ok":true}`, Answer{Index: -1}, ""},
	{"a refused value", ValidateAnswer, `{"error":"bad","index":2}`, Answer{Err: "bad", Index: 2}, ""},
	{"refused values", ValidateAnswer, `{"error":"bad"}`, Answer{Err: "bad", Index: -1}, ""},
	{"ok false", ValidateAnswer, `{"ok":false}`, Answer{}, `"ok" must be true`},
	{"a negative index", ValidateAnswer, `{"error":"bad","index":-1}`, Answer{}, `"index" must be a non-negative integer`},
	{"a fractional index", ValidateAnswer, `{"error":"bad","index":1.5}`, Answer{}, `"index" must be a non-negative integer`},
	{"a huge index", ValidateAnswer, `{"error":"bad","index":99999999999}`, Answer{}, `"index" must be a non-negative integer`},
	{"an index alone", ValidateAnswer, `{"ok":true,"index":0}`, Answer{}, `"index" comes only with "error"`},
	{"match in a validate answer", ValidateAnswer, `{"match":true}`, Answer{}, `unexpected member "match"`},
	{"a number for match", MatchAnswer, `{"match":1}`, Answer{}, `"match" must be true or false`},
	{"a number for error", MatchAnswer, `{"error":1}`, Answer{}, `"error" must be a string`},
	{"null for error", MatchAnswer, `{"error":null}`, Answer{}, `"error" must be a string`},
	{"empty", MatchAnswer, ``, Answer{}, "not a JSON object"},
	{"truncated", MatchAnswer, `{"match":tr`, Answer{}, "not a JSON object"},
	{"a string", MatchAnswer, `"match"`, Answer{}, "not a JSON object"},
	{"trailing text", MatchAnswer, `{"match":true} x`, Answer{}, "not a JSON object"},
	{"a duplicate", MatchAnswer, `{"error":"a","error":"b"}`, Answer{}, `member "error" appears twice`},
	{"a control character in the error", MatchAnswer, `{"error":"not a range\u0007"}`, Answer{Err: "not a range", Index: -1}, ""},
	{"ok in a match answer", MatchAnswer, `{"ok":true}`, Answer{}, `unexpected member "ok"`},
	{"a string for match", MatchAnswer, `{"match":"true"}`, Answer{}, `"match" must be true or false`},
	{"two objects", MatchAnswer, `{"match":true}{}`, Answer{}, "not a JSON object"},
	{"not UTF-8", MatchAnswer, "{\"error\":\"\xff\"}", Answer{}, "not valid UTF-8"},
}

func TestParseAnswer(t *testing.T) {
	for _, tt := range answerCases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAnswer([]byte(tt.in), tt.kind)
			if tt.err != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, ErrMalformed)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestParseOperators(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		err  string
	}{
		{`["CidrOverlaps"]`, []string{"CidrOverlaps"}, ""},
		{`["A","B9"]`, []string{"A", "B9"}, ""},
		{`[]`, nil, "declares no operators"},
		{`null`, nil, "declares no operators"},
		{`["a"]`, nil, "must start with a capital letter"},
		{`["MatchIfExists"]`, nil, "IfExists"},
		{`["A","A"]`, nil, "A is declared twice"},
		{`["A"`, nil, "not a JSON array of strings"},
		{`{"A":1}`, nil, "not a JSON array of strings"},
		{"[\"A\xff\"]", nil, "not valid UTF-8"},
		{`["A"]]`, nil, "text after the JSON value"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseOperators([]byte(tt.in))
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestCleanMessage(t *testing.T) {
	assert.Equal(t, "a b", CleanMessage("a\nb"))
	assert.Equal(t, "(no message)", CleanMessage(" \t"))
	assert.Equal(t, "\uFFFD", CleanMessage("\xff"))
	long := CleanMessage(strings.Repeat("é", 400))
	assert.LessOrEqual(t, len(long), MaxErrorMessage+len("…"))
	assert.True(t, strings.HasSuffix(long, "…"))
	assert.True(t, strings.HasPrefix(long, "éé"))
}

func TestEncodeRequest(t *testing.T) {
	v := "10.0.0.0/8"
	b, err := EncodeRequest(&v, []string{"a\"b"})
	require.NoError(t, err)
	assert.Equal(t, `{"value":"10.0.0.0/8","policy":["a\"b"]}`, string(b))
	b, err = EncodeRequest(nil, nil)
	require.NoError(t, err)
	assert.Equal(t, `{"policy":[]}`, string(b))
	_, err = EncodeRequest(&v, []string{strings.Repeat("x", MaxInput)})
	assert.ErrorContains(t, err, "over the limit")
}

func TestAllowedImports(t *testing.T) {
	got := AllowedImports()
	assert.Len(t, got, 15)
	assert.Equal(t, "wasi_snapshot_preview1.args_get", got[0])
	assert.NotContains(t, got, "wasi_snapshot_preview1.path_open")
	assert.NotContains(t, got, "wasi_snapshot_preview1.sock_accept")
}
