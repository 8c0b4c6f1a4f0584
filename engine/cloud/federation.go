package cloud

import (
	"fmt"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/arn"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/federation"
	"github.com/iamlab/iamlab/engine/principal"
	"github.com/iamlab/iamlab/engine/sts"
)

// RegisterOIDCIssuer publishes an OpenID Connect identity provider's
// signing keys, as its JWKS endpoint on the internet would: STS fetches
// them to verify web identity tokens. url is the issuer
// ("https://token.actions.githubusercontent.com", "accounts.google.com").
func (c *Cloud) RegisterOIDCIssuer(url string, keys []federation.Key) {
	if c.oidcKeys == nil {
		c.oidcKeys = map[string][]federation.Key{}
	}
	c.oidcKeys[issuerKey(url)] = keys
}

func issuerKey(url string) string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "HTTPS://"), "/")
}

// oidcProviders lists the OIDC providers a role's account trusts: those
// registered in it, and the built-in providers (Google, Cognito, Facebook,
// Login with Amazon), which need no IAM entity.
func (c *Cloud) oidcProviders(a *account.Account) []*federation.OIDCProvider {
	var out []*federation.OIDCProvider
	for _, e := range a.ListOpenIDConnectProviders() {
		p, err := a.GetOpenIDConnectProvider(account.OpenIDConnectProviderInput{OpenIDConnectProviderArn: e.Arn})
		if err != nil {
			continue
		}
		// IAM reports the URL without its scheme; the verifier wants it.
		url := p.Url
		if !strings.HasPrefix(url, "https://") {
			url = "https://" + url
		}
		out = append(out, &federation.OIDCProvider{Account: a.ID(), URL: url, ClientIDList: p.ClientIDList,
			ThumbprintList: p.ThumbprintList, Keys: c.oidcKeys[issuerKey(url)]})
	}
	for url, keys := range c.oidcKeys {
		if federation.IsBuiltIn(url) {
			out = append(out, &federation.OIDCProvider{Account: a.ID(), URL: url, Keys: keys})
		}
	}
	return out
}

// AssumeRoleWithWebIdentityInput is AssumeRoleWithWebIdentity's request.
type AssumeRoleWithWebIdentityInput struct {
	RoleArn          string
	RoleSessionName  string
	WebIdentityToken string
	DurationSeconds  int
	Policy           string
	PolicyArns       []PolicyDescriptor
}

// AssumeRoleWithWebIdentityOutput is its response.
type AssumeRoleWithWebIdentityOutput struct {
	Credentials                 STSCredentials
	SubjectFromWebIdentityToken string
	AssumedRoleUser             AssumedRoleUser
	Provider                    string
	Audience                    string
	PackedPolicySize            int
	SourceIdentity              string `json:",omitempty"`
}

// fedRole resolves the role of a federated request and checks the endpoint.
func (c *Cloud) fedRole(endpoint, roleArn string) (RegionInfo, *State, int, *account.Account, roleInfo, error) {
	r, err := c.endpointRegion(endpoint)
	if err != nil {
		return r, nil, 0, nil, roleInfo{}, err
	}
	view, version, err := c.plane.Read(r.Name)
	if err != nil {
		return r, nil, 0, nil, roleInfo{}, err
	}
	a, err := arn.Parse(roleArn)
	if err != nil || !strings.HasPrefix(a.Resource, "role/") || !arn.IsAccountID(a.Account) {
		return r, nil, 0, nil, roleInfo{}, &Error{Code: "ValidationError", Message: fmt.Sprintf("%q is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME)", roleArn)}
	}
	if _, err := c.stsEndpoint(endpoint, view, a.Account); err != nil {
		return r, nil, 0, nil, roleInfo{}, err
	}
	acct := view.Accounts[a.Account]
	denied := &Error{Code: "AccessDenied", Message: "Not authorized to perform sts:AssumeRoleWithWebIdentity"}
	if acct == nil {
		return r, nil, 0, nil, roleInfo{}, denied
	}
	role, err := lookupRole(acct, a.Resource[strings.LastIndexByte(a.Resource, '/')+1:])
	if err != nil {
		return r, nil, 0, nil, roleInfo{}, denied
	}
	return r, view, version, acct, role, nil
}

func entries(keys []federation.ContextKey) []eval.Entry {
	out := make([]eval.Entry, 0, len(keys))
	for _, k := range keys {
		out = append(out, eval.Entry(k))
	}
	return out
}

func stsTags(tags []federation.Tag) []sts.Tag {
	out := make([]sts.Tag, 0, len(tags))
	for _, t := range tags {
		out = append(out, sts.Tag{Key: t.Key, Value: t.Value})
	}
	return out
}

