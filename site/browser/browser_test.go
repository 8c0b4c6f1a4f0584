//go:build browser

package browser

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/site"
)

// env is what every test shares: the built site, its server and one
// browser.
type env struct {
	url      string // the site's root, http://127.0.0.1:PORT
	browser  context.Context
	shots    string // the folder for screenshots and measurements
	assets   []site.Asset
	buildDur time.Duration
}

var shared *env // set once by TestMain, read by the tests

func TestMain(m *testing.M) {
	e, cleanup, err := setup()
	if err != nil {
		fmt.Fprintln(os.Stderr, "browser tests:", err)
		os.Exit(1)
	}
	shared = e
	code := m.Run()
	cleanup()
	os.Exit(code)
}

func setup() (*env, func(), error) {
	root, err := filepath.Abs("../..")
	if err != nil {
		return nil, nil, err
	}
	chromium := os.Getenv("IAMLAB_CHROMIUM")
	if chromium == "" {
		if chromium, err = exec.LookPath("chromium"); err != nil {
			return nil, nil, fmt.Errorf("chromium is not installed: apt-get install chromium (make browser does it as root), or set IAMLAB_CHROMIUM")
		}
	}
	out, err := os.MkdirTemp("", "iamlab-site-")
	if err != nil {
		return nil, nil, err
	}
	content := os.Getenv("IAMLAB_CONTENT") // another course to test with; content/ by default
	if content == "" {
		content = filepath.Join(root, "content")
	}
	g, err := site.New(site.WithContent(content), site.WithOutput(filepath.Join(out, "public")),
		site.WithFrontEnd(filepath.Join(root, "site", "web")), site.WithEngine(root), site.WithLog(os.Stderr))
	if err != nil {
		return nil, nil, err
	}
	rep, err := g.Build(context.Background())
	if err != nil {
		return nil, nil, fmt.Errorf("building the site: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	srv := &http.Server{Handler: site.Handler(filepath.Join(out, "public"))}
	go srv.Serve(ln)

	shots := os.Getenv("IAMLAB_SCREENSHOTS")
	if shots == "" {
		shots = filepath.Join(root, ".screenshots", "site")
	}
	if err := os.MkdirAll(shots, 0o755); err != nil {
		return nil, nil, err
	}
	profile, err := os.MkdirTemp("", "iamlab-chromium-")
	if err != nil {
		return nil, nil, err
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1440, 1000),
	)
	browser, cancelBrowser := chromedp.NewContext(allocCtx)
	if err := chromedp.Do(browser); err != nil { // starts the browser
		cancelBrowser()
		cancelAlloc()
		return nil, nil, fmt.Errorf("starting %s: %w", chromium, err)
	}
	cleanup := func() {
		cancelBrowser()
		cancelAlloc()
		srv.Close()
		os.RemoveAll(out)
		os.RemoveAll(profile)
	}
	return &env{url: "http://" + ln.Addr().String(), browser: browser, shots: shots, assets: rep.Assets, buildDur: rep.Duration}, cleanup, nil
}

// tab opens a new tab in a browser context of its own (its own local
// storage), closed when the test ends.
func tab(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(shared.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	require.NoError(t, chromedp.Do(ctx, steps...))
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	require.NoError(t, err)
	return v
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// waitFor polls a JavaScript expression until it is true.
func waitFor(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(20*time.Second)))
	require.NoError(t, err, "waiting for %s", js)
}

// waitLocation waits for a navigation to reach url.
func waitLocation(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err == nil && loc == url {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page did not navigate to %s (at %q, %v)", url, loc, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

const (
	decision  = `[data-testid=decision]`
	ready     = `document.querySelector('[data-testid=engine-status]')?.dataset.ready === 'true'`
	stateJSON = `JSON.stringify(iamlabPlayground.state())`
)

func openPlayground(t *testing.T, ctx context.Context, fragment string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(shared.url+"/playground/"+fragment))
	waitFor(t, ctx, ready)
	do(t, ctx, chromedp.WaitVisible(decision))
}

func decisionOf(t *testing.T, ctx context.Context) string {
	t.Helper()
	return eval[string](t, ctx, `document.querySelector('[data-testid=decision]').dataset.decision`)
}

// replaceEditor types text into an editor as a person would: select all,
// then type.
func replaceEditor(t *testing.T, ctx context.Context, id, text string) {
	t.Helper()
	sel := fmt.Sprintf(`[data-testid="editor-%s"]`, id)
	do(t, ctx,
		chromedp.Click(sel),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent("\b"),
		chromedp.SendKeys(sel, text),
	)
}

func TestPlaygroundRunsTheDefaultExample(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	assert.Equal(t, "allowed", decisionOf(t, ctx))
	rows := eval[[]string](t, ctx, `[...document.querySelectorAll('[data-testid=result-row]')].map(r => r.dataset.decision)`)
	assert.Equal(t, []string{"allowed", "explicitDeny"}, rows)
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=summary]`)), "an identity-based policy allows it")
	assert.Positive(t, eval[int](t, ctx, `document.querySelectorAll('[data-testid=matched-range]').length`), "the allowing statement is highlighted")

	// The second row: the explicit deny, its statement and its words.
	do(t, ctx, chromedp.Click(`[data-testid=result-row]:nth-child(2) button`))
	waitFor(t, ctx, `document.querySelector('[data-testid=decision]').dataset.decision === 'explicitDeny'`)
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=matched-statements]`)), "Identity policy 1, 16:5–21:6")
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=explanation]`)), `APPLY Deny  PolicyInputList.1 "NeverDelete"`)
	types := eval[[]string](t, ctx, `[...document.querySelectorAll('[data-testid=policy-types] tbody tr')].map(r => r.dataset.type + ' ' + r.dataset.verdict)`)
	assert.Equal(t, []string{"identity explicitDeny"}, types)
}

func TestPlaygroundShowsADiagnosticWhereTheMistakeIs(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	policy := `{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}`
	replaceEditor(t, ctx, "identity-0", policy)
	// The linter may have run on a half-typed document: wait for its run on the whole.
	waitFor(t, ctx, `document.querySelector('[data-testid=diagnostic]')?.textContent.includes('Effect')`)
	assert.Equal(t, policy, eval[string](t, ctx, `iamlabPlayground.state().identity[0]`), "the editor holds what was typed")

	diag := run(t, ctx, chromedp.Attributes(`[data-testid=diagnostic]`))
	assert.Equal(t, "1", diag["data-line"])
	assert.Equal(t, fmt.Sprint(strings.Index(policy, `"allow"`)+1), diag["data-column"])
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=diagnostic]`)), `Statement[0].Effect: must be "Allow" or "Deny", got "allow"`)
	// Inline, the editor underlines the token itself.
	waitFor(t, ctx, `document.querySelector('.cm-lintRange-error') !== null`)
	assert.Equal(t, `"allow"`, run(t, ctx, chromedp.Text(`.cm-lintRange-error`)))
	// The simulation refuses the document and says where.
	waitFor(t, ctx, `document.querySelector('[data-testid=error]') !== null`)
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=error]`)), "MalformedPolicyDocument")

	// Fixing it brings the decision back.
	replaceEditor(t, ctx, "identity-0", strings.Replace(policy, `"allow"`, `"Allow"`, 1))
	waitFor(t, ctx, `document.querySelector('[data-testid=diagnostic]') === null && document.querySelector('[data-testid=decision]') !== null`)
	assert.Equal(t, "allowed", decisionOf(t, ctx))
}

func TestPlaygroundShareLinkRestoresTheState(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	do(t, ctx,
		chromedp.Click(`[data-testid=add-context]`),
		chromedp.SendKeys(`[data-testid=context-key]`, "aws:SourceIp"),
		chromedp.SetValue(`[data-testid=context-type]`, "ip"),
		chromedp.SendKeys(`[data-testid=context-values]`, "203.0.113.7"),
		chromedp.Click(`[data-testid=tab-boundary]`),
	)
	replaceEditor(t, ctx, "boundary", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:List*", "Resource": "*"}]}`)
	waitFor(t, ctx, `document.querySelector('[data-testid=decision]')?.dataset.decision === 'implicitDeny'`)
	do(t, ctx, chromedp.Click(`[data-testid=share]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=share-link]').value.includes('#s=')`)
	link := run(t, ctx, chromedp.Value(`[data-testid=share-link]`))
	want := eval[string](t, ctx, stateJSON)
	assert.Contains(t, want, `"key":"aws:SourceIp","type":"ip","values":"203.0.113.7"`)

	other := tab(t) // a fresh browser context: no local storage
	do(t, other, chromedp.Navigate(link))
	waitFor(t, other, ready)
	do(t, other, chromedp.WaitVisible(decision))
	assert.Equal(t, want, eval[string](t, other, stateJSON))
	assert.Equal(t, "implicitDeny", decisionOf(t, other))
}

