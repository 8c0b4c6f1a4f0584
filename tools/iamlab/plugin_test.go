package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildPlugin compiles one of plugins/ for wasip1, as `make plugins` does.
func buildPlugin(t *testing.T, name string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), name+".wasm")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-buildmode=c-shared", "-o", out, "../../plugins/"+name)
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", msg)
	return out
}

// A plugin operator used from simulate-custom-policy, tried as a new user
// would: allowed when the CIDRs overlap, refused as malformed without the
// plugin, and denied (fail closed) when the request value is not a CIDR.
func TestSimulateWithPlugin(t *testing.T) {
	wasm := buildPlugin(t, "cidr")
	req := filepath.Join(t.TempDir(), "req.json")
	write := func(cidr string) {
		body, err := json.Marshal(map[string]any{
			"PolicyInputList": []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateRoute","Resource":"*","Condition":{"Plugin:CidrOverlaps":{"ec2:DestinationCidrBlock":"10.0.0.0/8"}}}]}`},
			"ActionNames":     []string{"ec2:CreateRoute"},
			"ContextEntries":  []map[string]any{{"ContextKeyName": "ec2:DestinationCidrBlock", "ContextKeyValues": []string{cidr}, "ContextKeyType": "string"}},
		})
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(req, body, 0o644))
	}
	decision := func(out string) string {
		var resp struct {
			EvaluationResults []struct{ EvalDecision string }
		}
		require.NoError(t, json.Unmarshal([]byte(out), &resp))
		return resp.EvaluationResults[0].EvalDecision
	}

	write("10.1.0.0/16")
	code, out, errOut := runCLI(t, "", "simulate-custom-policy", "--cli-input-json", req, "--plugin", wasm)
	require.Equal(t, exitOK, code, errOut)
	assert.Equal(t, "allowed", decision(out))

	write("192.168.0.0/16")
	code, out, _ = runCLI(t, "", "simulate-custom-policy", "--cli-input-json", req, "--plugin", wasm)
	require.Equal(t, exitOK, code)
	assert.Equal(t, "implicitDeny", decision(out))

	write("not-a-cidr")
	code, out, _ = runCLI(t, "", "simulate-custom-policy", "--cli-input-json", req, "--plugin", wasm, "--output", "text")
	require.Equal(t, exitOK, code)
	assert.Contains(t, out, "explicitDeny", "a failing plugin operator denies")

	code, _, errOut = runCLI(t, "", "simulate-custom-policy", "--cli-input-json", req)
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "Plugin:CidrOverlaps", "without the plugin the policy is malformed, and says which operator")

	code, _, errOut = runCLI(t, "", "simulate-custom-policy", "--cli-input-json", req, "--plugin", req)
	assert.Equal(t, exitError, code, "a file that is not a plugin")
	assert.Contains(t, errOut, "plugin")
}
