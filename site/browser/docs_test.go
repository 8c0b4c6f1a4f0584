//go:build browser

package browser

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/site"
)

// docsPageWithBlocks is a course page with both kinds of live example,
// and totpPage one with a TOTP block.
const (
	docsPageWithBlocks = "/basics/what-is-iam/"
	totpPage           = "/mfa/virtual-devices/"
)

// TestDocsScenarioRunsInThePage opens a page's ```iam-scenario block: the
// transcript from the build is there without running anything; "Edit and
// run it here" runs it on the lab module with the same transcript, byte for
// byte; an edit that breaks an expectation or the syntax shows; the block's
// link opens it in the playground's scenario mode, where it passes.
func TestDocsScenarioRunsInThePage(t *testing.T) {
	ctx := tab(t)
	do(t, ctx, chromedp.Navigate(shared.url+docsPageWithBlocks), chromedp.WaitVisible(`[data-testid=iam-scenario]`))
	first := `document.querySelector('[data-testid=iam-scenario]')`
	built := eval[string](t, ctx, first+`.querySelector('[data-testid=iam-scenario-expected]').textContent`)
	require.Contains(t, built, " met, ", "the build's transcript is in the page")
	assert.Contains(t, built, " failed\n")
	assert.False(t, eval[bool](t, ctx, `performance.getEntriesByName('iamlab:lab-start').length > 0 || typeof iamlabLab !== 'undefined'`),
		"the lab module is not loaded before a reader asks")

	do(t, ctx, chromedp.Click(`[data-testid=iam-scenario-edit]`))
	waitFor(t, ctx, first+`.querySelector('[data-testid=iam-scenario-transcript]') !== null`)
	assert.Equal(t, built, eval[string](t, ctx, first+`.querySelector('[data-testid=iam-scenario-transcript]').textContent`),
		"the browser's run prints what the native run printed")
	assert.Equal(t, "true", eval[string](t, ctx, first+`.querySelector('[data-testid=iam-scenario-summary]').dataset.passed`))

	// An expectation that does not hold.
	field := `[data-testid=iam-scenario] textarea[data-field="scenario.iamlab"]`
	do(t, ctx, chromedp.SendKeys(field, "\nexpect ok delete user nobody-here"), chromedp.Click(`[data-testid=iam-scenario-run]`))
	waitFor(t, ctx, first+`.querySelector('[data-testid=iam-scenario-summary]').dataset.passed === 'false'`)
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=iam-scenario-transcript]`)), "expect ok: FAILED")

	// A syntax error, located.
	lines := eval[int](t, ctx, fmt.Sprintf(`document.querySelector(%q).value.split('\n').length`, field))
	do(t, ctx, chromedp.SendKeys(field, "\nuser"), chromedp.Click(`[data-testid=iam-scenario-run]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=iam-scenario-diagnostic]') !== null`)
	assert.Equal(t, fmt.Sprint(lines+1), run(t, ctx, chromedp.AttributeValue(`[data-testid=iam-scenario-diagnostic]`, "data-line")).Value)

	// The playground, in scenario mode, with the block's scenario.
	link := run(t, ctx, chromedp.AttributeValue(`[data-testid=iam-scenario-open]`, "href")).Value
	require.True(t, strings.HasPrefix(link, "/playground/#s="))
	do(t, ctx, chromedp.Navigate(shared.url+link))
	do(t, ctx, chromedp.WaitVisible(`[data-testid=scenario]`))
	assert.Equal(t, "scenario", eval[string](t, ctx, `iamlabPlayground.state().mode`))
	do(t, ctx, chromedp.Click(`[data-testid=scenario-run]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=scenario-summary]').dataset.passed !== undefined`)
	assert.Equal(t, "true", eval[string](t, ctx, `document.querySelector('[data-testid=scenario-summary]').dataset.passed`))
	assert.Equal(t, built, eval[string](t, ctx, `document.querySelector('[data-testid=scenario-transcript]').textContent`))
}