func TestPlaygroundKeepsItsStateOverAReload(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	do(t, ctx, chromedp.SendKeys(`[data-testid=actions]`, "\ns3:ListBucket"))
	waitFor(t, ctx, `document.querySelectorAll('[data-testid=result-row]').length === 3`)
	want := eval[string](t, ctx, stateJSON)
	waitFor(t, ctx, `(localStorage.getItem('iamlab-playground') || '').includes('s3:ListBucket')`) // stored 200 ms after an edit
	do(t, ctx, chromedp.Reload())
	waitFor(t, ctx, ready)
	do(t, ctx, chromedp.WaitVisible(decision))
	assert.Equal(t, want, eval[string](t, ctx, stateJSON))
	assert.Equal(t, "s3:GetObject\ns3:DeleteObject\ns3:ListBucket", run(t, ctx, chromedp.Value(`[data-testid=actions]`)))
}

func TestPlaygroundTabsWorkFromTheKeyboard(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	do(t, ctx, chromedp.Focus(`[data-testid=tab-identity]`), chromedp.KeyEvent(kb.ArrowRight))
	assert.Equal(t, "tab-resource", eval[string](t, ctx, `document.activeElement.id`))
	assert.Equal(t, "true", eval[string](t, ctx, `document.querySelector('#tab-resource').getAttribute('aria-selected')`))
	assert.False(t, eval[bool](t, ctx, `document.querySelector('#panel-resource').hidden`))
	do(t, ctx, chromedp.KeyEvent(kb.End))
	assert.Equal(t, "tab-session", eval[string](t, ctx, `document.activeElement.id`))
	// Every control has a name.
	unnamed := eval[[]string](t, ctx, `[...document.querySelectorAll('input, select, textarea, button, [contenteditable=true]')]
		.filter(e => !(e.labels?.length || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.textContent.trim()))
		.map(e => e.outerHTML.slice(0, 80))`)
	assert.Empty(t, unnamed)
}

