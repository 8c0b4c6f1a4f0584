package jsplugin

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/iamlab/iamlab/plugins/abi"
)

// Module is what [Inspect] learned of a module.
type Module struct {
	Validate   bool   // it exports iamlab_validate
	Initialize bool   // it exports _initialize
	MinPages   uint32 // the memory it starts with, in 64 KiB pages
	MaxPages   uint32 // the memory it may grow to: its own maximum or the limit, whichever is smaller
}

// signature is a function type of the module.
type signature struct{ params, results []abi.ValueType }

// Inspect reads a plugin module's imports, exports and memory, refuses
// what ABI v1 does not allow, and returns the module with its memory's
// maximum set to at most limitPages, so that the browser enforces the
// limit. It never panics on any input; every error wraps [abi.ErrABI].
func Inspect(wasm []byte, limitPages uint32) (Module, []byte, error) {
	m, patched, err := inspect(wasm, limitPages)
	if err != nil {
		return Module{}, nil, fmt.Errorf("%w: %v", abi.ErrABI, err)
	}
	return m, patched, nil
}

// section is one section of a module: its id, and where its content is.
type section struct {
	id         byte
	start, end int // the whole section, header included
	content    []byte
}

func inspect(wasm []byte, limitPages uint32) (Module, []byte, error) {
	if len(wasm) < 8 || !bytes.Equal(wasm[:4], []byte("\x00asm")) {
		return Module{}, nil, errors.New("not a WebAssembly module (no \\0asm header)")
	}
	if !bytes.Equal(wasm[4:8], []byte{1, 0, 0, 0}) {
		return Module{}, nil, errors.New("not a WebAssembly core module of version 1")
	}
	var sections []section
	r := &reader{b: wasm, pos: 8}
	for r.pos < len(wasm) {
		start := r.pos
		id := r.byte()
		size := r.u32()
		content := r.bytes(int(size))
		if r.err != nil {
			return Module{}, nil, fmt.Errorf("section at byte %d: %v", start, r.err)
		}
		sections = append(sections, section{id, start, r.pos, content})
	}

	var types []signature
	var funcTypes []uint32 // the type of every function, imported ones first
	var memories []section
	var memLimits [][2]uint64 // min, max (max = 1<<32 when none)
	exports := map[string][2]uint32{}
	for _, s := range sections {
		r := &reader{b: s.content}
		switch s.id {
		case 1: // types
			for range r.count() {
				if r.byte() != 0x60 {
					r.fail("a type that is not a function type")
				}
				var sig signature
				for range r.count() {
					sig.params = append(sig.params, r.byte())
				}
				for range r.count() {
					sig.results = append(sig.results, r.byte())
				}
				types = append(types, sig)
			}
		case 2: // imports
			for range r.count() {
				mod, name, kind := r.name(), r.name(), r.byte()
				if r.err != nil {
					break
				}
				what := map[byte]string{1: "a table", 2: "a memory", 3: "a global", 4: "a tag"}[kind]
				switch {
				case kind != 0 && what == "":
					r.fail("an import of unknown kind")
				case kind != 0:
					return Module{}, nil, fmt.Errorf("it imports %s (%s.%s): a plugin defines its own memory and imports only WASI functions", what, strconv.Quote(mod), strconv.Quote(name))
				case !abi.Allowed(mod, name):
					return Module{}, nil, fmt.Errorf("it imports %s.%s, which the sandbox does not give (allowed: the WASI functions listed in plugins/README.md)", mod, name)
				}
				funcTypes = append(funcTypes, r.u32())
			}
		case 3: // functions
			for range r.count() {
				funcTypes = append(funcTypes, r.u32())
			}
		case 5: // memories
			memories = append(memories, s)
			for range r.count() {
				flags := r.byte()
				if flags&^1 != 0 {
					r.fail("a shared or 64-bit memory")
				}
				lim := [2]uint64{uint64(r.u32()), 1 << 32}
				if flags&1 != 0 {
					lim[1] = uint64(r.u32())
				}
				memLimits = append(memLimits, lim)
			}
		case 7: // exports
			for range r.count() {
				name, kind, index := r.name(), r.byte(), r.u32()
				if _, twice := exports[name]; twice && r.err == nil {
					r.fail("export " + strconv.Quote(name) + " appears twice")
				}
				exports[name] = [2]uint32{uint32(kind), index}
			}
		}
		if r.err != nil {
			return Module{}, nil, fmt.Errorf("section %d: %v", s.id, r.err)
		}
	}

	if _, ok := exports[abi.ExportStart]; ok {
		return Module{}, nil, errors.New("it exports _start: a plugin is a reactor (go build -buildmode=c-shared), not a command")
	}
	if e, ok := exports[abi.ExportMemory]; !ok || e[0] != 2 {
		return Module{}, nil, errors.New(`it does not export its memory as "memory"`)
	}
	if len(memLimits) != 1 || len(memories) != 1 {
		return Module{}, nil, fmt.Errorf("it defines %d memories: want exactly one", len(memLimits))
	}
	var m Module
	for _, want := range abi.Exports() {
		e, ok := exports[want.Name]
		if !ok {
			if want.Optional {
				continue
			}
			return Module{}, nil, fmt.Errorf("it does not export %s", want.Name)
		}
		if e[0] != 0 || int(e[1]) >= len(funcTypes) || int(funcTypes[e[1]]) >= len(types) {
			return Module{}, nil, fmt.Errorf("its export %s is not a function", want.Name)
		}
		if got := types[funcTypes[e[1]]]; !slices.Equal(got.params, want.Params) || !slices.Equal(got.results, want.Results) {
			return Module{}, nil, fmt.Errorf("its export %s has the signature %s: want %s", want.Name, abi.FormatSignature(got.params, got.results), abi.FormatSignature(want.Params, want.Results))
		}
		switch want.Name {
		case abi.ExportValidate:
			m.Validate = true
		case abi.ExportInitialize:
			m.Initialize = true
		}
	}

	lim := memLimits[0]
	if lim[0] > uint64(limitPages) {
		return Module{}, nil, fmt.Errorf("its memory starts at %d pages of 64 KiB, over the limit of %d", lim[0], limitPages)
	}
	m.MinPages, m.MaxPages = uint32(lim[0]), uint32(min(lim[1], uint64(limitPages)))
	content := appendU32(nil, 1)
	content = append(content, 1)
	content = appendU32(appendU32(content, m.MinPages), m.MaxPages)
	mem := memories[0]
	out := make([]byte, 0, len(wasm)+8)
	out = append(out, wasm[:mem.start]...)
	out = append(out, 5)
	out = appendU32(out, uint32(len(content)))
	out = append(out, content...)
	out = append(out, wasm[mem.end:]...)
	return m, out, nil
}

// reader reads a module's encoding; its first error sticks, and every read
// after it returns zero.
type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) fail(msg string) {
	if r.err == nil {
		r.err = errors.New(msg)
	}
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if r.pos >= len(r.b) {
		r.fail("unexpected end")
		return 0
	}
	c := r.b[r.pos]
	r.pos++
	return c
}

// u32 reads an unsigned LEB128 number of at most 32 bits.
func (r *reader) u32() uint32 {
	var v uint64
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			if v > 1<<32-1 {
				r.fail("a number over 32 bits")
				return 0
			}
			return uint32(v)
		}
	}
	r.fail("a number over 32 bits")
	return 0
}

// count reads a vector's length, bounded by what is left to read (each
// element takes at least one byte).
func (r *reader) count() int {
	n := r.u32()
	if r.err == nil && int(n) > len(r.b)-r.pos {
		r.fail("a count past the end")
		return 0
	}
	return int(n)
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b)-r.pos {
		r.fail("unexpected end")
		return nil
	}
	b := r.b[r.pos : r.pos+n]
	r.pos += n
	return b
}

func (r *reader) name() string { return string(r.bytes(r.count())) }

func appendU32(b []byte, v uint32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
