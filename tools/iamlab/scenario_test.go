package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/scenario"
	corpus "github.com/iamlab/iamlab/engine/scenario/golden"
)

const passing = `account 111122223333 alias "prod"
user alice
key alice
inline Read on user alice = file "read.json"
expect allow as alice: s3:GetObject on arn:aws:s3:::b/k
`

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	}
	return dir
}

func TestRunScenario(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"ok.iamlab":   passing,
		"read.json":   `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`,
		"fail.iamlab": "account 111122223333\nuser a\nkey a\nexpect allow as a: s3:GetObject on x\n",
		"bad.iamlab":  "account\n",
	})
	code, out, errOut := runCLI(t, "", "run", filepath.Join(dir, "ok.iamlab"))
	assert.Equal(t, exitOK, code, errOut)
	assert.Contains(t, out, "expect allow: ok")

	code, out, errOut = runCLI(t, "", "run", filepath.Join(dir, "fail.iamlab"))
	assert.Equal(t, exitError, code)
	assert.Contains(t, out, "expect allow: FAILED at "+filepath.Join(dir, "fail.iamlab")+":4:1: got implicitDeny")
	assert.Contains(t, errOut, "1 of 1 expectation failed")

	code, out, errOut = runCLI(t, "", "run", filepath.Join(dir, "bad.iamlab"))
	assert.Equal(t, exitError, code)
	assert.Empty(t, out)
	assert.Contains(t, errOut, "bad.iamlab:1:8: unexpected end of the line")

	code, out, _ = runCLI(t, "account 111122223333\nstatus\n", "run", "-")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "us-east-1       version 1, control plane")

	code, _, _ = runCLI(t, "", "run")
	assert.Equal(t, exitUsage, code)
}

func TestFmt(t *testing.T) {
	dir := writeFiles(t, map[string]string{"s.iamlab": "user   alice   tags a=b   path /x/\n\n\n# end\n"})
	p := filepath.Join(dir, "s.iamlab")
	code, out, _ := runCLI(t, "", "fmt", p)
	assert.Equal(t, exitOK, code)
	assert.Equal(t, "user alice path /x/ tags a=b\n\n# end\n", out)
	code, _, _ = runCLI(t, "", "fmt", "-w", p)
	assert.Equal(t, exitOK, code)
	data, err := os.ReadFile(p)
	require.NoError(t, err)
	assert.Equal(t, out, string(data))
	code, again, _ := runCLI(t, "", "fmt", p)
	assert.Equal(t, exitOK, code)
	assert.Equal(t, out, again, "formatting twice changes nothing")
	code, _, errOut := runCLI(t, "user\n", "fmt", "-")
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "stdin:1:5")
}

func TestGolden(t *testing.T) {
	archive := "Alice may read.\n-- scenario.iamlab --\n" + passing + "-- read.json --\n" +
		`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}` + "\n"
	dir := writeFiles(t, map[string]string{"cases/a.txtar": archive})
	code, out, _ := runCLI(t, "", "golden", dir)
	assert.Equal(t, exitError, code, "no transcript yet")
	assert.Contains(t, out, "+> account 111122223333 alias \"prod\"")
	assert.Contains(t, out, "golden: 1 case, 0 as expected, 1 differs\n")

	code, out, _ = runCLI(t, "", "golden", "-update", dir)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "golden: 1 case, 1 transcript rewritten\n")
	code, out, _ = runCLI(t, "", "golden", dir)
	assert.Equal(t, exitOK, code, out)
	assert.Contains(t, out, "golden: 1 case, 1 as expected, 0 differ\n")

	// An edit shows as a unified diff.
	p := filepath.Join(dir, "cases/a.txtar")
	data, err := os.ReadFile(p)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, []byte(strings.Replace(string(data), "expect allow: ok", "expect allow: maybe", 1)), 0o644))
	code, out, _ = runCLI(t, "", "golden", dir)
	assert.Equal(t, exitError, code)
	assert.Contains(t, out, "-  expect allow: maybe\n+  expect allow: ok\n")

	code, _, errOut := runCLI(t, "", "golden", t.TempDir())
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "no cases")
}

// TestGoldenFailures checks that a case whose run failed fails, even with
// the very transcript it prints, unless it declares failures, and that
// -update does not write its transcript.
func TestGoldenFailures(t *testing.T) {
	const read = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}` + "\n"
	failing := strings.Replace(passing, "expect allow", "expect deny", 1)
	refused := passing + "delete user bob\n"
	tests := []struct {
		name, comment, scenario string
		code                    int
		want                    string // in the output of golden, and of golden -update
	}{
		{"an expectation fails", "Alice may read.", failing, exitError, "1 expectation failed, and the case does not declare failures"},
		{"a statement fails", "Alice may read.", refused, exitError, "1 statement failed outside an expect error, and the case does not declare failures"},
		{"syntax errors", "Alice may read.", "account\n", exitError, "the scenario does not parse, and the case does not declare failures"},
		{"declared failures", "A failure looks like this.\nfailures: expected", failing, exitOK, ""},
		{"declared, but nothing fails", "Alice may read.\nfailures: expected", passing, exitError, `the comment says "failures: expected" but nothing failed`},
		{"nothing fails", "Alice may read.", passing, exitOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The case holds the transcript it prints: only the failures
			// can fail it.
			bare := tt.comment + "\n-- scenario.iamlab --\n" + tt.scenario + "-- read.json --\n" + read
			c, err := corpus.Parse("a.txtar", []byte(bare))
			require.NoError(t, err)
			dir := writeFiles(t, map[string]string{"a.txtar": string(c.Update(c.Outcome(scenario.Options{}).Transcript))})
			p := filepath.Join(dir, "a.txtar")

			code, out, errOut := runCLI(t, "", "golden", dir)
			assert.Equal(t, tt.code, code, out+errOut)
			assert.NotContains(t, out, "(want)", "the transcript is the one the case prints")
			if tt.want == "" {
				assert.Contains(t, out, "golden: 1 case, 1 as expected, 0 differ\n")
			} else {
				assert.Contains(t, out, p+": failures not as declared: "+tt.want)
				assert.Contains(t, out, "golden: 1 case, 0 as expected, 0 differ, 1 with failures not as declared\n")
			}

			// -update writes a case without a transcript only when its run
			// agrees with its declaration.
			require.NoError(t, os.WriteFile(p, []byte(bare), 0o644))
			code, out, errOut = runCLI(t, "", "golden", "-update", dir)
			assert.Equal(t, tt.code, code, out+errOut)
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			if tt.want == "" {
				assert.Contains(t, out, "golden: 1 case, 1 transcript rewritten\n")
				assert.Contains(t, string(data), "-- transcript --")
			} else {
				assert.Contains(t, out, "not updated: "+p+": failures not as declared: "+tt.want)
				assert.Contains(t, out, "golden: 1 case, 0 transcripts rewritten, 1 not updated (failures not as declared)\n")
				assert.Equal(t, bare, string(data), "the case is left as it was")
			}
		})
	}
}
