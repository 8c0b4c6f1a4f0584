package cloud

import (
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/principal"
)

// Tag is a key and value, on a principal, a session, a request or a
// resource.
type Tag struct {
	Key, Value string
}

// Caller is everything authentication learned about who signed a request.
type Caller struct {
	Principal principal.Principal
	// UniqueID is the IAM user's or role's unique ID (AIDA…, AROA…).
	UniqueID string
	// SessionName is the role session name, or the federated user's name.
	SessionName string
	// Tags are the principal's tags: an IAM user's or role's tags,
	// overridden by session tags of the same key.
	Tags []Tag
	// Temporary is true for credentials from STS.
	Temporary bool
	// IssuedAt is when temporary credentials were issued.
	IssuedAt time.Time
	// MFAAt is when the caller last authenticated with MFA; zero if never.
	MFAAt          time.Time
	SourceIdentity string
	// FederatedProvider is the identity provider of a web-identity or SAML
	// session.
	FederatedProvider string
	// Via is the credentials' kind, for explanations: "access key",
	// "AssumeRole", "GetSessionToken" …
	Via string
}

// Call is what a request carries besides its credentials.
type Call struct {
	Action   string
	Resource string
	// ResourceAccount owns the resource; empty means the caller's account.
	ResourceAccount string
	// SourceIP is the caller's address; empty leaves aws:SourceIp out.
	SourceIP string
	// Insecure marks a request sent without TLS (aws:SecureTransport false).
	Insecure bool
	// RequestTags are the tags the request sets (aws:RequestTag/*, aws:TagKeys).
	RequestTags []Tag
	// ResourceTags are the resource's tags (aws:ResourceTag/*).
	ResourceTags []Tag
	// Context holds further keys the caller supplies, such as service
	// keys (s3:prefix); they override keys of the same name.
	Context []eval.Entry
}

// orgInfo is where an account stands in its organization.
type orgInfo struct {
	ID    string   // o-…; empty outside an organization
	Paths []string // o-…/r-…/ou-…/
}

// requestContext builds the context keys AWS adds to a request
// (reference_policies_condition-keys.md, and the principal key values of
// reference_policies_variables.md):
//
//   - aws:username only for IAM users; aws:userid is the account ID for the
//     root user, the unique ID for an IAM user, ROLE-ID:SESSION for role
//     sessions, ACCOUNT:NAME for federated users and "anonymous" for
//     anonymous callers.
//   - aws:PrincipalArn is the role's ARN, not the session's, for role
//     sessions.
//   - aws:MultiFactorAuthPresent is present with temporary credentials and
//     with requests that proved MFA; aws:MultiFactorAuthAge only when MFA
//     was used.
//   - aws:TokenIssueTime only with temporary credentials.
func requestContext(c Caller, call Call, region string, org orgInfo, resourceOrg orgInfo, now time.Time) eval.Context {
	var ctx eval.Context
	set := func(key string, typ eval.ValueType, v ...string) { ctx.Set(key, typ, v...) }
	p := c.Principal

	set("aws:CurrentTime", eval.Date, now.UTC().Format(time.RFC3339))
	set("aws:EpochTime", eval.Date, strconv.FormatInt(now.Unix(), 10))
	set("aws:RequestedRegion", eval.String, region)
	set("aws:SecureTransport", eval.Boolean, strconv.FormatBool(!call.Insecure))
	set("aws:ViaAWSService", eval.Boolean, "false")
	if call.SourceIP != "" {
		set("aws:SourceIp", eval.IP, call.SourceIP)
	}
	set("aws:PrincipalType", eval.String, p.Type.String())
	set("aws:PrincipalIsAWSService", eval.Boolean, strconv.FormatBool(p.Type == principal.Service))

	switch p.Type {
	case principal.Anonymous:
		set("aws:userid", eval.String, "anonymous")
	case principal.Root:
		set("aws:userid", eval.String, p.Account)
		set("aws:PrincipalArn", eval.String, p.ARN)
	case principal.User:
		set("aws:username", eval.String, userName(p.ARN))
		set("aws:userid", eval.String, c.UniqueID)
		set("aws:PrincipalArn", eval.String, p.ARN)
	case principal.RoleSession:
		set("aws:userid", eval.String, c.UniqueID+":"+c.SessionName)
		set("aws:PrincipalArn", eval.String, p.Issuer)
	case principal.FederatedUser:
		set("aws:userid", eval.String, p.Account+":"+c.SessionName)
		set("aws:PrincipalArn", eval.String, p.ARN)
	case principal.Service:
		set("aws:PrincipalServiceName", eval.String, p.Service)
	}
	if p.Account != "" {
		set("aws:PrincipalAccount", eval.String, p.Account)
	}
	if org.ID != "" && p.Type.HasIdentity() {
		set("aws:PrincipalOrgID", eval.String, org.ID)
		set("aws:PrincipalOrgPaths", eval.StringList, org.Paths...)
	}
	for _, t := range c.Tags {
		set("aws:PrincipalTag/"+t.Key, eval.String, t.Value)
	}
	if c.Temporary {
		set("aws:TokenIssueTime", eval.Date, c.IssuedAt.UTC().Format(time.RFC3339))
	}
	// Present with temporary credentials, and with any request that proved
	// MFA (an AssumeRole call with SerialNumber and TokenCode made with
	// long-term keys): reference_policies_condition-keys.md.
	if c.Temporary || !c.MFAAt.IsZero() {
		set("aws:MultiFactorAuthPresent", eval.Boolean, strconv.FormatBool(!c.MFAAt.IsZero()))
	}
	if !c.MFAAt.IsZero() {
		set("aws:MultiFactorAuthAge", eval.Numeric, strconv.FormatInt(int64(now.Sub(c.MFAAt)/time.Second), 10))
	}
	if c.SourceIdentity != "" {
		set("aws:SourceIdentity", eval.String, c.SourceIdentity)
	}
	if c.FederatedProvider != "" {
		set("aws:FederatedProvider", eval.String, c.FederatedProvider)
	}

	resourceAccount := call.ResourceAccount
	if resourceAccount == "" {
		resourceAccount = p.Account
	}
	if resourceAccount != "" {
		set("aws:ResourceAccount", eval.String, resourceAccount)
	}
	if resourceOrg.ID != "" {
		set("aws:ResourceOrgID", eval.String, resourceOrg.ID)
		set("aws:ResourceOrgPaths", eval.StringList, resourceOrg.Paths...)
	}
	if len(call.RequestTags) > 0 {
		keys := make([]string, 0, len(call.RequestTags))
		for _, t := range call.RequestTags {
			set("aws:RequestTag/"+t.Key, eval.String, t.Value)
			keys = append(keys, t.Key)
		}
		set("aws:TagKeys", eval.StringList, keys...)
	}
	for _, t := range call.ResourceTags {
		set("aws:ResourceTag/"+t.Key, eval.String, t.Value)
	}
	for _, e := range call.Context {
		ctx.Set(e.Key, e.Type, e.Values...)
	}
	return ctx
}

// userName is the last segment of an IAM user's ARN.
func userName(userARN string) string {
	return userARN[strings.LastIndexByte(userARN, '/')+1:]
}
