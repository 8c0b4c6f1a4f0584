//go:build js && wasm

package jsplugin

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/plugins/abi"
)

// Limits are a Host's sandbox limits, the CLI host's defaults unless set.
type Limits struct {
	CallTimeout time.Duration // one call (alloc, match or validate, free); 100 ms
	MemoryPages uint32        // an instance's memory, in 64 KiB pages; 512 (32 MiB)
}

// DefaultLimits are the CLI host's defaults (plugins/README.md).
func DefaultLimits() Limits { return Limits{CallTimeout: 100 * time.Millisecond, MemoryPages: 512} }

// Host loads plugins with the browser's WebAssembly API and is the
// registry of their operators, and of operators only declared here
// ([Declared]). It implements [condition.Operators]. It is used from one
// goroutine, as the browser calls it.
type Host struct {
	limits   Limits
	plugins  []*plugin
	ops      map[string]*operator
	declared Declared
}

var _ condition.Operators = (*Host)(nil)

// NewHost returns a Host with no plugins.
func NewHost(l Limits) *Host {
	return &Host{limits: l, ops: map[string]*operator{}, declared: Declared{}}
}

// Lookup implements [condition.Operators]: a loaded plugin's operator, or
// a declared one.
func (h *Host) Lookup(name string) (condition.Custom, bool) {
	if op, ok := h.ops[name]; ok {
		return op, true
	}
	return h.declared.Lookup(name)
}

type loadResult struct {
	OK        bool     `json:"ok"`
	Operators []string `json:"operators,omitempty"` // "Plugin:Name", in the module's order
	Error     *jsError `json:"error,omitempty"`
}

type jsError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func encode(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return `{"ok":false,"error":{"code":"InternalError","message":"encoding the result"}}`
	}
	return string(b)
}

// Load is iamlab.loadPlugin(name, bytes, newWASI): it checks the module
// (bytes, a Uint8Array), compiles it, starts an instance with the imports
// newWASI() gives, reads its operators and registers them. It answers
// {"ok": true, "operators": ["Plugin:Name", …]} or {"ok": false, "error":
// {code, message}} with code PluginRefused; nothing is registered then.
//
// newWASI must return {imports, bind(memory), reset(), stderr(),
// exitCode()}: a fresh WASI shim for one instance (site/web/src/plugins).
func (h *Host) Load(args []js.Value) any {
	refuse := func(err error) any {
		return encode(loadResult{Error: &jsError{Code: "PluginRefused", Message: err.Error()}})
	}
	if len(args) != 3 || args[0].Type() != js.TypeString || args[1].Type() != js.TypeObject || args[2].Type() != js.TypeFunction {
		return refuse(errors.New("pass a name, the module's bytes (a Uint8Array) and a WASI factory"))
	}
	wasm := make([]byte, args[1].Get("byteLength").Int())
	js.CopyBytesToGo(wasm, args[1])
	out, err := h.LoadModule(args[0].String(), wasm, args[2])
	if err != nil {
		return refuse(err)
	}
	return encode(loadResult{OK: true, Operators: out})
}

// LoadModule is [Host.Load] from Go: it checks, compiles and starts the
// module wasm under name, with the WASI shims newWASI (a JavaScript
// function) makes, registers its operators and returns them
// ("Plugin:Name"). A refused module is an [*abi.Error]; nothing is registered
// then. A scenario's plugin statement loads through it (wasm/js/lab).
func (h *Host) LoadModule(name string, wasm []byte, newWASI js.Value) ([]string, error) {
	if err := abi.CheckPluginName(name); err != nil {
		return nil, &abi.Error{Kind: abi.ErrABI, Msg: err.Error()}
	}
	for _, p := range h.plugins {
		if p.name == name {
			return nil, &abi.Error{Plugin: name, Kind: abi.ErrConflict, Msg: "a plugin of this name is already loaded"}
		}
	}
	info, patched, err := Inspect(wasm, h.limits.MemoryPages)
	if err != nil {
		return nil, &abi.Error{Plugin: name, Kind: abi.ErrABI, Msg: err.Error()}
	}
	p := &plugin{host: h, name: name, info: info, newWASI: newWASI}
	if err := catch(func() {
		u8 := js.Global().Get("Uint8Array").New(len(patched))
		js.CopyBytesToJS(u8, patched)
		p.module = js.Global().Get("WebAssembly").Get("Module").New(u8)
	}); err != nil {
		return nil, &abi.Error{Plugin: name, Kind: abi.ErrABI, Msg: "the browser refused to compile it: " + err.Error()}
	}
	names, err := p.start()
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if other, ok := h.ops[n]; ok {
			return nil, &abi.Error{Plugin: name, Kind: abi.ErrConflict, Msg: fmt.Sprintf("operator Plugin:%s is already provided by plugin %q", n, other.p.name)}
		}
	}
	out := make([]string, len(names))
	for i, n := range names {
		h.ops[n] = &operator{p: p, index: int32(i), name: n}
		out[i] = "Plugin:" + n
	}
	h.plugins = append(h.plugins, p)
	return out, nil
}