func TestPlaygroundExamplesLoad(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	want := map[string]string{
		"boundary-region":       "implicitDeny",
		"scp-deny":              "explicitDeny",
		"cross-account-bucket":  "allowed",
		"mfa-required":          "implicitDeny",
		"abac-tags":             "allowed",
		"not-principal":         "explicitDeny",
		"session-policy":        "allowed",
		"source-ip":             "implicitDeny",
		"not-action-allow":      "implicitDeny",
		"same-account-resource": "allowed",
		"missing-context":       "implicitDeny",
		"policy-variable":       "allowed",
		"date-window":           "implicitDeny",
		"scp-region-allow-list": "explicitDeny",
		"read-not-delete":       "allowed",
		"trust-cross-account":   "allowed",
		"trust-github-oidc":     "implicitDeny",
	}
	ids := eval[[]string](t, ctx, `[...document.querySelectorAll('[data-testid=examples] option')].map(o => o.value).filter(v => v)`)
	assert.Len(t, ids, 17, "the gallery")
	for _, id := range ids {
		assert.Contains(t, want, id, "every example's decision is checked")
	}
	for id, d := range want {
		eval[bool](t, ctx, fmt.Sprintf(`(() => { const s = document.querySelector('[data-testid=examples]'); s.value = %q; s.dispatchEvent(new Event('change')); return true })()`, id))
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelector('[data-testid=decision]')?.dataset.decision === %q`, d), chromedp.WithPollingTimeout(20*time.Second)))
		if !assert.NoError(t, err, "example %s: want %s", id, d) {
			t.Logf("example %s: %s", id, eval[string](t, ctx, `document.querySelector('[data-testid=result]').innerText.slice(0, 400)`))
		}
	}
}

func TestSearchFindsAPage(t *testing.T) {
	ctx := tab(t)
	do(t, ctx, chromedp.Navigate(shared.url+"/"), chromedp.WaitVisible(`[data-testid=search-input]`),
		chromedp.SendKeys(`[data-testid=search-input]`, "policy grammar"))
	waitFor(t, ctx, `document.querySelector('[data-testid=search-hit]') !== null`)
	first := run(t, ctx, chromedp.AttributeValue(`[data-testid=search-hit] a`, "href"))
	assert.Equal(t, "/policies/grammar/", first.Value)
	do(t, ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
	waitLocation(t, ctx, shared.url+"/policies/grammar/")
	do(t, ctx, chromedp.WaitVisible(`[data-testid=article]`))

	do(t, ctx, chromedp.SendKeys(`[data-testid=search-input]`, "qwertyuiop"))
	waitFor(t, ctx, `document.querySelector('[data-testid=search-empty]') !== null`)
}

func TestDocsPage(t *testing.T) {
	ctx := tab(t)
	do(t, ctx, chromedp.Navigate(shared.url+"/policies/grammar/"), chromedp.WaitVisible(`[data-testid=article]`))
	assert.Equal(t, "Policy grammar · iamlab", run(t, ctx, chromedp.Title()))
	assert.Equal(t, "/policies/grammar/", run(t, ctx, chromedp.AttributeValue(`[data-testid=nav] [aria-current=page]`, "href")).Value)
	toc := eval[[]string](t, ctx, `[...document.querySelectorAll('[data-testid=toc] a')].map(a => a.getAttribute('href'))`)
	assert.Contains(t, toc, "#effect")
	assert.Equal(t, "/policies/", run(t, ctx, chromedp.AttributeValue(`[data-testid=prev]`, "href")).Value)
	assert.Equal(t, "/policies/evaluation/", run(t, ctx, chromedp.AttributeValue(`[data-testid=next]`, "href")).Value)
	assert.Positive(t, eval[int](t, ctx, `document.querySelectorAll('pre.chroma .nt').length`), "JSON is highlighted")

	start := eval[string](t, ctx, `document.documentElement.dataset.theme`)
	do(t, ctx, chromedp.Click(`[data-testid=theme-toggle]`)) // auto → light
	do(t, ctx, chromedp.Click(`[data-testid=theme-toggle]`)) // light → dark
	assert.Equal(t, "dark", eval[string](t, ctx, `document.documentElement.dataset.theme`))
	do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(`[data-testid=article]`))
	assert.Equal(t, "dark", eval[string](t, ctx, `document.documentElement.dataset.theme`), "the choice is kept")
	assert.Equal(t, "light", start)
}

func TestPlaygroundRunsAScenario(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	do(t, ctx, chromedp.Click(`[data-testid=mode-scenario]`), chromedp.WaitVisible(`[data-testid=editor-scenario]`))
	assert.Equal(t, "true", eval[string](t, ctx, `document.querySelector('[data-testid=mode-scenario]').getAttribute('aria-pressed')`))
	assert.False(t, eval[bool](t, ctx, `document.querySelector('[data-testid=editor-identity-0]').checkVisibility()`), "the policies are hidden")
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=editor-scenario]`)), "inline RequireMFA on user alice", "the example is preloaded")

	do(t, ctx, chromedp.Click(`[data-testid=scenario-run]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=scenario-transcript]').textContent.includes(' met, ')`)
	transcript := run(t, ctx, chromedp.Text(`[data-testid=scenario-transcript]`))
	assert.Contains(t, transcript, "== 10 statements (0 failed); 2 expectations: 2 met, 0 failed")
	assert.Contains(t, transcript, "> as alice get session-token session mfa-session with mfa code totp(alice)")
	assert.Equal(t, "true", eval[string](t, ctx, `document.querySelector('[data-testid=scenario-summary]').dataset.passed`))
	screenshot(t, ctx, "playground-scenario.png")

	// A failed expectation is counted, and the mode and the text travel in
	// the share link.
	do(t, ctx, chromedp.Click(`[data-testid=editor-scenario]`), chromedp.KeyEvent(kb.End, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	do(t, ctx, chromedp.SendKeys(`[data-testid=editor-scenario]`, "\nexpect explicitDeny as session mfa-session: s3:ListAllMyBuckets on *"))
	waitFor(t, ctx, `iamlabPlayground.state().scenario.endsWith('expect explicitDeny as session mfa-session: s3:ListAllMyBuckets on *')`)
	do(t, ctx, chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl))) // Ctrl+Enter runs it
	waitFor(t, ctx, `document.querySelector('[data-testid=scenario-transcript]').textContent.includes('3 expectations: 2 met, 1 failed')`)
	assert.Equal(t, "false", eval[string](t, ctx, `document.querySelector('[data-testid=scenario-summary]').dataset.passed`))
	do(t, ctx, chromedp.Click(`[data-testid=share]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=share-link]').value.includes('#s=')`)
	link := run(t, ctx, chromedp.Value(`[data-testid=share-link]`))
	want := eval[string](t, ctx, stateJSON)
	assert.Contains(t, want, `"mode":"scenario"`)

	other := tab(t)
	do(t, other, chromedp.Navigate(link))
	waitFor(t, other, ready)
	do(t, other, chromedp.WaitVisible(`[data-testid=editor-scenario]`))
	assert.Equal(t, want, eval[string](t, other, stateJSON))

	// A scenario that does not parse is not run, and its mistakes are
	// located.
	do(t, other, chromedp.Click(`[data-testid=editor-scenario]`), chromedp.KeyEvent(kb.End, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	do(t, other, chromedp.SendKeys(`[data-testid=editor-scenario]`, "\nfrobnicate alice"))
	waitFor(t, other, `iamlabPlayground.state().scenario.endsWith('frobnicate alice')`)
	do(t, other, chromedp.Click(`[data-testid=scenario-run]`))
	waitFor(t, other, `!document.querySelector('[data-testid=scenario-error]').hidden`)
	diag := run(t, other, chromedp.Attributes(`[data-testid=scenario-diagnostic]`))
	lines := eval[int](t, other, `iamlabPlayground.state().scenario.split('\n').length`)
	assert.Equal(t, fmt.Sprint(lines), diag["data-line"], "the last line")
	assert.Equal(t, "1", diag["data-column"])
	assert.Empty(t, run(t, other, chromedp.Text(`[data-testid=scenario-transcript]`)))

	// Reload: the state stays, in scenario mode.
	waitFor(t, other, `(localStorage.getItem('iamlab-playground') || '').includes('frobnicate')`)
	do(t, other, chromedp.Reload())
	waitFor(t, other, ready)
	do(t, other, chromedp.WaitVisible(`[data-testid=editor-scenario]`))
	assert.True(t, eval[bool](t, other, `iamlabPlayground.state().scenario.endsWith('frobnicate alice')`))
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png := run(t, ctx, chromedp.CaptureScreenshot())
	require.NoError(t, os.WriteFile(filepath.Join(shared.shots, name), png, 0o644))
	t.Logf("screenshot: %s", filepath.Join(shared.shots, name))
}

func TestScreenshots(t *testing.T) {
	for _, theme := range []string{"light", "dark"} {
		t.Run(theme, func(t *testing.T) {
			ctx := tab(t)
			do(t, ctx, chromedp.Navigate(shared.url+"/"))
			eval[bool](t, ctx, fmt.Sprintf(`localStorage.setItem('iamlab-theme', %q), true`, theme))
			openPlayground(t, ctx, "")
			time.Sleep(300 * time.Millisecond) // the lint markers appear after their delay
			screenshot(t, ctx, "playground-"+theme+".png")
			do(t, ctx, chromedp.Navigate(shared.url+"/policies/grammar/"), chromedp.WaitVisible(`[data-testid=article]`))
			screenshot(t, ctx, "docs-"+theme+".png")
			do(t, ctx, chromedp.Navigate(shared.url+"/basics/what-is-iam/"), chromedp.WaitVisible(`[data-testid=iam-playground]`),
				chromedp.ScrollIntoView(`[data-testid=iam-playground]`))
			screenshot(t, ctx, "example-"+theme+".png")
		})
	}
}
