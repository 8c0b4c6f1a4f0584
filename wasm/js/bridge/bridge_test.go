package bridge_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/wasm/js/bridge"
)

const readPolicy = `{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::reports/*\"}]}`

// result is the union of every function's result shape.
type result struct {
	OK          bool                `json:"ok"`
	Response    map[string]any      `json:"response"`
	Diagnostics []bridge.Diagnostic `json:"diagnostics"`
	Text        string              `json:"text"`
	Version     string              `json:"version"`
	Error       *bridge.Error       `json:"error"`
}

func decode(t *testing.T, b []byte) result {
	t.Helper()
	var r result
	require.NoError(t, json.Unmarshal(b, &r), "not JSON: %s", b)
	return r
}

func TestSimulate(t *testing.T) {
	tests := []struct {
		name     string
		request  string
		decision string // of the first result, when ok
		code     string // the error code, when not ok
		diags    []bridge.Diagnostic
	}{
		{
			name:     "an allowed read",
			request:  `{"PolicyInputList":["` + readPolicy + `"],"ActionNames":["s3:GetObject"],"ResourceArns":["arn:aws:s3:::reports/q3.pdf"]}`,
			decision: "allowed",
		},
		{
			name:     "a delete nothing allows",
			request:  `{"PolicyInputList":["` + readPolicy + `"],"ActionNames":["s3:DeleteObject"],"ResourceArns":["arn:aws:s3:::reports/q3.pdf"]}`,
			decision: "implicitDeny",
		},
		{
			name:    "a request that is not JSON",
			request: `{"PolicyInputList":`,
			code:    "InvalidInput",
		},
		{
			name:    "an unknown request field",
			request: `{"PolicyInputlist":[],"ActionNames":["s3:GetObject"]}`,
			code:    "InvalidInput",
		},
		{
			name:    "a malformed policy is located",
			request: `{"PolicyInputList":["{\"Version\":\"2012-10-17\",\n\"Statement\":[{\"Effect\":\"allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}"],"ActionNames":["s3:GetObject"]}`,
			code:    "MalformedPolicyDocument",
			diags: []bridge.Diagnostic{{Source: "PolicyInputList.1", Line: 2, Column: 24, Path: "Statement[0].Effect",
				Message: `must be "Allow" or "Deny", got "allow"`}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := decode(t, bridge.Simulate([]byte(tt.request)))
			if tt.code != "" {
				require.False(t, r.OK)
				require.NotNil(t, r.Error)
				assert.Equal(t, tt.code, r.Error.Code)
				assert.NotEmpty(t, r.Error.Message)
				if tt.diags != nil {
					assert.Equal(t, tt.diags, r.Error.Diagnostics)
				}
				return
			}
			require.True(t, r.OK, "error: %+v", r.Error)
			results := r.Response["EvaluationResults"].([]any)
			require.NotEmpty(t, results)
			assert.Equal(t, tt.decision, results[0].(map[string]any)["EvalDecision"])
			assert.NotNil(t, results[0].(map[string]any)["Explanation"])
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		input string
		ok    bool
		diags []bridge.Diagnostic
	}{
		{
			name:  "a valid identity policy",
			input: `{"policy":"` + readPolicy + `"}`,
			ok:    true, diags: []bridge.Diagnostic{},
		},
		{
			name:  "invalid JSON at its place",
			input: `{"policy":"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n}","name":"p"}`,
			ok:    true,
			diags: []bridge.Diagnostic{{Source: "p", Line: 4, Column: 1, Message: "invalid JSON: unexpected '}', expected a value"}},
		},
		{
			name:  "a Principal in an identity policy",
			input: `{"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}","type":"identity"}`,
			ok:    true,
		},
		{
			name:  "a resource policy needs a Principal",
			input: `{"policy":"` + readPolicy + `","type":"resource"}`,
			ok:    true,
		},
		{
			name:  "an unknown policy type",
			input: `{"policy":"{}","type":"bucket"}`,
		},
		{
			name:  "input that is not JSON",
			input: `policy`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := decode(t, bridge.Validate([]byte(tt.input)))
			assert.Equal(t, tt.ok, r.OK)
			if !tt.ok {
				require.NotNil(t, r.Error)
				assert.Equal(t, "InvalidInput", r.Error.Code)
				return
			}
			if tt.diags != nil {
				assert.Equal(t, tt.diags, r.Diagnostics)
				return
			}
			require.NotEmpty(t, r.Diagnostics)
			for _, d := range r.Diagnostics {
				assert.Positive(t, d.Line)
				assert.Positive(t, d.Column)
				assert.NotEmpty(t, d.Message)
			}
		})
	}
}

func TestExplain(t *testing.T) {
	r := decode(t, bridge.Explain([]byte(`{"PolicyInputList":["`+readPolicy+`"],"ActionNames":["s3:GetObject","s3:PutObject"],"ResourceArns":["arn:aws:s3:::reports/q3.pdf"]}`)))
	require.True(t, r.OK, "%+v", r.Error)
	assert.Contains(t, r.Text, "== s3:GetObject on arn:aws:s3:::reports/q3.pdf\nDecision: allowed\n")
	assert.Contains(t, r.Text, "== s3:PutObject on arn:aws:s3:::reports/q3.pdf\nDecision: implicitDeny\n")

	r = decode(t, bridge.Explain([]byte(`{"ActionNames":[]}`)))
	assert.False(t, r.OK)
	require.NotNil(t, r.Error)
	assert.Equal(t, "InvalidInput", r.Error.Code)
}

func TestVersion(t *testing.T) {
	r := decode(t, bridge.Version())
	assert.True(t, r.OK)
	assert.NotEmpty(t, r.Version)
}

func TestBenchmark(t *testing.T) {
	var r struct {
		OK      bool          `json:"ok"`
		NsPerOp float64       `json:"nsPerOp"`
		Error   *bridge.Error `json:"error"`
	}
	require.NoError(t, json.Unmarshal(bridge.Benchmark([]byte(`{"request":{"PolicyInputList":["`+readPolicy+`"],"ActionNames":["s3:GetObject"]},"n":10}`)), &r))
	require.True(t, r.OK, "%+v", r.Error)
	assert.Positive(t, r.NsPerOp)

	for _, in := range []string{`{"request":{},"n":0}`, `nonsense`, `{"request":{"ActionNames":[]},"n":1}`} {
		r.OK, r.Error = true, nil
		require.NoError(t, json.Unmarshal(bridge.Benchmark([]byte(in)), &r))
		assert.False(t, r.OK, in)
		assert.NotNil(t, r.Error, in)
	}
}
