//go:build browser

package browser

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"golang.org/x/tools/txtar"

	"github.com/iamlab/iamlab/site"
)

// courseBlock is a live block of a course page, as its Markdown has it.
type courseBlock struct {
	lang   string // iam-playground or iam-scenario
	file   string // the page, relative to the content folder
	line   int    // the file line of the block's first line
	text   []byte
	claims []claim // an iam-playground block's -- expect -- section
}

func (b courseBlock) String() string { return fmt.Sprintf("%s:%d (%s)", b.file, b.line, b.lang) }

// claim is one decision an iam-playground block claims.
type claim struct {
	Action, Resource, Decision string
	line                       int // in the file
}

func (c claim) String() string { return c.Action + " on " + c.Resource + ": " + c.Decision }

var claimLine = regexp.MustCompile(`^(\S+) on (\S+): (allowed|explicitDeny|implicitDeny)$`)

// courseBlocks reads every live block of the course in dir, page by page in
// navigation order, with the pages' URLs. It splits the front matter as
// the site package does; the test checks its scenario blocks against
// site.ScenarioBlocks, so that both agree on what a block and its line are.
func courseBlocks(t *testing.T, dir string) (blocks []courseBlock, urls map[string]string) {
	t.Helper()
	s, err := site.Load(dir)
	require.NoError(t, err)
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	urls = map[string]string{}
	for _, p := range s.Pages {
		urls[p.File] = p.URL
		src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.File)))
		require.NoError(t, err)
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		end := bytes.Index(src[4:], []byte("\n---\n"))
		require.GreaterOrEqual(t, end, 0, "%s: front matter", p.File)
		bodyLine := 3 + bytes.Count(src[4:4+end+1], []byte("\n"))
		body := src[4+end+5:]
		doc := md.Parser().Parse(text.NewReader(body))
		require.NoError(t, ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			fc, ok := n.(*ast.FencedCodeBlock)
			if !entering || !ok {
				return ast.WalkContinue, nil
			}
			lang := string(fc.Language(body))
			if lang != "iam-playground" && lang != "iam-scenario" {
				return ast.WalkSkipChildren, nil
			}
			var code bytes.Buffer
			for i := 0; i < fc.Lines().Len(); i++ {
				seg := fc.Lines().At(i)
				code.Write(seg.Value(body))
			}
			line := bodyLine
			if fc.Lines().Len() > 0 {
				line += bytes.Count(body[:fc.Lines().At(0).Start], []byte("\n"))
			}
			b := courseBlock{lang: lang, file: p.File, line: line, text: code.Bytes()}
			if lang == "iam-playground" {
				b.claims = claimsOf(t, b)
			}
			blocks = append(blocks, b)
			return ast.WalkSkipChildren, nil
		}))
	}
	return blocks, urls
}

// claimsOf reads the -- expect -- section of an iam-playground block.
func claimsOf(t *testing.T, b courseBlock) []claim {
	t.Helper()
	a := txtar.Parse(b.text)
	line := b.line + bytes.Count(a.Comment, []byte("\n"))
	var out []claim
	for _, f := range a.Files {
		start := line + 1 // the line after "-- name --"
		line = start + bytes.Count(f.Data, []byte("\n"))
		if f.Name != "expect" {
			continue
		}
		for i, l := range strings.Split(string(f.Data), "\n") {
			if strings.TrimSpace(l) == "" {
				continue
			}
			m := claimLine.FindStringSubmatch(strings.TrimSpace(l))
			require.NotNil(t, m, "%s:%d: a claim the test cannot read: %q", b.file, start+i, l)
			out = append(out, claim{Action: m[1], Resource: m[2], Decision: m[3], line: start + i})
		}
	}
	require.NotEmpty(t, out, "%s: no claims", b)
	return out
}

// pageBlock is what runLiveBlocks reads of one block in the page.
type pageBlock struct {
	Kind string `json:"kind"` // iam-playground or iam-scenario
	// iam-playground: the rows rendered at build time (no JavaScript), and
	// those the engine in the browser made, [action, resource, decision].
	Built [][3]string `json:"built"`
	Live  [][3]string `json:"live"`
	// iam-scenario: the transcript rendered at build time and the one the
	// browser printed, and the summary's data-passed and text.
	BuiltTranscript string `json:"builtTranscript"`
	LiveTranscript  string `json:"liveTranscript"`
	Passed          string `json:"passed"`
	Summary         string `json:"summary"`
	// Either kind: the engine's refusal, or, for a block that never
	// finished, what its button says.
	Error   string `json:"error"`
	Done    bool   `json:"done"`
	Pending string `json:"pending"`
}

