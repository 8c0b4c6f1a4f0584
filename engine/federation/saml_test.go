package federation

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/eval"
)

const (
	idpEntity   = "https://openidp.feide.no"
	samlARN     = "arn:aws:iam::123456789012:saml-provider/ExampleOrgSSOProvider"
	samlRoleARN = "arn:aws:iam::123456789012:role/SAMLTestRole"
)

func newSAMLIdP(t testing.TB, entity string, seed byte) *SAMLIdP {
	t.Helper()
	idp, err := NewSAMLIdP(entity, seeded(seed))
	require.NoError(t, err)
	return idp
}

// goodInput is a minimal assertion AWS accepts.
func goodInput() AssertionInput {
	return AssertionInput{
		Subject:         "_cbb88bf52c2510eabe00c1642d4643f41430fe25e3",
		Roles:           []string{samlRoleARN + "," + samlARN},
		RoleSessionName: "jdoe@example.com",
	}
}

func assertion(t testing.TB, idp *SAMLIdP, in AssertionInput) string {
	t.Helper()
	s, err := idp.Assertion(in, t0)
	require.NoError(t, err)
	return s
}

func decode(t testing.TB, s string) string {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(s)
	require.NoError(t, err)
	return string(b)
}

func encode(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// edit changes the decoded response outside the assertion; the signature
// still verifies.
func edit(t testing.TB, s string, old, new string) string {
	t.Helper()
	x := decode(t, s)
	require.Contains(t, x, old)
	return encode(strings.Replace(x, old, new, 1))
}

// resign replaces old with new in the assertion and signs the result again with the IdP's
// key, to mint structurally odd assertions that are properly signed.
func resign(t testing.TB, idp *SAMLIdP, s string, old, new string) string {
	t.Helper()
	x := decode(t, s)
	i := strings.Index(x, "<saml:Assertion ")
	j := strings.Index(x, "</saml:Assertion>") + len("</saml:Assertion>")
	require.True(t, i > 0 && j > i)
	a := x[i:j]
	require.Contains(t, a, old)
	a = strings.ReplaceAll(a, old, new)
	x = x[:i] + a + x[j:]
	k := strings.Index(x, `ed25519-assertion-bytes">`) + len(`ed25519-assertion-bytes">`)
	l := strings.Index(x, "</iamlab:AssertionSignature>")
	sig := base64.StdEncoding.EncodeToString(ed25519.Sign(idp.key, []byte(a)))
	return encode(x[:k] + sig + x[l:])
}

// id_roles_providers_saml.md, "Overview of the role to allow SAML-federated
// access": the sample trust policy tests saml:aud, saml:iss and
// saml:edupersonaffiliation.
func TestVerifySAML(t *testing.T) {
	idp := newSAMLIdP(t, idpEntity, 1)
	p := idp.Provider(samlARN)
	in := goodInput()
	in.Roles = []string{
		"arn:aws:iam::123456789012:role/Other,arn:aws:iam::123456789012:saml-provider/Other",
		samlARN + " , " + samlRoleARN, // either order, spaces forgiven
	}
	in.SessionDuration = 1800
	in.SourceIdentity = "DiegoRamirez"
	in.Tags = []Tag{{"Project", "Automation"}, {"CostCenter", "12345"}}
	in.TransitiveTagKeys = []string{"Project"}
	in.SessionNotOnOrAfter = t0.Add(8 * time.Hour)
	in.Attributes = []Attribute{
		{Name: "urn:oid:1.3.6.1.4.1.5923.1.1.1.1", FriendlyName: "eduPersonAffiliation", Values: []string{"staff", "member"}},
		{Name: "urn:oid:1.3.6.1.4.1.5923.1.1.1.3", Values: []string{"ExampleOrg", "Ignored"}},
		{Name: "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", Values: []string{"jdoe@example.com"}},
		{Name: "0.9.2342.19200300.100.1.3", Values: []string{"second@example.com"}},
		{Name: "urn:example:unmapped", Values: []string{"x"}},
	}
	id, err := VerifySAML(p, samlRoleARN, assertion(t, idp, in), t0.Add(time.Minute))
	require.NoError(t, err)

	assert.Equal(t, samlARN, id.Principal)
	assert.Equal(t, "123456789012", id.Account)
	assert.Equal(t, "ExampleOrgSSOProvider", id.ProviderName)
	assert.Equal(t, idpEntity, id.Issuer)
	assert.Equal(t, AWSSAMLEndpoint, id.Recipient)
	assert.Equal(t, []string{AWSSAMLEndpoint}, id.Audiences)
	assert.Equal(t, "_cbb88bf52c2510eabe00c1642d4643f41430fe25e3", id.Subject)
	assert.Equal(t, NameIDPersistent, id.SubjectFormat)
	assert.Equal(t, "persistent", id.SubjectType)
	assert.Equal(t, NameQualifier(idpEntity, "123456789012", "ExampleOrgSSOProvider"), id.NameQualifier)
	assert.Equal(t, samlRoleARN, id.RoleARN)
	assert.Equal(t, []RolePair{
		{"arn:aws:iam::123456789012:role/Other", "arn:aws:iam::123456789012:saml-provider/Other"},
		{samlRoleARN, samlARN},
	}, id.Roles)
	assert.Equal(t, "jdoe@example.com", id.RoleSessionName)
	assert.Equal(t, 30*time.Minute, id.SessionDuration)
	assert.Equal(t, t0.Add(8*time.Hour), id.SessionNotOnOrAfter)
	assert.Equal(t, "DiegoRamirez", id.SourceIdentity)
	assert.Equal(t, []Tag{{"Project", "Automation"}, {"CostCenter", "12345"}}, id.Tags)
	assert.Equal(t, []string{"Project"}, id.TransitiveTagKeys)
	assert.Equal(t, t0, id.IssueInstant)
	assert.Equal(t, t0, id.NotBefore)
	assert.Equal(t, t0.Add(DefaultAssertionLifetime), id.NotOnOrAfter)
	assert.Len(t, id.Attributes, 12)
	assert.NotEmpty(t, id.AssertionID)

	assert.Equal(t, []ContextKey{
		{"aws:RequestTag/CostCenter", eval.String, []string{"12345"}},
		{"aws:RequestTag/Project", eval.String, []string{"Automation"}},
		{"aws:TagKeys", eval.StringList, []string{"Project", "CostCenter"}},
		{"saml:aud", eval.String, []string{AWSSAMLEndpoint}},
		{"saml:doc", eval.String, []string{"123456789012/ExampleOrgSSOProvider"}},
		{"saml:edupersonaffiliation", eval.StringList, []string{"staff", "member"}},
		{"saml:edupersonorgdn", eval.String, []string{"ExampleOrg"}},
		{"saml:iss", eval.String, []string{idpEntity}},
		{"saml:mail", eval.StringList, []string{"jdoe@example.com"}},
		{"saml:namequalifier", eval.String, []string{id.NameQualifier}},
		{"saml:sub", eval.String, []string{"_cbb88bf52c2510eabe00c1642d4643f41430fe25e3"}},
		{"saml:sub_type", eval.String, []string{"persistent"}},
		{"sts:RoleSessionName", eval.String, []string{"jdoe@example.com"}},
		{"sts:SourceIdentity", eval.String, []string{"DiegoRamirez"}},
		{"sts:TransitiveTagKeys", eval.StringList, []string{"Project"}},
	}, id.ContextKeys())
	assert.Equal(t, []ContextKey{
		{"aws:FederatedProvider", eval.String, []string{samlARN}},
		{"saml:namequalifier", eval.String, []string{id.NameQualifier}},
		{"saml:sub", eval.String, []string{"_cbb88bf52c2510eabe00c1642d4643f41430fe25e3"}},
		{"saml:sub_type", eval.String, []string{"persistent"}},
	}, id.SessionContextKeys())
}

// id_roles_providers_saml.md, "Uniquely identifying users": the pseudocode
// Base64(SHA1("https://example.com/saml" + "123456789012" + "/MySAMLIdP")),
// computed independently.
func TestNameQualifier(t *testing.T) {
	assert.Equal(t, "1uAJanUnBc2XeUkHURMht+xam2c=", NameQualifier("https://example.com/saml", "123456789012", "MySAMLIdP"))
}

// The STS API model's SubjectType: the SAML 2.0 nameid-format prefix is
// removed, any other format stays whole.
func TestSubjectType(t *testing.T) {
	for format, want := range map[string]string{
		NameIDPersistent:  "persistent",
		NameIDTransient:   "transient",
		NameIDKerberos:    "kerberos",
		NameIDEntity:      "entity",
		NameIDEmail:       NameIDEmail,
		NameIDUnspecified: NameIDUnspecified,
		NameIDX509:        NameIDX509,
		NameIDWindows:     NameIDWindows,
		"":                NameIDUnspecified,
		"urn:oasis:names:tc:SAML:2.0:nameid-format:": "urn:oasis:names:tc:SAML:2.0:nameid-format:",
		"custom": "custom",
	} {
		assert.Equal(t, want, SubjectType(format), format)
	}
	idp := newSAMLIdP(t, idpEntity, 1)
	in := goodInput()
	in.SubjectFormat = NameIDTransient
	id, err := VerifySAML(idp.Provider(samlARN), samlRoleARN, assertion(t, idp, in), t0)
	require.NoError(t, err)
	assert.Equal(t, "transient", id.SubjectType)
	// Without a Format, SAML's default.
	id, err = VerifySAML(idp.Provider(samlARN), samlRoleARN, resign(t, idp, assertion(t, idp, goodInput()), ` Format="`+NameIDPersistent+`"`, ""), t0)
	require.NoError(t, err)
	assert.Equal(t, NameIDUnspecified, id.SubjectType)
	assert.Equal(t, "", id.SubjectFormat)
}

// id_roles_providers_create_saml_assertions.md: the Recipient may be the
// global, /static or a regional endpoint; many IdPs name AWS by its metadata
// entity ID in the Audience.
func TestVerifySAMLEndpoints(t *testing.T) {
	idp := newSAMLIdP(t, idpEntity, 1)
	for _, tc := range []struct{ recipient, audience string }{
		{"https://signin.aws.amazon.com/static/saml", "urn:amazon:webservices"},
		{"https://us-east-2.signin.aws.amazon.com/saml", "https://us-east-2.signin.aws.amazon.com/saml"},
		{"https://us-gov-west-1.signin.aws.amazon.com/static/saml", AWSSAMLEndpoint},
		{"https://signin.amazonaws.cn/saml", "urn:amazon:webservices:cn-north-1"},
		{"https://signin.amazonaws-us-gov.com/saml", "urn:amazon:webservices:govcloud"},
	} {
		t.Run(tc.recipient, func(t *testing.T) {
			in := goodInput()
			in.Recipient, in.Audiences = tc.recipient, []string{"https://other.example.com", tc.audience}
			id, err := VerifySAML(idp.Provider(samlARN), samlRoleARN, assertion(t, idp, in), t0)
			require.NoError(t, err)
			assert.Equal(t, tc.recipient, id.Recipient)
			assert.Equal(t, []ContextKey{{"saml:aud", eval.String, []string{tc.recipient}}}, id.ContextKeys()[:1])
		})
	}
	for _, u := range []string{"http://signin.aws.amazon.com/saml", "https://signin.aws.amazon.com/saml/", "https://evil.signin.aws.amazon.com/saml",
		"https://us-east-1.signin.aws.amazon.com/other", "https://US-EAST-1.signin.aws.amazon.com/saml", "https://us-east-x.signin.aws.amazon.com/saml"} {
		assert.False(t, isAWSSAMLEndpoint(u), u)
	}
}

// IdPs wrap base64 at 64 or 76 characters; AWS takes it.
func TestVerifySAMLWrappedBase64(t *testing.T) {
	idp := newSAMLIdP(t, idpEntity, 1)
	s := assertion(t, idp, goodInput())
	var b strings.Builder
	for i := 0; i < len(s); i += 76 {
		b.WriteString(s[i:min(i+76, len(s))] + "\r\n")
	}
	_, err := VerifySAML(idp.Provider(samlARN), samlRoleARN, b.String(), t0)
	require.NoError(t, err)
}

// A key rotation: the provider trusts the old and the new key.
func TestVerifySAMLKeyRotation(t *testing.T) {
	old, cur := newSAMLIdP(t, idpEntity, 1), newSAMLIdP(t, idpEntity, 2)
	p := cur.Provider(samlARN)
	p.SigningKeys = append(p.SigningKeys, old.PublicKey())
	for _, idp := range []*SAMLIdP{old, cur} {
		_, err := VerifySAML(p, samlRoleARN, assertion(t, idp, goodInput()), t0)
		require.NoError(t, err)
	}
}

// Claims come only from the signed Assertion: an unsigned one hidden
// elsewhere in the response is not read (XML signature wrapping).
func TestVerifySAMLReadsOnlyTheSignedAssertion(t *testing.T) {
	idp := newSAMLIdP(t, idpEntity, 1)
	evil := `<samlp:Extensions><saml:Assertion xmlns:saml="` + NSAssertion + `" ID="_evil" Version="2.0" IssueInstant="2024-06-01T12:00:00Z"><saml:Issuer>` + idpEntity + `</saml:Issuer><saml:Subject><saml:NameID>root</saml:NameID></saml:Subject></saml:Assertion></samlp:Extensions>`
	s := edit(t, assertion(t, idp, goodInput()), "<samlp:Status>", evil+"<samlp:Status>")
	id, err := VerifySAML(idp.Provider(samlARN), samlRoleARN, s, t0)
	require.NoError(t, err)
	assert.Equal(t, "_cbb88bf52c2510eabe00c1642d4643f41430fe25e3", id.Subject)
}

// Every way VerifySAML refuses a response, with STS's error code and the
// element or attribute to blame.
func TestVerifySAMLFailures(t *testing.T) {
	idp := newSAMLIdP(t, idpEntity, 1)
	other := newSAMLIdP(t, idpEntity, 2)
	good := assertion(t, idp, goodInput())
	with := func(f func(*AssertionInput)) string {
		in := goodInput()
		f(&in)
		return assertion(t, idp, in)
	}
	attr := func(name string, values ...string) string {
		return with(func(in *AssertionInput) { in.Attributes = append(in.Attributes, Attribute{Name: name, Values: values}) })
	}
	re := func(old, new string) string { return resign(t, idp, good, old, new) }
	ed := func(old, new string) string { return edit(t, good, old, new) }
	xml := decode(t, good)
	sigStart := strings.Index(xml, "  <iamlab:AssertionSignature")
	sigEnd := strings.Index(xml, "</samlp:Response>")
	sigElem := xml[sigStart:sigEnd]
	manyTags := make([]Tag, 51)
	for i := range manyTags {
		manyTags[i] = Tag{fmt.Sprintf("k%02d", i), "v"}
	}

	cases := []struct {
		name     string
		provider func() *SAMLProvider
		response string
		code     ErrorCode
		claim    string
		msg      string
	}{
		// The STS API model: SAMLAssertion is 4 to 100,000 characters.
		{name: "too long", response: strings.Repeat("A", MaxSAMLResponseLength+1), code: ErrValidation, msg: "between 4 and 100000"},
		{name: "too short", response: "AA=", code: ErrValidation},
		{name: "not base64", response: "not base64!", code: ErrInvalidIdentityToken, msg: "not base64"},
		// Well-formed, safe XML.
		{name: "not XML", response: encode("hello"), code: ErrInvalidIdentityToken, msg: "text outside"},
		{name: "empty XML", response: encode("  "), code: ErrInvalidIdentityToken, msg: "no root element"},
		{name: "broken XML", response: encode("<samlp:Response xmlns:samlp=\"" + NSProtocol + "\"><a></b>"), code: ErrInvalidIdentityToken, msg: "not well-formed: line 1"},
		{name: "DOCTYPE with entities", response: encode(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>` + xml[strings.Index(xml, "<samlp:Response"):]), code: ErrInvalidIdentityToken, msg: "DOCTYPE"},
		{name: "undeclared entity", response: ed("jdoe@example.com", "&xxe;"), code: ErrInvalidIdentityToken, msg: "not well-formed"},
		{name: "processing instruction", response: ed("<samlp:Status>", "<?evil x?><samlp:Status>"), code: ErrInvalidIdentityToken, msg: "processing instruction"},
		{name: "declaration not first", response: encode("\n" + xml), code: ErrInvalidIdentityToken, msg: "processing instruction"},
		{name: "other encoding", response: encode(strings.Replace(xml, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1)), code: ErrInvalidIdentityToken},
		{name: "text outside the root", response: encode(xml + "trailing"), code: ErrInvalidIdentityToken, msg: "text outside"},
		{name: "two roots", response: encode(xml + "<samlp:Response xmlns:samlp=\"" + NSProtocol + "\"/>"), code: ErrInvalidIdentityToken, msg: "more than one root"},
		{name: "root not a Response", response: encode(`<Response/>`), code: ErrInvalidIdentityToken, msg: "not a SAML 2.0 Response"},
		// The Response's status and content.
		{name: "status Responder", response: with(func(in *AssertionInput) { in.Status = StatusResponder }), code: ErrIDPRejectedClaim, claim: "Status", msg: StatusResponder},
		{name: "status with a second-level code", response: ed(`<samlp:StatusCode Value="`+StatusSuccess+`"/>`, `<samlp:StatusCode Value="`+StatusRequester+`"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode>`), code: ErrIDPRejectedClaim, claim: "Status", msg: "AuthnFailed"},
		{name: "no status", response: ed("<samlp:Status>", "<samlp:Other>"), code: ErrInvalidIdentityToken},
		{name: "encrypted assertion", response: ed("<samlp:Status>", `<saml:EncryptedAssertion xmlns:saml="`+NSAssertion+`"/><samlp:Status>`), code: ErrInvalidIdentityToken, claim: "EncryptedAssertion", msg: "encrypted"},
		{name: "two assertions", response: ed("<samlp:Status>", `<saml:Assertion xmlns:saml="`+NSAssertion+`"/><samlp:Status>`), code: ErrInvalidIdentityToken, claim: "Assertion", msg: "not 2"},
		{name: "no assertion", response: encode(xml[:strings.Index(xml, "  <saml:Assertion")] + xml[strings.Index(xml, "</saml:Assertion>")+len("</saml:Assertion>"):]), code: ErrInvalidIdentityToken, claim: "Assertion", msg: "not 0"},
		{name: "assertion in the wrong namespace", response: ed(`<saml:Assertion xmlns:saml="`+NSAssertion+`"`, `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:1.0:assertion"`), code: ErrInvalidIdentityToken, claim: "Assertion", msg: "not 0"},
		{name: "assertion relying on the Response's namespace declaration", response: edit(t, re(` xmlns:saml="`+NSAssertion+`" ID=`, ` ID=`), `<samlp:Response `, `<samlp:Response xmlns:saml="`+NSAssertion+`" `), code: ErrInvalidIdentityToken, claim: "Assertion", msg: "declare its namespace itself"},
		// troubleshoot_saml.md, "Response signature invalid".
		{name: "unsigned", response: ed(sigElem, ""), code: ErrInvalidIdentityToken, claim: "AssertionSignature", msg: "Response signature invalid"},
		{name: "signed twice", response: ed(sigElem, sigElem+sigElem), code: ErrInvalidIdentityToken, claim: "AssertionSignature"},
		{name: "other signature algorithm", response: ed(SignatureAlgorithm, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"), code: ErrInvalidIdentityToken, claim: "AssertionSignature", msg: "algorithm"},
		{name: "signature not base64", response: ed(`ed25519-assertion-bytes">`, `ed25519-assertion-bytes">*`), code: ErrInvalidIdentityToken, claim: "AssertionSignature", msg: "not a base64 Ed25519"},
		{name: "tampered subject", response: ed(">_cbb88bf52c2510eabe00c1642d4643f41430fe25e3<", ">admin<"), code: ErrInvalidIdentityToken, claim: "AssertionSignature", msg: "does not verify"},
		{name: "tampered whitespace", response: ed("<saml:Subject>", "<saml:Subject> "), code: ErrInvalidIdentityToken, claim: "AssertionSignature", msg: "does not verify"},
		{name: "signed by another IdP", response: assertion(t, other, goodInput()), code: ErrInvalidIdentityToken, claim: "AssertionSignature", msg: "does not verify"},
		// troubleshoot_saml.md, "Issuer not present in specified provider".
		{name: "other issuer", response: with(func(in *AssertionInput) { in.Issuer = "https://evil.example.com" }), code: ErrInvalidIdentityToken, claim: "Issuer", msg: "Issuer not present in specified provider"},
		{name: "response issuer differs", response: ed(`">`+idpEntity+`</saml:Issuer>`, `">https://evil.example.com</saml:Issuer>`), code: ErrInvalidIdentityToken, claim: "Issuer", msg: "the response's issuer"},
		{name: "two issuers", response: re("<saml:Subject>", "<saml:Issuer>x</saml:Issuer><saml:Subject>"), code: ErrInvalidIdentityToken, claim: "Issuer", msg: "not 2"},
		{name: "metadata expired", provider: func() *SAMLProvider { p := idp.Provider(samlARN); p.ValidUntil = t0; return p }, response: good, code: ErrInvalidIdentityToken, msg: "expired"},
		{name: "SAML 1.1", response: re(`Version="2.0"`, `Version="1.1"`), code: ErrInvalidIdentityToken, claim: "Assertion", msg: "Version"},
		{name: "no IssueInstant", response: re(` IssueInstant="2024-06-01T12:00:00.000Z"`, ""), code: ErrInvalidIdentityToken, claim: "IssueInstant", msg: "no IssueInstant"},
		{name: "IssueInstant garbage", response: re(`IssueInstant="2024-06-01T12:00:00.000Z"`, `IssueInstant="yesterday"`), code: ErrInvalidIdentityToken, claim: "IssueInstant", msg: "xs:dateTime"},
		{name: "issued in the future", response: re(`IssueInstant="2024-06-01T12:00:00.000Z"`, `IssueInstant="2024-06-01T12:05:01.000Z"`), code: ErrIDPRejectedClaim, claim: "IssueInstant"},
		// troubleshoot_saml.md: no Subject NameID is AccessDenied.
		{name: "no NameID", response: re("saml:NameID", "saml:Other"), code: ErrAccessDenied, claim: "Subject", msg: "Not authorized to perform sts:AssumeRoleWithSAML"},
		{name: "empty NameID", response: re(">_cbb88bf52c2510eabe00c1642d4643f41430fe25e3<", "> <"), code: ErrAccessDenied, claim: "Subject"},
		// id_roles_providers_create_saml_assertions.md: exactly one
		// SubjectConfirmation with NotOnOrAfter and Recipient.
		{name: "two confirmations", response: re("</saml:SubjectConfirmation>", "</saml:SubjectConfirmation><saml:SubjectConfirmation/>"), code: ErrInvalidIdentityToken, claim: "SubjectConfirmation"},
		{name: "holder of key", response: re(BearerMethod, "urn:oasis:names:tc:SAML:2.0:cm:holder-of-key"), code: ErrInvalidIdentityToken, claim: "SubjectConfirmation", msg: "Method"},
		{name: "no Recipient", response: re(` Recipient="`+AWSSAMLEndpoint+`"`, ""), code: ErrInvalidIdentityToken, claim: "SubjectConfirmationData", msg: "no Recipient"},
		{name: "Recipient not AWS", response: with(func(in *AssertionInput) { in.Recipient = "https://sp.example.com/acs" }), code: ErrInvalidIdentityToken, claim: "SubjectConfirmationData", msg: "not an AWS sign-in SAML endpoint"},
		{name: "no NotOnOrAfter", response: re(`<saml:SubjectConfirmationData NotOnOrAfter="2024-06-01T12:05:00.000Z"`, `<saml:SubjectConfirmationData`), code: ErrInvalidIdentityToken, claim: "SubjectConfirmationData", msg: "no NotOnOrAfter"},
		{name: "expired", response: with(func(in *AssertionInput) { in.NotBefore, in.NotOnOrAfter = t0.Add(-time.Hour), t0.Add(-Leeway) }), code: ErrExpiredToken, claim: "SubjectConfirmationData", msg: "expired"},
		{name: "confirmation not valid yet", response: re(`<saml:SubjectConfirmationData `, `<saml:SubjectConfirmationData NotBefore="2024-06-01T12:06:00Z" `), code: ErrIDPRejectedClaim, claim: "SubjectConfirmationData"},
		{name: "confirmation NotBefore garbage", response: re(`<saml:SubjectConfirmationData `, `<saml:SubjectConfirmationData NotBefore="soon" `), code: ErrInvalidIdentityToken, claim: "SubjectConfirmationData"},
		// Conditions: the window and the audience
		// (troubleshoot_saml.md, "Response does not contain the required
		// audience").
		{name: "no Conditions", response: re("saml:Conditions", "saml:Other"), code: ErrInvalidIdentityToken, claim: "Conditions", msg: "one Conditions"},
		{name: "not valid yet", response: with(func(in *AssertionInput) {
			in.NotBefore, in.NotOnOrAfter = t0.Add(Leeway+time.Second), t0.Add(time.Hour)
		}), code: ErrIDPRejectedClaim, claim: "Conditions"},
		{name: "conditions expired", response: re(`<saml:Conditions NotBefore="2024-06-01T12:00:00.000Z" NotOnOrAfter="2024-06-01T12:05:00.000Z"`, `<saml:Conditions NotOnOrAfter="2024-06-01T11:00:00.000Z"`), code: ErrExpiredToken, claim: "Conditions"},
		{name: "conditions NotBefore garbage", response: re(`<saml:Conditions NotBefore="2024-06-01T12:00:00.000Z"`, `<saml:Conditions NotBefore="x"`), code: ErrInvalidIdentityToken, claim: "Conditions"},
		{name: "conditions NotOnOrAfter garbage", response: re(`NotOnOrAfter="2024-06-01T12:05:00.000Z">`, `NotOnOrAfter="x">`), code: ErrInvalidIdentityToken, claim: "Conditions"},
		{name: "no AudienceRestriction", response: re("saml:AudienceRestriction", "saml:Other"), code: ErrInvalidIdentityToken, claim: "Conditions", msg: "required audience"},
		{name: "other audience", response: with(func(in *AssertionInput) { in.Audiences = []string{"https://sp.example.com"} }), code: ErrInvalidIdentityToken, claim: "Conditions", msg: "required audience"},
		{name: "a second restriction without AWS", response: re("</saml:AudienceRestriction>", "</saml:AudienceRestriction><saml:AudienceRestriction><saml:Audience>x</saml:Audience></saml:AudienceRestriction>"), code: ErrInvalidIdentityToken, claim: "Conditions"},
		{name: "session over", response: with(func(in *AssertionInput) { in.SessionNotOnOrAfter = t0 }), code: ErrExpiredToken, claim: "AuthnStatement"},
		{name: "session end garbage", response: re(`SessionIndex=`, `SessionNotOnOrAfter="x" SessionIndex=`), code: ErrInvalidIdentityToken, claim: "AuthnStatement"},
		// troubleshoot_saml.md: the Role attribute.
		{name: "no Role attribute", response: with(func(in *AssertionInput) { in.Roles = nil }), code: ErrInvalidIdentityToken, claim: AttrRole, msg: "no " + AttrRole},
		{name: "Role name in the wrong case", response: re(AttrRole+`"`, strings.ToLower(AttrRole)+`"`), code: ErrInvalidIdentityToken, claim: AttrRole},
		{name: "Role value not a pair", response: with(func(in *AssertionInput) { in.Roles = []string{samlRoleARN} }), code: ErrInvalidIdentityToken, claim: AttrRole, msg: "not a role ARN and a SAML provider ARN"},
		{name: "Role value two roles", response: with(func(in *AssertionInput) { in.Roles = []string{samlRoleARN + "," + samlRoleARN} }), code: ErrInvalidIdentityToken, claim: AttrRole},
		{name: "Role attribute twice", response: attr(AttrRole, samlRoleARN+","+samlARN), code: ErrInvalidIdentityToken, claim: AttrRole, msg: "more than once"},
		{name: "another role", response: with(func(in *AssertionInput) { in.Roles = []string{"arn:aws:iam::123456789012:role/Other," + samlARN} }), code: ErrAccessDenied, claim: AttrRole, msg: "Not authorized"},
		{name: "role name in another case", response: with(func(in *AssertionInput) { in.Roles = []string{strings.ToLower(samlRoleARN) + "," + samlARN} }), code: ErrAccessDenied, claim: AttrRole},
		{name: "another provider", response: with(func(in *AssertionInput) {
			in.Roles = []string{samlRoleARN + ",arn:aws:iam::123456789012:saml-provider/Other"}
		}), code: ErrAccessDenied, claim: AttrRole},
		{name: "another account's provider", response: with(func(in *AssertionInput) {
			in.Roles = []string{samlRoleARN + ",arn:aws:iam::210987654321:saml-provider/ExampleOrgSSOProvider"}
		}), code: ErrAccessDenied, claim: AttrRole},
		// troubleshoot_saml.md: RoleSessionName.
		{name: "no RoleSessionName", response: with(func(in *AssertionInput) { in.RoleSessionName = "" }), code: ErrInvalidIdentityToken, claim: AttrRoleSessionName, msg: "RoleSessionName is required in AuthnResponse"},
		{name: "RoleSessionName with a space", response: with(func(in *AssertionInput) { in.RoleSessionName = "John Doe" }), code: ErrInvalidIdentityToken, claim: AttrRoleSessionName, msg: "must match [a-zA-Z_0-9+=,.@-]{2,64}"},
		{name: "RoleSessionName too long", response: with(func(in *AssertionInput) { in.RoleSessionName = strings.Repeat("a", 65) }), code: ErrInvalidIdentityToken, claim: AttrRoleSessionName},
		{name: "RoleSessionName two values", response: re(">jdoe@example.com<", ">jdoe@example.com</saml:AttributeValue><saml:AttributeValue>x<"), code: ErrInvalidIdentityToken, claim: AttrRoleSessionName},
		// id_roles_providers_create_saml_assertions.md: SessionDuration is
		// 900 to 43200 seconds.
		{name: "SessionDuration too short", response: with(func(in *AssertionInput) { in.SessionDuration = 899 }), code: ErrInvalidIdentityToken, claim: AttrSessionDuration},
		{name: "SessionDuration too long", response: with(func(in *AssertionInput) { in.SessionDuration = 43201 }), code: ErrInvalidIdentityToken, claim: AttrSessionDuration},
		{name: "SessionDuration not a number", response: attr(AttrSessionDuration, "1h"), code: ErrInvalidIdentityToken, claim: AttrSessionDuration},
		{name: "SessionDuration two values", response: attr(AttrSessionDuration, "900", "900"), code: ErrInvalidIdentityToken, claim: AttrSessionDuration},
		// troubleshoot_saml.md: SourceIdentity.
		{name: "SourceIdentity with aws: prefix", response: with(func(in *AssertionInput) { in.SourceIdentity = "aws:Diego" }), code: ErrInvalidIdentityToken, claim: AttrSourceIdentity, msg: "Source Identity must match"},
		{name: "SourceIdentity with a space", response: with(func(in *AssertionInput) { in.SourceIdentity = "Diego Ramirez" }), code: ErrInvalidIdentityToken, claim: AttrSourceIdentity},
		{name: "SourceIdentity two values", response: attr(AttrSourceIdentity, "a1", "b2"), code: ErrInvalidIdentityToken, claim: AttrSourceIdentity},
		// id_session-tags.md: session tags.
		{name: "multivalued tag", response: attr(AttrPrincipalTagPrefix+"Project", "a", "b"), code: ErrInvalidIdentityToken, claim: AttrPrincipalTagPrefix + "Project", msg: "multi-valued"},
		{name: "tag without a value", response: attr(AttrPrincipalTagPrefix + "Project"), code: ErrInvalidIdentityToken, claim: AttrPrincipalTagPrefix + "Project"},
		{name: "tag twice", response: with(func(in *AssertionInput) { in.Tags = []Tag{{"Project", "a"}, {"Project", "b"}} }), code: ErrInvalidIdentityToken, claim: AttrPrincipalTagPrefix + "Project", msg: "more than once"},
		{name: "tag keys differing in case", response: with(func(in *AssertionInput) { in.Tags = []Tag{{"Project", "a"}, {"project", "b"}} }), code: ErrInvalidIdentityToken, claim: AttrPrincipalTagPrefix + "*", msg: "not case sensitive"},
		{name: "tag key with aws: prefix", response: with(func(in *AssertionInput) { in.Tags = []Tag{{"aws:Project", "a"}} }), code: ErrInvalidIdentityToken, claim: AttrPrincipalTagPrefix + "*", msg: "reserved"},
		{name: "empty tag key", response: with(func(in *AssertionInput) { in.Tags = []Tag{{"", "a"}} }), code: ErrInvalidIdentityToken, claim: AttrPrincipalTagPrefix + "*", msg: "empty"},
		{name: "51 tags", response: with(func(in *AssertionInput) { in.Tags = manyTags }), code: ErrInvalidIdentityToken, claim: AttrPrincipalTagPrefix + "*", msg: "at most 50"},
		{name: "transitive key without its tag", response: with(func(in *AssertionInput) { in.TransitiveTagKeys = []string{"Project"} }), code: ErrInvalidIdentityToken, claim: AttrTransitiveTagKeys},
		// IAM's rules for the provider (id_roles_providers_create_saml.md).
		{name: "nil provider", provider: func() *SAMLProvider { return nil }, response: good, code: ErrInvalidInput},
		{name: "provider ARN of a role", provider: func() *SAMLProvider { return idp.Provider(samlRoleARN) }, response: good, code: ErrInvalidInput, msg: "saml-provider/NAME"},
		{name: "provider ARN in another partition", provider: func() *SAMLProvider { return idp.Provider("arn:aws-iso:iam::123456789012:saml-provider/X") }, response: good, code: ErrInvalidInput},
		{name: "provider name with a space", provider: func() *SAMLProvider { return idp.Provider("arn:aws:iam::123456789012:saml-provider/My IdP") }, response: good, code: ErrInvalidInput},
		{name: "provider name too long", provider: func() *SAMLProvider {
			return idp.Provider("arn:aws:iam::123456789012:saml-provider/" + strings.Repeat("n", 129))
		}, response: good, code: ErrInvalidInput},
		{name: "provider without entity ID", provider: func() *SAMLProvider { p := idp.Provider(samlARN); p.EntityID = ""; return p }, response: good, code: ErrInvalidInput},
		{name: "provider without keys", provider: func() *SAMLProvider { p := idp.Provider(samlARN); p.SigningKeys = nil; return p }, response: good, code: ErrInvalidInput, msg: "no signing key"},
		{name: "provider with a short key", provider: func() *SAMLProvider {
			p := idp.Provider(samlARN)
			p.SigningKeys = []ed25519.PublicKey{{1, 2, 3}}
			return p
		}, response: good, code: ErrInvalidInput, msg: "3 bytes"},
		{name: "provider with too many keys", provider: func() *SAMLProvider {
			p := idp.Provider(samlARN)
			p.SigningKeys = make([]ed25519.PublicKey, MaxKeys+1)
			return p
		}, response: good, code: ErrInvalidInput},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := idp.Provider(samlARN)
			if tc.provider != nil {
				p = tc.provider()
			}
			id, err := VerifySAML(p, samlRoleARN, tc.response, t0)
			assert.Nil(t, id)
			e := requireCode(t, err, tc.code, tc.claim)
			assert.Contains(t, e.Message, tc.msg)
		})
	}
}

// Attributes: how eduPerson, Active Directory and X.500 names map, and the
// first claim for a key wins (id_roles_providers_create_saml_assertions.md).
func TestSAMLAttributeKeys(t *testing.T) {
	idp := newSAMLIdP(t, idpEntity, 1)
	in := goodInput()
	in.Attributes = []Attribute{
		{Name: "urn:oid:2.5.4.3", Values: []string{"Jane Doe"}},
		{Name: "2.5.4.3", Values: []string{"Jane"}},
		{Name: "http://schemas.xmlsoap.org/claims/CommonName", Values: []string{"ignored: commonName is taken"}},
		{Name: "2.4.5.42", Values: []string{"Jane"}},
		{Name: "0.9.2342.19200300100.1.1", Values: []string{"jdoe"}},
		{Name: "http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid", Values: []string{"S-1-5-21-513"}},
		{Name: "urn:oid:1.3.6.1.4.1.5923.1.1.1.6", Values: []string{"jdoe@example.edu"}},
		{Name: "urn:oid:1.3.6.1.4.1.5923.1.1.1.9", Values: []string{}},
		{Name: "eduPersonAffiliation", Values: []string{"not mapped: the Name is not the OID"}},
	}
	id, err := VerifySAML(idp.Provider(samlARN), samlRoleARN, assertion(t, idp, in), t0)
	require.NoError(t, err)
	got := map[string]ContextKey{}
	for _, k := range id.ContextKeys() {
		got[k.Key] = k
	}
	assert.Equal(t, ContextKey{"saml:cn", eval.StringList, []string{"Jane Doe"}}, got["saml:cn"])
	assert.Equal(t, ContextKey{"saml:commonName", eval.StringList, []string{"Jane"}}, got["saml:commonName"])
	assert.Equal(t, ContextKey{"saml:givenName", eval.StringList, []string{"Jane"}}, got["saml:givenName"])
	assert.Equal(t, ContextKey{"saml:uid", eval.StringList, []string{"jdoe"}}, got["saml:uid"])
	assert.Equal(t, ContextKey{"saml:primaryGroupSID", eval.StringList, []string{"S-1-5-21-513"}}, got["saml:primaryGroupSID"])
	assert.Equal(t, ContextKey{"saml:edupersonprincipalname", eval.String, []string{"jdoe@example.edu"}}, got["saml:edupersonprincipalname"])
	assert.NotContains(t, got, "saml:edupersonscopedaffiliation")
	assert.NotContains(t, got, "saml:edupersonaffiliation")

	for _, name := range []string{
		"urn:oid:1.3.6.1.4.1.5923.1.1.1.2", "urn:oid:1.3.6.1.4.1.5923.1.1.1.4", "urn:oid:1.3.6.1.4.1.5923.1.1.1.5",
		"urn:oid:1.3.6.1.4.1.5923.1.1.1.7", "urn:oid:1.3.6.1.4.1.5923.1.1.1.8", "urn:oid:1.3.6.1.4.1.5923.1.1.1.10",
		"urn:oid:1.3.6.1.4.1.5923.1.1.1.11", "urn:oid:1.3.6.1.4.1.5923.1.2.1.2", "urn:oid:1.3.6.1.4.1.5923.1.2.1.3",
		"urn:oid:1.3.6.1.4.1.5923.1.2.1.4", "urn:oid:1.3.6.1.4.1.5923.1.2.1.5", "urn:oid:1.3.6.1.4.1.5923.1.2.1.6",
		"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
		"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "2.5.4.4", "2.5.4.42", "2.5.4.45",
		"0.9.2342.19200300.100.1.1", "0.9.2342.19200300100.1.3", "0.9.2342.19200300.100.1.45",
	} {
		key, _, ok := SAMLAttributeKey(name)
		assert.True(t, ok, name)
		assert.True(t, strings.HasPrefix(key, "saml:"), name)
	}
}

func TestSAMLIdPErrors(t *testing.T) {
	_, err := NewSAMLIdP("", seeded(1))
	requireCode(t, err, ErrInvalidInput, "")
	_, err = NewSAMLIdP(idpEntity, nil)
	requireCode(t, err, ErrInvalidInput, "")
	_, err = NewSAMLIdP(idpEntity, failingReader{})
	requireCode(t, err, ErrServiceFailure, "")
	idp := newSAMLIdP(t, idpEntity, 1)
	idp.rand = failingReader{}
	_, err = idp.Assertion(goodInput(), t0)
	requireCode(t, err, ErrServiceFailure, "")
}

// Zero values answer with an error, not a panic.
func TestZeroValues(t *testing.T) {
	var idp SAMLIdP
	_, err := idp.Assertion(goodInput(), t0)
	requireCode(t, err, ErrInvalidInput, "")
	_, err = idp.Metadata(t0, time.Time{})
	requireCode(t, err, ErrInvalidInput, "")
	assert.Nil(t, idp.PublicKey())
	var is Issuer
	_, err = is.Token(githubClaims(), t0)
	requireCode(t, err, ErrInvalidInput, "")
	assert.Nil(t, is.Keys())
	assert.Equal(t, "Issuer(zero)", is.String())
	var nilIssuer *Issuer
	assert.Nil(t, nilIssuer.Keys())
	var w WebIdentity
	assert.NotPanics(t, func() { w.ContextKeys(); w.SessionContextKeys() })
	var id SAMLIdentity
	assert.NotPanics(t, func() { id.ContextKeys(); id.SessionContextKeys() })
}

// The same random source mints the same assertions.
func TestSAMLIdPIsDeterministic(t *testing.T) {
	a, b := newSAMLIdP(t, idpEntity, 1), newSAMLIdP(t, idpEntity, 1)
	assert.Equal(t, assertion(t, a, goodInput()), assertion(t, b, goodInput()))
	assert.Equal(t, a.PublicKey(), b.PublicKey())
	assert.Equal(t, idpEntity, a.EntityID())
}

// XML special characters in values survive the round trip.
func TestSAMLEscaping(t *testing.T) {
	idp := newSAMLIdP(t, idpEntity, 1)
	in := goodInput()
	in.Subject = `<admin> & "friends"`
	in.Attributes = []Attribute{{Name: "urn:oid:1.3.6.1.4.1.5923.1.1.1.1", Values: []string{"a<b", "c&d"}}}
	id, err := VerifySAML(idp.Provider(samlARN), samlRoleARN, assertion(t, idp, in), t0)
	require.NoError(t, err)
	assert.Equal(t, `<admin> & "friends"`, id.Subject)
	assert.Equal(t, []string{"a<b", "c&d"}, id.Attributes[2].Values)
}
