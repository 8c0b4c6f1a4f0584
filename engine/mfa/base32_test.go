package mfa

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBase32RFC4648 checks the Base32 test vectors of RFC 4648 §10, without
// padding as AWS writes seeds, and read back with and without it.
func TestBase32RFC4648(t *testing.T) {
	tests := []struct{ in, padded string }{
		{"f", "MY======"},
		{"fo", "MZXQ===="},
		{"foo", "MZXW6==="},
		{"foob", "MZXW6YQ="},
		{"fooba", "MZXW6YTB"},
		{"foobar", "MZXW6YTBOI======"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			bare := strings.TrimRight(tt.padded, "=")
			assert.Equal(t, bare, EncodeBase32([]byte(tt.in)))
			for _, s := range []string{bare, tt.padded, strings.ToLower(bare)} {
				got, err := DecodeBase32(s)
				require.NoError(t, err, s)
				assert.Equal(t, tt.in, string(got), s)
			}
		})
	}
	assert.Empty(t, EncodeBase32(nil))
}

// TestDecodeBase32Lenient checks the forms people type a seed in, which the
// IAM user guide (id_credentials_mfa_enable_virtual.md, "Show secret key")
// has them type by hand: either case, spaces between groups.
func TestDecodeBase32Lenient(t *testing.T) {
	want := []byte("12345678901234567890")
	canon := EncodeBase32(want)
	require.Equal(t, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", canon)
	tests := []struct{ name, in string }{
		{"canonical", canon},
		{"lower case", strings.ToLower(canon)},
		{"mixed case", "gEzDgNbVgY3TqOjQgEzDgNbVgY3TqOjQ"},
		{"groups of four", "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"},
		{"leading and trailing spaces", "  " + canon + " "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeBase32(tt.in)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
}

// TestDecodeBase32Errors checks that strings that are not RFC 4648 Base32 are
// refused with InvalidInput and a message naming the problem.
func TestDecodeBase32Errors(t *testing.T) {
	tests := []struct{ name, in, msg string }{
		{"empty", "", "empty"},
		{"only spaces", "   ", "empty"},
		{"only padding", "====", "empty"},
		{"digit 1 is not in the alphabet", "MZXW1YQ", `"1" at offset 4`},
		{"digit 0", "0ZXW6YQ", `"0" at offset 0`},
		{"tab", "MZXW\t6YQ", "byte 0x09 at offset 4"},
		{"non-ASCII", "MZXWé", "byte 0xc3 at offset 4"},
		{"impossible length 1", "M", "1 characters"},
		{"impossible length 3", "MZX", "3 characters"},
		{"impossible length 6", "MZXW6Y", "6 characters"},
		{"padding in the middle", "MY==MZXQ", "padding before its end"},
		{"too little padding", "MY=", "padding"},
		{"too much padding", "MZXW6YTB========", "padding"},
		{"unused bits set", "MZ", "unused bits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeBase32(tt.in)
			require.Error(t, err)
			assert.Nil(t, got)
			assert.True(t, errors.Is(err, ErrInvalidInput))
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

// TestNewSecret checks the seed size chosen to match AWS's 64-character
// seeds (40 bytes), and that the random source is the only input.
func TestNewSecret(t *testing.T) {
	t.Run("reads SecretSize bytes", func(t *testing.T) {
		src := bytes.NewReader(bytes.Repeat([]byte{0xA5}, 100))
		s, err := NewSecret(src)
		require.NoError(t, err)
		assert.Len(t, s, SecretSize)
		assert.Len(t, EncodeBase32(s), 64)
		assert.Equal(t, 100-SecretSize, src.Len())
	})
	t.Run("short source", func(t *testing.T) {
		s, err := NewSecret(bytes.NewReader(make([]byte, SecretSize-1)))
		assert.Nil(t, s)
		assert.ErrorIs(t, err, ErrServiceFailure)
	})
	t.Run("nil source", func(t *testing.T) {
		_, err := NewSecret(nil)
		assert.ErrorIs(t, err, ErrServiceFailure)
	})
}

// FuzzDecodeBase32 checks that DecodeBase32 never panics, that what it
// accepts re-encodes to the input's canonical spelling, and that encoding
// then decoding gives back any byte string (RFC 4648 §6).
func FuzzDecodeBase32(f *testing.F) {
	for _, s := range []string{"", "MY", "MZXW6YTBOI======", "gezd gnbv", "MZ", "MY=", "0", "==", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := DecodeBase32(s)
		if err == nil {
			require.NotEmpty(t, out)
			norm := strings.TrimRight(strings.ToUpper(strings.ReplaceAll(s, " ", "")), "=")
			require.Equal(t, norm, EncodeBase32(out))
		} else {
			var e *Error
			require.True(t, errors.As(err, &e))
			require.Equal(t, ErrInvalidInput, e.Code)
		}
		if s != "" {
			back, err := DecodeBase32(EncodeBase32([]byte(s)))
			require.NoError(t, err)
			require.Equal(t, []byte(s), back)
		}
	})
}
