package complete_test

import (
	"fmt"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/complete"
)

func ExampleAt() {
	cat, err := catalog.Load()
	if err != nil {
		panic(err)
	}
	doc := `{"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWith`
	r, err := complete.At(doc, len(doc), complete.Options{Catalog: cat})
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Place, doc[r.From:r.To])
	for _, it := range r.Items {
		if len(it.Label) > len("sts:AssumeRoleWith") && it.Label[:18] == "sts:AssumeRoleWith" {
			fmt.Println(it.Label, it.Kind, it.Detail)
		}
	}
	// Output:
	// action sts:AssumeRoleWith
	// sts:AssumeRoleWithSAML function Write
	// sts:AssumeRoleWithWebIdentity function Write
}
