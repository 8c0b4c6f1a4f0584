//go:build js && wasm

// Command js is the engine's light entry point for browsers (GOOS=js
// GOARCH=wasm), built into iamlab.wasm. It puts one object on globalThis,
// iamlab, whose functions take a JSON string and return a JSON string (see
// package bridge for the shapes):
//
//	iamlab.simulate(requestJSON)  // IAM's SimulateCustomPolicy request → {ok, response | error}
//	iamlab.validate(inputJSON)    // {policy, type, name} → {ok, diagnostics}
//	iamlab.explain(requestJSON)   // → {ok, text | error}: the explanations in words
//	iamlab.decide(requestJSON)    // → {ok, response, text | error}: simulate and explain from one simulation
//	iamlab.version()              // → {ok, version}
//	iamlab.benchmark(inputJSON)   // {request, n} → {ok, nsPerOp}: the engine alone, for measurements
//
// and, for plugins (wasm/js/jsplugin; the playground calls them in its
// plugin worker, site/web/src/plugins):
//
//	iamlab.loadPlugin(name, bytes, newWASI) // a module's bytes (Uint8Array), a WASI shim factory → {ok, operators | error}
//	iamlab.removePlugin(inputJSON)          // {name} → {ok}
//	iamlab.declarePlugins(inputJSON)        // {operators: ["Plugin:Name", …]} → {ok}: names only, so that validate accepts them
//
// Once loaded, a plugin's operators (Plugin:Name) are available to
// simulate, validate and explain. A declared operator is accepted by the
// parser but fails closed if a simulation calls it: the main thread
// declares the operators whose plugins run in its worker.
//
// A function given anything but one string (or nothing) returns an InvalidInput error;
// a panic in the engine comes back as an InternalError value. Nothing is
// thrown to JavaScript. When the page defined globalThis.iamlabReady, it is
// called once the API is in place.
//
// The scenario language, the account model and the catalog are not in
// this module: they are in the lab module (wasm/js/lab, iamlab-lab.wasm),
// which pages load only when they need it. bridge's tests check that this
// module's import graph stays free of them.
package main

import (
	"runtime/debug"

	"github.com/iamlab/iamlab/wasm/js/bridge"
	"github.com/iamlab/iamlab/wasm/js/jsapi"
	"github.com/iamlab/iamlab/wasm/js/jsplugin"
)

func main() {
	// A browser tab runs the engine on one thread, where each collection
	// stops everything: collect less often (measured in the site's browser
	// tests, site/README.md).
	debug.SetGCPercent(400)
	plugins := jsplugin.NewHost(jsplugin.DefaultLimits())
	b := bridge.New(plugins)
	jsapi.PublishWith("iamlab", "iamlabReady", map[string]jsapi.Func{
		"simulate":       b.Simulate,
		"validate":       b.Validate,
		"explain":        b.Explain,
		"decide":         b.Decide,
		"benchmark":      b.Benchmark,
		"version":        func([]byte) []byte { return bridge.Version() },
		"removePlugin":   plugins.Remove,
		"declarePlugins": plugins.Declare,
	}, map[string]jsapi.Raw{
		"loadPlugin": plugins.Load,
	})
	select {} // serve calls from JavaScript until the page goes away
}
