package eval

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
)

func mustPolicy(t testing.TB, typ policy.Type, id, src string) Policy {
	t.Helper()
	d, err := policy.Parse([]byte(src), policy.Options{Type: typ, Name: id})
	require.NoError(t, err)
	source := "none"
	if typ == policy.Resource {
		source = "resource"
	}
	return Policy{ID: id, Source: source, Doc: d}
}

func mustCaller(t testing.TB, s string) principal.Principal {
	t.Helper()
	p, err := principal.FromARN(s)
	require.NoError(t, err)
	return p
}

const (
	alice       = "arn:aws:iam::111122223333:user/alice"
	aliceFed    = "arn:aws:sts::111122223333:federated-user/alice"
	auditorRole = "arn:aws:iam::111122223333:role/Auditor"
	auditorSess = "arn:aws:sts::111122223333:assumed-role/Auditor/s1"
	otherUser   = "arn:aws:iam::444455556666:user/bob"
	rootARN     = "arn:aws:iam::111122223333:root"
	bucket      = "arn:aws:s3:::reports"
	object      = "arn:aws:s3:::reports/q3.pdf"
)

func allowS3(resource string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"` + resource + `"}]}`
}

func bucketPolicy(principalJSON string) string {
	return `{"Version":"2012-10-17","Statement":[{"Sid":"Grant","Effect":"Allow","Principal":` + principalJSON + `,"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}`
}

const (
	denyAll        = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`
	allowAll       = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	allowEC2Only   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`
	rcpAllowAll    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
	rcpDenyOutside = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"111122223333"}}}]}`
)

type evalCase struct {
	name   string
	doc    string // the AWS documentation page (and section) the case checks
	caller string // CallerArn form; empty with principal set
	who    *principal.Principal
	action string
	res    string
	owner  string
	ps     func(t testing.TB) *Policies
	ctx    []Entry
	trust  bool
	want   Decision
	why    Reason
}

func TestEvaluate(t *testing.T) {
	id := func(srcs ...string) func(t testing.TB) *Policies {
		return func(t testing.TB) *Policies {
			ps := &Policies{}
			for i, s := range srcs {
				ps.Identity = append(ps.Identity, mustPolicy(t, policy.Identity, "id"+string(rune('1'+i)), s))
			}
			return ps
		}
	}
	with := func(base func(t testing.TB) *Policies, edit func(t testing.TB, ps *Policies)) func(t testing.TB) *Policies {
		return func(t testing.TB) *Policies {
			ps := base(t)
			edit(t, ps)
			return ps
		}
	}
	resource := func(principalJSON string) func(t testing.TB, ps *Policies) {
		return func(t testing.TB, ps *Policies) {
			ps.Resource = []Policy{mustPolicy(t, policy.Resource, "bucket", bucketPolicy(principalJSON))}
		}
	}
	boundary := func(src string) func(t testing.TB, ps *Policies) {
		return func(t testing.TB, ps *Policies) {
			ps.Boundary = []Policy{mustPolicy(t, policy.Boundary, "boundary", src)}
		}
	}
	session := func(src string) func(t testing.TB, ps *Policies) {
		return func(t testing.TB, ps *Policies) {
			ps.Session = []Policy{mustPolicy(t, policy.Session, "session", src)}
		}
	}
	scp := func(levels ...string) func(t testing.TB, ps *Policies) {
		return func(t testing.TB, ps *Policies) {
			for i, l := range levels {
				ps.SCP = append(ps.SCP, Level{Name: "L" + string(rune('0'+i)), Policies: []Policy{mustPolicy(t, policy.SCP, "scp", l)}})
			}
		}
	}
	rcp := func(levels ...string) func(t testing.TB, ps *Policies) {
		return func(t testing.TB, ps *Policies) {
			for i, l := range levels {
				ps.RCP = append(ps.RCP, Level{Name: "L" + string(rune('0'+i)), Policies: []Policy{mustPolicy(t, policy.RCP, "rcp", l)}})
			}
		}
	}
	none := func(t testing.TB) *Policies { return &Policies{} }
	carlos := `{"Version":"2012-10-17","Statement":[
		{"Sid":"AllowS3ListRead","Effect":"Allow","Action":["s3:GetBucketLocation","s3:GetAccountPublicAccessBlock","s3:ListAccessPoints","s3:ListAllMyBuckets"],"Resource":"arn:aws:s3:::*"},
		{"Sid":"AllowS3Self","Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::carlossalazar/*","arn:aws:s3:::carlossalazar"]},
		{"Sid":"DenyS3Logs","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::*log*"}]}`

	tests := []evalCase{
		// Deny by default, allow by identity, deny wins.
		{name: "no policy denies implicitly", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow",
			caller: alice, action: "s3:GetObject", res: object, ps: none, want: ImplicitDeny, why: ReasonNoIdentityAllow},
		{name: "identity policy allows", doc: "reference_policies_evaluation-logic.md#policy-eval-basics",
			caller: alice, action: "s3:GetObject", res: object, ps: id(allowS3("arn:aws:s3:::reports/*")), want: Allowed, why: ReasonIdentity},
		{name: "carlos may write to his own bucket", doc: "reference_policies_evaluation-logic.md#policies_evaluation_example",
			caller: "arn:aws:iam::123456789012:user/carlossalazar", action: "s3:PutObject", res: "arn:aws:s3:::carlossalazar/file.txt", ps: id(carlos), want: Allowed, why: ReasonIdentity},
		{name: "carlos is denied the logs bucket by DenyS3Logs", doc: "reference_policies_evaluation-logic.md#policies_evaluation_example",
			caller: "arn:aws:iam::123456789012:user/carlossalazar", action: "s3:PutObject", res: "arn:aws:s3:::carlossalazar-logs/file.txt", ps: id(carlos), want: ExplicitDeny, why: ReasonExplicitDeny},
		{name: "explicit deny in one policy overrides allow in another", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow",
			caller: alice, action: "s3:GetObject", res: object, ps: id(allowAll, denyAll), want: ExplicitDeny, why: ReasonExplicitDeny},
		{name: "action matching ignores case", doc: "reference_policies_elements_action.md",
			caller: alice, action: "S3:getobject", res: object, ps: id(allowS3("arn:aws:s3:::reports/*")), want: Allowed, why: ReasonIdentity},
		{name: "resource matching respects case", doc: "reference_policies_elements_resource.md",
			caller: alice, action: "s3:GetObject", res: "arn:aws:s3:::Reports/q3.pdf", ps: id(allowS3("arn:aws:s3:::reports/*")), want: ImplicitDeny, why: ReasonNoIdentityAllow},
		{name: "NotAction with Allow allows everything not listed", doc: "reference_policies_elements_notaction.md",
			caller: alice, action: "ec2:RunInstances", res: "*", ps: id(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`), want: Allowed, why: ReasonIdentity},
		{name: "NotAction with Allow does not allow what it lists", doc: "reference_policies_elements_notaction.md",
			caller: alice, action: "iam:CreateUser", res: "*", ps: id(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}]}`), want: ImplicitDeny, why: ReasonNoIdentityAllow},
		{name: "NotResource with Deny denies everything but the named resource", doc: "reference_policies_elements_notresource.md",
			caller: alice, action: "s3:GetObject", res: "arn:aws:s3:::other/x", ps: id(allowAll, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","NotResource":["arn:aws:s3:::reports","arn:aws:s3:::reports/*"]}]}`), want: ExplicitDeny, why: ReasonExplicitDeny},
		{name: "policy variable in Resource", doc: "reference_policies_variables.md",
			caller: alice, action: "s3:GetObject", res: "arn:aws:s3:::home/alice/notes.txt", ctx: []Entry{{Key: "aws:username", Values: []string{"alice"}}},
			ps: id(allowS3("arn:aws:s3:::home/${aws:username}/*")), want: Allowed, why: ReasonIdentity},
		{name: "policy variable without a value matches no resource", doc: "reference_policies_variables.md#policy-vars-no-value",
			caller: alice, action: "s3:GetObject", res: "arn:aws:s3:::home/alice/notes.txt",
			ps: id(allowS3("arn:aws:s3:::home/${aws:username}/*")), want: ImplicitDeny, why: ReasonNoIdentityAllow},

		// Permissions boundaries.
		{name: "boundary allows what identity allows", doc: "access_policies_boundaries.md",
			caller: alice, action: "s3:GetObject", res: object, ps: with(id(allowAll), boundary(allowS3("*"))), want: Allowed, why: ReasonIdentity},
		{name: "boundary limits identity policy", doc: "access_policies_boundaries.md",
			caller: alice, action: "iam:CreateUser", res: "*", ps: with(id(allowAll), boundary(allowS3("*"))), want: ImplicitDeny, why: ReasonBoundaryNoAllow},
		{name: "boundary alone grants nothing", doc: "access_policies_boundaries.md",
			caller: alice, action: "s3:GetObject", res: object, ps: with(none, boundary(allowAll)), want: ImplicitDeny, why: ReasonNoIdentityAllow},
		{name: "explicit deny in boundary", doc: "access_policies_boundaries.md",
			caller: alice, action: "s3:GetObject", res: object, ps: with(id(allowAll), boundary(denyAll)), want: ExplicitDeny, why: ReasonExplicitDeny},

		// Resource-based policies in the same account.
		{name: "resource policy naming the IAM user allows alone", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow (IAM user)",
			caller: alice, action: "s3:GetObject", res: object, ps: with(none, resource(`{"AWS":"`+alice+`"}`)), want: Allowed, why: ReasonResourceDirect},
		{name: "resource policy naming the IAM user is not limited by its boundary", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow (IAM user)",
			caller: alice, action: "s3:GetObject", res: object, ps: with(with(none, resource(`{"AWS":"`+alice+`"}`)), boundary(allowEC2Only)), want: Allowed, why: ReasonResourceDirect},
		{name: "resource policy naming the role allows its session without identity policy", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow (IAM role)",
			caller: auditorSess, action: "s3:GetObject", res: object, ps: with(none, resource(`{"AWS":"`+auditorRole+`"}`)), want: Allowed, why: ReasonResourceIndirect},
		{name: "resource policy naming the role is limited by the role's boundary", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow (IAM role)",
			caller: auditorSess, action: "s3:GetObject", res: object, ps: with(with(none, resource(`{"AWS":"`+auditorRole+`"}`)), boundary(allowEC2Only)), want: ImplicitDeny, why: ReasonBoundaryNoAllow},
		{name: "resource policy naming the role is limited by session policies", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow (IAM role)",
			caller: auditorSess, action: "s3:GetObject", res: object, ps: with(with(none, resource(`{"AWS":"`+auditorRole+`"}`)), session(allowEC2Only)), want: ImplicitDeny, why: ReasonSessionNoAllow},
		{name: "resource policy naming the role session is not limited by boundary or session policy", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow (IAM role session)",
			caller: auditorSess, action: "s3:GetObject", res: object, ps: with(with(with(none, resource(`{"AWS":"`+auditorSess+`"}`)), session(allowEC2Only)), boundary(allowEC2Only)), want: Allowed, why: ReasonResourceDirect},
		{name: "resource policy naming the federated user allows without session policy", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow (federated user sessions)",
			caller: aliceFed, action: "s3:GetObject", res: object, ps: with(none, resource(`{"AWS":"`+aliceFed+`"}`)), want: Allowed, why: ReasonResourceDirect},
		{name: "resource policy naming the federating user is limited by session policy", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow (federated user sessions)",
			caller: aliceFed, action: "s3:GetObject", res: object, ps: with(with(none, resource(`{"AWS":"`+alice+`"}`)), session(allowEC2Only)), want: ImplicitDeny, why: ReasonSessionNoAllow},
		{name: "resource policy naming the account delegates to identity policies", doc: "reference_policies_evaluation-logic-cross-account.md",
			caller: alice, action: "s3:GetObject", res: object, ps: with(none, resource(`{"AWS":"111122223333"}`)), want: ImplicitDeny, why: ReasonNoIdentityAllow},
		{name: "explicit deny in resource policy beats identity allow", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow",
			caller: alice, action: "s3:GetObject", res: object, ps: with(id(allowAll), func(t testing.TB, ps *Policies) {
				ps.Resource = []Policy{mustPolicy(t, policy.Resource, "bucket", `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::reports/*"}]}`)}
			}), want: ExplicitDeny, why: ReasonExplicitDeny},

		// Session policies.
		{name: "role session without session policy has the role's permissions", doc: "reference_policies_evaluation-logic.md (session policies)",
			caller: auditorSess, action: "s3:GetObject", res: object, ps: id(allowAll), want: Allowed, why: ReasonIdentity},
		{name: "session policy intersects with identity policy", doc: "access_policies.md#policies_session",
			caller: auditorSess, action: "iam:ListUsers", res: "*", ps: with(id(allowAll), session(allowS3("*"))), want: ImplicitDeny, why: ReasonSessionNoAllow},
		{name: "session policy alone grants nothing", doc: "access_policies.md#policies_session",
			caller: auditorSess, action: "s3:GetObject", res: object, ps: with(none, session(allowAll)), want: ImplicitDeny, why: ReasonNoIdentityAllow},
		{name: "federated user without session policy has no permissions", doc: "reference_policies_evaluation-logic.md (session policies)",
			caller: aliceFed, action: "s3:GetObject", res: object, ps: id(allowAll), want: ImplicitDeny, why: ReasonFederatedNoSessionPolicy},
		{name: "federated user with session policy", doc: "id_credentials_temp_request.md#api_getfederationtoken",
			caller: aliceFed, action: "s3:GetObject", res: object, ps: with(id(allowAll), session(allowS3("*"))), want: Allowed, why: ReasonIdentity},

		// Cross-account.
		{name: "cross-account needs a resource policy", doc: "reference_policies_evaluation-logic-cross-account.md",
			caller: otherUser, action: "s3:GetObject", res: object, owner: "111122223333", ps: id(allowAll), want: ImplicitDeny, why: ReasonCrossAccountNoResourceGrant},
		{name: "cross-account with both sides allowing", doc: "reference_policies_evaluation-logic-cross-account.md",
			caller: otherUser, action: "s3:GetObject", res: object, owner: "111122223333", ps: with(id(allowAll), resource(`{"AWS":"444455556666"}`)), want: Allowed, why: ReasonCrossAccount},
		{name: "cross-account resource grant needs the caller's identity policy too", doc: "reference_policies_evaluation-logic-cross-account.md",
			caller: otherUser, action: "s3:GetObject", res: object, owner: "111122223333", ps: with(none, resource(`{"AWS":"`+otherUser+`"}`)), want: ImplicitDeny, why: ReasonCrossAccountCallerSide},
		{name: "cross-account caller side is limited by its boundary", doc: "reference_policies_evaluation-logic-cross-account.md",
			caller: otherUser, action: "s3:GetObject", res: object, owner: "111122223333", ps: with(with(id(allowAll), resource(`{"AWS":"`+otherUser+`"}`)), boundary(allowEC2Only)), want: ImplicitDeny, why: ReasonCrossAccountCallerSide},

		// Organizations: SCPs and RCPs.
		{name: "SCPs must allow at every level", doc: "reference_policies_evaluation-logic.md (Organizations SCPs)",
			caller: alice, action: "s3:GetObject", res: object, ps: with(id(allowAll), scp(allowAll, allowS3("*"))), want: Allowed, why: ReasonIdentity},
		{name: "an SCP level without an allow denies", doc: "reference_policies_evaluation-logic.md (Organizations SCPs)",
			caller: alice, action: "iam:ListUsers", res: "*", ps: with(id(allowAll), scp(allowAll, allowS3("*"))), want: ImplicitDeny, why: ReasonSCPNoAllow},
		{name: "SCP explicit deny", doc: "reference_policies_evaluation-logic.md (deny evaluation)",
			caller: alice, action: "s3:GetObject", res: object, ps: with(id(allowAll), scp(allowAll, denyAll)), want: ExplicitDeny, why: ReasonExplicitDeny},
		{name: "SCPs grant nothing on their own", doc: "reference_policies_evaluation-logic.md (Organizations SCPs)",
			caller: alice, action: "s3:GetObject", res: object, ps: with(none, scp(allowAll)), want: ImplicitDeny, why: ReasonNoIdentityAllow},
		{name: "SCPs limit the root user of a member account", doc: "reference_policies_evaluation-logic.md (Organizations SCPs)",
			caller: rootARN, action: "iam:ListUsers", res: "*", ps: with(none, scp(allowS3("*"))), want: ImplicitDeny, why: ReasonSCPNoAllow},
		{name: "SCPs do not limit service-linked roles", doc: "access_policies.md (SCPs)",
			who:    &principal.Principal{Type: principal.RoleSession, ARN: "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForSupport/s", Account: "111122223333", Issuer: "arn:aws:iam::111122223333:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport", ServiceLinked: true},
			action: "iam:ListUsers", res: "*", ps: with(id(allowAll), scp(denyAll)), want: Allowed, why: ReasonIdentity},
		{name: "RCPs must allow at every level", doc: "RCPs (newer than the snapshot; shared/reference/README.md)",
			caller: alice, action: "s3:GetObject", res: object, ps: with(id(allowAll), rcp(rcpAllowAll)), want: Allowed, why: ReasonIdentity},
		{name: "RCP deny for principals outside the account", doc: "RCPs (newer than the snapshot; shared/reference/README.md)",
			caller: otherUser, action: "s3:GetObject", res: object, owner: "111122223333", ctx: []Entry{{Key: "aws:PrincipalAccount", Values: []string{"444455556666"}}},
			ps: with(with(id(allowAll), resource(`"*"`)), rcp(rcpAllowAll, rcpDenyOutside)), want: ExplicitDeny, why: ReasonExplicitDeny},
		{name: "RCP deny does not touch principals inside the account", doc: "RCPs (newer than the snapshot; shared/reference/README.md)",
			caller: alice, action: "s3:GetObject", res: object, ctx: []Entry{{Key: "aws:PrincipalAccount", Values: []string{"111122223333"}}},
			ps: with(id(allowAll), rcp(rcpAllowAll, rcpDenyOutside)), want: Allowed, why: ReasonIdentity},

		// Principals without IAM identities and the root user.
		{name: "root user in its own account needs no policy", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow",
			caller: rootARN, action: "iam:CreateUser", res: "*", ps: none, want: Allowed, why: ReasonRoot},
		{name: "resource policy deny applies to the root user", doc: "reference_policies_evaluation-logic.md (deny evaluation)",
			caller: rootARN, action: "s3:GetObject", res: object, ps: with(none, func(t testing.TB, ps *Policies) {
				ps.Resource = []Policy{mustPolicy(t, policy.Resource, "bucket", `{"Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::reports/*"}]}`)}
			}), want: ExplicitDeny, why: ReasonExplicitDeny},
		{name: "anonymous caller allowed by public resource policy", doc: "reference_policies_elements_principal.md#principal-anonymous",
			who: &principal.Principal{Type: principal.Anonymous}, action: "s3:GetObject", res: object, owner: "111122223333", ps: with(none, resource(`"*"`)), want: Allowed, why: ReasonResourceOnly},
		{name: "anonymous caller without resource grant", doc: "reference_policies_elements_principal.md#principal-anonymous",
			who: &principal.Principal{Type: principal.Anonymous}, action: "s3:GetObject", res: object, owner: "111122223333", ps: with(none, resource(`{"AWS":"111122223333"}`)), want: ImplicitDeny, why: ReasonNoResourceGrant},
		{name: "service principal allowed by resource policy", doc: "reference_policies_elements_principal.md#principal-services",
			who: &principal.Principal{Type: principal.Service, Service: "cloudtrail.amazonaws.com"}, action: "s3:GetObject", res: object, owner: "111122223333", ps: with(none, resource(`{"Service":"cloudtrail.amazonaws.com"}`)), want: Allowed, why: ReasonResourceOnly},

		// Trust policies must grant even in the same account.
		{name: "trust policy naming the account still needs identity allow", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow (role trust policies)",
			caller: alice, action: "sts:AssumeRole", res: auditorRole, trust: true, ps: with(none, func(t testing.TB, ps *Policies) {
				ps.Resource = []Policy{mustPolicy(t, policy.Trust, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}`)}
			}), want: ImplicitDeny, why: ReasonNoIdentityAllow},
		{name: "identity policy alone cannot assume a role", doc: "reference_policies_evaluation-logic.md#policy-eval-denyallow (role trust policies)",
			caller: alice, action: "sts:AssumeRole", res: auditorRole, trust: true, ps: with(id(allowAll), func(t testing.TB, ps *Policies) {
				ps.Resource = []Policy{mustPolicy(t, policy.Trust, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)}
			}), want: ImplicitDeny, why: ReasonNoResourceGrant},
		{name: "trust policy naming the user allows", doc: "id_roles_compare-resource-policies.md",
			caller: alice, action: "sts:AssumeRole", res: auditorRole, trust: true, ps: with(none, func(t testing.TB, ps *Policies) {
				ps.Resource = []Policy{mustPolicy(t, policy.Trust, "trust", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"`+alice+`"},"Action":"sts:AssumeRole"}]}`)}
			}), want: Allowed, why: ReasonResourceDirect},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runCase(t, tt)
		})
	}
}

