package federation

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// Claims are a token's payload: claim names and their JSON values. Tokens
// that [Verify] reads hold numbers as json.Number, strings, bools, nil,
// []any and map[string]any.
type Claims map[string]any

// The claims AWS reads beyond the registered ones (id_session-tags.md,
// id_credentials_temp_control-access_monitor.md).
const (
	// ClaimTags holds the session tags: {"principal_tags": {"Key":
	// ["value"]}, "transitive_tag_keys": ["Key"]}. [SessionTagsClaim]
	// builds it.
	ClaimTags = "https://aws.amazon.com/tags"
	// ClaimSourceIdentity holds the source identity, a string.
	ClaimSourceIdentity = "https://aws.amazon.com/source_identity"
)

// DefaultTokenLifetime is how long a token minted by [Issuer.Token] lasts
// when the claims set no exp.
const DefaultTokenLifetime = time.Hour

// Issuer is a simulated OpenID Connect identity provider: it holds a private
// key and mints signed ID tokens (compact JWS) so learners and tests can
// call AssumeRoleWithWebIdentity without a real IdP. Register [Issuer.Keys]
// with an [OIDCProvider] whose URL is [Issuer.URL].
type Issuer struct {
	url    string
	kid    string
	signer signer
}

// NewIssuer creates an issuer for url (such as
// "https://token.actions.githubusercontent.com", or "accounts.google.com"
// for a Google-style issuer without a scheme) with a fresh P-256 key read
// from rand. It signs with ES256, an algorithm AWS accepts, and names its
// key by its JWK thumbprint. The same rand bytes give the same key, and
// ECDSA signatures follow RFC 6979, so tokens are reproducible.
func NewIssuer(url string, rand io.Reader) (*Issuer, error) {
	if rand == nil {
		return nil, newError(ErrInvalidInput, "", "NewIssuer needs a random source")
	}
	var seed [32]byte
	for range 16 {
		if _, err := io.ReadFull(rand, seed[:]); err != nil {
			return nil, &Error{Code: ErrServiceFailure, Message: "reading the random source: " + err.Error(), Err: err}
		}
		// About one 32-byte string in 2^32 is not a valid P-256 scalar.
		key, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), seed[:])
		if err == nil {
			return NewIssuerWithKey(url, key)
		}
	}
	return nil, newError(ErrServiceFailure, "", "the random source gave no valid P-256 key in 16 tries")
}

// NewIssuerWithKey creates an issuer that signs with key: an
// ed25519.PrivateKey (EdDSA, an iamlab extension AWS would refuse), an
// *rsa.PrivateKey (RS256) or an *ecdsa.PrivateKey (ES256, ES384 or ES512 by
// its curve). Go generates RSA keys only from its own secure randomness, so
// reproducible RSA issuers take a key the caller made once.
func NewIssuerWithKey(url string, key crypto.Signer) (*Issuer, error) {
	if url == "" || strings.ContainsAny(url, " \t\r\n") || len(url) > maxURLLength {
		return nil, newError(ErrInvalidInput, "", "the issuer URL "+quote(url)+" must be a non-empty URL without spaces, at most 255 characters")
	}
	s, err := newSigner(key)
	if err != nil {
		return nil, newError(ErrInvalidInput, "", "the issuer's key: "+err.Error())
	}
	kid, err := Thumbprint(key.Public())
	if err != nil {
		return nil, err
	}
	return &Issuer{url: url, kid: kid, signer: s}, nil
}

// URL returns the issuer's URL: the iss of its tokens.
func (is *Issuer) URL() string { return is.url }

// KeyID returns the kid of the issuer's key.
func (is *Issuer) KeyID() string { return is.kid }

// Algorithm returns the JWS algorithm the issuer signs with.
func (is *Issuer) Algorithm() string { return is.signer.alg }

// ready reports whether the issuer was made by NewIssuer or
// NewIssuerWithKey, not declared as a zero value.
func (is *Issuer) ready() bool { return is != nil && is.signer.key != nil }

// errNotReady is what a zero Issuer or SAMLIdP answers.
func errNotReady(what string) *Error {
	return newError(ErrInvalidInput, "", "the "+what+" was not made by its constructor")
}

// Keys returns the issuer's public key, to register with an [OIDCProvider].
func (is *Issuer) Keys() []Key {
	if !is.ready() {
		return nil
	}
	return []Key{{ID: is.kid, Algorithm: is.signer.alg, Public: is.signer.key.Public()}}
}

// JWKS returns the issuer's JSON Web Key Set, what its jwks_uri would serve.
func (is *Issuer) JWKS() []byte {
	b, _ := MarshalJWKS(is.Keys()) // the key was checked when the issuer was made
	return b
}

// Token mints a signed ID token carrying claims. It fills in what the claims
// leave out: iss (the issuer's URL), iat (now) and exp (now +
// [DefaultTokenLifetime]). A claim set to nil is left out of the token, so
// tests can mint a token without, say, exp. A time.Time value becomes a
// NumericDate (seconds since the epoch). The header is
// {"alg":…,"kid":…,"typ":"JWT"}.
//
// Token signs whatever it is given, valid or not, so tests can mint tokens
// that [Verify] must refuse.
func (is *Issuer) Token(claims Claims, now time.Time) (string, error) {
	if !is.ready() {
		return "", errNotReady("Issuer")
	}
	payload := make(map[string]any, len(claims)+3)
	payload["iss"] = is.url
	payload["iat"] = now.Unix()
	payload["exp"] = now.Add(DefaultTokenLifetime).Unix()
	for k, v := range claims {
		switch t := v.(type) {
		case nil:
			delete(payload, k)
		case time.Time:
			payload[k] = t.Unix()
		default:
			payload[k] = v
		}
	}
	pb, err := json.Marshal(payload)
	if err != nil {
		return "", newError(ErrInvalidInput, "", "the claims cannot be written as JSON: "+err.Error())
	}
	hb, err := json.Marshal(struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
		Typ string `json:"typ"`
	}{is.signer.alg, is.kid, "JWT"})
	if err != nil {
		return "", newError(ErrInvalidInput, "", err.Error())
	}
	input := b64url.EncodeToString(hb) + "." + b64url.EncodeToString(pb)
	sig, err := is.signer.sign([]byte(input))
	if err != nil {
		return "", &Error{Code: ErrServiceFailure, Message: "signing the token: " + err.Error(), Err: err}
	}
	return input + "." + b64url.EncodeToString(sig), nil
}

// SessionTagsClaim builds the value of the [ClaimTags] claim for session tags
// and transitive tag keys, in the form id_session-tags.md shows:
// {"principal_tags": {"Project": ["Automation"]}, "transitive_tag_keys":
// ["Project"]}.
func SessionTagsClaim(tags []Tag, transitive []string) map[string]any {
	pt := make(map[string]any, len(tags))
	for _, t := range tags {
		pt[t.Key] = []string{t.Value}
	}
	v := map[string]any{"principal_tags": pt}
	if len(transitive) > 0 {
		v["transitive_tag_keys"] = append([]string(nil), transitive...)
	}
	return v
}

func (is *Issuer) String() string {
	if !is.ready() {
		return "Issuer(zero)"
	}
	return fmt.Sprintf("Issuer(%s, %s %s)", is.url, is.signer.alg, is.kid)
}
