// Package guest is the plugin side of iamlab's plugin ABI, version 1, for
// plugins written in Go and built for GOOS=wasip1 with -buildmode=c-shared
// (see plugins/README.md for the ABI itself).
//
// A plugin's main package declares its operators with [New] and exports the
// ABI's functions with //go:wasmexport, each a one-line call into the
// [Plugin]:
//
//	var plugin = guest.New(guest.Operator{Name: "CidrOverlaps", Match: overlaps, Validate: checkCIDRs})
//
//	//go:wasmexport iamlab_abi_version
//	func abiVersion() int32 { return guest.ABIVersion }
//
//	//go:wasmexport iamlab_alloc
//	func alloc(size uint32) uint32 { return plugin.Alloc(size) }
//
//	… iamlab_free, iamlab_operators, iamlab_match, iamlab_validate likewise.
//
// The package itself has no wasm-only code: [Plugin.HandleMatch] and
// [Plugin.HandleValidate] turn an ABI request into an ABI answer and are
// tested natively; [Plugin.Alloc] and the functions that return packed
// pointers only mean something inside a 32-bit WebAssembly memory.
//
// A Plugin is the module's own state (its buffers and its last answer). A
// WebAssembly instance runs one call at a time, so it needs no locking.
package guest
