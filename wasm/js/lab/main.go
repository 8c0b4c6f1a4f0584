//go:build js && wasm

// Command lab is the browser's lab module (GOOS=js GOARCH=wasm), built
// into iamlab-lab.wasm: the heavier half of the engine, which pages load
// only when they need it (the playground in the background after its
// first decision, the docs pages when an embedded scenario is run). It
// puts one object on globalThis, iamlabLab, whose functions take a JSON
// string and return a JSON string (see package labbridge for the shapes):
//
//	iamlabLab.runScenario(inputJSON) // {source, files, name} → {ok, transcript, statements, errors, expectations, failed, clock, devices | error}
//	iamlabLab.analyze(inputJSON)     // {policy, type} → {ok, findings: [{code, type, title, message, link, path, line, column, endLine, endColumn}]}
//	iamlabLab.summarize(inputJSON)   // {policy, type, name} → {ok, summary: {explicitDeny, allow, uncategorized, services} | error}
//	iamlabLab.completions(inputJSON) // {policy, offset, type} or {path, key, prefix} → {ok, kind, from, to, items: [{label, apply, snippet, type, detail, info, boost}]}
//	iamlabLab.totp(inputJSON)        // {seed | generate, at, account, issuer, qr} → {ok, totp: {seed, code, secondsLeft, url, qr}}
//
// and, for scenarios that load plugins (the playground calls it in its
// plugin worker, site/web/src/plugins):
//
//	iamlabLab.runScenarioWithPlugins(inputJSON, files, newWASI) // as runScenario; files {"cidr.wasm": Uint8Array, …}, newWASI a WASI shim factory
//
// where a plugin statement (plugin NAME from "FILE") loads the plugin
// file of FILE's base name through wasm/js/jsplugin, with the CLI's
// limits, into a registry of that run alone.
//
// As in the light module (wasm/js), nothing is thrown to JavaScript, and
// globalThis.iamlabLabReady is called, when the page defined it, once the
// API is in place.
package main

import (
	"syscall/js"

	"github.com/iamlab/iamlab/wasm/js/jsapi"
	"github.com/iamlab/iamlab/wasm/js/jsplugin"
	"github.com/iamlab/iamlab/wasm/js/labbridge"
)

func main() {
	lab := labbridge.New()
	// One line per function: its JavaScript name and its labbridge
	// function.
	jsapi.PublishWith("iamlabLab", "iamlabLabReady", map[string]jsapi.Func{
		"runScenario": lab.RunScenario,
		"analyze":     lab.Analyze,
		"summarize":   lab.Summarize,
		"completions": lab.Completions,
		"totp":        lab.TOTP,
	}, map[string]jsapi.Raw{
		"runScenarioWithPlugins": func(args []js.Value) any { return runWithPlugins(lab, args) },
	})
	select {} // serve calls from JavaScript until the page goes away
}

// runWithPlugins is iamlabLab.runScenarioWithPlugins(inputJSON, files,
// newWASI): the run's plugin statements load the files' modules into a
// fresh jsplugin host.
func runWithPlugins(lab *labbridge.Lab, args []js.Value) any {
	if len(args) != 3 || args[0].Type() != js.TypeString || args[1].Type() != js.TypeObject || args[2].Type() != js.TypeFunction {
		return `{"ok":false,"error":{"code":"InvalidInput","message":"pass the scenario's JSON, the plugin files and a WASI factory"}}`
	}
	files, newWASI := args[1], args[2]
	host := jsplugin.NewHost(jsplugin.DefaultLimits())
	return string(lab.RunScenarioWith([]byte(args[0].String()), &labbridge.Plugins{
		Module: func(file string) ([]byte, bool) {
			v := files.Get(file)
			if v.Type() != js.TypeObject || !v.InstanceOf(js.Global().Get("Uint8Array")) {
				return nil, false
			}
			b := make([]byte, v.Get("byteLength").Int())
			js.CopyBytesToGo(b, v)
			return b, true
		},
		Load: func(name string, module []byte) error {
			_, err := host.LoadModule(name, module, newWASI)
			return err
		},
		Operators: host,
	}))
}
