package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"golang.org/x/tools/txtar"

	"github.com/iamlab/iamlab/engine/scenario"
)

// A scenario block is a fenced ```iam-scenario block of a page: a
// scenario in the scenario language (engine/scenario), or, when its first
// line is "-- name --", a txtar archive whose scenario.iamlab member is the
// scenario and whose other members are the files it reads:
//
//	-- scenario.iamlab --
//	account 111122223333 alias "prod"
//	user alice
//	key alice
//	inline ReadLogs on user alice = file "read-logs.json"
//	expect allow as alice: s3:GetObject on arn:aws:s3:::logs/a.txt
//	-- read-logs.json --
//	{"Version": "2012-10-17", "Statement": […]}
//
// What the page claims is the scenario's own expect statements: the build
// runs it natively and fails when it does not parse, when a statement that
// is not an expect fails, when an expectation fails, or when there is no
// expect at all.
type scenarioBlock struct {
	source []byte       // the scenario
	line   int          // the block line (0-based) the scenario starts on
	files  []txtar.File // the files it may read
}

// scenarioFile is the member of an archive block that holds the scenario,
// as in the golden corpus.
const scenarioFile = "scenario.iamlab"

var txtarHeader = regexp.MustCompile(`^-- \S.* --$`)

// parseScenarioBlock reads a block; a problem comes with its line in the
// block (0-based).
func parseScenarioBlock(src []byte) (*scenarioBlock, int, error) {
	first, _, _ := bytes.Cut(src, []byte("\n"))
	if !txtarHeader.Match(bytes.TrimRight(first, "\r")) {
		return &scenarioBlock{source: src}, 0, nil
	}
	a := txtar.Parse(src)
	b := &scenarioBlock{}
	found := false
	line := 0
	for _, f := range a.Files {
		start := line + 1
		line = start + bytes.Count(f.Data, []byte("\n"))
		if f.Name == scenarioFile {
			if found {
				return nil, start - 1, fmt.Errorf("a second -- %s -- member", scenarioFile)
			}
			b.source, b.line, found = f.Data, start, true
			continue
		}
		if path.Clean(f.Name) != f.Name || strings.HasPrefix(f.Name, "../") || path.IsAbs(f.Name) {
			return nil, start - 1, fmt.Errorf("file name %q: write a clean relative name, e.g. policies/read.json", f.Name)
		}
		b.files = append(b.files, f)
	}
	if !found {
		return nil, 0, fmt.Errorf("the archive has no -- %s -- member: the scenario", scenarioFile)
	}
	return b, 0, nil
}

// readFile reads one of the block's files, as the scenario names it.
func (b *scenarioBlock) readFile(name string) ([]byte, error) {
	clean := path.Clean(strings.TrimPrefix(name, "./"))
	for _, f := range b.files {
		if f.Name == clean {
			return f.Data, nil
		}
	}
	return nil, fmt.Errorf("open %s: the block has no such file (add a -- %s -- member)", name, clean)
}

// scenarioRun is a block run natively.
type scenarioRun struct {
	transcript string
	result     scenario.Result
}

// blockError is a problem of a block at a line of the block (0-based).
type blockError struct {
	line int
	msg  string
}

