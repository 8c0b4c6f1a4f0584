package complete_test

import (
	"testing"

	"github.com/iamlab/iamlab/engine/complete"
	"github.com/iamlab/iamlab/engine/policy"
)

// FuzzAt checks that any text, with the cursor anywhere (even outside
// it), gets an answer: no error, items, and a replaced range inside the
// text.
func FuzzAt(f *testing.F) {
	for _, seed := range []string{
		`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get"], "Resource": "*"}]}`,
		`{"Statement": {"Condition": {"ForAnyValue:StringLike": {"aws:TagKeys": ["a\"b`,
		`{"Statement": [{"Principal": {"AWS": "\u00e9`,
		`["", {"": [{"Action": "😀:`,
		`}}]]"Statement"::,,[{`,
	} {
		f.Add(seed, len(seed)/2, uint8(0))
	}
	cat := loadCatalog(f)
	f.Fuzz(func(t *testing.T, doc string, offset int, typ uint8) {
		r, err := complete.At(doc, offset, complete.Options{Type: policy.Type(typ % 7), Catalog: cat})
		if err != nil {
			t.Fatalf("At(%q, %d): %v", doc, offset, err)
		}
		if r.Items == nil || r.From < 0 || r.To < r.From || r.To > len(doc) {
			t.Fatalf("bad answer for %q at %d: %+v", doc, offset, r)
		}
	})
}
