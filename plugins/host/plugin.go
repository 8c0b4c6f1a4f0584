package host

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/sys"

	"github.com/iamlab/iamlab/plugins/abi"
)

// Plugin is one loaded plugin module. Its calls are serialized: one
// instance of the module runs one call at a time. When a call traps, exits
// or runs out of time the instance is discarded, and the next call starts a
// fresh one.
type Plugin struct {
	host     *Host
	name     string
	compiled wazero.CompiledModule
	validate bool // the module exports iamlab_validate
	ops      []*operator

	mu     sync.Mutex
	inst   *instance // nil until started, and after a failure
	closed bool
	starts int // instances started, for tests and diagnostics
}

// Name is the name the plugin was loaded under.
func (p *Plugin) Name() string { return p.name }

// Operators lists the plugin's operators, "Plugin:Name", in the module's
// order.
func (p *Plugin) Operators() []string {
	out := make([]string, len(p.ops))
	for i, op := range p.ops {
		out[i] = "Plugin:" + op.name
	}
	return out
}

// Instances reports how many instances of the module have been started: one
// at load, and one more after each call that had to discard its instance.
func (p *Plugin) Instances() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.starts
}

// operator is one operator of a plugin; it implements condition.Custom and
// condition.Validator.
type operator struct {
	p     *Plugin
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
	if !o.p.validate {
		return nil
	}
	return abi.Validate(o.p.name, o.call, policy)
}

// call is the operator's [abi.Call].
func (o *operator) call(fn string, req []byte) ([]byte, error) { return o.p.call(fn, o.index, req) }

// instance is a running instance of the module.
type instance struct {
	mod                          api.Module
	alloc, free, match, validate api.Function
	stderr                       *firstBytes
}

// compile compiles the module and checks its imports and exports.
func (h *Host) compile(ctx context.Context, name string, wasm []byte) (*Plugin, error) {
	bad := func(format string, args ...any) error {
		return &Error{Plugin: name, Kind: ErrABI, Msg: fmt.Sprintf(format, args...)}
	}
	cm, err := h.runtime.CompileModule(ctx, wasm)
	if err != nil {
		return nil, bad("not a WebAssembly module this host can run: %v", err)
	}
	fail := func(err error) (*Plugin, error) {
		_ = cm.Close(ctx)
		return nil, err
	}
	for _, f := range cm.ImportedFunctions() {
		mod, fn, _ := f.Import()
		if !abi.Allowed(mod, fn) {
			return fail(bad("imports %s.%s, which the host does not give (a plugin may import only the WASI functions listed in plugins/README.md)", mod, fn))
		}
	}
	if len(cm.ImportedMemories()) > 0 {
		return fail(bad("imports a memory; a plugin must define and export its own"))
	}
	if _, ok := cm.ExportedMemories()[abi.ExportMemory]; !ok {
		return fail(bad("does not export its memory as %q", abi.ExportMemory))
	}
	fns := cm.ExportedFunctions()
	if _, ok := fns[abi.ExportStart]; ok {
		return fail(bad("exports _start: it is a command, and a plugin must be a reactor (Go: build with -buildmode=c-shared)"))
	}
	for _, e := range abi.Exports() {
		f, ok := fns[e.Name]
		if !ok {
			if e.Optional {
				continue
			}
			return fail(bad("does not export %s", e.Name))
		}
		if !slices.Equal(f.ParamTypes(), e.Params) || !slices.Equal(f.ResultTypes(), e.Results) {
			return fail(bad("exports %s%s, want %s%s", e.Name, abi.FormatSignature(f.ParamTypes(), f.ResultTypes()), e.Name, abi.FormatSignature(e.Params, e.Results)))
		}
	}
	_, validate := fns[abi.ExportValidate]
	return &Plugin{host: h, name: name, compiled: cm, validate: validate}, nil
}

