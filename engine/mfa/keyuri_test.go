package mfa

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestURL checks the key URI written for authenticator apps: the
// "issuer:account" label, the secret, issuer, algorithm, digits and period
// parameters, and percent-encoding. The label's account part is
// "Name@Account" as the API model describes QRCodePNG
// (otpauth://totp/$virtualMFADeviceName@$AccountName?secret=$Base32String).
func TestURL(t *testing.T) {
	secret := []byte("12345678901234567890")
	const b32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	tests := []struct {
		name string
		key  Key
		want string
	}{
		{"AWS device", Key{Issuer: Issuer, Account: "alice-phone@123456789012", Secret: secret},
			"otpauth://totp/Amazon%20Web%20Services:alice-phone@123456789012?secret=" + b32 +
				"&issuer=Amazon%20Web%20Services&algorithm=SHA1&digits=6&period=30"},
		{"no issuer", Key{Account: "bob", Secret: secret},
			"otpauth://totp/bob?secret=" + b32 + "&algorithm=SHA1&digits=6&period=30"},
		{"reserved characters escaped", Key{Issuer: "A&B=C", Account: "x+y,z/?#", Secret: secret},
			"otpauth://totp/A%26B%3DC:x%2By%2Cz%2F%3F%23?secret=" + b32 + "&issuer=A%26B%3DC&algorithm=SHA1&digits=6&period=30"},
		{"colon inside a name escaped", Key{Issuer: "a:b", Account: "c", Secret: secret},
			"otpauth://totp/a%3Ab:c?secret=" + b32 + "&issuer=a%3Ab&algorithm=SHA1&digits=6&period=30"},
		{"non-ASCII as UTF-8 bytes", Key{Issuer: "Zoë", Account: "ü", Secret: secret},
			"otpauth://totp/Zo%C3%AB:%C3%BC?secret=" + b32 + "&issuer=Zo%C3%AB&algorithm=SHA1&digits=6&period=30"},
		{"RFC 6238 SHA-256 parameters", Key{Account: "t", Secret: secret, Params: Params{Digits: 8, Step: time.Minute, Hash: SHA256}},
			"otpauth://totp/t?secret=" + b32 + "&algorithm=SHA256&digits=8&period=60"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.key.URL())
		})
	}
	assert.Equal(t, tests[0].want, URL(Issuer, "alice-phone@123456789012", secret))
}