// Remove is iamlab.removePlugin({"name": NAME}): it drops a loaded plugin
// and its operators. Removing a plugin that is not loaded is not an error.
func (h *Host) Remove(input []byte) []byte {
	var in struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal(input, &in); err != nil {
		return []byte(encode(loadResult{Error: &jsError{Code: "InvalidInput", Message: err.Error()}}))
	}
	h.plugins = slices.DeleteFunc(h.plugins, func(p *plugin) bool { return p.name == in.Name })
	for n, op := range h.ops {
		if op.p.name == in.Name {
			delete(h.ops, n)
		}
	}
	return []byte(`{"ok":true}`)
}

// Declare is iamlab.declarePlugins({"operators": ["Plugin:Name", …]}): it
// replaces the declared operators (see [Declared]).
func (h *Host) Declare(input []byte) []byte {
	var in struct {
		Operators []string `json:"operators"`
	}
	if err := json.Unmarshal(input, &in); err != nil {
		return []byte(encode(loadResult{Error: &jsError{Code: "InvalidInput", Message: err.Error()}}))
	}
	d, err := NewDeclared(in.Operators)
	if err != nil {
		return []byte(encode(loadResult{Error: &jsError{Code: "InvalidInput", Message: err.Error()}}))
	}
	h.declared = d
	return []byte(`{"ok":true}`)
}

// plugin is a loaded module and its current instance, if any.
type plugin struct {
	host    *Host
	name    string
	info    Module
	module  js.Value // a WebAssembly.Module
	newWASI js.Value
	inst    *instance // nil between a failure and the next call
}

type instance struct {
	exports, memory, wasi js.Value
}

// start instantiates the module, calls _initialize, checks the ABI
// version and reads the operator names.
func (p *plugin) start() ([]string, error) {
	if _, err := p.instantiate(); err != nil {
		return nil, err
	}
	var version int
	var packed uint64
	if err := p.guard(abi.ExportVersion, func(in *instance) { version = in.exports.Call(abi.ExportVersion).Int() }); err != nil {
		return nil, err
	}
	if version != abi.Version {
		p.inst = nil
		return nil, &abi.Error{Plugin: p.name, Kind: abi.ErrABI, Msg: fmt.Sprintf("it speaks ABI version %d: this host speaks version %d", version, abi.Version)}
	}
	if err := p.guard(abi.ExportOperators, func(in *instance) { packed = bigToUint64(in.exports.Call(abi.ExportOperators)) }); err != nil {
		return nil, err
	}
	list, err := p.read(packed, abi.ExportOperators)
	if err != nil {
		return nil, err
	}
	names, err := abi.ParseOperators(list)
	if err != nil {
		p.inst = nil
		return nil, &abi.Error{Plugin: p.name, Kind: abi.ErrABI, Msg: err.Error()}
	}
	return names, nil
}

