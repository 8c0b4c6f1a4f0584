package site

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"io"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeShare reads a share link's state back, as the playground does.
func decodeShare(t *testing.T, html string) playgroundState {
	t.Helper()
	m := regexp.MustCompile(`href="/playground/#s=([^"]+)" data-testid="policy-open"`).FindStringSubmatch(html)
	require.NotNil(t, m, "no policy link in %s", html)
	raw, err := base64.RawURLEncoding.DecodeString(m[1])
	require.NoError(t, err)
	data, err := io.ReadAll(flate.NewReader(bytes.NewReader(raw)))
	require.NoError(t, err)
	var st playgroundState
	require.NoError(t, json.Unmarshal(data, &st))
	return st
}

func TestPolicyLink(t *testing.T) {
	const passRole = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:Get*", "iam:PassRole"], "Resource": "*"}]}`
	const trust = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}`
	tests := []struct {
		name, info, policy string
		check              func(t *testing.T, st playgroundState)
	}{
		{"identity", "json policy-type=IDENTITY_POLICY", passRole, func(t *testing.T, st playgroundState) {
			assert.Equal(t, []string{passRole}, st.Identity)
			assert.Equal(t, "iam:PassRole", st.Actions, "the first action without wildcards")
		}},
		{"trust", "json policy-type=RESOURCE_POLICY resource-type=AWS::IAM::AssumeRolePolicyDocument", trust, func(t *testing.T, st playgroundState) {
			assert.Equal(t, trust, st.Resource)
			assert.Equal(t, "trust", st.ResourceType)
			assert.Equal(t, "sts:AssumeRole", st.Actions)
			assert.Equal(t, "arn:aws:iam::111122223333:role/Example", st.Resources)
		}},
		{"bucket policy", "json policy-type=RESOURCE_POLICY resource-type=AWS::S3::Bucket", `{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}}`, func(t *testing.T, st playgroundState) {
			assert.Empty(t, st.ResourceType)
			assert.Equal(t, "s3:GetObject", st.Actions, "a single statement object")
		}},
		{"scp", "json policy-type=SERVICE_CONTROL_POLICY", `{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`, func(t *testing.T, st playgroundState) {
			assert.Len(t, st.SCPs, 1)
			assert.Equal(t, "s3:GetObject", st.Actions, "no action without wildcards")
		}},
		{"not JSON", "json policy-type=IDENTITY_POLICY", `{"Version": "2012-10-17",`, func(t *testing.T, st playgroundState) {
			assert.Equal(t, "s3:GetObject", st.Actions)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &markdown{page: &Page{File: "p.md"}}
			tt.check(t, decodeShare(t, m.policyLink(tt.info, tt.policy, 3)))
			assert.Empty(t, m.errs)
		})
	}
}

func TestPolicyLinkWithoutOrUnknownType(t *testing.T) {
	m := &markdown{page: &Page{File: "p.md"}}
	assert.Empty(t, m.policyLink("json", "{}", 3), "a plain json block gets no link")
	assert.Empty(t, m.policyLink("json policy-type=RESOURCE_CONTROL_POLICY", "{}", 3), "no RCP pane")
	assert.Empty(t, m.errs)
	assert.Empty(t, m.policyLink("json policy-type=GROUP_POLICY", "{}", 7))
	require.Len(t, m.errs, 1)
	assert.Equal(t, 7, m.errs[0].Line)
	assert.Contains(t, m.errs[0].Msg, `unknown policy-type "GROUP_POLICY"`)
}
