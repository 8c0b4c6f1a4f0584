package condition

import (
	"encoding/base64"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseDate checks the forms of the W3C profile of ISO 8601 and epoch
// time that reference_policies_elements_condition_operators.md ("Date
// condition operators") asks for, against the time package.
func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"1970-01-01", time.Unix(0, 0)},
		{"0", time.Unix(0, 0)},
		{"2020", time.Unix(2020, 0)}, // digits only: epoch seconds, not the year
		{"1577836800", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"2020-01-01", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"2020-01-01T00:00:01Z", time.Date(2020, 1, 1, 0, 0, 1, 0, time.UTC)},
		{"2020-01-01T10:30Z", time.Date(2020, 1, 1, 10, 30, 0, 0, time.UTC)},
		{"2020-01-01T10:30+01:00", time.Date(2020, 1, 1, 9, 30, 0, 0, time.UTC)},
		{"2020-01-01T10:30:15.25Z", time.Date(2020, 1, 1, 10, 30, 15, 250_000_000, time.UTC)},
		{"2020-01-01T10:30:15.123456789999Z", time.Date(2020, 1, 1, 10, 30, 15, 123_456_789, time.UTC)},
		{"2020-01-01T00:00:00-05:30", time.Date(2020, 1, 1, 5, 30, 0, 0, time.UTC)},
		{"2000-02-29T23:59:59Z", time.Date(2000, 2, 29, 23, 59, 59, 0, time.UTC)},
		{"1900-03-01", time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"0000-01-01", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"9999-12-31T23:59:59.999999999Z", time.Date(9999, 12, 31, 23, 59, 59, 999_999_999, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, msg := parseDate(tt.in)
			require.Empty(t, msg)
			assert.Equal(t, instant{sec: tt.want.Unix(), nsec: int32(tt.want.Nanosecond())}, got)
		})
	}
	for _, bad := range []string{"", "2020-01", "2020-1-01", "2020-01-01T", "2020-01-01 00:00:00Z",
		"2020-01-01T00:00:00", "2020-01-01T00Z", "2020-01-01T00:00:0Z", "2020-01-01T00:00:00.Z",
		"2020-01-01T00:00:00+0100", "2020-01-01T00:00:00+01", "2020-01-01T00:00:60Z", "2020-01-01T00:60Z",
		"2020-01-01T00:00:00+24:00", "2020-00-01", "2020-01-00", "2020-04-31", "1900-02-29", "-1",
		"1.5", "2020-01-01Z", "2020-01-01t00:00Z", "2020-01-01T00:00z", "２０２０-01-01"} {
		t.Run("bad "+bad, func(t *testing.T) {
			_, msg := parseDate(bad)
			assert.NotEmpty(t, msg)
		})
	}
}

func TestParseNumber(t *testing.T) {
	good := map[string]float64{"0": 0, "10": 10, "-3": -3, "+2": 2, "2.5": 2.5, "007": 7, "-0.125": -0.125, "3600": 3600}
	for in, want := range good {
		f, msg := parseNumber(in)
		assert.Empty(t, msg, in)
		assert.Equal(t, want, f, in)
	}
	for _, bad := range []string{"", "-", "+", ".5", "1.", "1e3", "1E3", "0x10", "Inf", "NaN", "1_000", " 1", "1 ", "1,5", "--1"} {
		_, msg := parseNumber(bad)
		assert.NotEmpty(t, msg, bad)
	}
}

// TestParseAddr checks the address reader against net/netip.
func TestParseAddr(t *testing.T) {
	for _, s := range ipSeeds {
		t.Run(s, func(t *testing.T) { checkAddr(t, s) })
	}
}

