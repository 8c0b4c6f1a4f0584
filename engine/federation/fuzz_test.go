package federation

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/eval"
)

// knownCodes are the codes Verify and VerifySAML may return.
var knownCodes = []ErrorCode{
	ErrInvalidIdentityToken, ErrExpiredToken, ErrIDPRejectedClaim, ErrIDPCommunicationError,
	ErrAccessDenied, ErrValidation, ErrInvalidInput,
}

// requireWellFormedError checks an error is an *Error with a known code and
// a bounded, valid message.
func requireWellFormedError(t *testing.T, err error) {
	t.Helper()
	var e *Error
	require.True(t, errors.As(err, &e), "%T %v", err, err)
	require.True(t, slices.Contains(knownCodes, e.Code), "code %q", e.Code)
	require.NotEmpty(t, e.Message)
	require.Less(t, len(e.Error()), 2000, "a message echoes too much input")
	require.True(t, utf8.ValidString(e.Error()))
}

// requireWellFormedKeys checks the invariants of ContextKeys: sorted, unique
// (case-insensitively, as AWS compares keys), typed string or stringList,
// and a single value for a string.
func requireWellFormedKeys(t *testing.T, keys []ContextKey) {
	t.Helper()
	for i, k := range keys {
		require.NotEmpty(t, k.Key)
		require.True(t, k.Type == eval.String || k.Type == eval.StringList, k.Key)
		if k.Type == eval.String {
			require.Len(t, k.Values, 1, k.Key)
		}
		if i > 0 {
			require.Less(t, keys[i-1].Key, k.Key)
			require.False(t, strings.EqualFold(keys[i-1].Key, k.Key))
		}
	}
}

func requireGoodIdentity(t *testing.T, w *WebIdentity, p *OIDCProvider) {
	t.Helper()
	require.NotEmpty(t, w.Subject)
	require.NotEmpty(t, w.Audience)
	require.Equal(t, p.Name(), providerName(w.Issuer))
	require.False(t, w.ExpiresAt.IsZero())
	require.LessOrEqual(t, len(w.Tags), MaxSessionTags)
	if w.SourceIdentity != "" {
		require.True(t, validSessionName(w.SourceIdentity))
	}
	requireWellFormedKeys(t, w.ContextKeys())
	requireWellFormedKeys(t, w.SessionContextKeys())
}

// fuzzIssuer is the provider the OIDC fuzz targets verify against.
func fuzzIssuer(t testing.TB) (*Issuer, *OIDCProvider) {
	is := newIssuer(t, githubURL, 1)
	return is, providerFor(is, "sts.amazonaws.com")
}

