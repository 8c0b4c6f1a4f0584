package federation

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
	"time"
)

// SAML's namespaces and the values this package writes and reads.
const (
	NSProtocol  = "urn:oasis:names:tc:SAML:2.0:protocol"
	NSAssertion = "urn:oasis:names:tc:SAML:2.0:assertion"
	// NSSignature is the namespace of iamlab's AssertionSignature element,
	// which stands in for XML-DSig (see the package documentation).
	NSSignature = "urn:iamlab:saml:signature"
	// SignatureAlgorithm names iamlab's signature: Ed25519 over the exact
	// bytes of the Assertion element.
	SignatureAlgorithm = "urn:iamlab:saml:ed25519-assertion-bytes"

	StatusSuccess   = "urn:oasis:names:tc:SAML:2.0:status:Success"
	StatusRequester = "urn:oasis:names:tc:SAML:2.0:status:Requester"
	StatusResponder = "urn:oasis:names:tc:SAML:2.0:status:Responder"
	// BearerMethod is the subject confirmation method of web SSO.
	BearerMethod = "urn:oasis:names:tc:SAML:2.0:cm:bearer"

	// AWSSAMLEndpoint is AWS's sign-in SAML endpoint: the Recipient and the
	// audience of an assertion meant for AWS.
	AWSSAMLEndpoint = "https://signin.aws.amazon.com/saml"
)

// The NameID formats of id_roles_providers_create_saml_assertions.md.
const (
	NameIDPersistent  = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
	NameIDTransient   = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient"
	NameIDEmail       = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"
	NameIDUnspecified = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"
	NameIDX509        = "urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName"
	NameIDWindows     = "urn:oasis:names:tc:SAML:1.1:nameid-format:WindowsDomainQualifiedName"
	NameIDKerberos    = "urn:oasis:names:tc:SAML:2.0:nameid-format:kerberos"
	NameIDEntity      = "urn:oasis:names:tc:SAML:2.0:nameid-format:entity"
)

// DefaultAssertionLifetime is how long an assertion minted by
// [SAMLIdP.Assertion] is valid when the input sets no NotOnOrAfter.
const DefaultAssertionLifetime = 5 * time.Minute

// Attribute is a SAML attribute: its Name, optional FriendlyName, and values.
type Attribute struct {
	Name         string
	FriendlyName string
	Values       []string
}

// AssertionInput is what a simulated IdP asserts about a user. The fields
// from Issuer on are there to mint assertions AWS must refuse; left zero,
// they make a good assertion.
type AssertionInput struct {
	// Subject is the NameID: the user's identifier (saml:sub).
	Subject string
	// SubjectFormat is the NameID Format (NameIDPersistent when empty).
	SubjectFormat string
	// NameQualifier and SPNameQualifier are the NameID attributes of those
	// names, written only when set. They are not saml:namequalifier, which
	// AWS computes.
	NameQualifier   string
	SPNameQualifier string

	// Roles are the values of the Role attribute: "roleArn,providerArn"
	// pairs, in either order.
	Roles []string
	// RoleSessionName, SessionDuration (seconds), SourceIdentity, Tags and
	// TransitiveTagKeys become the AWS attributes of those names; each is
	// left out when empty.
	RoleSessionName   string
	SessionDuration   int
	SourceIdentity    string
	Tags              []Tag
	TransitiveTagKeys []string
	// Attributes are written after the AWS ones, as given: eduPerson
	// attributes, Active Directory claims, or AWS attributes written by
	// hand.
	Attributes []Attribute

	// Issuer replaces the IdP's entity ID in the Issuer elements.
	Issuer string
	// Recipient replaces AWSSAMLEndpoint as the SubjectConfirmationData
	// Recipient and the Response's Destination.
	Recipient string
	// Audiences replace [AWSSAMLEndpoint] in the AudienceRestriction.
	Audiences []string
	// NotBefore and NotOnOrAfter replace now and now +
	// DefaultAssertionLifetime as the validity window.
	NotBefore    time.Time
	NotOnOrAfter time.Time
	// SessionNotOnOrAfter, when set, is written on the AuthnStatement.
	SessionNotOnOrAfter time.Time
	// Status replaces StatusSuccess as the Response's status code.
	Status string
}

// SAMLIdP is a simulated SAML 2.0 identity provider: it holds an Ed25519 key
// and mints signed SAML Responses, base64-encoded as AssumeRoleWithSAML
// takes them.
type SAMLIdP struct {
	entityID string
	key      ed25519.PrivateKey
	rand     io.Reader
}

