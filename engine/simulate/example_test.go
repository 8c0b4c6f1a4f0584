package simulate_test

import (
	"fmt"

	"github.com/iamlab/iamlab/engine/simulate"
)

func ExampleCustomPolicy() {
	req, err := simulate.DecodeRequest("request.json", []byte(`{
		"PolicyInputList": ["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::reports/*\"}]}"],
		"ActionNames": ["s3:GetObject", "s3:DeleteObject"],
		"ResourceArns": ["arn:aws:s3:::reports/q3.pdf"],
		"CallerArn": "arn:aws:iam::123456789012:user/maria"
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	resp, err := simulate.CustomPolicy(req, simulate.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range resp.EvaluationResults {
		fmt.Println(r.EvalActionName, r.EvalDecision)
		fmt.Println(" ", r.Explanation.Summary)
	}
	// Output:
	// s3:GetObject allowed
	//   s3:GetObject on arn:aws:s3:::reports/q3.pdf: allowed: an identity-based policy allows it, and no permissions boundary, session policy or organization policy stops it.
	// s3:DeleteObject implicitDeny
	//   s3:DeleteObject on arn:aws:s3:::reports/q3.pdf: implicitDeny: no identity-based policy allows it (and no resource-based policy grants it), so it is implicitly denied.
}

// A role trust policy as the resource policy (ResourcePolicyType
// "trust"): no Resource element, the role's ARN as the resource.
func ExampleCustomPolicy_trustPolicy() {
	resp, err := simulate.CustomPolicy(&simulate.CustomPolicyRequest{
		ResourcePolicy:     `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
		ResourcePolicyType: "trust",
		ResourceArns:       []string{"arn:aws:iam::123456789012:role/worker"},
		CallerArn:          "lambda.amazonaws.com",
		ActionNames:        []string{"sts:AssumeRole", "sts:TagSession"},
	}, simulate.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range resp.EvaluationResults {
		fmt.Println(r.EvalActionName, r.EvalDecision)
	}
	// Output:
	// sts:AssumeRole allowed
	// sts:TagSession implicitDeny
}
