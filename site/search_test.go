package site_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/site"
)

// searchRunner is the site's own search (web/src/search.ts), bundled for
// Node: it reads {"index": […], "queries": […]} on standard input and
// prints each query's hits, URLs in rank order.
const searchRunner = `
import { search } from "./src/search";
import { readFileSync } from "node:fs";
const { index, queries } = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(queries.map((q) => search(index, q, 5).map((h) => h.entry.u))));
`

// searchCourse builds content/ (pages only) and runs the site's search for
// each query over its index, in Node.
func searchCourse(t *testing.T, queries []string) [][]string {
	t.Helper()
	node, err := exec.LookPath("node")
	require.NoError(t, err, "the search test runs the site's TypeScript search in Node")
	out := filepath.Join(t.TempDir(), "public")
	g, err := site.New(site.WithContent(filepath.Join("..", "content")), site.WithOutput(out))
	require.NoError(t, err)
	_, err = g.Build(context.Background())
	require.NoError(t, err, "content/ must build for its search index to be checked")
	index, err := os.ReadFile(filepath.Join(out, "search-index.json"))
	require.NoError(t, err)

	web, err := filepath.Abs("web")
	require.NoError(t, err)
	res := api.Build(api.BuildOptions{
		Stdin:    &api.StdinOptions{Contents: searchRunner, ResolveDir: web, Sourcefile: "search-runner.ts", Loader: api.LoaderTS},
		Bundle:   true,
		Platform: api.PlatformNode,
		Format:   api.FormatESModule,
		Target:   api.ES2022,
		Write:    false,
		LogLevel: api.LogLevelSilent,
	})
	require.Empty(t, res.Errors, "bundling the search: %v", res.Errors)
	script := filepath.Join(t.TempDir(), "search.mjs")
	require.NoError(t, os.WriteFile(script, res.OutputFiles[0].Contents, 0o644))

	in, err := json.Marshal(map[string]any{"index": json.RawMessage(index), "queries": queries})
	require.NoError(t, err)
	cmd := exec.Command(node, script)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	got, err := cmd.Output()
	require.NoError(t, err, "node: %s", stderr.String())
	var hits [][]string
	require.NoError(t, json.Unmarshal(got, &hits))
	return hits
}

// TestSearchFindsEachConcept searches the real course for each concept by
// its usual name and requires the page that teaches it to come first. When
// it fails, the usual fix is in the pages' keywords (site/README.md): the
// page for the concept lists it early, and pages that only mention it do
// not list it at all.
func TestSearchFindsEachConcept(t *testing.T) {
	tests := []struct{ query, page string }{
		{"permissions boundary", "/policies/boundaries/"},
		{"SCP", "/policies/organizations/"},
		{"RCP", "/policies/organizations/"},
		{"trust policy", "/identities/roles/"},
		{"ABAC", "/policies/abac/"},
		{"session policy", "/policies/session-policies/"},
		{"AssumeRole", "/sts/assume-role/"},
		{"NotPrincipal", "/policies/resource-based/"},
		{"policy variables", "/policies/variables/"},
		{"MFA", "/mfa/"},
		{"TOTP", "/mfa/virtual-devices/"},
		{"eventual consistency", "/resilience/"}, // the section is named for it
		{"instance profile", "/identities/service-roles/"},
		{"access key rotation", "/identities/credentials/"},
		{"password policy", "/identities/credentials/"},
		{"role chaining", "/sts/role-chaining/"},
		{"web identity", "/sts/federation/"},
		{"SAML", "/sts/federation/"},
		{"root user", "/basics/root-user/"},
		{"cross-account access", "/identities/cross-account/"},
		{"condition operators", "/policies/condition-operators/"},
		{"evaluation logic", "/policies/evaluation/"},
		{"session tags", "/sts/session-tags/"},
		{"external ID", "/identities/cross-account/"},
		{"service-linked role", "/identities/service-roles/"},
		{"GetFederationToken", "/sts/federation-token/"},
		{"STS endpoints", "/sts/endpoints/"},
		{"network partition", "/resilience/partitions/"},
		{"plugins", "/tools/plugins/"},
		{"glossary", "/glossary/"},
		{"common mistakes", "/common-mistakes/"},
		{"scenario language", "/scenario-language/"},
	}
	var queries []string
	for _, tt := range tests {
		queries = append(queries, tt.query)
	}
	hits := searchCourse(t, queries)
	require.Len(t, hits, len(tests))
	for i, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if len(hits[i]) == 0 || hits[i][0] != tt.page {
				t.Errorf("search %q: want %s first, got %s", tt.query, tt.page, strings.Join(hits[i], ", "))
			}
		})
	}
}
