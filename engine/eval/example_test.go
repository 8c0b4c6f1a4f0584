package eval_test

import (
	"fmt"
	"os"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
)

func ExampleEvaluate() {
	doc, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}`),
		policy.Options{Type: policy.Identity})
	if err != nil {
		panic(err)
	}
	ps := &eval.Policies{Identity: []eval.Policy{{ID: "Home", Source: "user", Doc: doc}}}
	caller, _ := principal.FromARN("arn:aws:iam::111122223333:user/alice")
	r := &eval.Request{Principal: caller, Action: "s3:PutObject", Resource: "arn:aws:s3:::home/alice/notes.txt"}
	r.Context.Set("aws:username", eval.String, "alice")
	fmt.Println(eval.Evaluate(ps, r))

	r.Resource = "arn:aws:s3:::home/bob/notes.txt"
	fmt.Println(eval.Evaluate(ps, r))
	// Output:
	// allowed
	// implicitDeny
}

func ExampleExplain() {
	parse := func(typ policy.Type, src string) *policy.Document {
		d, err := policy.Parse([]byte(src), policy.Options{Type: typ})
		if err != nil {
			panic(err)
		}
		return d
	}
	ps := &eval.Policies{
		Identity: []eval.Policy{{ID: "AdminAccess", Source: "role", Doc: parse(policy.Identity,
			`{"Version":"2012-10-17","Statement":[{"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"}]}`)}},
		Boundary: []eval.Policy{{ID: "S3Only", Source: "none", Doc: parse(policy.Boundary,
			`{"Version":"2012-10-17","Statement":[{"Sid":"S3","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}},
	}
	caller, _ := principal.FromARN("arn:aws:sts::111122223333:assumed-role/Builder/ci")
	e := eval.Explain(ps, &eval.Request{Principal: caller, Action: "iam:CreateUser", Resource: "arn:aws:iam::111122223333:user/eve"})
	e.WriteText(os.Stdout)
	// Output:
	// Decision: implicitDeny
	// Why: iam:CreateUser on arn:aws:iam::111122223333:user/eve: implicitDeny: the permissions boundary does not allow it, so it is implicitly denied.
	// Policy types:
	//   identity-based policy                        allowed
	//   permissions boundary                         no statement allows (implicitDeny)
	// Statements:
	//   APPLY Allow AdminAccess "All" (identity, 1:38-1:96)
	//   skip  Allow S3Only "S3" (boundary, 1:38-1:98): Action does not include iam:CreateUser
}