// TestParseURL checks reading key URIs the way an authenticator app does
// (the format of the QR code in id_credentials_mfa_enable_virtual.md).
func TestParseURL(t *testing.T) {
	secret := []byte("12345678901234567890")
	const b32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	aws := Params{Digits: 6, Step: 30 * time.Second, Hash: SHA1}
	tests := []struct {
		name string
		in   string
		want Key
	}{
		{"AWS form from the API model", "otpauth://totp/alice-phone@123456789012?secret=" + b32,
			Key{Account: "alice-phone@123456789012", Secret: secret, Params: aws}},
		{"issuer in label and parameter", "otpauth://totp/Amazon%20Web%20Services:alice@1?secret=" + b32 + "&issuer=Amazon%20Web%20Services",
			Key{Issuer: Issuer, Account: "alice@1", Secret: secret, Params: aws}},
		{"colon written %3A", "otpauth://totp/ACME%3Ajo?secret=" + b32,
			Key{Issuer: "ACME", Account: "jo", Secret: secret, Params: aws}},
		{"issuer parameter wins", "otpauth://totp/Old:jo?secret=" + b32 + "&issuer=New",
			Key{Issuer: "New", Account: "jo", Secret: secret, Params: aws}},
		{"empty issuer parameter keeps label", "otpauth://totp/Old:jo?secret=" + b32 + "&issuer=",
			Key{Issuer: "Old", Account: "jo", Secret: secret, Params: aws}},
		{"case-insensitive scheme, type, algorithm and secret", "OTPAUTH://TOTP/jo?secret=" + strings.ToLower(b32) + "&algorithm=sha512",
			Key{Account: "jo", Secret: secret, Params: Params{Digits: 6, Step: 30 * time.Second, Hash: SHA512}}},
		{"all parameters", "otpauth://totp/jo?secret=" + b32 + "&algorithm=SHA256&digits=8&period=60",
			Key{Account: "jo", Secret: secret, Params: Params{Digits: 8, Step: time.Minute, Hash: SHA256}}},
		{"unknown parameters ignored", "otpauth://totp/jo?secret=" + b32 + "&image=http%3A%2F%2Fx&counter=3",
			Key{Account: "jo", Secret: secret, Params: aws}},
		{"spaced secret", "otpauth://totp/jo?secret=GEZD%20GNBV%20GY3T%20QOJQ%20GEZD%20GNBV%20GY3T%20QOJQ",
			Key{Account: "jo", Secret: secret, Params: aws}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseURL(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestParseURLErrors checks that key URIs an authenticator could not use
// are refused with InvalidInput and a message naming the problem.
func TestParseURLErrors(t *testing.T) {
	const s = "secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	tests := []struct{ name, in, msg string }{
		{"not a URL", "otpauth://totp/%zz?" + s, "key URI"},
		{"wrong scheme", "https://totp/jo?" + s, `scheme is "https"`},
		{"opaque", "otpauth:totp/jo?" + s, "want otpauth://totp/"},
		{"user info", "otpauth://u@totp/jo?" + s, "want otpauth://totp/"},
		{"port", "otpauth://totp:1/jo?" + s, "want otpauth://totp/"},
		{"HOTP", "otpauth://hotp/jo?" + s + "&counter=0", "HOTP"},
		{"unknown type", "otpauth://motp/jo?" + s, `type is "motp"`},
		{"no label", "otpauth://totp?" + s, "no label"},
		{"empty label", "otpauth://totp/?" + s, "no label"},
		{"no account", "otpauth://totp/ACME:?" + s, "no account name"},
		{"colon in account", "otpauth://totp/ACME:a%3Ab?" + s, "colon"},
		{"colon in issuer parameter", "otpauth://totp/jo?" + s + "&issuer=a:b", "colon"},
		{"no secret", "otpauth://totp/jo?issuer=x", "no secret"},
		{"bad secret", "otpauth://totp/jo?secret=12345678", "secret: Base32 seed has \"1\""},
		{"empty secret", "otpauth://totp/jo?secret=", "secret: Base32 seed is empty"},
		{"repeated parameter", "otpauth://totp/jo?" + s + "&" + s, `"secret" is given 2 times`},
		{"bad algorithm", "otpauth://totp/jo?" + s + "&algorithm=MD5", `algorithm is "MD5"`},
		{"digits too few", "otpauth://totp/jo?" + s + "&digits=4", `digits is "4"`},
		{"digits not a number", "otpauth://totp/jo?" + s + "&digits=six", `digits is "six"`},
		{"period zero", "otpauth://totp/jo?" + s + "&period=0", `period is "0"`},
		{"period too long for a Duration", "otpauth://totp/jo?" + s + "&period=99999999999", `period is "99999999999"`},
		{"bad query escape", "otpauth://totp/jo?" + s + "&issuer=%zz", "parameters"},
		{"semicolon in query", "otpauth://totp/jo?" + s + ";x=1", "parameters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := ParseURL(tt.in)
			require.Error(t, err)
			assert.Equal(t, Key{}, k)
			assert.True(t, errors.Is(err, ErrInvalidInput))
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
}

// TestKeyCode checks that a parsed key generates the RFC 6238 Appendix B
// codes, so a test can play the authenticator app from a key URI.
func TestKeyCode(t *testing.T) {
	k, err := ParseURL("otpauth://totp/t?secret=" + EncodeBase32(rfcSeeds[SHA256]) + "&algorithm=SHA256&digits=8")
	require.NoError(t, err)
	got, err := k.Code(time.Unix(1111111109, 0))
	require.NoError(t, err)
	assert.Equal(t, "68084774", got)
}

// FuzzParseURL checks that ParseURL never panics, that its errors are
// InvalidInput, and that a key it accepts survives URL and ParseURL again
// unchanged.
func FuzzParseURL(f *testing.F) {
	for _, s := range []string{
		"otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Amazon%20Web%20Services",
		"otpauth://totp/ACME%3Ajo?secret=gezd gnbv&algorithm=sha256&digits=8&period=60",
		"otpauth://totp/jo?secret=MY&issuer=",
		"otpauth://hotp/jo?secret=MY&counter=1",
		"otpauth:totp/x",
		"otpauth://totp/%zz",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseURL(s)
		if err != nil {
			require.ErrorIs(t, err, ErrInvalidInput)
			return
		}
		again, err := ParseURL(k.URL())
		require.NoError(t, err, k.URL())
		require.Equal(t, k, again)
	})
}
