package federation

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
)

// The JWS algorithms ("alg") this package signs and verifies. AWS accepts
// RS256, RS384, RS512, ES256, ES384 and ES512 (the WebIdentityToken
// parameter in the STS API model); EdDSA (Ed25519, RFC 8037) is an iamlab
// extension that AWS would refuse.
const (
	RS256 = "RS256"
	RS384 = "RS384"
	RS512 = "RS512"
	ES256 = "ES256"
	ES384 = "ES384"
	ES512 = "ES512"
	EdDSA = "EdDSA"
)

// Algorithms lists the supported JWS algorithms.
func Algorithms() []string { return []string{RS256, RS384, RS512, ES256, ES384, ES512, EdDSA} }

// Key is one of an OIDC provider's public signing keys: what its JWKS
// endpoint (jwks_uri) would serve. iamlab is offline, so the keys are
// registered with the provider instead of fetched.
type Key struct {
	// ID is the key's "kid". A token whose header names a kid is checked
	// only against the key with that ID.
	ID string
	// Algorithm, when set, is the only "alg" the key verifies; when empty,
	// any algorithm of the key's type does.
	Algorithm string
	// Public is an *rsa.PublicKey, an *ecdsa.PublicKey on P-256, P-384 or
	// P-521, or an ed25519.PublicKey.
	Public crypto.PublicKey
}

const (
	minRSABits = 1024 // AWS's minimum for SAML metadata certificates; Go refuses smaller ones.
	maxRSABits = 8192
)

// checkPublicKey returns why a public key cannot be used, or "".
func checkPublicKey(pub crypto.PublicKey) string {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if k == nil || k.N == nil || k.N.Sign() <= 0 {
			return "the RSA key has no modulus"
		}
		if b := k.N.BitLen(); b < minRSABits || b > maxRSABits {
			return fmt.Sprintf("the RSA key has %d bits; iamlab accepts %d to %d", b, minRSABits, maxRSABits)
		}
		if k.E < 3 || k.E%2 == 0 {
			return fmt.Sprintf("the RSA key's exponent %d is not an odd number above 2", k.E)
		}
	case *ecdsa.PublicKey:
		if k == nil || k.Curve == nil || k.X == nil || k.Y == nil {
			return "the ECDSA key is incomplete"
		}
		if curveAlg(k.Curve) == "" {
			return "the ECDSA key is not on P-256, P-384 or P-521"
		}
		if _, err := k.ECDH(); err != nil {
			return "the ECDSA key is not a point on its curve"
		}
	case ed25519.PublicKey:
		if len(k) != ed25519.PublicKeySize {
			return fmt.Sprintf("the Ed25519 key has %d bytes, not %d", len(k), ed25519.PublicKeySize)
		}
	default:
		return fmt.Sprintf("%T is not an RSA, ECDSA or Ed25519 public key", pub)
	}
	return ""
}

func curveAlg(c elliptic.Curve) string {
	switch c {
	case elliptic.P256():
		return ES256
	case elliptic.P384():
		return ES384
	case elliptic.P521():
		return ES512
	}
	return ""
}

// keyFits reports whether alg is an algorithm for the key's type (and, for
// ECDSA, its curve), so a token cannot pick how its key is interpreted.
func keyFits(alg string, pub crypto.PublicKey) bool {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return alg == RS256 || alg == RS384 || alg == RS512
	case *ecdsa.PublicKey:
		return k != nil && k.Curve != nil && curveAlg(k.Curve) == alg
	case ed25519.PublicKey:
		return alg == EdDSA
	}
	return false
}

func hashFor(alg string) crypto.Hash {
	switch alg {
	case RS256, ES256:
		return crypto.SHA256
	case RS384, ES384:
		return crypto.SHA384
	case RS512, ES512:
		return crypto.SHA512
	}
	return 0
}

func digest(h crypto.Hash, msg []byte) []byte {
	switch h {
	case crypto.SHA256:
		d := sha256.Sum256(msg)
		return d[:]
	case crypto.SHA384:
		d := sha512.Sum384(msg)
		return d[:]
	case crypto.SHA512:
		d := sha512.Sum512(msg)
		return d[:]
	}
	return nil
}

// verifySignature checks a JWS signature. It never panics: a key that fails
// checkPublicKey or does not fit alg verifies nothing.
func verifySignature(alg string, pub crypto.PublicKey, msg, sig []byte) bool {
	if checkPublicKey(pub) != "" || !keyFits(alg, pub) {
		return false
	}
	switch k := pub.(type) {
	case ed25519.PublicKey:
		return len(k) == ed25519.PublicKeySize && ed25519.Verify(k, msg, sig)
	case *rsa.PublicKey:
		h := hashFor(alg)
		return rsa.VerifyPKCS1v15(k, h, digest(h, msg), sig) == nil
	case *ecdsa.PublicKey:
		size := (k.Curve.Params().BitSize + 7) / 8
		if len(sig) != 2*size {
			return false
		}
		r := new(big.Int).SetBytes(sig[:size])
		s := new(big.Int).SetBytes(sig[size:])
		return ecdsa.Verify(k, digest(hashFor(alg), msg), r, s)
	}
	return false
}

