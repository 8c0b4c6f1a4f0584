package host_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/plugins/host"
)

// TestLoadRefusesBadModules checks that a module that does not follow the
// ABI is refused at load, with a clear error, and registers nothing.
func TestLoadRefusesBadModules(t *testing.T) {
	many := make([]string, 65)
	for i := range many {
		many[i] = fmt.Sprintf(`"Op%d"`, i)
	}
	tests := []struct {
		name string
		wasm []byte
		kind error
		msg  string
	}{
		{"not WebAssembly", []byte("#!/bin/sh\necho hello\n"), host.ErrABI, "not a WebAssembly module this host can run"},
		{"empty", nil, host.ErrABI, "not a WebAssembly module"},
		{"wrong ABI version (Go)", wasmFiles["future"], host.ErrABI, "declares ABI version 2; this host speaks version 1"},
		{"wrong ABI version", tiny(func(m *tinyModule) {
			m.setFunc(fn{name: "iamlab_abi_version", results: []byte{tI32}, body: i32(-1)})
		}), host.ErrABI, "declares ABI version -1"},
		{"no match export", tiny(func(m *tinyModule) { m.removeFunc("iamlab_match") }), host.ErrABI, "does not export iamlab_match"},
		{"no alloc export", tiny(func(m *tinyModule) { m.removeFunc("iamlab_alloc") }), host.ErrABI, "does not export iamlab_alloc"},
		{"a wrong signature", tiny(func(m *tinyModule) {
			m.setFunc(fn{name: "iamlab_match", params: []byte{tI32, tI32, tI32}, results: []byte{tI32}, body: i32(1)})
		}), host.ErrABI, "exports iamlab_match(i32, i32, i32) -> (i32), want iamlab_match(i32, i32, i32) -> (i64)"},
		{"a command, not a reactor", tiny(func(m *tinyModule) { m.setFunc(fn{name: "_start"}) }), host.ErrABI, "exports _start"},
		{"no exported memory", tiny(func(m *tinyModule) { m.noExport = true }), host.ErrABI, `does not export its memory as "memory"`},
		{"a host function of its own", tiny(func(m *tinyModule) {
			m.imports = append(m.imports, imp{module: "env", name: "now", results: []byte{tI64}})
		}), host.ErrABI, "imports env.now, which the host does not give"},
		{"a file system", tiny(func(m *tinyModule) {
			m.imports = append(m.imports, imp{module: "wasi_snapshot_preview1", name: "path_open", params: []byte{tI32, tI32, tI32, tI32, tI32, tI64, tI64, tI32, tI32}, results: []byte{tI32}})
		}), host.ErrABI, "imports wasi_snapshot_preview1.path_open"},
		{"a socket", tiny(func(m *tinyModule) {
			m.imports = append(m.imports, imp{module: "wasi_snapshot_preview1", name: "sock_accept", params: []byte{tI32, tI32, tI32}, results: []byte{tI32}})
		}), host.ErrABI, "imports wasi_snapshot_preview1.sock_accept"},
		{"no operators", tiny(declaring(`[]`)), host.ErrABI, "declares no operators"},
		{"a lower-case name", tiny(declaring(`["tiny"]`)), host.ErrABI, `operator [0]: the plugin operator name "tiny" must start with a capital letter`},
		{"an IfExists name", tiny(declaring(`["Tiny","MatchIfExists"]`)), host.ErrABI, "operator [1]: the plugin operator name \"MatchIfExists\" must not end in IfExists"},
		{"a namespaced name", tiny(declaring(`["Plugin:Tiny"]`)), host.ErrABI, "may hold only ASCII letters and digits"},
		{"a name twice", tiny(declaring(`["Tiny","Tiny"]`)), host.ErrABI, "operator [1]: Tiny is declared twice"},
		{"too many names", tiny(declaring("[" + strings.Join(many, ",") + "]")), host.ErrABI, "declares 65 operators, over the limit of 64"},
		{"names that are not strings", tiny(declaring(`[1, 2]`)), host.ErrABI, "not a JSON array of strings"},
		{"names that are not JSON", tiny(declaring(`Tiny`)), host.ErrABI, "not a JSON array of strings"},
		{"text after the names", tiny(declaring(`["Tiny"] ["More"]`)), host.ErrABI, "not a JSON array of strings"},
		{"names outside memory", tiny(func(m *tinyModule) {
			m.setFunc(fn{name: "iamlab_operators", results: []byte{tI64}, body: packed(70000, 8)})
		}), host.ErrAnswer, "iamlab_operators: the answer at address 70000, 8 bytes, is outside the module's memory"},
		{"names too long", tiny(func(m *tinyModule) {
			m.setFunc(fn{name: "iamlab_operators", results: []byte{tI64}, body: packed(0, 1<<20)})
		}), host.ErrAnswer, "over the limit of 65536"},
		{"a trap while starting", tiny(func(m *tinyModule) {
			m.setFunc(fn{name: "_initialize", body: unreachable})
		}), host.ErrTrap, "starting the module trapped: wasm error: unreachable"},
		{"a loop while starting", tiny(func(m *tinyModule) {
			m.setFunc(fn{name: "_initialize", body: spin})
		}), host.ErrDeadline, "starting the module did not finish within its deadline of 200ms"},
		{"a trap in iamlab_abi_version", tiny(func(m *tinyModule) {
			m.setFunc(fn{name: "iamlab_abi_version", results: []byte{tI32}, body: append(unreachable, i32(1)...)})
		}), host.ErrTrap, "iamlab_abi_version trapped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHost(t, host.WithLoadTimeout(200*time.Millisecond))
			p, err := h.Load(context.Background(), "bad", tt.wasm)
			require.Error(t, err)
			assert.Nil(t, p)
			assert.ErrorIs(t, err, tt.kind)
			assert.Contains(t, err.Error(), tt.msg)
			assert.True(t, strings.HasPrefix(err.Error(), `plugin "bad": `), err.Error())
			assert.Empty(t, h.Operators(), "nothing is registered")
			assert.Empty(t, h.Plugins())
		})
	}
}

