package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// runCLI runs the command line in-process and returns the exit status and
// what it printed.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// golden compares got with testdata file name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(name, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(name)
	require.NoError(t, err, "missing golden file; run go test -update and review the diff")
	assert.Equal(t, string(want), got, "output differs from %s (go test -update rewrites it)", name)
}

// TestSimulateGolden runs every request under testdata/simulate, tried as a
// new user would, in both output formats, and compares with the golden
// transcripts beside them.
func TestSimulateGolden(t *testing.T) {
	reqs, err := filepath.Glob("testdata/simulate/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, reqs)
	for _, req := range reqs {
		if strings.HasSuffix(req, ".golden.json") {
			continue
		}
		base := strings.TrimSuffix(req, ".json")
		t.Run(filepath.Base(base), func(t *testing.T) {
			for _, format := range []string{"text", "json"} {
				code, out, errOut := runCLI(t, "", "simulate-custom-policy", "--cli-input-json", "file://"+req, "--output", format)
				transcript := fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", code, out, errOut)
				golden(t, base+"."+format+".golden", transcript)
			}
		})
	}
}

func TestSimulateReadsStandardInput(t *testing.T) {
	req, err := os.ReadFile("testdata/simulate/missing-context.json")
	require.NoError(t, err)
	code, fromStdin, _ := runCLI(t, string(req), "simulate-custom-policy", "--cli-input-json", "-")
	require.Equal(t, exitOK, code)
	_, fromFile, _ := runCLI(t, "", "simulate-custom-policy", "--cli-input-json", "testdata/simulate/missing-context.json")
	assert.Equal(t, fromFile, fromStdin, "a plain path and - read the same request")
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no arguments", nil, exitUsage, "Commands:"},
		{"unknown command", []string{"simulate"}, exitUsage, `unknown command "simulate"`},
		{"missing input", []string{"simulate-custom-policy"}, exitUsage, "usage: iamlab simulate-custom-policy"},
		{"bad output", []string{"simulate-custom-policy", "--cli-input-json", "-", "--output", "yaml"}, exitUsage, "--output must be json or text"},
		{"missing file", []string{"simulate-custom-policy", "--cli-input-json", "file://does-not-exist.json"}, exitError, "does-not-exist.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, out+errOut, tt.want)
		})
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := runCLI(t, "", "help", "simulate-custom-policy")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "--cli-input-json")
}