// start instantiates the module for the first time and reads its ABI
// version and operators.
func (p *Plugin) start(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	inst, err := p.instantiate(ctx)
	if err != nil {
		return err
	}
	p.inst = inst
	bad := func(format string, args ...any) error {
		return &Error{Plugin: p.name, Kind: ErrABI, Msg: fmt.Sprintf(format, args...)}
	}

	cctx, cancel := context.WithTimeout(ctx, p.host.cfg.loadTimeout)
	defer cancel()
	res, err := inst.mod.ExportedFunction(abi.ExportVersion).Call(cctx)
	if err != nil {
		return p.failure(cctx, abi.ExportVersion, err)
	}
	if v := int32(uint32(res[0])); v != abi.Version {
		return bad("declares ABI version %d; this host speaks version %d", v, abi.Version)
	}
	res, err = inst.mod.ExportedFunction(abi.ExportOperators).Call(cctx)
	if err != nil {
		return p.failure(cctx, abi.ExportOperators, err)
	}
	out, err := p.read(inst, res[0], abi.ExportOperators)
	if err != nil {
		return err
	}
	names, err := abi.ParseOperators(out)
	if err != nil {
		return bad("%s: %v", abi.ExportOperators, err)
	}
	for i, n := range names {
		p.ops = append(p.ops, &operator{p: p, index: int32(i), name: n})
	}
	return nil
}

// instantiate starts an instance in the sandbox: no files, no network, no
// arguments or environment, a fixed wall clock, a monotonic clock that
// advances only as it is read, zero bytes for randomness, and standard
// output discarded. Standard error is kept (the first 1 KiB of each call) to explain a
// crash.
func (p *Plugin) instantiate(ctx context.Context) (*instance, error) {
	cctx, cancel := context.WithTimeout(ctx, p.host.cfg.loadTimeout)
	defer cancel()
	stderr := &firstBytes{}
	var ticks int64
	cfg := wazero.NewModuleConfig().
		WithName("").
		WithStartFunctions(abi.ExportInitialize).
		WithStdin(bytes.NewReader(nil)).
		WithStdout(io.Discard).
		WithStderr(stderr).
		WithWalltime(func() (int64, int32) { return 0, 0 }, 1).
		WithNanotime(func() int64 { ticks += 1_000_000; return ticks }, 1).
		WithNanosleep(func(int64) {}).
		WithOsyield(func() {}).
		WithRandSource(zeroes{})
	p.starts++
	mod, err := p.host.runtime.InstantiateModule(cctx, p.compiled, cfg)
	if err != nil {
		if mod != nil {
			_ = mod.Close(ctx)
		}
		return nil, p.classify(cctx, "starting the module", err, stderr)
	}
	inst := &instance{
		mod:      mod,
		alloc:    mod.ExportedFunction(abi.ExportAlloc),
		free:     mod.ExportedFunction(abi.ExportFree),
		match:    mod.ExportedFunction(abi.ExportMatch),
		validate: mod.ExportedFunction(abi.ExportValidate),
		stderr:   stderr,
	}
	return inst, nil
}

// call runs one ABI call: it writes in into a buffer from iamlab_alloc,
// calls fn with the operator's index, reads the answer and frees the
// buffer, all within the call deadline.
func (p *Plugin) call(fn string, op int32, in []byte) ([]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil, &Error{Plugin: p.name, Kind: ErrClosed, Msg: "the plugin host is closed"}
	}
	if p.inst == nil {
		inst, err := p.instantiate(context.Background())
		if err != nil {
			return nil, err
		}
		p.inst = inst
	}
	inst := p.inst
	inst.stderr.reset()
	ctx, cancel := context.WithTimeout(context.Background(), p.host.cfg.callTimeout)
	defer cancel()

	res, err := inst.alloc.Call(ctx, uint64(len(in)))
	if err != nil {
		return nil, p.failure(ctx, abi.ExportAlloc, err)
	}
	addr := uint32(res[0])
	if addr == 0 && len(in) > 0 || !inst.mod.Memory().Write(addr, in) {
		p.discard()
		return nil, &Error{Plugin: p.name, Kind: ErrAnswer, Msg: fmt.Sprintf("%s(%d) gave address %d, which is not %d writable bytes of its memory", abi.ExportAlloc, len(in), addr, len(in))}
	}
	f := inst.match
	if fn == abi.ExportValidate {
		f = inst.validate
	}
	res, err = f.Call(ctx, uint64(uint32(op)), uint64(addr), uint64(len(in)))
	if err != nil {
		return nil, p.failure(ctx, fn, err)
	}
	out, err := p.read(inst, res[0], fn)
	if err != nil {
		return nil, err // the instance is discarded: no need to free
	}
	if _, err := inst.free.Call(ctx, uint64(addr)); err != nil {
		return nil, p.failure(ctx, abi.ExportFree, err)
	}
	return out, nil
}