// FuzzVerify feeds whole tokens to Verify: it must never panic, and must
// answer with a well-formed identity or a well-formed error.
func FuzzVerify(f *testing.F) {
	is, p := fuzzIssuer(f)
	for _, c := range []Claims{
		githubClaims(),
		{"sub": "u", "aud": []string{"sts.amazonaws.com", "x"}, "amr": []string{"pwd"}, "azp": "a"},
		{"sub": "u", "aud": "sts.amazonaws.com", ClaimSourceIdentity: "octocat",
			ClaimTags: SessionTagsClaim([]Tag{{"Project", "Automation"}}, []string{"Project"})},
		{"sub": "u", "aud": "sts.amazonaws.com", "exp": nil},
		{"sub": "u", "aud": "other"},
	} {
		f.Add(mint(f, is, c))
	}
	f.Add("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
	f.Add("a.b.c")
	f.Add("....")
	f.Fuzz(func(t *testing.T, token string) {
		w, err := Verify(p, token, t0)
		if err != nil {
			require.Nil(t, w)
			requireWellFormedError(t, err)
			return
		}
		requireGoodIdentity(t, w, p)
	})
}

// FuzzVerifyClaims signs arbitrary headers and payloads with the provider's
// key, so the fuzzer reaches the claim checks behind the signature.
func FuzzVerifyClaims(f *testing.F) {
	is, p := fuzzIssuer(f)
	hdr := `{"alg":"ES256","kid":"` + is.KeyID() + `"}`
	for _, payload := range []string{
		`{"iss":"https://token.actions.githubusercontent.com","sub":"repo:o/r:ref:refs/heads/main","aud":"sts.amazonaws.com","exp":1717246800,"iat":1717243200}`,
		`{"iss":"token.actions.githubusercontent.com","sub":"s","aud":["sts.amazonaws.com"],"exp":1717246800,"nbf":1717243200}`,
		`{"iss":"https://token.actions.githubusercontent.com","sub":"s","aud":"sts.amazonaws.com","exp":1717246800,"https://aws.amazon.com/tags":{"principal_tags":{"Project":["x"],"Team":["y"]},"transitive_tag_keys":["Team"]}}`,
		`{"iss":"https://token.actions.githubusercontent.com","sub":"s","aud":"sts.amazonaws.com","exp":1717246800,"https://aws.amazon.com/source_identity":"admin"}`,
		`{"iss":"https://token.actions.githubusercontent.com","sub":"s","aud":"sts.amazonaws.com","exp":1.5e9}`,
		`{"iss":1,"sub":null,"aud":{},"exp":[]}`,
		`{"a":{"b":{"c":[[[[[]]]]]}}}`,
	} {
		f.Add(hdr, payload)
	}
	f.Add(`{"alg":"ES256"}`, `{}`)
	f.Add(`{"alg":"none"}`, `{}`)
	f.Add(`{"alg":"RS256","kid":"x"}`, `[]`)
	f.Fuzz(func(t *testing.T, header, payload string) {
		token := forge(t, is, header, payload, nil)
		w, err := Verify(p, token, t0)
		if err != nil {
			require.Nil(t, w)
			requireWellFormedError(t, err)
			return
		}
		requireGoodIdentity(t, w, p)
		require.Equal(t, ES256, w.Algorithm)
	})
}

// fuzzSAML is the IdP and provider the SAML fuzz targets verify against.
func fuzzSAML(t testing.TB) (*SAMLIdP, *SAMLProvider) {
	idp := newSAMLIdP(t, idpEntity, 1)
	return idp, idp.Provider(samlARN)
}

func requireGoodSAMLIdentity(t *testing.T, id *SAMLIdentity) {
	t.Helper()
	require.NotEmpty(t, id.Subject)
	require.Equal(t, samlRoleARN, id.RoleARN)
	require.Equal(t, idpEntity, id.Issuer)
	require.True(t, validSessionName(id.RoleSessionName))
	require.True(t, isAWSSAMLEndpoint(id.Recipient))
	require.LessOrEqual(t, len(id.Tags), MaxSessionTags)
	require.True(t, id.SessionDuration == 0 || id.SessionDuration >= 15*time.Minute && id.SessionDuration <= 12*time.Hour)
	requireWellFormedKeys(t, id.ContextKeys())
	requireWellFormedKeys(t, id.SessionContextKeys())
}

func samlSeeds(t testing.TB, idp *SAMLIdP) []string {
	full := goodInput()
	full.SessionDuration = 3600
	full.SourceIdentity = "DiegoRamirez"
	full.Tags = []Tag{{"Project", "Automation"}}
	full.TransitiveTagKeys = []string{"Project"}
	full.Attributes = []Attribute{{Name: "urn:oid:1.3.6.1.4.1.5923.1.1.1.1", Values: []string{"staff"}}}
	return []string{assertion(t, idp, goodInput()), assertion(t, idp, full)}
}

// FuzzVerifySAML feeds whole SAML responses, as raw XML, to VerifySAML.
//
// The SAML seeds are a few kilobytes, and the fuzzer minimizes every new
// interesting input for up to a minute by default; add
// -fuzzminimizetime=3s to spend the time fuzzing instead.
func FuzzVerifySAML(f *testing.F) {
	idp, p := fuzzSAML(f)
	for _, s := range samlSeeds(f, idp) {
		f.Add(decode(f, s))
	}
	f.Add(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`)
	f.Add(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><samlp:Status><samlp:StatusCode Value="x"/></samlp:Status></samlp:Response>`)
	f.Fuzz(func(t *testing.T, xml string) {
		id, err := VerifySAML(p, samlRoleARN, base64.StdEncoding.EncodeToString([]byte(xml)), t0)
		if err != nil {
			require.Nil(t, id)
			requireWellFormedError(t, err)
			return
		}
		requireGoodSAMLIdentity(t, id)
	})
}

// FuzzVerifySAMLAssertion wraps an arbitrary Assertion in a Response and
// signs it with the IdP's key, so the fuzzer reaches the checks behind the
// signature.
func FuzzVerifySAMLAssertion(f *testing.F) {
	idp, p := fuzzSAML(f)
	for _, s := range samlSeeds(f, idp) {
		x := decode(f, s)
		i := strings.Index(x, "<saml:Assertion ")
		j := strings.Index(x, "</saml:Assertion>") + len("</saml:Assertion>")
		f.Add(x[i:j])
	}
	f.Add(`<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"/>`)
	f.Fuzz(func(t *testing.T, a string) {
		x := `<samlp:Response xmlns:samlp="` + NSProtocol + `"><samlp:Status><samlp:StatusCode Value="` + StatusSuccess + `"/></samlp:Status>` +
			a + `<s:AssertionSignature xmlns:s="` + NSSignature + `" Algorithm="` + SignatureAlgorithm + `">` +
			base64.StdEncoding.EncodeToString(ed25519.Sign(idp.key, []byte(a))) + `</s:AssertionSignature></samlp:Response>`
		id, err := VerifySAML(p, samlRoleARN, base64.StdEncoding.EncodeToString([]byte(x)), t0)
		if err != nil {
			require.Nil(t, id)
			requireWellFormedError(t, err)
			return
		}
		requireGoodSAMLIdentity(t, id)
	})
}

// FuzzParseJWKS: ParseJWKS never panics, and the keys it returns are usable.
func FuzzParseJWKS(f *testing.F) {
	is, _ := fuzzIssuer(f)
	f.Add(string(is.JWKS()))
	f.Add(`{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}`)
	f.Add(`{"keys":[{"kty":"RSA","e":"AQAB","n":"AQAB"}]}`)
	f.Fuzz(func(t *testing.T, doc string) {
		keys, err := ParseJWKS([]byte(doc))
		if err != nil {
			requireWellFormedError(t, err)
			return
		}
		for _, k := range keys {
			require.Empty(t, checkPublicKey(k.Public))
			_, err := Thumbprint(k.Public)
			require.NoError(t, err)
		}
	})
}

// FuzzNewSAMLProvider: reading a metadata document never panics, and a
// provider it returns is valid.
func FuzzNewSAMLProvider(f *testing.F) {
	idp, _ := fuzzSAML(f)
	doc, err := idp.Metadata(t0, time.Time{})
	require.NoError(f, err)
	f.Add(doc)
	f.Add(`<!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>` + strings.Repeat(" ", 1000))
	f.Fuzz(func(t *testing.T, doc string) {
		p, err := NewSAMLProvider(samlARN, doc)
		if err != nil {
			require.Nil(t, p)
			requireWellFormedError(t, err)
			return
		}
		require.NoError(t, p.Validate())
	})
}
