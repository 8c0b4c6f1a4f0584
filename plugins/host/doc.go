// Package host runs iamlab plugins — WebAssembly modules that provide
// condition operators such as Plugin:CidrOverlaps — under wazero, and is the
// registry of their operators that the policy parser is given.
//
//	h, err := host.New(ctx, host.WithCompilationCache(cache))
//	_, err = h.Load(ctx, "cidr", wasm)
//	doc, err := policy.Parse(src, policy.Options{Type: policy.Identity, Operators: h})
//
// # Loading
//
// [Host.Load] compiles a module (once per compilation cache), checks it
// against the plugin ABI v1 (plugins/README.md) — the exports and their
// signatures, the imports, the ABI version it declares, its operator names
// — and registers its operators. A module that fails any check is refused
// with an [ErrABI] error and registers nothing; an operator another plugin
// already provides is an [ErrConflict].
//
// # The sandbox
//
// Each plugin runs in its own instance with no file system, no network, no
// arguments or environment variables, a wall clock fixed at the Unix epoch,
// a monotonic clock that advances 1ms each time it is read, zero bytes for
// randomness, and standard output discarded. Its memory is capped
// ([WithMemoryLimitPages]) and every call has a deadline ([WithCallTimeout]):
// wazero closes the module when the deadline passes
// (RuntimeConfig.WithCloseOnContextDone), which stops even a loop that never
// calls out.
//
// # Failures
//
// A plugin that runs out of time ([ErrDeadline]), traps or exits
// ([ErrTrap]), exhausts its memory ([ErrMemory]), or answers something the
// ABI does not allow ([ErrAnswer]) gives an [*Error] naming the plugin and
// what happened; so does a plugin that answers with an error of its own
// ([ErrReported]). The evaluator fails closed on all of them: the request
// is denied (see package eval). After a trap, an exit or a deadline the
// instance is discarded and the next call starts a fresh one, so calls are
// always safe to repeat. Nothing a plugin does can panic the host.
//
// # Concurrency
//
// A Host is safe for concurrent use. Calls into one plugin are serialized
// (an instance runs one call at a time); different plugins run in
// parallel.
package host
