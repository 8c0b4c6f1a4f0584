package federation

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const testAccount = "123456789012"

// t0 is the tests' "now".
var t0 = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// seeded is a deterministic random source.
func seeded(seed byte) io.Reader {
	var s [32]byte
	s[0] = seed
	return rand.NewChaCha8(s)
}

// failingReader fails every read, to test ServiceFailure.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("entropy exhausted") }

// testRSAKey is a fixed 2048-bit key: Go makes RSA keys only from its own
// randomness, so reproducible RSA tests need one written down.
func testRSAKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	b, _ := pem.Decode([]byte(testRSAKeyPEM))
	require.NotNil(t, b)
	k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
	require.NoError(t, err)
	return k.(*rsa.PrivateKey)
}

func testECKey(t testing.TB, c elliptic.Curve, seed byte) *ecdsa.PrivateKey {
	t.Helper()
	d := make([]byte, (c.Params().BitSize+7)/8)
	for i := range d {
		d[i] = seed + byte(i)
	}
	d[0] &= 0x01 // keep d below the order of P-521, whose first byte is 0x01
	k, err := ecdsa.ParseRawPrivateKey(c, d)
	require.NoError(t, err)
	return k
}

func testEdKey(seed byte) ed25519.PrivateKey {
	s := make([]byte, ed25519.SeedSize)
	for i := range s {
		s[i] = seed ^ byte(i)
	}
	return ed25519.NewKeyFromSeed(s)
}

const githubURL = "https://token.actions.githubusercontent.com"

func newIssuer(t testing.TB, url string, seed byte) *Issuer {
	t.Helper()
	is, err := NewIssuer(url, seeded(seed))
	require.NoError(t, err)
	return is
}

func providerFor(is *Issuer, clientIDs ...string) *OIDCProvider {
	return &OIDCProvider{
		Account:        testAccount,
		URL:            is.URL(),
		ClientIDList:   clientIDs,
		ThumbprintList: []string{"6938fd4d98bab03faadb97b34396831e3780aea1"},
		Keys:           is.Keys(),
	}
}

func mint(t testing.TB, is *Issuer, c Claims) string {
	t.Helper()
	tok, err := is.Token(c, t0)
	require.NoError(t, err)
	return tok
}

// forge builds a compact JWS from a raw header and payload, signed by is's
// key (or with sig when it is not nil), to test what Issuer.Token never
// produces.
func forge(t testing.TB, is *Issuer, header, payload string, sig []byte) string {
	t.Helper()
	input := b64url.EncodeToString([]byte(header)) + "." + b64url.EncodeToString([]byte(payload))
	if sig == nil {
		var err error
		sig, err = is.signer.sign([]byte(input))
		require.NoError(t, err)
	}
	return input + "." + b64url.EncodeToString(sig)
}

// forgeClaims is forge with the issuer's own header and JSON claims.
func forgeClaims(t testing.TB, is *Issuer, claims map[string]any) string {
	t.Helper()
	b, err := json.Marshal(claims)
	require.NoError(t, err)
	return forge(t, is, `{"alg":"`+is.Algorithm()+`","kid":"`+is.KeyID()+`","typ":"JWT"}`, string(b), nil)
}

// requireCode asserts err is an *Error with the code and claim.
func requireCode(t testing.TB, err error, code ErrorCode, claim string) *Error {
	t.Helper()
	require.Error(t, err)
	var e *Error
	require.True(t, errors.As(err, &e), "%T: %v", err, err)
	require.Equal(t, code, e.Code, "%v", err)
	require.ErrorIs(t, err, code)
	if claim != "-" {
		require.Equal(t, claim, e.Claim, "%v", err)
	}
	require.NotEmpty(t, e.Message)
	require.True(t, strings.HasPrefix(err.Error(), string(code)+": "))
	return e
}

