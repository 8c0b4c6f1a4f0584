package mfa

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The seeds of RFC 6238 Appendix B: the ASCII digits "1234567890" repeated to
// the hash's output length (20, 32 and 64 bytes).
var rfcSeeds = map[Hash][]byte{
	SHA1:   []byte("12345678901234567890"),
	SHA256: []byte("12345678901234567890123456789012"),
	SHA512: []byte("1234567890123456789012345678901234567890123456789012345678901234"),
}

// TestGenerateRFC6238 checks every row of the test-vector table in RFC 6238
// Appendix B: eight digits, X = 30, T0 = 0, all three hashes.
func TestGenerateRFC6238(t *testing.T) {
	tests := []struct {
		unix int64
		utc  string // the table's "Date Time" column
		step string // the table's "Value of T (hex)" column
		hash Hash
		totp string
	}{
		{59, "1970-01-01 00:00:59", "0000000000000001", SHA1, "94287082"},
		{59, "1970-01-01 00:00:59", "0000000000000001", SHA256, "46119246"},
		{59, "1970-01-01 00:00:59", "0000000000000001", SHA512, "90693936"},
		{1111111109, "2005-03-18 01:58:29", "00000000023523EC", SHA1, "07081804"},
		{1111111109, "2005-03-18 01:58:29", "00000000023523EC", SHA256, "68084774"},
		{1111111109, "2005-03-18 01:58:29", "00000000023523EC", SHA512, "25091201"},
		{1111111111, "2005-03-18 01:58:31", "00000000023523ED", SHA1, "14050471"},
		{1111111111, "2005-03-18 01:58:31", "00000000023523ED", SHA256, "67062674"},
		{1111111111, "2005-03-18 01:58:31", "00000000023523ED", SHA512, "99943326"},
		{1234567890, "2009-02-13 23:31:30", "000000000273EF07", SHA1, "89005924"},
		{1234567890, "2009-02-13 23:31:30", "000000000273EF07", SHA256, "91819424"},
		{1234567890, "2009-02-13 23:31:30", "000000000273EF07", SHA512, "93441116"},
		{2000000000, "2033-05-18 03:33:20", "0000000003F940AA", SHA1, "69279037"},
		{2000000000, "2033-05-18 03:33:20", "0000000003F940AA", SHA256, "90698825"},
		{2000000000, "2033-05-18 03:33:20", "0000000003F940AA", SHA512, "38618901"},
		{20000000000, "2603-10-11 11:33:20", "0000000027BC86AA", SHA1, "65353130"},
		{20000000000, "2603-10-11 11:33:20", "0000000027BC86AA", SHA256, "77737706"},
		{20000000000, "2603-10-11 11:33:20", "0000000027BC86AA", SHA512, "47863826"},
	}
	for _, tt := range tests {
		t.Run(tt.utc+"/"+tt.hash.String(), func(t *testing.T) {
			at := time.Unix(tt.unix, 0).UTC()
			assert.Equal(t, tt.utc, at.Format(time.DateTime))

			p, err := Params{Digits: 8, Hash: tt.hash}.resolve()
			require.NoError(t, err)
			n, ok := p.step(at)
			require.True(t, ok)
			assert.Equal(t, tt.step, fmtHex16(n))

			got, err := Generate(rfcSeeds[tt.hash], at, Params{Digits: 8, Step: 30 * time.Second, Hash: tt.hash})
			require.NoError(t, err)
			assert.Equal(t, tt.totp, got)

			// Six digits are the last six of eight: the same truncated value
			// modulo 10^6 (RFC 4226 §5.3).
			six, err := Generate(rfcSeeds[tt.hash], at, Params{Hash: tt.hash})
			require.NoError(t, err)
			assert.Equal(t, tt.totp[2:], six)
			if tt.hash == SHA1 {
				assert.Equal(t, tt.totp[2:], Code(rfcSeeds[SHA1], at))
			}
		})
	}
}

func fmtHex16(n int64) string {
	const hex = "0123456789ABCDEF"
	b := make([]byte, 16)
	for i := 15; i >= 0; i-- {
		b[i] = hex[n&15]
		n >>= 4
	}
	return string(b)
}

// TestHOTPRFC4226 checks the HOTP values of RFC 4226 Appendix D, which TOTP
// is built on (RFC 6238 §4.2): counters 0 to 9 of the 20-byte SHA-1 seed.
func TestHOTPRFC4226(t *testing.T) {
	want := []string{"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"}
	p, err := Params{}.resolve()
	require.NoError(t, err)
	for c, w := range want {
		t.Run(w, func(t *testing.T) {
			assert.Equal(t, w, hotp(rfcSeeds[SHA1], uint64(c), p))
		})
	}
}