// check parses and runs the block natively, and returns every problem:
// syntax errors, statements that failed outside an expect, expectations
// that did not hold, and a block without expectations.
func (b *scenarioBlock) check(p *scenario.Parser) (*scenarioRun, []blockError) {
	f, err := p.Parse(scenarioFile, b.source)
	if err != nil {
		var list scenario.ErrorList
		var one *scenario.Error
		switch {
		case errors.As(err, &list):
		case errors.As(err, &one):
			list = scenario.ErrorList{one}
		default:
			return nil, []blockError{{b.line, err.Error()}}
		}
		var errs []blockError
		for _, e := range list {
			errs = append(errs, blockError{b.line + max(e.Pos.Line, 1) - 1, fmt.Sprintf("column %d: %s", e.Pos.Column, e.Msg)})
		}
		return nil, errs
	}
	var out bytes.Buffer
	res, err := scenario.Run(f, &out, scenario.Options{Parser: p, ReadFile: b.readFile})
	if err != nil {
		return nil, []blockError{{b.line, err.Error()}}
	}
	run := &scenarioRun{transcript: out.String(), result: res}
	// The transcript has one part per statement, each starting "> ".
	var parts []string
	for _, l := range strings.SplitAfter(run.transcript, "\n") {
		if strings.HasPrefix(l, "> ") || len(parts) == 0 {
			parts = append(parts, "")
		}
		parts[len(parts)-1] += l
	}
	var errs []blockError
	expects := 0
	i := 0
	for _, l := range f.Lines {
		if l.Stmt == nil {
			continue
		}
		part := ""
		if i < len(parts) {
			part = parts[i]
		}
		i++
		at := b.line + max(l.Pos.Line, 1) - 1
		if _, ok := l.Stmt.(*scenario.Expect); ok {
			expects++
			for _, out := range strings.Split(part, "\n") {
				if strings.Contains(out, ": FAILED at ") {
					errs = append(errs, blockError{at, "the expectation does not hold: " + failedAt.ReplaceAllString(strings.TrimSpace(out), ":")})
				}
			}
			continue
		}
		for _, out := range strings.Split(part, "\n") {
			if strings.HasPrefix(out, "  error") {
				errs = append(errs, blockError{at, "the statement fails and no expect says it should: " + strings.TrimSpace(out) +
					" (write expect error CODE … if the page means it to fail)"})
				break
			}
		}
	}
	if len(errs) == 0 && (res.Errors > 0 || res.Failed > 0) {
		errs = append(errs, blockError{b.line, fmt.Sprintf("%d statements failed and %d expectations did not hold", res.Errors, res.Failed)})
	}
	if expects == 0 {
		errs = append(errs, blockError{b.line, "no expect statement: say what the engine decides (expect allow as alice: …), so that the build can check it"})
	}
	return run, errs
}

// failedAt is where the transcript says an expectation failed: a line of
// the scenario, not of the page, so it is left out of the build's error.
var failedAt = regexp.MustCompile(`: FAILED at \S+:\d+:\d+:`)

// scenarioState is what the live block's script reads: the scenario and
// its files, as the engine's runScenario takes them.
type scenarioState struct {
	Source string            `json:"source"`
	Files  map[string]string `json:"files"`
}

// renderScenario checks a block against the native engine and renders it.
// blockLine is the file line of the block's first line.
func (m *markdown) renderScenario(src []byte, blockLine int) string {
	fail := func(line int, format string, args ...any) {
		m.errs = append(m.errs, &Error{File: m.page.File, Line: blockLine + line, Msg: "iam-scenario: " + fmt.Sprintf(format, args...)})
	}
	b, line, err := parseScenarioBlock(src)
	if err != nil {
		fail(line, "%v", err)
		return ""
	}
	p, err := m.scenarioParser()
	if err != nil {
		fail(0, "%v", err)
		return ""
	}
	run, errs := b.check(p)
	for _, e := range errs {
		fail(e.line, "%s", e.msg)
	}
	if run == nil || len(errs) > 0 {
		return ""
	}
	st := playgroundState{V: 1, Identity: []string{""}, SCPs: []string{}, Context: []contextRow{}, Mode: "scenario", Scenario: string(b.source)}
	for _, f := range b.files {
		st.Files = append(st.Files, playgroundFile{Name: f.Name, Text: string(f.Data)})
	}
	frag, err := st.shareFragment()
	if err != nil {
		fail(0, "share link: %v", err)
		return ""
	}
	live := scenarioState{Source: string(b.source), Files: map[string]string{}}
	for _, f := range b.files {
		live.Files[f.Name] = string(f.Data)
	}
	liveJSON, err := json.Marshal(live)
	if err != nil {
		fail(0, "%v", err)
		return ""
	}
	r := run.result
	summary := fmt.Sprintf("%s, %s: all met", countOf(r.Statements, "statement"), countOf(r.Expectations, "expectation"))
	var w strings.Builder
	w.WriteString(`<figure class="iam-scenario" data-testid="iam-scenario">`)
	w.WriteString(`<div class="isc-static">`)
	w.WriteString(`<p class="ipg-label">Scenario</p>`)
	w.WriteString(m.highlightScenario(string(b.source)))
	for _, f := range b.files {
		fmt.Fprintf(&w, `<p class="ipg-label">File <code>%s</code></p>`, template.HTMLEscapeString(f.Name))
		w.WriteString(highlight(strings.TrimPrefix(path.Ext(f.Name), "."), string(f.Data)))
	}
	w.WriteString(`</div>`)
	fmt.Fprintf(&w, `<div class="isc-result"><p class="ipg-label">Transcript <span class="isc-summary">— %s</span></p>`, template.HTMLEscapeString(summary))
	fmt.Fprintf(&w, `<pre class="transcript" tabindex="0" aria-label="Transcript" data-testid="iam-scenario-expected">%s</pre></div>`, template.HTMLEscapeString(run.transcript))
	fmt.Fprintf(&w, `<figcaption><a href="/playground/#s=%s" data-testid="iam-scenario-open">Open in the playground</a> `, frag)
	w.WriteString(`<button type="button" class="ipg-edit" data-testid="iam-scenario-edit" hidden>Edit and run it here</button></figcaption>`)
	fmt.Fprintf(&w, `<script type="application/json" class="isc-state">%s</script>`, liveJSON) // json.Marshal escapes <, > and &
	w.WriteString(`<div class="isc-live" aria-live="polite"></div></figure>`)
	return w.String()
}

