package cloud

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/arn"
	"github.com/iamlab/iamlab/engine/awserr"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
	"github.com/iamlab/iamlab/engine/sts"
)

// STSCredentials are the temporary credentials an STS operation returns.
// The secret and the token are shown here, once.
type STSCredentials struct {
	AccessKeyId     string
	SecretAccessKey string
	SessionToken    string
	Expiration      time.Time
}

// Credentials returns what a request is signed with.
func (s STSCredentials) Credentials() Credentials {
	return Credentials{AccessKeyID: s.AccessKeyId, SecretAccessKey: s.SecretAccessKey, SessionToken: s.SessionToken}
}

// AssumedRoleUser names a role session.
type AssumedRoleUser struct {
	AssumedRoleId string // ROLE-ID:SESSION-NAME
	Arn           string
}

// PolicyDescriptor names a managed policy passed as a session policy.
type PolicyDescriptor struct {
	Arn string
}

// AssumeRoleInput is AssumeRole's request.
type AssumeRoleInput struct {
	RoleArn           string
	RoleSessionName   string
	DurationSeconds   int
	ExternalId        string
	Policy            string
	PolicyArns        []PolicyDescriptor
	Tags              []sts.Tag
	TransitiveTagKeys []string
	SourceIdentity    string
	SerialNumber      string
	TokenCode         string
}

// AssumeRoleOutput is AssumeRole's response.
type AssumeRoleOutput struct {
	Credentials      STSCredentials
	AssumedRoleUser  AssumedRoleUser
	PackedPolicySize int
	SourceIdentity   string `json:",omitempty"`
}

// stsEndpoint checks that STS can issue credentials for an account at an
// endpoint (id_credentials_temp_enable-regions.md). A region where STS is
// not active for the account — an opt-in region not enabled, or a default
// region deactivated — answers RegionDisabledException, the error STS's API
// model documents for every credential-issuing operation (HTTP 403).
func (c *Cloud) stsEndpoint(endpoint string, view *State, accountID string) (RegionInfo, error) {
	r, err := c.endpointRegion(endpoint)
	if err != nil {
		return r, err
	}
	if endpoint == GlobalEndpoint || r.Name == ControlRegion || r.Partition != "aws" {
		return r, nil
	}
	st := view.STS[accountID]
	if r.OptIn && (st == nil || !st.Enabled[r.Name]) || !r.OptIn && st != nil && st.Inactive[r.Name] {
		return r, &Error{Code: "RegionDisabledException", Message: fmt.Sprintf("STS is not activated in this region for account:%s. Your account administrator can activate STS in this region using the IAM Console.", accountID)}
	}
	return r, nil
}

// SetSTSRegion activates or deactivates STS in a region enabled by default
// for an account, or enables an opt-in region (which cannot be deactivated
// again, as in AWS). It is an operator's change on the control plane.
func (c *Cloud) SetSTSRegion(accountID, region string, active bool) error {
	r, err := c.endpointRegion(region)
	if err != nil {
		return err
	}
	return c.Admin(func(s *State) error {
		st := s.STS[accountID]
		if st == nil {
			return &Error{Code: "NoSuchEntity", Message: "Account " + accountID + " does not exist."}
		}
		switch {
		case r.alwaysActive() && !r.OptIn:
			if !active {
				return &Error{Code: "InvalidInput", Message: "STS cannot be deactivated in " + r.Name + "."}
			}
		case r.OptIn:
			if !active && st.Enabled[r.Name] {
				return &Error{Code: "InvalidInput", Message: "STS is always active in an enabled opt-in region (" + r.Name + ")."}
			}
			if active {
				st.Enabled[r.Name] = true
			}
		default:
			if active {
				delete(st.Inactive, r.Name)
			} else {
				st.Inactive[r.Name] = true
			}
		}
		return nil
	})
}

