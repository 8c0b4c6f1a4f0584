package federation_test

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/federation"
)

// now is the examples' clock.
var now = time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)

// random is a reproducible random source, so the examples' keys and IDs are
// the same on every run.
func random(seed byte) *rand.ChaCha8 { return rand.NewChaCha8([32]byte{seed}) }

// A GitHub Actions workflow exchanges its OIDC token for a role session
// (id_roles_create_for-idp_oidc.md, "Configuring a role for GitHub OIDC
// identity provider").
func ExampleVerify() {
	github, _ := federation.NewIssuer("https://token.actions.githubusercontent.com", random(1))
	provider := &federation.OIDCProvider{
		Account:      "123456789012",
		URL:          github.URL(),
		ClientIDList: []string{"sts.amazonaws.com"},
		Keys:         github.Keys(),
	}
	token, _ := github.Token(federation.Claims{
		"sub": "repo:octo-org/octo-repo:ref:refs/heads/main",
		"aud": "sts.amazonaws.com",
	}, now)

	id, err := federation.Verify(provider, token, now.Add(time.Minute))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Principal:", id.Principal)
	fmt.Println("SubjectFromWebIdentityToken:", id.Subject)
	for _, k := range id.ContextKeys() {
		fmt.Println(k.Key, k.Type, k.Values)
	}
	// Output:
	// Principal: arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com
	// SubjectFromWebIdentityToken: repo:octo-org/octo-repo:ref:refs/heads/main
	// token.actions.githubusercontent.com:aud string [sts.amazonaws.com]
	// token.actions.githubusercontent.com:sub string [repo:octo-org/octo-repo:ref:refs/heads/main]
}

// Errors carry STS's codes; errors.Is tells them apart.
func ExampleVerify_expired() {
	issuer, _ := federation.NewIssuer("https://server.example.com", random(2))
	provider := &federation.OIDCProvider{Account: "123456789012", URL: issuer.URL(), ClientIDList: []string{"app"}, Keys: issuer.Keys()}
	token, _ := issuer.Token(federation.Claims{"sub": "user-1", "aud": "app"}, now)

	_, err := federation.Verify(provider, token, now.Add(2*time.Hour))
	fmt.Println(errors.Is(err, federation.ErrExpiredToken))
	fmt.Println(err)
	var e *federation.Error
	if errors.As(err, &e) {
		fmt.Println(e.Claim, e.Code.HTTPStatus())
	}
	// Output:
	// true
	// ExpiredTokenException: Token expired: current date/time 1717250400 must be before the expiration date/time 1717246800
	// exp 400
}

// Session tags and a source identity travel in the token's AWS claims
// (id_session-tags.md).
func ExampleSessionTagsClaim() {
	cognito, _ := federation.NewIssuer("https://cognito-identity.amazonaws.com", random(3))
	provider := &federation.OIDCProvider{Account: "123456789012", URL: cognito.URL(), Keys: cognito.Keys()}
	token, _ := cognito.Token(federation.Claims{
		"sub": "us-east-2:11111111-2222-3333-4444-555555555555",
		"aud": "us-east-2:12345678-abcd-abcd-abcd-123456",
		"amr": []string{"authenticated", "accounts.google.com"},
		federation.ClaimTags: federation.SessionTagsClaim(
			[]federation.Tag{{Key: "Project", Value: "Automation"}, {Key: "CostCenter", Value: "987654"}},
			[]string{"Project"}),
		federation.ClaimSourceIdentity: "Admin",
	}, now)

	id, err := federation.Verify(provider, token, now)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Principal:", id.Principal)
	for _, k := range id.ContextKeys() {
		fmt.Println(k.Key, k.Type, k.Values)
	}
	// Output:
	// Principal: cognito-identity.amazonaws.com
	// aws:RequestTag/CostCenter string [987654]
	// aws:RequestTag/Project string [Automation]
	// aws:TagKeys stringList [CostCenter Project]
	// cognito-identity.amazonaws.com:amr stringList [authenticated accounts.google.com]
	// cognito-identity.amazonaws.com:aud string [us-east-2:12345678-abcd-abcd-abcd-123456]
	// cognito-identity.amazonaws.com:sub string [us-east-2:11111111-2222-3333-4444-555555555555]
	// sts:SourceIdentity string [Admin]
	// sts:TransitiveTagKeys stringList [Project]
}

// A token is three base64url parts; the payload holds the claims, with iss,
// iat and exp filled in.
func ExampleIssuer_Token() {
	google, _ := federation.NewIssuer("accounts.google.com", random(4))
	token, _ := google.Token(federation.Claims{"sub": "110169484474386276334", "aud": "web-client", "azp": "android-client"}, now)
	parts := strings.Split(token, ".")
	header, _ := base64.RawURLEncoding.DecodeString(parts[0])
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	fmt.Println(strings.Replace(string(header), google.KeyID(), "KID", 1))
	fmt.Println(string(payload))
	// Output:
	// {"alg":"ES256","kid":"KID","typ":"JWT"}
	// {"aud":"web-client","azp":"android-client","exp":1717246800,"iat":1717243200,"iss":"accounts.google.com","sub":"110169484474386276334"}
}

// AWS looks the provider up by the token's issuer.
func ExampleFindOIDCProvider() {
	github, _ := federation.NewIssuer("https://token.actions.githubusercontent.com", random(1))
	providers := []*federation.OIDCProvider{
		{Account: "123456789012", URL: "accounts.google.com"},
		{Account: "123456789012", URL: github.URL(), ClientIDList: []string{"sts.amazonaws.com"}, Keys: github.Keys()},
	}
	token, _ := github.Token(federation.Claims{"sub": "repo:o/r:ref:refs/heads/main", "aud": "sts.amazonaws.com"}, now)
	p, err := federation.FindOIDCProvider(providers, token)
	fmt.Println(p.ARN(), err)

	other, _ := federation.NewIssuer("https://server.example.com", random(2))
	token, _ = other.Token(federation.Claims{"sub": "u", "aud": "a"}, now)
	_, err = federation.FindOIDCProvider(providers, token)
	fmt.Println(err)
	// Output:
	// arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com <nil>
	// InvalidIdentityToken: No OpenIDConnect provider found in your account for "https://server.example.com"
}