// AssumeRoleWithWebIdentity exchanges an OpenID Connect token for role
// credentials (id_roles_providers_oidc.md). No AWS credentials are needed:
// the token, verified against the provider registered in the role's
// account, and the role's trust policy decide — with the provider's keys
// (aud, sub …) in the context.
func (c *Cloud) AssumeRoleWithWebIdentity(endpoint string, in AssumeRoleWithWebIdentityInput) (*AssumeRoleWithWebIdentityOutput, *Result, error) {
	r, view, version, acct, role, err := c.fedRole(endpoint, in.RoleArn)
	if err != nil {
		return nil, nil, err
	}
	if err := sts.CheckRoleSessionName(in.RoleSessionName); err != nil {
		return nil, nil, err
	}
	provider, err := federation.FindOIDCProvider(c.oidcProviders(acct), in.WebIdentityToken)
	if err != nil {
		return nil, nil, err
	}
	wi, err := federation.Verify(provider, in.WebIdentityToken, c.now())
	if err != nil {
		return nil, nil, err
	}
	tags, transitive, err := sts.Tags(stsTags(wi.Tags), wi.TransitiveTagKeys, nil, nil)
	if err != nil {
		return nil, nil, err
	}
	pols, packed, err := c.sessionPolicies(view, roleAccount(in.RoleArn), in.Policy, in.PolicyArns, tags)
	if err != nil {
		return nil, nil, err
	}
	caller := &identity{caller: Caller{Principal: principal.Principal{Type: principal.WebIdentity, Issuer: wi.Principal}, Via: "web identity " + wi.ProviderName}}
	extra := append(entries(wi.ContextKeys()), eval.Entry{Key: "sts:RoleSessionName", Type: eval.String, Values: []string{in.RoleSessionName}})
	res := c.trustDecision(r, view, version, caller, role, "sts:AssumeRoleWithWebIdentity", nil, extra)
	if res.Decision != eval.Allowed {
		return nil, res, withReason(&Error{Code: "AccessDenied", Message: "Not authorized to perform sts:AssumeRoleWithWebIdentity"}, res)
	}
	if len(tags) > 0 {
		if tr := c.trustDecision(r, view, version, caller, role, "sts:TagSession", nil, extra); tr.Decision != eval.Allowed {
			return nil, tr, withReason(&Error{Code: "AccessDenied", Message: "Not authorized to perform sts:TagSession"}, tr)
		}
	}
	d, err := sts.Duration(sts.DurationRequest{Requested: time.Duration(in.DurationSeconds) * time.Second, Default: sts.DefaultRoleDuration, Max: time.Duration(role.maxSession) * time.Second})
	if err != nil {
		return nil, res, err
	}
	out, err := c.federatedSession(r, endpoint, role, in.RoleSessionName, wi.Principal, wi.SourceIdentity, tags, transitive, pols, entries(wi.SessionContextKeys()), FromAssumeRoleWithWebIdentity, d)
	if err != nil {
		return nil, res, err
	}
	return &AssumeRoleWithWebIdentityOutput{Credentials: out, SubjectFromWebIdentityToken: wi.Subject,
		AssumedRoleUser: AssumedRoleUser{AssumedRoleId: role.id + ":" + in.RoleSessionName, Arn: sessionARNOf(role, in.RoleSessionName)},
		Provider:        wi.Issuer, Audience: wi.ClientID, PackedPolicySize: packed, SourceIdentity: wi.SourceIdentity}, res, nil
}

func sessionARNOf(role roleInfo, name string) string {
	return "arn:aws:sts::" + role.account + ":assumed-role/" + role.name + "/" + name
}

// federatedSession records a role session created through an identity
// provider.
func (c *Cloud) federatedSession(r RegionInfo, endpoint string, role roleInfo, name, provider, source string, tags []sts.Tag, transitive []string,
	pols []eval.Policy, ctxKeys []eval.Entry, kind SessionKind, d time.Duration) (STSCredentials, error) {
	s := &session{kind: kind, policies: pols, transitive: transitive, issuedIn: endpointName(endpoint, r), partition: r.Partition, ctxKeys: ctxKeys,
		sessionTagList: tags,
		caller: Caller{Principal: principal.Principal{Type: principal.RoleSession, ARN: sessionARNOf(role, name), Account: role.account, Issuer: role.arn},
			UniqueID: role.id, SessionName: name, Tags: mergeTags(role.tags, tags), SourceIdentity: source, FederatedProvider: provider, Via: string(kind)}}
	return c.mint(s, d)
}

// AssumeRoleWithSAMLInput is AssumeRoleWithSAML's request.
type AssumeRoleWithSAMLInput struct {
	RoleArn         string
	PrincipalArn    string // the SAML provider's ARN
	SAMLAssertion   string // base64
	DurationSeconds int
	Policy          string
	PolicyArns      []PolicyDescriptor
}

