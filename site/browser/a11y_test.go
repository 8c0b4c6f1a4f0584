//go:build browser

package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// axeSource is axe-core's script, from the front end's npm packages.
func axeSource(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "web", "node_modules", "axe-core", "axe.min.js"))
	require.NoError(t, err, "axe-core is a dev dependency of site/web: the site build installs it with npm ci")
	return string(src)
}

// violation is one axe-core rule that failed, with the elements it failed on.
type violation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

// audit runs axe-core on the page as it is now (WCAG 2.1 A and AA, and
// best practices) and fails the test on every serious or critical
// violation, naming its rule and the elements.
func audit(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	if !eval[bool](t, ctx, `typeof axe !== 'undefined'`) {
		eval[bool](t, ctx, axe+";true")
	}
	found := eval[[]violation](t, ctx, `axe.run(document, {
		runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
		resultTypes: ['violations'],
	}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
		targets: v.nodes.map(n => n.target.join(' ')).slice(0, 6)})))`)
	var serious []string
	for _, v := range found {
		line := fmt.Sprintf("%s (%s): %s — %s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, ", "))
		if v.Impact == "serious" || v.Impact == "critical" {
			serious = append(serious, line)
		} else {
			t.Logf("%s: minor: %s", name, line)
		}
	}
	if len(serious) > 0 {
		t.Errorf("%s: %d serious or critical accessibility violations:\n%s", name, len(serious), strings.Join(serious, "\n"))
	}
}

// TestAccessibility audits the home page, a docs page with live examples
// (as built, and with a scenario opened in the page), a TOTP generator, and the playground in
// both modes, in the light and the dark theme.
func TestAccessibility(t *testing.T) {
	axe := axeSource(t)
	for _, theme := range []string{"light", "dark"} {
		t.Run(theme, func(t *testing.T) {
			ctx := tab(t)
			ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
			defer cancel()
			do(t, ctx, chromedp.Navigate(shared.url+"/"))
			eval[bool](t, ctx, fmt.Sprintf(`localStorage.setItem('iamlab-theme', %q), true`, theme))
			do(t, ctx, chromedp.Reload(), chromedp.WaitVisible(`[data-testid=article]`))
			require.Equal(t, theme, eval[string](t, ctx, `document.documentElement.dataset.theme`))
			audit(t, ctx, axe, theme+" home page")

			do(t, ctx, chromedp.Navigate(shared.url+docsPageWithBlocks), chromedp.WaitVisible(`[data-testid=iam-scenario]`))
			audit(t, ctx, axe, theme+" docs page with live examples")
			do(t, ctx, chromedp.Click(`[data-testid=iam-scenario-edit]`))
			waitFor(t, ctx, `document.querySelector('[data-testid=iam-scenario-transcript], [data-testid=iam-scenario-error]') !== null`)
			do(t, ctx, chromedp.Click(`[data-testid=iam-playground-edit]`))
			waitFor(t, ctx, `document.querySelector('[data-testid=iam-playground-result]') !== null`)
			audit(t, ctx, axe, theme+" docs page with live examples opened")

			do(t, ctx, chromedp.Navigate(shared.url+totpPage), chromedp.WaitReady(`[data-testid=iam-totp]`), chromedp.ScrollIntoView(`[data-testid=iam-totp]`))
			waitFor(t, ctx, `document.querySelector('[data-testid=iam-totp] [data-testid=totp-generator]') !== null`)
			audit(t, ctx, axe, theme+" docs page with a TOTP generator")

			openPlayground(t, ctx, "")
			time.Sleep(300 * time.Millisecond) // the lint markers appear after their delay
			audit(t, ctx, axe, theme+" playground, policies mode")
			do(t, ctx, chromedp.Click(`[data-testid=mode-scenario]`))
			do(t, ctx, chromedp.WaitVisible(`[data-testid=scenario]`), chromedp.Click(`[data-testid=scenario-run]`))
			waitFor(t, ctx, `document.querySelector('[data-testid=scenario-summary]').dataset.passed !== undefined`)
			audit(t, ctx, axe, theme+" playground, scenario mode")
		})
	}
}