func runCase(t *testing.T, tt evalCase) {
	t.Helper()
	r := &Request{Action: tt.action, Resource: tt.res, ResourceAccount: tt.owner, ResourcePolicyRequired: tt.trust}
	if tt.who != nil {
		r.Principal = *tt.who
	} else {
		r.Principal = mustCaller(t, tt.caller)
	}
	for _, e := range tt.ctx {
		r.Context.Set(e.Key, e.Type, e.Values...)
	}
	ps := tt.ps(t)
	got, why := run(ps, r, nil)
	assert.Equal(t, tt.want, got, "decision (%s)", tt.doc)
	assert.Equal(t, tt.why, why, "reason (%s)", tt.doc)
	assert.Equal(t, tt.want, Evaluate(ps, r))
	e := Explain(ps, r)
	assert.Equal(t, tt.want, e.Decision, "Explain agrees with Evaluate")
	assert.NotEmpty(t, e.Summary)
}

// reference_policies_elements_notprincipal.md: with Deny, a caller is
// exempt only when the account, the role (for sessions) and the caller are
// all named.
func TestNotPrincipalWithDeny(t *testing.T) {
	denyExcept := func(names ...string) func(t testing.TB) *Policies {
		list := `"` + names[0] + `"`
		for _, n := range names[1:] {
			list += `,"` + n + `"`
		}
		return func(t testing.TB) *Policies {
			return &Policies{
				Identity: []Policy{mustPolicy(t, policy.Identity, "id", allowAll)},
				Resource: []Policy{mustPolicy(t, policy.Resource, "bucket", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":[`+list+`]},"Action":"s3:*","Resource":"arn:aws:s3:::reports/*"}]}`)},
			}
		}
	}
	tests := []evalCase{
		{name: "naming only the account does not exempt its users", caller: alice, ps: denyExcept(rootARN), want: ExplicitDeny, why: ReasonExplicitDeny},
		{name: "naming the user without the account does not exempt it", caller: alice, ps: denyExcept(alice), want: ExplicitDeny, why: ReasonExplicitDeny},
		{name: "naming the account and the user exempts the user", caller: alice, ps: denyExcept(alice, rootARN), want: Allowed, why: ReasonIdentity},
		{name: "account by ID and the user exempts the user", caller: alice, ps: denyExcept(alice, "111122223333"), want: Allowed, why: ReasonIdentity},
		{name: "a session needs account, role and session named", caller: auditorSess, ps: denyExcept(auditorSess, rootARN), want: ExplicitDeny, why: ReasonExplicitDeny},
		{name: "account, role and session exempt the session", caller: auditorSess, ps: denyExcept(auditorSess, auditorRole, rootARN), want: Allowed, why: ReasonIdentity},
		{name: "the root user is exempt when its account is named", caller: rootARN, ps: denyExcept(rootARN), want: Allowed, why: ReasonRoot},
		{name: "other users of the account stay denied", caller: "arn:aws:iam::111122223333:user/mallory", ps: denyExcept(alice, rootARN), want: ExplicitDeny, why: ReasonExplicitDeny},
	}
	for _, tt := range tests {
		tt.action, tt.res = "s3:GetObject", object
		tt.doc = "reference_policies_elements_notprincipal.md"
		t.Run(tt.name, func(t *testing.T) { runCase(t, tt) })
	}
}

func TestNotPrincipalWithAllow(t *testing.T) {
	ps := &Policies{Resource: []Policy{mustPolicy(t, policy.Resource, "bucket", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"`+alice+`"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}]}`)}}
	r := &Request{Principal: mustCaller(t, alice), Action: "s3:GetObject", Resource: object}
	assert.Equal(t, ImplicitDeny, Evaluate(ps, r), "the named user is left out")
	r.Principal = mustCaller(t, "arn:aws:iam::111122223333:user/mallory")
	assert.Equal(t, Allowed, Evaluate(ps, r), "everyone else is granted, which is why AWS advises against it")
}

func TestDecisionText(t *testing.T) {
	for _, d := range []Decision{Allowed, ExplicitDeny, ImplicitDeny} {
		b, err := d.MarshalText()
		require.NoError(t, err)
		var back Decision
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, d, back)
	}
	var d Decision
	assert.Error(t, d.UnmarshalText([]byte("allow")))
}

func TestEvaluateAllocatesNothing(t *testing.T) {
	ps, reqs := benchSet(t)
	for i := range reqs {
		r := &reqs[i]
		allocs := testing.AllocsPerRun(100, func() { Evaluate(ps, r) })
		assert.Zero(t, allocs, "request %d (%s on %s)", i, r.Action, r.Resource)
	}
}
