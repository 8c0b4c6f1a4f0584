package jsplugin_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/plugins/abi"
	"github.com/iamlab/iamlab/wasm/js/jsplugin"
)

// A small encoder of modules, enough to write the ABI's edge cases by
// hand.

func leb(v uint32) []byte {
	var b []byte
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func vec(items ...[]byte) []byte {
	out := leb(uint32(len(items)))
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

func name(s string) []byte { return append(leb(uint32(len(s))), s...) }

func sec(id byte, content []byte) []byte {
	return append(append([]byte{id}, leb(uint32(len(content)))...), content...)
}

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

const (
	tI32 = 0x7f
	tI64 = 0x7e
)

func functype(params, results []byte) []byte {
	return cat([]byte{0x60}, vec(bytesOf(params)...), vec(bytesOf(results)...))
}

func bytesOf(b []byte) [][]byte {
	out := make([][]byte, len(b))
	for i, c := range b {
		out[i] = []byte{c}
	}
	return out
}

// module builds a module with the ABI's exports, changed by opts.
type spec struct {
	imports  [][]byte // import entries
	memory   []byte   // a memory section's content; nil: one memory of 2 pages, no maximum
	drop     string   // an export left out
	extra    string   // another function exported under this name
	matchSig []byte   // iamlab_match's results, when not i64
}

func module(s spec) []byte {
	types := vec(
		functype(nil, []byte{tI32}),                      // 0: () -> i32
		functype([]byte{tI32}, []byte{tI32}),             // 1: (i32) -> i32
		functype([]byte{tI32}, nil),                      // 2: (i32) -> ()
		functype(nil, []byte{tI64}),                      // 3: () -> i64
		functype([]byte{tI32, tI32, tI32}, []byte{tI64}), // 4
		functype(nil, nil),                               // 5
		functype([]byte{tI32, tI32, tI32}, s.matchSig),   // 6: a wrong match
	)
	matchType := byte(4)
	if s.matchSig != nil {
		matchType = 6
	}
	funcs := []byte{0, 1, 2, 3, matchType, 5}
	exports := [][]byte{}
	for i, n := range []string{"iamlab_abi_version", "iamlab_alloc", "iamlab_free", "iamlab_operators", "iamlab_match", "_initialize"} {
		if n != s.drop {
			exports = append(exports, cat(name(n), []byte{0}, leb(uint32(len(s.imports)+i))))
		}
	}
	if s.extra != "" {
		exports = append(exports, cat(name(s.extra), []byte{0}, leb(uint32(len(s.imports)+5))))
	}
	if s.drop != "memory" {
		exports = append(exports, cat(name("memory"), []byte{2, 0}))
	}
	mem := s.memory
	if mem == nil {
		mem = vec([]byte{0, 2})
	}
	body := cat([]byte{2, 0}, []byte{0x0b}) // no locals; end (never run: only inspected)
	code := leb(uint32(len(funcs)))
	for range funcs {
		code = append(code, body...)
	}
	return cat([]byte("\x00asm\x01\x00\x00\x00"),
		sec(1, types),
		sec(2, vec(s.imports...)),
		sec(3, vec(bytesOf(funcs)...)),
		sec(5, mem),
		sec(7, vec(exports...)),
		sec(10, code))
}

func wasiImport(fn string) []byte {
	return cat(name("wasi_snapshot_preview1"), name(fn), []byte{0}, leb(5))
}

func TestInspect(t *testing.T) {
	tests := []struct {
		name    string
		wasm    []byte
		want    jsplugin.Module // when err is ""
		wantErr string
	}{
		{"a good module", module(spec{imports: [][]byte{wasiImport("fd_write")}}), jsplugin.Module{Initialize: true, MinPages: 2, MaxPages: 512}, ""},
		{"its own maximum under the limit", module(spec{memory: vec([]byte{1, 2, 10})}), jsplugin.Module{Initialize: true, MinPages: 2, MaxPages: 10}, ""},
		{"its own maximum over the limit", module(spec{memory: vec([]byte{1, 2, 0x80, 0x80, 0x04})}), jsplugin.Module{Initialize: true, MinPages: 2, MaxPages: 512}, ""},
		{"not WebAssembly", []byte("hello, world"), jsplugin.Module{}, "not a WebAssembly module"},
		{"truncated", module(spec{})[:40], jsplugin.Module{}, "unexpected end"},
		{"a function of another module", module(spec{imports: [][]byte{cat(name("env"), name("now"), []byte{0}, leb(5))}}), jsplugin.Module{}, "imports env.now"},
		{"a WASI function the sandbox does not give", module(spec{imports: [][]byte{wasiImport("path_open")}}), jsplugin.Module{}, "imports wasi_snapshot_preview1.path_open"},
		{"an imported memory", module(spec{imports: [][]byte{cat(name("env"), name("memory"), []byte{2, 0, 1})}}), jsplugin.Module{}, "imports a memory"},
		{"no memory export", module(spec{drop: "memory"}), jsplugin.Module{}, `does not export its memory as "memory"`},
		{"a missing export", module(spec{drop: "iamlab_free"}), jsplugin.Module{}, "does not export iamlab_free"},
		{"a wrong signature", module(spec{matchSig: []byte{tI32}}), jsplugin.Module{}, "iamlab_match has the signature (i32, i32, i32) -> (i32): want (i32, i32, i32) -> (i64)"},
		{"a command", module(spec{extra: "_start"}), jsplugin.Module{}, "exports _start"},
		{"memory over the limit", module(spec{memory: vec([]byte{0, 0x81, 0x04})}), jsplugin.Module{}, "starts at 513 pages"},
		{"two memories", module(spec{memory: vec([]byte{0, 1}, []byte{0, 1})}), jsplugin.Module{}, "defines 2 memories"},
		{"a shared memory", module(spec{memory: vec([]byte{3, 1, 2})}), jsplugin.Module{}, "shared or 64-bit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, patched, err := jsplugin.Inspect(tt.wasm, 512)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, abi.ErrABI)
				assert.Contains(t, err.Error(), tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, m)
			// The rewritten module declares the maximum, and reads the same.
			again, _, err := jsplugin.Inspect(patched, 512)
			require.NoError(t, err)
			assert.Equal(t, tt.want, again)
			assert.Len(t, patched, len(tt.wasm)-len(memSection(tt.wasm))+len(memSection(patched)))
		})
	}
}

// memSection finds the memory section's bytes, header included (the
// modules of these tests have one-byte section sizes).
func memSection(b []byte) []byte {
	for i := 8; i+1 < len(b); i += 2 + int(b[i+1]) {
		if b[i] == 5 {
			return b[i : i+2+int(b[i+1])]
		}
	}
	return nil
}

// TestInspectARealPlugin reads the CIDR plugin as `make plugins` builds
// it: its memory gets the limit as its maximum.
func TestInspectARealPlugin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a plugin")
	}
	path := filepath.Join(t.TempDir(), "cidr.wasm")
	cmd := exec.Command("go", "build", "-buildmode=c-shared", "-o", path, "../../../plugins/cidr")
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	wasm, err := os.ReadFile(path)
	require.NoError(t, err)
	m, patched, err := jsplugin.Inspect(wasm, 512)
	require.NoError(t, err)
	assert.True(t, m.Validate)
	assert.True(t, m.Initialize)
	assert.Equal(t, uint32(512), m.MaxPages)
	assert.Positive(t, m.MinPages)
	_, _, err = jsplugin.Inspect(patched, m.MinPages-1)
	assert.ErrorContains(t, err, "over the limit")
}

// FuzzInspect: no input makes Inspect panic, and what it accepts it
// accepts again once rewritten.
func FuzzInspect(f *testing.F) {
	f.Add(module(spec{}))
	f.Add(module(spec{memory: vec([]byte{1, 2, 10})}))
	f.Add(module(spec{imports: [][]byte{wasiImport("fd_write")}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, patched, err := jsplugin.Inspect(b, 512)
		if err != nil {
			return
		}
		again, _, err := jsplugin.Inspect(patched, 512)
		if err != nil || again != m {
			t.Fatalf("the rewritten module reads differently: %+v, %v", again, err)
		}
	})
}
