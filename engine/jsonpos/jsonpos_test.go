package jsonpos

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePositions(t *testing.T) {
	src := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ {\"Effect\": \"Allow\", \"n\": 10.5e1} ]\n}"
	v, err := Parse([]byte(src))
	require.NoError(t, err)
	require.Equal(t, Object, v.Kind)
	assert.Equal(t, Position{Offset: 0, Line: 1, Column: 1}, v.Start)
	assert.Equal(t, Position{Offset: len(src), Line: 4, Column: 2}, v.End)

	ver := v.Member("Version")
	require.NotNil(t, ver)
	assert.Equal(t, "2012-10-17", ver.Value.Text)
	assert.Equal(t, Position{Offset: 4, Line: 2, Column: 3}, ver.KeyPos)
	assert.Equal(t, 2, ver.Value.Start.Line)
	assert.Equal(t, 14, ver.Value.Start.Column)

	st := v.Member("Statement").Value
	require.Len(t, st.Elems, 1)
	obj := st.Elems[0]
	assert.Equal(t, Position{Offset: 46, Line: 3, Column: 18}, obj.Start)
	assert.Equal(t, "10.5e1", obj.Member("n").Value.Text)
	assert.Equal(t, Number, obj.Member("n").Value.Kind)
	assert.Nil(t, v.Member("Missing"))
}

func TestParseStrings(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"plain", `"abc"`, "abc"},
		{"escapes", `"a\"b\\c\/d\n\t"`, "a\"b\\c/d\n\t"},
		{"unicode escape", `"\u00e9"`, "é"},
		{"surrogate pair", `"\ud83d\ude00"`, "😀"},
		{"lone surrogate", `"\ud83d"`, "\uFFFD"},
		{"raw UTF-8", `"日本"`, "日本"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := Parse([]byte(tt.src))
			require.NoError(t, err)
			assert.Equal(t, tt.want, v.Text)
		})
	}
}

func TestParseColumnsCountCharacters(t *testing.T) {
	v, err := Parse([]byte(`{"é": "ü", "k": 1}`))
	require.NoError(t, err)
	assert.Equal(t, 12, v.Member("k").KeyPos.Column)
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", ``, "1:1: unexpected end of input, expected a value"},
		{"trailing comma", "{\"a\": 1,}", `1:9: unexpected '}', expected a quoted object key`},
		{"missing colon", `{"a" 1}`, `1:6: unexpected '1', expected ':' after object key`},
		{"unterminated string", `"abc`, "1:5: unterminated string"},
		{"bad literal", `tru`, `1:1: unexpected 't', expected a value`},
		{"bad escape", `"\x"`, `1:3: invalid escape \x in string`},
		{"control char", "\"a\nb\"", `1:3: control character '\n' in string (escape it)`},
		{"leading zero ok then junk", `01`, `1:2: unexpected '1' after the JSON value`},
		{"second value", "{} {}", `1:4: unexpected '{' after the JSON value`},
		{"array junk", "[1 2]", `1:4: unexpected '2', expected ',' or ']'`},
		{"bad exponent", "1e", `1:3: malformed number: expected a digit in the exponent, got end of input`},
		{"single quotes", `{'a': 1}`, `1:2: unexpected '\'', expected a quoted object key`},
		{"invalid utf8", "\"\xff\"", "1:2: invalid UTF-8 in string"},
		{"line counting", "{\n\n  \"a\": ,}", "3:8: unexpected ',', expected a value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src))
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
			var se *SyntaxError
			assert.ErrorAs(t, err, &se)
		})
	}
}

func TestParseDepthLimit(t *testing.T) {
	deep := strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1)
	_, err := Parse([]byte(deep))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nested more than")

	ok := strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth)
	_, err = Parse([]byte(ok))
	assert.NoError(t, err)
}

func TestParseKeepsDuplicateKeysInOrder(t *testing.T) {
	v, err := Parse([]byte(`{"a": 1, "b": 2, "a": 3}`))
	require.NoError(t, err)
	require.Len(t, v.Members, 3)
	assert.Equal(t, "a", v.Members[2].Key)
	assert.Equal(t, "1", v.Member("a").Value.Text, "Member returns the first")
}

// reference_iam-quotas.md: "IAM does not count white space when calculating
// the size of a policy against these limits."
func TestCountNonSpace(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{`{}`, 2},
		{"{ \n\t\"a\" : \"b c\" }", 11},
		{`{"a":"\" x"}`, 12},
		{`"é"`, 3},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, CountNonSpace([]byte(tt.src)), tt.src)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`,
		`[1, -2.5e+3, true, false, null, "x\u00e9\ud83d\ude00"]`,
		`{"a":{"b":[{}]}}`, `"\\"`, `{"a" 1}`, "\xff", `[[[[`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		// Our reader is stricter than encoding/json only on nesting depth
		// and on invalid UTF-8, which encoding/json replaces silently.
		if json.Valid(data) {
			if err != nil {
				var se *SyntaxError
				require.ErrorAs(t, err, &se)
				stricter := strings.Contains(err.Error(), "nested more than") || strings.Contains(err.Error(), "invalid UTF-8")
				require.True(t, stricter, "valid JSON rejected: %v", err)
			}
		} else {
			require.Error(t, err, "invalid JSON accepted")
		}
		if err != nil {
			return
		}
		require.NotNil(t, v)
		require.LessOrEqual(t, v.End.Offset, len(data))
		require.LessOrEqual(t, v.Start.Offset, v.End.Offset)
		if v.Kind == String {
			var s string
			require.NoError(t, json.Unmarshal(data, &s))
			require.Equal(t, strings.ToValidUTF8(s, "\uFFFD"), strings.ToValidUTF8(v.Text, "\uFFFD"))
		}
	})
}

func TestPositionAt(t *testing.T) {
	src := []byte("{\n  \"é\": 1,\n  \"k\": x}")
	tests := []struct {
		off  int
		want Position
	}{
		{0, Position{Offset: 0, Line: 1, Column: 1}},
		{2, Position{Offset: 2, Line: 2, Column: 1}},
		{bytesIndex(src, "k"), Position{Offset: bytesIndex(src, "k"), Line: 3, Column: 4}},
		{bytesIndex(src, "1"), Position{Offset: bytesIndex(src, "1"), Line: 2, Column: 8}},
		{1000, Position{Offset: len(src), Line: 3, Column: 10}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, PositionAt(src, tt.off), "offset %d", tt.off)
	}
	// The parser and PositionAt agree on where things are.
	_, err := Parse(src)
	var se *SyntaxError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, se.Pos, PositionAt(src, se.Pos.Offset))
}

func bytesIndex(b []byte, s string) int { return strings.Index(string(b), s) }
