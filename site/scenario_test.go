package site_test

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/scenario"
	"github.com/iamlab/iamlab/engine/scenario/golden"
	"github.com/iamlab/iamlab/site"
)

// scenarioPage has a plain scenario block; its statements start on line 7.
const scenarioPage = "---\ntitle: Scenario\n---\nText.\n\n```iam-scenario\n" + `account 111122223333 alias "prod"
user alice
key alice
inline ReadLogs on user alice = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}]}
expect allow as alice: s3:GetObject on arn:aws:s3:::logs/a.txt
expect EXPECT as alice: s3:PutObject on arn:aws:s3:::logs/a.txt
` + "```\n"

// archivePage has a txtar block: the scenario reads a policy file.
const archivePage = "---\ntitle: Archive\n---\n```iam-scenario\n" + `-- scenario.iamlab --
account 111122223333 alias "prod"
user alice
key alice
inline ReadLogs on user alice = file "read-logs.json"
expect allow as alice: s3:GetObject on arn:aws:s3:::logs/a.txt
-- read-logs.json --
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}]}
` + "```\n"

func shareState(t *testing.T, html, testid string) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`href="/playground/#s=([A-Za-z0-9_-]+)" data-testid="` + testid + `"`).FindStringSubmatch(html)
	require.NotNil(t, m, "no share link")
	raw, err := base64.RawURLEncoding.DecodeString(m[1])
	require.NoError(t, err)
	data, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	require.NoError(t, err)
	var state map[string]any
	require.NoError(t, json.Unmarshal(data, &state))
	return state
}

func TestScenarioBlocksAreCheckedAndRendered(t *testing.T) {
	out, err := buildExample(t, strings.Replace(scenarioPage, "EXPECT", "implicitDeny", 1))
	require.NoError(t, err)
	html := read(t, filepath.Join(out, "ex", "index.html"))
	assert.Contains(t, html, `<figure class="iam-scenario" data-testid="iam-scenario">`)
	assert.Contains(t, html, `<span class="k">expect</span>`, "the scenario is highlighted")
	assert.Contains(t, html, `data-testid="iam-scenario-expected">&gt; account 111122223333 alias &#34;prod&#34;`, "the transcript, from the build")
	assert.Contains(t, html, `== 6 statements (0 failed); 2 expectations: 2 met, 0 failed`)
	assert.Contains(t, html, `data-testid="iam-scenario-edit" hidden>Edit and run it here</button>`)
	state := shareState(t, html, "iam-scenario-open")
	assert.Equal(t, "scenario", state["mode"])
	assert.True(t, strings.HasPrefix(state["scenario"].(string), "account 111122223333 alias \"prod\"\nuser alice\n"))

	out, err = buildExample(t, archivePage)
	require.NoError(t, err)
	html = read(t, filepath.Join(out, "ex", "index.html"))
	assert.Contains(t, html, `<p class="ipg-label">File <code>read-logs.json</code></p>`)
	assert.Contains(t, html, `&#34;files&#34;`[:0]+`"files":{"read-logs.json":`, "the live block gets the files")
	state = shareState(t, html, "iam-scenario-open")
	assert.Contains(t, state["scenario"], `inline ReadLogs on user alice = file "read-logs.json"`)
	assert.Equal(t, []any{map[string]any{"name": "read-logs.json", "text": `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}]}` + "\n"}}, state["files"],
		"the playground's scenario mode gets the files")
}

func TestScenarioBlocksThatFailFailTheBuild(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"an expectation that does not hold", strings.Replace(scenarioPage, "EXPECT", "allow", 1),
			"ex.md:12: iam-scenario: the expectation does not hold: expect allow: got implicitDeny"},
		{"a syntax error", strings.Replace(scenarioPage, "user alice", "user", 1),
			"ex.md:8: iam-scenario: column 5:"},
		{"a statement that fails unexpectedly", strings.Replace(strings.Replace(scenarioPage, "EXPECT", "implicitDeny", 1), "key alice", "key bob", 1),
			"ex.md:9: iam-scenario: the statement fails and no expect says it should: error NoSuchEntity"},
		{"no expectation", "---\ntitle: X\n---\n```iam-scenario\naccount 111122223333\nuser alice\n```\n",
			"ex.md:5: iam-scenario: no expect statement"},
		{"an archive without its scenario", strings.Replace(archivePage, "scenario.iamlab", "main.iamlab", 1),
			"ex.md:5: iam-scenario: the archive has no -- scenario.iamlab -- member"},
		{"a file the archive lacks", strings.Replace(archivePage, `file "read-logs.json"`, `file "nope.json"`, 1),
			"ex.md:9: iam-scenario: the statement fails and no expect says it should: error: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildExample(t, tt.page)
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), tt.want), "got %q\nwant %q…", err.Error(), tt.want)
		})
	}
}

func TestScenarioBlocksAreGoldenCases(t *testing.T) {
	dir := writeTree(t, "-- _index.md --\n---\ntitle: Home\n---\n")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content", "a.md"), []byte(archivePage), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content", "b.md"), []byte(strings.Replace(scenarioPage, "EXPECT", "deny", 1)), 0o644))
	blocks, err := site.ScenarioBlocks(filepath.Join(dir, "content"))
	require.NoError(t, err)
	require.Len(t, blocks, 2)
	assert.Equal(t, "a.md:5", blocks[0].String())
	assert.Equal(t, "b.md:7", blocks[1].String())
	for _, b := range blocks {
		archive, err := b.Case()
		require.NoError(t, err)
		c, err := golden.Parse(b.String(), archive)
		require.NoError(t, err)
		out, ok := c.Run(scenarioOptions())
		assert.True(t, ok, out)
	}
}

func TestTOTPBlocks(t *testing.T) {
	page := "---\ntitle: T\n---\n```iam-totp\nseed: SEED\naccount: alice@prod\n```\n"
	out, err := buildExample(t, strings.Replace(page, "SEED", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", 1))
	require.NoError(t, err)
	html := read(t, filepath.Join(out, "ex", "index.html"))
	assert.Contains(t, html, `<div class="iam-totp" data-testid="iam-totp" data-seed="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" data-account="alice@prod">`)
	assert.Contains(t, html, `<code class="totp-seed">JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP</code>`)

	for _, tt := range []struct{ name, seed, want string }{
		{"not base32", "JBSWY3DPEHPK3PX1", "ex.md:5: iam-totp: seed \"JBSWY3DPEHPK3PX1\" is not base32"},
		{"too short", "JBSWY3DP", "ex.md:5: iam-totp: seed \"JBSWY3DP\" is 5 bytes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildExample(t, strings.Replace(page, "SEED", tt.seed, 1))
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), tt.want), "got %q\nwant %q…", err.Error(), tt.want)
		})
	}
}

func scenarioOptions() scenario.Options { return scenario.Options{} }