// SetGlobalTokenVersion chooses whether the global endpoint's tokens are
// valid in every region (version 2) or only in those enabled by default.
// It applies to the tokens issued afterwards: a token keeps the version it
// was issued with.
func (c *Cloud) SetGlobalTokenVersion(accountID string, v2 bool) error {
	return c.Admin(func(s *State) error {
		st := s.STS[accountID]
		if st == nil {
			return &Error{Code: "NoSuchEntity", Message: "Account " + accountID + " does not exist."}
		}
		st.GlobalTokensV2 = v2
		return nil
	})
}

// callerFor authenticates an STS caller at an endpoint.
func (c *Cloud) callerFor(endpoint string, creds Credentials) (RegionInfo, *State, int, *identity, error) {
	r, err := c.endpointRegion(endpoint)
	if err != nil {
		return r, nil, 0, nil, err
	}
	view, version, err := c.plane.Read(r.Name)
	if err != nil {
		return r, nil, 0, nil, err
	}
	id, err := c.authenticate(r, view, creds)
	if err == nil {
		c.recordKeyUse(id, "sts", r.Name)
	}
	return r, view, version, id, err
}

// sessionPolicies checks and parses the session policies of a request —
// the inline policy and the managed policies named by ARN — and measures
// them with the session's tags against STS's packed-size limit, returning
// the percentage used.
func (c *Cloud) sessionPolicies(view *State, acct, inline string, arns []PolicyDescriptor, tags []sts.Tag) ([]eval.Policy, int, error) {
	list := arnsOf(arns)
	if err := sts.CheckSessionPolicyText(inline, list); err != nil {
		return nil, 0, err
	}
	var out []eval.Policy
	if inline != "" {
		d, err := policy.Parse([]byte(inline), policy.Options{Type: policy.Session, Name: "Policy", Operators: c.operators})
		if err != nil {
			return nil, 0, awserr.New("MalformedPolicyDocument", err.Error())
		}
		out = append(out, eval.Policy{ID: "SessionPolicy", Source: "none", Doc: d})
	}
	for _, pa := range list {
		d := c.awsManagedPolicyDoc(pa)
		if d == nil {
			d = managedPolicyDoc(view, acct, pa, c.operators)
		}
		if d == nil {
			return nil, 0, awserr.New("InvalidParameterValue", "The policy "+pa+" does not exist or is not attachable.")
		}
		out = append(out, eval.Policy{ID: pa, Source: "none", Doc: d})
	}
	// The inline policy parsed above, so it compacts without error.
	var compact bytes.Buffer
	json.Compact(&compact, []byte(inline))
	packed := sts.PackedSize(compact.String(), list, tags)
	if err := sts.CheckPacked(packed); err != nil {
		return nil, 0, err
	}
	return out, packed, nil
}

// managedPolicyDoc finds a managed policy's default version by ARN: an
// AWS managed policy, or a customer managed policy of acct — the
// session's account, the only one whose policies a session may use
// (AssumeRole's PolicyArns: "the policies must exist in the same account
// as the role").
func managedPolicyDoc(view *State, acct, policyARN string, ops condition.Operators) *policy.Document {
	owner, _ := arn.AccountOf(policyARN)
	for id, a := range view.Accounts {
		if owner != "aws" && (id != owner || owner != acct) {
			continue
		}
		if d := managedDocument(a, policyARN, ops); d != nil {
			return d
		}
	}
	return nil
}

// awsManagedPolicyDoc finds an AWS managed policy through
// Config.AWSManagedPolicy: AWS managed policies are the same in every
// account, so its current document is used rather than the (abridged or
// older) copy an account may hold.
func (c *Cloud) awsManagedPolicyDoc(policyARN string) *policy.Document {
	if c.awsPolicy == nil {
		return nil
	}
	if owner, _ := arn.AccountOf(policyARN); owner != "aws" {
		return nil
	}
	doc, ok := c.awsPolicy(policyARN)
	if !ok {
		return nil
	}
	d, err := policy.Parse([]byte(doc), policy.Options{Type: policy.Session, Name: policyARN, Operators: c.operators})
	if err != nil {
		return nil
	}
	return d
}

