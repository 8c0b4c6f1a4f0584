// Package bridge is the JSON face of the engine that the browser build
// (wasm/js) exposes to JavaScript: each function takes a JSON document and
// returns one, and errors come back as values with positions, never as
// panics. It adds no logic of its own: it decodes, calls the engine, and
// encodes.
//
// # Results
//
// Every function returns a JSON object with "ok". When ok is true the
// payload is under the function's own key ("response", "diagnostics",
// "text"); when it is false, "error" holds an [Error]: IAM's error code, the
// message, and for policy documents each problem located as a [Diagnostic].
//
// The package builds for every platform, so its tests run natively; the
// GOOS=js entry point in wasm/js only wires these functions to JavaScript.
//
// # What it may import
//
// This is the light module's bridge: what every playground page downloads
// before its first decision. It imports the evaluator and the policy
// parser, never the scenario language, the account model, the catalog,
// the validator's findings or the summaries (nor participle or x/crypto,
// which they bring); those are in the lab module's bridge,
// wasm/js/labbridge. TestLightModuleImports checks the import graph.
package bridge

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/simulate"
)

// Bridge is the JSON API with plugin operators: its methods are the
// package's functions, with the policies parsed with the operators it was
// given. The browser build gives it its plugin host (wasm/js/jsplugin).
type Bridge struct {
	ops condition.Operators
}

// New returns a Bridge whose policies may use ops's plugin operators
// (Plugin:Name); nil means none.
func New(ops condition.Operators) *Bridge { return &Bridge{ops: ops} }

// Simulate is [Simulate] with the Bridge's operators.
func (b *Bridge) Simulate(request []byte) []byte { return simulateWith(b.ops, request) }

// Validate is [Validate] with the Bridge's operators.
func (b *Bridge) Validate(request []byte) []byte { return validateWith(b.ops, request) }

// Explain is [Explain] with the Bridge's operators.
func (b *Bridge) Explain(request []byte) []byte { return explainWith(b.ops, request) }

// Benchmark is [Benchmark] with the Bridge's operators.
func (b *Bridge) Benchmark(input []byte) []byte { return benchmarkWith(b.ops, input) }

