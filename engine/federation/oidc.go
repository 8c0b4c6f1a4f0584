package federation

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/eval"
)

// The identity providers AWS builds in: roles trust them by name, with no
// IAM OIDC provider entity (id_roles_create_for-idp_oidc.md).
const (
	ProviderCognito  = "cognito-identity.amazonaws.com"
	ProviderGoogle   = "accounts.google.com"
	ProviderFacebook = "graph.facebook.com"
	ProviderAmazon   = "www.amazon.com"
)

// IsBuiltIn reports whether name (a provider URL, with or without https://)
// is one of the providers AWS builds in.
func IsBuiltIn(name string) bool {
	switch providerName(name) {
	case ProviderCognito, ProviderGoogle, ProviderFacebook, ProviderAmazon:
		return true
	}
	return false
}

// Leeway is how far the clocks of an identity provider and AWS may disagree:
// a token or assertion is accepted up to Leeway after it expires and from
// Leeway before it becomes valid. AWS does not document its tolerance.
const Leeway = 5 * time.Minute

// The limits IAM puts on an OIDC provider (CreateOpenIDConnectProvider,
// id_roles_providers_create_oidc.md).
const (
	maxURLLength      = 255
	MaxClientIDs      = 100
	maxClientIDLength = 255
	MaxThumbprints    = 5
)

// OIDCProvider is an IAM OpenID Connect identity provider as IAM stores it,
// plus the provider's public signing keys, which AWS would fetch from its
// jwks_uri and iamlab, being offline, is given.
//
// The providers AWS builds in (Google, Amazon Cognito, Facebook, Login with
// Amazon) need no IAM entity in AWS; in iamlab they are an OIDCProvider whose
// URL is their host, so that their keys are known. For them ClientIDList may
// be empty, which accepts any audience and leaves the check to the role's
// trust policy (accounts.google.com:aud and the like), as in AWS.
type OIDCProvider struct {
	// Account is the 12-digit ID of the account that registered the
	// provider; it is part of the provider's ARN.
	Account string
	// URL is the issuer, such as "https://token.actions.githubusercontent.com"
	// or "accounts.google.com". It is case-sensitive.
	URL string
	// ClientIDList holds the audiences (client IDs) tokens may be issued
	// to, 1 to 100 of them.
	ClientIDList []string
	// ThumbprintList holds the SHA-1 thumbprints (40 hex digits) of the
	// provider's TLS certificate authority, 0 to 5. iamlab makes no TLS
	// connection, so they are checked for form only.
	ThumbprintList []string
	// Keys are the provider's signing keys (its JWKS). With none, Verify
	// fails with IDPCommunicationError, as when AWS cannot fetch them.
	Keys []Key
}

// providerName strips the https:// scheme from a provider URL or an iss
// claim: AWS names providers by host and path.
func providerName(url string) string {
	if len(url) >= 8 && strings.EqualFold(url[:8], "https://") {
		return url[8:]
	}
	return url
}

// Name returns the provider's host and path, such as
// "token.actions.githubusercontent.com": the prefix of its condition keys
// (token.actions.githubusercontent.com:sub) and the resource of its ARN.
func (p *OIDCProvider) Name() string { return providerName(p.URL) }

// ARN returns arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH.
func (p *OIDCProvider) ARN() string {
	return "arn:aws:iam::" + p.Account + ":oidc-provider/" + p.Name()
}

// Principal returns the provider as a role trust policy's Principal names it
// ({"Federated": …}): the host for a built-in provider
// ("accounts.google.com", "cognito-identity.amazonaws.com"), the ARN for any
// other.
func (p *OIDCProvider) Principal() string {
	if IsBuiltIn(p.URL) {
		return p.Name()
	}
	return p.ARN()
}

