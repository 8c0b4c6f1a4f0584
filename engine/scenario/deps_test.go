package scenario

import (
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestParticipleStaysHere keeps the parser generator at the edge: no other
// engine package depends on participle (or on golang.org/x/tools).
func TestParticipleStaysHere(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("runs the go command")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	pkgs, err := exec.Command(gobin, "list", "../...").Output()
	require.NoError(t, err)
	for _, pkg := range strings.Fields(string(pkgs)) {
		if strings.Contains(pkg, "/engine/scenario") {
			continue
		}
		deps, err := exec.Command(gobin, "list", "-deps", pkg).Output()
		require.NoError(t, err)
		for _, dep := range strings.Fields(string(deps)) {
			if strings.Contains(dep, "participle") || strings.HasPrefix(dep, "golang.org/x/tools") {
				t.Errorf("%s depends on %s, which only engine/scenario may use", pkg, dep)
			}
		}
	}
}
