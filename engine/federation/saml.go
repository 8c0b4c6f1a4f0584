package federation

import (
	"crypto/ed25519"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/eval"
)

// The bounds on a SAML response: the SAMLAssertion parameter's length in the
// STS API model (SAMLAssertionType), and IAM's limits on a SAML provider.
const (
	MaxSAMLResponseLength = 100000
	minSAMLResponseLength = 4
	maxEntityIDLength     = 1024
	maxProviderNameLength = 128
)

// SAMLProvider is an IAM SAML identity provider as IAM stores it: its ARN and
// what its metadata document says — the IdP's entity ID (the Issuer of its
// assertions), the keys that verify them, and when the metadata expires.
type SAMLProvider struct {
	// ARN is arn:aws:iam::ACCOUNT:saml-provider/NAME.
	ARN string
	// EntityID is the IdP's issuer name.
	EntityID string
	// SigningKeys are the IdP's Ed25519 public keys: iamlab's stand-in for
	// the X.509 certificates of a metadata document.
	SigningKeys []ed25519.PublicKey
	// ValidUntil is when the metadata expires; zero means never.
	ValidUntil time.Time
}

// iamARN splits arn:PARTITION:iam::ACCOUNT:RESOURCE for the aws, aws-cn
// and aws-us-gov partitions.
func iamARN(s string) (account, resource string, ok bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3] != "" || !isAccountID(parts[4]) {
		return "", "", false
	}
	switch parts[1] {
	case "aws", "aws-cn", "aws-us-gov":
		return parts[4], parts[5], true
	}
	return "", "", false
}

// samlProviderParts splits a SAML provider ARN into its account and name,
// a name of 1 to 128 characters of [\w.-].
func samlProviderParts(s string) (account, name string, ok bool) {
	account, res, ok := iamARN(s)
	if !ok {
		return "", "", false
	}
	name, ok = strings.CutPrefix(res, "saml-provider/")
	if !ok || name == "" || len(name) > maxProviderNameLength {
		return "", "", false
	}
	for _, r := range name {
		if !(r == '_' || r == '.' || r == '-' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') {
			return "", "", false
		}
	}
	return account, name, true
}

// Account returns the ID of the account that owns the provider, from its
// ARN, or "" when the ARN is malformed.
func (p *SAMLProvider) Account() string {
	a, _, _ := samlProviderParts(p.ARN)
	return a
}

// Name returns the provider's friendly name, the last part of its ARN, or ""
// when the ARN is malformed.
func (p *SAMLProvider) Name() string {
	_, n, _ := samlProviderParts(p.ARN)
	return n
}

// Validate checks the provider against IAM's rules and reports the first
// problem as an ErrInvalidInput error. VerifySAML calls it first.
func (p *SAMLProvider) Validate() error {
	if p == nil {
		return newError(ErrInvalidInput, "", "no SAML provider")
	}
	if _, _, ok := samlProviderParts(p.ARN); !ok {
		return newError(ErrInvalidInput, "", "the provider ARN "+quote(p.ARN)+" is not arn:aws:iam::ACCOUNT:saml-provider/NAME with a name of 1 to 128 letters, digits and _ . -")
	}
	if p.EntityID == "" || len(p.EntityID) > maxEntityIDLength {
		return newError(ErrInvalidInput, "", "the provider's entity ID must be 1 to 1024 characters")
	}
	if len(p.SigningKeys) == 0 {
		return newError(ErrInvalidInput, "", "the provider has no signing key")
	}
	if len(p.SigningKeys) > MaxKeys {
		return newError(ErrInvalidInput, "", fmt.Sprintf("the provider has %d signing keys; at most %d are allowed", len(p.SigningKeys), MaxKeys))
	}
	for i, k := range p.SigningKeys {
		if len(k) != ed25519.PublicKeySize {
			return newError(ErrInvalidInput, "", fmt.Sprintf("signing key %d has %d bytes, not %d", i, len(k), ed25519.PublicKeySize))
		}
	}
	return nil
}

// RolePair is one value of the Role attribute: a role and the SAML provider
// through which the user may assume it.
type RolePair struct {
	Role     string
	Provider string
}

