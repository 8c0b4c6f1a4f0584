package labbridge_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/wasm/js/labbridge"
)

type completionsResult struct {
	OK    bool                   `json:"ok"`
	Kind  string                 `json:"kind"`
	From  int                    `json:"from"`
	To    int                    `json:"to"`
	Items []labbridge.Completion `json:"items"`
	Error *struct{ Code, Message string }
}

// complete asks for completions where the document has "|", which is
// taken out.
func complete(t *testing.T, lab *labbridge.Lab, doc, typ string) completionsResult {
	t.Helper()
	i := strings.Index(doc, "|")
	require.GreaterOrEqual(t, i, 0, "the case marks the cursor with |")
	text := doc[:i] + doc[i+1:]
	in, err := json.Marshal(labbridge.CompletionsRequest{Policy: text, Offset: len(utf16.Encode([]rune(doc[:i]))), Type: typ})
	require.NoError(t, err)
	var r completionsResult
	out := lab.Completions(in)
	require.NoError(t, json.Unmarshal(out, &r), "not JSON: %s", out)
	return r
}

func labels(items []labbridge.Completion) []string {
	out := make([]string, len(items))
	for i, c := range items {
		out[i] = c.Label
	}
	return out
}

func find(items []labbridge.Completion, label string) (labbridge.Completion, bool) {
	for _, c := range items {
		if c.Label == label {
			return c, true
		}
	}
	return labbridge.Completion{}, false
}

// TestCompletions checks the bridge's shapes: the places and items
// themselves are engine/complete's, tested there.
func TestCompletions(t *testing.T) {
	lab := labbridge.New()
	tests := []struct {
		name, doc, typ, kind, label, itemType string
	}{
		{name: "statement element in a trust policy", doc: `{"Statement": [{"|"}]}`, typ: "trust", kind: "element", label: "Principal", itemType: "property"},
		{name: "actions", doc: `{"Statement": [{"Action": ["s3:Get|"]}]}`, kind: "action", label: "s3:GetObject", itemType: "function"},
		{name: "an ARN format is CodeMirror's type", doc: `{"Statement": [{"Principal": {"AWS": "|"}}]}`, typ: "resource", kind: "principal", label: "arn:aws:iam::${Account}:root", itemType: "type"},
		{name: "nothing outside a string", doc: `{"Statement": [{"Action": |}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := complete(t, lab, tt.doc, tt.typ)
			require.True(t, r.OK, "%+v", r.Error)
			assert.Equal(t, tt.kind, r.Kind)
			require.NotNil(t, r.Items)
			if tt.label == "" {
				assert.Empty(t, r.Items)
				return
			}
			c, ok := find(r.Items, tt.label)
			require.True(t, ok, "%v", labels(r.Items))
			assert.Equal(t, tt.itemType, c.Type)
		})
	}
}

// TestCompletionsByPath names the place by its JSON path instead of a
// cursor; From and To count in the prefix.
func TestCompletionsByPath(t *testing.T) {
	in, err := json.Marshal(labbridge.CompletionsRequest{Path: "Statement[0].Action", Prefix: "é:Get"})
	require.NoError(t, err)
	var r completionsResult
	require.NoError(t, json.Unmarshal(labbridge.New().Completions(in), &r))
	require.True(t, r.OK)
	assert.Equal(t, "action", r.Kind)
	assert.Equal(t, 0, r.From)
	assert.Equal(t, 5, r.To)
}

func TestCompletionsBadInput(t *testing.T) {
	lab := labbridge.New()
	for _, in := range []string{`nope`, `{"type": "bucket"}`, `{"path": "Statement[x]"}`} {
		var r completionsResult
		require.NoError(t, json.Unmarshal(lab.Completions([]byte(in)), &r))
		assert.False(t, r.OK, in)
		require.NotNil(t, r.Error, in)
		assert.Equal(t, "InvalidInput", r.Error.Code)
	}
}

// TestCompletionsUTF16 counts offsets as JavaScript does, past a
// character outside the Basic Multilingual Plane.
func TestCompletionsUTF16(t *testing.T) {
	r := complete(t, labbridge.New(), `{"Id": "😀", "Statement": [{"Effect": "D|"}]}`, "")
	assert.Equal(t, "effect", r.Kind)
	assert.Equal(t, 39, r.From)
	assert.Equal(t, 40, r.To)
}
