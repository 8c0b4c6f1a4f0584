//go:build browser

package browser

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildPlugins compiles plugins as `make plugins` does (a wasip1 reactor)
// into a temporary folder: name → source folder, relative to the module
// root. It returns name → .wasm path.
func buildPlugins(t *testing.T, sources map[string]string) map[string]string {
	t.Helper()
	dir := t.TempDir()
	out := map[string]string{}
	errs := make(chan error, len(sources))
	var wg sync.WaitGroup
	for name, src := range sources {
		path := filepath.Join(dir, name+".wasm")
		out[name] = path
		wg.Go(func() {
			cmd := exec.Command("go", "build", "-buildmode=c-shared", "-o", path, "./"+src)
			cmd.Dir = "../.."
			cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
			if b, err := cmd.CombinedOutput(); err != nil {
				errs <- err
				t.Logf("go build %s: %s", src, b)
			}
		})
	}
	wg.Wait()
	close(errs)
	require.NoError(t, <-errs, "building the plugins")
	return out
}

// uploadPlugin loads a plugin through the Plugins control's file input.
func uploadPlugin(t *testing.T, ctx context.Context, path, name string) {
	t.Helper()
	do(t, ctx, chromedp.SetUploadFiles(`[data-testid=plugin-file]`, []string{path}))
	waitFor(t, ctx, `['loaded', 'refused'].includes(document.querySelector('[data-testid=plugin-status]').dataset.state)`)
	require.Equal(t, "loaded", eval[string](t, ctx, `document.querySelector('[data-testid=plugin-status]').dataset.state`),
		"loading %s: %s", name, run(t, ctx, chromedp.Text(`[data-testid=plugin-status]`)))
}

// setInput replaces an input's text as a person would.
func setInput(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	do(t, ctx, chromedp.Click(sel), chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)), chromedp.KeyEvent("\b"), chromedp.SendKeys(sel, text))
}

const cidrPolicy = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Plugin:CidrOverlaps": {"ec2:DestinationCidrBlock": ["10.0.0.0/8"]}}}]}`

