package host

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/plugins/abi"
)

// ABIVersion is the version of the plugin ABI the host speaks
// (plugins/README.md).
const ABIVersion = abi.Version

// AllowedImports lists the only functions a plugin may import, as
// "module.name", sorted: WASI functions that Go's wasip1 port needs, each
// sandboxed (plugins/README.md).
func AllowedImports() []string { return abi.AllowedImports() }

// Defaults of the options.
const (
	DefaultCallTimeout      = 100 * time.Millisecond
	DefaultLoadTimeout      = 5 * time.Second
	DefaultMemoryLimitPages = 512 // 32 MiB
)

// Option configures a [Host]; [New] checks them all at once.
type Option func(*config) error

type config struct {
	callTimeout time.Duration
	loadTimeout time.Duration
	memoryPages uint32
	cache       wazero.CompilationCache
}

// WithCallTimeout sets the deadline of one call into a plugin (one request
// value checked, or one condition's values validated). A call that runs
// longer is stopped and fails with [ErrDeadline]. Between 1ms and 1 minute.
func WithCallTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < time.Millisecond || d > time.Minute {
			return fmt.Errorf("call timeout %v: want between 1ms and 1m", d)
		}
		c.callTimeout = d
		return nil
	}
}

// WithLoadTimeout sets the deadline for instantiating a plugin and reading
// its ABI version and operator names (the Go runtime's start-up is part of
// it). Between 1ms and 1 minute.
func WithLoadTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < time.Millisecond || d > time.Minute {
			return fmt.Errorf("load timeout %v: want between 1ms and 1m", d)
		}
		c.loadTimeout = d
		return nil
	}
}

// WithMemoryLimitPages caps each plugin instance's memory, in 64 KiB pages
// (wazero's RuntimeConfig.WithMemoryLimitPages). A plugin that needs more
// fails with [ErrMemory] (or [ErrTrap], if it does not say why it stopped).
// Between 1 and 65536.
func WithMemoryLimitPages(pages uint32) Option {
	return func(c *config) error {
		if pages < 1 || pages > 65536 {
			return fmt.Errorf("memory limit %d pages: want between 1 and 65536", pages)
		}
		c.memoryPages = pages
		return nil
	}
}

// WithCompilationCache shares compiled modules between hosts (and, with
// wazero.NewCompilationCacheWithDir, between processes), so a module is
// compiled once.
func WithCompilationCache(cache wazero.CompilationCache) Option {
	return func(c *config) error {
		if cache == nil {
			return errors.New("compilation cache is nil")
		}
		c.cache = cache
		return nil
	}
}

// Host loads and runs plugins, and is the registry of their operators: it
// implements [condition.Operators] for the policy parser. It is safe for
// concurrent use. A Host holds a wazero runtime; Close releases it.
type Host struct {
	cfg     config
	runtime wazero.Runtime

	mu      sync.RWMutex
	closed  bool
	plugins []*Plugin
	ops     map[string]*operator // by operator name, without "Plugin:"
}

var _ condition.Operators = (*Host)(nil)

// New returns a Host with the options applied. Every invalid option is
// reported, joined in one error.
func New(ctx context.Context, opts ...Option) (*Host, error) {
	cfg := config{
		callTimeout: DefaultCallTimeout,
		loadTimeout: DefaultLoadTimeout,
		memoryPages: DefaultMemoryLimitPages,
	}
	var errs []error
	for _, o := range opts {
		if o == nil {
			errs = append(errs, errors.New("nil option"))
			continue
		}
		if err := o(&cfg); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("plugin host: %w", err)
	}
	rc := wazero.NewRuntimeConfig().
		WithCloseOnContextDone(true).
		WithMemoryLimitPages(cfg.memoryPages)
	if cfg.cache != nil {
		rc = rc.WithCompilationCache(cfg.cache)
	}
	r := wazero.NewRuntimeWithConfig(ctx, rc)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, r); err != nil {
		_ = r.Close(ctx)
		return nil, fmt.Errorf("plugin host: %w", err)
	}
	return &Host{cfg: cfg, runtime: r, ops: map[string]*operator{}}, nil
}

// Lookup returns the operator a loaded plugin provides under name (the part
// after "Plugin:"). It implements [condition.Operators].
func (h *Host) Lookup(name string) (condition.Custom, bool) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	op, ok := h.ops[name]
	if !ok {
		return nil, false
	}
	return op, true
}

// Operators lists the names of every loaded operator, "Plugin:Name", sorted.
func (h *Host) Operators() []string {
	h.mu.RLock()
	defer h.mu.RUnlock()
	out := make([]string, 0, len(h.ops))
	for n := range h.ops {
		out = append(out, "Plugin:"+n)
	}
	slices.Sort(out)
	return out
}

// Plugins lists the loaded plugins, in the order they were loaded.
func (h *Host) Plugins() []*Plugin {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return slices.Clone(h.plugins)
}

// Close stops every plugin and releases the runtime. Calls after Close fail
// with [ErrClosed].
func (h *Host) Close(ctx context.Context) error {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil
	}
	h.closed = true
	plugins := h.plugins
	h.mu.Unlock()
	for _, p := range plugins {
		p.close(ctx, false)
	}
	return h.runtime.Close(ctx)
}

// Load compiles a plugin module, checks that it follows the ABI, reads its
// operators and registers them. name labels the plugin in errors and
// explanations ("cidr"). Nothing is registered when Load fails.
func (h *Host) Load(ctx context.Context, name string, wasm []byte) (*Plugin, error) {
	if err := abi.CheckPluginName(name); err != nil {
		return nil, &Error{Kind: ErrABI, Msg: err.Error()}
	}
	h.mu.RLock()
	closed := h.closed
	h.mu.RUnlock()
	if closed {
		return nil, &Error{Plugin: name, Kind: ErrClosed, Msg: "the plugin host is closed"}
	}
	p, err := h.compile(ctx, name, wasm)
	if err != nil {
		return nil, err
	}
	if err := p.start(ctx); err != nil {
		p.close(ctx, true)
		return nil, err
	}

	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		p.close(ctx, true)
		return nil, &Error{Plugin: name, Kind: ErrClosed, Msg: "the plugin host is closed"}
	}
	for _, other := range h.plugins {
		if other.name == name {
			p.close(ctx, true)
			return nil, &Error{Plugin: name, Kind: ErrConflict, Msg: "a plugin of this name is already loaded"}
		}
	}
	for _, op := range p.ops {
		if have, ok := h.ops[op.name]; ok {
			p.close(ctx, true)
			return nil, &Error{Plugin: name, Kind: ErrConflict, Msg: fmt.Sprintf("operator Plugin:%s is already provided by plugin %q", op.name, have.p.name)}
		}
	}
	for _, op := range p.ops {
		h.ops[op.name] = op
	}
	h.plugins = append(h.plugins, p)
	return p, nil
}
