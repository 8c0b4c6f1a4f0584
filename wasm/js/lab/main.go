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
// As in the light module (wasm/js), nothing is thrown to JavaScript, and
// globalThis.iamlabLabReady is called, when the page defined it, once the
// API is in place.
package main

import (
	"github.com/iamlab/iamlab/wasm/js/jsapi"
	"github.com/iamlab/iamlab/wasm/js/labbridge"
)

func main() {
	lab := labbridge.New()
	// One line per function: its JavaScript name and its labbridge
	// function.
	jsapi.Publish("iamlabLab", "iamlabLabReady", map[string]jsapi.Func{
		"runScenario": lab.RunScenario,
		"analyze":     lab.Analyze,
		"summarize":   lab.Summarize,
		"completions": lab.Completions,
		"totp":        lab.TOTP,
	})
	select {} // serve calls from JavaScript until the page goes away
}