const testRSAKeyPEM = `
-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCNTJmZhAvH3AXZ
TjpXD7U5y6+JF6N4xfTbPy+syrgdiDPZcbj6xLpbmGGW8YCAZvEVbgs0aW6AGq8L
BpGfRnCsc5gl0ko3p6eKtDUcbBp6nUmC9vzWhWACBuQFeUWEfQ3zjHXwaEiCWlsd
ZfVnDorONc0I2sZ7bXpVv3z5YhXf/CmsBpW6hjFXQQTOcUHKQkpjj4nJQfJSmPxF
FMPUffJHvHuavpXwKVkKqOv0U5GY0Pb/LFWqAJIEs/SN3KTec7fgZqnzzauaz3+a
DhiUjY3Zjg/YWb85b27pfiHdJg+XxPHzerz/DlCWCPSlVzCRFnrAixA7Zoe4tE2A
nE2qXU6XAgMBAAECggEAFsZvhaaajYLh8HZjAfB2uhOiPhswzsE9p+9F3Hiqd5wi
G1zwv37hOO1VYZKYr1moZ1de9/o8hOqIJ2NOKpmchLd3ITWFn/Xmk/1bCDNGi1f5
5uGvvFYwNPNuYpF7CpFro8OSqQbuFRDCWfk6tntKFVXnsBMvZequCs88MihEtV7+
8NE1+HhKfMuMbttb//NWWjFkMZ669bp6spTjbIyslZN8MIS4Mn7M5SzKd4EwAlBm
IGJ2d3Jd7xz/9xpTlzaheA6UkuuNEHw+7fhtZ2b6hAXOPZDTYQQR8J/wkbNIiHuF
RFBFNeG9fnwhumLnCG1+hyTVGFzPCmGaA7P3k4+BvQKBgQDFBXeFmrOIfneW0LZB
zybnWBZVW/ZEJSYQ5IBcotdBFPtOzIi9noCaOkFMlRglWpI7MExVzciiDC6ZFQqe
J5RRLcPx9c06DvFXA7lN4C6shfJ6qx1IqECAlD6GNapATPTRzjgg08GkRY7/K7ou
ndPcW699qFTDoAOlmxtIS1n0WwKBgQC3mOxe24MM9P6qxfXFlKLD1hRFc4muoHqa
gXB/7TkTqBJUXjm0hQMLnQwuyLJKzLWLTuczX2Qk0Hmmc19qxvV8hC1WFdI0ZvBu
7zbdifBlx5X0NwmSgEf0PdEVFuFuVgtZL2nbZ7R1u6l9TvIMTWxyx+UaXf+XscZ4
Jbm/Nj+zdQKBgAllx1uyE1oxXhbtgaQF838ZbodHyaladEReAdlpUwchrxMFIoiY
5N12ZeL3QZ2Wgl8cYKe/FxDTr+1RWZ5NmP9+RVhnNxDL4asa3F3gkZldEkHTo6Px
kpIPgCP6r1I92XegdIDsWNIzFy0IsurCUHa0UNyXiOOD4Giny1dZcML9AoGABT9A
miFp6GfkE1te/8uUr0YiBC4eJDh/6ISEg5NzCyXFiFW9DnSytpVBcODZf5vEIHwb
zXMPeKHgqCop8vJGt81LQmeTP14lxvXdOo2jqjT/CyC7jE1QQSG3JQQnYzDgWCcr
vlKDbM31NRiZgFKCI/GkkZFYKayyAGMLoPRa87UCgYEAg04CAqD3uOdpD+x3ditI
2XIolPtpS2iLtbOopHR0mmBjdJQJAGE+fC2y1qRve9RktQm8a23xBU1GNX5dRwfy
0Ln2Yw9dJBTnSbmPrwwY0Pvj460S4QWnnY1C5cNfpWMQycf+s8XcjofehZ5LATNf
nJwziAt6RT5reM220YxaRDk=
-----END PRIVATE KEY-----
`