// TestPluginDecidesInThePlayground loads the CIDR plugin through the file
// input, uses its operator in a policy, and reads the decision; the
// plugin stays loaded over a reload (kept in local storage).
func TestPluginDecidesInThePlayground(t *testing.T) {
	wasm := buildPlugins(t, map[string]string{"cidr": "plugins/cidr"})
	ctx := tab(t)
	openPlayground(t, ctx, "")
	uploadPlugin(t, ctx, wasm["cidr"], "cidr")
	assert.Equal(t, []string{"Plugin:CidrOverlaps"}, eval[[]string](t, ctx, `[...document.querySelectorAll('[data-testid=plugin-operator]')].map(e => e.textContent)`))

	do(t, ctx,
		chromedp.Click(`[data-testid=add-context]`),
		chromedp.SendKeys(`[data-testid=context-key]`, "ec2:DestinationCidrBlock"),
		chromedp.SendKeys(`[data-testid=context-values]`, "10.20.0.0/16"),
	)
	replaceEditor(t, ctx, "identity-0", cidrPolicy)
	waitFor(t, ctx, `!(document.querySelector('[data-testid=explanation]')?.textContent ?? 'ReadReports').includes('ReadReports')`)
	assert.Equal(t, "allowed", decisionOf(t, ctx))
	assert.Zero(t, eval[int](t, ctx, `document.querySelectorAll('[data-testid=diagnostic]').length`), "the editor knows the plugin's operator")

	// A decision with a plugin, as the page times it: the round trip to the
	// worker, the simulation and the plugin's call (logged, for README.md).
	var took []float64
	for range 7 {
		eval[bool](t, ctx, `document.querySelector('[data-testid=timing]').textContent = '', true`)
		do(t, ctx, chromedp.Click(`[data-testid=run]`))
		waitFor(t, ctx, `/in [0-9.]+ ms/.test(document.querySelector('[data-testid=timing]')?.textContent ?? '')`)
		took = append(took, eval[float64](t, ctx, `parseFloat(document.querySelector('[data-testid=timing]').textContent.match(/in ([0-9.]+) ms/)[1])`))
	}
	t.Logf("a decision with Plugin:CidrOverlaps through the plugin worker, 7 runs, ms: %s", spreadOf(took))

	// A range that does not overlap: the condition does not hold.
	setInput(t, ctx, `[data-testid=context-values]`, "192.168.1.0/24")
	waitFor(t, ctx, `document.querySelector('[data-testid=decision]')?.dataset.decision === 'implicitDeny'`)

	// A request value the plugin cannot read is its error: the statement
	// fails closed, as an explicit Deny.
	setInput(t, ctx, `[data-testid=context-values]`, "not-a-range")
	waitFor(t, ctx, `document.querySelector('[data-testid=decision]')?.dataset.decision === 'explicitDeny'`)
	screenshot(t, ctx, "playground-plugins.png")

	// A policy value the plugin refuses (its iamlab_validate, run in the
	// worker): the policy is malformed, at that value.
	replaceEditor(t, ctx, "identity-0", strings.Replace(cidrPolicy, "10.0.0.0/8", "nope", 1))
	waitFor(t, ctx, `document.querySelector('[data-testid=error]')?.textContent.includes('MalformedPolicyDocument')`)
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=error-diagnostics]`)), "Identity policy 1 1:")
	// Focused from the script, not clicked: the lint tooltip of the refused
	// value may cover the editor's middle.
	eval[bool](t, ctx, `document.querySelector('[data-testid="editor-identity-0"]').focus(), true`)
	do(t, ctx, chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)), chromedp.KeyEvent("\b"),
		chromedp.SendKeys(`[data-testid="editor-identity-0"]`, cidrPolicy))
	waitFor(t, ctx, `document.querySelector('[data-testid=decision]')?.dataset.decision === 'explicitDeny'`)

	// Over a reload, the plugin comes back from local storage.
	waitFor(t, ctx, `(localStorage.getItem('iamlab-plugins') || '').includes('"cidr"')`)
	do(t, ctx, chromedp.Reload())
	waitFor(t, ctx, ready)
	waitFor(t, ctx, `document.querySelector('[data-testid=plugin][data-name=cidr]') !== null`)
	waitFor(t, ctx, `document.querySelector('[data-testid=decision]')?.dataset.decision === 'explicitDeny'`)

	// Removed, its operator is unknown again: the policy is malformed.
	do(t, ctx, chromedp.Click(`[data-testid=plugin-remove]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=plugin]') === null && document.querySelector('[data-testid=error]') !== null`)
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=error]`)), "MalformedPolicyDocument")
	assert.Nil(t, eval[any](t, ctx, `localStorage.getItem('iamlab-plugins')`))
}

// TestPluginThatLoopsFailsClosed: a plugin operator that never returns
// does not freeze the page; the simulation's worker is stopped after its
// time limit and the result is the PluginTimeout error, not a decision.
// The next simulation gets a fresh worker.
func TestPluginThatLoopsFailsClosed(t *testing.T) {
	wasm := buildPlugins(t, map[string]string{"misbehave": "plugins/host/testdata/misbehave"})
	ctx := tab(t)
	openPlayground(t, ctx, "")
	uploadPlugin(t, ctx, wasm["misbehave"], "misbehave")

	do(t, ctx,
		chromedp.Click(`[data-testid=add-context]`),
		chromedp.SendKeys(`[data-testid=context-key]`, "aws:username"),
		chromedp.SendKeys(`[data-testid=context-values]`, "alice"),
	)
	replaceEditor(t, ctx, "identity-0", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Plugin:Spin": {"aws:username": ["x"]}}}]}`)
	waitFor(t, ctx, `iamlabPlayground.state().identity[0].includes('Plugin:Spin')`)
	start := time.Now()
	do(t, ctx, chromedp.Click(`[data-testid=run]`))
	// While the plugin spins in its worker, the page answers.
	for range 5 {
		before := time.Now()
		assert.Equal(t, 2, eval[int](t, ctx, `1 + 1`))
		assert.Less(t, time.Since(before), 3*time.Second, "the page answers while a plugin loops") // a frozen page would not answer at all
		time.Sleep(100 * time.Millisecond)
	}
	waitFor(t, ctx, `document.querySelector('[data-testid=error]')?.textContent.includes('PluginTimeout')`)
	took := time.Since(start)
	t.Logf("the looping plugin's simulation was stopped after %v (the limit is 1 s)", took)
	assert.Less(t, took, 10*time.Second)
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=error]`)), "fail closed")
	assert.Zero(t, eval[int](t, ctx, `document.querySelectorAll('[data-testid=decision]').length`), "no decision is shown")

	// A plugin that panics: the statement fails closed, as an explicit Deny.
	replaceEditor(t, ctx, "identity-0", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Plugin:Panic": {"aws:username": ["x"]}}}]}`)
	waitFor(t, ctx, `document.querySelector('[data-testid=decision]')?.dataset.decision === 'explicitDeny'`)
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=explanation]`)), "fail closed")

	// A plugin that allocates without end stops at the memory limit (512
	// pages, as in the CLI): it fails closed too.
	replaceEditor(t, ctx, "identity-0", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Plugin:Hog": {"aws:username": ["x"]}}}]}`)
	waitFor(t, ctx, `(document.querySelector('[data-testid=explanation]')?.textContent ?? '').includes('Plugin:Hog')`)
	assert.Equal(t, "explicitDeny", decisionOf(t, ctx))
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=explanation]`)), "out of memory")

	// The plugin that behaves, in the fresh worker.
	replaceEditor(t, ctx, "identity-0", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Plugin:Fine": {"aws:username": ["alice"]}}}]}`)
	waitFor(t, ctx, `document.querySelector('[data-testid=decision]')?.dataset.decision === 'allowed'`)
}

