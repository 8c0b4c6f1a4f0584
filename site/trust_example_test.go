package site_test

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// trustPage is a live example whose resource policy is a role trust
// policy (a -- trust -- section): no Resource element, and the role's ARN
// as the request's resource.
const trustPage = "---\ntitle: Example\n---\nText.\n\n```iam-playground\n" + `-- identity --
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/deploy"}]}
-- trust --
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::222233334444:role/dev"}, "Action": "sts:AssumeRole"}]}
-- request --
caller: arn:aws:sts::222233334444:assumed-role/dev/ana
actions: sts:AssumeRole, sts:TagSession
resources: arn:aws:iam::111122223333:role/deploy
-- expect --
sts:AssumeRole on arn:aws:iam::111122223333:role/deploy: allowed
sts:TagSession on arn:aws:iam::111122223333:role/deploy: implicitDeny
` + "```\n"

func TestExampleWithATrustPolicy(t *testing.T) {
	out, err := buildExample(t, trustPage)
	require.NoError(t, err)
	html := read(t, filepath.Join(out, "ex", "index.html"))
	assert.Contains(t, html, `<p class="ipg-label">Role trust policy</p>`)
	assert.NotContains(t, html, "Resource-based policy")
	assert.Contains(t, html, `<tr data-decision="allowed"><td><code>sts:AssumeRole</code></td>`)

	// The playground opens it with the resource pane set to a trust policy.
	m := regexp.MustCompile(`href="/playground/#s=([A-Za-z0-9_-]+)"`).FindStringSubmatch(html)
	require.NotNil(t, m)
	raw, err := base64.RawURLEncoding.DecodeString(m[1])
	require.NoError(t, err)
	data, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	require.NoError(t, err)
	var state map[string]any
	require.NoError(t, json.Unmarshal(data, &state))
	assert.Equal(t, "trust", state["resourceType"])
	assert.Contains(t, state["resource"], `"Principal"`)
}

func TestExampleTrustPolicyMistakes(t *testing.T) {
	tests := []struct {
		name, page, want string
	}{
		{"a trust policy given as a resource policy", strings.Replace(trustPage, "-- trust --", "-- resource --", 1),
			"ex.md:7: iam-playground: the engine refuses the example: MalformedPolicyDocument"},
		{"a trust policy with a Resource", strings.Replace(trustPage, `"Action": "sts:AssumeRole"}]}
-- request --`, `"Action": "sts:AssumeRole", "Resource": "*"}]}
-- request --`, 1),
			"ex.md:7: iam-playground: the engine refuses the example: MalformedPolicyDocument"},
		{"both a resource and a trust section", strings.Replace(trustPage, "-- request --", "-- resource --\n{}\n-- request --", 1),
			"ex.md:11: iam-playground: a second resource or trust section"},
		{"a trust policy without the role", strings.Replace(trustPage, "resources: arn:aws:iam::111122223333:role/deploy", "resources: arn:aws:s3:::bucket", 1),
			"ex.md:7: iam-playground: the engine refuses the example: InvalidInput"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := buildExample(t, tt.page)
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), tt.want), "got %q\nwant %q…", err.Error(), tt.want)
		})
	}
}
