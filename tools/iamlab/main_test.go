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

// TestEveryUsage checks each command's usage, as `iamlab help COMMAND`
// prints it and as the command prints it when run without arguments:
// "usage:" once, before the first form, and every other form aligned
// under the first.
func TestEveryUsage(t *testing.T) {
	for name := range commands() {
		t.Run(name, func(t *testing.T) {
			code, help, _ := runCLI(t, "", "help", name)
			require.Equal(t, exitOK, code)
			_, usage, found := strings.Cut(help, "\n\n")
			require.True(t, found, "help %s: the summary, a blank line, the usage:\n%s", name, help)
			code, _, errOut := runCLI(t, "", name)
			require.Equal(t, exitUsage, code, "%s without arguments", name)
			for _, tt := range []struct{ where, text string }{{"help " + name, usage}, {name + " without arguments", errOut}} {
				assert.Equal(t, 1, strings.Count(tt.text, "usage:"), "%s:\n%s", tt.where, tt.text)
				assert.True(t, strings.HasPrefix(tt.text, "usage: iamlab "+name+" "), "%s:\n%s", tt.where, tt.text)
				forms, _, _ := strings.Cut(tt.text, "\n\n")
				for i, line := range strings.Split(strings.TrimSuffix(forms, "\n"), "\n")[1:] {
					assert.True(t, strings.HasPrefix(line, "       iamlab "+name+" "), "%s, form %d is not aligned under the first: %q", tt.where, i+2, line)
				}
			}
		})
	}
}

// RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890" at 59 s gives
// 94287082 with eight digits, so 287082 with AWS's six.
func TestMFACode(t *testing.T) {
	const seed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // Base32 of "12345678901234567890"
	tests := []struct {
		at, want string
	}{
		{"1970-01-01T00:00:59Z", "287082"},
		{"2005-03-18T01:58:29Z", "081804"},
		{"2009-02-13T23:31:30Z", "005924"},
		{"2033-05-18T03:33:20Z", "279037"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, "", "mfa", "code", "--seed", seed, "--at", tt.at)
		require.Equal(t, exitOK, code, errOut)
		assert.Equal(t, tt.want+"\n", out, tt.at)
	}
	code, _, errOut := runCLI(t, "", "mfa", "code", "--seed", "not base32!")
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "--seed")
	code, _, errOut = runCLI(t, "", "mfa", "code", "--seed", seed, "--at", "yesterday")
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "RFC 3339")
	code, _, _ = runCLI(t, "", "mfa")
	assert.Equal(t, exitUsage, code)
	code, out, _ := runCLI(t, "", "mfa", "code", "--seed", seed)
	assert.Equal(t, exitOK, code)
	assert.Regexp(t, `^\d{6}\n$`, out, "now by default")
}

func TestMFAQR(t *testing.T) {
	url := "otpauth://totp/Amazon%20Web%20Services:alice@111122223333?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Amazon%20Web%20Services&algorithm=SHA1&digits=6&period=30"
	code, out, errOut := runCLI(t, "", "mfa", "qr", "--url", url, "--out", "-")
	require.Equal(t, exitOK, code, errOut)
	assert.True(t, strings.HasPrefix(out, "\x89PNG\r\n\x1a\n"), "a PNG image")
	_, again, _ := runCLI(t, "", "mfa", "qr", "--url", url, "--out", "-")
	assert.Equal(t, out, again, "the same URL gives the same image")
	code, _, errOut = runCLI(t, "", "mfa", "qr", "--url", "https://example.com", "--out", "-")
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "--url")
}