// TestPluginWithAForbiddenImportIsRefused: a module that imports what ABI
// v1 does not allow is refused when it is loaded, with the reason.
func TestPluginWithAForbiddenImportIsRefused(t *testing.T) {
	// A module whose only content is an import of env.now: () -> ().
	bad := []byte{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
		0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
		0x02, 0x0b, 0x01, 0x03, 'e', 'n', 'v', 0x03, 'n', 'o', 'w', 0x00, 0x00}
	path := filepath.Join(t.TempDir(), "clock.wasm")
	require.NoError(t, os.WriteFile(path, bad, 0o644))
	ctx := tab(t)
	openPlayground(t, ctx, "")
	do(t, ctx, chromedp.SetUploadFiles(`[data-testid=plugin-file]`, []string{path}))
	waitFor(t, ctx, `document.querySelector('[data-testid=plugin-status]').dataset.state === 'refused'`)
	msg := run(t, ctx, chromedp.Text(`[data-testid=plugin-status]`))
	assert.Contains(t, msg, `plugin "clock"`)
	assert.Contains(t, msg, "env.now")
	assert.Zero(t, eval[int](t, ctx, `document.querySelectorAll('[data-testid=plugin]').length`))
	assert.Equal(t, "allowed", decisionOf(t, ctx), "the playground goes on without it")
}