// An IdP maps a user to a role; AWS checks the assertion and sets the saml:
// keys the role's trust policy tests (id_roles_providers_saml.md).
func ExampleVerifySAML() {
	idp, _ := federation.NewSAMLIdP("https://openidp.feide.no", random(5))
	provider := idp.Provider("arn:aws:iam::123456789012:saml-provider/ExampleOrgSSOProvider")
	role := "arn:aws:iam::123456789012:role/SAMLTestRole"
	response, _ := idp.Assertion(federation.AssertionInput{
		Subject:         "_cbb88bf52c2510eabe00c1642d4643f41430fe25e3",
		Roles:           []string{role + "," + provider.ARN},
		RoleSessionName: "jdoe@example.com",
		Tags:            []federation.Tag{{Key: "Department", Value: "Engineering"}},
		Attributes: []federation.Attribute{
			{Name: "urn:oid:1.3.6.1.4.1.5923.1.1.1.1", FriendlyName: "eduPersonAffiliation", Values: []string{"staff", "member"}},
		},
	}, now)

	id, err := federation.VerifySAML(provider, role, response, now.Add(time.Minute))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, k := range id.ContextKeys() {
		fmt.Println(k.Key, k.Type, k.Values)
	}
	// The keys convert to the evaluator's context entries.
	var ctx eval.Context
	for _, k := range id.ContextKeys() {
		ctx.Entries = append(ctx.Entries, eval.Entry(k))
	}
	fmt.Println(ctx.ContextValues("SAML:Aud"))
	// Output:
	// aws:RequestTag/Department string [Engineering]
	// aws:TagKeys stringList [Department]
	// saml:aud string [https://signin.aws.amazon.com/saml]
	// saml:doc string [123456789012/ExampleOrgSSOProvider]
	// saml:edupersonaffiliation stringList [staff member]
	// saml:iss string [https://openidp.feide.no]
	// saml:namequalifier string [m0kCgQ8F6tbQLWzo1qQu9ng//Us=]
	// saml:sub string [_cbb88bf52c2510eabe00c1642d4643f41430fe25e3]
	// saml:sub_type string [persistent]
	// sts:RoleSessionName string [jdoe@example.com]
	// [https://signin.aws.amazon.com/saml] true
}

// An assertion that maps the user to another role is refused as AWS refuses
// it (troubleshoot_saml.md).
func ExampleVerifySAML_wrongRole() {
	idp, _ := federation.NewSAMLIdP("https://idp.example.com", random(6))
	provider := idp.Provider("arn:aws:iam::123456789012:saml-provider/Example")
	response, _ := idp.Assertion(federation.AssertionInput{
		Subject:         "jdoe",
		Roles:           []string{"arn:aws:iam::123456789012:role/ReadOnly," + provider.ARN},
		RoleSessionName: "jdoe",
	}, now)
	_, err := federation.VerifySAML(provider, "arn:aws:iam::123456789012:role/Admin", response, now)
	fmt.Println(err)
	// Output:
	// AccessDenied: Not authorized to perform sts:AssumeRoleWithSAML: the assertion's Role attribute does not pair "arn:aws:iam::123456789012:role/Admin" with arn:aws:iam::123456789012:saml-provider/Example
}

// CreateSAMLProvider takes the IdP's metadata document
// (id_roles_providers_create_saml.md).
func ExampleNewSAMLProvider() {
	idp, _ := federation.NewSAMLIdP("https://idp.example.com/saml", random(7))
	metadata, _ := idp.Metadata(now, now.AddDate(1, 0, 0))
	provider, err := federation.NewSAMLProvider("arn:aws:iam::123456789012:saml-provider/Example", metadata)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(provider.EntityID, provider.ValidUntil, len(provider.SigningKeys))
	fmt.Println(provider.Account(), provider.Name())
	// Output:
	// https://idp.example.com/saml 2025-06-01 12:00:00 +0000 UTC 1
	// 123456789012 Example
}

// The pseudocode of id_roles_providers_saml.md.
func ExampleNameQualifier() {
	fmt.Println(federation.NameQualifier("https://example.com/saml", "123456789012", "MySAMLIdP"))
	// Output: 1uAJanUnBc2XeUkHURMht+xam2c=
}

func ExampleSubjectType() {
	fmt.Println(federation.SubjectType("urn:oasis:names:tc:SAML:2.0:nameid-format:transient"))
	fmt.Println(federation.SubjectType("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"))
	// Output:
	// transient
	// urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress
}

func ExampleSAMLAttributeKey() {
	fmt.Println(federation.SAMLAttributeKey("urn:oid:1.3.6.1.4.1.5923.1.1.1.1"))
	fmt.Println(federation.SAMLAttributeKey("urn:oid:1.3.6.1.4.1.5923.1.1.1.6"))
	fmt.Println(federation.SAMLAttributeKey("urn:example:custom"))
	// Output:
	// saml:edupersonaffiliation true true
	// saml:edupersonprincipalname false true
	//  false false
}

// RFC 8037 appendix A.3: an Ed25519 key in a JWKS and its thumbprint.
func ExampleParseJWKS() {
	keys, err := federation.ParseJWKS([]byte(`{"keys": [{"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(federation.Thumbprint(keys[0].Public))
	// Output: kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k <nil>
}
