package simulate

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/eval"
)

func decisions(t *testing.T, resp *Response) map[string]eval.Decision {
	t.Helper()
	out := map[string]eval.Decision{}
	for _, r := range resp.EvaluationResults {
		out[r.EvalActionName] = r.EvalDecision
	}
	return out
}

const (
	allowGet = `{"Version":"2012-10-17","Statement":[{"Sid":"Get","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	denyGet  = `{"Version":"2012-10-17","Statement":[{"Sid":"NoGet","Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::secret/*"}]}`
)

func TestCustomPolicyDecisions(t *testing.T) {
	tests := []struct {
		name string
		req  CustomPolicyRequest
		want map[string]eval.Decision
	}{
		{"identity policy only", CustomPolicyRequest{PolicyInputList: []string{allowGet}, ActionNames: []string{"s3:GetObject", "s3:PutObject"}},
			map[string]eval.Decision{"s3:GetObject": eval.Allowed, "s3:PutObject": eval.ImplicitDeny}},
		{"worst decision across resources", CustomPolicyRequest{PolicyInputList: []string{allowGet, denyGet}, ActionNames: []string{"s3:GetObject"},
			ResourceArns: []string{"arn:aws:s3:::public/a", "arn:aws:s3:::secret/b"}},
			map[string]eval.Decision{"s3:GetObject": eval.ExplicitDeny}},
		{"boundary limits", CustomPolicyRequest{PolicyInputList: []string{allowGet}, PermissionsBoundaryPolicyInputList: []string{denyGet}, ActionNames: []string{"s3:GetObject"}},
			map[string]eval.Decision{"s3:GetObject": eval.ImplicitDeny}},
		{"session policy for a federated user", CustomPolicyRequest{PolicyInputList: []string{allowGet}, SessionPolicyInputList: []string{allowGet},
			CallerArn: "arn:aws:sts::123456789012:federated-user/bob", ActionNames: []string{"s3:GetObject"}},
			map[string]eval.Decision{"s3:GetObject": eval.Allowed}},
		{"federated user without session policy", CustomPolicyRequest{PolicyInputList: []string{allowGet},
			CallerArn: "arn:aws:sts::123456789012:federated-user/bob", ActionNames: []string{"s3:GetObject"}},
			map[string]eval.Decision{"s3:GetObject": eval.ImplicitDeny}},
		{"cross-account without resource policy", CustomPolicyRequest{PolicyInputList: []string{allowGet}, ResourceOwner: "arn:aws:iam::210987654321:root",
			CallerArn: "arn:aws:iam::123456789012:user/a", ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{"arn:aws:s3:::b/k"}},
			map[string]eval.Decision{"s3:GetObject": eval.ImplicitDeny}},
		{"context types", CustomPolicyRequest{
			PolicyInputList: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"NumericLessThanEquals":{"s3:max-keys":"10"},"DateLessThan":{"aws:CurrentTime":"2027-01-01T00:00:00Z"},"ForAllValues:StringEquals":{"aws:TagKeys":["team","env"]}}}]}`},
			ActionNames:     []string{"s3:ListBucket"},
			ContextEntries: []ContextEntry{
				{ContextKeyName: "s3:max-keys", ContextKeyValues: []string{"5"}, ContextKeyType: eval.Numeric},
				{ContextKeyName: "aws:CurrentTime", ContextKeyValues: []string{"2026-11-23T10:00:00Z"}, ContextKeyType: eval.Date},
				{ContextKeyName: "aws:TagKeys", ContextKeyValues: []string{"team"}, ContextKeyType: eval.StringList},
			}},
			map[string]eval.Decision{"s3:ListBucket": eval.Allowed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := CustomPolicy(&tt.req, Options{})
			require.NoError(t, err)
			assert.Equal(t, tt.want, decisions(t, resp))
			for _, r := range resp.EvaluationResults {
				require.NotNil(t, r.Explanation)
				assert.Equal(t, r.EvalDecision, r.Explanation.Decision)
			}
		})
	}
}

