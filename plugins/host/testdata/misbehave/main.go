//go:build wasip1

// Command misbehave is a deliberately bad plugin for the host's tests. Each
// operator fails in its own way inside iamlab_match:
//
//   - Spin loops forever.
//   - Panic panics (the Go runtime prints the panic and exits the module).
//   - Hog allocates until memory runs out.
//   - Exit calls os.Exit(3).
//   - Nonsense answers text that is not JSON.
//   - Wild answers a pointer far outside its memory.
//   - Fine behaves: a request value matches when it equals a policy value.
//     It shows that the host recovers after the others.
package main

import (
	"os"

	"github.com/iamlab/iamlab/plugins/guest"
)

var plugin = guest.New(
	guest.Operator{Name: "Spin"},
	guest.Operator{Name: "Panic"},
	guest.Operator{Name: "Hog"},
	guest.Operator{Name: "Exit"},
	guest.Operator{Name: "Nonsense"},
	guest.Operator{Name: "Wild"},
	guest.Operator{Name: "Fine", Match: equal},
)

func main() {}

func equal(v string, policy []string) (bool, error) {
	for _, p := range policy {
		if v == p {
			return true, nil
		}
	}
	return false, nil
}

var hoard [][]byte

//go:wasmexport iamlab_match
func match(op int32, addr, size uint32) uint64 {
	switch op {
	case 0:
		for {
		}
	case 1:
		panic("deliberately bad plugin: panic in iamlab_match")
	case 2:
		for {
			hoard = append(hoard, make([]byte, 1<<20))
		}
	case 3:
		os.Exit(3)
	case 4:
		return plugin.Answer([]byte("yes, probably"))
	case 5:
		return guest.Pack(0xfff00000, 64)
	}
	return plugin.Match(op, addr, size)
}

//go:wasmexport iamlab_abi_version
func abiVersion() int32 { return guest.ABIVersion }

//go:wasmexport iamlab_alloc
func alloc(size uint32) uint32 { return plugin.Alloc(size) }

//go:wasmexport iamlab_free
func free(addr uint32) { plugin.Free(addr) }

//go:wasmexport iamlab_operators
func operators() uint64 { return plugin.Operators() }
