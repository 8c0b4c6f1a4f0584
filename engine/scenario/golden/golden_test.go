package golden_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/scenario"
	"github.com/iamlab/iamlab/engine/scenario/golden"
)

var update = flag.Bool("update", false, "rewrite the expected transcripts of the golden cases")

// corpus is the repository's golden corpus.
const corpus = "../../../testdata"

// TestCorpus runs every golden case natively and compares its transcript,
// as x/tools/cmd/bisect's tests do: one subtest per file, a diff on
// mismatch, -update to rewrite. A run that failed passes only in a case
// that declares failures, and -update does not write it otherwise.
func TestCorpus(t *testing.T) {
	parser, err := scenario.NewParser()
	require.NoError(t, err)
	paths, err := golden.Glob(corpus)
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, p := range paths {
		rel, _ := filepath.Rel(corpus, p)
		t.Run(rel, func(t *testing.T) {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			c, err := golden.Parse(p, data)
			require.NoError(t, err)
			require.NotEmpty(t, c.Comment(), "a case says what it checks in the comment before its first file")
			o := c.Outcome(scenario.Options{Parser: parser})
			got := o.Transcript
			want, _ := c.Want()
			if err := c.Check(o); err != nil {
				t.Errorf("%v", err)
				if *update {
					t.Errorf("%s: not updated", rel)
				}
				return
			}
			if got == want {
				return
			}
			if *update {
				require.NoError(t, os.WriteFile(p, c.Update(got), 0o644))
				return
			}
			t.Errorf("transcript differs (go test -update, or iamlab golden -update, rewrites it):\n%s", golden.Diff(rel, want, got))
		})
	}
}

// TestCorpusIsFormatted checks that every case's scenario is canonically
// formatted, so that iamlab fmt never rewrites the corpus.
func TestCorpusIsFormatted(t *testing.T) {
	parser, err := scenario.NewParser()
	require.NoError(t, err)
	paths, err := golden.Glob(corpus)
	require.NoError(t, err)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		c, err := golden.Parse(p, data)
		require.NoError(t, err)
		f, err := parser.Parse(golden.ScenarioFile, c.Scenario())
		if err != nil {
			continue // a case about syntax errors
		}
		require.Equal(t, string(c.Scenario()), string(scenario.Format(f)), "%s is not formatted (iamlab fmt)", p)
	}
}

// TestRunTwice checks determinism: the same case twice, the same bytes.
func TestRunTwice(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole corpus twice more")
	}
	parser, err := scenario.NewParser()
	require.NoError(t, err)
	paths, err := golden.Glob(corpus)
	require.NoError(t, err)
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		c, err := golden.Parse(p, data)
		require.NoError(t, err)
		a, _ := c.Run(scenario.Options{Parser: parser})
		b, _ := c.Run(scenario.Options{Parser: parser})
		require.Equal(t, a, b, p)
	}
}

// TestCheck checks the failures a run may have against what the case
// declares.
func TestCheck(t *testing.T) {
	const (
		ok            = "account 111122223333\nuser alice\nkey alice\nexpect implicitDeny as alice: s3:GetObject on x\n"
		failing       = "account 111122223333\nuser alice\nkey alice\nexpect allow as alice: s3:GetObject on x\n"
		refused       = "account 111122223333\ndelete user bob\n"
		expectedError = "account 111122223333\nexpect error NoSuchEntity delete user bob\n"
		syntax        = "account\n"
	)
	tests := []struct {
		name, comment, scenario string
		failures, err           string // "" for none
	}{
		{"nothing fails", "Checks.", ok, "", ""},
		{"an expectation fails", "Checks.", failing, "1 expectation failed", `and the case does not declare failures`},
		{"a statement fails", "Checks.", refused, "1 statement failed outside an expect error", `add the line "failures: expected" to its comment`},
		{"an expected error is no failure", "Checks.", expectedError, "", ""},
		{"a syntax error", "Checks.", syntax, "the scenario does not parse", "the scenario does not parse, and the case does not declare failures"},
		{"declared: an expectation fails", "Checks.\nfailures: expected", failing, "1 expectation failed", ""},
		{"declared: a statement fails", "Checks.\nfailures: expected\n", refused, "1 statement failed outside an expect error", ""},
		{"declared: a syntax error", "failures: expected\nChecks.", syntax, "the scenario does not parse", ""},
		{"declared, but nothing fails", "Checks.\nfailures: expected", ok, "", `the comment says "failures: expected" but nothing failed`},
		{"the marker is a whole line", "Checks: failures: expected", failing, "1 expectation failed", "does not declare failures"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := golden.Parse("case.txtar", []byte(tt.comment+"\n-- scenario.iamlab --\n"+tt.scenario))
			require.NoError(t, err)
			o := c.Outcome(scenario.Options{})
			assert.Equal(t, tt.failures, o.Failures())
			_, ok := c.Run(scenario.Options{})
			assert.Equal(t, tt.failures == "", ok, "Run's ok")
			err = c.Check(o)
			if tt.err == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, golden.ErrFailures)
			assert.Contains(t, err.Error(), tt.err)
			assert.True(t, strings.HasPrefix(err.Error(), "case.txtar: "), err.Error())
		})
	}
	c, err := golden.Parse("case.txtar", []byte("Checks.\nfailures: expected\n-- scenario.iamlab --\n"+failing))
	require.NoError(t, err)
	assert.Equal(t, "Checks.", c.Comment(), "the marker is not part of what the case says it checks")
	assert.True(t, c.ExpectsFailures())
}

func TestDiff(t *testing.T) {
	require.Empty(t, golden.Diff("x", "a\nb\n", "a\nb\n"))
	d := golden.Diff("x", "a\nb\nc\n", "a\nB\nc\n")
	require.Equal(t, "--- x (want)\n+++ x (got)\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n", d)
}

// TestDocsExamplesAreCases keeps the scenarios shown in the docs runnable:
// each is a golden case, word for word.
func TestDocsExamplesAreCases(t *testing.T) {
	tests := []struct {
		doc, heading, fence, caseFile string
	}{
		{"../../../README.md", "## Scenarios and golden runs", "```text\n", "docs-readme-example.txtar"},
		// The course's first example is a live block: a txtar archive of
		// the scenario and the file it reads, the same as the case's.
		{"../../../content/scenario-language.md", "---", "```iam-scenario\n", "docs-scenario-language-intro.txtar"},
	}
	for _, tt := range tests {
		t.Run(tt.caseFile, func(t *testing.T) {
			doc, err := os.ReadFile(tt.doc)
			require.NoError(t, err)
			text := string(doc)
			i := strings.Index(text, tt.heading)
			require.GreaterOrEqual(t, i, 0)
			start := strings.Index(text[i:], tt.fence)
			require.GreaterOrEqual(t, start, 0)
			block := text[i+start+len(tt.fence):]
			block = block[:strings.Index(block, "```")]
			data, err := os.ReadFile(filepath.Join(corpus, tt.caseFile))
			require.NoError(t, err)
			c, err := golden.Parse(tt.caseFile, data)
			require.NoError(t, err)
			if tt.fence == "```text\n" {
				require.Equal(t, string(c.Scenario()), block, "the example in %s differs from %s", tt.doc, tt.caseFile)
				return
			}
			// Everything of the case but its description and transcript.
			want := data[strings.Index(string(data), "-- scenario.iamlab --"):strings.Index(string(data), "-- transcript --")]
			require.Equal(t, string(want), block, "the example in %s differs from %s", tt.doc, tt.caseFile)
		})
	}
}