var ipSeeds = []string{
	"203.0.113.7", "0.0.0.0", "255.255.255.255", "256.0.0.0", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..2.3",
	"::", "::1", "1::", "2001:db8::1", "2001:DB8:1234:5678::", "::ffff:203.0.113.7", "::ffff:cb00:7107",
	"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6::7:8",
	"1::2::3", ":::", "1:::2", ":1::", "1:", ":1", "12345::", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4",
	"1:2:3:4:5:6:7:1.2.3.4", "1::1.2.3.4", "1.2.3.4::", "fe80::1%eth0", "", ".", "a.b.c.d", "::ffff:1.2.3",
	"0:0:0:0:0:0:0:0", "1:2:3:4:5::1.2.3.4", "1:2:3:4:5:6:7:8::",
}

func checkAddr(t *testing.T, s string) {
	t.Helper()
	got, ok := parseAddr(s)
	want, err := netip.ParseAddr(s)
	if err != nil || want.Zone() != "" {
		assert.False(t, ok, "%q: netip refuses it (or it has a zone) but parseAddr accepts %v", s, got)
		return
	}
	require.True(t, ok, "%q: netip reads %v but parseAddr refuses it", s, want)
	assert.Equal(t, want.Unmap(), got, s)
}

// TestParsePrefix checks the policy's IP values
// (reference_policies_elements_condition_operators.md, "IP address condition
// operators": CIDR, and /32 for a bare address).
func TestParsePrefix(t *testing.T) {
	tests := map[string]string{
		"203.0.113.0/24":          "203.0.113.0/24",
		"203.0.113.9/24":          "203.0.113.0/24",
		"203.0.113.7":             "203.0.113.7/32",
		"2001:DB8:1234:5678::/64": "2001:db8:1234:5678::/64",
		"2001:db8::1":             "2001:db8::1/128",
		"::ffff:203.0.113.0/120":  "203.0.113.0/24",
		"::ffff:203.0.113.7":      "203.0.113.7/32",
		"::ffff:0.0.0.0/96":       "0.0.0.0/0",
		"::ffff:0.0.0.0/95":       "::fffe:0:0/95",
		"0.0.0.0/0":               "0.0.0.0/0",
		"::/0":                    "::/0",
	}
	for in, want := range tests {
		p, msg := parsePrefix(in)
		require.Empty(t, msg, in)
		assert.Equal(t, want, p.String(), in)
	}
}

// TestBase64 checks BinaryEquals' reader against encoding/base64.
func TestBase64(t *testing.T) {
	for _, s := range b64Seeds {
		t.Run(s, func(t *testing.T) { checkBase64(t, s) })
	}
}

var b64Seeds = []string{"", "QQ==", "QR==", "QUI=", "QUJD", "QmluYXJ5VmFsdWVJbkJhc2U2NA==", "Q===", "====",
	"QQ=", "QQ", "Q", "QQ==QQ==", "QU=D", "+/+/", "-_-_", "QQ\n==", "QUJDRA==", "AAAA"}

func checkBase64(t *testing.T, s string) {
	t.Helper()
	got, msg := decodeBase64(s)
	want, err := base64.StdEncoding.DecodeString(s)
	hasNL := false
	for i := 0; i < len(s); i++ {
		hasNL = hasNL || s[i] == '\n' || s[i] == '\r'
	}
	if err != nil || hasNL {
		assert.NotEmpty(t, msg, "%q", s)
		_, ok := base64Equal(s, want)
		assert.False(t, ok, "%q", s)
		return
	}
	require.Empty(t, msg, "%q", s)
	assert.Equal(t, want, append([]byte{}, got...), "%q", s)
	eq, ok := base64Equal(s, want)
	assert.True(t, ok && eq, "%q", s)
	if len(want) > 0 {
		other := append([]byte{}, want...)
		other[len(other)-1] ^= 1
		eq, _ = base64Equal(s, other)
		assert.False(t, eq, "%q", s)
		eq, _ = base64Equal(s, want[:len(want)-1])
		assert.False(t, eq, "%q", s)
	}
	eq, _ = base64Equal(s, append(append([]byte{}, want...), 0))
	assert.False(t, eq, "%q", s)
}
