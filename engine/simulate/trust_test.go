package simulate

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/eval"
)

const (
	// trustDev lets the dev role of account 222233334444 assume the role
	// and tag its session.
	trustDev = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222233334444:role/dev"},"Action":["sts:AssumeRole","sts:TagSession"]}]}`
	// trustOwnAccount trusts the role's own account: its identity
	// policies decide.
	trustOwnAccount = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}`
	allowAssume     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::*:role/deploy"}]}`
	deployRole      = "arn:aws:iam::111122223333:role/deploy"
)

// TestCustomPolicyTrust evaluates a role trust policy as the resource
// policy (ResourcePolicyType "trust").
func TestCustomPolicyTrust(t *testing.T) {
	tests := []struct {
		name string
		req  CustomPolicyRequest
		want map[string]eval.Decision
	}{
		{"cross account: the trust policy alone is not enough", CustomPolicyRequest{ResourcePolicy: trustDev, ResourcePolicyType: "trust",
			CallerArn: "arn:aws:sts::222233334444:assumed-role/dev/s", ActionNames: []string{"sts:AssumeRole"}, ResourceArns: []string{deployRole}},
			map[string]eval.Decision{"sts:AssumeRole": eval.ImplicitDeny}},
		{"cross account: the trust policy and the caller's identity policy", CustomPolicyRequest{ResourcePolicy: trustDev, ResourcePolicyType: "trust", PolicyInputList: []string{allowAssume},
			CallerArn: "arn:aws:sts::222233334444:assumed-role/dev/s", ActionNames: []string{"sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"}, ResourceArns: []string{deployRole}},
			map[string]eval.Decision{"sts:AssumeRole": eval.Allowed, "sts:TagSession": eval.ImplicitDeny, "sts:SetSourceIdentity": eval.ImplicitDeny}},
		{"another principal is not trusted", CustomPolicyRequest{ResourcePolicy: trustDev, ResourcePolicyType: "trust", PolicyInputList: []string{allowAssume},
			CallerArn: "arn:aws:sts::222233334444:assumed-role/ops/s", ActionNames: []string{"sts:AssumeRole"}, ResourceArns: []string{deployRole}},
			map[string]eval.Decision{"sts:AssumeRole": eval.ImplicitDeny}},
		{"same account: trusting the account leaves it to identity policies", CustomPolicyRequest{ResourcePolicy: trustOwnAccount, ResourcePolicyType: "trust", PolicyInputList: []string{allowAssume},
			CallerArn: "arn:aws:iam::111122223333:user/ana", ActionNames: []string{"sts:AssumeRole"}, ResourceArns: []string{deployRole}},
			map[string]eval.Decision{"sts:AssumeRole": eval.Allowed}},
		{"same account without an identity policy", CustomPolicyRequest{ResourcePolicy: trustOwnAccount, ResourcePolicyType: "trust",
			CallerArn: "arn:aws:iam::111122223333:user/ana", ActionNames: []string{"sts:AssumeRole"}, ResourceArns: []string{deployRole}},
			map[string]eval.Decision{"sts:AssumeRole": eval.ImplicitDeny}},
		{`"resource" is AWS's meaning`, CustomPolicyRequest{ResourcePolicyType: "resource", CallerArn: "arn:aws:iam::111122223333:user/ana",
			ResourcePolicy: `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/ana"},"Action":"s3:GetObject","Resource":"*"}}`, ActionNames: []string{"s3:GetObject"}},
			map[string]eval.Decision{"s3:GetObject": eval.Allowed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := CustomPolicy(&tt.req, Options{})
			require.NoError(t, err)
			assert.Equal(t, tt.want, decisions(t, resp))
		})
	}
}

func TestCustomPolicyTrustRefusesBadInput(t *testing.T) {
	assumeDeploy := func(r CustomPolicyRequest) CustomPolicyRequest {
		r.ActionNames, r.CallerArn = []string{"sts:AssumeRole"}, "arn:aws:iam::111122223333:user/ana"
		return r
	}
	tests := []struct {
		name, code, want string
		req              CustomPolicyRequest
	}{
		{"a trust policy is no resource policy", "MalformedPolicyDocument", "missing required element Resource",
			assumeDeploy(CustomPolicyRequest{ResourcePolicy: trustOwnAccount, ResourceArns: []string{deployRole}})},
		{"a trust policy has no Resource", "MalformedPolicyDocument", "a role trust policy cannot have Resource",
			assumeDeploy(CustomPolicyRequest{ResourcePolicyType: "trust", ResourceArns: []string{deployRole},
				ResourcePolicy: `{"Statement":{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Resource":"*"}}`})},
		{"an unknown type", "InvalidInput", `ResourcePolicyType: "bucket" is not a resource policy type`,
			assumeDeploy(CustomPolicyRequest{ResourcePolicyType: "bucket", ResourcePolicy: trustOwnAccount, ResourceArns: []string{deployRole}})},
		{"the role is missing", "InvalidInput", "name the one role whose trust policy ResourcePolicy is",
			assumeDeploy(CustomPolicyRequest{ResourcePolicyType: "trust", ResourcePolicy: trustOwnAccount})},
		{"the resource is not a role", "InvalidInput", `"arn:aws:s3:::bucket" must be a role's ARN`,
			assumeDeploy(CustomPolicyRequest{ResourcePolicyType: "trust", ResourcePolicy: trustOwnAccount, ResourceArns: []string{"arn:aws:s3:::bucket"}})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := CustomPolicy(&tt.req, Options{})
			require.Error(t, err)
			assert.Nil(t, resp)
			var se *Error
			require.True(t, errors.As(err, &se))
			assert.Equal(t, tt.code, se.Code)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestCustomPolicyTrustOwner takes the resource owner from the role's
// ARN: a caller of another account is cross-account.
func TestCustomPolicyTrustOwner(t *testing.T) {
	req := &CustomPolicyRequest{ResourcePolicy: trustDev, ResourcePolicyType: "trust", PolicyInputList: []string{allowAssume},
		CallerArn: "arn:aws:sts::222233334444:assumed-role/dev/s", ActionNames: []string{"sts:AssumeRole"}, ResourceArns: []string{deployRole}}
	resp, err := CustomPolicy(req, Options{})
	require.NoError(t, err)
	d := resp.EvaluationResults[0].EvalDecisionDetails
	assert.Equal(t, eval.Allowed, d["Resource Policy"], "cross-account details: %v", d)
	assert.Equal(t, eval.Allowed, d["IAM Policy"])
}

func TestDecodeRequestTrust(t *testing.T) {
	req, err := DecodeRequest("req.json", []byte(`{"ActionNames":["sts:AssumeRole"],"ResourcePolicyType":"trust","ResourceArns":["`+deployRole+`"]}`))
	require.NoError(t, err)
	assert.Equal(t, "trust", req.ResourcePolicyType)
}