// session tags and transitive keys inherited from a calling session.
func inherited(id *identity) ([]sts.Tag, []string) {
	if id == nil || id.session == nil {
		return nil, nil
	}
	var tags []sts.Tag
	for _, t := range id.session.sessionTags() {
		tags = append(tags, sts.Tag{Key: t.Key, Value: t.Value})
	}
	return tags, id.session.transitive
}

// mint issues credentials and records the session.
func (c *Cloud) mint(s *session, d time.Duration) (STSCredentials, error) {
	now := c.now()
	creds, err := sts.Mint(c.rand, now.Add(d))
	if err != nil {
		return STSCredentials{}, err
	}
	s.keyID = creds.AccessKeyID
	s.secretHash = sha256.Sum256([]byte(creds.SecretAccessKey))
	s.tokenHash = sha256.Sum256([]byte(creds.SessionToken))
	s.expires = creds.Expiration
	s.caller.Temporary = true
	s.caller.IssuedAt = now
	if s.issuedIn == GlobalEndpoint {
		// The token's version is the account's setting when it is issued,
		// as the global endpoint (us-east-1's data plane) sees it.
		if view, _, err := c.plane.Read(ControlRegion); err == nil {
			if st := view.STS[s.caller.Principal.Account]; st != nil {
				s.globalV2 = st.GlobalTokensV2
			}
		}
	}
	c.sessions[creds.AccessKeyID] = s
	return STSCredentials{AccessKeyId: creds.AccessKeyID, SecretAccessKey: creds.SecretAccessKey, SessionToken: creds.SessionToken, Expiration: creds.Expiration}, nil
}

// mfaReplayed is the message for a one-time code accepted before.
const mfaReplayed = "MultiFactorAuthentication failed: this one-time code was already used."

// checkMFA verifies an MFA code for a caller against the data plane, and
// refuses a code already accepted anywhere.
func (c *Cloud) checkMFA(view *State, p principal.Principal, serial, code string) error {
	if err := sts.CheckMFA(serial, code); err != nil {
		return err
	}
	denied := &Error{Code: "AccessDenied", Message: "MultiFactorAuthentication failed with invalid MFA one time pass code."}
	a := view.Accounts[p.Account]
	if a == nil {
		return denied
	}
	user := ""
	switch p.Type {
	case principal.User:
		user = userName(p.ARN)
	case principal.Root:
	default:
		user = "" // sessions prove MFA through their IAM user only
		if p.Type != principal.FederatedUser {
			return denied
		}
		user = userName(p.Issuer)
	}
	now := c.now()
	key := serial + "\x00" + code
	if at, used := c.mfaUsed[key]; used && now.Sub(at) < 5*time.Minute {
		return &Error{Code: "AccessDenied", Message: mfaReplayed}
	}
	// The check runs on a copy: the data plane is read-only, and replays
	// are refused by the cloud's record of used codes.
	if err := a.Clone().CheckMFACode(account.CheckMFACodeInput{UserName: user, SerialNumber: serial, Code: code}); err != nil {
		return denied
	}
	c.mfaUsed[key] = now
	for k, at := range c.mfaUsed {
		if now.Sub(at) >= 5*time.Minute {
			delete(c.mfaUsed, k)
		}
	}
	return nil
}

