//go:build js && wasm

// Command js is the engine's entry point for browsers (GOOS=js
// GOARCH=wasm). It puts one object on globalThis, iamlab, whose functions
// take a JSON string and return a JSON string (see package bridge for the
// shapes):
//
//	iamlab.simulate(requestJSON)  // IAM's SimulateCustomPolicy request → {ok, response | error}
//	iamlab.validate(inputJSON)    // {policy, type, name} → {ok, diagnostics}
//	iamlab.explain(requestJSON)   // → {ok, text | error}: the explanations in words
//	iamlab.runScenario(inputJSON) // {source, files} → {ok, transcript, statements, errors, expectations, failed | error}
//	iamlab.version()              // → {ok, version}
//	iamlab.benchmark(inputJSON)   // {request, n} → {ok, nsPerOp}: the engine alone, for measurements
//
// A function given anything but one string returns an InvalidInput error;
// a panic in the engine comes back as an InternalError value. Nothing is
// thrown to JavaScript.
//
// runScenario runs a scenario of the scenario language (engine/scenario)
// with the files it may read given by name; plugins are not available to
// it yet.
package main

import (
	"runtime/debug"
	"syscall/js"

	"github.com/iamlab/iamlab/wasm/js/bridge"
)

func main() {
	// A browser tab runs the engine on one thread, where each collection
	// stops everything: collect less often (measured in the site's browser
	// tests, site/README.md).
	debug.SetGCPercent(400)
	api := js.Global().Get("Object").New()
	for name, fn := range map[string]func([]byte) []byte{
		"simulate":    bridge.Simulate,
		"validate":    bridge.Validate,
		"explain":     bridge.Explain,
		"benchmark":   bridge.Benchmark,
		"runScenario": bridge.RunScenario,
	} {
		api.Set(name, js.FuncOf(wrap(fn)))
	}
	api.Set("version", js.FuncOf(func(js.Value, []js.Value) any { return string(bridge.Version()) }))
	js.Global().Set("iamlab", api)
	if ready := js.Global().Get("iamlabReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // serve calls from JavaScript until the page goes away
}

// wrap adapts a bridge function to JavaScript: one string in, one string
// out.
func wrap(fn func([]byte) []byte) func(js.Value, []js.Value) any {
	return func(_ js.Value, args []js.Value) any {
		if len(args) != 1 || args[0].Type() != js.TypeString {
			return `{"ok":false,"error":{"code":"InvalidInput","message":"pass one JSON string"}}`
		}
		return string(fn([]byte(args[0].String())))
	}
}
