package policy_test

import (
	"fmt"

	"github.com/iamlab/iamlab/engine/policy"
)

func ExampleParse() {
	src := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Sid": "ReadReports",
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Resource": "arn:aws:s3:::reports/*"
  }]
}`)
	doc, err := policy.Parse(src, policy.Options{Type: policy.Identity, Name: "read.json"})
	if err != nil {
		fmt.Println(err)
		return
	}
	st := doc.Statements[0]
	fmt.Println(doc.Version, st.Sid, st.Effect, doc.Size)
	fmt.Println(st.Action.Match("s3:getobject"), st.Resource.Match("arn:aws:s3:::reports/q3.pdf", nil))
	// Output:
	// 2012-10-17 ReadReports Allow 137
	// true true
}

func ExampleParse_errors() {
	src := []byte(`{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "allow", "Action": "GetObject", "Resource": "*"}]
}`)
	_, err := policy.Parse(src, policy.Options{Type: policy.Identity, Name: "bad.json"})
	fmt.Println(err)
	// Output:
	// bad.json:3:28 Statement[0].Effect: must be "Allow" or "Deny", got "allow"
	// bad.json:3:47 Statement[0].Action: action "GetObject" must be prefixed by a service, as in "s3:GetObject" (or be "*")
}