// SAMLIdentity is a verified SAML assertion: who the IdP says the user is and
// what it asks for, as plain data for AssumeRoleWithSAML.
type SAMLIdentity struct {
	// Principal is the provider's ARN, as a trust policy's Principal
	// Federated names it.
	Principal string
	// Account and ProviderName are the provider's account and friendly
	// name.
	Account      string
	ProviderName string
	// Issuer is the assertion's Issuer (saml:iss).
	Issuer string
	// Recipient is the SubjectConfirmationData Recipient (saml:aud, and
	// the Audience element of the response).
	Recipient string
	// Audiences are the AudienceRestriction's audiences.
	Audiences []string
	// Subject is the NameID (saml:sub); SubjectFormat its Format as sent,
	// and SubjectType the SubjectType of the response (saml:sub_type).
	Subject       string
	SubjectFormat string
	SubjectType   string
	// NameIDQualifier and SPNameQualifier are the NameID attributes as sent.
	NameIDQualifier string
	SPNameQualifier string
	// NameQualifier is AWS's hash of the issuer, account and provider name
	// (saml:namequalifier, and the NameQualifier element of the response).
	NameQualifier string
	// RoleARN is the role the assertion maps the user to, the one asked
	// for; Roles lists every pair of the Role attribute.
	RoleARN string
	Roles   []RolePair
	// RoleSessionName is the session name the assertion gives.
	RoleSessionName string
	// SessionDuration is the SessionDuration attribute, or 0.
	SessionDuration time.Duration
	// SessionNotOnOrAfter is the AuthnStatement's, or zero.
	SessionNotOnOrAfter time.Time
	// SourceIdentity is the SourceIdentity attribute, if any.
	SourceIdentity string
	// Tags are the PrincipalTag attributes, in the assertion's order, and
	// TransitiveTagKeys the TransitiveTagKeys attribute.
	Tags              []Tag
	TransitiveTagKeys []string
	// Attributes holds every attribute of the assertion, in order.
	Attributes []Attribute
	// AssertionID, IssueInstant, NotBefore and NotOnOrAfter describe the
	// assertion; NotBefore is zero when it has none, and NotOnOrAfter is
	// the earlier of the Conditions' and the SubjectConfirmationData's.
	AssertionID  string
	IssueInstant time.Time
	NotBefore    time.Time
	NotOnOrAfter time.Time
}

// VerifySAML checks a SAML response (base64, as AssumeRoleWithSAML's
// SAMLAssertion takes it) for assuming roleArn through provider, at the time
// now. In order it checks: the size; base64; that the XML is a well-formed
// SAML Response without a DTD; its Status; that it holds exactly one
// Assertion and one iamlab AssertionSignature that verifies with one of the
// provider's keys; that the Issuer is the provider's entity ID and the
// provider's metadata has not expired; the Subject's NameID and its bearer
// SubjectConfirmation (Recipient, NotOnOrAfter); the Conditions (time window
// with [Leeway], audience); that the Role attribute pairs roleArn with this
// provider; and the RoleSessionName, SessionDuration, SourceIdentity,
// PrincipalTag and TransitiveTagKeys attributes.
//
// Errors are *Error with STS's codes: ErrValidation for a response longer
// than 100,000 characters, ErrInvalidIdentityToken for anything malformed or
// untrusted, ErrExpiredToken, ErrIDPRejectedClaim for a failed Status or an
// assertion not valid yet, ErrAccessDenied when the assertion does not map
// the user to the role or has no NameID, and ErrInvalidInput for a provider
// that breaks IAM's rules.
func VerifySAML(provider *SAMLProvider, roleArn string, samlResponse string, now time.Time) (*SAMLIdentity, error) {
	if err := provider.Validate(); err != nil {
		return nil, err
	}
	if n := len(samlResponse); n < minSAMLResponseLength || n > MaxSAMLResponseLength {
		return nil, newError(ErrValidation, "", fmt.Sprintf("1 validation error detected: Value at 'SAMLAssertion' failed to satisfy constraint: Member must have length between %d and %d, got %d", minSAMLResponseLength, MaxSAMLResponseLength, n))
	}
	data, err := base64.StdEncoding.DecodeString(stripSpace(samlResponse))
	if err != nil {
		return nil, invalidToken("", "the SAML response is not base64")
	}
	r, err := parseResponse(data)
	if err != nil {
		return nil, invalidToken("", "the SAML response cannot be read: "+err.Error())
	}
	if e := r.checkShape(); e != nil {
		return nil, e
	}
	if e := r.checkSignature(provider); e != nil {
		return nil, e
	}
	a, err := decodeAssertion(r.assertions[0])
	if err != nil {
		return nil, invalidToken("Assertion", "the assertion cannot be read: "+err.Error())
	}
	id := &SAMLIdentity{
		Principal:    provider.ARN,
		Account:      provider.Account(),
		ProviderName: provider.Name(),
		AssertionID:  a.ID,
	}
	if e := id.checkIssuer(provider, r, a, now); e != nil {
		return nil, e
	}
	if e := id.readSubject(a, now); e != nil {
		return nil, e
	}
	if e := id.readConditions(a, now); e != nil {
		return nil, e
	}
	if e := id.readAttributes(a, provider, roleArn); e != nil {
		return nil, e
	}
	return id, nil
}

