package labbridge_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/wasm/js/labbridge"
)

type analyzeResult struct {
	OK       bool                `json:"ok"`
	Findings []labbridge.Finding `json:"findings"`
	Error    *struct{ Code, Message string }
}

func analyze(t *testing.T, lab *labbridge.Lab, req labbridge.AnalyzeRequest) analyzeResult {
	t.Helper()
	in, err := json.Marshal(req)
	require.NoError(t, err)
	var r analyzeResult
	out := lab.Analyze(in)
	require.NoError(t, json.Unmarshal(out, &r), "not JSON: %s", out)
	return r
}

func TestAnalyze(t *testing.T) {
	lab := labbridge.New()
	tests := []struct {
		name   string
		policy string
		typ    string
		want   []labbridge.Finding // compared on code, type, link, syntax and place
	}{
		{
			name: "PassRole on every role",
			policy: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n" +
				"    \"Action\": \"iam:PassRole\",\n    \"Resource\": \"*\"\n  }]\n}",
			want: []labbridge.Finding{{Code: "PASS_ROLE_WITH_STAR_IN_RESOURCE", Type: "SECURITY_WARNING",
				Link: "/validate/pass-role-with-star-in-resource/", Line: 5, Column: 15, EndLine: 5, EndColumn: 29}},
		},
		{
			name:   "an action that does not exist",
			policy: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjectt", "Resource": "*"}]}`,
			want: []labbridge.Finding{{Code: "INVALID_ACTION", Type: "ERROR", Link: "/validate/invalid-action/",
				Line: 1, Column: 71, EndLine: 1, EndColumn: 86}},
		},
		{
			name:   "a syntax error is marked as the parser's",
			policy: `{"Version": "2012-10-17", "Statement": [`,
			want:   []labbridge.Finding{{Code: "JSON_SYNTAX_ERROR", Type: "ERROR", Link: "/validate/json-syntax-error/", Syntax: true}},
		},
		{
			name:   "a trust policy is a resource policy with the trust policy's rules",
			policy: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`,
			typ:    "trust",
		},
		{
			name:   "a clean identity policy",
			policy: `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := analyze(t, lab, labbridge.AnalyzeRequest{Policy: tt.policy, Type: tt.typ})
			require.True(t, r.OK, "%+v", r.Error)
			var got []labbridge.Finding
			for _, f := range r.Findings {
				assert.NotEmpty(t, f.Message)
				assert.NotEmpty(t, f.Title)
				g := labbridge.Finding{Code: f.Code, Type: f.Type, Link: f.Link, Syntax: f.Syntax}
				if !f.Syntax {
					g.Line, g.Column, g.EndLine, g.EndColumn = f.Line, f.Column, f.EndLine, f.EndColumn
				}
				got = append(got, g)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestAnalyzeBadInput(t *testing.T) {
	lab := labbridge.New()
	r := analyze(t, lab, labbridge.AnalyzeRequest{Policy: "{}", Type: "bucket"})
	assert.False(t, r.OK)
	require.NotNil(t, r.Error)
	assert.Equal(t, "InvalidInput", r.Error.Code)
	assert.NotNil(t, r.Findings)
}