// Diagnostic is one problem in a policy document, where an editor shows it.
type Diagnostic struct {
	// Source names the document: the request field and index for a
	// simulation ("PolicyInputList.1"), or the name given to Validate.
	Source  string `json:"source,omitempty"`
	Line    int    `json:"line"`   // 1-based
	Column  int    `json:"column"` // 1-based, in characters
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// Error is a refused input.
type Error struct {
	Code        string       `json:"code"` // InvalidInput, MalformedPolicyDocument or InternalError
	Message     string       `json:"message"`
	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
}

type simulateResult struct {
	OK       bool               `json:"ok"`
	Response *simulate.Response `json:"response,omitempty"`
	Error    *Error             `json:"error,omitempty"`
}

// Simulate runs IAM's SimulateCustomPolicy on a request in AWS's JSON
// shape and returns {"ok": true, "response": RESPONSE} with IAM's response
// shape (and its explanations), or {"ok": false, "error": ERROR}.
func Simulate(request []byte) []byte { return simulateWith(nil, request) }

func simulateWith(ops condition.Operators, request []byte) (out []byte) {
	defer Recover(&out)
	resp, e := simulateRequest(ops, request)
	if e != nil {
		return Encode(simulateResult{Error: e})
	}
	return Encode(simulateResult{OK: true, Response: resp})
}

// simulateRequest decodes a SimulateCustomPolicy request and runs it with
// ops: what Simulate, Explain and Decide share.
func simulateRequest(ops condition.Operators, request []byte) (*simulate.Response, *Error) {
	req, err := simulate.DecodeRequest("request", request)
	if err != nil {
		return nil, errorOf(err)
	}
	resp, err := simulate.CustomPolicy(req, simulate.Options{Operators: ops})
	if err != nil {
		return nil, errorOf(err)
	}
	return resp, nil
}

// ValidateRequest is what Validate reads.
type ValidateRequest struct {
	Policy string `json:"policy"` // the policy document's text
	// Type is the policy type: identity, resource, trust, boundary,
	// session, scp or rcp; identity when empty.
	Type string `json:"type"`
	Name string `json:"name"` // names the document in diagnostics
}

type validateResult struct {
	OK          bool         `json:"ok"`
	Diagnostics []Diagnostic `json:"diagnostics"`
	Error       *Error       `json:"error,omitempty"`
}

// Validate parses and checks one policy document, given as
// {"policy": TEXT, "type": TYPE, "name": NAME}, and returns
// {"ok": true, "diagnostics": [...]}: every problem with its line and
// column, sorted by position; an empty list for a valid document.
func Validate(request []byte) []byte { return validateWith(nil, request) }

func validateWith(ops condition.Operators, request []byte) (out []byte) {
	defer Recover(&out)
	var in ValidateRequest
	if err := json.Unmarshal(request, &in); err != nil {
		return Encode(validateResult{Diagnostics: []Diagnostic{}, Error: &Error{Code: "InvalidInput", Message: err.Error()}})
	}
	typ, ok := policyType(in.Type)
	if !ok {
		return Encode(validateResult{Diagnostics: []Diagnostic{}, Error: &Error{Code: "InvalidInput",
			Message: fmt.Sprintf("type: unknown policy type %q: want identity, resource, trust, boundary, session, scp or rcp", in.Type)}})
	}
	_, err := policy.Parse([]byte(in.Policy), policy.Options{Type: typ, Name: in.Name, Operators: ops})
	return Encode(validateResult{OK: true, Diagnostics: diagnostics(err)})
}

type explainResult struct {
	OK    bool   `json:"ok"`
	Text  string `json:"text,omitempty"`
	Error *Error `json:"error,omitempty"`
}

// Explain runs a simulation like [Simulate] and returns the explanation of
// every action on every resource in words, as `iamlab
// simulate-custom-policy --output text` prints it after its table:
// {"ok": true, "text": TEXT}.
func Explain(request []byte) []byte { return explainWith(nil, request) }

func explainWith(ops condition.Operators, request []byte) (out []byte) {
	defer Recover(&out)
	resp, e := simulateRequest(ops, request)
	if e != nil {
		return Encode(explainResult{Error: e})
	}
	return Encode(explainResult{OK: true, Text: explanationText(resp)})
}

// explanationText is every decision's explanation in words, as the CLI
// prints it.
func explanationText(resp *simulate.Response) string {
	var b bytes.Buffer
	for _, r := range resp.EvaluationResults {
		for _, rr := range r.ResourceSpecificResults {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			fmt.Fprintf(&b, "== %s on %s\n", r.EvalActionName, rr.EvalResourceName)
			if rr.Explanation != nil {
				rr.Explanation.WriteText(&b)
			}
		}
	}
	return b.String()
}

type decideResult struct {
	OK       bool               `json:"ok"`
	Response *simulate.Response `json:"response,omitempty"`
	Text     string             `json:"text,omitempty"`
	Error    *Error             `json:"error,omitempty"`
}

// Decide is [Simulate] and [Explain] at once, with one simulation:
// {"ok": true, "response": RESPONSE, "text": TEXT}. A page that shows
// both (the playground) pays for one decision instead of two.
func Decide(request []byte) []byte { return decideWith(nil, request) }

// Decide is [Decide] with the Bridge's operators.
func (b *Bridge) Decide(request []byte) []byte { return decideWith(b.ops, request) }

func decideWith(ops condition.Operators, request []byte) (out []byte) {
	defer Recover(&out)
	resp, e := simulateRequest(ops, request)
	if e != nil {
		return Encode(decideResult{Error: e})
	}
	return Encode(decideResult{OK: true, Response: resp, Text: explanationText(resp)})
}

// BenchmarkRequest is what Benchmark reads.
type BenchmarkRequest struct {
	Request json.RawMessage `json:"request"` // a SimulateCustomPolicy request
	N       int             `json:"n"`       // how many simulations to time
}

// Benchmark times the engine alone, without the JSON: it decodes the
// request once, then runs the simulation n times, and returns
// {"ok": true, "nsPerOp": NS}. The site's browser tests compare it with
// the same loop run natively; it is a measurement hook, not an API for
// pages.
func Benchmark(input []byte) []byte { return benchmarkWith(nil, input) }

func benchmarkWith(ops condition.Operators, input []byte) (out []byte) {
	defer Recover(&out)
	var in BenchmarkRequest
	if err := json.Unmarshal(input, &in); err != nil || in.N <= 0 {
		return Encode(explainResult{Error: &Error{Code: "InvalidInput", Message: "want {\"request\": REQUEST, \"n\": N > 0}"}})
	}
	req, err := simulate.DecodeRequest("request", in.Request)
	if err != nil {
		return Encode(explainResult{Error: errorOf(err)})
	}
	start := time.Now()
	for i := 0; i < in.N; i++ {
		if _, err := simulate.CustomPolicy(req, simulate.Options{Operators: ops}); err != nil {
			return Encode(explainResult{Error: errorOf(err)})
		}
	}
	return Encode(struct {
		OK      bool    `json:"ok"`
		NsPerOp float64 `json:"nsPerOp"`
	}{true, float64(time.Since(start).Nanoseconds()) / float64(in.N)})
}

// Version returns {"ok": true, "version": V}: the module version the
// engine was built from, or "devel".
func Version() []byte {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	return Encode(struct {
		OK      bool   `json:"ok"`
		Version string `json:"version"`
	}{true, v})
}

// policyType reads a policy type by the engine's own names.
func policyType(name string) (policy.Type, bool) {
	if name == "" {
		return policy.Identity, true
	}
	for t := policy.Identity; t <= policy.RCP; t++ {
		if t.String() == name {
			return t, true
		}
	}
	return 0, false
}

// errorOf turns an engine error into an Error, locating every policy
// problem it wraps.
func errorOf(err error) *Error {
	code := "InvalidInput"
	var se *simulate.Error
	if errors.As(err, &se) {
		code = se.Code
	}
	msg := err.Error()
	if se != nil {
		msg = se.Err.Error()
	}
	return &Error{Code: code, Message: msg, Diagnostics: diagnostics(err)}
}

// diagnostics collects every *policy.Error in err's tree, in order.
func diagnostics(err error) []Diagnostic {
	out := []Diagnostic{}
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case nil:
		case *policy.Error:
			out = append(out, Diagnostic{Source: e.Source, Line: e.Pos.Line, Column: e.Pos.Column, Path: e.Path, Message: e.Msg})
		case interface{ Unwrap() []error }:
			for _, inner := range e.Unwrap() {
				walk(inner)
			}
		case interface{ Unwrap() error }:
			walk(e.Unwrap())
		}
	}
	walk(err)
	return out
}

// Encode marshals a result; a value that cannot be marshalled becomes an
// InternalError result. The lab module's bridge (wasm/js/labbridge) uses
// it too, so both modules answer in the same shapes.
func Encode(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(explainResult{Error: &Error{Code: "InternalError", Message: "encoding the result: " + err.Error()}})
	}
	return b
}

// Recover, deferred, turns a panic into an InternalError result in *out,
// so that a bug in the engine reaches JavaScript as a value, not as a
// crashed runtime.
func Recover(out *[]byte) {
	if r := recover(); r != nil {
		*out = Encode(explainResult{Error: &Error{Code: "InternalError", Message: fmt.Sprintf("the engine failed: %v", r)}})
	}
}
