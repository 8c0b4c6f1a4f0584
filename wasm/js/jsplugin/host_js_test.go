//go:build js && wasm

package jsplugin_test

import (
	"encoding/json"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/plugins/abi"
	"github.com/iamlab/iamlab/wasm/js/jsplugin"
)

// These tests run the host in a JavaScript engine (`make wasm-test` runs
// them under Node with Go's go_js_wasm_exec), on hand-assembled plugins
// that import nothing: what the browser tests do with real Go plugins,
// without a browser.

func sleb(v int64) []byte {
	var b []byte
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func body(instrs ...byte) []byte { return bodyWithLocals(nil, instrs...) }

// bodyWithLocals is a function body whose first local is an i32 when
// locals is not nil.
func bodyWithLocals(locals []byte, instrs ...byte) []byte {
	b := vec()
	if locals != nil {
		b = vec(locals)
	}
	b = append(append(b, instrs...), 0x0b)
	return append(leb(uint32(len(b))), b...)
}

func packed(addr, size int) []byte { return append([]byte{0x42}, sleb(int64(addr)<<32|int64(size))...) }

// The plugin's data: its operator names, and answers.
const (
	namesAt  = 16
	names    = `["Ok"]`
	yesAt    = 64
	yes      = `{"match":true}`
	garbleAt = 128
	garble   = `not json`
)

// plugin assembles an ABI v1 module with one operator, Ok, whose
// iamlab_match runs match (returning the packed answer).
func plugin(minPages byte, match []byte) []byte { return pluginWith(minPages, body(match...)) }

// slow counts to 5 million in an i32 local, then answers yes.
func slow() []byte {
	loop := cat([]byte{0x03, 0x40, 0x20, 0x00, 0x41, 0x01, 0x6a, 0x22, 0x00, 0x41}, sleb(5_000_000), []byte{0x49, 0x0d, 0x00, 0x0b})
	return bodyWithLocals([]byte{1, 0x7f}, append(loop, packed(yesAt, len(yes))...)...)
}

func pluginWith(minPages byte, match []byte) []byte {
	types := vec(
		functype(nil, []byte{tI32}),
		functype([]byte{tI32}, []byte{tI32}),
		functype([]byte{tI32}, nil),
		functype(nil, []byte{tI64}),
		functype([]byte{tI32, tI32, tI32}, []byte{tI64}),
		functype(nil, nil),
	)
	exports := vec(
		cat(name("iamlab_abi_version"), []byte{0, 0}),
		cat(name("iamlab_alloc"), []byte{0, 1}),
		cat(name("iamlab_free"), []byte{0, 2}),
		cat(name("iamlab_operators"), []byte{0, 3}),
		cat(name("iamlab_match"), []byte{0, 4}),
		cat(name("_initialize"), []byte{0, 5}),
		cat(name("memory"), []byte{2, 0}),
	)
	code := vec(
		body(0x41, 0x01),       // version: i32.const 1
		body(0x41, 0x80, 0x20), // alloc: i32.const 4096
		body(),                 // free
		body(packed(namesAt, len(names))...),
		match,
		body(), // _initialize
	)
	segment := func(at int, s string) []byte {
		return cat([]byte{0, 0x41}, sleb(int64(at)), []byte{0x0b}, name(s))
	}
	data := vec(segment(namesAt, names), segment(yesAt, yes), segment(garbleAt, garble))
	return cat([]byte("\x00asm\x01\x00\x00\x00"),
		sec(1, types),
		sec(3, vec([]byte{0}, []byte{1}, []byte{2}, []byte{3}, []byte{4}, []byte{5})),
		sec(5, vec([]byte{0, minPages})),
		sec(7, exports),
		sec(10, code),
		sec(11, data))
}

// noWASI is a WASI shim for modules that import nothing.
func noWASI() js.Value {
	return js.Global().Get("Function").New(`return () => ({imports: {}, bind() {}, reset() {}, stderr() { return "" }, exitCode() { return null }})`).Invoke()
}

type loaded struct {
	OK        bool     `json:"ok"`
	Operators []string `json:"operators"`
	Error     *struct {
		Code, Message string
	} `json:"error"`
}

func load(t *testing.T, h *jsplugin.Host, pluginName string, wasm []byte) loaded {
	t.Helper()
	u8 := js.Global().Get("Uint8Array").New(len(wasm))
	js.CopyBytesToJS(u8, wasm)
	var r loaded
	require.NoError(t, json.Unmarshal([]byte(h.Load([]js.Value{js.ValueOf(pluginName), u8, noWASI()}).(string)), &r))
	return r
}

func TestHostRunsAPlugin(t *testing.T) {
	h := jsplugin.NewHost(jsplugin.DefaultLimits())
	r := load(t, h, "ok", plugin(1, packed(yesAt, len(yes))))
	require.True(t, r.OK, "%+v", r.Error)
	assert.Equal(t, []string{"Plugin:Ok"}, r.Operators)
	op, ok := h.Lookup("Ok")
	require.True(t, ok)
	for range 3 {
		matched, err := op.Match("a", []string{"b"})
		require.NoError(t, err)
		assert.True(t, matched)
	}

	// Another plugin with the same operator is refused; so is the same name.
	r = load(t, h, "again", plugin(1, packed(yesAt, len(yes))))
	assert.False(t, r.OK)
	assert.Contains(t, r.Error.Message, `operator Plugin:Ok is already provided by plugin "ok"`)
	r = load(t, h, "ok", plugin(1, packed(yesAt, len(yes))))
	assert.Contains(t, r.Error.Message, "already loaded")

	// Removed, its operator is gone.
	assert.JSONEq(t, `{"ok":true}`, string(h.Remove([]byte(`{"name":"ok"}`))))
	_, ok = h.Lookup("Ok")
	assert.False(t, ok)
}

func TestHostFailsClosed(t *testing.T) {
	tests := []struct {
		name  string
		match []byte
		kind  error
		msg   string
	}{
		{"a trap", []byte{0x00}, abi.ErrTrap, "iamlab_match trapped"},
		{"an answer that is not JSON", packed(garbleAt, len(garble)), abi.ErrAnswer, "not a JSON object"},
		{"an answer outside memory", packed(1<<20, 8), abi.ErrAnswer, "outside its memory"},
		{"an answer too long", packed(0, 1<<17), abi.ErrAnswer, "over 65536 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := jsplugin.NewHost(jsplugin.DefaultLimits())
			r := load(t, h, "bad", plugin(1, tt.match))
			require.True(t, r.OK, "%+v", r.Error)
			op, ok := h.Lookup("Ok")
			require.True(t, ok)
			for range 2 { // the second call starts a fresh instance when the first was dropped
				matched, err := op.Match("a", []string{"b"})
				assert.False(t, matched)
				assert.ErrorIs(t, err, tt.kind)
				assert.ErrorContains(t, err, tt.msg)
				assert.ErrorContains(t, err, `plugin "bad"`)
			}
		})
	}
}

