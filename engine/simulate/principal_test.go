package simulate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/simulate"
)

// SimulatePrincipalPolicy (access_policies_testing-policies.md) names each
// matched statement's policy by its source: the managed policy's ARN or
// the inline policy's name, with IAM's PolicySourceType.
func TestPrincipalPolicy(t *testing.T) {
	policies := []simulate.SourcePolicy{
		{ID: "ReadReports", Type: "user", Document: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}`},
		{ID: "arn:aws:iam::123456789012:policy/NoDeletes", Type: "user-managed", Document: `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}]}`},
		{ID: "Excluded", Type: "group", Document: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`},
	}
	boundary := &simulate.SourcePolicy{ID: "arn:aws:iam::aws:policy/AmazonS3FullAccess", Type: "aws-managed", Document: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}`}
	req := &simulate.PrincipalPolicyRequest{
		PolicySourceArn:     "arn:aws:iam::123456789012:user/alice",
		PolicyExclusionList: []string{"Excluded"},
		ActionNames:         []string{"s3:GetObject", "s3:DeleteObject", "ec2:RunInstances"},
		ResourceArns:        []string{"arn:aws:s3:::reports/q3.csv"},
	}
	resp, err := simulate.PrincipalPolicy(req, policies, boundary, simulate.Options{})
	require.NoError(t, err)
	require.Len(t, resp.EvaluationResults, 3)
	get := resp.EvaluationResults[0].ResourceSpecificResults[0]
	assert.Equal(t, "allowed", get.EvalResourceDecision.String())
	require.NotEmpty(t, get.MatchedStatements)
	assert.Equal(t, "ReadReports", get.MatchedStatements[0].SourcePolicyId)
	assert.Equal(t, "user", get.MatchedStatements[0].SourcePolicyType)
	del := resp.EvaluationResults[1].ResourceSpecificResults[0]
	assert.Equal(t, "explicitDeny", del.EvalResourceDecision.String())
	assert.Equal(t, "arn:aws:iam::123456789012:policy/NoDeletes", del.MatchedStatements[0].SourcePolicyId)
	assert.NotContains(t, del.Explanation.Summary, "PolicyInputList")
	run := resp.EvaluationResults[2].ResourceSpecificResults[0]
	assert.Equal(t, "implicitDeny", run.EvalResourceDecision.String(), "the excluded policy does not count")

	// A principal without policies is implicitly denied.
	resp, err = simulate.PrincipalPolicy(&simulate.PrincipalPolicyRequest{PolicySourceArn: "arn:aws:iam::123456789012:role/empty", ActionNames: []string{"s3:GetObject"}}, nil, nil, simulate.Options{})
	require.NoError(t, err)
	assert.Equal(t, "implicitDeny", resp.EvaluationResults[0].EvalDecision.String())

	_, err = simulate.DecodePrincipalRequest("r.json", []byte(`{"ActionNames": ["s3:GetObject"]}`))
	assert.ErrorContains(t, err, "PolicySourceArn is required")
	_, err = simulate.DecodePrincipalRequest("r.json", []byte(`{"PolicySourceArn": "x", "Nope": 1}`))
	assert.Error(t, err)
}
