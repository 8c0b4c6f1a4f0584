package guest

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func testPlugin() *Plugin {
	return New(
		Operator{Name: "Equal", Match: func(v string, policy []string) (bool, error) {
			for _, p := range policy {
				if p == v {
					return true, nil
				}
			}
			if v == "bad" {
				return false, errors.New("bad is not a value")
			}
			if v == "panic" {
				panic("oh no")
			}
			return false, nil
		}, Validate: func(policy []string) error {
			for i, p := range policy {
				if p == "" {
					return &ValueError{Index: i, Msg: "empty"}
				}
				if p == "all" {
					return errors.New("no good")
				}
			}
			return nil
		}},
		Operator{Name: "Other", Match: func(string, []string) (bool, error) { return true, nil }},
	)
}

func TestHandleMatch(t *testing.T) {
	p := testPlugin()
	tests := []struct {
		name string
		op   int32
		in   string
		want string
	}{
		{"match", 0, `{"value":"a","policy":["b","a"]}`, `{"match":true}`},
		{"no match", 0, `{"value":"c","policy":["b","a"]}`, `{"match":false}`},
		{"an error", 0, `{"value":"bad","policy":[]}`, `{"error":"bad is not a value"}`},
		{"a panic", 0, `{"value":"panic","policy":[]}`, `{"error":"the operator panicked: oh no"}`},
		{"the second operator", 1, `{"value":"x","policy":[]}`, `{"match":true}`},
		{"no such operator", 2, `{"value":"x","policy":[]}`, `{"error":"no operator 2"}`},
		{"a negative operator", -1, `{"value":"x","policy":[]}`, `{"error":"no operator -1"}`},
		{"not JSON", 0, `nope`, `{"error":"unreadable request: invalid character 'o' in literal null (expecting 'u')"}`},
		{"no value", 0, `{"policy":[]}`, `{"error":"the request has no value"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, string(p.HandleMatch(tt.op, []byte(tt.in))))
		})
	}
}

func TestHandleValidate(t *testing.T) {
	p := testPlugin()
	tests := []struct {
		name string
		op   int32
		in   string
		want string
	}{
		{"fine", 0, `{"policy":["a"]}`, `{"ok":true}`},
		{"a refused value", 0, `{"policy":["a",""]}`, `{"error":"empty","index":1}`},
		{"refused values", 0, `{"policy":["all"]}`, `{"error":"no good"}`},
		{"no validation", 1, `{"policy":[""]}`, `{"ok":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, string(p.HandleValidate(tt.op, []byte(tt.in))))
		})
	}
}

func TestBuffers(t *testing.T) {
	p := testPlugin()
	assert.Equal(t, `["Equal","Other"]`, string(p.OperatorsJSON()))
	assert.Zero(t, p.Alloc(0))
	addr := p.Alloc(16)
	in, ok := p.input(addr, 16)
	assert.True(t, ok)
	assert.Len(t, in, 16)
	_, ok = p.input(addr, 17)
	assert.False(t, ok, "longer than the buffer")
	p.Free(addr)
	_, ok = p.input(addr, 1)
	assert.False(t, ok, "freed")
	assert.Equal(t, uint64(0x0000000700000009), Pack(7, 9))
}
