package simulate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/eval"
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

// Every statement of every explanation names its own source: the
// principal's policies by ID, the request's added policies as
// PolicyInputList.N and PermissionsBoundaryPolicyInputList.N, as the
// matched statements do — also in an action's explanation, which is one of
// its resources' explanations.
func TestPrincipalPolicyNamesEverySource(t *testing.T) {
	doc := func(sid, action string) string {
		return `{"Version": "2012-10-17", "Statement": [{"Sid": "` + sid + `", "Effect": "Allow", "Action": "` + action + `", "Resource": "*"}]}`
	}
	policies := []simulate.SourcePolicy{
		{ID: "AppConfig", Type: "role", Document: doc("Inline", "ssm:GetParameter")},
		{ID: "arn:aws:iam::aws:policy/ReadOnly", Type: "aws-managed", Document: doc("Managed", "ec2:Describe*")},
	}
	boundary := &simulate.SourcePolicy{ID: "arn:aws:iam::123456789012:policy/Boundary", Type: "user-managed", Document: doc("Boundary", "*")}
	wantID := map[string]string{
		"Inline":   "AppConfig",
		"Managed":  "arn:aws:iam::aws:policy/ReadOnly",
		"Added1":   "PolicyInputList.1",
		"Added2":   "PolicyInputList.2",
		"Boundary": "arn:aws:iam::123456789012:policy/Boundary",
		"Extra":    "PermissionsBoundaryPolicyInputList.1",
	}
	tests := []struct {
		name          string
		actions       []string
		addedBoundary bool // the boundary is the request's, not the principal's
	}{
		{"an added policy allows", []string{"s3:GetObject"}, false},
		{"a principal's policy allows", []string{"ssm:GetParameter"}, false},
		{"nothing allows", []string{"iam:CreateUser"}, false},
		{"several actions", []string{"s3:GetObject", "ssm:GetParameter", "ec2:DescribeInstances", "s3:PutObject"}, false},
		{"the request's boundary", []string{"s3:GetObject", "ssm:GetParameter", "iam:CreateUser"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := &simulate.PrincipalPolicyRequest{
				PolicySourceArn: "arn:aws:iam::123456789012:role/app",
				PolicyInputList: []string{doc("Added1", "s3:GetObject"), doc("Added2", "s3:PutObject")},
				ActionNames:     tt.actions,
				ResourceArns:    []string{"arn:aws:s3:::reports/q3.csv", "arn:aws:ssm:eu-west-1:123456789012:parameter/db-url"},
			}
			b := boundary
			if tt.addedBoundary {
				b, req.PermissionsBoundaryPolicyInputList = nil, []string{doc("Extra", "*")}
			}
			resp, err := simulate.PrincipalPolicy(req, policies, b, simulate.Options{})
			require.NoError(t, err)
			for _, r := range resp.EvaluationResults {
				explanations := []*eval.Explanation{r.Explanation}
				for _, rr := range r.ResourceSpecificResults {
					explanations = append(explanations, rr.Explanation)
				}
				for i, e := range explanations {
					require.NotNil(t, e, "%s, explanation %d", r.EvalActionName, i)
					require.Len(t, e.Statements, len(wantID)-1, "%s, explanation %d", r.EvalActionName, i)
					for _, s := range e.Statements {
						assert.Equal(t, wantID[s.Sid], s.PolicyID, "%s, explanation %d: the source of statement %q", r.EvalActionName, i, s.Sid)
					}
				}
			}
		})
	}
}