// TestMatchRefusesBadAnswers checks every way an answer can be malformed:
// each is an error, never a match.
func TestMatchRefusesBadAnswers(t *testing.T) {
	tests := []struct {
		name   string
		change func(*tinyModule)
		kind   error
		msg    string
	}{
		{"not JSON", answering("yes"), host.ErrAnswer, "iamlab_match: malformed answer: not a JSON object"},
		{"a string for match", answering(`{"match":"true"}`), host.ErrAnswer, `"match" must be true or false`},
		{"null for match", answering(`{"match":null}`), host.ErrAnswer, `"match" must be true or false`},
		{"both match and error", answering(`{"match":true,"error":"x"}`), host.ErrAnswer, `want exactly one of "match" and "error"`},
		{"neither", answering(`{}`), host.ErrAnswer, `want exactly one of "match" and "error"`},
		{"a key in another case", answering(`{"Match":true}`), host.ErrAnswer, `unexpected member "Match"`},
		{"an unknown key", answering(`{"match":true,"why":"because"}`), host.ErrAnswer, `unexpected member "why"`},
		{"a key twice", answering(`{"match":false,"match":true}`), host.ErrAnswer, `member "match" appears twice`},
		{"two objects", answering(`{"match":false}{"match":true}`), host.ErrAnswer, "not a JSON object"},
		{"null", answering(`null`), host.ErrAnswer, "not a JSON object"},
		{"an array", answering(`[true]`), host.ErrAnswer, "not a JSON object"},
		{"invalid UTF-8", answering("{\"error\":\"\xff\"}"), host.ErrAnswer, "not valid UTF-8"},
		{"index in a match answer", answering(`{"error":"x","index":0}`), host.ErrAnswer, `unexpected member "index"`},
		{"ok in a match answer", answering(`{"ok":true}`), host.ErrAnswer, `unexpected member "ok"`},
		{"an empty answer", matchBody(i64(0)), host.ErrAnswer, "not a JSON object"},
		{"an answer outside memory", matchBody(packed(0xfff00000, 64)), host.ErrAnswer, "the answer at address 4293918720, 64 bytes, is outside the module's memory (65536 bytes)"},
		{"an answer too long", matchBody(packed(0, 1<<17)), host.ErrAnswer, "the answer is 131072 bytes, over the limit of 65536"},
		{"an error", answering(`{"error":"no can do"}`), host.ErrReported, `plugin "tiny": no can do`},
		{"an error with control characters", answering(`{"error":"line\nbreak\u001b[31m"}`), host.ErrReported, `plugin "tiny": line break [31m`},
		{"an empty error", answering(`{"error":""}`), host.ErrReported, "(no message)"},
		{"unreachable", matchBody(append(unreachable, i64(0)...)), host.ErrTrap, "iamlab_match trapped: wasm error: unreachable"},
		{"an infinite loop", matchBody(append(spin, i64(0)...)), host.ErrDeadline, "iamlab_match did not finish within its deadline of 100ms"},
		{"growing memory until it cannot", matchBody(append(grow, i64(0)...)), host.ErrTrap, "iamlab_match trapped: wasm error: unreachable"},
		{"alloc gives no buffer", func(m *tinyModule) {
			m.setFunc(fn{name: "iamlab_alloc", params: []byte{tI32}, results: []byte{tI32}, body: i32(0)})
		}, host.ErrAnswer, "iamlab_alloc("},
		{"alloc gives a buffer outside memory", func(m *tinyModule) {
			m.setFunc(fn{name: "iamlab_alloc", params: []byte{tI32}, results: []byte{tI32}, body: i32(65530)})
		}, host.ErrAnswer, "gave address 65530, which is not"},
		{"alloc traps", func(m *tinyModule) {
			m.setFunc(fn{name: "iamlab_alloc", params: []byte{tI32}, results: []byte{tI32}, body: append(unreachable, i32(0)...)})
		}, host.ErrTrap, "iamlab_alloc trapped"},
		{"free traps", func(m *tinyModule) {
			m.setFunc(fn{name: "iamlab_free", params: []byte{tI32}, body: unreachable})
		}, host.ErrTrap, "iamlab_free trapped"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Only the infinite loop should meet the deadline; the others get
			// a generous one, so a loaded machine (CI on two cores) cannot
			// turn a trap into a timeout.
			timeout := 10 * time.Second
			if tt.kind == host.ErrDeadline {
				timeout = 100 * time.Millisecond
			}
			h := newHost(t, host.WithCallTimeout(timeout), host.WithMemoryLimitPages(64))
			p, err := h.Load(context.Background(), "tiny", tiny(tt.change))
			require.NoError(t, err)
			op, ok := h.Lookup("Tiny")
			require.True(t, ok)
			for range 2 { // and again: the host recovers, and the answer is the same
				hit, err := op.Match("a value", []string{"a policy value"})
				require.Error(t, err)
				assert.False(t, hit, "an error is never a match")
				assert.ErrorIs(t, err, tt.kind)
				assert.Contains(t, err.Error(), tt.msg)
			}
			assert.LessOrEqual(t, p.Instances(), 3)
		})
	}
}

