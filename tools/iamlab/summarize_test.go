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

// TestSummarizeGolden summarizes the policies of the IAM User Guide's
// policy summary pages (access_policies_understand-policy-summary.md and
// access_policies_policy-summary-examples.md), kept under
// testdata/summarize, in both formats.
func TestSummarizeGolden(t *testing.T) {
	policies, err := filepath.Glob("testdata/summarize/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, policies)
	for _, p := range policies {
		base := strings.TrimSuffix(p, ".json")
		t.Run(filepath.Base(base), func(t *testing.T) {
			for _, format := range []string{"text", "json"} {
				args := []string{"summarize", "--output", format, "file://" + p}
				code, out, errOut := runCLI(t, "", args...)
				transcript := fmt.Sprintf("$ iamlab %s\nexit %d\n-- stdout --\n%s-- stderr --\n%s", strings.Join(args, " "), code, out, errOut)
				golden(t, base+"."+format+".golden", transcript)
			}
		})
	}
}

func TestSummarizeInputs(t *testing.T) {
	doc := `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:*", "Resource": "*"}}`
	code, out, errOut := runCLI(t, doc, "summarize", "-")
	require.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "Full access")
	code, out, _ = runCLI(t, "", "summarize", "--output", "json", doc)
	require.Equal(t, exitOK, code)
	var s struct {
		Allow []struct{ Prefix string }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &s))
	assert.Equal(t, "iam", s.Allow[0].Prefix)
	code, _, errOut = runCLI(t, `{"Statement": {"Effect": "allow", "Action": "*", "Resource": "*"}}`, "summarize", "-")
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "MalformedPolicyDocument")
	for _, args := range [][]string{{"summarize"}, {"summarize", "--policy-type", "TRUST", "-"}, {"summarize", "--output", "yaml", "-"}} {
		code, _, _ := runCLI(t, doc, args...)
		assert.Equal(t, exitUsage, code, args)
	}
}