// AssumeRole returns credentials for a role session (id_roles_use.md). The
// caller's identity policies must allow sts:AssumeRole on the role, and the
// role's trust policy must allow the caller — both, even within one
// account, unless the trust policy names the caller itself.
func (c *Cloud) AssumeRole(endpoint string, creds Credentials, in AssumeRoleInput) (*AssumeRoleOutput, *Result, error) {
	r, view, version, id, err := c.callerFor(endpoint, creds)
	if err != nil {
		return nil, nil, err
	}
	if id.session != nil && id.session.kind == FromGetFederationToken {
		return nil, nil, &Error{Code: "AccessDenied", Message: "Federated user sessions cannot call AssumeRole."}
	}
	// id_roles_use.md: the root user cannot assume roles.
	if id.caller.Principal.Type == principal.Root {
		return nil, nil, &Error{Code: "AccessDenied", Message: "Roles may not be assumed by root accounts."}
	}
	roleARN, err := arn.Parse(in.RoleArn)
	roleName := ""
	if err == nil && strings.HasPrefix(roleARN.Resource, "role/") {
		roleName = roleARN.Resource[strings.LastIndexByte(roleARN.Resource, '/')+1:]
	}
	if roleName == "" || !arn.IsAccountID(roleARN.Account) {
		return nil, nil, &Error{Code: "ValidationError", Message: fmt.Sprintf("%q is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME)", in.RoleArn)}
	}
	if _, err := c.stsEndpoint(endpoint, view, roleARN.Account); err != nil {
		return nil, nil, err
	}
	for _, check := range []func() error{
		func() error { return sts.CheckRoleSessionName(in.RoleSessionName) },
		func() error {
			if in.ExternalId == "" {
				return nil
			}
			return sts.CheckExternalID(in.ExternalId)
		},
		func() error {
			if in.SourceIdentity == "" {
				return nil
			}
			return sts.CheckSourceIdentity(in.SourceIdentity)
		},
	} {
		if err := check(); err != nil {
			return nil, nil, err
		}
	}
	acct := view.Accounts[roleARN.Account]
	var role roleInfo
	if acct != nil {
		role, err = lookupRole(acct, roleName)
	}
	notAuthorized := &Error{Code: "AccessDenied", Message: fmt.Sprintf("User: %s is not authorized to perform: sts:AssumeRole on resource: %s", id.caller.Principal.ARN, in.RoleArn)}
	if acct == nil || err != nil {
		return nil, nil, notAuthorized
	}
	caller := id.caller
	if in.SerialNumber != "" || in.TokenCode != "" {
		if err := c.checkMFA(view, caller.Principal, in.SerialNumber, in.TokenCode); err != nil {
			return nil, nil, err
		}
		caller.MFAAt = c.now()
	} else if id.session != nil {
		caller.MFAAt = time.Time{} // MFA is not carried into a chained session
	}
	// Source identity cannot change once set (id_credentials_temp_control-access_monitor.md).
	source := in.SourceIdentity
	if id.session != nil && id.session.caller.SourceIdentity != "" {
		if source != "" && source != id.session.caller.SourceIdentity {
			return nil, nil, &Error{Code: "AccessDenied", Message: "The source identity of a session cannot be changed: the calling session's is " + id.session.caller.SourceIdentity + "."}
		}
		source = id.session.caller.SourceIdentity
	}
	inhTags, inhTransitive := inherited(id)
	tags, transitive, err := sts.Tags(in.Tags, in.TransitiveTagKeys, inhTags, inhTransitive)
	if err != nil {
		return nil, nil, err
	}
	sessionPols, packed, err := c.sessionPolicies(view, roleARN.Account, in.Policy, in.PolicyArns, tags)
	if err != nil {
		return nil, nil, err
	}

	extra := []eval.Entry{{Key: "sts:RoleSessionName", Type: eval.String, Values: []string{in.RoleSessionName}}}
	if in.ExternalId != "" {
		extra = append(extra, eval.Entry{Key: "sts:ExternalId", Type: eval.String, Values: []string{in.ExternalId}})
	}
	// A source identity inherited from the calling session is in the
	// request as sts:SourceIdentity too, beside the session's
	// aws:SourceIdentity (id_credentials_temp_control-access_monitor.md,
	// role chaining).
	if source != "" {
		extra = append(extra, eval.Entry{Key: "sts:SourceIdentity", Type: eval.String, Values: []string{source}})
	}
	if len(transitive) > 0 {
		extra = append(extra, eval.Entry{Key: "sts:TransitiveTagKeys", Type: eval.StringList, Values: transitive})
	}
	var requestTags []Tag
	for _, t := range in.Tags {
		requestTags = append(requestTags, Tag{Key: t.Key, Value: t.Value})
	}
	checkID := &identity{caller: caller, session: id.session}
	res := c.trustDecision(r, view, version, checkID, role, "sts:AssumeRole", requestTags, extra)
	if res.Decision != eval.Allowed {
		return nil, res, withReason(notAuthorized, res)
	}
	// Passing tags and a source identity need their own permissions
	// (id_session-tags.md, id_credentials_temp_control-access_monitor.md).
	if len(in.Tags) > 0 {
		if tr := c.trustDecision(r, view, version, checkID, role, "sts:TagSession", requestTags, extra); tr.Decision != eval.Allowed {
			return nil, tr, withReason(&Error{Code: "AccessDenied", Message: fmt.Sprintf("User: %s is not authorized to perform: sts:TagSession on resource: %s", caller.Principal.ARN, in.RoleArn)}, tr)
		}
	}
	// Role chaining with a source identity needs sts:SetSourceIdentity
	// too, also when the identity is inherited rather than passed
	// (id_credentials_temp_control-access_monitor.md).
	if source != "" {
		if tr := c.trustDecision(r, view, version, checkID, role, "sts:SetSourceIdentity", requestTags, extra); tr.Decision != eval.Allowed {
			return nil, tr, withReason(&Error{Code: "AccessDenied", Message: fmt.Sprintf("User: %s is not authorized to perform: sts:SetSourceIdentity on resource: %s", caller.Principal.ARN, in.RoleArn)}, tr)
		}
	}

	// Credentials an instance got from its instance profile are not role
	// chaining (id_roles_terms-and-concepts.md): the role's own maximum
	// session duration applies.
	chained := id.session != nil && caller.Principal.Type == principal.RoleSession && id.session.kind != FromInstanceProfile
	d, err := sts.Duration(sts.DurationRequest{Requested: time.Duration(in.DurationSeconds) * time.Second,
		Default: sts.DefaultRoleDuration, Max: time.Duration(role.maxSession) * time.Second, Chained: chained})
	if err != nil {
		return nil, res, err
	}
	sessionARN := "arn:" + roleARN.Partition + ":sts::" + roleARN.Account + ":assumed-role/" + role.name + "/" + in.RoleSessionName
	s := &session{kind: FromAssumeRole, policies: sessionPols, transitive: transitive, issuedIn: endpointName(endpoint, r), partition: r.Partition,
		caller: Caller{
			Principal:      principal.Principal{Type: principal.RoleSession, ARN: sessionARN, Account: roleARN.Account, Issuer: role.arn, ServiceLinked: role.serviceLinked},
			UniqueID:       role.id,
			SessionName:    in.RoleSessionName,
			Tags:           mergeTags(role.tags, tags),
			MFAAt:          caller.MFAAt,
			SourceIdentity: source,
			Via:            "AssumeRole",
		}}
	s.sessionTagList = tags
	out, err := c.mint(s, d)
	if err != nil {
		return nil, res, err
	}
	return &AssumeRoleOutput{Credentials: out, AssumedRoleUser: AssumedRoleUser{AssumedRoleId: role.id + ":" + in.RoleSessionName, Arn: sessionARN},
		PackedPolicySize: packed, SourceIdentity: source}, res, nil
}

