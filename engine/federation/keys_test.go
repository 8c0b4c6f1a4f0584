package federation

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"math/big"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// RFC 7638 section 3.1 and RFC 8037 appendix A.3: the JWK thumbprints of the
// RFCs' example keys.
func TestThumbprintVectors(t *testing.T) {
	rfc7638, err := ParseJWKS([]byte(`{"keys":[{"kty":"RSA","e":"AQAB","kid":"2011-04-29","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}]}`))
	require.NoError(t, err)
	require.Len(t, rfc7638, 1)
	assert.Equal(t, "2011-04-29", rfc7638[0].ID)
	tp, err := Thumbprint(rfc7638[0].Public)
	require.NoError(t, err)
	assert.Equal(t, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs", tp)

	rfc8037, err := ParseJWKS([]byte(`{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}`))
	require.NoError(t, err)
	tp, err = Thumbprint(rfc8037[0].Public)
	require.NoError(t, err)
	assert.Equal(t, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", tp)

	_, err = Thumbprint(ed25519.PublicKey{1, 2})
	requireCode(t, err, ErrInvalidInput, "")
}

func TestJWKSRoundTrip(t *testing.T) {
	keys := []Key{
		{ID: "rsa", Algorithm: RS256, Public: testRSAKey(t).Public()},
		{ID: "p256", Public: testECKey(t, elliptic.P256(), 3).Public()},
		{ID: "p384", Algorithm: ES384, Public: testECKey(t, elliptic.P384(), 3).Public()},
		{ID: "p521", Public: testECKey(t, elliptic.P521(), 3).Public()},
		{ID: "ed", Algorithm: EdDSA, Public: testEdKey(3).Public()},
	}
	b, err := MarshalJWKS(keys)
	require.NoError(t, err)
	back, err := ParseJWKS(b)
	require.NoError(t, err)
	require.Len(t, back, len(keys))
	for i := range keys {
		assert.Equal(t, keys[i].ID, back[i].ID)
		assert.Equal(t, keys[i].Algorithm, back[i].Algorithm)
		assert.True(t, keys[i].Public.(interface{ Equal(crypto.PublicKey) bool }).Equal(back[i].Public), keys[i].ID)
	}
	empty, err := MarshalJWKS(nil)
	require.NoError(t, err)
	assert.JSONEq(t, `{"keys":[]}`, string(empty))
	_, err = MarshalJWKS([]Key{{ID: "bad", Public: ed25519.PublicKey{1}}})
	requireCode(t, err, ErrInvalidInput, "")
}

func TestParseJWKSErrors(t *testing.T) {
	p256 := testECKey(t, elliptic.P256(), 3)
	raw, err := p256.PublicKey.Bytes()
	require.NoError(t, err)
	x, y := b64url.EncodeToString(raw[1:33]), b64url.EncodeToString(raw[33:])
	offCurve := b64url.EncodeToString(append([]byte{}, raw[33:64]...))
	cases := []struct{ name, doc, msg string }{
		{"not JSON", `{`, "not a JSON object"},
		{"keys not an array", `{"keys":{}}`, "not a JSON object"},
		{"key not an object", `{"keys":[1]}`, "keys[0]"},
		{"unknown kty", `{"keys":[{"kty":"oct","k":"AAAA"}]}`, `kty "oct"`},
		{"RSA n not base64url", `{"keys":[{"kty":"RSA","n":"!!","e":"AQAB"}]}`, "n is not base64url"},
		{"RSA n missing", `{"keys":[{"kty":"RSA","e":"AQAB"}]}`, "n is not base64url"},
		{"RSA too small", `{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB"}]}`, "bits"},
		{"RSA e too large", `{"keys":[{"kty":"RSA","n":"AQAB","e":"AQABAQAB"}]}`, "too"},
		{"RSA n too long", `{"keys":[{"kty":"RSA","n":"` + strings.Repeat("A", 20000) + `","e":"AQAB"}]}`, "too long"},
		{"EC unknown curve", `{"keys":[{"kty":"EC","crv":"secp256k1","x":"` + x + `","y":"` + y + `"}]}`, "secp256k1"},
		{"EC short x", `{"keys":[{"kty":"EC","crv":"P-256","x":"AQAB","y":"` + y + `"}]}`, "32 bytes"},
		{"EC point off the curve", `{"keys":[{"kty":"EC","crv":"P-256","x":"` + x + `","y":"` + offCurve + `A"}]}`, ""},
		{"OKP X25519", `{"keys":[{"kty":"OKP","crv":"X25519","x":"` + x + `"}]}`, "X25519"},
		{"OKP short", `{"keys":[{"kty":"OKP","crv":"Ed25519","x":"AQAB"}]}`, "bytes"},
		{"alg does not fit", `{"keys":[{"kty":"EC","crv":"P-256","alg":"ES384","x":"` + x + `","y":"` + y + `"}]}`, "does not fit"},
		{"too large", `{"keys":[]}` + strings.Repeat(" ", MaxJWKSSize), "at most"},
		{"too many keys", `{"keys":[` + strings.Repeat(`{},`, MaxKeys) + `{}]}`, "at most 100"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseJWKS([]byte(tc.doc))
			e := requireCode(t, err, ErrInvalidInput, "")
			assert.Contains(t, e.Message, tc.msg)
		})
	}
	// Encryption keys are skipped.
	keys, err := ParseJWKS([]byte(`{"keys":[{"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"}]}`))
	require.NoError(t, err)
	assert.Empty(t, keys)
}

// Keys that would make the crypto packages panic are refused up front.
func TestCheckPublicKey(t *testing.T) {
	for _, k := range []any{
		(*rsa.PublicKey)(nil),
		&rsa.PublicKey{},
		&rsa.PublicKey{N: big.NewInt(-5), E: 65537},
		&rsa.PublicKey{N: new(big.Int).Lsh(big.NewInt(1), 2047), E: 4},
		(*ecdsa.PublicKey)(nil),
		&ecdsa.PublicKey{Curve: elliptic.P256()},
		&ecdsa.PublicKey{Curve: elliptic.P256(), X: big.NewInt(1), Y: big.NewInt(1)},
		&ecdsa.PublicKey{Curve: elliptic.P224(), X: big.NewInt(1), Y: big.NewInt(1)},
		ed25519.PublicKey(nil),
		nil,
		"key",
	} {
		assert.NotEmpty(t, checkPublicKey(k), "%#v", k)
		assert.False(t, verifySignature(ES256, k, []byte("m"), make([]byte, 64)))
	}
}