// stripSpace removes the line breaks and spaces IdPs put in base64.
func stripSpace(s string) string {
	if !strings.ContainsAny(s, " \t\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, s)
}

// checkShape checks the Response's status and that it holds one Assertion.
func (r *response) checkShape() *Error {
	if len(r.statuses) != 1 {
		return invalidToken("Status", fmt.Sprintf("the SAML response must have one Status, not %d", len(r.statuses)))
	}
	if code := r.statuses[0].Code.Value; code != StatusSuccess {
		msg := "the identity provider did not authenticate the user: the response's status is " + quote(code)
		if sub := r.statuses[0].Code.Sub; sub != nil {
			msg += " (" + quote(sub.Value) + ")"
		}
		return newError(ErrIDPRejectedClaim, "Status", msg)
	}
	if r.encrypted > 0 {
		return invalidToken("EncryptedAssertion", "AWS does not support encrypted SAML assertions")
	}
	if len(r.assertions) != 1 {
		return invalidToken("Assertion", fmt.Sprintf("the SAML response must hold exactly one Assertion, not %d", len(r.assertions)))
	}
	return nil
}

// checkSignature verifies iamlab's signature over the Assertion's bytes.
func (r *response) checkSignature(p *SAMLProvider) *Error {
	if len(r.signatures) != 1 {
		return invalidToken("AssertionSignature", fmt.Sprintf("Response signature invalid: the response must carry exactly one iamlab:AssertionSignature (%s), not %d", NSSignature, len(r.signatures)))
	}
	s := r.signatures[0]
	if s.Algorithm != SignatureAlgorithm {
		return invalidToken("AssertionSignature", "Response signature invalid: the signature algorithm "+quote(s.Algorithm)+" is not "+SignatureAlgorithm)
	}
	sig, err := base64.StdEncoding.DecodeString(stripSpace(s.Value))
	if err != nil || len(sig) != ed25519.SignatureSize {
		return invalidToken("AssertionSignature", "Response signature invalid: the signature is not a base64 Ed25519 signature")
	}
	for _, k := range p.SigningKeys {
		if len(k) == ed25519.PublicKeySize && ed25519.Verify(k, r.assertions[0], sig) {
			return nil
		}
	}
	return invalidToken("AssertionSignature", "Response signature invalid: the assertion's signature does not verify with the provider's signing keys")
}

func (id *SAMLIdentity) checkIssuer(p *SAMLProvider, r *response, a xmlAssertion, now time.Time) *Error {
	if len(a.Issuers) != 1 {
		return invalidToken("Issuer", fmt.Sprintf("the assertion must have one Issuer, not %d", len(a.Issuers)))
	}
	id.Issuer = trimXML(a.Issuers[0].Value)
	if id.Issuer != p.EntityID {
		return invalidToken("Issuer", "Issuer not present in specified provider: the assertion's issuer "+quote(id.Issuer)+" is not the entity ID "+quote(p.EntityID)+" of "+p.ARN)
	}
	for _, ri := range r.issuers {
		if trimXML(ri) != p.EntityID {
			return invalidToken("Issuer", "Issuer not present in specified provider: the response's issuer "+quote(trimXML(ri))+" is not the entity ID "+quote(p.EntityID))
		}
	}
	if !p.ValidUntil.IsZero() && !now.Before(p.ValidUntil) {
		return invalidToken("", "the metadata of "+p.ARN+" expired at "+xmlTime(p.ValidUntil)+"; upload the identity provider's new metadata")
	}
	if a.Version != "2.0" {
		return invalidToken("Assertion", "the assertion's Version is "+quote(a.Version)+", not 2.0")
	}
	t, e := parseXMLTime(a.IssueInstant, "IssueInstant")
	if e != nil {
		return e
	}
	id.IssueInstant = t
	if now.Add(Leeway).Before(t) {
		return newError(ErrIDPRejectedClaim, "IssueInstant", "the assertion was issued in the future, at "+xmlTime(t)+"; it is now "+xmlTime(now))
	}
	return nil
}

func parseXMLTime(s, claim string) (time.Time, *Error) {
	t, err := time.Parse(time.RFC3339Nano, trimXML(s))
	if err != nil {
		if s == "" {
			return time.Time{}, invalidToken(claim, "the assertion has no "+claim)
		}
		return time.Time{}, invalidToken(claim, claim+" "+quote(s)+" is not an xs:dateTime such as 2013-11-05T02:06:42.876Z")
	}
	return t.UTC(), nil
}

// readSubject reads the NameID and the bearer confirmation
// (id_roles_providers_create_saml_assertions.md, "Subject and NameID").
func (id *SAMLIdentity) readSubject(a xmlAssertion, now time.Time) *Error {
	if len(a.Subjects) != 1 || len(a.Subjects[0].NameIDs) != 1 || trimXML(a.Subjects[0].NameIDs[0].Value) == "" {
		return newError(ErrAccessDenied, "Subject", "Not authorized to perform sts:AssumeRoleWithSAML: the assertion must have one Subject with one NameID")
	}
	s := a.Subjects[0]
	n := s.NameIDs[0]
	id.Subject = trimXML(n.Value)
	id.SubjectFormat = n.Format
	id.SubjectType = SubjectType(n.Format)
	id.NameIDQualifier = n.NameQualifier
	id.SPNameQualifier = n.SPNameQualifier
	id.NameQualifier = NameQualifier(id.Issuer, id.Account, id.ProviderName)

	if len(s.Confirmations) != 1 || len(s.Confirmations[0].Data) != 1 {
		return invalidToken("SubjectConfirmation", "the Subject must have exactly one SubjectConfirmation with one SubjectConfirmationData")
	}
	c := s.Confirmations[0]
	if c.Method != BearerMethod {
		return invalidToken("SubjectConfirmation", "the SubjectConfirmation's Method is "+quote(c.Method)+", not "+BearerMethod)
	}
	scd := c.Data[0]
	id.Recipient = trimXML(scd.Recipient)
	if id.Recipient == "" {
		return invalidToken("SubjectConfirmationData", "the SubjectConfirmationData has no Recipient")
	}
	if !isAWSSAMLEndpoint(id.Recipient) {
		return invalidToken("SubjectConfirmationData", "the Recipient "+quote(id.Recipient)+" is not an AWS sign-in SAML endpoint such as "+AWSSAMLEndpoint)
	}
	end, e := parseXMLTime(scd.NotOnOrAfter, "NotOnOrAfter")
	if e != nil {
		e.Claim = "SubjectConfirmationData"
		return e
	}
	id.NotOnOrAfter = end
	if !now.Before(end.Add(Leeway)) {
		return newError(ErrExpiredToken, "SubjectConfirmationData", "the assertion expired at "+xmlTime(end)+" (SubjectConfirmationData NotOnOrAfter); it is now "+xmlTime(now))
	}
	if scd.NotBefore != "" {
		start, e := parseXMLTime(scd.NotBefore, "NotBefore")
		if e != nil {
			e.Claim = "SubjectConfirmationData"
			return e
		}
		if now.Add(Leeway).Before(start) {
			return newError(ErrIDPRejectedClaim, "SubjectConfirmationData", "the assertion is not valid before "+xmlTime(start)+"; it is now "+xmlTime(now))
		}
	}
	return nil
}

// readConditions checks the validity window and the audience.
func (id *SAMLIdentity) readConditions(a xmlAssertion, now time.Time) *Error {
	if len(a.Conditions) != 1 {
		return invalidToken("Conditions", fmt.Sprintf("the assertion must have one Conditions element, not %d", len(a.Conditions)))
	}
	c := a.Conditions[0]
	if c.NotBefore != "" {
		t, e := parseXMLTime(c.NotBefore, "NotBefore")
		if e != nil {
			e.Claim = "Conditions"
			return e
		}
		id.NotBefore = t
		if now.Add(Leeway).Before(t) {
			return newError(ErrIDPRejectedClaim, "Conditions", "the assertion is not valid before "+xmlTime(t)+" (Conditions NotBefore); it is now "+xmlTime(now))
		}
	}
	if c.NotOnOrAfter != "" {
		t, e := parseXMLTime(c.NotOnOrAfter, "NotOnOrAfter")
		if e != nil {
			e.Claim = "Conditions"
			return e
		}
		if t.Before(id.NotOnOrAfter) {
			id.NotOnOrAfter = t
		}
		if !now.Before(t.Add(Leeway)) {
			return newError(ErrExpiredToken, "Conditions", "the assertion expired at "+xmlTime(t)+" (Conditions NotOnOrAfter); it is now "+xmlTime(now))
		}
	}
	if len(c.AudienceRestrictions) == 0 {
		return invalidToken("Conditions", "Response does not contain the required audience: the Conditions have no AudienceRestriction")
	}
	// Every AudienceRestriction must be met; within one, any audience does.
	for _, ar := range c.AudienceRestrictions {
		ok := false
		for _, aud := range ar.Audiences {
			v := trimXML(aud.Value)
			id.Audiences = append(id.Audiences, v)
			if isAWSAudience(v) {
				ok = true
			}
		}
		if !ok {
			return invalidToken("Conditions", "Response does not contain the required audience: no Audience of an AudienceRestriction is AWS ("+AWSSAMLEndpoint+" or urn:amazon:webservices)")
		}
	}
	if len(a.AuthnStatements) > 0 && a.AuthnStatements[0].SessionNotOnOrAfter != "" {
		t, e := parseXMLTime(a.AuthnStatements[0].SessionNotOnOrAfter, "SessionNotOnOrAfter")
		if e != nil {
			e.Claim = "AuthnStatement"
			return e
		}
		id.SessionNotOnOrAfter = t
		if !now.Before(t) {
			return newError(ErrExpiredToken, "AuthnStatement", "the session the assertion allows ended at "+xmlTime(t)+" (SessionNotOnOrAfter); it is now "+xmlTime(now))
		}
	}
	return nil
}

// isAWSSAMLEndpoint reports whether u is one of AWS's sign-in SAML endpoints:
// https://signin.aws.amazon.com/saml, its /static/saml form, a regional
// https://REGION.signin.aws.amazon.com/saml, or the China and GovCloud
// partitions' endpoints.
func isAWSSAMLEndpoint(u string) bool {
	switch u {
	case AWSSAMLEndpoint, "https://signin.aws.amazon.com/static/saml",
		"https://signin.amazonaws.cn/saml", "https://signin.amazonaws-us-gov.com/saml":
		return true
	}
	rest, ok := strings.CutPrefix(u, "https://")
	if !ok {
		return false
	}
	region, path, ok := strings.Cut(rest, ".signin.aws.amazon.com/")
	return ok && isRegion(region) && (path == "saml" || path == "static/saml")
}

// isRegion reports whether s looks like an AWS Region code: us-east-1,
// ap-southeast-2, us-gov-west-1.
func isRegion(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) != 3 && !(len(parts) == 4 && parts[1] == "gov") {
		return false
	}
	if len(parts[0]) != 2 || !isLower(parts[0]) || !isLower(parts[len(parts)-2]) || !isDigits(parts[len(parts)-1]) {
		return false
	}
	return true
}

