// Package labbridge is the JSON face of the heavier half of the engine
// that the browser's lab module (wasm/js/lab, iamlab-lab.wasm) exposes to
// JavaScript: the scenario language, with the account model, the catalog
// of AWS managed policies and the MFA codes it brings along; and what an
// editor needs from the action catalog — Access Analyzer-style findings
// ([Lab.Analyze]), the console's policy summary ([Lab.Summarize]) and
// completions ([Lab.Completions]) — and TOTP codes with their QR codes
// ([Lab.TOTP]). Pages load
// that module only when they need one of these functions, so that the
// light module (wasm/js, package bridge) stays small and starts fast.
//
// Like package bridge, it adds no logic of its own (completions are
// package complete's, which reads the half-typed document around the
// cursor; the bridge only counts offsets in UTF-16 as JavaScript does).
// Each function takes a JSON document and returns one, with "ok" and either its payload or an
// "error" holding a [bridge.Error]; a panic becomes an InternalError
// value. It reuses bridge's [bridge.Error] and [bridge.Diagnostic] so both
// modules answer in the same shapes.
//
// A [Lab] holds what is costly to build once (the scenario parser, the
// decoded action catalog); the
// entry point makes one and publishes its methods.
//
// The package builds for every platform, so its tests run natively.
package labbridge
