package abi

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Version is the version of the plugin ABI this package describes
// (plugins/README.md).
const Version = 1

// The exports of an ABI v1 module.
const (
	ExportMemory     = "memory"
	ExportVersion    = "iamlab_abi_version" // () -> i32
	ExportAlloc      = "iamlab_alloc"       // (size i32) -> addr i32
	ExportFree       = "iamlab_free"        // (addr i32) -> ()
	ExportOperators  = "iamlab_operators"   // () -> i64 packed addr<<32|len of a JSON array of names
	ExportMatch      = "iamlab_match"       // (op i32, addr i32, len i32) -> i64 packed answer
	ExportValidate   = "iamlab_validate"    // optional; as iamlab_match
	ExportInitialize = "_initialize"        // optional; called once, before anything else
	ExportStart      = "_start"             // forbidden: a command, not a reactor
)

// Limits on what crosses the boundary.
const (
	MaxOperators    = 64      // operators in one module
	MaxAnswer       = 1 << 16 // bytes of an answer or of the list of names
	MaxInput        = 1 << 20 // bytes of a request the host writes
	MaxErrorMessage = 512     // bytes of a plugin's error message kept
)

// ValueType is a WebAssembly value type, the byte that encodes it in a
// module (the same as wazero's api.ValueType).
type ValueType = byte

// The value types of the ABI's signatures.
const (
	I32 ValueType = 0x7f
	I64 ValueType = 0x7e
)

// Export is a function a module must (or may) export, with its signature.
type Export struct {
	Name            string
	Params, Results []ValueType
	Optional        bool
}

// Exports returns the functions of the ABI, in the order they are checked.
func Exports() []Export {
	return []Export{
		{ExportVersion, nil, []ValueType{I32}, false},
		{ExportAlloc, []ValueType{I32}, []ValueType{I32}, false},
		{ExportFree, []ValueType{I32}, nil, false},
		{ExportOperators, nil, []ValueType{I64}, false},
		{ExportMatch, []ValueType{I32, I32, I32}, []ValueType{I64}, false},
		{ExportValidate, []ValueType{I32, I32, I32}, []ValueType{I64}, true},
		{ExportInitialize, nil, nil, true},
	}
}

// FormatSignature writes a function's signature as the hosts' errors show
// it: "(i32, i32, i32) -> (i64)".
func FormatSignature(params, results []ValueType) string {
	name := func(ts []ValueType) string {
		s := make([]string, len(ts))
		for i, t := range ts {
			s[i] = valueTypeName(t)
		}
		return "(" + strings.Join(s, ", ") + ")"
	}
	return name(params) + " -> " + name(results)
}

func valueTypeName(t ValueType) string {
	switch t {
	case I32:
		return "i32"
	case I64:
		return "i64"
	case 0x7d:
		return "f32"
	case 0x7c:
		return "f64"
	case 0x7b:
		return "v128"
	case 0x70:
		return "funcref"
	case 0x6f:
		return "externref"
	}
	return fmt.Sprintf("0x%02x", t)
}

// WASIModule is the only module a plugin may import from.
const WASIModule = "wasi_snapshot_preview1"

// allowedImports are the WASI functions a plugin may import: those Go's
// wasip1 port needs for a reactor that imports fmt, encoding/json, regexp,
// time and net/netip. Each host gives each a sandboxed meaning
// (plugins/README.md).
var allowedImports = map[string]bool{
	"args_get": true, "args_sizes_get": true, "environ_get": true, "environ_sizes_get": true,
	"clock_time_get": true, "random_get": true, "poll_oneoff": true, "sched_yield": true,
	"proc_exit": true, "fd_write": true, "fd_close": true, "fd_fdstat_get": true,
	"fd_fdstat_set_flags": true, "fd_prestat_get": true, "fd_prestat_dir_name": true,
}

// Allowed reports whether a module may import the function name of module.
func Allowed(module, name string) bool { return module == WASIModule && allowedImports[name] }

// AllowedImports lists the WASI functions a plugin may import, sorted.
func AllowedImports() []string {
	out := make([]string, 0, len(allowedImports))
	for n := range allowedImports {
		out = append(out, WASIModule+"."+n)
	}
	slices.Sort(out)
	return out
}

// request is what a host writes into the module's memory for
// iamlab_match ("value" set) and iamlab_validate (no "value").
type request struct {
	Value  *string  `json:"value,omitempty"`
	Policy []string `json:"policy"`
}

// EncodeRequest is the request for iamlab_match (value set) or
// iamlab_validate (value nil).
func EncodeRequest(value *string, policy []string) ([]byte, error) {
	if policy == nil {
		policy = []string{}
	}
	b, err := json.Marshal(request{Value: value, Policy: policy})
	if err != nil {
		return nil, err
	}
	if len(b) > MaxInput {
		return nil, fmt.Errorf("the request is %d bytes, over the limit of %d", len(b), MaxInput)
	}
	return b, nil
}