// runLiveBlocks, run in a page, reads what the build rendered of every live
// block, presses every block's "Edit and run it here" at once (the blocks
// of a page run side by side; the modules load once), waits until each has
// its result or error (or until the deadline), and reads them.
const runLiveBlocks = `(async () => {
  const figs = [...document.querySelectorAll('[data-testid=iam-playground], [data-testid=iam-scenario]')];
  const rows = (table) => table ? [...table.querySelectorAll('tbody tr')].map(r => {
    const c = r.querySelectorAll('td code');
    return [c[0]?.textContent ?? '', c[1]?.textContent ?? '', r.dataset.decision ?? ''];
  }) : [];
  const out = figs.map(f => {
    const kind = f.dataset.testid;
    return kind === 'iam-playground'
      ? {kind, built: rows(f.querySelector('[data-testid=iam-playground-expected]'))}
      : {kind, builtTranscript: f.querySelector('[data-testid=iam-scenario-expected]')?.textContent ?? ''};
  });
  const sleep = (ms) => new Promise(r => setTimeout(r, ms));
  const deadline = Date.now() + 30000;
  const button = (f) => f.querySelector('[data-testid=' + f.dataset.testid + '-edit]');
  while (figs.some(f => button(f)?.hidden) && Date.now() < deadline) await sleep(20); // the page's script has not made them live yet
  figs.forEach(f => button(f)?.click());
  const done = (f) => f.querySelector(f.dataset.testid === 'iam-playground'
    ? '[data-testid=iam-playground-result], [data-testid=iam-playground-error]'
    : '[data-testid=iam-scenario-transcript], [data-testid=iam-scenario-error]') !== null;
  while (!figs.every(done) && Date.now() < deadline) await sleep(20);
  figs.forEach((f, i) => {
    const o = out[i];
    o.done = done(f);
    o.pending = o.done ? '' : (button(f)?.textContent ?? 'no button');
    o.error = f.querySelector('[data-testid$=-error]')?.textContent ?? '';
    if (o.kind === 'iam-playground') {
      o.live = rows(f.querySelector('[data-testid=iam-playground-result]'));
    } else {
      o.liveTranscript = f.querySelector('[data-testid=iam-scenario-transcript]')?.textContent ?? '';
      const s = f.querySelector('[data-testid=iam-scenario-summary]');
      o.passed = s?.dataset.passed ?? '';
      o.summary = s?.textContent ?? '';
    }
  });
  return JSON.stringify(out);
})()`

// transcriptEnd is a transcript's last line.
var transcriptEnd = regexp.MustCompile(`(?m)^== (\d+) statements? \((\d+) failed\); (\d+) expectations?: (\d+) met, (\d+) failed$`)

// normalizeTranscript undoes what the HTML parser does to the text of a
// <pre> the build wrote: line endings become \n (CR LF and a lone CR), and
// one newline right after <pre> is dropped. It is applied to both
// transcripts; nothing else (no spaces, no other characters) is changed.
func normalizeTranscript(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimPrefix(s, "\n")
}

