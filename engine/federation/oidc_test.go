package federation

import (
	"crypto"
	"crypto/elliptic"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/eval"
)

const githubSub = "repo:octo-org/octo-repo:ref:refs/heads/main"

func githubClaims() Claims {
	return Claims{"sub": githubSub, "aud": "sts.amazonaws.com"}
}

// id_roles_create_for-idp_oidc.md, "Configuring a role for GitHub OIDC
// identity provider": the provider ARN is the principal, and the aud and sub
// keys carry the token's claims.
func TestVerifyGitHub(t *testing.T) {
	is := newIssuer(t, githubURL, 1)
	p := providerFor(is, "sts.amazonaws.com")
	tok := mint(t, is, Claims{
		"sub": githubSub, "aud": "sts.amazonaws.com",
		ClaimSourceIdentity: "octocat",
		ClaimTags:           SessionTagsClaim([]Tag{{"Repo", "octo-repo"}, {"Branch", "main"}}, []string{"Repo"}),
	})
	w, err := Verify(p, tok, t0.Add(10*time.Minute))
	require.NoError(t, err)

	assert.Equal(t, "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com", w.Principal)
	assert.Equal(t, "token.actions.githubusercontent.com", w.ProviderName)
	assert.Equal(t, githubURL, w.Issuer)
	assert.Equal(t, githubSub, w.Subject)
	assert.Equal(t, []string{"sts.amazonaws.com"}, w.Audience)
	assert.Equal(t, "sts.amazonaws.com", w.ClientID)
	assert.Equal(t, "octocat", w.SourceIdentity)
	assert.Equal(t, []Tag{{"Branch", "main"}, {"Repo", "octo-repo"}}, w.Tags)
	assert.Equal(t, []string{"Repo"}, w.TransitiveTagKeys)
	assert.Equal(t, t0, w.IssuedAt)
	assert.Equal(t, t0.Add(time.Hour), w.ExpiresAt)
	assert.True(t, w.NotBefore.IsZero())
	assert.Equal(t, is.KeyID(), w.KeyID)
	assert.Equal(t, ES256, w.Algorithm)

	assert.Equal(t, []ContextKey{
		{"aws:RequestTag/Branch", eval.String, []string{"main"}},
		{"aws:RequestTag/Repo", eval.String, []string{"octo-repo"}},
		{"aws:TagKeys", eval.StringList, []string{"Branch", "Repo"}},
		{"sts:SourceIdentity", eval.String, []string{"octocat"}},
		{"sts:TransitiveTagKeys", eval.StringList, []string{"Repo"}},
		{"token.actions.githubusercontent.com:aud", eval.String, []string{"sts.amazonaws.com"}},
		{"token.actions.githubusercontent.com:sub", eval.String, []string{githubSub}},
	}, w.ContextKeys())
	assert.Equal(t, []ContextKey{
		{"aws:FederatedProvider", eval.String, []string{"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}},
		{"token.actions.githubusercontent.com:aud", eval.String, []string{"sts.amazonaws.com"}},
		{"token.actions.githubusercontent.com:sub", eval.String, []string{githubSub}},
	}, w.SessionContextKeys())

	// A ContextKey converts to the evaluator's entry.
	e := eval.Entry(w.ContextKeys()[0])
	assert.Equal(t, "aws:RequestTag/Branch", e.Key)
}

// reference_policies_iam-condition-keys.md, "Available keys for AWS web
// identity federation": each built-in provider's keys.
func TestContextKeysPerProvider(t *testing.T) {
	cases := []struct {
		name    string
		url     string
		claims  Claims
		keys    []ContextKey
		session []ContextKey
	}{
		{
			name:   "Cognito: aud, sub and the multivalued amr",
			url:    "https://cognito-identity.amazonaws.com",
			claims: Claims{"sub": "us-east-2:1111", "aud": "us-east-2:pool", "amr": []string{"authenticated", "graph.facebook.com"}},
			keys: []ContextKey{
				{"cognito-identity.amazonaws.com:amr", eval.StringList, []string{"authenticated", "graph.facebook.com"}},
				{"cognito-identity.amazonaws.com:aud", eval.String, []string{"us-east-2:pool"}},
				{"cognito-identity.amazonaws.com:sub", eval.String, []string{"us-east-2:1111"}},
			},
			session: []ContextKey{
				{"aws:FederatedProvider", eval.String, []string{"cognito-identity.amazonaws.com"}},
				{"cognito-identity.amazonaws.com:amr", eval.StringList, []string{"authenticated", "graph.facebook.com"}},
				{"cognito-identity.amazonaws.com:aud", eval.String, []string{"us-east-2:pool"}},
				{"cognito-identity.amazonaws.com:sub", eval.String, []string{"us-east-2:1111"}},
			},
		},
		{
			name:   "Cognito: an unauthenticated guest's keys do not stay with the session",
			url:    "cognito-identity.amazonaws.com",
			claims: Claims{"sub": "us-east-2:2222", "aud": "us-east-2:pool", "amr": []string{"unauthenticated"}},
			keys: []ContextKey{
				{"cognito-identity.amazonaws.com:amr", eval.StringList, []string{"unauthenticated"}},
				{"cognito-identity.amazonaws.com:aud", eval.String, []string{"us-east-2:pool"}},
				{"cognito-identity.amazonaws.com:sub", eval.String, []string{"us-east-2:2222"}},
			},
			session: []ContextKey{{"aws:FederatedProvider", eval.String, []string{"cognito-identity.amazonaws.com"}}},
		},
		{
			name:   "Google without azp: aud and oaud are both the aud",
			url:    "https://accounts.google.com",
			claims: Claims{"sub": "110169484474386276334", "aud": "aud-value"},
			keys: []ContextKey{
				{"accounts.google.com:aud", eval.String, []string{"aud-value"}},
				{"accounts.google.com:oaud", eval.String, []string{"aud-value"}},
				{"accounts.google.com:sub", eval.String, []string{"110169484474386276334"}},
			},
			session: []ContextKey{
				{"accounts.google.com:aud", eval.String, []string{"aud-value"}},
				{"accounts.google.com:sub", eval.String, []string{"110169484474386276334"}},
				{"aws:FederatedProvider", eval.String, []string{"accounts.google.com"}},
			},
		},
		{
			name:   "Google with azp: aud is the azp, oaud the aud",
			url:    "accounts.google.com",
			claims: Claims{"sub": "110169484474386276334", "aud": "aud-value", "azp": "azp-value"},
			keys: []ContextKey{
				{"accounts.google.com:aud", eval.String, []string{"azp-value"}},
				{"accounts.google.com:oaud", eval.String, []string{"aud-value"}},
				{"accounts.google.com:sub", eval.String, []string{"110169484474386276334"}},
			},
			session: []ContextKey{
				{"accounts.google.com:aud", eval.String, []string{"azp-value"}},
				{"accounts.google.com:sub", eval.String, []string{"110169484474386276334"}},
				{"aws:FederatedProvider", eval.String, []string{"accounts.google.com"}},
			},
		},
		{
			name:   "Facebook: app_id and id",
			url:    "graph.facebook.com",
			claims: Claims{"sub": "10153", "aud": "111222333444555"},
			keys: []ContextKey{
				{"graph.facebook.com:app_id", eval.String, []string{"111222333444555"}},
				{"graph.facebook.com:id", eval.String, []string{"10153"}},
			},
			session: []ContextKey{
				{"aws:FederatedProvider", eval.String, []string{"graph.facebook.com"}},
				{"graph.facebook.com:app_id", eval.String, []string{"111222333444555"}},
				{"graph.facebook.com:id", eval.String, []string{"10153"}},
			},
		},
		{
			name:   "Login with Amazon: app_id and user_id (id_roles_providers_oidc_user-id.md)",
			url:    "www.amazon.com",
			claims: Claims{"sub": "amzn1.account.AF", "aud": "amzn1.application-oa2-123456"},
			keys: []ContextKey{
				{"www.amazon.com:app_id", eval.String, []string{"amzn1.application-oa2-123456"}},
				{"www.amazon.com:user_id", eval.String, []string{"amzn1.account.AF"}},
			},
			session: []ContextKey{
				{"aws:FederatedProvider", eval.String, []string{"www.amazon.com"}},
				{"www.amazon.com:app_id", eval.String, []string{"amzn1.application-oa2-123456"}},
				{"www.amazon.com:user_id", eval.String, []string{"amzn1.account.AF"}},
			},
		},
		{
			name:   "EKS: a multivalued aud is a list, and azp and amr have keys (access-analyzer-reference-policy-checks.md)",
			url:    "https://oidc.eks.us-east-1.amazonaws.com/id/111122223333",
			claims: Claims{"sub": "system:serviceaccount:default:assumer", "aud": []string{"sts.amazonaws.com", "other"}, "azp": "client", "amr": []string{"pwd"}},
			keys: []ContextKey{
				{"oidc.eks.us-east-1.amazonaws.com/id/111122223333:amr", eval.StringList, []string{"pwd"}},
				{"oidc.eks.us-east-1.amazonaws.com/id/111122223333:aud", eval.StringList, []string{"sts.amazonaws.com", "other"}},
				{"oidc.eks.us-east-1.amazonaws.com/id/111122223333:azp", eval.String, []string{"client"}},
				{"oidc.eks.us-east-1.amazonaws.com/id/111122223333:sub", eval.String, []string{"system:serviceaccount:default:assumer"}},
			},
			session: []ContextKey{
				{"aws:FederatedProvider", eval.String, []string{"arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/111122223333"}},
				{"oidc.eks.us-east-1.amazonaws.com/id/111122223333:amr", eval.StringList, []string{"pwd"}},
				{"oidc.eks.us-east-1.amazonaws.com/id/111122223333:aud", eval.StringList, []string{"sts.amazonaws.com", "other"}},
				{"oidc.eks.us-east-1.amazonaws.com/id/111122223333:sub", eval.String, []string{"system:serviceaccount:default:assumer"}},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := newIssuer(t, tc.url, 2)
			p := providerFor(is)
			if !IsBuiltIn(tc.url) {
				p.ClientIDList = []string{"sts.amazonaws.com"}
			}
			w, err := Verify(p, mint(t, is, tc.claims), t0)
			require.NoError(t, err)
			assert.Equal(t, tc.keys, w.ContextKeys())
			assert.Equal(t, tc.session, w.SessionContextKeys())
		})
	}
}

// id_roles_create_for-idp_oidc.md: built-in providers are trusted by name,
// others by their ARN.
func TestPrincipal(t *testing.T) {
	for url, want := range map[string]string{
		"accounts.google.com":                         "accounts.google.com",
		"https://accounts.google.com":                 "accounts.google.com",
		"https://cognito-identity.amazonaws.com":      "cognito-identity.amazonaws.com",
		"graph.facebook.com":                          "graph.facebook.com",
		"www.amazon.com":                              "www.amazon.com",
		"https://server.example.com":                  "arn:aws:iam::123456789012:oidc-provider/server.example.com",
		"https://token.actions.githubusercontent.com": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
		"https://example.com/tenant/v2":               "arn:aws:iam::123456789012:oidc-provider/example.com/tenant/v2",
	} {
		p := &OIDCProvider{Account: testAccount, URL: url}
		assert.Equal(t, want, p.Principal(), url)
	}
}

// The issuer matches the provider URL with or without https://; Google
// issues both forms.
func TestVerifyIssuerWithOrWithoutScheme(t *testing.T) {
	for _, tc := range []struct{ provider, iss string }{
		{"https://accounts.google.com", "accounts.google.com"},
		{"accounts.google.com", "https://accounts.google.com"},
		{"https://server.example.com", "server.example.com"},
		{"https://server.example.com", "HTTPS://server.example.com"},
	} {
		t.Run(tc.provider+" "+tc.iss, func(t *testing.T) {
			is := newIssuer(t, tc.provider, 3)
			p := providerFor(is, "app")
			w, err := Verify(p, mint(t, is, Claims{"sub": "user-1", "aud": "app", "iss": tc.iss}), t0)
			require.NoError(t, err)
			assert.Equal(t, tc.iss, w.Issuer)
		})
	}
}

// The STS API model: tokens signed with RS256 … ES512 (and iamlab's EdDSA).
func TestVerifyAlgorithms(t *testing.T) {
	keys := map[string]crypto.Signer{
		RS256: testRSAKey(t),
		ES256: testECKey(t, elliptic.P256(), 7),
		ES384: testECKey(t, elliptic.P384(), 7),
		ES512: testECKey(t, elliptic.P521(), 7),
		EdDSA: testEdKey(7),
	}
	for alg, key := range keys {
		t.Run(alg, func(t *testing.T) {
			is, err := NewIssuerWithKey("https://server.example.com", key)
			require.NoError(t, err)
			assert.Equal(t, alg, is.Algorithm())
			p := providerFor(is, "app")
			tok := mint(t, is, Claims{"sub": "user-1", "aud": "app"})
			// Signatures are deterministic: the same claims, the same token.
			assert.Equal(t, tok, mint(t, is, Claims{"sub": "user-1", "aud": "app"}))
			w, err := Verify(p, tok, t0)
			require.NoError(t, err)
			assert.Equal(t, alg, w.Algorithm)

			// Registered through its JWKS, the key verifies as well.
			jwks, err := ParseJWKS(is.JWKS())
			require.NoError(t, err)
			p.Keys = jwks
			_, err = Verify(p, tok, t0)
			require.NoError(t, err)
		})
	}
}

func TestVerifyRSAVariants(t *testing.T) {
	key := testRSAKey(t)
	is, err := NewIssuerWithKey("https://server.example.com", key)
	require.NoError(t, err)
	for _, alg := range []string{RS384, RS512} {
		t.Run(alg, func(t *testing.T) {
			s := signer{alg: alg, key: key}
			input := b64url.EncodeToString([]byte(`{"alg":"`+alg+`"}`)) + "." +
				b64url.EncodeToString([]byte(`{"iss":"https://server.example.com","sub":"u","aud":"app","exp":1717246800}`))
			sig, err := s.sign([]byte(input))
			require.NoError(t, err)
			// No kid: every key that fits the alg is tried. The issuer's
			// own key is pinned to RS256, so register the bare key.
			p := providerFor(is, "app")
			_, err = Verify(p, input+"."+b64url.EncodeToString(sig), t0)
			requireCode(t, err, ErrInvalidIdentityToken, "")
			p.Keys = []Key{{ID: is.KeyID(), Public: key.Public()}}
			w, err := Verify(p, input+"."+b64url.EncodeToString(sig), t0)
			require.NoError(t, err)
			assert.Equal(t, alg, w.Algorithm)
			assert.Equal(t, is.KeyID(), w.KeyID)
		})
	}
}

// A provider may list several keys (key rotation); the kid picks one.
func TestVerifyPicksKeyByKid(t *testing.T) {
	old := newIssuer(t, "https://server.example.com", 4)
	cur := newIssuer(t, "https://server.example.com", 5)
	p := providerFor(cur, "app")
	p.Keys = append(old.Keys(), cur.Keys()...)
	for _, is := range []*Issuer{old, cur} {
		w, err := Verify(p, mint(t, is, Claims{"sub": "u", "aud": "app"}), t0)
		require.NoError(t, err)
		assert.Equal(t, is.KeyID(), w.KeyID)
	}
}

// The leeway applies on both sides of a token's validity.
func TestVerifyLeeway(t *testing.T) {
	is := newIssuer(t, githubURL, 1)
	p := providerFor(is, "sts.amazonaws.com")
	tok := mint(t, is, Claims{"sub": githubSub, "aud": "sts.amazonaws.com", "exp": t0.Add(time.Minute), "nbf": t0, "iat": t0})
	for _, ok := range []time.Time{t0.Add(-Leeway), t0, t0.Add(time.Minute + Leeway - time.Second)} {
		_, err := Verify(p, tok, ok)
		require.NoError(t, err, "at %v", ok)
	}
	_, err := Verify(p, tok, t0.Add(time.Minute+Leeway))
	e := requireCode(t, err, ErrExpiredToken, "exp")
	assert.Equal(t, "Token expired: current date/time 1717243560 must be before the expiration date/time 1717243260", e.Message)
	_, err = Verify(p, tok, t0.Add(-Leeway-time.Second))
	requireCode(t, err, ErrIDPRejectedClaim, "nbf")
}

func TestFindOIDCProvider(t *testing.T) {
	gh := newIssuer(t, githubURL, 1)
	google := newIssuer(t, "accounts.google.com", 2)
	providers := []*OIDCProvider{nil, providerFor(google), providerFor(gh, "sts.amazonaws.com")}
	p, err := FindOIDCProvider(providers, mint(t, gh, githubClaims()))
	require.NoError(t, err)
	assert.Equal(t, githubURL, p.URL)
	p, err = FindOIDCProvider(providers, mint(t, google, Claims{"iss": "https://accounts.google.com", "sub": "1", "aud": "a"}))
	require.NoError(t, err)
	assert.Equal(t, "accounts.google.com", p.URL)

	other := newIssuer(t, "https://server.example.com", 3)
	_, err = FindOIDCProvider(providers, mint(t, other, githubClaims()))
	e := requireCode(t, err, ErrInvalidIdentityToken, "iss")
	assert.Contains(t, e.Message, `No OpenIDConnect provider found in your account for "https://server.example.com"`)
	_, err = FindOIDCProvider(providers, mint(t, other, Claims{"iss": nil}))
	requireCode(t, err, ErrInvalidIdentityToken, "iss")
	_, err = FindOIDCProvider(providers, "ab.cd")
	requireCode(t, err, ErrInvalidIdentityToken, "")
}

// Every way Verify refuses a token, with STS's error code and the claim to
// blame.
func TestVerifyFailures(t *testing.T) {
	is := newIssuer(t, githubURL, 1)
	other := newIssuer(t, githubURL, 9)
	rsaIs, err := NewIssuerWithKey(githubURL, testRSAKey(t))
	require.NoError(t, err)
	good := func() *OIDCProvider { return providerFor(is, "sts.amazonaws.com") }
	claims := func(kv ...any) Claims {
		c := githubClaims()
		for i := 0; i+1 < len(kv); i += 2 {
			c[kv[i].(string)] = kv[i+1]
		}
		return c
	}
	tokenWith := func(kv ...any) string { return mint(t, is, claims(kv...)) }
	tags := func(v any) string { return tokenWith(ClaimTags, v) }
	hdr := `{"alg":"ES256","kid":"` + is.KeyID() + `"}`
	payload := `{"iss":"` + githubURL + `","sub":"s","aud":"sts.amazonaws.com","exp":1717246800}`
	manyTags := map[string]any{}
	for i := range 51 {
		manyTags[fmt.Sprintf("k%02d", i)] = []any{"v"}
	}
	validTok := tokenWith()
	parts := strings.Split(validTok, ".")
	tampered := func() string {
		p, _ := json.Marshal(map[string]any{"iss": githubURL, "sub": "repo:evil/evil:ref:refs/heads/main", "aud": "sts.amazonaws.com", "exp": t0.Add(time.Hour).Unix()})
		return parts[0] + "." + b64url.EncodeToString(p) + "." + parts[2]
	}()

	cases := []struct {
		name     string
		provider func() *OIDCProvider
		token    string
		code     ErrorCode
		claim    string
		msg      string
	}{
		// The STS API model: WebIdentityToken is 4 to 20,000 characters.
		{name: "token too long", token: strings.Repeat("a", MaxTokenLength+1), code: ErrValidation, msg: "Member must have length between 4 and 20000"},
		{name: "token too short", token: "a.b", code: ErrValidation},
		// RFC 7515 compact serialization.
		{name: "two parts", token: parts[0] + "." + parts[1], code: ErrInvalidIdentityToken, msg: "three parts"},
		{name: "four parts", token: validTok + ".x", code: ErrInvalidIdentityToken, msg: "this token has 4"},
		{name: "header not base64url", token: "!!!." + parts[1] + "." + parts[2], code: ErrInvalidIdentityToken, msg: "header is not base64url"},
		{name: "padded base64", token: parts[0] + "=." + parts[1] + "." + parts[2], code: ErrInvalidIdentityToken},
		{name: "header not JSON", token: forge(t, is, `{alg}`, payload, nil), code: ErrInvalidIdentityToken, msg: "header is not valid JSON"},
		{name: "header an array", token: forge(t, is, `["ES256"]`, payload, nil), code: ErrInvalidIdentityToken, msg: "not a JSON object"},
		{name: "header with trailing data", token: forge(t, is, hdr+`{}`, payload, nil), code: ErrInvalidIdentityToken, msg: "data follows"},
		{name: "alg not a string", token: forge(t, is, `{"alg":256}`, payload, nil), code: ErrInvalidIdentityToken, msg: "alg is not a string"},
		{name: "no alg", token: forge(t, is, `{"kid":"x"}`, payload, nil), code: ErrInvalidIdentityToken, msg: "no alg"},
		{name: "alg none", token: forge(t, is, `{"alg":"none"}`, payload, []byte{0}), code: ErrInvalidIdentityToken, msg: "unsigned (alg none)"},
		{name: "alg HS256", token: forge(t, is, `{"alg":"HS256"}`, payload, []byte{0}), code: ErrInvalidIdentityToken, msg: `"HS256" is not supported`},
		{name: "critical header", token: forge(t, is, `{"alg":"ES256","crit":["exp"]}`, payload, nil), code: ErrInvalidIdentityToken, msg: "crit"},
		{name: "payload not base64url", token: parts[0] + ".@@." + parts[2], code: ErrInvalidIdentityToken, msg: "payload is not base64url"},
		{name: "payload not JSON", token: forge(t, is, hdr, `{"sub":`, nil), code: ErrInvalidIdentityToken, msg: "payload is not valid JSON"},
		{name: "payload a string", token: forge(t, is, hdr, `"sub"`, nil), code: ErrInvalidIdentityToken, msg: "payload is not a JSON object"},
		{name: "payload repeats a claim", token: forge(t, is, hdr, `{"iss":"`+githubURL+`","sub":"a","sub":"b","aud":"sts.amazonaws.com","exp":1717246800}`, nil), code: ErrInvalidIdentityToken, msg: `member "sub" appears twice`},
		{name: "payload nested too deep", token: forge(t, is, hdr, `{"x":`+strings.Repeat("[", 40)+strings.Repeat("]", 40)+`}`, nil), code: ErrInvalidIdentityToken, msg: "nested more than"},
		{name: "signature not base64url", token: parts[0] + "." + parts[1] + ".***", code: ErrInvalidIdentityToken, msg: "signature is not base64url"},
		{name: "no signature", token: parts[0] + "." + parts[1] + ".", code: ErrInvalidIdentityToken, msg: "no signature"},
		// iss is the provider's URL (id_roles_providers_create_oidc.md).
		{name: "other issuer", token: mint(t, newIssuer(t, "https://server.example.com", 1), githubClaims()), code: ErrInvalidIdentityToken, claim: "iss", msg: "No OpenIDConnect provider found"},
		{name: "http issuer", token: tokenWith("iss", "http://token.actions.githubusercontent.com"), code: ErrInvalidIdentityToken, claim: "iss"},
		{name: "issuer with a trailing slash", token: tokenWith("iss", githubURL+"/"), code: ErrInvalidIdentityToken, claim: "iss"},
		{name: "no issuer", token: tokenWith("iss", nil), code: ErrInvalidIdentityToken, claim: "iss", msg: "no iss"},
		{name: "issuer not a string", token: tokenWith("iss", 7), code: ErrInvalidIdentityToken, claim: "iss"},
		// The provider's keys stand in for its JWKS.
		{name: "provider without keys", provider: func() *OIDCProvider { p := good(); p.Keys = nil; return p }, token: validTok, code: ErrIDPCommunicationError, msg: "JWKS could not be retrieved"},
		{name: "unknown kid", token: mint(t, other, githubClaims()), code: ErrInvalidIdentityToken, msg: "no key with the token's kid"},
		{name: "alg does not fit the kid's key", token: forge(t, rsaIs, `{"alg":"RS256","kid":"`+is.KeyID()+`"}`, payload, nil), code: ErrInvalidIdentityToken, msg: "does not fit"},
		{name: "key pinned to another alg", provider: func() *OIDCProvider {
			p := good()
			p.Keys = []Key{{ID: is.KeyID(), Algorithm: ES384, Public: is.Keys()[0].Public}}
			return p
		}, token: validTok, code: ErrInvalidInput, msg: "does not fit the key"},
		{name: "no kid and no key for the alg", token: forge(t, rsaIs, `{"alg":"RS256"}`, payload, nil), code: ErrInvalidIdentityToken, msg: "no key for its alg RS256"},
		{name: "tampered payload", token: tampered, code: ErrInvalidIdentityToken, msg: "signature does not verify"},
		{name: "signed by another key under the right kid", token: forge(t, other, `{"alg":"ES256","kid":"`+is.KeyID()+`"}`, payload, nil), code: ErrInvalidIdentityToken, msg: "signature does not verify"},
		{name: "ECDSA signature of the wrong size", token: forge(t, is, hdr, payload, []byte{1, 2, 3}), code: ErrInvalidIdentityToken, msg: "signature does not verify"},
		// Required claims.
		{name: "no sub", token: tokenWith("sub", nil), code: ErrInvalidIdentityToken, claim: "sub", msg: "no sub"},
		{name: "empty sub", token: tokenWith("sub", ""), code: ErrInvalidIdentityToken, claim: "sub"},
		{name: "sub not a string", token: tokenWith("sub", 42), code: ErrInvalidIdentityToken, claim: "sub"},
		{name: "no aud", token: tokenWith("aud", nil), code: ErrInvalidIdentityToken, claim: "aud", msg: "no aud"},
		{name: "empty aud array", token: tokenWith("aud", []string{}), code: ErrInvalidIdentityToken, claim: "aud"},
		{name: "aud array with a number", token: tokenWith("aud", []any{"sts.amazonaws.com", 1}), code: ErrInvalidIdentityToken, claim: "aud"},
		{name: "aud an object", token: tokenWith("aud", map[string]any{}), code: ErrInvalidIdentityToken, claim: "aud"},
		{name: "azp not a string", token: tokenWith("azp", true), code: ErrInvalidIdentityToken, claim: "azp"},
		{name: "amr not strings", token: tokenWith("amr", []any{1}), code: ErrInvalidIdentityToken, claim: "amr"},
		// Times: integers (the STS API model), and exp, nbf, iat against now.
		{name: "no exp", token: tokenWith("exp", nil), code: ErrInvalidIdentityToken, claim: "exp", msg: "no exp"},
		{name: "exp a fraction", token: tokenWith("exp", 1717246800.5), code: ErrInvalidIdentityToken, claim: "exp", msg: "not an integer"},
		{name: "exp a string", token: tokenWith("exp", "1717246800"), code: ErrInvalidIdentityToken, claim: "exp", msg: "not a number"},
		{name: "exp negative", token: tokenWith("exp", -1), code: ErrInvalidIdentityToken, claim: "exp", msg: "out of range"},
		{name: "exp past year 9999", token: tokenWith("exp", int64(maxUnix+1)), code: ErrInvalidIdentityToken, claim: "exp"},
		{name: "exp huge", token: tokenWith("exp", json.Number("1e400")), code: ErrInvalidIdentityToken, claim: "exp"},
		{name: "expired", token: tokenWith("exp", t0.Add(-Leeway)), code: ErrExpiredToken, claim: "exp", msg: "Token expired"},
		{name: "not valid yet", token: tokenWith("nbf", t0.Add(Leeway+time.Second)), code: ErrIDPRejectedClaim, claim: "nbf"},
		{name: "nbf a string", token: tokenWith("nbf", "soon"), code: ErrInvalidIdentityToken, claim: "nbf"},
		{name: "issued in the future", token: tokenWith("iat", t0.Add(Leeway+time.Second)), code: ErrIDPRejectedClaim, claim: "iat"},
		{name: "issued after it expires", token: tokenWith("iat", t0.Add(time.Minute), "exp", t0), code: ErrInvalidIdentityToken, claim: "iat"},
		// The audience is a client ID of the provider.
		{name: "wrong audience", token: tokenWith("aud", "someone-else"), code: ErrInvalidIdentityToken, claim: "aud", msg: "Incorrect token audience"},
		// id_credentials_temp_control-access_monitor.md: source identity.
		{name: "source identity with aws: prefix", token: tokenWith(ClaimSourceIdentity, "aws:admin"), code: ErrInvalidIdentityToken, claim: ClaimSourceIdentity, msg: "Source Identity must match"},
		{name: "source identity too short", token: tokenWith(ClaimSourceIdentity, "a"), code: ErrInvalidIdentityToken, claim: ClaimSourceIdentity},
		{name: "source identity with a space", token: tokenWith(ClaimSourceIdentity, "Diego Ramirez"), code: ErrInvalidIdentityToken, claim: ClaimSourceIdentity},
		{name: "source identity not a string", token: tokenWith(ClaimSourceIdentity, []string{"x"}), code: ErrInvalidIdentityToken, claim: ClaimSourceIdentity},
		// id_session-tags.md: session tags in the token.
		{name: "tags not an object", token: tags("Project=x"), code: ErrInvalidIdentityToken, claim: ClaimTags},
		{name: "tags with an unknown member", token: tags(map[string]any{"principal_tag": map[string]any{}}), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: `member "principal_tag"`},
		{name: "principal_tags not an object", token: tags(map[string]any{"principal_tags": []any{}}), code: ErrInvalidIdentityToken, claim: ClaimTags},
		{name: "tag value a bare string", token: tags(map[string]any{"principal_tags": map[string]any{"Project": "x"}}), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: "exactly one string"},
		{name: "multivalued tag", token: tags(map[string]any{"principal_tags": map[string]any{"Project": []any{"a", "b"}}}), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: "multi-valued"},
		{name: "tag value a number", token: tags(map[string]any{"principal_tags": map[string]any{"Project": []any{1}}}), code: ErrInvalidIdentityToken, claim: ClaimTags},
		{name: "tag key with aws: prefix", token: tags(SessionTagsClaim([]Tag{{"aws:Project", "x"}}, nil)), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: "reserved"},
		{name: "tag value with aws: prefix", token: tags(SessionTagsClaim([]Tag{{"Project", "AWS:x"}}, nil)), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: "reserved"},
		{name: "tag key too long", token: tags(SessionTagsClaim([]Tag{{strings.Repeat("k", 129), "x"}}, nil)), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: "at most 128"},
		{name: "tag value too long", token: tags(SessionTagsClaim([]Tag{{"k", strings.Repeat("v", 257)}}, nil)), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: "at most 256"},
		{name: "tag key with a bad character", token: tags(SessionTagsClaim([]Tag{{"cost*center", "x"}}, nil)), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: "only letters"},
		{name: "empty tag key", token: tags(SessionTagsClaim([]Tag{{"", "x"}}, nil)), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: "cannot be empty"},
		{name: "51 tags", token: tags(map[string]any{"principal_tags": manyTags}), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: "at most 50"},
		{name: "tag keys differing in case", token: tags(SessionTagsClaim([]Tag{{"Project", "a"}, {"project", "b"}}, nil)), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: "not case sensitive"},
		{name: "transitive key without its tag", token: tags(SessionTagsClaim([]Tag{{"Project", "a"}}, []string{"CostCenter"})), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: "is not the key of a session tag"},
		{name: "transitive key twice", token: tags(SessionTagsClaim([]Tag{{"Project", "a"}}, []string{"Project", "project"})), code: ErrInvalidIdentityToken, claim: ClaimTags, msg: "listed twice"},
		{name: "transitive keys not an array", token: tags(map[string]any{"transitive_tag_keys": "Project"}), code: ErrInvalidIdentityToken, claim: ClaimTags},
		{name: "transitive key a number", token: tags(map[string]any{"transitive_tag_keys": []any{1}}), code: ErrInvalidIdentityToken, claim: ClaimTags},
		// IAM's rules for the provider (id_roles_providers_create_oidc.md).
		{name: "nil provider", provider: func() *OIDCProvider { return nil }, token: validTok, code: ErrInvalidInput},
		{name: "provider account", provider: func() *OIDCProvider { p := good(); p.Account = "12345"; return p }, token: validTok, code: ErrInvalidInput, msg: "12-digit"},
		{name: "provider URL not https", provider: func() *OIDCProvider { p := good(); p.URL = "http://token.actions.githubusercontent.com"; return p }, token: validTok, code: ErrInvalidInput, msg: "https://"},
		{name: "provider URL with a port", provider: func() *OIDCProvider { p := good(); p.URL = githubURL + ":443"; return p }, token: validTok, code: ErrInvalidInput, msg: "port"},
		{name: "provider URL with a query", provider: func() *OIDCProvider { p := good(); p.URL = githubURL + "?a=b"; return p }, token: validTok, code: ErrInvalidInput, msg: "query"},
		{name: "provider URL without host", provider: func() *OIDCProvider { p := good(); p.URL = "https:///path"; return p }, token: validTok, code: ErrInvalidInput, msg: "no host"},
		{name: "provider URL too long", provider: func() *OIDCProvider { p := good(); p.URL = "https://" + strings.Repeat("a", 250); return p }, token: validTok, code: ErrInvalidInput},
		{name: "provider without client IDs", provider: func() *OIDCProvider { p := good(); p.ClientIDList = nil; return p }, token: validTok, code: ErrInvalidInput, msg: "at least one"},
		{name: "provider with 101 client IDs", provider: func() *OIDCProvider {
			p := good()
			p.ClientIDList = make([]string, 101)
			return p
		}, token: validTok, code: ErrInvalidInput, msg: "at most 100"},
		{name: "provider with an empty client ID", provider: func() *OIDCProvider { p := good(); p.ClientIDList = []string{""}; return p }, token: validTok, code: ErrInvalidInput},
		{name: "thumbprint with colons", provider: func() *OIDCProvider {
			p := good()
			p.ThumbprintList = []string{"99:0F:41:93:97:2F:2B:EC:F1:2D:DE:DA:52:37:F9:C9:52:F2:0D:9E"}
			return p
		}, token: validTok, code: ErrInvalidInput, msg: "40 hexadecimal digits"},
		{name: "six thumbprints", provider: func() *OIDCProvider {
			p := good()
			p.ThumbprintList = make([]string, 6)
			return p
		}, token: validTok, code: ErrInvalidInput, msg: "at most 5"},
		{name: "provider key not a key", provider: func() *OIDCProvider { p := good(); p.Keys = []Key{{ID: "k", Public: "secret"}}; return p }, token: validTok, code: ErrInvalidInput},
		{name: "two keys with one kid", provider: func() *OIDCProvider {
			p := good()
			p.Keys = append(p.Keys, Key{ID: is.KeyID(), Public: other.Keys()[0].Public})
			return p
		}, token: validTok, code: ErrInvalidInput, msg: "two keys"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := good()
			if tc.provider != nil {
				p = tc.provider()
			}
			w, err := Verify(p, tc.token, t0)
			assert.Nil(t, w)
			e := requireCode(t, err, tc.code, tc.claim)
			assert.Contains(t, e.Message, tc.msg)
		})
	}
}

// Google: the audience checked against the client IDs is the azp when the
// token has one (reference_policies_iam-condition-keys.md).
func TestVerifyGoogleAudience(t *testing.T) {
	is := newIssuer(t, "accounts.google.com", 6)
	p := providerFor(is, "web-client")
	w, err := Verify(p, mint(t, is, Claims{"sub": "1", "aud": "android-client", "azp": "web-client"}), t0)
	require.NoError(t, err)
	assert.Equal(t, "web-client", w.ClientID)
	_, err = Verify(p, mint(t, is, Claims{"sub": "1", "aud": "web-client", "azp": "android-client"}), t0)
	requireCode(t, err, ErrInvalidIdentityToken, "azp")
	// A built-in provider without client IDs accepts any audience.
	p.ClientIDList = nil
	w, err = Verify(p, mint(t, is, Claims{"sub": "1", "aud": "any"}), t0)
	require.NoError(t, err)
	assert.Equal(t, "any", w.ClientID)
}

func TestIssuerErrors(t *testing.T) {
	_, err := NewIssuer(githubURL, failingReader{})
	requireCode(t, err, ErrServiceFailure, "")
	_, err = NewIssuer(githubURL, nil)
	requireCode(t, err, ErrInvalidInput, "")
	_, err = NewIssuer("", seeded(1))
	requireCode(t, err, ErrInvalidInput, "")
	_, err = NewIssuer("https://a b", seeded(1))
	requireCode(t, err, ErrInvalidInput, "")
	_, err = NewIssuerWithKey(githubURL, nil)
	requireCode(t, err, ErrInvalidInput, "")
	_, err = NewIssuerWithKey(githubURL, testECKey(t, elliptic.P224(), 1))
	requireCode(t, err, ErrInvalidInput, "")

	is := newIssuer(t, githubURL, 1)
	_, err = is.Token(Claims{"bad": make(chan int)}, t0)
	requireCode(t, err, ErrInvalidInput, "")
	assert.Equal(t, "Issuer("+githubURL+", ES256 "+is.KeyID()+")", is.String())
}

// The same random bytes make the same issuer, key and tokens.
func TestIssuerIsDeterministic(t *testing.T) {
	a, b := newIssuer(t, githubURL, 1), newIssuer(t, githubURL, 1)
	assert.Equal(t, a.KeyID(), b.KeyID())
	assert.Equal(t, mint(t, a, githubClaims()), mint(t, b, githubClaims()))
	assert.NotEqual(t, a.KeyID(), newIssuer(t, githubURL, 2).KeyID())
}
