package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// acme is the realistic account snapshot the account model's round-trip
// test uses.
const acme = "../../engine/account/testdata/acme-authorization-details.json"

func TestImport(t *testing.T) {
	code, out, errOut := runCLI(t, "", "import", "file://"+acme)
	require.Equal(t, exitOK, code, errOut)
	golden(t, "testdata/principal/import.text.golden", out)

	code, out, errOut = runCLI(t, "", "import", "--output", "json", acme)
	require.Equal(t, exitOK, code, errOut)
	src, err := os.ReadFile(acme)
	require.NoError(t, err)
	// The account comes back as the snapshot: nothing lost or altered
	// (dates are written in UTC with Z, as Go writes them).
	var want, got any
	require.NoError(t, json.Unmarshal([]byte(strings.ReplaceAll(string(src), "+00:00", "Z")), &want))
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Equal(t, want, got)

	code, _, errOut = runCLI(t, `{"UserDetailList": [{"UserName": "x", "Favourite": 1}]}`, "import", "-")
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "invalid account snapshot")
	code, _, _ = runCLI(t, "", "import")
	assert.Equal(t, exitUsage, code)
}

// TestSimulatePrincipalGolden runs every request under testdata/principal
// against the snapshot, in both output formats.
func TestSimulatePrincipalGolden(t *testing.T) {
	reqs, err := filepath.Glob("testdata/principal/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, reqs)
	for _, req := range reqs {
		base := strings.TrimSuffix(req, ".json")
		t.Run(filepath.Base(base), func(t *testing.T) {
			for _, format := range []string{"text", "json"} {
				args := []string{"simulate-principal-policy", "--account", "file://" + acme, "--cli-input-json", "file://" + req, "--output", format}
				code, out, errOut := runCLI(t, "", args...)
				transcript := fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", code, out, errOut)
				golden(t, base+"."+format+".golden", transcript)
			}
		})
	}
}

func TestSimulatePrincipalFlags(t *testing.T) {
	code, out, errOut := runCLI(t, "", "simulate-principal-policy", "--account", acme,
		"--policy-source-arn", "arn:aws:iam::123456789012:role/app/lambda-orders-processor",
		"--action-names", "dynamodb:GetItem,dynamodb:DeleteTable", "--resource-arns", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders")
	require.Equal(t, exitOK, code, errOut)
	var resp struct {
		EvaluationResults []struct {
			EvalActionName    string
			EvalDecision      string
			MatchedStatements []struct{ SourcePolicyId, SourcePolicyType string }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &resp))
	require.Len(t, resp.EvaluationResults, 2)
	assert.Equal(t, "allowed", resp.EvaluationResults[0].EvalDecision)
	assert.Equal(t, "arn:aws:iam::123456789012:policy/app/OrdersTableAccess", resp.EvaluationResults[0].MatchedStatements[0].SourcePolicyId)
	assert.Equal(t, "user-managed", resp.EvaluationResults[0].MatchedStatements[0].SourcePolicyType)
	assert.Equal(t, "implicitDeny", resp.EvaluationResults[1].EvalDecision)

	for _, args := range [][]string{
		{"simulate-principal-policy"},
		{"simulate-principal-policy", "--account", acme},
		{"simulate-principal-policy", "--account", acme, "--policy-source-arn", "x", "--cli-input-json", "y"},
		{"simulate-principal-policy", "--account", acme, "--policy-source-arn", "x", "--output", "yaml"},
	} {
		code, _, _ := runCLI(t, "", args...)
		assert.Equal(t, exitUsage, code, args)
	}
}
