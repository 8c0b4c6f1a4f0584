package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validateArgs gives the policy type from a test file's name: identity-,
// resource-, trust- (a resource policy of type
// AWS::IAM::AssumeRolePolicyDocument) or scp-.
func validateArgs(path string) []string {
	base := filepath.Base(path)
	switch {
	case strings.HasPrefix(base, "resource-"):
		return []string{"--policy-type", "RESOURCE_POLICY"}
	case strings.HasPrefix(base, "trust-"):
		return []string{"--policy-type", "RESOURCE_POLICY", "--validate-policy-resource-type", "AWS::IAM::AssumeRolePolicyDocument"}
	case strings.HasPrefix(base, "scp-"):
		return []string{"--policy-type", "SERVICE_CONTROL_POLICY"}
	}
	return []string{"--policy-type", "IDENTITY_POLICY"}
}

// TestValidateGolden validates every policy under testdata/validate in both
// output formats and compares with the transcripts beside them.
func TestValidateGolden(t *testing.T) {
	policies, err := filepath.Glob("testdata/validate/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, policies)
	for _, p := range policies {
		base := strings.TrimSuffix(p, ".json")
		t.Run(filepath.Base(base), func(t *testing.T) {
			for _, format := range []string{"text", "json"} {
				args := append([]string{"validate", "--policy-document", "file://" + p, "--output", format}, validateArgs(p)...)
				code, out, errOut := runCLI(t, "", args...)
				transcript := fmt.Sprintf("$ iamlab %s\nexit %d\n-- stdout --\n%s-- stderr --\n%s", strings.Join(args, " "), code, out, errOut)
				golden(t, base+"."+format+".golden", transcript)
			}
		})
	}
}

func TestValidateShape(t *testing.T) {
	code, out, errOut := runCLI(t, "", "validate", "--policy-document", "file://testdata/validate/identity-typos.json")
	require.Equal(t, exitOK, code, errOut)
	var resp struct {
		Findings []struct {
			FindingDetails string `json:"findingDetails"`
			FindingType    string `json:"findingType"`
			IssueCode      string `json:"issueCode"`
			LearnMoreLink  string `json:"learnMoreLink"`
			Locations      []struct {
				Path []map[string]any `json:"path"`
				Span struct {
					Start struct{ Line, Column, Offset int } `json:"start"`
				} `json:"span"`
			} `json:"locations"`
		} `json:"findings"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &resp))
	require.NotEmpty(t, resp.Findings)
	f := resp.Findings[0]
	assert.Equal(t, "ERROR", f.FindingType)
	assert.Equal(t, "INVALID_ACTION", f.IssueCode)
	assert.Equal(t, 7, f.Locations[0].Span.Start.Line)
	assert.Equal(t, []map[string]any{{"value": "Statement"}, {"index": float64(0)}, {"value": "Action"}, {"index": float64(0)}}, f.Locations[0].Path)
}

func TestValidateInputs(t *testing.T) {
	doc := `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}}`
	code, inline, _ := runCLI(t, "", "validate", "--policy-document", doc, "--output", "text")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, inline, "PASS_ROLE_WITH_STAR_IN_RESOURCE")
	_, fromStdin, _ := runCLI(t, doc, "validate", "--policy-document", "-", "--output", "text")
	assert.Equal(t, strings.ReplaceAll(inline, "<policy-document>", "<stdin>"), fromStdin)
	code, _, _ = runCLI(t, doc, "validate", "--policy-document", "-", "--fail-on", "SECURITY_WARNING")
	assert.Equal(t, exitError, code, "a security warning fails --fail-on SECURITY_WARNING")
	code, _, _ = runCLI(t, doc, "validate", "--policy-document", "-", "--fail-on", "ERROR")
	assert.Equal(t, exitOK, code, "but not --fail-on ERROR")
	for _, args := range [][]string{
		{"validate"},
		{"validate", "--policy-document", "-", "--policy-type", "IDENTITY"},
		{"validate", "--policy-document", "-", "--output", "yaml"},
		{"validate", "--policy-document", "-", "--fail-on", "FATAL"},
	} {
		code, _, _ := runCLI(t, doc, args...)
		assert.Equal(t, exitUsage, code, args)
	}
	code, _, errOut := runCLI(t, "", "validate", "--policy-document", "file://no-such.json")
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "no-such.json")
}