func endpointName(endpoint string, r RegionInfo) string {
	if endpoint == GlobalEndpoint {
		return GlobalEndpoint
	}
	return r.Name
}

func arnsOf(ps []PolicyDescriptor) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Arn)
	}
	return out
}

// withReason adds the evaluator's summary to an AccessDenied error.
func withReason(e *Error, res *Result) error {
	if res != nil && res.Explanation != nil {
		return &Error{Code: e.Code, Message: e.Message + " (" + res.Explanation.Summary + ")"}
	}
	return e
}

// trustDecision authorizes assuming a role: the caller's own policies and
// the role's trust policy, which must grant even within one account.
func (c *Cloud) trustDecision(r RegionInfo, view *State, version int, id *identity, role roleInfo, action string, requestTags []Tag, extra []eval.Entry) *Result {
	call := Call{Action: action, Resource: role.arn, ResourceAccount: role.account, RequestTags: requestTags, Context: extra}
	ctx := requestContext(id.caller, call, r.Name, orgOf(view, id.caller.Principal.Account), orgOf(view, role.account), c.now())
	ps := policiesFor(view, id, nil, role.account)
	ps.Resource = []eval.Policy{role.trust}
	req := &eval.Request{Principal: id.caller.Principal, Action: action, Resource: role.arn, ResourceAccount: role.account, Context: ctx, ResourcePolicyRequired: true}
	e := eval.Explain(ps, req)
	return &Result{Decision: e.Decision, Explanation: e, Caller: id.caller, Region: r.Name, DataVersion: version}
}