// TestCodeStep checks the 30-second step of RFC 6238 §4.1 (X = 30, T0 = 0):
// the code changes at multiples of 30 s and nowhere else.
func TestCodeStep(t *testing.T) {
	seed := rfcSeeds[SHA1]
	tests := []struct {
		name string
		a, b time.Time
		same bool
	}{
		{"start and end of a step", time.Unix(60, 0), time.Unix(89, 999999999), true},
		{"across a step boundary", time.Unix(89, 999999999), time.Unix(90, 0), false},
		{"time zone does not matter", time.Unix(1234567890, 0), time.Unix(1234567890, 0).In(time.FixedZone("X", 5*3600)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.same, Code(seed, tt.a) == Code(seed, tt.b))
		})
	}
}

// TestGenerateErrors checks that parameters outside RFC 4226 §5.3 and RFC
// 6238 §4 (digits, step, hash), an empty secret and a time before T0 are
// refused with InvalidInput, never a panic.
func TestGenerateErrors(t *testing.T) {
	seed := rfcSeeds[SHA1]
	ok := time.Unix(59, 0)
	tests := []struct {
		name   string
		secret []byte
		t      time.Time
		p      Params
		msg    string
	}{
		{"five digits", seed, ok, Params{Digits: 5}, "digits must be 6 to 10, not 5"},
		{"eleven digits", seed, ok, Params{Digits: 11}, "digits must be 6 to 10, not 11"},
		{"negative digits", seed, ok, Params{Digits: -6}, "digits"},
		{"negative step", seed, ok, Params{Step: -30 * time.Second}, "step must be a positive whole number of seconds"},
		{"fractional step", seed, ok, Params{Step: 1500 * time.Millisecond}, "not 1.5s"},
		{"sub-second step", seed, ok, Params{Step: time.Millisecond}, "step"},
		{"unknown hash", seed, ok, Params{Hash: 7}, "unknown TOTP hash Hash(7)"},
		{"empty secret", nil, ok, Params{}, "secret is empty"},
		{"before the epoch", seed, time.Unix(-1, 0), Params{}, "before the Unix epoch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Generate(tt.secret, tt.t, tt.p)
			require.Error(t, err)
			assert.Empty(t, got)
			assert.True(t, errors.Is(err, ErrInvalidInput))
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
	assert.Empty(t, Code(nil, ok), "Code returns \"\" where Generate fails")
	assert.Empty(t, Code(seed, time.Unix(-31, 0)))
}

// TestGenerateDigitsAndSteps checks the range RFC 4226 §5.3 allows: codes
// are always exactly Digits long, zero-padded, and a longer step groups more
// seconds into one counter.
func TestGenerateDigitsAndSteps(t *testing.T) {
	seed := rfcSeeds[SHA1]
	for d := MinDigits; d <= MaxDigits; d++ {
		t.Run("digits", func(t *testing.T) {
			for s := int64(0); s < 50; s++ {
				got, err := Generate(seed, time.Unix(s*30, 0), Params{Digits: d})
				require.NoError(t, err)
				assert.Len(t, got, d)
			}
		})
	}
	t.Run("60-second step", func(t *testing.T) {
		a, err := Generate(seed, time.Unix(60, 0), Params{Step: time.Minute})
		require.NoError(t, err)
		// Step 1 of a 60 s clock is counter 1, the same as 30..59 s of a 30 s clock.
		assert.Equal(t, Code(seed, time.Unix(30, 0)), a)
	})
}

// TestHashText checks the spellings of the key URI algorithm parameter
// (SHA1, SHA256, SHA512).
func TestHashText(t *testing.T) {
	tests := []struct {
		in   string
		want Hash
		ok   bool
	}{
		{"SHA1", SHA1, true},
		{"sha256", SHA256, true},
		{"Sha512", SHA512, true},
		{"SHA-1", 0, false},
		{"MD5", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var h Hash
			err := h.UnmarshalText([]byte(tt.in))
			if !tt.ok {
				assert.ErrorIs(t, err, ErrInvalidInput)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, h)
			b, err := h.MarshalText()
			require.NoError(t, err)
			assert.True(t, equalFoldASCII(tt.in, string(b)))
		})
	}
	_, err := Hash(9).MarshalText()
	assert.ErrorIs(t, err, ErrInvalidInput)
}