// TestScenarioUsesALoadedPlugin: with the CIDR plugin loaded in the
// playground, a scenario's plugin statement finds it by its file name and
// its policies use the operator; the run happens in the plugin worker.
func TestScenarioUsesALoadedPlugin(t *testing.T) {
	wasm := buildPlugins(t, map[string]string{"cidr": "plugins/cidr"})
	ctx := tab(t)
	openPlayground(t, ctx, "")
	// The Plugins control moves with the mode: a plugin is loaded in the
	// scenario mode as in the policies mode.
	do(t, ctx, chromedp.Click(`[data-testid=mode-scenario]`), chromedp.WaitVisible(`[data-testid=editor-scenario]`))
	assert.True(t, eval[bool](t, ctx, `document.querySelector('[data-testid=plugin-file]').checkVisibility()`), "the Plugins control shows in the scenario mode")
	uploadPlugin(t, ctx, wasm["cidr"], "cidr")
	scenarioText(t, ctx, "account 111122223333\nuser alice\nkey alice\n"+
		"plugin cidr from \"plugins/cidr.wasm\"\n"+
		`inline Routes on user alice = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateRoute", "Resource": "*", "Condition": {"Plugin:CidrOverlaps": {"ec2:DestinationCidrBlock": ["10.0.0.0/8"]}}}]}`+"\n"+
		`expect allow as alice: ec2:CreateRoute on * context {"ec2:DestinationCidrBlock": "10.20.0.0/16"}`+"\n"+
		`expect implicitDeny as alice: ec2:CreateRoute on * context {"ec2:DestinationCidrBlock": "192.168.1.0/24"}`)
	waitFor(t, ctx, `iamlabPlayground.state().scenario.includes('192.168.1.0/24')`)
	do(t, ctx, chromedp.Click(`[data-testid=scenario-run]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=scenario-transcript]').textContent.includes(' met, ')`)
	transcript := run(t, ctx, chromedp.Text(`[data-testid=scenario-transcript]`))
	assert.Contains(t, transcript, "loaded plugin cidr from plugins/cidr.wasm")
	assert.Contains(t, transcript, "2 expectations: 2 met, 0 failed")
	assert.Equal(t, "true", eval[string](t, ctx, `document.querySelector('[data-testid=scenario-summary]').dataset.passed`))
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=scenario-summary]`)), "in the plugin worker")

	// A plugin file that is not loaded fails its statement, and the
	// policy that names its operator.
	scenarioText(t, ctx, "account 111122223333\nuser alice\nplugin regex from \"regex.wasm\"\n")
	waitFor(t, ctx, `iamlabPlayground.state().scenario.includes('regex.wasm')`)
	do(t, ctx, chromedp.Click(`[data-testid=scenario-run]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=scenario-transcript]').textContent.includes('1 failed')`)
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=scenario-transcript]`)), "regex.wasm")
}

// TestScenarioWithALoopingPluginIsStopped: a scenario whose plugin
// operator never returns does not freeze the page; its worker is stopped
// after the scenario's time limit, the result is the PluginTimeout error,
// and the next run gets a fresh worker.
func TestScenarioWithALoopingPluginIsStopped(t *testing.T) {
	wasm := buildPlugins(t, map[string]string{"misbehave": "plugins/host/testdata/misbehave"})
	ctx := tab(t)
	openPlayground(t, ctx, "")
	uploadPlugin(t, ctx, wasm["misbehave"], "misbehave")
	do(t, ctx, chromedp.Click(`[data-testid=mode-scenario]`), chromedp.WaitVisible(`[data-testid=editor-scenario]`))
	scenario := func(op string) string {
		return "account 111122223333\nuser alice\nkey alice\nplugin misbehave from \"misbehave.wasm\"\n" +
			`inline Read on user alice = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Plugin:` + op + `": {"aws:username": ["alice"]}}}]}` + "\n" +
			"expect allow as alice: s3:GetObject on *"
	}
	scenarioText(t, ctx, scenario("Spin"))
	waitFor(t, ctx, `iamlabPlayground.state().scenario.endsWith('on *')`)
	start := time.Now()
	do(t, ctx, chromedp.Click(`[data-testid=scenario-run]`))
	for range 5 {
		before := time.Now()
		assert.Equal(t, 2, eval[int](t, ctx, `1 + 1`))
		assert.Less(t, time.Since(before), 3*time.Second, "the page answers while a plugin loops")
		time.Sleep(100 * time.Millisecond)
	}
	waitFor(t, ctx, `!document.querySelector('[data-testid=scenario-error]').hidden`)
	took := time.Since(start)
	t.Logf("the looping plugin's scenario was stopped after %v (the limit is 5 s)", took)
	assert.Less(t, took, 20*time.Second)
	msg := run(t, ctx, chromedp.Text(`[data-testid=scenario-error]`))
	assert.Contains(t, msg, "PluginTimeout")
	assert.Contains(t, msg, "fail closed")
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=scenario-summary]`)), "stopped")
	assert.Empty(t, run(t, ctx, chromedp.Text(`[data-testid=scenario-transcript]`)), "no transcript: nothing was decided")

	// The next run starts a fresh worker, with the plugin loaded again.
	scenarioText(t, ctx, scenario("Fine"))
	waitFor(t, ctx, `iamlabPlayground.state().scenario.includes('Plugin:Fine')`)
	do(t, ctx, chromedp.Click(`[data-testid=scenario-run]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=scenario-summary]').dataset.passed === 'true'`)
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=scenario-transcript]`)), "1 expectation: 1 met, 0 failed")
}