// signer is a private key with the algorithm it signs with.
type signer struct {
	alg string
	key crypto.Signer
}

// newSigner picks the algorithm for a private key: EdDSA for Ed25519, RS256
// for RSA, and ES256, ES384 or ES512 by the ECDSA key's curve.
func newSigner(key crypto.Signer) (signer, error) {
	if key == nil {
		return signer{}, fmt.Errorf("no signing key")
	}
	var alg string
	switch k := key.(type) {
	case ed25519.PrivateKey:
		if len(k) != ed25519.PrivateKeySize {
			return signer{}, fmt.Errorf("the Ed25519 private key has %d bytes, not %d", len(k), ed25519.PrivateKeySize)
		}
		alg = EdDSA
	case *rsa.PrivateKey:
		if k == nil {
			return signer{}, fmt.Errorf("no signing key")
		}
		alg = RS256
	case *ecdsa.PrivateKey:
		if k == nil || k.Curve == nil {
			return signer{}, fmt.Errorf("no signing key")
		}
		alg = curveAlg(k.Curve)
	default:
		return signer{}, fmt.Errorf("%T is not an RSA, ECDSA or Ed25519 private key", key)
	}
	if why := checkPublicKey(key.Public()); why != "" {
		return signer{}, fmt.Errorf("%s", why)
	}
	return signer{alg: alg, key: key}, nil
}

// sign signs msg deterministically: Ed25519 and RSA PKCS #1 v1.5 signatures
// are deterministic, and ECDSA signs per RFC 6979 when given no randomness.
func (s signer) sign(msg []byte) ([]byte, error) {
	switch k := s.key.(type) {
	case ed25519.PrivateKey:
		return ed25519.Sign(k, msg), nil
	case *rsa.PrivateKey:
		h := hashFor(s.alg)
		return rsa.SignPKCS1v15(nil, k, h, digest(h, msg))
	case *ecdsa.PrivateKey:
		h := hashFor(s.alg)
		der, err := k.Sign(nil, digest(h, msg), h)
		if err != nil {
			return nil, err
		}
		var rs struct{ R, S *big.Int }
		if _, err := asn1.Unmarshal(der, &rs); err != nil {
			return nil, err
		}
		size := (k.Curve.Params().BitSize + 7) / 8
		out := make([]byte, 2*size)
		rs.R.FillBytes(out[:size])
		rs.S.FillBytes(out[size:])
		return out, nil
	}
	return nil, fmt.Errorf("unsupported key %T", s.key)
}

// jwk is a JSON Web Key (RFC 7517) as a JWKS document holds it.
type jwk struct {
	Kty string `json:"kty"`
	Kid string `json:"kid,omitempty"`
	Use string `json:"use,omitempty"`
	Alg string `json:"alg,omitempty"`
	Crv string `json:"crv,omitempty"`
	N   string `json:"n,omitempty"`
	E   string `json:"e,omitempty"`
	X   string `json:"x,omitempty"`
	Y   string `json:"y,omitempty"`
}

var b64url = base64.RawURLEncoding.Strict()

func toJWK(k Key) (jwk, error) {
	if why := checkPublicKey(k.Public); why != "" {
		return jwk{}, fmt.Errorf("key %q: %s", k.ID, why)
	}
	j := jwk{Kid: k.ID, Alg: k.Algorithm, Use: "sig"}
	switch p := k.Public.(type) {
	case *rsa.PublicKey:
		j.Kty = "RSA"
		j.N = b64url.EncodeToString(p.N.Bytes())
		j.E = b64url.EncodeToString(big.NewInt(int64(p.E)).Bytes())
	case *ecdsa.PublicKey:
		j.Kty = "EC"
		j.Crv = p.Curve.Params().Name
		size := (p.Curve.Params().BitSize + 7) / 8
		raw, err := p.Bytes()
		if err != nil {
			return jwk{}, err
		}
		j.X = b64url.EncodeToString(raw[1 : 1+size])
		j.Y = b64url.EncodeToString(raw[1+size:])
	case ed25519.PublicKey:
		j.Kty = "OKP"
		j.Crv = "Ed25519"
		j.X = b64url.EncodeToString(p)
	}
	return j, nil
}

// Thumbprint returns the key's JWK thumbprint (RFC 7638): the base64url
// SHA-256 of its required members in canonical order. [NewIssuer] uses it
// as the kid.
func Thumbprint(pub crypto.PublicKey) (string, error) {
	j, err := toJWK(Key{Public: pub})
	if err != nil {
		return "", newError(ErrInvalidInput, "", err.Error())
	}
	var canon string
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	switch j.Kty {
	case "RSA":
		canon = `{"e":` + q(j.E) + `,"kty":"RSA","n":` + q(j.N) + `}`
	case "EC":
		canon = `{"crv":` + q(j.Crv) + `,"kty":"EC","x":` + q(j.X) + `,"y":` + q(j.Y) + `}`
	case "OKP":
		canon = `{"crv":"Ed25519","kty":"OKP","x":` + q(j.X) + `}`
	}
	sum := sha256.Sum256([]byte(canon))
	return b64url.EncodeToString(sum[:]), nil
}

