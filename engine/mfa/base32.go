package mfa

import (
	"encoding/base32"
	"fmt"
	"io"
	"strings"
)

// SecretSize is the length in bytes of the secrets [NewSecret] makes: 40
// bytes (320 bits), which Base32 spells in 64 characters without padding.
// That is the length of the seeds AWS hands out for virtual MFA devices
// (their "secret configuration key" is 64 Base32 characters), and twice the
// 160 bits RFC 4226 §4 recommends.
const SecretSize = 40

// NewSecret reads [SecretSize] bytes from rand and returns them. Pass
// crypto/rand.Reader in production and a fixed reader in tests.
func NewSecret(rand io.Reader) ([]byte, error) {
	if rand == nil {
		return nil, newError(ErrServiceFailure, "no random source")
	}
	b := make([]byte, SecretSize)
	if _, err := io.ReadFull(rand, b); err != nil {
		return nil, &Error{Code: ErrServiceFailure, Message: "reading the random source: " + err.Error(), Err: err}
	}
	return b, nil
}

// b32 is the RFC 4648 Base32 encoding without padding. It is a function, not
// a package variable, so the package holds no mutable state.
func b32() *base32.Encoding { return base32.StdEncoding.WithPadding(base32.NoPadding) }

// EncodeBase32 returns secret in the Base32 alphabet of RFC 4648 §6,
// upper case, without padding: the form of Base32StringSeed and of the
// key URI's secret parameter.
func EncodeBase32(secret []byte) string {
	return b32().EncodeToString(secret)
}

// DecodeBase32 reads a Base32 secret as people type it: letters in either
// case, spaces anywhere, "=" padding at the end or none. The result must be
// canonical: unused bits in the last character must be zero, so that every
// secret has one spelling. An empty secret is an error.
func DecodeBase32(s string) ([]byte, error) {
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			continue
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case 'A' <= c && c <= 'Z', '2' <= c && c <= '7', c == '=':
		default:
			return nil, newError(ErrInvalidInput, fmt.Sprintf("Base32 seed has %s at offset %d; the alphabet is A-Z and 2-7", describeByte(s, i), i))
		}
		sb.WriteByte(c)
	}
	norm := sb.String()
	pad := len(norm) - len(strings.TrimRight(norm, "="))
	norm = norm[:len(norm)-pad]
	if strings.IndexByte(norm, '=') >= 0 {
		return nil, newError(ErrInvalidInput, "Base32 seed has \"=\" padding before its end")
	}
	if norm == "" {
		return nil, newError(ErrInvalidInput, "Base32 seed is empty")
	}
	switch len(norm) % 8 {
	case 1, 3, 6:
		return nil, newError(ErrInvalidInput, fmt.Sprintf("Base32 seed has %d characters; no byte string has that length in Base32", len(norm)))
	}
	if want := (8 - len(norm)%8) % 8; pad != 0 && pad != want {
		return nil, newError(ErrInvalidInput, fmt.Sprintf("Base32 seed has %d characters of \"=\" padding where %d are needed", pad, want))
	}
	out, err := b32().DecodeString(norm)
	if err != nil {
		return nil, &Error{Code: ErrInvalidInput, Message: "Base32 seed does not decode: " + err.Error(), Err: err}
	}
	if b32().EncodeToString(out) != norm {
		return nil, newError(ErrInvalidInput, "Base32 seed's last character has unused bits set; it is not the canonical spelling of any secret")
	}
	return out, nil
}

// describeByte names the byte at s[i] for an error message: the character if
// it is printable ASCII, else its hex value.
func describeByte(s string, i int) string {
	c := s[i]
	if c > ' ' && c < 0x7f {
		return fmt.Sprintf("%q", string(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}