// TestDocsTOTPBlock checks a ```iam-totp block: its seed without JavaScript,
// and the TOTP component mounted on it.
func TestDocsTOTPBlock(t *testing.T) {
	ctx := tab(t)
	do(t, ctx, chromedp.Navigate(shared.url+totpPage), chromedp.WaitReady(`[data-testid=iam-totp]`))
	seed := run(t, ctx, chromedp.AttributeValue(`[data-testid=iam-totp]`, "data-seed")).Value
	require.NotEmpty(t, seed)
	assert.Equal(t, seed, eval[string](t, ctx, `document.querySelector('[data-testid=iam-totp] .totp-seed').textContent`), "the seed, without JavaScript")
	do(t, ctx, chromedp.ScrollIntoView(`[data-testid=iam-totp]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=iam-totp] [data-testid=totp-generator]') !== null`)
}

// TestServeReloadsOpenPages serves a small course as iamlab site serve
// does, changes a page, and sees the open page reload by itself with the
// change; then breaks the page and sees the errors shown over it.
func TestServeReloadsOpenPages(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	require.NoError(t, os.MkdirAll(content, 0o755))
	page := filepath.Join(content, "_index.md")
	require.NoError(t, os.WriteFile(page, []byte("---\ntitle: Home\n---\nThe first words.\n"), 0o644))
	g, err := site.New(site.WithContent(content), site.WithOutput(filepath.Join(dir, "public")),
		site.WithFrontEnd(filepath.Join("..", "web")), site.WithTemplates(filepath.Join("..", "templates")))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reload := site.NewReloader()
	builds := make(chan site.Rebuild, 10)
	go g.Watch(ctx, 50*time.Millisecond, func(b site.Rebuild) { reload.Rebuilt(b); builds <- b })
	require.NoError(t, (<-builds).Err)
	srv := httptest.NewServer(site.LiveHandler(filepath.Join(dir, "public"), reload))
	defer srv.Close()
	defer reload.Close()

	tabCtx := tab(t)
	do(t, tabCtx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(`[data-testid=article]`))
	eval[bool](t, tabCtx, `window.notReloaded = true`)
	require.NoError(t, os.WriteFile(page, []byte("---\ntitle: Home\n---\nThe second words.\n"), 0o644))
	waitAcrossReload(t, tabCtx, `document.querySelector('[data-testid=article]')?.textContent.includes('The second words.') && window.notReloaded === undefined`)

	require.NoError(t, os.WriteFile(page, []byte("---\ntitle: Home\n---\nA [broken](nowhere.md) link.\n"), 0o644))
	waitFor(t, tabCtx, `document.querySelector('[data-testid=rebuild-failed]') !== null`)
	assert.Contains(t, run(t, tabCtx, chromedp.Text(`[data-testid=rebuild-failed]`)), `_index.md:4: link "nowhere.md": no such page`)
	assert.Contains(t, run(t, tabCtx, chromedp.Text(`[data-testid=article]`)), "The second words.", "the last good build stays")
}

// waitAcrossReload polls a JavaScript expression until it is true, through
// the page's own reloads (which end chromedp's Poll).
func waitAcrossReload(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: %v", js, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestDocsPlaygroundBlockRunsInThePage opens a page's first
// ```iam-playground block: the decisions from the build are there without
// running anything; "Edit and run it here" makes the same decisions in the
// browser; another action adds its rows as it is typed; the block's link
// opens the example in the playground with the same request.
func TestDocsPlaygroundBlockRunsInThePage(t *testing.T) {
	ctx := tab(t)
	do(t, ctx, chromedp.Navigate(shared.url+docsPageWithBlocks), chromedp.WaitVisible(`[data-testid=iam-playground]`))
	first := `document.querySelector('[data-testid=iam-playground]')`
	rows := first + `.querySelector('[data-testid=%s]') && [...` + first + `.querySelectorAll('[data-testid=%s] tbody tr')].map(r => r.dataset.decision)`
	built := eval[[]string](t, ctx, fmt.Sprintf(rows, "iam-playground-expected", "iam-playground-expected"))
	require.NotEmpty(t, built, "checked at build time, shown without JavaScript")
	state := eval[map[string]any](t, ctx, `JSON.parse(`+first+`.querySelector('.ipg-state').textContent)`)

	do(t, ctx, chromedp.Click(`[data-testid=iam-playground-edit]`))
	waitFor(t, ctx, first+`.querySelector('[data-testid=iam-playground-result]') !== null`)
	assert.Equal(t, built, eval[[]string](t, ctx, fmt.Sprintf(rows, "iam-playground-result", "iam-playground-result")), "the browser decides as the build did")
	do(t, ctx, chromedp.SendKeys(`[data-testid=iam-playground] textarea[data-field=Actions]`, ", iamlab:NoSuchAction"))
	waitFor(t, ctx, fmt.Sprintf(`%s.querySelectorAll('[data-testid=iam-playground-result] tbody tr').length > %d`, first, len(built)))

	link := run(t, ctx, chromedp.AttributeValue(`[data-testid=iam-playground-open]`, "href")).Value
	do(t, ctx, chromedp.Navigate(shared.url+link))
	waitFor(t, ctx, ready)
	do(t, ctx, chromedp.WaitVisible(decision))
	assert.Equal(t, built[0], decisionOf(t, ctx))
	assert.Equal(t, state["actions"], eval[string](t, ctx, `iamlabPlayground.state().actions`))
}

// TestDocsBlockScreenshots takes screenshots of a scenario block, as built
// and opened, and of a TOTP block, in both themes, to look at.
func TestDocsBlockScreenshots(t *testing.T) {
	for _, theme := range []string{"light", "dark"} {
		t.Run(theme, func(t *testing.T) {
			ctx := tab(t)
			do(t, ctx, chromedp.Navigate(shared.url+"/"))
			eval[bool](t, ctx, fmt.Sprintf(`localStorage.setItem('iamlab-theme', %q), true`, theme))
			do(t, ctx, chromedp.Navigate(shared.url+docsPageWithBlocks), chromedp.WaitVisible(`[data-testid=iam-scenario]`),
				chromedp.ScrollIntoView(`[data-testid=iam-scenario]`))
			screenshot(t, ctx, "scenario-block-"+theme+".png")
			do(t, ctx, chromedp.Click(`[data-testid=iam-scenario-edit]`))
			waitFor(t, ctx, `document.querySelector('[data-testid=iam-scenario-transcript]') !== null`)
			do(t, ctx, chromedp.ScrollIntoView(`[data-testid=iam-scenario-run]`))
			screenshot(t, ctx, "scenario-block-open-"+theme+".png")
			do(t, ctx, chromedp.Navigate(shared.url+totpPage), chromedp.WaitReady(`[data-testid=iam-totp]`),
				chromedp.ScrollIntoView(`[data-testid=iam-totp]`))
			waitFor(t, ctx, `document.querySelector('[data-testid=iam-totp] [data-testid=totp-generator]') !== null`)
			time.Sleep(300 * time.Millisecond)
			screenshot(t, ctx, "totp-block-"+theme+".png")
		})
	}
}

// archivePage has a scenario block that is a txtar archive: a scenario
// and the files it reads.
const archivePage = "/sts/assume-role/"

// TestDocsScenarioWithFiles opens a block whose scenario reads files, in
// the page and in the playground, where its link carries the files.
func TestDocsScenarioWithFiles(t *testing.T) {
	ctx := tab(t)
	do(t, ctx, chromedp.Navigate(shared.url+archivePage), chromedp.WaitVisible(`[data-testid=iam-scenario]`))
	const find = `[...document.querySelectorAll('[data-testid=iam-scenario]')].find(f => f.querySelector('.isc-static .ipg-label code'))`
	require.True(t, eval[bool](t, ctx, find+` !== undefined`), "%s has no scenario block with files any more: point archivePage at one that has", archivePage)
	eval[bool](t, ctx, find+`.id = 'with-files', true`)
	built := eval[string](t, ctx, `document.querySelector('#with-files [data-testid=iam-scenario-expected]').textContent`)
	do(t, ctx, chromedp.Click(`#with-files [data-testid=iam-scenario-edit]`))
	waitFor(t, ctx, `document.querySelector('#with-files [data-testid=iam-scenario-transcript]') !== null`)
	assert.Positive(t, eval[int](t, ctx, `document.querySelectorAll('#with-files textarea[data-field]:not([data-field="scenario.iamlab"])').length`), "each file is editable")
	assert.Equal(t, built, eval[string](t, ctx, `document.querySelector('#with-files [data-testid=iam-scenario-transcript]').textContent`))

	link := run(t, ctx, chromedp.AttributeValue(`#with-files [data-testid=iam-scenario-open]`, "href")).Value
	do(t, ctx, chromedp.Navigate(shared.url+link), chromedp.WaitVisible(`[data-testid=scenario]`))
	assert.Positive(t, eval[int](t, ctx, `(iamlabPlayground.state().files ?? []).length`), "the link carries the files")
	do(t, ctx, chromedp.Click(`[data-testid=scenario-run]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=scenario-summary]').dataset.passed !== undefined`)
	assert.Equal(t, built, eval[string](t, ctx, `document.querySelector('[data-testid=scenario-transcript]').textContent`))
}