// mergeTags lays session tags over a role's or user's tags: a session tag
// replaces a principal tag of the same key (id_session-tags.md).
func mergeTags(base []Tag, session []sts.Tag) []Tag {
	out := make([]Tag, 0, len(base)+len(session))
	for _, b := range base {
		overridden := false
		for _, s := range session {
			if strings.EqualFold(s.Key, b.Key) {
				overridden = true
				break
			}
		}
		if !overridden {
			out = append(out, b)
		}
	}
	for _, s := range session {
		out = append(out, Tag{Key: s.Key, Value: s.Value})
	}
	return out
}

// GetSessionTokenInput is GetSessionToken's request.
type GetSessionTokenInput struct {
	DurationSeconds int
	SerialNumber    string
	TokenCode       string
}

// GetSessionTokenOutput is GetSessionToken's response.
type GetSessionTokenOutput struct {
	Credentials STSCredentials
}

// GetSessionToken returns temporary credentials for an IAM user or the root
// user, called with long-term credentials, optionally proving MFA
// (id_credentials_temp_request.md). No permission is needed. The session
// has the caller's permissions; without MFA it cannot call IAM, and it can
// call STS only for AssumeRole and GetCallerIdentity.
func (c *Cloud) GetSessionToken(endpoint string, creds Credentials, in GetSessionTokenInput) (*GetSessionTokenOutput, error) {
	r, view, _, id, err := c.callerFor(endpoint, creds)
	if err != nil {
		return nil, err
	}
	if id.session != nil {
		return nil, &Error{Code: "AccessDenied", Message: "Cannot call GetSessionToken with session credentials"}
	}
	if _, err := c.stsEndpoint(endpoint, view, id.caller.Principal.Account); err != nil {
		return nil, err
	}
	caller := id.caller
	if in.SerialNumber != "" || in.TokenCode != "" {
		if err := c.checkMFA(view, caller.Principal, in.SerialNumber, in.TokenCode); err != nil {
			return nil, err
		}
		caller.MFAAt = c.now()
	}
	d, err := sts.Duration(sts.DurationRequest{Requested: time.Duration(in.DurationSeconds) * time.Second,
		Default: sts.DefaultFederationTTL, Max: sts.MaxFederationTTL, Root: caller.Principal.Type == principal.Root})
	if err != nil {
		return nil, err
	}
	caller.Via = "GetSessionToken"
	s := &session{kind: FromGetSessionToken, caller: caller, issuedIn: endpointName(endpoint, r), partition: r.Partition}
	out, err := c.mint(s, d)
	if err != nil {
		return nil, err
	}
	return &GetSessionTokenOutput{Credentials: out}, nil
}

// GetFederationTokenInput is GetFederationToken's request.
type GetFederationTokenInput struct {
	Name            string
	DurationSeconds int
	Policy          string
	PolicyArns      []PolicyDescriptor
	Tags            []sts.Tag
}

// FederatedUser names a federated user session.
type FederatedUser struct {
	FederatedUserId string // ACCOUNT:NAME
	Arn             string
}

// GetFederationTokenOutput is GetFederationToken's response.
type GetFederationTokenOutput struct {
	Credentials      STSCredentials
	FederatedUser    FederatedUser
	PackedPolicySize int
}