// NewSAMLIdP creates an identity provider with the entity ID (its Issuer,
// such as "https://idp.example.com/saml") and an Ed25519 key read from rand.
// The IdP keeps rand to make the IDs of its responses and assertions, so the
// same rand gives the same assertions.
func NewSAMLIdP(entityID string, rand io.Reader) (*SAMLIdP, error) {
	if entityID == "" || len(entityID) > maxEntityIDLength {
		return nil, newError(ErrInvalidInput, "", "the entity ID must be 1 to 1024 characters")
	}
	if rand == nil {
		return nil, newError(ErrInvalidInput, "", "NewSAMLIdP needs a random source")
	}
	seed := make([]byte, ed25519.SeedSize)
	if _, err := io.ReadFull(rand, seed); err != nil {
		return nil, &Error{Code: ErrServiceFailure, Message: "reading the random source: " + err.Error(), Err: err}
	}
	return &SAMLIdP{entityID: entityID, key: ed25519.NewKeyFromSeed(seed), rand: rand}, nil
}

// EntityID returns the IdP's entity ID.
func (idp *SAMLIdP) EntityID() string { return idp.entityID }

// ready reports whether the IdP was made by NewSAMLIdP.
func (idp *SAMLIdP) ready() bool {
	return idp != nil && len(idp.key) == ed25519.PrivateKeySize && idp.rand != nil
}

// PublicKey returns the key that verifies the IdP's assertions.
func (idp *SAMLIdP) PublicKey() ed25519.PublicKey {
	if !idp.ready() {
		return nil
	}
	return idp.key.Public().(ed25519.PublicKey)
}

// Provider returns the IAM SAML provider registration that trusts this IdP,
// under arn (arn:aws:iam::ACCOUNT:saml-provider/NAME).
func (idp *SAMLIdP) Provider(arn string) *SAMLProvider {
	return &SAMLProvider{ARN: arn, EntityID: idp.entityID, SigningKeys: []ed25519.PublicKey{idp.PublicKey()}}
}

// Assertion mints a SAML Response holding one signed Assertion about the
// user in a, issued at now, and returns it base64-encoded. The Assertion
// carries the Issuer, a Subject with the NameID and a bearer
// SubjectConfirmation (Recipient and NotOnOrAfter), Conditions
// (NotBefore, NotOnOrAfter, an AudienceRestriction), an AuthnStatement and
// an AttributeStatement. The signature is iamlab's: an AssertionSignature
// element beside the Assertion (see the package documentation).
//
// Assertion writes whatever it is given, valid or not, so tests can mint
// assertions that [VerifySAML] must refuse.
func (idp *SAMLIdP) Assertion(a AssertionInput, now time.Time) (string, error) {
	if !idp.ready() {
		return "", errNotReady("SAMLIdP")
	}
	var ids [32]byte
	if _, err := io.ReadFull(idp.rand, ids[:]); err != nil {
		return "", &Error{Code: ErrServiceFailure, Message: "reading the random source: " + err.Error(), Err: err}
	}
	responseID := "_" + hex.EncodeToString(ids[:16])
	assertionID := "_" + hex.EncodeToString(ids[16:])

	issuer := or(a.Issuer, idp.entityID)
	recipient := or(a.Recipient, AWSSAMLEndpoint)
	audiences := a.Audiences
	if audiences == nil {
		audiences = []string{AWSSAMLEndpoint}
	}
	notBefore := a.NotBefore
	if notBefore.IsZero() {
		notBefore = now
	}
	notOnOrAfter := a.NotOnOrAfter
	if notOnOrAfter.IsZero() {
		notOnOrAfter = now.Add(DefaultAssertionLifetime)
	}

	// The Assertion is written indented as it will sit in the Response, so
	// the bytes signed are the bytes sent.
	w := xmlWriter{depth: 1}
	w.open("saml:Assertion", "xmlns:saml", NSAssertion, "ID", assertionID, "Version", "2.0", "IssueInstant", xmlTime(now))
	w.leaf("saml:Issuer", issuer)
	w.open("saml:Subject")
	w.leaf("saml:NameID", a.Subject, "Format", or(a.SubjectFormat, NameIDPersistent), "NameQualifier", a.NameQualifier, "SPNameQualifier", a.SPNameQualifier)
	w.open("saml:SubjectConfirmation", "Method", BearerMethod)
	w.empty("saml:SubjectConfirmationData", "NotOnOrAfter", xmlTime(notOnOrAfter), "Recipient", recipient)
	w.close("saml:SubjectConfirmation")
	w.close("saml:Subject")
	w.open("saml:Conditions", "NotBefore", xmlTime(notBefore), "NotOnOrAfter", xmlTime(notOnOrAfter))
	w.open("saml:AudienceRestriction")
	for _, aud := range audiences {
		w.leaf("saml:Audience", aud)
	}
	w.close("saml:AudienceRestriction")
	w.close("saml:Conditions")
	sessionEnd := ""
	if !a.SessionNotOnOrAfter.IsZero() {
		sessionEnd = xmlTime(a.SessionNotOnOrAfter)
	}
	w.open("saml:AuthnStatement", "AuthnInstant", xmlTime(now), "SessionIndex", assertionID, "SessionNotOnOrAfter", sessionEnd)
	w.open("saml:AuthnContext")
	w.leaf("saml:AuthnContextClassRef", "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport")
	w.close("saml:AuthnContext")
	w.close("saml:AuthnStatement")

	attrs := a.awsAttributes()
	attrs = append(attrs, a.Attributes...)
	if len(attrs) > 0 {
		w.open("saml:AttributeStatement")
		for _, at := range attrs {
			w.open("saml:Attribute", "Name", at.Name, "FriendlyName", at.FriendlyName)
			for _, v := range at.Values {
				w.leaf("saml:AttributeValue", v)
			}
			w.close("saml:Attribute")
		}
		w.close("saml:AttributeStatement")
	}
	w.close("saml:Assertion")
	assertion := strings.TrimSpace(w.String())
	sig := ed25519.Sign(idp.key, []byte(assertion))

	var r xmlWriter
	r.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	r.open("samlp:Response", "xmlns:samlp", NSProtocol, "ID", responseID, "Version", "2.0", "IssueInstant", xmlTime(now), "Destination", recipient)
	r.leaf("saml:Issuer", issuer, "xmlns:saml", NSAssertion)
	r.open("samlp:Status")
	r.empty("samlp:StatusCode", "Value", or(a.Status, StatusSuccess))
	r.close("samlp:Status")
	r.indent()
	r.raw(assertion + "\n")
	r.leaf("iamlab:AssertionSignature", base64.StdEncoding.EncodeToString(sig), "xmlns:iamlab", NSSignature, "Algorithm", SignatureAlgorithm)
	r.close("samlp:Response")
	return base64.StdEncoding.EncodeToString([]byte(r.String())), nil
}

