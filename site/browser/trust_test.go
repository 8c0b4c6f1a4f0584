//go:build browser

package browser

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fillField replaces a request field's text as a person would.
func fillField(t *testing.T, ctx context.Context, testid, text string) {
	t.Helper()
	sel := fmt.Sprintf(`[data-testid=%s]`, testid)
	do(t, ctx,
		chromedp.Click(sel),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent("\b"),
		chromedp.SendKeys(sel, text),
	)
}

// TestPlaygroundEvaluatesATrustPolicy tries sts:AssumeRole against a role
// trust policy, tried as a new user would: the resource tab, "a role
// trust policy", the policy without a Resource, the role's ARN as the
// resource. The choice is kept in share links, and the same document read
// as a resource policy is refused for its missing Resource.
func TestPlaygroundEvaluatesATrustPolicy(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	do(t, ctx, chromedp.Click(`[data-testid=tab-resource]`), chromedp.Click(`[data-testid=resource-type-trust]`))
	waitFor(t, ctx, `iamlabPlayground.state().resourceType === 'trust'`)
	assert.Equal(t, "Role trust policy", run(t, ctx, chromedp.Text(`#title-resource`)))

	replaceEditor(t, ctx, "resource", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}]}`)
	fillField(t, ctx, "caller", "arn:aws:iam::111122223333:user/alice")
	fillField(t, ctx, "actions", "sts:AssumeRole")
	fillField(t, ctx, "resources", "arn:aws:iam::111122223333:role/Deployer")
	waitFor(t, ctx, `document.querySelectorAll('[data-testid=result-row]').length === 1 && document.querySelector('[data-testid=decision]')?.dataset.decision === 'allowed'`)
	assert.Equal(t, 0, eval[int](t, ctx, `document.querySelectorAll('[data-testid=diagnostic]').length`), "no Resource is asked for")
	screenshot(t, ctx, "playground-trust.png")

	// A share link opens it with the same choice.
	do(t, ctx, chromedp.Click(`[data-testid=share]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=share-link]').value.includes('#s=')`)
	link := run(t, ctx, chromedp.Value(`[data-testid=share-link]`))
	other := tab(t)
	do(t, other, chromedp.Navigate(link))
	waitFor(t, other, ready)
	do(t, other, chromedp.WaitVisible(decision))
	assert.Equal(t, "trust", eval[string](t, other, `iamlabPlayground.state().resourceType`))
	assert.True(t, eval[bool](t, other, `document.querySelector('[data-testid=resource-type-trust]').checked`))
	assert.Equal(t, "allowed", decisionOf(t, other))

	// Read as a resource policy, it lacks a Resource.
	do(t, ctx, chromedp.Click(`[data-testid=resource-type-resource]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=error]') !== null`)
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=error]`)), "MalformedPolicyDocument")
	assert.True(t, eval[bool](t, ctx, `iamlabPlayground.state().resourceType === undefined`), "a resource policy, as before the choice existed")
}

// TestDocsTrustBlockRunsInThePage runs a course page's -- trust -- block
// in the page: the browser decides as the build did.
func TestDocsTrustBlockRunsInThePage(t *testing.T) {
	ctx := tab(t)
	do(t, ctx, chromedp.Navigate(shared.url+"/identities/roles/"), chromedp.WaitVisible(`[data-testid=iam-playground]`))
	first := `document.querySelector('[data-testid=iam-playground]')`
	require.Equal(t, "trust", eval[string](t, ctx, `JSON.parse(`+first+`.querySelector('.ipg-state').textContent).resourceType`))
	do(t, ctx, chromedp.Click(`[data-testid=iam-playground-edit]`))
	waitFor(t, ctx, first+`.querySelector('[data-testid=iam-playground-result] tbody tr') !== null`)
	assert.Equal(t, "allowed", eval[string](t, ctx, first+`.querySelector('[data-testid=iam-playground-result] tbody tr').dataset.decision`))
	assert.True(t, eval[bool](t, ctx, first+`.querySelector('textarea[data-field="Role trust policy"]') !== null`))
}
