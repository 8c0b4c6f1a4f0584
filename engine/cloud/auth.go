package cloud

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/arn"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
	"github.com/iamlab/iamlab/engine/sts"
)

// Credentials are what a request is signed with.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string // only for temporary credentials
}

// SessionKind is the STS operation a session came from.
type SessionKind string

// The kinds of sessions.
const (
	FromAssumeRole                SessionKind = "AssumeRole"
	FromAssumeRoleWithWebIdentity SessionKind = "AssumeRoleWithWebIdentity"
	FromAssumeRoleWithSAML        SessionKind = "AssumeRoleWithSAML"
	FromGetFederationToken        SessionKind = "GetFederationToken"
	FromGetSessionToken           SessionKind = "GetSessionToken"
	FromConsoleSignIn             SessionKind = "ConsoleSignIn"
	FromInstanceProfile           SessionKind = "InstanceProfile"
)

// session is one set of temporary credentials and what they stand for.
type session struct {
	keyID      string
	secretHash [sha256.Size]byte
	tokenHash  [sha256.Size]byte
	kind       SessionKind
	caller     Caller
	policies   []eval.Policy
	transitive []string // transitive session tag keys
	expires    time.Time
	issuedIn   string // the region whose endpoint issued it, or GlobalEndpoint
	partition  string
	// sessionTagList are the session's own tags (inherited transitive
	// ones included), as opposed to its principal's.
	sessionTagList []sts.Tag
	// ctxKeys are context keys that stay with the session and appear in
	// its requests (a web identity's aud and sub, saml:sub …).
	ctxKeys []eval.Entry
	// globalV2 is true for a version 2 token of the global endpoint: the
	// version is fixed when the token is issued.
	globalV2 bool
}

func (s *session) sessionTags() []sts.Tag { return s.sessionTagList }

// identity is an authenticated caller.
type identity struct {
	caller  Caller
	session *session // nil for long-term credentials
}

// lastUse records where an access key was last used.
type lastUse struct {
	at      time.Time
	service string
	region  string
}

func invalidToken() error {
	return &Error{Code: "InvalidClientTokenId", Message: "The security token included in the request is invalid."}
}