// Validate checks the provider against IAM's rules and reports the first
// problem as an ErrInvalidInput error. Verify calls it first.
func (p *OIDCProvider) Validate() error {
	if p == nil {
		return newError(ErrInvalidInput, "", "no OIDC provider")
	}
	if !isAccountID(p.Account) {
		return newError(ErrInvalidInput, "", "the provider's account "+quote(p.Account)+" is not a 12-digit account ID")
	}
	if why := checkProviderURL(p.URL); why != "" {
		return newError(ErrInvalidInput, "", "the provider URL "+quote(p.URL)+" "+why)
	}
	if len(p.ClientIDList) > MaxClientIDs {
		return newError(ErrInvalidInput, "", fmt.Sprintf("the provider has %d client IDs; at most %d are allowed", len(p.ClientIDList), MaxClientIDs))
	}
	if len(p.ClientIDList) == 0 && !IsBuiltIn(p.URL) {
		return newError(ErrInvalidInput, "", "the provider has no client ID (audience); an IAM OIDC provider needs at least one")
	}
	for _, c := range p.ClientIDList {
		if c == "" || len(c) > maxClientIDLength {
			return newError(ErrInvalidInput, "", "the client ID "+quote(c)+" must be 1 to 255 characters")
		}
	}
	if len(p.ThumbprintList) > MaxThumbprints {
		return newError(ErrInvalidInput, "", fmt.Sprintf("the provider has %d thumbprints; at most %d are allowed", len(p.ThumbprintList), MaxThumbprints))
	}
	for _, t := range p.ThumbprintList {
		if !isHex(t, 40) {
			return newError(ErrInvalidInput, "", "the thumbprint "+quote(t)+" is not 40 hexadecimal digits (a SHA-1 fingerprint without colons)")
		}
	}
	if len(p.Keys) > MaxKeys {
		return newError(ErrInvalidInput, "", fmt.Sprintf("the provider has %d keys; at most %d are allowed", len(p.Keys), MaxKeys))
	}
	for i, k := range p.Keys {
		if why := checkPublicKey(k.Public); why != "" {
			return newError(ErrInvalidInput, "", fmt.Sprintf("key %d (kid %s): %s", i, quote(k.ID), why))
		}
		if k.Algorithm != "" && !keyFits(k.Algorithm, k.Public) {
			return newError(ErrInvalidInput, "", fmt.Sprintf("key %d (kid %s): algorithm %s does not fit the key", i, quote(k.ID), quote(k.Algorithm)))
		}
		for _, o := range p.Keys[:i] {
			if k.ID != "" && o.ID == k.ID {
				return newError(ErrInvalidInput, "", "two keys have the kid "+quote(k.ID))
			}
		}
	}
	return nil
}

// checkProviderURL applies IAM's rules on a provider URL: https://, no port,
// no query or fragment, at most 255 characters. A built-in provider may be
// named by its bare host.
func checkProviderURL(url string) string {
	if url == "" || len(url) > maxURLLength {
		return "must be 1 to 255 characters"
	}
	if !strings.HasPrefix(url, "https://") && !IsBuiltIn(url) {
		return "must begin with https://"
	}
	name := providerName(url)
	host, _, _ := strings.Cut(name, "/")
	switch {
	case host == "":
		return "has no host"
	case strings.Contains(host, ":"):
		return "must not contain a port number"
	case strings.ContainsAny(name, "?# \t\r\n"):
		return "must not contain a query, a fragment or spaces"
	}
	return ""
}

func isAccountID(s string) bool { return len(s) == 12 && isDigits(s) }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// WebIdentity is a verified web identity token: who the provider says the
// caller is, as plain data for AssumeRoleWithWebIdentity.
type WebIdentity struct {
	// Principal is the provider as a trust policy's Principal Federated
	// names it: "accounts.google.com" for a built-in provider, the
	// provider's ARN for any other.
	Principal string
	// ProviderName is the provider's host and path, the prefix of its
	// context keys.
	ProviderName string
	// Issuer is the token's iss, verbatim: the Provider element of
	// AssumeRoleWithWebIdentity's response.
	Issuer string
	// Subject is the token's sub: SubjectFromWebIdentityToken.
	Subject string
	// Audience holds the token's aud: one value, or several when aud is an
	// array (AudienceIsList).
	Audience       []string
	AudienceIsList bool
	// AuthorizedParty is the token's azp, if any.
	AuthorizedParty string
	// ClientID is the client ID the token was accepted for: the Audience
	// element of the response.
	ClientID string
	// AuthenticationMethods is the token's amr, if any (Amazon Cognito puts
	// "authenticated" or "unauthenticated" and the login provider there).
	AuthenticationMethods []string
	// ExpiresAt, IssuedAt and NotBefore are exp, iat and nbf; the last two
	// are zero when the token does not carry them.
	ExpiresAt time.Time
	IssuedAt  time.Time
	NotBefore time.Time
	// SourceIdentity is the https://aws.amazon.com/source_identity claim.
	SourceIdentity string
	// Tags are the session tags of the https://aws.amazon.com/tags claim,
	// sorted by key, and TransitiveTagKeys its transitive_tag_keys.
	Tags              []Tag
	TransitiveTagKeys []string
	// KeyID and Algorithm say which key verified the token, and how.
	KeyID     string
	Algorithm string
	// Claims holds every claim of the token as decoded.
	Claims Claims
}