// TestMisbehavingGoPlugin checks the failures of a real Go plugin — an
// infinite loop, a panic, memory exhaustion, an exit, garbage — and that
// after each the host starts a fresh instance and carries on.
func TestMisbehavingGoPlugin(t *testing.T) {
	// A second for every call: the spinning operator meets it; the others
	// finish far sooner, also on a loaded machine.
	h := newHost(t, host.WithCallTimeout(time.Second), host.WithMemoryLimitPages(256))
	p := load(t, h, "misbehave")
	assert.Equal(t, []string{"Plugin:Spin", "Plugin:Panic", "Plugin:Hog", "Plugin:Exit", "Plugin:Nonsense", "Plugin:Wild", "Plugin:Fine"}, p.Operators())
	fine, ok := h.Lookup("Fine")
	require.True(t, ok)

	tests := []struct {
		op   string
		kind error
		msg  string
	}{
		{"Spin", host.ErrDeadline, `plugin "misbehave": iamlab_match did not finish within its deadline of 1s`},
		{"Panic", host.ErrTrap, `plugin "misbehave": iamlab_match trapped: wasm error: unreachable (it said "panic: deliberately bad plugin: panic in iamlab_match")`},
		{"Hog", host.ErrMemory, `plugin "misbehave": iamlab_match ran out of memory (the cap is 256 pages of 64 KiB)`},
		{"Exit", host.ErrTrap, `plugin "misbehave": iamlab_match exited with code 3`},
		{"Nonsense", host.ErrAnswer, `plugin "misbehave": iamlab_match: malformed answer: not a JSON object`},
		{"Wild", host.ErrAnswer, `plugin "misbehave": iamlab_match: the answer at address 4293918720, 64 bytes, is outside the module's memory`},
	}
	for _, tt := range tests {
		t.Run(tt.op, func(t *testing.T) {
			op, ok := h.Lookup(tt.op)
			require.True(t, ok)
			before := p.Instances()
			hit, err := op.Match("x", []string{"x"})
			require.Error(t, err)
			assert.False(t, hit)
			assert.ErrorIs(t, err, tt.kind)
			assert.Contains(t, err.Error(), tt.msg)

			hit, err = fine.Match("x", []string{"y", "x"})
			require.NoError(t, err, "the host recovers")
			assert.True(t, hit)
			if tt.kind != host.ErrAnswer {
				assert.Equal(t, before+1, p.Instances(), "a fresh instance after the failure")
			}
		})
	}
}