// authenticate finds who signed a request sent to region, reading that
// region's data plane (view).
func (c *Cloud) authenticate(region RegionInfo, view *State, creds Credentials) (*identity, error) {
	now := c.now()
	if creds.AccessKeyID == "" {
		return nil, &Error{Code: "MissingAuthenticationToken", Message: "Request is missing Authentication Token"}
	}
	if s, ok := c.sessions[creds.AccessKeyID]; ok {
		secret := sha256.Sum256([]byte(creds.SecretAccessKey))
		if subtle.ConstantTimeCompare(secret[:], s.secretHash[:]) != 1 {
			return nil, &Error{Code: "SignatureDoesNotMatch", Message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."}
		}
		token := sha256.Sum256([]byte(creds.SessionToken))
		if subtle.ConstantTimeCompare(token[:], s.tokenHash[:]) != 1 {
			return nil, invalidToken()
		}
		if !now.Before(s.expires) {
			return nil, &Error{Code: "ExpiredToken", Message: "The security token included in the request is expired"}
		}
		if s.partition != region.Partition {
			return nil, invalidToken()
		}
		// GovCloud and China credentials work only in their own region.
		if s.partition != "aws" && s.issuedIn != region.Name {
			return nil, invalidToken()
		}
		// Version 1 tokens of the global endpoint are valid only in
		// regions enabled by default.
		if s.issuedIn == GlobalEndpoint && region.OptIn && !s.globalV2 {
			return nil, invalidToken()
		}
		return &identity{caller: s.caller, session: s}, nil
	}
	if id, ok, err := c.authenticateOperator(view, creds); ok {
		return id, err
	}
	if creds.SessionToken != "" || strings.HasPrefix(creds.AccessKeyID, "ASIA") {
		return nil, invalidToken()
	}
	for id, a := range view.Accounts {
		owner, check := a.VerifyAccessKey(creds.AccessKeyID, creds.SecretAccessKey)
		switch check {
		case account.KeyUnknown:
			continue
		case account.KeyWrongSecret:
			return nil, &Error{Code: "SignatureDoesNotMatch", Message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."}
		case account.KeyInactive:
			return nil, invalidToken()
		}
		p := principal.Principal{Type: principal.User, ARN: owner.Arn, Account: id}
		if owner.Root {
			p = principal.Principal{Type: principal.Root, ARN: a.RootARN(), Account: id}
		}
		caller := Caller{Principal: p, UniqueID: owner.UserId, Via: "access key " + creds.AccessKeyID}
		if tags, err := a.PrincipalTags(p); err == nil {
			caller.Tags = fromAccountTags(tags)
		}
		return &identity{caller: caller}, nil
	}
	return nil, invalidToken()
}

func fromAccountTags(tags []account.Tag) []Tag {
	out := make([]Tag, 0, len(tags))
	for _, t := range tags {
		out = append(out, Tag{Key: t.Key, Value: t.Value})
	}
	return out
}

// orgOf says where an account stands in the organization.
func orgOf(s *State, accountID string) orgInfo {
	if s.Org == nil || accountID == "" || !s.Org.IsMember(accountID) {
		return orgInfo{}
	}
	path := []string{accountID}
	for id := accountID; ; {
		parent, err := s.Org.ParentOf(id)
		if err != nil || parent == "" {
			break
		}
		path = append([]string{parent}, path...)
		if parent == s.Org.RootID() {
			break
		}
		id = parent
	}
	// aws:PrincipalOrgPaths names the OUs above the account:
	// o-…/r-…/ou-…/ (reference_policies_condition-keys.md).
	p := s.Org.ID() + "/"
	for _, seg := range path[:len(path)-1] {
		p += seg + "/"
	}
	return orgInfo{ID: s.Org.ID(), Paths: []string{p}}
}

// Result is an authorized (or refused) request, explained.
type Result struct {
	Decision    eval.Decision
	Explanation *eval.Explanation
	Caller      Caller
	// Region is the region whose data plane decided, and DataVersion the
	// version of IAM's state it had.
	Region      string
	DataVersion int
}

// policiesFor gathers the policies that apply to a caller's request.
func policiesFor(view *State, id *identity, res *Resource, resourceAccount string) *eval.Policies {
	ps := &eval.Policies{}
	p := id.caller.Principal
	if a := view.Accounts[p.Account]; a != nil && p.Type.HasIdentity() {
		// A deleted user or role leaves its sessions without policies.
		identityPolicies, boundary, err := a.IdentityPolicies(p)
		if err == nil {
			ps.Identity, ps.Boundary = identityPolicies, boundary
		}
	}
	if id.session != nil && (id.session.kind == FromAssumeRole || id.session.kind == FromAssumeRoleWithWebIdentity ||
		id.session.kind == FromAssumeRoleWithSAML || id.session.kind == FromGetFederationToken) && id.session.policies != nil {
		ps.Session = id.session.policies
	}
	if res != nil && res.Policy != nil {
		ps.Resource = []eval.Policy{{ID: res.ARN, Source: "resource", Doc: res.Policy}}
	}
	if view.Org != nil {
		if scp, _, ok := view.Org.Levels(p.Account); ok && p.Type.HasIdentity() {
			ps.SCP = scp
		}
		if _, rcp, ok := view.Org.Levels(resourceAccount); ok {
			ps.RCP = rcp
		}
	}
	return ps
}

// Authorize authenticates a request sent to region and decides it, as the
// service behind the request would: the data plane of that region supplies
// every IAM fact. An authentication failure is an error; a denial is a
// Result with its explanation.
func (c *Cloud) Authorize(region string, creds Credentials, call Call) (*Result, error) {
	r, err := c.endpointRegion(region)
	if err != nil {
		return nil, err
	}
	if region == GlobalEndpoint {
		return nil, fmt.Errorf("%w: requests other than STS's go to a region", ErrUnknownRegion)
	}
	view, version, err := c.plane.Read(r.Name)
	if err != nil {
		return nil, err
	}
	id, err := c.authenticate(r, view, creds)
	if err != nil {
		return nil, err
	}
	return c.decide(r, view, version, id, call), nil
}

// decide authorizes an authenticated caller's call.
func (c *Cloud) decide(r RegionInfo, view *State, version int, id *identity, call Call) *Result {
	res := c.resourceFor(call.Resource)
	resourceAccount := call.ResourceAccount
	if res != nil {
		resourceAccount = res.Account
		if len(call.ResourceTags) == 0 {
			call.ResourceTags = res.Tags
		}
	}
	if resourceAccount == "" {
		if acct, ok := arn.AccountOf(call.Resource); ok && arn.IsAccountID(acct) {
			resourceAccount = acct
		} else {
			resourceAccount = id.caller.Principal.Account
		}
	}
	call.ResourceAccount = resourceAccount
	if id.session != nil && len(id.session.ctxKeys) > 0 {
		call.Context = append(append([]eval.Entry(nil), id.session.ctxKeys...), call.Context...)
	}
	ctx := requestContext(id.caller, call, r.Name, orgOf(view, id.caller.Principal.Account), orgOf(view, resourceAccount), c.now())
	req := &eval.Request{Principal: id.caller.Principal, Action: call.Action, Resource: call.Resource, ResourceAccount: resourceAccount, Context: ctx}
	ps := policiesFor(view, id, res, resourceAccount)
	if grant, ok := passwordChangeGrant(view, id.caller, call.Action); ok {
		ps.Identity = append(ps.Identity, grant)
	}
	e := eval.Explain(ps, req)
	if id.session == nil && strings.HasPrefix(id.caller.Via, "access key ") {
		c.recordUse(strings.TrimPrefix(id.caller.Via, "access key "), call.Action, r.Name)
	}
	return &Result{Decision: e.Decision, Explanation: e, Caller: id.caller, Region: r.Name, DataVersion: version}
}

// deniedError is AWS's AccessDenied for a refused request, with the reason
// in the form AWS's newer messages give it.
func deniedError(res *Result, action, resource string) error {
	who := res.Caller.Principal.ARN
	if who == "" {
		who = res.Caller.Principal.Type.String()
	}
	why := "because no identity-based policy allows the " + action + " action"
	switch res.Explanation.Reason {
	case eval.ReasonExplicitDeny:
		why = "with an explicit deny"
		for _, s := range res.Explanation.Statements {
			if s.Applied && s.Effect.String() == "Deny" {
				why += " in " + denyPlace(s.PolicyType)
				break
			}
		}
	case eval.ReasonSCPNoAllow:
		why = "because no service control policy allows the " + action + " action"
	case eval.ReasonRCPNoAllow:
		why = "because no resource control policy allows the " + action + " action"
	case eval.ReasonBoundaryNoAllow:
		why = "because no permissions boundary allows the " + action + " action"
	case eval.ReasonSessionNoAllow, eval.ReasonFederatedNoSessionPolicy:
		why = "because no session policy allows the " + action + " action"
	case eval.ReasonNoResourceGrant, eval.ReasonCrossAccountNoResourceGrant:
		why = "because no resource-based policy allows the " + action + " action"
	}
	return &Error{Code: "AccessDenied", Message: fmt.Sprintf("User: %s is not authorized to perform: %s on resource: %s %s", who, action, resource, why)}
}

// denyPlace names the policy type of an explicit deny as AWS's access
// denied messages do (troubleshoot_access-denied.md): "an identity-based
// policy", "a service control policy", "the role trust policy" …
func denyPlace(t policy.Type) string {
	switch t {
	case policy.Identity:
		return "an identity-based policy"
	case policy.Trust:
		return "the role trust policy"
	case policy.SCP:
		return "a service control policy"
	case policy.RCP:
		return "a resource control policy"
	}
	return "a " + t.Title()
}

func (c *Cloud) recordUse(keyID, action, region string) {
	if c.lastUse == nil {
		c.lastUse = map[string]lastUse{}
	}
	service, _, _ := strings.Cut(action, ":")
	c.lastUse[keyID] = lastUse{at: c.now(), service: service, region: region}
}