// read copies an answer out of the module's memory.
func (p *Plugin) read(inst *instance, packed uint64, fn string) ([]byte, error) {
	addr, size := abi.Unpack(packed)
	if size > abi.MaxAnswer {
		p.discard()
		return nil, &Error{Plugin: p.name, Kind: ErrAnswer, Msg: fmt.Sprintf("%s: the answer is %d bytes, over the limit of %d", fn, size, abi.MaxAnswer)}
	}
	b, ok := inst.mod.Memory().Read(addr, size)
	if !ok {
		p.discard()
		return nil, &Error{Plugin: p.name, Kind: ErrAnswer, Msg: fmt.Sprintf("%s: the answer at address %d, %d bytes, is outside the module's memory (%d bytes)", fn, addr, size, inst.mod.Memory().Size())}
	}
	return bytes.Clone(b), nil
}

// failure discards the instance after a failed call and says why it failed.
func (p *Plugin) failure(ctx context.Context, fn string, err error) error {
	stderr := &firstBytes{}
	if p.inst != nil {
		stderr = p.inst.stderr
	}
	p.discard()
	return p.classify(ctx, fn, err, stderr)
}

// classify turns an error of wazero into an Error: the deadline, memory
// exhaustion (as the Go runtime reports it), or a trap.
func (p *Plugin) classify(ctx context.Context, fn string, err error, stderr *firstBytes) error {
	var exit *sys.ExitError
	isExit := errors.As(err, &exit)
	said := stderr.String()
	switch {
	case isExit && (exit.ExitCode() == sys.ExitCodeDeadlineExceeded || exit.ExitCode() == sys.ExitCodeContextCanceled),
		errors.Is(ctx.Err(), context.DeadlineExceeded):
		limit := p.host.cfg.callTimeout
		if fn == "starting the module" || fn == abi.ExportVersion || fn == abi.ExportOperators {
			limit = p.host.cfg.loadTimeout
		}
		return &Error{Plugin: p.name, Kind: ErrDeadline, Msg: fmt.Sprintf("%s did not finish within its deadline of %v", fn, limit)}
	case strings.Contains(said, "out of memory"):
		return &Error{Plugin: p.name, Kind: ErrMemory, Msg: fmt.Sprintf("%s ran out of memory (the cap is %d pages of 64 KiB)%s", fn, p.host.cfg.memoryPages, abi.StderrNote(said))}
	case isExit:
		return &Error{Plugin: p.name, Kind: ErrTrap, Msg: fmt.Sprintf("%s exited with code %d%s", fn, exit.ExitCode(), abi.StderrNote(said))}
	}
	msg := err.Error()
	if i := strings.Index(msg, "\n"); i >= 0 {
		msg = msg[:i] // wazero appends a stack trace
	}
	if i := strings.Index(msg, "wasm error: "); i >= 0 {
		msg = msg[i:] // without wazero's "module[] function[...] failed: "
	}
	return &Error{Plugin: p.name, Kind: ErrTrap, Msg: fmt.Sprintf("%s trapped: %s%s", fn, abi.CleanMessage(msg), abi.StderrNote(said))}
}

// discard closes the current instance; the next call starts another.
func (p *Plugin) discard() {
	if p.inst != nil {
		_ = p.inst.mod.Close(context.Background())
		p.inst = nil
	}
}

// close discards the instance for good. With release, it also releases the
// compiled module, which evicts it from a compilation cache: for a module
// that failed to load. A host that closes leaves that to its runtime, so
// that a shared cache keeps good modules compiled.
func (p *Plugin) close(ctx context.Context, release bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.discard()
	if !p.closed {
		p.closed = true
		if release {
			_ = p.compiled.Close(ctx)
		}
	}
}

// zeroes is the plugins' source of randomness: zero bytes, always.
type zeroes struct{}

func (zeroes) Read(b []byte) (int, error) {
	clear(b)
	return len(b), nil
}

// firstBytes keeps the first 1 KiB written to it: enough for a Go panic's
// message.
type firstBytes struct{ buf []byte }

const keptBytes = 1024

func (t *firstBytes) Write(b []byte) (int, error) {
	if room := keptBytes - len(t.buf); room > 0 {
		t.buf = append(t.buf, b[:min(room, len(b))]...)
	}
	return len(b), nil
}

func (t *firstBytes) String() string { return string(t.buf) }
func (t *firstBytes) reset()         { t.buf = t.buf[:0] }