// GetFederationToken returns credentials for a federated user, called by an
// IAM user (or the root user) with long-term credentials; the caller needs
// sts:GetFederationToken. The session's permissions are the intersection of
// the caller's identity policies and the session policies passed here: a
// call without a session policy yields credentials that can do nothing.
func (c *Cloud) GetFederationToken(endpoint string, creds Credentials, in GetFederationTokenInput) (*GetFederationTokenOutput, *Result, error) {
	r, view, version, id, err := c.callerFor(endpoint, creds)
	if err != nil {
		return nil, nil, err
	}
	if id.session != nil || (id.caller.Principal.Type != principal.User && id.caller.Principal.Type != principal.Root) {
		return nil, nil, &Error{Code: "AccessDenied", Message: "GetFederationToken can be called only with the long-term credentials of an IAM user or the root user."}
	}
	acct := id.caller.Principal.Account
	if _, err := c.stsEndpoint(endpoint, view, acct); err != nil {
		return nil, nil, err
	}
	if err := sts.CheckFederatedName(in.Name); err != nil {
		return nil, nil, err
	}
	fedARN := "arn:aws:sts::" + acct + ":federated-user/" + in.Name
	res := c.decide(r, view, version, id, Call{Action: "sts:GetFederationToken", Resource: fedARN})
	if res.Decision != eval.Allowed {
		return nil, res, deniedError(res, "sts:GetFederationToken", fedARN)
	}
	tags, transitive, err := sts.Tags(in.Tags, nil, nil, nil)
	if err != nil {
		return nil, res, err
	}
	pols, packed, err := c.sessionPolicies(view, acct, in.Policy, in.PolicyArns, tags)
	if err != nil {
		return nil, res, err
	}
	d, err := sts.Duration(sts.DurationRequest{Requested: time.Duration(in.DurationSeconds) * time.Second,
		Default: sts.DefaultFederationTTL, Max: sts.MaxFederationTTL, Root: id.caller.Principal.Type == principal.Root})
	if err != nil {
		return nil, res, err
	}
	if pols == nil {
		pols = []eval.Policy{} // present but empty: the session has no permissions
	}
	issuer := id.caller.Principal.ARN
	s := &session{kind: FromGetFederationToken, policies: pols, transitive: transitive, issuedIn: endpointName(endpoint, r), partition: r.Partition,
		caller: Caller{Principal: principal.Principal{Type: principal.FederatedUser, ARN: fedARN, Account: acct, Issuer: issuer},
			SessionName: in.Name, Tags: mergeTags(nil, tags), Via: "GetFederationToken"}}
	s.sessionTagList = tags
	out, err := c.mint(s, d)
	if err != nil {
		return nil, res, err
	}
	return &GetFederationTokenOutput{Credentials: out, FederatedUser: FederatedUser{FederatedUserId: acct + ":" + in.Name, Arn: fedARN}, PackedPolicySize: packed}, res, nil
}

// GetCallerIdentityOutput is GetCallerIdentity's response.
type GetCallerIdentityOutput struct {
	UserId  string
	Account string
	Arn     string
}

// GetCallerIdentity says who the credentials belong to. It needs no
// permission, and an explicit deny does not stop it (id_credentials_temp_request.md).
func (c *Cloud) GetCallerIdentity(endpoint string, creds Credentials) (*GetCallerIdentityOutput, error) {
	_, _, _, id, err := c.callerFor(endpoint, creds)
	if err != nil {
		return nil, err
	}
	p := id.caller.Principal
	out := &GetCallerIdentityOutput{Account: p.Account, Arn: p.ARN}
	switch p.Type {
	case principal.Root:
		out.UserId = p.Account
	case principal.User:
		out.UserId = id.caller.UniqueID
	case principal.RoleSession:
		out.UserId = id.caller.UniqueID + ":" + id.caller.SessionName
	case principal.FederatedUser:
		out.UserId = p.Account + ":" + id.caller.SessionName
	}
	return out, nil
}
