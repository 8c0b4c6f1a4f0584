package eval_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
)

// Policy variables are substituted only where reference_policies_variables.md
// allows them: in the resource part of a Resource ARN, and in the values of
// String and ARN operators. Elsewhere the text is literal and matches
// nothing (this package's doc, "Choices where the documentation is silent").
func TestPolicyVariablesOnlyWhereAWSAllowsThem(t *testing.T) {
	tests := []struct {
		name      string
		statement string
		action    string
		resource  string
		want      eval.Decision
	}{
		{"resource part", `{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::111122223333:role/${aws:username}"}`,
			"iam:GetRole", "arn:aws:iam::111122223333:role/alice", eval.Allowed},
		{"account part: literal", `{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::${aws:PrincipalAccount}:role/alice"}`,
			"iam:GetRole", "arn:aws:iam::111122223333:role/alice", eval.ImplicitDeny},
		{"account part of NotResource: literal, so it excludes nothing", `{"Effect":"Deny","Action":"iam:GetRole","NotResource":"arn:aws:iam::${aws:PrincipalAccount}:role/*"}`,
			"iam:GetRole", "arn:aws:iam::111122223333:role/alice", eval.ExplicitDeny},
		{"region part: literal", `{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:${aws:RequestedRegion}:111122223333:q"}`,
			"sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:q", eval.ImplicitDeny},
		{"ARN operator: any part", `{"Effect":"Allow","Action":"iam:GetRole","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::${aws:PrincipalAccount}:user/*"}}}`,
			"iam:GetRole", "arn:aws:iam::111122223333:role/alice", eval.Allowed},
		{"Bool: literal", `{"Effect":"Allow","Action":"iam:GetRole","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"${aws:SecureTransport}"}}}`,
			"iam:GetRole", "arn:aws:iam::111122223333:role/alice", eval.ImplicitDeny},
		{"NumericNotEquals: literal, so it holds", `{"Effect":"Deny","Action":"iam:GetRole","Resource":"*","Condition":{"NumericNotEquals":{"aws:MultiFactorAuthAge":"${aws:MultiFactorAuthAge}"}}}`,
			"iam:GetRole", "arn:aws:iam::111122223333:role/alice", eval.ExplicitDeny},
	}
	caller, err := principal.FromARN("arn:aws:iam::111122223333:user/alice")
	require.NoError(t, err)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[`+tt.statement+`]}`), policy.Options{Type: policy.Identity})
			require.NoError(t, err)
			ps := &eval.Policies{Identity: []eval.Policy{{ID: "p", Source: "user", Doc: doc}}}
			r := &eval.Request{Principal: caller, Action: tt.action, Resource: tt.resource}
			r.Context.Set("aws:username", eval.String, "alice")
			r.Context.Set("aws:PrincipalAccount", eval.String, "111122223333")
			r.Context.Set("aws:PrincipalArn", eval.String, "arn:aws:iam::111122223333:user/alice")
			r.Context.Set("aws:RequestedRegion", eval.String, "us-east-1")
			r.Context.Set("aws:SecureTransport", eval.Boolean, "true")
			r.Context.Set("aws:MultiFactorAuthAge", eval.Numeric, "30")
			assert.Equal(t, tt.want, eval.Evaluate(ps, r))
		})
	}
}