// awsAttributes writes the AWS attributes of the input.
func (a *AssertionInput) awsAttributes() []Attribute {
	var out []Attribute
	if len(a.Roles) > 0 {
		out = append(out, Attribute{Name: AttrRole, Values: a.Roles})
	}
	if a.RoleSessionName != "" {
		out = append(out, Attribute{Name: AttrRoleSessionName, Values: []string{a.RoleSessionName}})
	}
	if a.SessionDuration != 0 {
		out = append(out, Attribute{Name: AttrSessionDuration, Values: []string{strconv.Itoa(a.SessionDuration)}})
	}
	if a.SourceIdentity != "" {
		out = append(out, Attribute{Name: AttrSourceIdentity, Values: []string{a.SourceIdentity}})
	}
	for _, t := range a.Tags {
		out = append(out, Attribute{Name: AttrPrincipalTagPrefix + t.Key, Values: []string{t.Value}})
	}
	if len(a.TransitiveTagKeys) > 0 {
		out = append(out, Attribute{Name: AttrTransitiveTagKeys, Values: a.TransitiveTagKeys})
	}
	return out
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// xmlTime writes an xs:dateTime in UTC with milliseconds, as IdPs do
// (2013-11-05T02:06:42.876Z).
func xmlTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// xmlWriter writes indented XML. Attributes come as name, value pairs; a
// pair with an empty value is left out.
type xmlWriter struct {
	b     strings.Builder
	depth int
}

func (w *xmlWriter) String() string { return w.b.String() }
func (w *xmlWriter) raw(s string)   { w.b.WriteString(s) }
func (w *xmlWriter) indent()        { w.b.WriteString(strings.Repeat("  ", w.depth)) }

func (w *xmlWriter) start(name string, attrs []string) {
	w.indent()
	w.b.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		w.b.WriteString(" " + attrs[i] + `="`)
		xml.EscapeText(&w.b, []byte(attrs[i+1]))
		w.b.WriteString(`"`)
	}
}

func (w *xmlWriter) open(name string, attrs ...string) {
	w.start(name, attrs)
	w.b.WriteString(">\n")
	w.depth++
}

func (w *xmlWriter) close(name string) {
	w.depth--
	w.indent()
	w.b.WriteString("</" + name + ">\n")
}

func (w *xmlWriter) empty(name string, attrs ...string) {
	w.start(name, attrs)
	w.b.WriteString("/>\n")
}

func (w *xmlWriter) leaf(name, text string, attrs ...string) {
	w.start(name, attrs)
	w.b.WriteString(">")
	xml.EscapeText(&w.b, []byte(text))
	w.b.WriteString("</" + name + ">\n")
}
