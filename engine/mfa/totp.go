package mfa

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"fmt"
	"hash"
	"strconv"
	"time"
)

// Hash is the HMAC hash function of a TOTP key. The zero value is [SHA1],
// which is what AWS virtual MFA devices use.
type Hash int

// The hash functions of RFC 6238 §1.2.
const (
	SHA1 Hash = iota
	SHA256
	SHA512
)

// String returns "SHA1", "SHA256" or "SHA512", the spelling of the key URI's
// algorithm parameter.
func (h Hash) String() string {
	switch h {
	case SHA1:
		return "SHA1"
	case SHA256:
		return "SHA256"
	case SHA512:
		return "SHA512"
	}
	return "Hash(" + strconv.Itoa(int(h)) + ")"
}

// MarshalText returns the String form; it fails for an unknown Hash.
func (h Hash) MarshalText() ([]byte, error) {
	if !h.valid() {
		return nil, newError(ErrInvalidInput, "unknown hash "+h.String())
	}
	return []byte(h.String()), nil
}

// UnmarshalText reads "SHA1", "SHA256" or "SHA512", in any case.
func (h *Hash) UnmarshalText(text []byte) error {
	v, ok := parseHash(string(text))
	if !ok {
		return newError(ErrInvalidInput, fmt.Sprintf("unknown hash %q: want SHA1, SHA256 or SHA512", text))
	}
	*h = v
	return nil
}

func parseHash(s string) (Hash, bool) {
	for _, h := range []Hash{SHA1, SHA256, SHA512} {
		if len(s) == len(h.String()) && equalFoldASCII(s, h.String()) {
			return h, true
		}
	}
	return 0, false
}

func (h Hash) valid() bool { return h == SHA1 || h == SHA256 || h == SHA512 }

func (h Hash) new() func() hash.Hash {
	switch h {
	case SHA256:
		return sha256.New
	case SHA512:
		return sha512.New
	}
	return sha1.New
}

// The limits and defaults of [Params].
const (
	// DefaultDigits is the code length AWS uses: six digits.
	DefaultDigits = 6
	// DefaultStep is the time step X of RFC 6238: 30 seconds.
	DefaultStep = 30 * time.Second
	// MinDigits and MaxDigits bound Params.Digits. RFC 4226 §5.3 asks for at
	// least six digits; the truncated value has 31 bits, so more than ten
	// digits would only add leading zeros.
	MinDigits = 6
	MaxDigits = 10
)

// Params are the parameters of a TOTP key. A zero field takes the default,
// so Params{} is what AWS uses: HMAC-SHA-1, six digits, a 30-second step,
// counted from the Unix epoch (T0 = 0).
type Params struct {
	// Digits is the code length, 6 to 10. Zero means 6.
	Digits int
	// Step is the time step X, a whole number of seconds. Zero means 30 s.
	Step time.Duration
	// Hash is the HMAC hash function. The zero value is SHA1.
	Hash Hash
}

// resolve fills in the defaults and checks the result.
func (p Params) resolve() (Params, error) {
	if p.Digits == 0 {
		p.Digits = DefaultDigits
	}
	if p.Step == 0 {
		p.Step = DefaultStep
	}
	switch {
	case p.Digits < MinDigits || p.Digits > MaxDigits:
		return p, newError(ErrInvalidInput, fmt.Sprintf("TOTP digits must be %d to %d, not %d", MinDigits, MaxDigits, p.Digits))
	case p.Step < time.Second || p.Step%time.Second != 0:
		return p, newError(ErrInvalidInput, fmt.Sprintf("TOTP step must be a positive whole number of seconds, not %v", p.Step))
	case !p.Hash.valid():
		return p, newError(ErrInvalidInput, "unknown TOTP hash "+p.Hash.String())
	}
	return p, nil
}

// step returns the time-step counter T = floor((t - T0) / X) of RFC 6238
// §4.2, or ok == false for a time before the Unix epoch.
func (p Params) step(t time.Time) (int64, bool) {
	unix := t.Unix()
	if unix < 0 {
		return 0, false
	}
	return unix / int64(p.Step/time.Second), true
}

// Generate returns the TOTP code (RFC 6238) of secret at time t, with the
// given parameters. It fails for an empty secret, for parameters that
// [Params] does not allow, and for a time before the Unix epoch.
func Generate(secret []byte, t time.Time, p Params) (string, error) {
	p, err := p.resolve()
	if err != nil {
		return "", err
	}
	if len(secret) == 0 {
		return "", newError(ErrInvalidInput, "TOTP secret is empty")
	}
	n, ok := p.step(t)
	if !ok {
		return "", newError(ErrInvalidInput, "TOTP time "+t.UTC().Format(time.RFC3339)+" is before the Unix epoch")
	}
	return hotp(secret, uint64(n), p), nil
}

// Code returns the six-digit HMAC-SHA-1 code of secret at time t, with a
// 30-second step: what an authenticator app shows for an AWS virtual MFA
// device. It is Generate with Params{}, and returns "" where Generate fails
// (an empty secret, or a time before 1970).
func Code(secret []byte, t time.Time) string {
	c, err := Generate(secret, t, Params{})
	if err != nil {
		return ""
	}
	return c
}

// hotp is HOTP(K, C) of RFC 4226 §5.3 with the hash and length of p, which
// must be resolved.
func hotp(secret []byte, counter uint64, p Params) string {
	mac := hmac.New(p.Hash.new(), secret)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := int(sum[len(sum)-1] & 0x0f)
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	mod := uint64(1)
	for range p.Digits {
		mod *= 10
	}
	s := strconv.FormatUint(uint64(bin)%mod, 10)
	for len(s) < p.Digits {
		s = "0" + s
	}
	return s
}

// equalFoldASCII compares two strings of equal length, ignoring ASCII case.
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
