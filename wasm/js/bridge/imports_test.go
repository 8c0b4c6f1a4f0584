package bridge_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLightModuleImports keeps the heavy packages out of the light
// browser module (wasm/js, iamlab.wasm): they belong in the lab module
// (wasm/js/lab). It asks `go list -deps` for the module's import graph as
// it is built for the browser.
func TestLightModuleImports(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list; the native run checks it")
	}
	goBin, err := exec.LookPath("go")
	require.NoError(t, err, "the test runs `go list`: put the go command on PATH")
	cmd := exec.Command(goBin, "list", "-deps", "-f", "{{.ImportPath}}", "github.com/iamlab/iamlab/wasm/js")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	out, err := cmd.Output()
	require.NoError(t, err, "go list: %s", out)
	deps := strings.Fields(string(out))
	require.Contains(t, deps, "github.com/iamlab/iamlab/wasm/js/bridge", "the graph is the light module's")

	forbidden := []string{
		"github.com/iamlab/iamlab/engine/scenario",
		"github.com/iamlab/iamlab/engine/account",
		"github.com/iamlab/iamlab/engine/cloud",
		"github.com/iamlab/iamlab/engine/catalog",
		"github.com/iamlab/iamlab/engine/validate",
		"github.com/iamlab/iamlab/engine/summary",
		"github.com/iamlab/iamlab/wasm/js/labbridge",
		"github.com/iamlab/iamlab/plugins/host", // the browser's plugin host shares only plugins/abi with it
		"github.com/tetratelabs/wazero",
		"github.com/alecthomas/participle",
		"golang.org/x/crypto",
	}
	for _, dep := range deps {
		for _, f := range forbidden {
			assert.False(t, dep == f || strings.HasPrefix(dep, f+"/"), "the light module imports %s; move what needs it to wasm/js/labbridge", dep)
		}
	}
}