// FindOIDCProvider returns the provider among providers (an account's) whose
// URL is the token's issuer, as AWS looks the provider up by the token's iss.
// It reads the token without verifying it; [Verify] does that.
func FindOIDCProvider(providers []*OIDCProvider, token string) (*OIDCProvider, error) {
	t, err := parseJWS(token)
	if err != nil {
		return nil, err
	}
	iss, ok := t.claims["iss"].(string)
	if !ok || iss == "" {
		return nil, invalidToken("iss", "the token has no iss (issuer) claim")
	}
	for _, p := range providers {
		if p != nil && p.Name() == providerName(iss) {
			return p, nil
		}
	}
	return nil, invalidToken("iss", "No OpenIDConnect provider found in your account for "+quote(iss))
}

// Verify checks a web identity token (a compact JWT) against the provider it
// claims to come from, at the time now, and returns what it asserts. In
// order it checks: the token's shape and size; that alg is one of
// [Algorithms] (never "none"); that iss is the provider's URL, with or
// without https://; the signature, with the key the header's kid names (or,
// with no kid, any of the provider's keys that fits alg); that sub, aud and
// exp are present; exp, nbf and iat against now, with [Leeway]; the audience
// against ClientIDList; and the session tags and source identity claims.
//
// Errors are *Error with STS's codes: ErrValidation for a token longer than
// 20,000 characters, ErrInvalidIdentityToken for anything malformed or
// untrusted, ErrExpiredToken, ErrIDPRejectedClaim for a token not valid yet,
// ErrIDPCommunicationError for a provider with no keys, and ErrInvalidInput
// for a provider that breaks IAM's rules.
func Verify(provider *OIDCProvider, token string, now time.Time) (*WebIdentity, error) {
	if err := provider.Validate(); err != nil {
		return nil, err
	}
	t, perr := parseJWS(token)
	if perr != nil {
		return nil, perr
	}
	c := t.claims
	iss, err := stringClaim(c, "iss")
	if err != nil {
		return nil, err
	}
	if iss == "" {
		return nil, invalidToken("iss", "the token has no iss (issuer) claim")
	}
	if providerName(iss) != provider.Name() {
		return nil, invalidToken("iss", "the token's issuer "+quote(iss)+" is not the provider "+quote(provider.URL)+"; No OpenIDConnect provider found in your account for "+quote(iss))
	}
	key, err := verifyJWS(provider, t)
	if err != nil {
		return nil, err
	}
	w := &WebIdentity{
		Principal:    provider.Principal(),
		ProviderName: provider.Name(),
		Issuer:       iss,
		KeyID:        key.ID,
		Algorithm:    t.header.Alg,
		Claims:       c,
	}
	if w.Subject, err = stringClaim(c, "sub"); err != nil {
		return nil, err
	}
	if w.Subject == "" {
		return nil, invalidToken("sub", "the token has no sub (subject) claim")
	}
	if w.Audience, w.AudienceIsList, err = stringsClaim(c, "aud"); err != nil {
		return nil, err
	}
	if len(w.Audience) == 0 || slices.Contains(w.Audience, "") {
		return nil, invalidToken("aud", "the token has no aud (audience) claim")
	}
	if w.AuthorizedParty, err = stringClaim(c, "azp"); err != nil {
		return nil, err
	}
	if w.AuthenticationMethods, _, err = stringsClaim(c, "amr"); err != nil {
		return nil, err
	}
	if err := w.checkTimes(c, now); err != nil {
		return nil, err
	}
	if err := w.matchAudience(provider); err != nil {
		return nil, err
	}
	if _, present := c[ClaimSourceIdentity]; present {
		s, ok := c[ClaimSourceIdentity].(string)
		if !ok {
			return nil, invalidToken(ClaimSourceIdentity, "the "+ClaimSourceIdentity+" claim is not a string")
		}
		if err := checkSourceIdentity(s, ClaimSourceIdentity); err != nil {
			return nil, err
		}
		w.SourceIdentity = s
	}
	if v, present := c[ClaimTags]; present {
		if w.Tags, w.TransitiveTagKeys, err = parseTagsClaim(v); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// verifyJWS finds the provider's key for the token and checks the signature.
func verifyJWS(p *OIDCProvider, t *jws) (Key, *Error) {
	if len(p.Keys) == 0 {
		return Key{}, newError(ErrIDPCommunicationError, "", "no signing keys are registered for "+quote(p.URL)+": its JWKS could not be retrieved")
	}
	alg := t.header.Alg
	var candidates []Key
	if t.header.Kid != "" {
		for _, k := range p.Keys {
			if k.ID == t.header.Kid {
				candidates = append(candidates, k)
			}
		}
		if len(candidates) == 0 {
			return Key{}, invalidToken("", "the provider has no key with the token's kid "+quote(t.header.Kid))
		}
		k := candidates[0]
		if !keyFits(alg, k.Public) || k.Algorithm != "" && k.Algorithm != alg {
			return Key{}, invalidToken("", "the token's alg "+alg+" does not fit the provider's key "+quote(k.ID))
		}
	} else {
		for _, k := range p.Keys {
			if keyFits(alg, k.Public) && (k.Algorithm == "" || k.Algorithm == alg) {
				candidates = append(candidates, k)
			}
		}
		if len(candidates) == 0 {
			return Key{}, invalidToken("", "the token has no kid and the provider has no key for its alg "+alg)
		}
	}
	for _, k := range candidates {
		if verifySignature(alg, k.Public, t.signingInput, t.signature) {
			return k, nil
		}
	}
	return Key{}, invalidToken("", "the token's signature does not verify with the provider's key")
}

func (w *WebIdentity) checkTimes(c Claims, now time.Time) *Error {
	exp, ok, err := numericDate(c, "exp")
	if err != nil {
		return err
	}
	if !ok {
		return invalidToken("exp", "the token has no exp (expiration) claim")
	}
	w.ExpiresAt = time.Unix(exp, 0).UTC()
	if !now.Before(w.ExpiresAt.Add(Leeway)) {
		return newError(ErrExpiredToken, "exp", fmt.Sprintf("Token expired: current date/time %d must be before the expiration date/time %d", now.Unix(), exp))
	}
	nbf, ok, err := numericDate(c, "nbf")
	if err != nil {
		return err
	}
	if ok {
		w.NotBefore = time.Unix(nbf, 0).UTC()
		if now.Add(Leeway).Before(w.NotBefore) {
			return newError(ErrIDPRejectedClaim, "nbf", fmt.Sprintf("the token is not valid before %d (nbf); it is now %d", nbf, now.Unix()))
		}
	}
	iat, ok, err := numericDate(c, "iat")
	if err != nil {
		return err
	}
	if ok {
		w.IssuedAt = time.Unix(iat, 0).UTC()
		if now.Add(Leeway).Before(w.IssuedAt) {
			return newError(ErrIDPRejectedClaim, "iat", fmt.Sprintf("the token was issued in the future, at %d (iat); it is now %d", iat, now.Unix()))
		}
		if w.IssuedAt.After(w.ExpiresAt) {
			return invalidToken("iat", "the token was issued (iat) after it expires (exp)")
		}
	}
	return nil
}

// effectiveAudiences are the values matched against ClientIDList. For Google,
// azp when the token has one and aud otherwise
// (reference_policies_iam-condition-keys.md, accounts.google.com:aud); for
// every other provider, aud.
func (w *WebIdentity) effectiveAudiences() []string {
	if w.ProviderName == ProviderGoogle && w.AuthorizedParty != "" {
		return []string{w.AuthorizedParty}
	}
	return w.Audience
}

func (w *WebIdentity) matchAudience(p *OIDCProvider) *Error {
	auds := w.effectiveAudiences()
	if len(p.ClientIDList) == 0 { // a built-in provider: the trust policy checks
		w.ClientID = auds[0]
		return nil
	}
	for _, a := range auds {
		if slices.Contains(p.ClientIDList, a) {
			w.ClientID = a
			return nil
		}
	}
	claim := "aud"
	if w.ProviderName == ProviderGoogle && w.AuthorizedParty != "" {
		claim = "azp"
	}
	return invalidToken(claim, "Incorrect token audience: "+quote(strings.Join(auds, ", "))+" is not a client ID of the provider")
}

// parseTagsClaim reads the https://aws.amazon.com/tags claim.
func parseTagsClaim(v any) ([]Tag, []string, *Error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, nil, invalidToken(ClaimTags, "the "+ClaimTags+" claim is not a JSON object")
	}
	for k := range obj {
		if k != "principal_tags" && k != "transitive_tag_keys" {
			return nil, nil, invalidToken(ClaimTags, "the "+ClaimTags+" claim has a member "+quote(k)+"; it may hold only principal_tags and transitive_tag_keys")
		}
	}
	var tags []Tag
	if pt, present := obj["principal_tags"]; present {
		m, ok := pt.(map[string]any)
		if !ok {
			return nil, nil, invalidToken(ClaimTags, "principal_tags is not a JSON object")
		}
		for k, v := range m {
			a, ok := v.([]any)
			if !ok || len(a) != 1 {
				return nil, nil, invalidToken(ClaimTags, "principal_tags "+quote(k)+" must be an array of exactly one string: AWS STS does not support multi-valued session tags")
			}
			s, ok := a[0].(string)
			if !ok {
				return nil, nil, invalidToken(ClaimTags, "principal_tags "+quote(k)+" must be an array of exactly one string")
			}
			tags = append(tags, Tag{Key: k, Value: s})
		}
		sort.Slice(tags, func(i, j int) bool { return tags[i].Key < tags[j].Key })
	}
	var transitive []string
	if tk, present := obj["transitive_tag_keys"]; present {
		a, ok := tk.([]any)
		if !ok {
			return nil, nil, invalidToken(ClaimTags, "transitive_tag_keys is not an array")
		}
		for _, e := range a {
			s, ok := e.(string)
			if !ok {
				return nil, nil, invalidToken(ClaimTags, "transitive_tag_keys has an element that is not a string")
			}
			transitive = append(transitive, s)
		}
	}
	if err := checkTags(tags, transitive, ClaimTags, ClaimTags); err != nil {
		return nil, nil, err
	}
	return tags, transitive, nil
}

// ContextKeys returns the condition keys of the AssumeRoleWithWebIdentity
// request, for the role's trust policy, sorted by key:
//
//   - for most providers, PROVIDER:aud (a list when the token's aud is an
//     array), PROVIDER:sub, and PROVIDER:azp and PROVIDER:amr when the
//     token has them, where PROVIDER is the host and path
//     (token.actions.githubusercontent.com:sub);
//   - for Amazon Cognito, cognito-identity.amazonaws.com:aud, :sub and :amr;
//   - for Google, accounts.google.com:aud (the azp when the token has one,
//     else the aud), accounts.google.com:oaud (the aud) and :sub;
//   - for Facebook, graph.facebook.com:app_id (the aud) and
//     graph.facebook.com:id (the sub);
//   - for Login with Amazon, www.amazon.com:app_id (the aud) and
//     www.amazon.com:user_id (the sub);
//   - for the session tags, aws:RequestTag/KEY for each, aws:TagKeys and
//     sts:TransitiveTagKeys; and sts:SourceIdentity for a source identity.
func (w *WebIdentity) ContextKeys() []ContextKey {
	var s keySet
	w.addProviderKeys(&s, false)
	s.addSessionKeys(w.Tags, w.TransitiveTagKeys, w.SourceIdentity)
	return s.sorted()
}

// SessionContextKeys returns the keys that stay with the role session and
// appear in the requests it makes (reference_policies_iam-condition-keys.md,
// cross-service web identity keys: amr, aud, id and sub), sorted, and
// aws:FederatedProvider, whose value is [WebIdentity.Principal]. Amazon
// Cognito's keys stay only when the user is authenticated (amr holds
// "authenticated"). Session tags and the source identity become
// aws:PrincipalTag/KEY and aws:SourceIdentity once merged with the role's
// tags, which is the STS operation's business.
func (w *WebIdentity) SessionContextKeys() []ContextKey {
	var s keySet
	if w.ProviderName != ProviderCognito || slices.Contains(w.AuthenticationMethods, "authenticated") {
		w.addProviderKeys(&s, true)
	}
	s.add("aws:FederatedProvider", eval.String, w.Principal)
	return s.sorted()
}

func (w *WebIdentity) addProviderKeys(s *keySet, session bool) {
	p := w.ProviderName
	audType := eval.String
	if w.AudienceIsList {
		audType = eval.StringList
	}
	switch p {
	case ProviderFacebook:
		s.add(p+":app_id", audType, w.Audience...)
		s.add(p+":id", eval.String, w.Subject)
	case ProviderAmazon:
		s.add(p+":app_id", audType, w.Audience...)
		s.add(p+":user_id", eval.String, w.Subject)
	case ProviderGoogle:
		if w.AuthorizedParty != "" {
			s.add(p+":aud", eval.String, w.AuthorizedParty)
		} else {
			s.add(p+":aud", audType, w.Audience...)
		}
		if !session {
			s.add(p+":oaud", audType, w.Audience...)
		}
		s.add(p+":sub", eval.String, w.Subject)
	default: // Amazon Cognito and IAM OIDC providers
		s.add(p+":aud", audType, w.Audience...)
		s.add(p+":sub", eval.String, w.Subject)
		if w.AuthenticationMethods != nil {
			s.add(p+":amr", eval.StringList, w.AuthenticationMethods...)
		}
		if w.AuthorizedParty != "" && !session && p != ProviderCognito {
			s.add(p+":azp", eval.String, w.AuthorizedParty)
		}
	}
}