func TestHostRefusesAtLoad(t *testing.T) {
	h := jsplugin.NewHost(jsplugin.Limits{CallTimeout: jsplugin.DefaultLimits().CallTimeout, MemoryPages: 1})
	r := load(t, h, "big", plugin(2, packed(yesAt, len(yes))))
	assert.False(t, r.OK)
	assert.Equal(t, "PluginRefused", r.Error.Code)
	assert.Contains(t, r.Error.Message, "starts at 2 pages of 64 KiB, over the limit of 1")

	r = load(t, h, "bad name!", plugin(1, packed(yesAt, len(yes))))
	assert.Contains(t, r.Error.Message, "want letters, digits")

	r = load(t, h, "junk", []byte("\x00asm\x01\x00\x00\x00\x01\x01"))
	assert.False(t, r.OK)
	assert.Contains(t, r.Error.Message, "unexpected end")
}

// TestHostDeadline: a call that returns after its deadline fails, as in
// the CLI (a call that never returns is the page's to stop: it terminates
// the worker).
func TestHostDeadline(t *testing.T) {
	h := jsplugin.NewHost(jsplugin.Limits{CallTimeout: 1, MemoryPages: 512}) // 1 ns
	r := load(t, h, "slow", pluginWith(1, slow()))
	require.True(t, r.OK, "%+v", r.Error)
	op, _ := h.Lookup("Ok")
	matched, err := op.Match("a", nil)
	assert.False(t, matched)
	assert.ErrorIs(t, err, abi.ErrDeadline)
	assert.ErrorContains(t, err, "did not finish within its deadline of 1ns")

	h = jsplugin.NewHost(jsplugin.DefaultLimits())
	require.True(t, load(t, h, "slow", pluginWith(1, slow())).OK)
	op, _ = h.Lookup("Ok")
	matched, err = op.Match("a", nil)
	assert.NoError(t, err, "5 million additions take less than 100 ms")
	assert.True(t, matched)
}
