package labbridge

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/scenario"
	"github.com/iamlab/iamlab/wasm/js/bridge"
)

// Lab holds what the lab functions build once and reuse: the scenario
// parser, made on the first run. Its zero value is not ready; use [New].
type Lab struct {
	parserOnce sync.Once
	parser     *scenario.Parser
	parserErr  error
	// catalog is the action catalog, for Analyze, Summarize and
	// Completions.
	catalog catalogCache
}

// New returns a Lab.
func New() *Lab { return &Lab{} }

// ScenarioRequest is what RunScenario reads.
type ScenarioRequest struct {
	Source string `json:"source"` // the scenario's text
	// Files are the files the scenario may name (file "…", import "…"),
	// by the name written in the scenario, with their text.
	Files map[string]string `json:"files,omitempty"`
	// Name names the scenario in positions; "scenario.iamlab" when empty.
	Name string `json:"name,omitempty"`
}

type scenarioResult struct {
	OK bool `json:"ok"`
	// Transcript is what the CLI prints for `iamlab run`.
	Transcript   string `json:"transcript"`
	Statements   int    `json:"statements"`
	Errors       int    `json:"errors"` // statements that failed outside an expect
	Expectations int    `json:"expectations"`
	Failed       int    `json:"failed"` // expectations that did not hold
	// Clock is the simulated clock when the run ended (RFC 3339), and
	// Devices the virtual MFA devices it made, each with its code then.
	Clock   string        `json:"clock,omitempty"`
	Devices []MFADevice   `json:"devices,omitempty"`
	Error   *bridge.Error `json:"error,omitempty"`
}

// RunScenario parses and runs a scenario given as {"source": TEXT,
// "files": {NAME: TEXT}} and returns {"ok": OK, "transcript": TEXT,
// "statements": N, "errors": N, "expectations": N, "failed": N}, where ok
// is true when every expectation held, with "clock", the simulated clock
// where the run ended, and "devices", the virtual MFA devices it made
// (each with its code at that clock, its key URI and QR code: see
// [MFADevice]). A scenario that does not parse is
// not run: {"ok": false, "error": {"code": "InvalidInput", "message",
// "diagnostics": [{source, line, column, message}]}}, one diagnostic for
// each syntax error. Plugins are not available through this function: a
// plugin statement fails as in a run without them ([Lab.RunScenarioWith]
// has them).
func (l *Lab) RunScenario(input []byte) []byte { return l.RunScenarioWith(input, nil) }

// Plugins are what a scenario's plugin statements (plugin NAME from
// "FILE") load in [Lab.RunScenarioWith]: the plugin files a page holds,
// and the registry of one run.
type Plugins struct {
	// Module returns the module of the plugin file named file, and
	// whether there is one. A plugin statement's FILE that is not one of
	// the scenario's files resolves to it by its base name:
	// "plugins/cidr.wasm" is the plugin file "cidr.wasm".
	Module func(file string) ([]byte, bool)
	// Load loads a module under the statement's NAME into Operators
	// (scenario.Options.Plugin).
	Load func(name string, module []byte) error
	// Operators is the registry Load loads into, fresh for each run.
	Operators condition.Operators
}

// RunScenarioWith is [Lab.RunScenario] with plugins: a scenario's plugin
// statements load from p (nil: none, as RunScenario).
func (l *Lab) RunScenarioWith(input []byte, p *Plugins) (out []byte) {
	defer bridge.Recover(&out)
	var in ScenarioRequest
	if err := json.Unmarshal(input, &in); err != nil {
		return bridge.Encode(scenarioResult{Error: &bridge.Error{Code: "InvalidInput", Message: err.Error()}})
	}
	name := in.Name
	if name == "" {
		name = "scenario.iamlab"
	}
	l.parserOnce.Do(func() { l.parser, l.parserErr = scenario.NewParser() })
	if l.parserErr != nil {
		return bridge.Encode(scenarioResult{Error: &bridge.Error{Code: "InternalError", Message: l.parserErr.Error()}})
	}
	var b strings.Builder
	opts := scenario.Options{
		Parser: l.parser,
		ReadFile: func(file string) ([]byte, error) {
			if text, ok := in.Files[file]; ok {
				return []byte(text), nil
			}
			if p != nil && strings.HasSuffix(file, ".wasm") {
				if module, ok := p.Module(path.Base(file)); ok {
					return module, nil
				}
			}
			return nil, fmt.Errorf("open %s: %w", file, fs.ErrNotExist)
		},
	}
	if p != nil {
		opts.Plugin, opts.Operators = p.Load, p.Operators
	}
	res, err := scenario.RunSource(name, []byte(in.Source), &b, opts)
	if err != nil {
		return bridge.Encode(scenarioResult{Error: scenarioError(err)})
	}
	return bridge.Encode(scenarioResult{
		OK:           res.OK(),
		Transcript:   b.String(),
		Statements:   res.Statements,
		Errors:       res.Errors,
		Expectations: res.Expectations,
		Failed:       res.Failed,
		Clock:        res.Clock.Format(time.RFC3339),
		Devices:      scenarioDevices(res),
	})
}

// scenarioError locates every syntax error of a scenario.
func scenarioError(err error) *bridge.Error {
	e := &bridge.Error{Code: "InvalidInput", Message: err.Error(), Diagnostics: []bridge.Diagnostic{}}
	var list scenario.ErrorList
	var one *scenario.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = scenario.ErrorList{one}
	}
	for _, se := range list {
		e.Diagnostics = append(e.Diagnostics, bridge.Diagnostic{Source: se.Pos.Filename, Line: se.Pos.Line, Column: se.Pos.Column, Message: se.Msg})
	}
	return e
}
