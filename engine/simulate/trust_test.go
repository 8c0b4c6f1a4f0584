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

// TestCustomPolicyTrustFederatedAndServiceCallers tries the callers only
// a trust policy admits: a web identity, a SAML caller and a service.
func TestCustomPolicyTrustFederatedAndServiceCallers(t *testing.T) {
	const (
		github = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
		corp   = "arn:aws:iam::111122223333:saml-provider/corp"
	)
	webTrust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + github + `"},"Action":"sts:AssumeRoleWithWebIdentity",` +
		`"Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com","token.actions.githubusercontent.com:sub":"repo:octo/app:ref:refs/heads/main"}}}]}`
	samlTrust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"` + corp + `"},"Action":["sts:AssumeRoleWithSAML","sts:TagSession"],"Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}`
	serviceTrust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	googleTrust := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`
	ctx := func(kv ...string) []ContextEntry {
		var out []ContextEntry
		for i := 0; i < len(kv); i += 2 {
			out = append(out, ContextEntry{ContextKeyName: kv[i], ContextKeyValues: []string{kv[i+1]}, ContextKeyType: eval.String})
		}
		return out
	}
	tests := []struct {
		name string
		req  CustomPolicyRequest
		want eval.Decision
	}{
		{"a web identity from the trusted repository and branch", CustomPolicyRequest{ResourcePolicy: webTrust, CallerArn: github,
			ActionNames:    []string{"sts:AssumeRoleWithWebIdentity"},
			ContextEntries: ctx("token.actions.githubusercontent.com:aud", "sts.amazonaws.com", "token.actions.githubusercontent.com:sub", "repo:octo/app:ref:refs/heads/main")}, eval.Allowed},
		{"a web identity from a fork", CustomPolicyRequest{ResourcePolicy: webTrust, CallerArn: github,
			ActionNames:    []string{"sts:AssumeRoleWithWebIdentity"},
			ContextEntries: ctx("token.actions.githubusercontent.com:aud", "sts.amazonaws.com", "token.actions.githubusercontent.com:sub", "repo:evil/fork:ref:refs/heads/main")}, eval.ImplicitDeny},
		{"a web identity from another provider", CustomPolicyRequest{ResourcePolicy: webTrust, CallerArn: "accounts.google.com",
			ActionNames: []string{"sts:AssumeRoleWithWebIdentity"}}, eval.ImplicitDeny},
		{"a built-in provider", CustomPolicyRequest{ResourcePolicy: googleTrust, CallerArn: "accounts.google.com",
			ActionNames: []string{"sts:AssumeRoleWithWebIdentity"}}, eval.Allowed},
		{"a SAML caller posting to the sign-in endpoint", CustomPolicyRequest{ResourcePolicy: samlTrust, CallerArn: corp,
			ActionNames: []string{"sts:AssumeRoleWithSAML"}, ContextEntries: ctx("SAML:aud", "https://signin.aws.amazon.com/saml")}, eval.Allowed},
		{"a service", CustomPolicyRequest{ResourcePolicy: serviceTrust, CallerArn: "ec2.amazonaws.com", ActionNames: []string{"sts:AssumeRole"}}, eval.Allowed},
		{"another service", CustomPolicyRequest{ResourcePolicy: serviceTrust, CallerArn: "lambda.amazonaws.com", ActionNames: []string{"sts:AssumeRole"}}, eval.ImplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.ResourcePolicyType, tt.req.ResourceArns = "trust", []string{deployRole}
			resp, err := CustomPolicy(&tt.req, Options{})
			require.NoError(t, err)
			assert.Equal(t, tt.want, resp.EvaluationResults[0].EvalDecision, "%s", resp.EvaluationResults[0].Explanation.Summary)
		})
	}

	// Only a trust policy admits them.
	for _, caller := range []string{"ec2.amazonaws.com", github, "accounts.google.com"} {
		_, err := CustomPolicy(&CustomPolicyRequest{ActionNames: []string{"s3:GetObject"}, CallerArn: caller}, Options{})
		assert.ErrorContains(t, err, "CallerArn: invalid caller", caller)
	}
	_, err := CustomPolicy(&CustomPolicyRequest{ActionNames: []string{"sts:AssumeRole"}, CallerArn: "arn:aws:s3:::bucket",
		ResourcePolicyType: "trust", ResourceArns: []string{deployRole}}, Options{})
	assert.ErrorContains(t, err, "nor a service principal")
}
