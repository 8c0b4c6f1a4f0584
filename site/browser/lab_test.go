//go:build browser

package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/mfa"
)

// The editor intelligence and the scenario mode's tools, which come with
// the lab module (iamlab-lab.wasm): completions, Access Analyzer-style
// findings, the policy summary, files for scenarios and MFA devices.

const completionLabels = `[...document.querySelectorAll('.cm-tooltip-autocomplete li .cm-completionLabel')].map(e => e.textContent)`

func TestPlaygroundCompletesActions(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	// The first statement passes any role (a security warning); the second
	// is being typed. CodeMirror closes the quotes and brackets.
	replaceEditor(t, ctx, "identity-0", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:GetObj`)
	waitFor(t, ctx, completionLabels+`.includes('s3:GetObject')`)
	got := eval[[]string](t, ctx, completionLabels)
	assert.Contains(t, got, "s3:GetObjectAcl")
	assert.Contains(t, got, "s3:GetObjectTagging")
	for _, l := range got {
		assert.True(t, strings.HasPrefix(l, "s3:"), "only S3's actions: %s", l)
	}
	details := eval[[]string](t, ctx, `[...document.querySelectorAll('.cm-tooltip-autocomplete li')].filter(li => li.querySelector('.cm-completionLabel').textContent === 's3:GetObject').map(li => li.querySelector('.cm-completionDetail')?.textContent)`)
	assert.Equal(t, []string{"Read"}, details, "the access level beside the action")
	waitFor(t, ctx, `document.querySelector('[data-testid=findings-identity-0] [data-code=PASS_ROLE_WITH_STAR_IN_RESOURCE]') !== null`)
	waitFor(t, ctx, `document.querySelector('.cm-lintRange-warning') !== null`)
	screenshot(t, ctx, "playground-completions.png")

	// Choosing one completes the action; the document keeps what was typed
	// around it.
	for i := 0; i < 20; i++ {
		if eval[string](t, ctx, `document.querySelector('.cm-tooltip-autocomplete li[aria-selected] .cm-completionLabel')?.textContent ?? ''`) == "s3:GetObject" {
			break
		}
		do(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
	}
	do(t, ctx, chromedp.Click(`.cm-tooltip-autocomplete li[aria-selected]`))
	waitFor(t, ctx, `iamlabPlayground.state().identity[0].includes('"Action": "s3:GetObject"')`)

	// Operators and condition keys, by Ctrl+Space inside a Condition.
	replaceEditor(t, ctx, "identity-0", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEq`)
	waitFor(t, ctx, completionLabels+`.includes('StringEqualsIfExists')`)
	assert.Contains(t, eval[[]string](t, ctx, completionLabels), "ForAnyValue:StringEquals")
}