// AssumeRoleWithSAMLOutput is its response.
type AssumeRoleWithSAMLOutput struct {
	Credentials      STSCredentials
	AssumedRoleUser  AssumedRoleUser
	Audience         string
	Issuer           string
	NameQualifier    string
	Subject          string
	SubjectType      string
	PackedPolicySize int
	SourceIdentity   string `json:",omitempty"`
}

// AssumeRoleWithSAML exchanges a SAML assertion for role credentials
// (id_roles_providers_saml.md): the assertion, verified against the SAML
// provider registered in the account, and the role's trust policy decide,
// with the saml: keys in the context.
func (c *Cloud) AssumeRoleWithSAML(endpoint string, in AssumeRoleWithSAMLInput) (*AssumeRoleWithSAMLOutput, *Result, error) {
	r, view, version, _, role, err := c.fedRole(endpoint, in.RoleArn)
	if err != nil {
		return nil, nil, err
	}
	provAcct, _ := arn.AccountOf(in.PrincipalArn)
	pa := view.Accounts[provAcct]
	if pa == nil {
		return nil, nil, &Error{Code: "InvalidIdentityToken", Message: "No SAML provider " + in.PrincipalArn}
	}
	meta, err := pa.GetSAMLProvider(account.SAMLProviderInput{SAMLProviderArn: in.PrincipalArn})
	if err != nil {
		return nil, nil, &Error{Code: "InvalidIdentityToken", Message: "No SAML provider " + in.PrincipalArn}
	}
	provider, err := federation.NewSAMLProvider(in.PrincipalArn, meta.SAMLMetadataDocument)
	if err != nil {
		return nil, nil, err
	}
	id, err := federation.VerifySAML(provider, in.RoleArn, in.SAMLAssertion, c.now())
	if err != nil {
		return nil, nil, err
	}
	if err := sts.CheckRoleSessionName(id.RoleSessionName); err != nil {
		return nil, nil, err
	}
	tags, transitive, err := sts.Tags(stsTags(id.Tags), id.TransitiveTagKeys, nil, nil)
	if err != nil {
		return nil, nil, err
	}
	pols, packed, err := c.sessionPolicies(view, roleAccount(in.RoleArn), in.Policy, in.PolicyArns, tags)
	if err != nil {
		return nil, nil, err
	}
	caller := &identity{caller: Caller{Principal: principal.Principal{Type: principal.SAML, Issuer: id.Principal}, Via: "SAML " + id.ProviderName}}
	extra := entries(id.ContextKeys())
	res := c.trustDecision(r, view, version, caller, role, "sts:AssumeRoleWithSAML", nil, extra)
	if res.Decision != eval.Allowed {
		return nil, res, withReason(&Error{Code: "AccessDenied", Message: "Not authorized to perform sts:AssumeRoleWithSAML"}, res)
	}
	if len(tags) > 0 {
		if tr := c.trustDecision(r, view, version, caller, role, "sts:TagSession", nil, extra); tr.Decision != eval.Allowed {
			return nil, tr, withReason(&Error{Code: "AccessDenied", Message: "Not authorized to perform sts:TagSession"}, tr)
		}
	}
	// The SessionDuration attribute and DurationSeconds: the shorter wins.
	requested := time.Duration(in.DurationSeconds) * time.Second
	if id.SessionDuration > 0 && (requested == 0 || id.SessionDuration < requested) {
		requested = id.SessionDuration
	}
	d, err := sts.Duration(sts.DurationRequest{Requested: requested, Default: sts.DefaultRoleDuration, Max: time.Duration(role.maxSession) * time.Second})
	if err != nil {
		return nil, res, err
	}
	out, err := c.federatedSession(r, endpoint, role, id.RoleSessionName, id.Principal, id.SourceIdentity, tags, transitive, pols, entries(id.SessionContextKeys()), FromAssumeRoleWithSAML, d)
	if err != nil {
		return nil, res, err
	}
	return &AssumeRoleWithSAMLOutput{Credentials: out, AssumedRoleUser: AssumedRoleUser{AssumedRoleId: role.id + ":" + id.RoleSessionName, Arn: sessionARNOf(role, id.RoleSessionName)},
		Audience: id.Recipient, Issuer: id.Issuer, NameQualifier: id.NameQualifier, Subject: id.Subject, SubjectType: id.SubjectType,
		PackedPolicySize: packed, SourceIdentity: id.SourceIdentity}, res, nil
}

// roleAccount is the account of a role ARN the caller has checked.
func roleAccount(roleArn string) string {
	acct, _ := arn.AccountOf(roleArn)
	return acct
}
