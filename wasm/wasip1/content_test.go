package main

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/scenario"
	"github.com/iamlab/iamlab/engine/scenario/golden"
	"github.com/iamlab/iamlab/site"
)

const content = "../../content"

// TestContentExamplesUnderWazero runs every ```iam-scenario block of the
// course (content/), as the site generator finds it, natively and inside
// WebAssembly under wazero, and requires the same transcript byte for
// byte, with every expectation met: the course's examples belong to the
// golden corpus. The site build checks the same blocks natively; this
// checks that the browser-side build of the engine agrees.
func TestContentExamplesUnderWazero(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command for wasip1 (make unit runs it in full)")
	}
	if runtime.GOOS == "wasip1" || runtime.GOOS == "js" {
		t.Skip("the host side of this test runs natively")
	}
	blocks, err := site.ScenarioBlocks(content)
	require.NoError(t, err)
	if len(blocks) == 0 {
		t.Skip("the course has no iam-scenario blocks yet")
	}
	parser, err := scenario.NewParser()
	require.NoError(t, err)
	g := newGuest(t, buildWasm(t))
	var native, wasm time.Duration
	for _, b := range blocks {
		t.Run(b.String(), func(t *testing.T) {
			archive, err := b.Case()
			require.NoError(t, err)
			c, err := golden.Parse(b.String(), archive)
			require.NoError(t, err)
			start := time.Now()
			want, ok := c.Run(scenario.Options{Parser: parser})
			native += time.Since(start)
			if !ok {
				t.Errorf("an expectation of the page does not hold natively:\n%s", want)
			}
			start = time.Now()
			got, stderr, err := g.run(archive)
			wasm += time.Since(start)
			require.NoError(t, err, "stderr: %s", stderr)
			if got != want {
				t.Errorf("wasip1 and native transcripts differ:\n%s", golden.Diff(b.String(), want, got))
			}
		})
	}
	t.Logf("%d blocks: native %s, wazero %s", len(blocks), native.Round(time.Millisecond), wasm.Round(time.Millisecond))
}
