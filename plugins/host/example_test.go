package host_test

import (
	"context"
	"fmt"
	"os"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
	"github.com/iamlab/iamlab/plugins/host"
)

// A plugin's operator in a policy: the host is the registry the parser
// asks, and the evaluator calls the plugin.
func Example() {
	ctx := context.Background()
	h, err := host.New(ctx, host.WithCompilationCache(cache))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer h.Close(ctx)
	wasm := wasmFiles["cidr"] // os.ReadFile("bin/plugins/cidr.wasm") after `make plugins`
	if _, err := h.Load(ctx, "cidr", wasm); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(h.Operators())

	doc, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{
		"Effect":"Allow","Action":"ec2:CreateRoute","Resource":"*",
		"Condition":{"Plugin:CidrOverlaps":{"ec2:DestinationCidrBlock":["10.0.0.0/8"]}}}]}`),
		policy.Options{Type: policy.Identity, Operators: h})
	if err != nil {
		fmt.Println(err)
		return
	}
	ps := &eval.Policies{Identity: []eval.Policy{{ID: "Routes", Source: "user", Doc: doc}}}
	caller, _ := principal.FromARN("arn:aws:iam::111122223333:user/alice")
	r := &eval.Request{Principal: caller, Action: "ec2:CreateRoute", Resource: "*"}
	for _, cidr := range []string{"10.20.0.0/16", "192.168.0.0/16"} {
		r.Context.Set("ec2:DestinationCidrBlock", eval.String, cidr)
		fmt.Println(cidr, eval.Evaluate(ps, r))
	}
	// Output:
	// [Plugin:CidrOverlaps]
	// 10.20.0.0/16 allowed
	// 192.168.0.0/16 implicitDeny
}

// A plugin that fails denies the request, even from a Deny statement, and
// the explanation says which statement, which operator and what went wrong.
func Example_failClosed() {
	ctx := context.Background()
	h, _ := host.New(ctx, host.WithCompilationCache(cache))
	defer h.Close(ctx)
	if _, err := h.Load(ctx, "misbehave", wasmFiles["misbehave"]); err != nil {
		fmt.Println(err)
		return
	}
	doc, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
		{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
		{"Sid":"NoMallory","Effect":"Deny","Action":"*","Resource":"*","Condition":{"Plugin:Panic":{"aws:username":"mallory"}}}]}`),
		policy.Options{Type: policy.Identity, Operators: h})
	if err != nil {
		fmt.Println(err)
		return
	}
	ps := &eval.Policies{Identity: []eval.Policy{{ID: "Guarded", Source: "user", Doc: doc}}}
	caller, _ := principal.FromARN("arn:aws:iam::111122223333:user/alice")
	r := &eval.Request{Principal: caller, Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/q3.pdf"}
	r.Context.Set("aws:username", eval.String, "alice")
	eval.Explain(ps, r).WriteText(os.Stdout)
	// Output:
	// Decision: explicitDeny
	// Why: s3:GetObject on arn:aws:s3:::reports/q3.pdf: explicitDeny: a plugin condition operator failed on a statement that otherwise applies, and a failed operator denies the request whatever the statement's Effect (fail closed) (statement "NoMallory" of Guarded: Plugin:Panic on aws:username: plugin "misbehave": iamlab_match trapped: wasm error: unreachable (it said "panic: deliberately bad plugin: panic in iamlab_match")).
	// Policy types:
	//   identity-based policy                        explicitDeny
	// Statements:
	//   APPLY Allow Guarded "Read" (identity, 2:3-2:73)
	//   FAIL  Deny  Guarded "NoMallory" (identity, 3:3-3:122): condition Plugin:Panic on aws:username failed, so the statement counts as an explicit Deny (fail closed): plugin "misbehave": iamlab_match trapped: wasm error: unreachable (it said "panic: deliberately bad plugin: panic in iamlab_match")
}