// TestConcurrentCalls checks that calls from many goroutines, some failing,
// are serialized safely and each gets its own answer.
func TestConcurrentCalls(t *testing.T) {
	h := newHost(t, host.WithCallTimeout(time.Second))
	load(t, h, "misbehave")
	load(t, h, "cidr")
	fine, _ := h.Lookup("Fine")
	panics, _ := h.Lookup("Panic")
	cidr, _ := h.Lookup("CidrOverlaps")
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 10 {
				v := fmt.Sprint(g, "-", i)
				if hit, err := fine.Match(v, []string{"other", v}); err != nil || !hit {
					errs <- fmt.Errorf("Fine(%s) = %v, %v", v, hit, err)
				}
				if hit, err := cidr.Match(fmt.Sprintf("10.%d.%d.0/24", g, i), []string{"10.0.0.0/8"}); err != nil || !hit {
					errs <- fmt.Errorf("CidrOverlaps = %v, %v", hit, err)
				}
				if g == 0 && i%3 == 0 {
					if _, err := panics.Match(v, nil); err == nil {
						errs <- fmt.Errorf("Panic did not fail")
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestLoadConflicts(t *testing.T) {
	h := newHost(t)
	load(t, h, "cidr")
	_, err := h.Load(context.Background(), "cidr", wasmFiles["regex"])
	require.Error(t, err)
	assert.ErrorIs(t, err, host.ErrConflict)
	assert.Contains(t, err.Error(), "a plugin of this name is already loaded")

	_, err = h.Load(context.Background(), "cidr2", wasmFiles["cidr"])
	require.Error(t, err)
	assert.ErrorIs(t, err, host.ErrConflict)
	assert.Contains(t, err.Error(), `operator Plugin:CidrOverlaps is already provided by plugin "cidr"`)

	_, err = h.Load(context.Background(), "no spaces", wasmFiles["regex"])
	require.Error(t, err)
	assert.ErrorIs(t, err, host.ErrABI)
	assert.Equal(t, []string{"Plugin:CidrOverlaps"}, h.Operators())
}

func TestClosedHost(t *testing.T) {
	h := newHost(t)
	load(t, h, "cidr")
	op, _ := h.Lookup("CidrOverlaps")
	require.NoError(t, h.Close(context.Background()))
	require.NoError(t, h.Close(context.Background()), "Close twice is fine")
	_, err := op.Match("10.0.0.0/8", []string{"10.0.0.0/8"})
	assert.ErrorIs(t, err, host.ErrClosed)
	_, err = h.Load(context.Background(), "regex", wasmFiles["regex"])
	assert.ErrorIs(t, err, host.ErrClosed)
}

func TestNewChecksOptions(t *testing.T) {
	_, err := host.New(context.Background(),
		host.WithCallTimeout(0), host.WithLoadTimeout(time.Hour), host.WithMemoryLimitPages(0), host.WithCompilationCache(nil), nil)
	require.Error(t, err)
	for _, msg := range []string{"call timeout 0s", "load timeout 1h0m0s", "memory limit 0 pages", "compilation cache is nil", "nil option"} {
		assert.Contains(t, err.Error(), msg)
	}
}
