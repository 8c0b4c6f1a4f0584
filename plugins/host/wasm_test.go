package host_test

// A tiny WebAssembly encoder, enough to hand-assemble the deliberately bad
// modules that Go cannot produce: a raw unreachable instruction, answers
// that point outside memory, wrong signatures, forbidden imports.

const (
	tI32 byte = 0x7f
	tI64 byte = 0x7e
)

// fn is a function of a tiny module; exported under name when name is set.
type fn struct {
	name            string
	params, results []byte
	body            []byte // instructions, without the final end
}

// imp is an imported function.
type imp struct {
	module, name    string
	params, results []byte
}

// seg is a data segment at an address.
type seg struct {
	addr uint32
	data string
}

type tinyModule struct {
	imports  []imp
	funcs    []fn
	memPages uint32 // 0 for no memory
	noExport bool   // do not export the memory
	data     []seg
}

func uleb(v uint64) []byte {
	var out []byte
	for {
		b := byte(v & 0x7f)
		v >>= 7
		if v != 0 {
			out = append(out, b|0x80)
			continue
		}
		return append(out, b)
	}
}

func sleb(v int64) []byte {
	var out []byte
	for {
		b := byte(v & 0x7f)
		v >>= 7
		if v == 0 && b&0x40 == 0 || v == -1 && b&0x40 != 0 {
			return append(out, b)
		}
		out = append(out, b|0x80)
	}
}

func name(s string) []byte { return append(uleb(uint64(len(s))), s...) }

func vec(items ...[]byte) []byte {
	out := uleb(uint64(len(items)))
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

func section(id byte, content []byte) []byte {
	return append(append([]byte{id}, uleb(uint64(len(content)))...), content...)
}

func functype(params, results []byte) []byte {
	b := []byte{0x60}
	b = append(b, uleb(uint64(len(params)))...)
	b = append(b, params...)
	b = append(b, uleb(uint64(len(results)))...)
	return append(b, results...)
}

func (m tinyModule) encode() []byte {
	out := []byte{0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00}
	var types, imports, funcs, exports, codes, datas [][]byte
	for _, im := range m.imports {
		imports = append(imports, append(append(name(im.module), name(im.name)...), append([]byte{0x00}, uleb(uint64(len(types)))...)...))
		types = append(types, functype(im.params, im.results))
	}
	for i, f := range m.funcs {
		funcs = append(funcs, uleb(uint64(len(types))))
		types = append(types, functype(f.params, f.results))
		if f.name != "" {
			exports = append(exports, append(append(name(f.name), 0x00), uleb(uint64(len(m.imports)+i))...))
		}
		body := append([]byte{0x00}, f.body...) // no locals
		body = append(body, 0x0b)
		codes = append(codes, append(uleb(uint64(len(body))), body...))
	}
	if m.memPages > 0 && !m.noExport {
		exports = append(exports, append(name("memory"), 0x02, 0x00))
	}
	for _, d := range m.data {
		s := []byte{0x00, 0x41}
		s = append(s, sleb(int64(d.addr))...)
		s = append(s, 0x0b)
		s = append(s, name(d.data)...)
		datas = append(datas, s)
	}
	out = append(out, section(1, vec(types...))...)
	if len(imports) > 0 {
		out = append(out, section(2, vec(imports...))...)
	}
	out = append(out, section(3, vec(funcs...))...)
	if m.memPages > 0 {
		out = append(out, section(5, vec(append([]byte{0x00}, uleb(uint64(m.memPages))...)))...)
	}
	out = append(out, section(7, vec(exports...))...)
	out = append(out, section(10, vec(codes...))...)
	if len(datas) > 0 {
		out = append(out, section(11, vec(datas...))...)
	}
	return out
}

// Instructions.
func i32(v int32) []byte { return append([]byte{0x41}, sleb(int64(v))...) }
func i64(v int64) []byte { return append([]byte{0x42}, sleb(v)...) }

var (
	unreachable = []byte{0x00}
	spin        = []byte{0x03, 0x40, 0x0c, 0x00, 0x0b} // loop br 0 end
	// grow grows memory by 16 pages until it cannot, then traps.
	grow = []byte{0x03, 0x40, 0x41, 0x10, 0x40, 0x00, 0x41, 0x7f, 0x47, 0x0d, 0x00, 0x0b, 0x00} // loop (i32.ne (memory.grow 16) -1) br_if 0 end unreachable
)

// packed returns the i64.const of an answer at addr of size bytes.
func packed(addr, size uint32) []byte { return i64(int64(uint64(addr)<<32 | uint64(size))) }

// Addresses in a tiny module: the host's input, the operator list and the
// answer.
const (
	inputAddr  = 1024
	namesAddr  = 8192
	answerAddr = 16384
)

// tiny returns a well-formed ABI v1 module with one operator, Tiny, that
// answers {"match":true}; change adjusts it before it is encoded.
func tiny(change func(m *tinyModule)) []byte {
	names, answer := `["Tiny"]`, `{"match":true}`
	m := tinyModule{
		memPages: 1,
		funcs: []fn{
			{name: "iamlab_abi_version", results: []byte{tI32}, body: i32(1)},
			{name: "iamlab_alloc", params: []byte{tI32}, results: []byte{tI32}, body: i32(inputAddr)},
			{name: "iamlab_free", params: []byte{tI32}},
			{name: "iamlab_operators", results: []byte{tI64}, body: packed(namesAddr, uint32(len(names)))},
			{name: "iamlab_match", params: []byte{tI32, tI32, tI32}, results: []byte{tI64}, body: packed(answerAddr, uint32(len(answer)))},
		},
		data: []seg{{namesAddr, names}, {answerAddr, answer}},
	}
	if change != nil {
		change(&m)
	}
	return m.encode()
}

// setFunc replaces the body (and signature) of an export, or adds it.
func (m *tinyModule) setFunc(f fn) {
	for i := range m.funcs {
		if m.funcs[i].name == f.name {
			m.funcs[i] = f
			return
		}
	}
	m.funcs = append(m.funcs, f)
}

// removeFunc removes an export.
func (m *tinyModule) removeFunc(name string) {
	for i := range m.funcs {
		if m.funcs[i].name == name {
			m.funcs = append(m.funcs[:i], m.funcs[i+1:]...)
			return
		}
	}
}

// answering returns a change that makes iamlab_match answer text.
func answering(text string) func(*tinyModule) {
	return func(m *tinyModule) {
		m.data = append(m.data, seg{answerAddr + 1024, text})
		m.setFunc(fn{name: "iamlab_match", params: []byte{tI32, tI32, tI32}, results: []byte{tI64}, body: packed(answerAddr+1024, uint32(len(text)))})
	}
}

// declaring returns a change that makes iamlab_operators answer text.
func declaring(text string) func(*tinyModule) {
	return func(m *tinyModule) {
		m.data = append(m.data, seg{namesAddr + 2048, text})
		m.setFunc(fn{name: "iamlab_operators", results: []byte{tI64}, body: packed(namesAddr+2048, uint32(len(text)))})
	}
}

func matchBody(body []byte) func(*tinyModule) {
	return func(m *tinyModule) {
		m.setFunc(fn{name: "iamlab_match", params: []byte{tI32, tI32, tI32}, results: []byte{tI64}, body: body})
	}
}