// instantiate starts a fresh instance: WebAssembly.Instance with a new
// WASI shim, then _initialize.
func (p *plugin) instantiate() (*instance, error) {
	in := &instance{}
	err := catch(func() {
		in.wasi = p.newWASI.Invoke()
		inst := js.Global().Get("WebAssembly").Get("Instance").New(p.module, in.wasi.Get("imports"))
		in.exports = inst.Get("exports")
		in.memory = in.exports.Get(abi.ExportMemory)
		in.wasi.Call("bind", in.memory)
	})
	if err != nil {
		return nil, p.classify("starting the module", err, in)
	}
	p.inst = in
	if p.info.Initialize {
		if err := p.guard(abi.ExportInitialize, func(in *instance) { in.exports.Call(abi.ExportInitialize) }); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// guard runs f on the current instance, turning a JavaScript exception (a
// trap, an exit) into an Error and dropping the instance.
func (p *plugin) guard(fn string, f func(*instance)) error {
	in := p.inst
	if err := catch(func() { f(in) }); err != nil {
		p.inst = nil
		return p.classify(fn, err, in)
	}
	return nil
}

// call runs one ABI call: alloc, write the request, fn, read the answer,
// free. A call that took longer than the deadline fails, as in the CLI.
func (p *plugin) call(fn string, op int32, req []byte) ([]byte, error) {
	if p.inst == nil {
		if _, err := p.instantiate(); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	p.inst.wasi.Call("reset")
	var addr int
	var packed uint64
	var wrote bool
	err := p.guard(fn, func(in *instance) {
		addr = in.exports.Call(abi.ExportAlloc, len(req)).Int()
		buf := in.memory.Get("buffer")
		if addr <= 0 || addr+len(req) > buf.Get("byteLength").Int() {
			return
		}
		js.CopyBytesToJS(js.Global().Get("Uint8Array").New(buf, addr, len(req)), req)
		wrote = true
		packed = bigToUint64(in.exports.Call(fn, op, addr, len(req)))
	})
	if err != nil {
		return nil, err
	}
	if !wrote {
		p.inst = nil
		return nil, &abi.Error{Plugin: p.name, Kind: abi.ErrAnswer, Msg: fmt.Sprintf("iamlab_alloc(%d) returned %d, outside its memory", len(req), addr)}
	}
	out, err := p.read(packed, fn)
	if err != nil {
		return nil, err
	}
	if err := p.guard(abi.ExportFree, func(in *instance) { in.exports.Call(abi.ExportFree, addr) }); err != nil {
		return nil, err
	}
	if took := time.Since(start); took > p.host.limits.CallTimeout {
		p.inst = nil
		return nil, &abi.Error{Plugin: p.name, Kind: abi.ErrDeadline, Msg: fmt.Sprintf("%s did not finish within its deadline of %v (it took %v)", fn, p.host.limits.CallTimeout, took.Round(time.Millisecond))}
	}
	return out, nil
}

// read copies an answer out of the instance's memory.
func (p *plugin) read(packed uint64, fn string) ([]byte, error) {
	addr, size := int(packed>>32), int(uint32(packed))
	var out []byte
	err := catch(func() {
		buf := p.inst.memory.Get("buffer")
		if size > abi.MaxAnswer || addr+size > buf.Get("byteLength").Int() {
			return
		}
		out = make([]byte, size)
		js.CopyBytesToGo(out, js.Global().Get("Uint8Array").New(buf, addr, size))
	})
	if err != nil || out == nil {
		p.inst = nil
		return nil, &abi.Error{Plugin: p.name, Kind: abi.ErrAnswer, Msg: fmt.Sprintf("%s answered %d bytes at %d, outside its memory or over %d bytes", fn, size, addr, abi.MaxAnswer)}
	}
	return out, nil
}

// classify turns a JavaScript exception into an Error: an exit, memory
// exhaustion (as the Go runtime reports it), or a trap.
func (p *plugin) classify(fn string, err error, in *instance) error {
	said, exit := "", js.Null()
	if in != nil && in.wasi.Truthy() {
		_ = catch(func() {
			said = in.wasi.Call("stderr").String()
			exit = in.wasi.Call("exitCode")
		})
	}
	switch {
	case strings.Contains(said, "out of memory"):
		return &abi.Error{Plugin: p.name, Kind: abi.ErrMemory, Msg: fmt.Sprintf("%s ran out of memory (the limit is %d pages of 64 KiB)%s", fn, p.host.limits.MemoryPages, abi.StderrNote(said))}
	case exit.Type() == js.TypeNumber:
		return &abi.Error{Plugin: p.name, Kind: abi.ErrTrap, Msg: fmt.Sprintf("%s exited with code %d%s", fn, exit.Int(), abi.StderrNote(said))}
	}
	return &abi.Error{Plugin: p.name, Kind: abi.ErrTrap, Msg: fmt.Sprintf("%s trapped: %s%s", fn, abi.CleanMessage(err.Error()), abi.StderrNote(said))}
}

// operator is one operator of a loaded plugin: a [condition.Custom] and a
// [condition.Validator].
type operator struct {
	p     *plugin
	index int32
	name  string
}

// Match asks the plugin whether value satisfies the operator against the
// policy's values.
func (o *operator) Match(value string, policy []string) (bool, error) {
	return abi.Match(o.p.name, o.call, value, policy)
}

// Validate asks the plugin to check a condition's policy values, when the
// module exports iamlab_validate.
func (o *operator) Validate(policy []string) error {
	if !o.p.info.Validate {
		return nil
	}
	return abi.Validate(o.p.name, o.call, policy)
}

// call is the operator's [abi.Call].
func (o *operator) call(fn string, req []byte) ([]byte, error) { return o.p.call(fn, o.index, req) }

// bigToUint64 reads an i64 result, which JavaScript gives as a BigInt.
// syscall/js has no BigInt type (asking a BigInt's Type panics), so the
// value only passes through JavaScript functions: asUintN, then String.
func bigToUint64(v js.Value) uint64 {
	s := js.Global().Get("String").Invoke(js.Global().Get("BigInt").Get("asUintN").Invoke(64, v))
	n, err := strconv.ParseUint(s.String(), 10, 64)
	if err != nil {
		return 1<<64 - 1 // an answer no memory holds: a malformed answer
	}
	return n
}

// catch runs f and returns the JavaScript exception it raised, if any:
// syscall/js raises exceptions as Go panics of type js.Error.
func catch(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			switch e := r.(type) {
			case js.Error:
				err = errors.New(js.Global().Get("String").Invoke(e.Value).String())
			case error:
				err = e
			default:
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	f()
	return nil
}
