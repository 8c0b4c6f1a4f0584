// Package jsplugin runs iamlab's condition-operator plugins (ABI v1,
// plugins/README.md) in a browser, through the browser's own WebAssembly
// API rather than a second runtime. It is the browser's counterpart of
// plugins/host, which runs the same .wasm files under wazero for the CLI;
// the two share the ABI's runtime-independent part, plugins/abi: the
// exports and imports, the limits, the requests, the strict readers of
// answers, the kinds of failure and an operator's call.
//
// # Where it runs
//
// The playground runs simulations that use plugins in a dedicated Web
// Worker (site/web/src/plugins): the worker loads the light engine
// (wasm/js), and this package, inside it, compiles each plugin with
// WebAssembly.Module, instantiates it with a WASI shim written in
// JavaScript, and calls its exports through syscall/js. A call that never
// returns cannot be interrupted from inside the worker: the page
// terminates the worker when a simulation does not answer in time, and
// the result is an error, never a decision.
//
// # Checks and limits
//
// [Inspect] reads the module before the browser compiles it and refuses,
// with the reason, what the CLI's host refuses: a module that is not
// WebAssembly, imports anything but the WASI functions ABI v1 allows (or
// any memory, table or global), lacks an export or has one of the wrong
// signature, exports _start, or needs more memory than the limit. It also
// rewrites the module's declared maximum memory to the limit, so that
// memory.grow fails past it, as wazero's WithMemoryLimitPages does. A
// call that finishes but took longer than the call deadline fails with
// [abi.ErrDeadline], as in the CLI. Requests and answers are written and read
// by the CLI's own code ([abi.Match], [abi.Validate]), answers strictly.
//
// # Failing closed
//
// Every failure of a call (a trap, an exit, the deadline, a malformed
// answer, the plugin's own error) is an error of the operator, which the
// evaluator turns into an explicit Deny of a statement that otherwise
// applies, exactly as with the CLI's host. After a trap, an exit, the
// deadline or an answer outside memory, the instance is dropped and the
// next call starts a fresh one.
//
// Only the module reader and the names-only operator registry build
// outside GOOS=js, so that their tests run natively.
package jsplugin