func TestCustomPolicyReportsDetails(t *testing.T) {
	req := &CustomPolicyRequest{
		PolicyInputList:                    []string{allowGet},
		PermissionsBoundaryPolicyInputList: []string{allowGet},
		OrderedOrganizationPolicyInputList: []OrganizationLevel{{ServiceControlPolicyInputList: []string{allowGet}}},
		ActionNames:                        []string{"s3:GetObject"},
		ResourceArns:                       []string{"arn:aws:s3:::a/1"},
	}
	resp, err := CustomPolicy(req, Options{})
	require.NoError(t, err)
	r := resp.EvaluationResults[0]
	assert.Equal(t, eval.Allowed, r.EvalDecision)
	require.NotNil(t, r.OrganizationsDecisionDetail)
	assert.True(t, r.OrganizationsDecisionDetail.AllowedByOrganizations)
	require.NotNil(t, r.PermissionsBoundaryDecisionDetail)
	assert.True(t, r.PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary)
	require.Len(t, r.MatchedStatements, 1, "SCP and boundary statements are not listed, as in IAM")
	assert.Equal(t, "PolicyInputList.1", r.MatchedStatements[0].SourcePolicyId)
	assert.Equal(t, 1, r.MatchedStatements[0].StartPosition.Line)
	assert.Equal(t, 38, r.MatchedStatements[0].StartPosition.Column)
	require.Len(t, r.ResourceSpecificResults, 1)
	assert.Equal(t, "arn:aws:s3:::a/1", r.ResourceSpecificResults[0].EvalResourceName)
}

func TestCustomPolicyMissingContextValues(t *testing.T) {
	req := &CustomPolicyRequest{
		PolicyInputList: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}`},
		ActionNames:     []string{"s3:GetObject", "ec2:RunInstances"},
	}
	resp, err := CustomPolicy(req, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"aws:SecureTransport", "aws:username"}, resp.EvaluationResults[0].MissingContextValues)
	assert.Empty(t, resp.EvaluationResults[1].MissingContextValues, "the statement does not apply to ec2 actions, so it needs nothing")
}

func TestCustomPolicyRefusesBadInput(t *testing.T) {
	tests := []struct {
		name, code, want string
		req              CustomPolicyRequest
	}{
		{"no actions", "InvalidInput", "ActionNames: at least one action is required", CustomPolicyRequest{PolicyInputList: []string{allowGet}}},
		{"action without service", "InvalidInput", `ActionNames[0]: "GetObject" is not an action`, CustomPolicyRequest{ActionNames: []string{"GetObject"}}},
		{"resource policy needs caller", "InvalidInput", "CallerArn is required with a ResourcePolicy", CustomPolicyRequest{ActionNames: []string{"s3:GetObject"}, ResourcePolicy: `{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}`}},
		{"bad caller", "InvalidInput", "CallerArn: invalid caller", CustomPolicyRequest{ActionNames: []string{"s3:GetObject"}, CallerArn: "arn:aws:s3:::bucket"}},
		{"bad resource", "InvalidInput", `ResourceArns[0]: "bucket" is not an ARN`, CustomPolicyRequest{ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{"bucket"}}},
		{"bad owner", "InvalidInput", "ResourceOwner:", CustomPolicyRequest{ActionNames: []string{"s3:GetObject"}, ResourceOwner: "me"}},
		{"two boundaries", "InvalidInput", "at most one permissions boundary", CustomPolicyRequest{ActionNames: []string{"s3:GetObject"}, PermissionsBoundaryPolicyInputList: []string{allowGet, allowGet}}},
		{"malformed policy", "MalformedPolicyDocument", "PolicyInputList.2:1:", CustomPolicyRequest{ActionNames: []string{"s3:GetObject"}, PolicyInputList: []string{allowGet, `{"Statement":`}}},
		{"principal in identity policy", "MalformedPolicyDocument", "must not specify Principal", CustomPolicyRequest{ActionNames: []string{"s3:GetObject"}, PolicyInputList: []string{`{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}`}}},
		{"bad IP context", "InvalidInput", "is not an IP address", CustomPolicyRequest{ActionNames: []string{"s3:GetObject"}, ContextEntries: []ContextEntry{{ContextKeyName: "aws:SourceIp", ContextKeyValues: []string{"x"}, ContextKeyType: eval.IP}}}},
		{"list value for single type", "InvalidInput", "takes one value", CustomPolicyRequest{ActionNames: []string{"s3:GetObject"}, ContextEntries: []ContextEntry{{ContextKeyName: "aws:username", ContextKeyValues: []string{"a", "b"}, ContextKeyType: eval.String}}}},
		{"key given twice", "InvalidInput", "given twice", CustomPolicyRequest{ActionNames: []string{"s3:GetObject"}, ContextEntries: []ContextEntry{{ContextKeyName: "aws:username", ContextKeyValues: []string{"a"}}, {ContextKeyName: "AWS:UserName", ContextKeyValues: []string{"b"}}}}},
		{"bad date", "InvalidInput", "is not a date", CustomPolicyRequest{ActionNames: []string{"s3:GetObject"}, ContextEntries: []ContextEntry{{ContextKeyName: "aws:CurrentTime", ContextKeyValues: []string{"tomorrow"}, ContextKeyType: eval.Date}}}},
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

func TestDecodeRequest(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"not JSON", `{"ActionNames": [}`, "req.json:1:18: unexpected '}', expected a value"},
		{"wrong case", "{\n  \"actionNames\": []\n}", `req.json:2:3 unknown parameter "actionNames"`},
		{"nested wrong field", `{"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyName":"k","Values":["v"]}]}`, `unknown parameter "Values" in ContextEntries[0]`},
		{"wrong type", `{"ActionNames":"s3:GetObject"}`, "req.json:1:30 ActionNames: expected an array, got JSON string"},
		{"unknown context type", `{"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyName":"k","ContextKeyValues":["v"],"ContextKeyType":"text"}]}`, `unknown context key type "text"`},
		{"not an object", `[]`, "the request must be a JSON object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeRequest("req.json", []byte(tt.src))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	req, err := DecodeRequest("req.json", []byte(`{"PolicyInputList":[],"ActionNames":["s3:GetObject"],"OrderedOrganizationPolicyInputList":[{"ResourceControlPolicyInputList":[]}]}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"s3:GetObject"}, req.ActionNames)
}

