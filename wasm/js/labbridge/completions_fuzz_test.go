package labbridge_test

import (
	"encoding/json"
	"testing"

	"github.com/iamlab/iamlab/wasm/js/labbridge"
)

// FuzzCompletions checks that any text, with the cursor anywhere (even
// outside it), gets an answer: JSON with ok, and a replaced range inside
// the text.
func FuzzCompletions(f *testing.F) {
	for _, seed := range []string{
		`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get"], "Resource": "*"}]}`,
		`{"Statement": {"Condition": {"ForAnyValue:StringLike": {"aws:TagKeys": ["a\"b`,
		`{"Statement": [{"Principal": {"AWS": "\u00e9`,
		`["", {"": [{"Action": "😀:`,
		`}}]]"Statement"::,,[{`,
	} {
		f.Add(seed, len(seed)/2)
	}
	lab := labbridge.New()
	f.Fuzz(func(t *testing.T, policy string, offset int) {
		in, err := json.Marshal(labbridge.CompletionsRequest{Policy: policy, Offset: offset})
		if err != nil {
			t.Skip()
		}
		var r struct {
			OK       bool `json:"ok"`
			From, To int
		}
		out := lab.Completions(in)
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("not JSON: %s", out)
		}
		if !r.OK || r.From < 0 || r.To < r.From {
			t.Fatalf("bad answer for %q at %d: %s", policy, offset, out)
		}
	})
}
