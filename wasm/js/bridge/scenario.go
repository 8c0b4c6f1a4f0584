package bridge

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"github.com/iamlab/iamlab/engine/scenario"
)

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
	// Transcript is what the CLI prints for `iamlab scenario run`.
	Transcript   string `json:"transcript"`
	Statements   int    `json:"statements"`
	Errors       int    `json:"errors"` // statements that failed outside an expect
	Expectations int    `json:"expectations"`
	Failed       int    `json:"failed"` // expectations that did not hold
	Error        *Error `json:"error,omitempty"`
}

var (
	scenarioParser     *scenario.Parser
	scenarioParserErr  error
	scenarioParserOnce sync.Once
)

// RunScenario parses and runs a scenario given as {"source": TEXT,
// "files": {NAME: TEXT}} and returns {"ok": OK, "transcript": TEXT,
// "statements": N, "errors": N, "expectations": N, "failed": N}, where ok
// is true when every expectation held. A scenario that does not parse is
// not run: {"ok": false, "error": {"code": "InvalidInput", "message",
// "diagnostics": [{source, line, column, message}]}}, one diagnostic for
// each syntax error. Plugins are not available through this function: a
// plugin statement fails as in a run without them.
func RunScenario(input []byte) (out []byte) {
	defer recoverInto(&out)
	var in ScenarioRequest
	if err := json.Unmarshal(input, &in); err != nil {
		return encode(scenarioResult{Error: &Error{Code: "InvalidInput", Message: err.Error()}})
	}
	name := in.Name
	if name == "" {
		name = "scenario.iamlab"
	}
	scenarioParserOnce.Do(func() { scenarioParser, scenarioParserErr = scenario.NewParser() })
	if scenarioParserErr != nil {
		return encode(scenarioResult{Error: &Error{Code: "InternalError", Message: scenarioParserErr.Error()}})
	}
	var b strings.Builder
	res, err := scenario.RunSource(name, []byte(in.Source), &b, scenario.Options{
		Parser: scenarioParser,
		ReadFile: func(file string) ([]byte, error) {
			text, ok := in.Files[file]
			if !ok {
				return nil, fmt.Errorf("open %s: %w", file, fs.ErrNotExist)
			}
			return []byte(text), nil
		},
	})
	if err != nil {
		return encode(scenarioResult{Error: scenarioError(err)})
	}
	return encode(scenarioResult{
		OK:           res.OK(),
		Transcript:   b.String(),
		Statements:   res.Statements,
		Errors:       res.Errors,
		Expectations: res.Expectations,
		Failed:       res.Failed,
	})
}

// scenarioError locates every syntax error of a scenario.
func scenarioError(err error) *Error {
	e := &Error{Code: "InvalidInput", Message: err.Error(), Diagnostics: []Diagnostic{}}
	var list scenario.ErrorList
	var one *scenario.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = scenario.ErrorList{one}
	}
	for _, se := range list {
		e.Diagnostics = append(e.Diagnostics, Diagnostic{Source: se.Pos.Filename, Line: se.Pos.Line, Column: se.Pos.Column, Message: se.Msg})
	}
	return e
}