// FuzzSimulate feeds arbitrary requests through decoding and simulation: no
// input may panic, and an Allow needs an identity or resource policy that
// parsed.
func FuzzSimulate(f *testing.F) {
	seed, _ := json.Marshal(CustomPolicyRequest{PolicyInputList: []string{allowGet, denyGet}, ActionNames: []string{"s3:GetObject"},
		ResourceArns: []string{"arn:aws:s3:::secret/x"}, CallerArn: "arn:aws:iam::123456789012:user/a",
		ContextEntries: []ContextEntry{{ContextKeyName: "aws:SourceIp", ContextKeyValues: []string{"10.0.0.1"}, ContextKeyType: eval.IP}}})
	f.Add(seed)
	f.Add([]byte(`{"PolicyInputList":["{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}"],"ActionNames":["a:b"],"CallerArn":"arn:aws:iam::123456789012:root"}`))
	f.Add([]byte(`{"ActionNames":["s3:x"],"ResourcePolicy":"{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}","CallerArn":"arn:aws:sts::123456789012:assumed-role/r/s"}`))
	f.Add([]byte(`{"ActionNames":["sts:AssumeRole"],"ResourcePolicyType":"trust","ResourceArns":["arn:aws:iam::111122223333:role/r"],"ResourcePolicy":"{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\"}}","CallerArn":"arn:aws:iam::111122223333:user/a"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := DecodeRequest("fuzz", data)
		if err != nil {
			return
		}
		resp, err := CustomPolicy(req, Options{})
		if err != nil {
			require.Nil(t, resp)
			return
		}
		for _, r := range resp.EvaluationResults {
			if r.EvalDecision == eval.Allowed {
				require.True(t, len(req.PolicyInputList) > 0 || req.ResourcePolicy != "" || req.CallerArn != "", "allowed with no policy at all")
			}
		}
	})
}