func isLower(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return s != ""
}

// isAWSAudience reports whether an Audience names AWS: one of its SAML
// endpoints, or the entity ID of AWS's SAML metadata document
// (urn:amazon:webservices, and the China and GovCloud forms).
func isAWSAudience(a string) bool {
	switch a {
	case "urn:amazon:webservices", "urn:amazon:webservices:cn-north-1", "urn:amazon:webservices:govcloud":
		return true
	}
	return isAWSSAMLEndpoint(a)
}

// SubjectType returns the SubjectType AWS reports for a NameID Format (the
// STS API model): the Format without the prefix
// urn:oasis:names:tc:SAML:2.0:nameid-format: (so "persistent",
// "transient"), any other Format unchanged, and SAML's default
// urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified when there is none.
func SubjectType(format string) string {
	const prefix = "urn:oasis:names:tc:SAML:2.0:nameid-format:"
	switch {
	case format == "":
		return NameIDUnspecified
	case strings.HasPrefix(format, prefix) && len(format) > len(prefix):
		return format[len(prefix):]
	}
	return format
}

// NameQualifier computes saml:namequalifier as the STS API model and
// id_roles_providers_saml.md give it: Base64(SHA1(issuer + account + "/" +
// providerName)).
func NameQualifier(issuer, account, providerName string) string {
	sum := sha1.Sum([]byte(issuer + account + "/" + providerName))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// readAttributes reads the AttributeStatements: the AWS attributes and the
// others.
func (id *SAMLIdentity) readAttributes(a xmlAssertion, p *SAMLProvider, roleArn string) *Error {
	seen := map[string]bool{}
	for _, st := range a.AttributeStatements {
		for _, at := range st.Attributes {
			vals := make([]string, len(at.Values))
			for i, v := range at.Values {
				vals[i] = trimXML(v.Value)
			}
			id.Attributes = append(id.Attributes, Attribute{Name: at.Name, FriendlyName: at.FriendlyName, Values: vals})
			if strings.HasPrefix(at.Name, "https://aws.amazon.com/SAML/Attributes/") {
				if seen[at.Name] {
					return invalidToken(at.Name, "the attribute "+at.Name+" appears more than once")
				}
				seen[at.Name] = true
			}
		}
	}
	role, ok := id.attribute(AttrRole)
	if !ok || len(role.Values) == 0 {
		return invalidToken(AttrRole, "the assertion has no "+AttrRole+" attribute listing the roles the user may assume")
	}
	for _, v := range role.Values {
		pair, ok := parseRolePair(v)
		if !ok {
			return invalidToken(AttrRole, "the Role value "+quote(v)+" is not a role ARN and a SAML provider ARN separated by a comma")
		}
		id.Roles = append(id.Roles, pair)
		if pair.Role == roleArn && pair.Provider == p.ARN {
			id.RoleARN = roleArn
		}
	}
	if id.RoleARN == "" {
		return newError(ErrAccessDenied, AttrRole, "Not authorized to perform sts:AssumeRoleWithSAML: the assertion's Role attribute does not pair "+quote(roleArn)+" with "+p.ARN)
	}

	name, ok := id.attribute(AttrRoleSessionName)
	if !ok {
		return invalidToken(AttrRoleSessionName, "RoleSessionName is required in AuthnResponse")
	}
	if len(name.Values) != 1 || !validSessionName(name.Values[0]) {
		return invalidToken(AttrRoleSessionName, "RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}, got "+quote(strings.Join(name.Values, ",")))
	}
	id.RoleSessionName = name.Values[0]

	if d, ok := id.attribute(AttrSessionDuration); ok {
		secs := -1
		if len(d.Values) == 1 {
			if n, err := strconv.Atoi(d.Values[0]); err == nil {
				secs = n
			}
		}
		if secs < minSessionDuration || secs > maxSessionDuration {
			return invalidToken(AttrSessionDuration, "SessionDuration must be one integer from 900 to 43200 seconds, got "+quote(strings.Join(d.Values, ",")))
		}
		id.SessionDuration = time.Duration(secs) * time.Second
	}

	if s, ok := id.attribute(AttrSourceIdentity); ok {
		if len(s.Values) != 1 {
			return invalidToken(AttrSourceIdentity, "SourceIdentity must have exactly one value")
		}
		if e := checkSourceIdentity(s.Values[0], AttrSourceIdentity); e != nil {
			return e
		}
		id.SourceIdentity = s.Values[0]
	}

	for _, at := range id.Attributes {
		key, ok := strings.CutPrefix(at.Name, AttrPrincipalTagPrefix)
		if !ok {
			continue
		}
		if len(at.Values) != 1 {
			return invalidToken(at.Name, "the session tag "+quote(key)+" must have exactly one value: AWS STS does not support multi-valued session tags")
		}
		id.Tags = append(id.Tags, Tag{Key: key, Value: at.Values[0]})
	}
	if tk, ok := id.attribute(AttrTransitiveTagKeys); ok {
		id.TransitiveTagKeys = tk.Values
	}
	return checkTags(id.Tags, id.TransitiveTagKeys, AttrPrincipalTagPrefix+"*", AttrTransitiveTagKeys)
}

// attribute returns the first attribute with the name.
func (id *SAMLIdentity) attribute(name string) (Attribute, bool) {
	for _, a := range id.Attributes {
		if a.Name == name {
			return a, true
		}
	}
	return Attribute{}, false
}

// isARNOf reports whether s is an IAM ARN whose resource is prefix and a
// non-empty rest (role/NAME, saml-provider/NAME).
func isARNOf(s, prefix string) bool {
	_, res, ok := iamARN(s)
	return ok && len(res) > len(prefix) && strings.HasPrefix(res, prefix)
}

// parseRolePair reads "roleArn,providerArn" in either order.
func parseRolePair(v string) (RolePair, bool) {
	a, b, ok := strings.Cut(v, ",")
	if !ok {
		return RolePair{}, false
	}
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	switch {
	case isARNOf(a, "role/") && isARNOf(b, "saml-provider/"):
		return RolePair{Role: a, Provider: b}, true
	case isARNOf(a, "saml-provider/") && isARNOf(b, "role/"):
		return RolePair{Role: b, Provider: a}, true
	}
	return RolePair{}, false
}

// ContextKeys returns the condition keys of the AssumeRoleWithSAML request,
// for the role's trust policy, sorted by key: saml:aud (the Recipient),
// saml:iss, saml:sub, saml:sub_type, saml:namequalifier, saml:doc
// (ACCOUNT/NAME), the saml: keys of the attributes [SAMLAttributeKey] maps
// (the first attribute for a key wins; a key that is not a list takes the
// first value), sts:RoleSessionName, aws:RequestTag/KEY for each session
// tag, aws:TagKeys, sts:TransitiveTagKeys, and sts:SourceIdentity.
func (id *SAMLIdentity) ContextKeys() []ContextKey {
	var s keySet
	s.add("saml:aud", eval.String, id.Recipient)
	s.add("saml:iss", eval.String, id.Issuer)
	s.add("saml:sub", eval.String, id.Subject)
	s.add("saml:sub_type", eval.String, id.SubjectType)
	s.add("saml:namequalifier", eval.String, id.NameQualifier)
	s.add("saml:doc", eval.String, id.Account+"/"+id.ProviderName)
	for _, a := range id.Attributes {
		key, list, ok := SAMLAttributeKey(a.Name)
		if !ok || len(a.Values) == 0 {
			continue
		}
		if list {
			s.add(key, eval.StringList, a.Values...)
		} else {
			s.add(key, eval.String, a.Values[0])
		}
	}
	if id.RoleSessionName != "" {
		s.add("sts:RoleSessionName", eval.String, id.RoleSessionName)
	}
	s.addSessionKeys(id.Tags, id.TransitiveTagKeys, id.SourceIdentity)
	return s.sorted()
}

// SessionContextKeys returns the keys that stay with the role session and
// appear in the requests it makes (reference_policies_iam-condition-keys.md,
// cross-service SAML keys): saml:namequalifier, saml:sub and saml:sub_type,
// and aws:FederatedProvider (the provider's ARN), sorted.
func (id *SAMLIdentity) SessionContextKeys() []ContextKey {
	var s keySet
	s.add("aws:FederatedProvider", eval.String, id.Principal)
	s.add("saml:namequalifier", eval.String, id.NameQualifier)
	s.add("saml:sub", eval.String, id.Subject)
	s.add("saml:sub_type", eval.String, id.SubjectType)
	return s.sorted()
}
