//go:build wasip1

// Command future is a deliberately bad plugin for the host's tests: a
// well-formed plugin that declares ABI version 2, which this host does not
// speak.
package main

import "github.com/iamlab/iamlab/plugins/guest"

var plugin = guest.New(guest.Operator{Name: "FromTheFuture", Match: func(string, []string) (bool, error) { return true, nil }})

func main() {}

//go:wasmexport iamlab_abi_version
func abiVersion() int32 { return 2 }

//go:wasmexport iamlab_alloc
func alloc(size uint32) uint32 { return plugin.Alloc(size) }

//go:wasmexport iamlab_free
func free(addr uint32) { plugin.Free(addr) }

//go:wasmexport iamlab_operators
func operators() uint64 { return plugin.Operators() }

//go:wasmexport iamlab_match
func match(op int32, addr, size uint32) uint64 { return plugin.Match(op, addr, size) }
