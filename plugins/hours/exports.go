//go:build wasip1

package main

import "github.com/iamlab/iamlab/plugins/guest"

// The ABI's exports (plugins/README.md), each a call into the plugin.

//go:wasmexport iamlab_abi_version
func abiVersion() int32 { return guest.ABIVersion }

//go:wasmexport iamlab_alloc
func alloc(size uint32) uint32 { return plugin.Alloc(size) }

//go:wasmexport iamlab_free
func free(addr uint32) { plugin.Free(addr) }

//go:wasmexport iamlab_operators
func operators() uint64 { return plugin.Operators() }

//go:wasmexport iamlab_match
func match(op int32, addr, size uint32) uint64 { return plugin.Match(op, addr, size) }

//go:wasmexport iamlab_validate
func validate(op int32, addr, size uint32) uint64 { return plugin.Validate(op, addr, size) }
