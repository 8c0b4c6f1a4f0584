package validate_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/validate"
)

// pages is the site's section for the findings (content/validate), one
// page per code at the code's LearnMoreLink.
const pages = "../../content/validate"

// TestEveryCodeHasAPage checks that each code's LearnMoreLink has its page,
// that the section's index links to it, and that the page's first ```json
// block, validated as the block's info string says (policy-type=…, and
// resource-type=… for a trust policy or a resource's type; an identity
// policy when absent), produces the code.
func TestEveryCodeHasAPage(t *testing.T) {
	index, err := os.ReadFile(filepath.Join(pages, "_index.md"))
	require.NoError(t, err)
	for _, code := range validate.Codes() {
		t.Run(string(code), func(t *testing.T) {
			slug := strings.TrimSuffix(strings.TrimPrefix(code.LearnMoreLink(), "/validate/"), "/")
			data, err := os.ReadFile(filepath.Join(pages, slug+".md"))
			require.NoError(t, err, "no page for %s at %s", code, code.LearnMoreLink())
			assert.Contains(t, string(index), "("+slug+".md)", "the index links to the page")
			page := string(data)
			info, _ := code.Info()
			assert.True(t, strings.HasPrefix(page, "---\ntitle: \""+info.Title+"\"\n"), "the page's title is the finding's")
			req, ok := firstJSONBlock(t, page)
			require.True(t, ok, "the page has a ```json block")
			found := map[validate.Code]bool{}
			for _, f := range validate.Validate(cat(t), req) {
				found[f.IssueCode] = true
			}
			assert.True(t, found[code], "the page's example does not produce %s: %v", code, found)
		})
	}
}

// firstJSONBlock reads a page's first ```json block and its info string.
func firstJSONBlock(t *testing.T, page string) (validate.Request, bool) {
	t.Helper()
	start := strings.Index(page, "\n```json")
	if start < 0 {
		return validate.Request{}, false
	}
	rest := page[start+len("\n```json"):]
	nl := strings.IndexByte(rest, '\n')
	if nl < 0 {
		return validate.Request{}, false
	}
	req := validate.Request{Type: validate.IdentityPolicy}
	for _, field := range strings.Fields(rest[:nl]) {
		name, value, _ := strings.Cut(field, "=")
		switch name {
		case "policy-type":
			pt, ok := validate.ParsePolicyType(value)
			require.True(t, ok, "policy-type %q", value)
			req.Type = pt
		case "resource-type":
			req.ResourceType = value
		}
	}
	body := rest[nl+1:]
	end := strings.Index(body, "\n```")
	if end < 0 {
		return validate.Request{}, false
	}
	req.Document = []byte(body[:end])
	return req, true
}
