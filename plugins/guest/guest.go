package guest

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"unsafe"
)

// ABIVersion is the version of the plugin ABI this package speaks.
const ABIVersion = 1

// Operator is one condition operator a plugin provides.
type Operator struct {
	// Name is the operator's name in the Plugin namespace: "CidrOverlaps"
	// for Plugin:CidrOverlaps.
	Name string
	// Match reports whether one request value satisfies the operator
	// against the policy's values. An error means it cannot decide; the
	// request is then denied.
	Match func(value string, policy []string) (bool, error)
	// Validate, when set, checks the policy's values when a policy is
	// parsed. A *ValueError names the bad value.
	Validate func(policy []string) error
}

// ValueError is a policy value an operator refuses, by its index.
type ValueError struct {
	Index int
	Msg   string
}

func (e *ValueError) Error() string { return e.Msg }

// Plugin serves the ABI for a set of operators.
type Plugin struct {
	ops   []Operator
	names []byte            // the JSON array of names
	bufs  map[uint32][]byte // buffers handed out by Alloc, by address
	out   []byte            // the last answer, kept until the next call
}

// New returns a Plugin serving the operators, in order: the operator index
// of iamlab_match and iamlab_validate is an index into them.
func New(ops ...Operator) *Plugin {
	names := make([]string, len(ops))
	for i, o := range ops {
		names[i] = o.Name
	}
	b, _ := json.Marshal(names) // a []string always marshals
	return &Plugin{ops: ops, names: b, bufs: map[uint32][]byte{}}
}

// request is the JSON a host passes to iamlab_match and iamlab_validate.
type request struct {
	Value  *string  `json:"value"`
	Policy []string `json:"policy"`
}

// answer is the JSON a plugin gives back, when it is not one of the two
// constant answers below.
type answer struct {
	OK    bool    `json:"ok,omitempty"`
	Error *string `json:"error,omitempty"`
	Index *int    `json:"index,omitempty"`
}

// HandleMatch answers an iamlab_match request for operator op.
func (p *Plugin) HandleMatch(op int32, in []byte) []byte {
	o, req, errAnswer := p.decode(op, in)
	if errAnswer != nil {
		return errAnswer
	}
	if req.Value == nil {
		return errorAnswer("the request has no value")
	}
	hit, err := safeMatch(o.Match, *req.Value, req.Policy)
	switch {
	case err != nil:
		return errorAnswer(err.Error())
	case hit:
		return matched
	}
	return notMatched
}

// HandleValidate answers an iamlab_validate request for operator op.
func (p *Plugin) HandleValidate(op int32, in []byte) []byte {
	o, req, errAnswer := p.decode(op, in)
	if errAnswer != nil {
		return errAnswer
	}
	if o.Validate == nil {
		return encode(answer{OK: true})
	}
	if err := safeValidate(o.Validate, req.Policy); err != nil {
		a := answer{Error: ptr(nonEmpty(err.Error()))}
		if ve := (*ValueError)(nil); errors.As(err, &ve) && ve.Index >= 0 && ve.Index < len(req.Policy) {
			a.Index = &ve.Index
		}
		return encode(a)
	}
	return encode(answer{OK: true})
}

func (p *Plugin) decode(op int32, in []byte) (Operator, request, []byte) {
	if op < 0 || int(op) >= len(p.ops) {
		return Operator{}, request{}, errorAnswer("no operator " + strconv.Itoa(int(op)))
	}
	req, err := decodeRequest(in)
	if err != nil {
		return Operator{}, request{}, errorAnswer("unreadable request: " + err.Error())
	}
	return p.ops[op], req, nil
}

func safeMatch(f func(string, []string) (bool, error), v string, policy []string) (hit bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			hit, err = false, fmt.Errorf("the operator panicked: %v", r)
		}
	}()
	return f(v, policy)
}

func safeValidate(f func([]string) error, policy []string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the operator panicked: %v", r)
		}
	}()
	return f(policy)
}

// The two answers of most calls, encoded once.
var (
	matched    = []byte(`{"match":true}`)
	notMatched = []byte(`{"match":false}`)
)

func errorAnswer(msg string) []byte { return encode(answer{Error: ptr(nonEmpty(msg))}) }

func nonEmpty(s string) string {
	if s == "" {
		return "unspecified error"
	}
	return s
}

func ptr[T any](v T) *T { return &v }

func encode(a answer) []byte {
	b, _ := json.Marshal(a) // the answer struct always marshals
	return b
}

// OperatorsJSON is the JSON array of the operators' names.
func (p *Plugin) OperatorsJSON() []byte { return p.names }

// The functions below are the ABI's memory plumbing. Addresses are offsets
// in the module's linear memory, which is 32-bit.

// Alloc returns the address of size bytes the host may write, kept alive
// until Free. It returns 0 when size is 0.
func (p *Plugin) Alloc(size uint32) uint32 {
	if size == 0 {
		return 0
	}
	b := make([]byte, size)
	addr := address(b)
	p.bufs[addr] = b
	return addr
}

// Free releases a buffer from Alloc; other addresses are ignored.
func (p *Plugin) Free(addr uint32) { delete(p.bufs, addr) }

// Operators implements iamlab_operators: the packed address and length of
// the JSON array of names.
func (p *Plugin) Operators() uint64 { return p.Answer(p.names) }

// Match implements iamlab_match for the request the host wrote at addr.
func (p *Plugin) Match(op int32, addr, size uint32) uint64 {
	in, ok := p.input(addr, size)
	if !ok {
		return p.Answer(errorAnswer("the request is not in a buffer from iamlab_alloc"))
	}
	return p.Answer(p.HandleMatch(op, in))
}

// Validate implements iamlab_validate for the request the host wrote at
// addr.
func (p *Plugin) Validate(op int32, addr, size uint32) uint64 {
	in, ok := p.input(addr, size)
	if !ok {
		return p.Answer(errorAnswer("the request is not in a buffer from iamlab_alloc"))
	}
	return p.Answer(p.HandleValidate(op, in))
}

func (p *Plugin) input(addr, size uint32) ([]byte, bool) {
	b, ok := p.bufs[addr]
	if !ok || uint64(size) > uint64(len(b)) {
		return nil, false
	}
	return b[:size], true
}

// Answer keeps b as the answer of the current call, until the next one, and
// returns its packed address and length: what an export returns. Plugins
// that write an export by hand use it.
func (p *Plugin) Answer(b []byte) uint64 {
	p.out = b
	if len(b) == 0 {
		return 0
	}
	return Pack(address(b), uint32(len(b)))
}

// Pack packs an address and a length as the ABI returns them:
// address<<32 | length.
func Pack(addr, size uint32) uint64 { return uint64(addr)<<32 | uint64(size) }

// address is the linear-memory address of b's first byte. Inside
// WebAssembly memory is 32-bit and the conversion is exact.
func address(b []byte) uint32 { return uint32(uintptr(unsafe.Pointer(unsafe.SliceData(b)))) }