// scenarioParser is the parser every block of the build shares.
func (m *markdown) scenarioParser() (*scenario.Parser, error) {
	if m.parser == nil {
		p, err := scenario.NewParser()
		if err != nil {
			return nil, err
		}
		m.parser = p
	}
	return m.parser, nil
}

// ScenarioBlock is a ```iam-scenario block of a page, as
// [ScenarioBlocks] finds it.
type ScenarioBlock struct {
	File string // the page, relative to the content folder: "mfa/totp.md"
	Line int    // the file line of the block's first line
	Text []byte // the block's text
}

// String names the block by where it is: "mfa/totp.md:42".
func (b ScenarioBlock) String() string { return b.File + ":" + strconv.Itoa(b.Line) }

// Case is the block as a golden case (package engine/scenario/golden): a
// txtar archive with the scenario in scenario.iamlab and the files it
// reads beside it.
func (b ScenarioBlock) Case() ([]byte, error) {
	sb, line, err := parseScenarioBlock(b.Text)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: iam-scenario: %w", b.File, b.Line+line, err)
	}
	a := &txtar.Archive{Comment: []byte("The ```iam-scenario block at " + b.String() + ".\n"),
		Files: append([]txtar.File{{Name: scenarioFile, Data: sb.source}}, sb.files...)}
	return txtar.Format(a), nil
}

// ScenarioBlocks lists every ```iam-scenario block of the pages under the
// content folder dir, page by page in navigation order. Problems of the
// content other than unreadable files do not stop it: the build reports
// them.
func ScenarioBlocks(dir string) ([]ScenarioBlock, error) {
	s, err := Load(dir)
	if s == nil {
		return nil, err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	var out []ScenarioBlock
	for _, p := range s.Pages {
		doc := md.Parser().Parse(text.NewReader(p.body))
		ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			fc, ok := n.(*ast.FencedCodeBlock)
			if !entering || !ok || string(fc.Language(p.body)) != "iam-scenario" {
				return ast.WalkContinue, nil
			}
			var code bytes.Buffer
			for i := 0; i < fc.Lines().Len(); i++ {
				seg := fc.Lines().At(i)
				code.Write(seg.Value(p.body))
			}
			line := p.bodyLine
			if fc.Lines().Len() > 0 {
				line += bytes.Count(p.body[:fc.Lines().At(0).Start], []byte("\n"))
			}
			out = append(out, ScenarioBlock{File: p.File, Line: line, Text: code.Bytes()})
			return ast.WalkSkipChildren, nil
		})
	}
	return out, nil
}

// countOf is n with its noun, singular for one: "1 statement", "2 statements".
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
