package labbridge_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/wasm/js/labbridge"
)

type summarizeResult struct {
	OK      bool               `json:"ok"`
	Summary *labbridge.Summary `json:"summary"`
	Error   *struct{ Code, Message string }
}

func TestSummarize(t *testing.T) {
	lab := labbridge.New()
	tests := []struct {
		name   string
		policy string
		allow  []string // service: access; resource; condition
		deny   []string
	}{
		{
			name:   "limited read and list",
			policy: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::team", "arn:aws:s3:::team/*"]}]}`,
			allow:  []string{"Amazon S3: Limited: List, Read; Multiple; None"},
		},
		{
			name: "full access, a deny with a condition",
			policy: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
				{"Effect": "Deny", "Action": "dynamodb:DeleteTable", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"}}}]}`,
			allow: []string{"Amazon DynamoDB: Full access; All resources; None"},
			deny:  []string{"Amazon DynamoDB: Limited: Write; All resources; aws:RequestedRegion StringEquals eu-west-1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := json.Marshal(labbridge.SummarizeRequest{Policy: tt.policy})
			require.NoError(t, err)
			var r summarizeResult
			require.NoError(t, json.Unmarshal(lab.Summarize(in), &r))
			require.True(t, r.OK, "%+v", r.Error)
			rows := func(in []labbridge.SummaryRow) []string {
				var out []string
				for _, s := range in {
					out = append(out, s.Service+": "+s.Access+"; "+s.Resource+"; "+s.Condition)
				}
				return out
			}
			assert.Equal(t, tt.allow, rows(r.Summary.Allow))
			assert.Equal(t, tt.deny, rows(r.Summary.ExplicitDeny))
			assert.Greater(t, r.Summary.Services, 300)
			assert.NotNil(t, r.Summary.Uncategorized)
		})
	}
}

func TestSummarizeRefusesAMalformedPolicy(t *testing.T) {
	var r summarizeResult
	require.NoError(t, json.Unmarshal(labbridge.New().Summarize([]byte(`{"policy": "{\"Statement\": 3}"}`)), &r))
	assert.False(t, r.OK)
	require.NotNil(t, r.Error)
	assert.Equal(t, "MalformedPolicyDocument", r.Error.Code)
}