func TestPlaygroundShowsFindingsInline(t *testing.T) {
	ctx := tab(t)
	// A policy on several lines, put in the stored state (typing new lines
	// would indent them).
	policy := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\n    \"Effect\": \"Allow\",\n    \"Action\": \"iam:PassRole\",\n    \"Resource\": \"*\"\n  }]\n}"
	stored, err := json.Marshal(map[string]any{"v": 1, "identity": []string{policy}, "caller": "arn:aws:iam::111122223333:user/alice", "actions": "iam:PassRole"})
	require.NoError(t, err)
	do(t, ctx, chromedp.Navigate(shared.url+"/"))
	eval[bool](t, ctx, fmt.Sprintf(`localStorage.setItem('iamlab-playground', %q), true`, stored))
	openPlayground(t, ctx, "")
	const sel = `[data-testid=findings-identity-0] [data-testid=finding][data-code=PASS_ROLE_WITH_STAR_IN_RESOURCE]`
	waitFor(t, ctx, fmt.Sprintf(`document.querySelector(%q) !== null`, sel))
	text := eval[string](t, ctx, `iamlabPlayground.state().identity[0]`)
	line, column := 0, 0
	for i, l := range strings.Split(text, "\n") {
		if c := strings.Index(l, `"iam:PassRole"`); c >= 0 {
			line, column = i+1, c+1
		}
	}
	require.Equal(t, policy, text)
	require.NotZero(t, line)
	attrs := run(t, ctx, chromedp.Attributes(sel))
	assert.Equal(t, "SECURITY_WARNING", attrs["data-type"])
	assert.Equal(t, fmt.Sprint(line), attrs["data-line"])
	assert.Equal(t, fmt.Sprint(column), attrs["data-column"])
	href := eval[string](t, ctx, fmt.Sprintf(`document.querySelector(%q).querySelector('[data-testid=finding-link]').getAttribute('href')`, sel))
	assert.Equal(t, "/validate/pass-role-with-star-in-resource/", href)
	defer func() { // the page it links to explains the code
		do(t, ctx, chromedp.Navigate(shared.url+href), chromedp.WaitVisible(`[data-testid=article]`))
		assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=article]`)), "PassRole")
	}()
	// Inline: a warning underlines the action, on its line.
	waitFor(t, ctx, `document.querySelector('.cm-lintRange-warning') !== null`)
	assert.Equal(t, `"iam:PassRole"`, run(t, ctx, chromedp.Text(`.cm-lintRange-warning`)))
	assert.Zero(t, eval[int](t, ctx, `document.querySelectorAll('[data-testid=diagnostic]').length`), "the parser has nothing to say")

	// A syntax error is the parser's: no finding repeats it.
	replaceEditor(t, ctx, "identity-0", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]} x`)
	waitFor(t, ctx, `document.querySelector('[data-testid=diagnostic]') !== null`)
	time.Sleep(400 * time.Millisecond) // the linter's delay
	assert.Zero(t, eval[int](t, ctx, `document.querySelectorAll('[data-testid=findings-identity-0] [data-testid=finding]').length`))
	assert.Equal(t, 1, eval[int](t, ctx, `document.querySelectorAll('.cm-lintRange-error').length`))
}

