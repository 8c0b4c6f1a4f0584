package bridge_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/wasm/js/bridge"
	"github.com/iamlab/iamlab/wasm/js/jsplugin"
)

// TestDecideIsSimulateAndExplain: Decide answers what Simulate and Explain
// answer, from one simulation.
func TestDecideIsSimulateAndExplain(t *testing.T) {
	tests := []struct {
		name, request string
	}{
		{"allowed and denied", `{"PolicyInputList":["` + readPolicy + `"],"ActionNames":["s3:GetObject","s3:PutObject"],"ResourceArns":["arn:aws:s3:::reports/q3.pdf"]}`},
		{"refused", `{"ActionNames":[]}`},
		{"malformed", `{"PolicyInputList":["{"],"ActionNames":["s3:GetObject"]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got, sim, words map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(bridge.Decide([]byte(tt.request)), &got))
			require.NoError(t, json.Unmarshal(bridge.Simulate([]byte(tt.request)), &sim))
			require.NoError(t, json.Unmarshal(bridge.Explain([]byte(tt.request)), &words))
			assert.Equal(t, string(sim["ok"]), string(got["ok"]))
			assert.Equal(t, string(sim["response"]), string(got["response"]))
			assert.Equal(t, string(words["text"]), string(got["text"]))
			assert.Equal(t, string(sim["error"]), string(got["error"]))
		})
	}
}

// TestBridgeWithDeclaredOperators: a Bridge given operator names (the
// page's main thread, whose plugins run in a worker) accepts them when it
// validates, and a simulation that calls one fails closed.
func TestBridgeWithDeclaredOperators(t *testing.T) {
	ops, err := jsplugin.NewDeclared([]string{"Plugin:CidrOverlaps"})
	require.NoError(t, err)
	b := bridge.New(ops)
	policy := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Plugin:CidrOverlaps":{"ec2:DestinationCidrBlock":["10.0.0.0/8"]}}}]}`
	in, err := json.Marshal(bridge.ValidateRequest{Policy: policy})
	require.NoError(t, err)
	assert.Empty(t, decode(t, b.Validate(in)).Diagnostics)
	assert.NotEmpty(t, decode(t, bridge.Validate(in)).Diagnostics, "without it, the operator is unknown")

	quoted, err := json.Marshal(policy)
	require.NoError(t, err)
	req := `{"PolicyInputList":[` + string(quoted) + `],"ActionNames":["s3:GetObject"],"ContextEntries":[{"ContextKeyName":"ec2:DestinationCidrBlock","ContextKeyValues":["10.1.0.0/16"],"ContextKeyType":"string"}]}`
	var r struct {
		OK       bool
		Response struct {
			EvaluationResults []struct{ EvalDecision string }
		}
		Text string
	}
	require.NoError(t, json.Unmarshal(b.Decide([]byte(req)), &r))
	require.True(t, r.OK)
	assert.Equal(t, "explicitDeny", r.Response.EvaluationResults[0].EvalDecision, "fail closed")
	assert.True(t, strings.Contains(r.Text, "plugin worker"), r.Text)
}
