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

// A scenario that loads the CIDR plugin and uses its operator in an
// identity policy and in a Deny, tried as a new user would with iamlab run.
func TestRunScenarioWithPlugin(t *testing.T) {
	wasm := buildPlugin(t, "cidr")
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "cidr.wasm"), mustRead(t, wasm), 0o644))
	scen := filepath.Join(dir, "routes.iamlab")
	require.NoError(t, os.WriteFile(scen, []byte(`account 111122223333 alias "prod"
plugin cidr from "cidr.wasm"
user alice
key alice
inline Routes on user alice = {"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "ec2:CreateRoute", "Resource": "*", "Condition": {"Plugin:CidrOverlaps": {"ec2:DestinationCidrBlock": "10.0.0.0/8"}}},
  {"Effect": "Deny", "Action": "ec2:CreateRoute", "Resource": "*", "Condition": {"Plugin:CidrOverlaps": {"ec2:DestinationCidrBlock": "10.99.0.0/16"}}}]}
expect allow as alice: ec2:CreateRoute on * context {"ec2:DestinationCidrBlock": "10.1.0.0/16"}
expect implicitDeny as alice: ec2:CreateRoute on * context {"ec2:DestinationCidrBlock": "192.168.0.0/16"}
expect explicitDeny as alice: ec2:CreateRoute on * context {"ec2:DestinationCidrBlock": "10.99.1.0/24"}
expect explicitDeny as alice: ec2:CreateRoute on * context {"ec2:DestinationCidrBlock": "not-a-cidr"}
`), 0o644))
	code, out, errOut := runCLI(t, "", "run", scen)
	require.Equal(t, exitOK, code, "%s\n%s", out, errOut)
	assert.Contains(t, out, "loaded plugin cidr from")
	assert.Contains(t, out, "4 expectations: 4 met, 0 failed")
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}
