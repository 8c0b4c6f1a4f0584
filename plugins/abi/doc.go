// Package abi is iamlab's plugin ABI, version 1 (plugins/README.md), as
// both plugin hosts read it: the CLI's (plugins/host, under wazero) and the
// browser's (wasm/js/jsplugin, through the browser's WebAssembly API).
//
// It holds what does not depend on a runtime: the exports a module must
// have and their signatures ([Exports]), the imports it may have
// ([Allowed]), the limits on what crosses the boundary, the requests a
// host writes ([EncodeRequest]), the strict readers of what a module
// answers ([ParseAnswer], [ParseOperators]), the kinds of failure a host
// reports ([Error], [ErrTrap], …), and an operator's call protocol —
// request, call, answer, error — over a host's own way of calling a
// module ([Match] and [Validate] over a [Call]). Loading, sandboxing and
// running a module stay in each host.
//
// Parsing is strict, and never panics on any input: an answer the ABI does
// not allow is an error wrapping [ErrMalformed]. The package uses the
// standard library and engine/condition only, so that the browser's small
// module can import it.
package abi
