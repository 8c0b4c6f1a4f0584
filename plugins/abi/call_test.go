package abi

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// answering is a Call whose module answers a, after checking the request.
func answering(t *testing.T, wantFn, wantReq, a string) Call {
	return func(fn string, req []byte) ([]byte, error) {
		assert.Equal(t, wantFn, fn)
		assert.Equal(t, wantReq, string(req))
		return []byte(a), nil
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name   string
		answer string
		want   bool
		kind   error // nil when it succeeds
		msg    string
	}{
		{"a match", `{"match":true}`, true, nil, ""},
		{"no match", `{"match":false}`, false, nil, ""},
		{"its own error", `{"error":"not a range"}`, false, ErrReported, `plugin "cidr": not a range`},
		{"a malformed answer", `{"ok":true}`, false, ErrAnswer, `plugin "cidr": iamlab_match: malformed answer: unexpected member "ok"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Match("cidr", answering(t, ExportMatch, `{"value":"10.0.0.1","policy":["10.0.0.0/8"]}`, tt.answer), "10.0.0.1", []string{"10.0.0.0/8"})
			if tt.kind != nil {
				assert.ErrorIs(t, err, tt.kind)
				assert.EqualError(t, err, tt.msg)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		answer string
		kind   error // nil when the values are valid
		index  int   // with a *ValueError
	}{
		{"valid", `{"ok":true}`, nil, -1},
		{"a refused value", `{"error":"bad","index":1}`, ErrReported, 1},
		{"refused values", `{"error":"bad"}`, ErrReported, -1},
		{"an index past the values", `{"error":"bad","index":2}`, ErrReported, -1},
		{"a malformed answer", `{"match":true}`, ErrAnswer, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate("cidr", answering(t, ExportValidate, `{"policy":["a","b"]}`, tt.answer), []string{"a", "b"})
			if tt.kind == nil {
				require.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.kind)
			var ve *ValueError
			if tt.index >= 0 {
				require.ErrorAs(t, err, &ve)
				assert.Equal(t, tt.index, ve.ValueIndex())
			} else {
				assert.False(t, errors.As(err, &ve))
			}
		})
	}
}

func TestCallFailureIsTheHosts(t *testing.T) {
	trap := &Error{Plugin: "cidr", Kind: ErrTrap, Msg: "iamlab_match trapped"}
	_, err := Match("cidr", func(string, []byte) ([]byte, error) { return nil, trap }, "x", nil)
	assert.Same(t, trap, err)
}

func TestCheckPluginName(t *testing.T) {
	for _, ok := range []string{"cidr", "my-plugin_2.wasm"} {
		assert.NoError(t, CheckPluginName(ok), ok)
	}
	assert.ErrorContains(t, CheckPluginName(""), "want 1 to 64 characters")
	assert.ErrorContains(t, CheckPluginName("a b"), `plugin name "a b": want letters, digits`)
}

func TestStderrNote(t *testing.T) {
	assert.Equal(t, "", StderrNote(" \n"))
	assert.Equal(t, ` (it said "panic: boom")`, StderrNote("panic: boom\n\ngoroutine 1 [running]:\n"))
}