// TestCourseBlocksRunInTheBrowser opens every page of the course that has
// live blocks, once, in one tab, and runs every block on the WebAssembly
// engine as a reader would, with "Edit and run it here": an
// iam-playground block must make, action by action and resource by
// resource, the decisions its -- expect -- section claims (and those the
// build rendered); an iam-scenario block must report every expectation
// held and no statement failed, with the transcript the build rendered,
// byte for byte after normalizeTranscript. A mismatch names the page, the
// block's line and what differed.
func TestCourseBlocksRunInTheBrowser(t *testing.T) {
	content := os.Getenv("IAMLAB_CONTENT") // as setup builds it
	if content == "" {
		content = filepath.Join("..", "..", "content")
	}
	blocks, urls := courseBlocks(t, content)

	// The scenario blocks are the site package's own.
	scenarios, err := site.ScenarioBlocks(content)
	require.NoError(t, err)
	var mine []site.ScenarioBlock
	byFile := map[string][]courseBlock{}
	var files []string
	counts := map[string]int{}
	for _, b := range blocks {
		if b.lang == "iam-scenario" {
			mine = append(mine, site.ScenarioBlock{File: b.file, Line: b.line, Text: b.text})
		}
		if byFile[b.file] == nil {
			files = append(files, b.file)
		}
		byFile[b.file] = append(byFile[b.file], b)
		counts[b.lang]++
	}
	require.Equal(t, scenarios, mine, "the test reads the scenario blocks as site.ScenarioBlocks does")
	require.NotZero(t, counts["iam-playground"], "the course has playground blocks")
	require.NotZero(t, counts["iam-scenario"], "the course has scenario blocks")

	ctx, cancel := chromedp.NewContext(shared.browser, chromedp.WithNewBrowserContext()) // one tab for every page
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 8*time.Minute)
	defer cancelTimeout()

	start := time.Now()
	for _, file := range files {
		url := urls[file]
		name := strings.Trim(url, "/")
		if name == "" {
			name = "home"
		}
		t.Run(name, func(t *testing.T) {
			do(t, ctx, chromedp.Navigate(shared.url+url))
			var got []pageBlock
			require.NoError(t, json.Unmarshal([]byte(eval[string](t, ctx, runLiveBlocks)), &got))
			var pg, sc []pageBlock
			for _, b := range got {
				if b.Kind == "iam-playground" {
					pg = append(pg, b)
				} else {
					sc = append(sc, b)
				}
			}
			var wantPG, wantSC []courseBlock
			for _, b := range byFile[file] {
				if b.lang == "iam-playground" {
					wantPG = append(wantPG, b)
				} else {
					wantSC = append(wantSC, b)
				}
			}
			require.Len(t, pg, len(wantPG), "%s: iam-playground blocks in the page and in %s", url, file)
			require.Len(t, sc, len(wantSC), "%s: iam-scenario blocks in the page and in %s", url, file)
			for i, b := range wantPG {
				checkPlayground(t, b, pg[i])
			}
			for i, b := range wantSC {
				checkScenario(t, b, sc[i])
			}
		})
	}
	took := time.Since(start)
	t.Logf("%d pages, %d iam-playground and %d iam-scenario blocks run in the browser in %s",
		len(files), counts["iam-playground"], counts["iam-scenario"], took.Round(time.Millisecond))
}

// checkPlayground compares a playground block's decisions in the browser
// with its claims and with the build's.
func checkPlayground(t *testing.T, b courseBlock, got pageBlock) {
	t.Helper()
	if !assert.True(t, got.Done, "%s: did not run in the browser: %s", b, got.Pending) {
		return
	}
	if !assert.Empty(t, got.Error, "%s: the engine in the browser refuses it", b) {
		return
	}
	assert.Equal(t, got.Built, got.Live, "%s: the browser's decisions (in order) differ from the build's", b)
	live := map[[2]string]string{}
	for _, r := range got.Live {
		live[[2]string{r[0], r[1]}] = r[2]
	}
	for _, c := range b.claims {
		d, ok := live[[2]string{c.Action, c.Resource}]
		switch {
		case !ok:
			assert.Fail(t, "a claimed decision is missing", "%s:%d: claims %s; the browser shows no %s on %s", b.file, c.line, c, c.Action, c.Resource)
		case d != c.Decision:
			assert.Fail(t, "a decision differs", "%s:%d: claims %s; the browser decides %s", b.file, c.line, c, d)
		}
	}
	assert.Len(t, got.Live, len(b.claims), "%s: the browser makes %d decisions, the block claims %d", b, len(got.Live), len(b.claims))
}

// checkScenario checks a scenario block's run in the browser.
func checkScenario(t *testing.T, b courseBlock, got pageBlock) {
	t.Helper()
	if !assert.True(t, got.Done, "%s: did not run in the browser: %s", b, got.Pending) {
		return
	}
	if !assert.Empty(t, got.Error, "%s: the lab module in the browser refuses it", b) {
		return
	}
	assert.Equal(t, "true", got.Passed, "%s: the page says not every expectation held: %s", b, got.Summary)
	assert.True(t, strings.HasPrefix(got.Summary, "Every expectation held"), "%s: summary %q", b, got.Summary)
	m := transcriptEnd.FindStringSubmatch(got.LiveTranscript)
	if assert.NotNil(t, m, "%s: the transcript has no summary line:\n%s", b, got.LiveTranscript) {
		assert.Equal(t, "0", m[2], "%s: statements failed in the browser: %s", b, m[0])
		assert.Equal(t, "0", m[5], "%s: expectations failed in the browser: %s", b, m[0])
		assert.NotEqual(t, "0", m[3], "%s: no expectation ran: %s", b, m[0])
		assert.Equal(t, m[3], m[4], "%s: %s", b, m[0])
	}
	require.NotEmpty(t, got.BuiltTranscript, "%s: no transcript from the build in the page", b)
	assert.Equal(t, normalizeTranscript(got.BuiltTranscript), normalizeTranscript(got.LiveTranscript),
		"%s: the browser's transcript differs from the build's", b)
}