func TestPlaygroundSummarizesIdentityPolicies(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	do(t, ctx, chromedp.Click(`[data-testid=policy-summary-identity-0] summary`))
	waitFor(t, ctx, `document.querySelector('[data-testid=policy-summary-identity-0] [data-testid=summary-allow] [data-testid=summary-row][data-service=s3]') !== null`)
	allow := run(t, ctx, chromedp.Text(`[data-testid=policy-summary-identity-0] [data-testid=summary-allow] [data-service=s3] [data-testid=summary-access]`))
	assert.Equal(t, "Limited: List, Read", allow)
	deny := run(t, ctx, chromedp.Text(`[data-testid=policy-summary-identity-0] [data-testid=summary-deny] [data-service=s3] [data-testid=summary-access]`))
	assert.Contains(t, deny, "Limited: Write")
	// It follows the editor.
	replaceEditor(t, ctx, "identity-0", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]}`)
	waitFor(t, ctx, `document.querySelector('[data-testid=policy-summary-identity-0] [data-service=dynamodb]')?.dataset.access === 'Full access'`)
}

// scenarioText replaces the scenario's text by typing it.
func scenarioText(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	do(t, ctx,
		chromedp.Click(`[data-testid=editor-scenario]`),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.KeyEvent("\b"),
		chromedp.SendKeys(`[data-testid=editor-scenario]`, text),
	)
}

func TestScenarioReadsAFileFromTheFilesPane(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	do(t, ctx, chromedp.Click(`[data-testid=mode-scenario]`), chromedp.WaitVisible(`[data-testid=editor-scenario]`))
	scenarioText(t, ctx, "account 111122223333\nuser alice\nkey alice\ninline Read on user alice = file \"read.json\"\n"+
		"expect allow as alice: s3:GetObject on arn:aws:s3:::reports/q3.pdf\n")
	do(t, ctx, chromedp.Click(`[data-testid=scenario-add-file]`), chromedp.WaitVisible(`[data-testid=scenario-file-name]`))
	do(t, ctx,
		chromedp.Click(`[data-testid=scenario-file-name]`),
		chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
		chromedp.SendKeys(`[data-testid=scenario-file-name]`, "read.json"),
		chromedp.SendKeys(`[data-testid=scenario-file-text]`, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}`),
	)
	waitFor(t, ctx, `iamlabPlayground.state().files?.[0]?.name === 'read.json' && iamlabPlayground.state().files[0].text.endsWith('}]}')`)
	do(t, ctx, chromedp.Click(`[data-testid=scenario-run]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=scenario-transcript]').textContent.includes(' met, ')`)
	transcript := run(t, ctx, chromedp.Text(`[data-testid=scenario-transcript]`))
	assert.Contains(t, transcript, "put inline policy Read on user alice")
	assert.Contains(t, transcript, "1 expectation: 1 met, 0 failed")
	assert.Equal(t, "true", eval[string](t, ctx, `document.querySelector('[data-testid=scenario-summary]').dataset.passed`))

	// The files travel with the state (share links, local storage); without
	// the file the statement fails.
	waitFor(t, ctx, `(localStorage.getItem('iamlab-playground') || '').includes('read.json')`)
	do(t, ctx, chromedp.Click(`[data-testid=scenario-file-remove]`))
	waitFor(t, ctx, `iamlabPlayground.state().files.length === 0`)
	do(t, ctx, chromedp.Click(`[data-testid=scenario-run]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=scenario-summary]').dataset.passed === 'false'`)
	assert.Contains(t, run(t, ctx, chromedp.Text(`[data-testid=scenario-transcript]`)), "read.json")
}

func TestScenarioShowsMFADevices(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	do(t, ctx, chromedp.Click(`[data-testid=mode-scenario]`), chromedp.WaitVisible(`[data-testid=editor-scenario]`))
	do(t, ctx, chromedp.Click(`[data-testid=scenario-run]`)) // the example: mfa alice virtual, then clock +30s
	waitFor(t, ctx, `document.querySelector('[data-testid=scenario-mfa-device]') !== null`)
	dev := `[data-testid=scenario-mfa-device]`
	assert.Equal(t, "arn:aws:iam::111122223333:mfa/alice", run(t, ctx, chromedp.AttributeValue(dev, "data-serial")).Value)
	waitFor(t, ctx, `(() => { const i = document.querySelector('[data-testid=scenario-mfa-device] [data-testid=totp-qr]'); return i.complete && i.naturalWidth > 0 })()`)
	assert.True(t, eval[bool](t, ctx, `document.querySelector('[data-testid=scenario-mfa-device] [data-testid=totp-qr]').src.startsWith('data:image/png;base64,')`))
	assert.Contains(t, run(t, ctx, chromedp.AttributeValue(dev+` [data-testid=totp-qr]`, "alt")).Value, "QR code")

	// The code at the scenario's clock is the one the scenario computed.
	transcript := run(t, ctx, chromedp.Text(`[data-testid=scenario-transcript]`))
	m := regexp.MustCompile(`seed ([A-Z2-7]{64})`).FindStringSubmatch(transcript)
	require.NotNil(t, m, transcript)
	assert.Equal(t, m[1], run(t, ctx, chromedp.AttributeValue(dev+` [data-testid=totp-seed]`, "data-seed")).Value, "the seed as text, to type in")
	secret, err := mfa.DecodeBase32(m[1])
	require.NoError(t, err)
	assert.Equal(t, mfa.Code(secret, time.Date(2026, 1, 1, 9, 0, 30, 0, time.UTC)), run(t, ctx, chromedp.Text(dev+` [data-testid=mfa-code-simulated]`)))

	// The live code, for a real authenticator app: six digits, and the
	// seconds it has left.
	waitFor(t, ctx, `/^\d{6}$/.test(document.querySelector('[data-testid=scenario-mfa-device] [data-testid=totp-code]').textContent)`)
	live := run(t, ctx, chromedp.Text(dev+` [data-testid=totp-code]`))
	now := time.Now()
	assert.Contains(t, []string{mfa.Code(secret, now.Add(-30*time.Second)), mfa.Code(secret, now), mfa.Code(secret, now.Add(30*time.Second))}, live)
	assert.Regexp(t, `^\d{1,2} s left$`, run(t, ctx, chromedp.Text(dev+` [data-testid=totp-seconds]`)))
	do(t, ctx, chromedp.ScrollIntoView(dev))
	screenshot(t, ctx, "playground-scenario-mfa.png")
}