// MarshalJWKS writes keys as a JSON Web Key Set, {"keys": [...]}, what a
// provider's jwks_uri serves.
func MarshalJWKS(keys []Key) ([]byte, error) {
	set := struct {
		Keys []jwk `json:"keys"`
	}{Keys: []jwk{}}
	for _, k := range keys {
		j, err := toJWK(k)
		if err != nil {
			return nil, newError(ErrInvalidInput, "", err.Error())
		}
		set.Keys = append(set.Keys, j)
	}
	return json.MarshalIndent(set, "", "  ")
}

// The bounds of a JWKS document ParseJWKS reads.
const (
	MaxJWKSSize = 1 << 20
	MaxKeys     = 100
)

// ParseJWKS reads a JSON Web Key Set: RSA, EC (P-256, P-384, P-521) and OKP
// (Ed25519) keys. Keys whose "use" is "enc" are skipped; any other key that
// cannot be used is an error (ErrInvalidInput) naming it.
func ParseJWKS(data []byte) ([]Key, error) {
	if len(data) > MaxJWKSSize {
		return nil, newError(ErrInvalidInput, "", fmt.Sprintf("the JWKS document has %d bytes; at most %d are read", len(data), MaxJWKSSize))
	}
	var set struct {
		Keys []json.RawMessage `json:"keys"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&set); err != nil {
		return nil, newError(ErrInvalidInput, "", "the JWKS document is not a JSON object with a keys array: "+err.Error())
	}
	if len(set.Keys) > MaxKeys {
		return nil, newError(ErrInvalidInput, "", fmt.Sprintf("the JWKS document has %d keys; at most %d are read", len(set.Keys), MaxKeys))
	}
	var keys []Key
	for i, raw := range set.Keys {
		var j jwk
		if err := json.Unmarshal(raw, &j); err != nil {
			return nil, newError(ErrInvalidInput, "", fmt.Sprintf("keys[%d]: %v", i, err))
		}
		if j.Use == "enc" {
			continue
		}
		pub, err := fromJWK(j)
		if err != nil {
			return nil, newError(ErrInvalidInput, "", fmt.Sprintf("keys[%d] (kid %q): %v", i, j.Kid, err))
		}
		if j.Alg != "" && !keyFits(j.Alg, pub) {
			return nil, newError(ErrInvalidInput, "", fmt.Sprintf("keys[%d] (kid %q): alg %q does not fit key type %q", i, j.Kid, j.Alg, j.Kty))
		}
		keys = append(keys, Key{ID: j.Kid, Algorithm: j.Alg, Public: pub})
	}
	return keys, nil
}

func fromJWK(j jwk) (crypto.PublicKey, error) {
	dec := func(name, s string, max int) ([]byte, error) {
		if len(s) > 4*max/3+4 {
			return nil, fmt.Errorf("%s is too long", name)
		}
		b, err := b64url.DecodeString(s)
		if err != nil || len(b) == 0 {
			return nil, fmt.Errorf("%s is not base64url", name)
		}
		return b, nil
	}
	var pub crypto.PublicKey
	switch j.Kty {
	case "RSA":
		n, err := dec("n", j.N, maxRSABits/8)
		if err != nil {
			return nil, err
		}
		e, err := dec("e", j.E, 4)
		if err != nil {
			return nil, err
		}
		ev := new(big.Int).SetBytes(e)
		if !ev.IsInt64() || ev.Int64() > 1<<31-1 {
			return nil, fmt.Errorf("e is too large")
		}
		pub = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(ev.Int64())}
	case "EC":
		var c elliptic.Curve
		switch j.Crv {
		case "P-256":
			c = elliptic.P256()
		case "P-384":
			c = elliptic.P384()
		case "P-521":
			c = elliptic.P521()
		default:
			return nil, fmt.Errorf("crv %q is not P-256, P-384 or P-521", j.Crv)
		}
		size := (c.Params().BitSize + 7) / 8
		x, err := dec("x", j.X, size)
		if err != nil {
			return nil, err
		}
		y, err := dec("y", j.Y, size)
		if err != nil {
			return nil, err
		}
		if len(x) != size || len(y) != size {
			return nil, fmt.Errorf("x and y must have %d bytes each", size)
		}
		k, err := ecdsa.ParseUncompressedPublicKey(c, slices.Concat([]byte{4}, x, y))
		if err != nil {
			return nil, fmt.Errorf("the point is not on %s", j.Crv)
		}
		pub = k
	case "OKP":
		if j.Crv != "Ed25519" {
			return nil, fmt.Errorf("crv %q is not Ed25519", j.Crv)
		}
		x, err := dec("x", j.X, ed25519.PublicKeySize)
		if err != nil {
			return nil, err
		}
		pub = ed25519.PublicKey(x)
	default:
		return nil, fmt.Errorf("kty %q is not RSA, EC or OKP", j.Kty)
	}
	if why := checkPublicKey(pub); why != "" {
		return nil, fmt.Errorf("%s", strings.TrimPrefix(why, "the "))
	}
	return pub, nil
}
