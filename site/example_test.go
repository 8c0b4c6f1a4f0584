package site_test

import (
	"bytes"
	"compress/flate"
	"context"
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

	"github.com/iamlab/iamlab/site"
)

// examplePage is ex.md: its block is a txtar archive itself, so the page
// is written directly, not through writeTree's archive.
const examplePage = "---\ntitle: Example\n---\nText.\n\n```iam-playground\n" + `-- identity --
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}
-- request --
caller: arn:aws:iam::111122223333:user/alice
actions: s3:GetObject, s3:PutObject
resources: arn:aws:s3:::reports/q3.pdf
context: aws:SourceIp ip 203.0.113.7
-- expect --
s3:GetObject on arn:aws:s3:::reports/q3.pdf: allowed
s3:PutObject on arn:aws:s3:::reports/q3.pdf: EXPECT
` + "```\n"

func buildExample(t *testing.T, page string) (string, error) {
	t.Helper()
	dir := writeTree(t, "-- _index.md --\n---\ntitle: Home\n---\n")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "content", "ex.md"), []byte(page), 0o644))
	out := filepath.Join(dir, "public")
	g, err := site.New(site.WithContent(filepath.Join(dir, "content")), site.WithOutput(out))
	require.NoError(t, err)
	_, err = g.Build(context.Background())
	return out, err
}

func TestExamplesAreCheckedAndRendered(t *testing.T) {
	out, err := buildExample(t, strings.Replace(examplePage, "EXPECT", "implicitDeny", 1))
	require.NoError(t, err)
	html := read(t, filepath.Join(out, "ex", "index.html"))
	assert.Contains(t, html, `<figure class="iam-playground" data-testid="iam-playground">`)
	assert.Contains(t, html, `<tr data-decision="allowed"><td><code>s3:GetObject</code></td>`)
	assert.Contains(t, html, `<tr data-decision="implicitDeny"><td><code>s3:PutObject</code></td>`)
	assert.Contains(t, html, `<pre tabindex="0" class="chroma">`, "the policy is highlighted")

	// The link opens the example in the playground: the state, deflated.
	m := regexp.MustCompile(`href="/playground/#s=([A-Za-z0-9_-]+)"`).FindStringSubmatch(html)
	require.NotNil(t, m)
	raw, err := base64.RawURLEncoding.DecodeString(m[1])
	require.NoError(t, err)
	data, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	require.NoError(t, err)
	var state map[string]any
	require.NoError(t, json.Unmarshal(data, &state))
	assert.Equal(t, "arn:aws:iam::111122223333:user/alice", state["caller"])
	assert.Equal(t, []any{map[string]any{"key": "aws:SourceIp", "type": "ip", "values": "203.0.113.7"}}, state["context"])
}

func TestExamplesThatDisagreeFailTheBuild(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"a wrong decision", strings.Replace(examplePage, "EXPECT", "allowed", 1),
			"ex.md:16: iam-playground: s3:PutObject on arn:aws:s3:::reports/q3.pdf: the page says allowed, the engine decides implicitDeny"},
		{"a decision left out", strings.Replace(examplePage, "s3:PutObject on arn:aws:s3:::reports/q3.pdf: EXPECT\n", "", 1),
			"ex.md:7: iam-playground: the expect section lists 1 decisions, the example makes 2"},
		{"a malformed expectation", strings.Replace(examplePage, "EXPECT", "denied", 1),
			"ex.md:16: iam-playground: expect: write ACTION on RESOURCE: allowed|explicitDeny|implicitDeny"},
		{"an unknown request line", strings.Replace(examplePage, "caller:", "principal:", 1),
			`ex.md:10: iam-playground: request: unknown line "principal: arn:aws:iam::111122223333:user/alice"`},
		{"a malformed policy", strings.Replace(strings.Replace(examplePage, "EXPECT", "implicitDeny", 1), `"Allow"`, `"allow"`, 1),
			"ex.md:7: iam-playground: the engine refuses the example: MalformedPolicyDocument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildExample(t, tt.page)
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), tt.want), "got %q\nwant %q…", err.Error(), tt.want)
		})
	}
}
