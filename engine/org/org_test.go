package org

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/principal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	mgmt   = "111111111111"
	member = "222222222222"
	other  = "333333333333"
)

func newTestOrg(t testing.TB) *Organization {
	t.Helper()
	o, err := New(mgmt, Env{Rand: rand.NewChaCha8([32]byte{7})})
	require.NoError(t, err)
	return o
}

const denyS3 = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}`
const allowEC2 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}`
const rcpDenyOutside = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-aa11bb22cc"}}}]}`

// orgFixture: root → Prod → Web, with member in Web and other in the root,
// an SCP DenyS3 on Prod and an RCP on the root.
type orgFixture struct {
	o           *Organization
	prod, web   string
	denyS3, rcp string
	armed       *state
}

func (f *orgFixture) arm() {
	s := f.o.Clone().s
	f.armed = &s
}

func newOrgFixture(t testing.TB) *orgFixture {
	t.Helper()
	o := newTestOrg(t)
	f := &orgFixture{o: o}
	prod, err := o.CreateOrganizationalUnit(CreateOrganizationalUnitInput{ParentId: o.RootID(), Name: "Prod"})
	require.NoError(t, err)
	web, err := o.CreateOrganizationalUnit(CreateOrganizationalUnitInput{ParentId: prod.Id, Name: "Web"})
	require.NoError(t, err)
	f.prod, f.web = prod.Id, web.Id
	require.NoError(t, o.AddAccount(AddAccountInput{AccountId: member, ParentId: web.Id}))
	require.NoError(t, o.AddAccount(AddAccountInput{AccountId: other}))
	p, err := o.CreatePolicy(CreatePolicyInput{Name: "DenyS3", Type: ServiceControlPolicy, Content: denyS3})
	require.NoError(t, err)
	f.denyS3 = p.PolicySummary.Id
	require.NoError(t, o.AttachPolicy(PolicyAttachmentInput{PolicyId: f.denyS3, TargetId: prod.Id}))
	r, err := o.CreatePolicy(CreatePolicyInput{Name: "OrgOnly", Type: ResourceControlPolicy, Content: rcpDenyOutside})
	require.NoError(t, err)
	f.rcp = r.PolicySummary.Id
	require.NoError(t, o.AttachPolicy(PolicyAttachmentInput{PolicyId: f.rcp, TargetId: o.RootID()}))
	return f
}

func TestNew(t *testing.T) {
	o := newTestOrg(t)
	assert.Regexp(t, `^o-[a-z0-9]{10}$`, o.ID(), "organizationsEntityPathType in iam.json")
	assert.Regexp(t, `^r-[a-z0-9]{4}$`, o.RootID())
	assert.Equal(t, mgmt, o.ManagementAccountID())
	assert.True(t, o.IsMember(mgmt))
	for _, target := range []string{o.RootID(), mgmt} {
		scps := must(t)(o.ListPoliciesForTarget(target, ServiceControlPolicy))
		assert.Equal(t, "FullAWSAccess", scps[0].Name)
		assert.True(t, scps[0].AwsManaged)
		assert.Equal(t, "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess", scps[0].Arn)
		rcps := must(t)(o.ListPoliciesForTarget(target, ResourceControlPolicy))
		assert.Equal(t, "RCPFullAWSAccess", rcps[0].Name, "RCPFullAWSAccess is attached by default (shared/reference/README.md)")
	}
	_, err := New("123", Env{Rand: rand.NewChaCha8([32]byte{})})
	assert.ErrorIs(t, err, ErrInvalidInput)
	_, err = New(mgmt, Env{})
	assert.ErrorIs(t, err, ErrInvalidInput)
}

func must(t testing.TB) func(v []PolicySummary, err error) []PolicySummary {
	return func(v []PolicySummary, err error) []PolicySummary {
		t.Helper()
		require.NoError(t, err)
		return v
	}
}

func TestOrganizationalUnits(t *testing.T) {
	o := newTestOrg(t)
	parent := o.RootID()
	var ids []string
	for i := 1; i <= MaxOUDepth; i++ {
		ou, err := o.CreateOrganizationalUnit(CreateOrganizationalUnitInput{ParentId: parent, Name: "L" + string(rune('0'+i))})
		require.NoError(t, err)
		assert.Regexp(t, `^ou-`+strings.TrimPrefix(o.RootID(), "r-")+`-[a-z0-9]{8}$`, ou.Id)
		assert.Equal(t, "arn:aws:organizations::"+mgmt+":ou/"+o.ID()+"/"+ou.Id, ou.Arn)
		scps := must(t)(o.ListPoliciesForTarget(ou.Id, ServiceControlPolicy))
		assert.Equal(t, "FullAWSAccess", scps[0].Name, "every new node gets FullAWSAccess")
		parent = ou.Id
		ids = append(ids, ou.Id)
	}
	_, err := o.CreateOrganizationalUnit(CreateOrganizationalUnitInput{ParentId: parent, Name: "L6"})
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, ErrConstraintViolation, e.Code)
	assert.Equal(t, ReasonOUDepthLimitExceeded, e.Reason, "OUs nest at most five deep")

	// The same name is fine under another parent.
	_, err = o.CreateOrganizationalUnit(CreateOrganizationalUnitInput{ParentId: ids[0], Name: "L1"})
	require.NoError(t, err)
	children, err := o.ListChildren(o.RootID())
	require.NoError(t, err)
	assert.Equal(t, []Child{{Id: ids[0], Type: "ORGANIZATIONAL_UNIT"}, {Id: mgmt, Type: "ACCOUNT"}}, children)
	p, err := o.ParentOf(ids[1])
	require.NoError(t, err)
	assert.Equal(t, ids[0], p)
	renamed, err := o.UpdateOrganizationalUnit(UpdateOrganizationalUnitInput{OrganizationalUnitId: ids[4], Name: "Leaf"})
	require.NoError(t, err)
	assert.Equal(t, "Leaf", renamed.Name)
	require.NoError(t, o.DeleteOrganizationalUnit(ids[4]))
}

func TestLevels(t *testing.T) {
	f := newOrgFixture(t)
	o := f.o
	scp, rcp, ok := o.Levels(member)
	require.True(t, ok)
	names := func(ls []eval.Level) (out [][]string) {
		for _, l := range ls {
			var ps []string
			for _, p := range l.Policies {
				ps = append(ps, l.Name+":"+p.ID)
				assert.Equal(t, "none", p.Source)
			}
			out = append(out, ps)
		}
		return out
	}
	root := o.RootID()
	assert.Equal(t, [][]string{
		{root + ":FullAWSAccess"},
		{f.prod + ":FullAWSAccess", f.prod + ":DenyS3"},
		{f.web + ":FullAWSAccess"},
		{member + ":FullAWSAccess"},
	}, names(scp), "root → OUs → account (access_policies.md)")
	assert.Equal(t, [][]string{
		{root + ":RCPFullAWSAccess", root + ":OrgOnly"},
		{f.prod + ":RCPFullAWSAccess"},
		{f.web + ":RCPFullAWSAccess"},
		{member + ":RCPFullAWSAccess"},
	}, names(rcp))

	_, _, ok = o.Levels(mgmt)
	assert.False(t, ok, "SCPs do not limit the management account (access_policies_access-advisor-view-data-orgs.md)")
	_, _, ok = o.Levels("999999999999")
	assert.False(t, ok, "nor accounts outside the organization")

	// The levels decide as the evaluator's SCP stage should.
	p := principal.Principal{Type: principal.User, Account: member, ARN: "arn:aws:iam::" + member + ":user/u"}
	admin := eval.Policy{ID: "admin", Source: "user", Doc: mustParse(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)}
	ps := &eval.Policies{Identity: []eval.Policy{admin}, SCP: scp}
	assert.Equal(t, eval.ExplicitDeny, eval.Evaluate(ps, &eval.Request{Principal: p, Action: "s3:GetObject", Resource: "*"}))
	assert.Equal(t, eval.Allowed, eval.Evaluate(ps, &eval.Request{Principal: p, Action: "ec2:RunInstances", Resource: "*"}))

	// Moving the account out of Prod lifts DenyS3.
	require.NoError(t, o.MoveAccount(MoveAccountInput{AccountId: member, SourceParentId: f.web, DestinationParentId: root}))
	scp, _, _ = o.Levels(member)
	assert.Len(t, scp, 2)
	ps.SCP = scp
	assert.Equal(t, eval.Allowed, eval.Evaluate(ps, &eval.Request{Principal: p, Action: "s3:GetObject", Resource: "*"}))
}

func TestPolicyAttachment(t *testing.T) {
	t.Run("at most five SCPs per target (access_policies.md)", func(t *testing.T) {
		f := newOrgFixture(t)
		for i := range 4 {
			p, err := f.o.CreatePolicy(CreatePolicyInput{Name: "P" + string(rune('0'+i)), Type: ServiceControlPolicy, Content: allowEC2})
			require.NoError(t, err)
			require.NoError(t, f.o.AttachPolicy(PolicyAttachmentInput{PolicyId: p.PolicySummary.Id, TargetId: member}))
		}
		p, err := f.o.CreatePolicy(CreatePolicyInput{Name: "Sixth", Type: ServiceControlPolicy, Content: allowEC2})
		require.NoError(t, err)
		err = f.o.AttachPolicy(PolicyAttachmentInput{PolicyId: p.PolicySummary.Id, TargetId: member})
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, ReasonMaxPolicyTypeAttachment, e.Reason)
		targets, err := f.o.ListTargetsForPolicy(FullAWSAccessID)
		require.NoError(t, err)
		assert.Len(t, targets, 6, "root, two OUs, three accounts")
	})
	t.Run("FullAWSAccess can go once another SCP is attached", func(t *testing.T) {
		f := newOrgFixture(t)
		require.NoError(t, f.o.DetachPolicy(PolicyAttachmentInput{PolicyId: FullAWSAccessID, TargetId: f.prod}))
		scps := must(t)(f.o.ListPoliciesForTarget(f.prod, ServiceControlPolicy))
		assert.Equal(t, "DenyS3", scps[0].Name)
	})
	t.Run("policies: describe, update, list, delete", func(t *testing.T) {
		f := newOrgFixture(t)
		p, err := f.o.DescribePolicy(f.denyS3)
		require.NoError(t, err)
		assert.Regexp(t, `^p-[a-z0-9]{8}$`, p.PolicySummary.Id)
		assert.Equal(t, "arn:aws:organizations::"+mgmt+":policy/"+f.o.ID()+"/service_control_policy/"+f.denyS3, p.PolicySummary.Arn)
		assert.Equal(t, denyS3, p.Content)
		up, err := f.o.UpdatePolicy(UpdatePolicyInput{PolicyId: f.denyS3, Name: "NoS3", Content: allowEC2})
		require.NoError(t, err)
		assert.Equal(t, "NoS3", up.PolicySummary.Name)
		list, err := f.o.ListPolicies(ServiceControlPolicy)
		require.NoError(t, err)
		assert.Equal(t, "FullAWSAccess", list[0].Name)
		assert.Equal(t, "NoS3", list[1].Name)
		require.NoError(t, f.o.DetachPolicy(PolicyAttachmentInput{PolicyId: f.denyS3, TargetId: f.prod}))
		require.NoError(t, f.o.DeletePolicy(f.denyS3))
	})
}

// Every failure changes nothing, and has Organizations' code.
func TestFailuresChangeNothing(t *testing.T) {
	big := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}` + strings.Repeat(" ", MaxPolicySize)
	cases := []struct {
		name, doc string
		code      Code
		reason    string
		op        func(f *orgFixture) error
	}{
		{"OU under an unknown parent", "access_policies.md", ErrParentNotFound, "", func(f *orgFixture) error {
			return errOf(f.o.CreateOrganizationalUnit(CreateOrganizationalUnitInput{ParentId: "ou-zzzz-zzzzzzzz", Name: "X"}))
		}},
		{"OU name taken among siblings", "access_policies.md", ErrDuplicateOrganizationalUnit, "", func(f *orgFixture) error {
			return errOf(f.o.CreateOrganizationalUnit(CreateOrganizationalUnitInput{ParentId: f.o.RootID(), Name: "Prod"}))
		}},
		{"OU with an empty name", "access_policies.md", ErrInvalidInput, "", func(f *orgFixture) error {
			return errOf(f.o.CreateOrganizationalUnit(CreateOrganizationalUnitInput{ParentId: f.o.RootID()}))
		}},
		{"rename OU to a sibling's name", "access_policies.md", ErrDuplicateOrganizationalUnit, "", func(f *orgFixture) error {
			mustOK(t, errOf(f.o.CreateOrganizationalUnit(CreateOrganizationalUnitInput{ParentId: f.prod, Name: "Api"})))
			f.arm()
			return errOf(f.o.UpdateOrganizationalUnit(UpdateOrganizationalUnitInput{OrganizationalUnitId: f.web, Name: "Api"}))
		}},
		{"delete an OU with a child OU", "access_policies.md", ErrOrganizationalUnitNotEmpty, "", func(f *orgFixture) error {
			return f.o.DeleteOrganizationalUnit(f.prod)
		}},
		{"delete an OU with an account", "access_policies.md", ErrOrganizationalUnitNotEmpty, "", func(f *orgFixture) error {
			return f.o.DeleteOrganizationalUnit(f.web)
		}},
		{"delete an unknown OU", "access_policies.md", ErrOrganizationalUnitNotFound, "", func(f *orgFixture) error {
			return f.o.DeleteOrganizationalUnit("ou-zzzz-zzzzzzzz")
		}},
		{"add an account twice", "access_policies.md", ErrDuplicateAccount, "", func(f *orgFixture) error {
			return f.o.AddAccount(AddAccountInput{AccountId: member})
		}},
		{"add a bad account ID", "access_policies.md", ErrInvalidInput, "", func(f *orgFixture) error {
			return f.o.AddAccount(AddAccountInput{AccountId: "12"})
		}},
		{"remove the management account", "access_policies.md", ErrMasterCannotLeave, "", func(f *orgFixture) error {
			return f.o.RemoveAccountFromOrganization(mgmt)
		}},
		{"remove an unknown account", "access_policies.md", ErrAccountNotFound, "", func(f *orgFixture) error {
			return f.o.RemoveAccountFromOrganization("999999999999")
		}},
		{"move from the wrong parent", "access_policies.md", ErrAccountNotFound, "", func(f *orgFixture) error {
			return f.o.MoveAccount(MoveAccountInput{AccountId: member, SourceParentId: f.prod, DestinationParentId: f.o.RootID()})
		}},
		{"move to an unknown parent", "access_policies.md", ErrDestinationParentNotFound, "", func(f *orgFixture) error {
			return f.o.MoveAccount(MoveAccountInput{AccountId: member, SourceParentId: f.web, DestinationParentId: "ou-zzzz-zzzzzzzz"})
		}},
		{"move to where it is", "access_policies.md", ErrDuplicateAccount, "", func(f *orgFixture) error {
			return f.o.MoveAccount(MoveAccountInput{AccountId: member, SourceParentId: f.web, DestinationParentId: f.web})
		}},
		{"SCP with a Principal", "access_policies.md", ErrMalformedPolicyDocument, "", func(f *orgFixture) error {
			return errOf(f.o.CreatePolicy(CreatePolicyInput{Name: "X", Type: ServiceControlPolicy, Content: rcpDenyOutside}))
		}},
		{"RCP without Principal *", "shared/reference/README.md", ErrMalformedPolicyDocument, "", func(f *orgFixture) error {
			return errOf(f.o.CreatePolicy(CreatePolicyInput{Name: "X", Type: ResourceControlPolicy, Content: denyS3}))
		}},
		{"SCP over 5,120 characters, white space counted", "access_policies.md", ErrConstraintViolation, ReasonPolicyContentLimit, func(f *orgFixture) error {
			return errOf(f.o.CreatePolicy(CreatePolicyInput{Name: "X", Type: ServiceControlPolicy, Content: big}))
		}},
		{"policy name taken", "access_policies.md", ErrDuplicatePolicy, "", func(f *orgFixture) error {
			return errOf(f.o.CreatePolicy(CreatePolicyInput{Name: "DenyS3", Type: ServiceControlPolicy, Content: denyS3}))
		}},
		{"unknown policy type", "access_policies.md", ErrInvalidInput, "", func(f *orgFixture) error {
			return errOf(f.o.CreatePolicy(CreatePolicyInput{Name: "X", Type: "TAG_POLICY", Content: denyS3}))
		}},
		{"update an AWS managed policy", "access_policies.md", ErrAccessDenied, "", func(f *orgFixture) error {
			return errOf(f.o.UpdatePolicy(UpdatePolicyInput{PolicyId: FullAWSAccessID, Content: denyS3}))
		}},
		{"update with a malformed document", "access_policies.md", ErrMalformedPolicyDocument, "", func(f *orgFixture) error {
			return errOf(f.o.UpdatePolicy(UpdatePolicyInput{PolicyId: f.denyS3, Name: "Renamed", Content: "{"}))
		}},
		{"delete an attached policy", "access_policies.md", ErrPolicyInUse, "", func(f *orgFixture) error {
			return f.o.DeletePolicy(f.denyS3)
		}},
		{"delete an AWS managed policy", "access_policies.md", ErrAccessDenied, "", func(f *orgFixture) error {
			return f.o.DeletePolicy(FullAWSAccessID)
		}},
		{"describe an unknown policy", "access_policies.md", ErrPolicyNotFound, "", func(f *orgFixture) error {
			return errOf(f.o.DescribePolicy("p-zzzzzzzz"))
		}},
		{"attach twice", "access_policies.md", ErrDuplicatePolicyAttachment, "", func(f *orgFixture) error {
			return f.o.AttachPolicy(PolicyAttachmentInput{PolicyId: f.denyS3, TargetId: f.prod})
		}},
		{"attach to an unknown target", "access_policies.md", ErrTargetNotFound, "", func(f *orgFixture) error {
			return f.o.AttachPolicy(PolicyAttachmentInput{PolicyId: f.denyS3, TargetId: "999999999999"})
		}},
		{"detach the last SCP", "access_policies.md", ErrConstraintViolation, ReasonMinPolicyTypeAttachment, func(f *orgFixture) error {
			return f.o.DetachPolicy(PolicyAttachmentInput{PolicyId: FullAWSAccessID, TargetId: member})
		}},
		{"detach RCPFullAWSAccess", "shared/reference/README.md", ErrConstraintViolation, ReasonMinPolicyTypeAttachment, func(f *orgFixture) error {
			return f.o.DetachPolicy(PolicyAttachmentInput{PolicyId: RCPFullAWSAccessID, TargetId: f.o.RootID()})
		}},
		{"detach what is not attached", "access_policies.md", ErrPolicyNotAttached, "", func(f *orgFixture) error {
			return f.o.DetachPolicy(PolicyAttachmentInput{PolicyId: f.denyS3, TargetId: f.web})
		}},
		{"list children of an unknown parent", "access_policies.md", ErrParentNotFound, "", func(f *orgFixture) error {
			return errOf(f.o.ListChildren("r-zzzz"))
		}},
		{"parent of an unknown child", "access_policies.md", ErrChildNotFound, "", func(f *orgFixture) error {
			return errOf(f.o.ParentOf("999999999999"))
		}},
		{"policies of an unknown target", "access_policies.md", ErrTargetNotFound, "", func(f *orgFixture) error {
			return errOf(f.o.ListPoliciesForTarget("999999999999", ServiceControlPolicy))
		}},
		{"list a bad policy type", "access_policies.md", ErrInvalidInput, "", func(f *orgFixture) error {
			return errOf(f.o.ListPolicies("BACKUP_POLICY"))
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Logf("rule: %s", c.doc)
			f := newOrgFixture(t)
			before := f.o.Clone().s
			err := c.op(f)
			if f.armed != nil {
				before = *f.armed
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, c.code)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, c.reason, e.Reason)
			assert.NotEmpty(t, e.Message)
			assert.Equal(t, before, f.o.s, "a failed operation changed the organization")
		})
	}
}

func errOf[T any](_ T, err error) error { return err }

func mustOK(t testing.TB, err error) {
	t.Helper()
	require.NoError(t, err)
}

// Clone is deep.
func TestClone(t *testing.T) {
	f := newOrgFixture(t)
	c := f.o.Clone()
	assert.Equal(t, f.o.s, c.s)
	require.NoError(t, c.RemoveAccountFromOrganization(member))
	require.NoError(t, c.DetachPolicy(PolicyAttachmentInput{PolicyId: f.denyS3, TargetId: f.prod}))
	assert.True(t, f.o.IsMember(member))
	_, _, ok := f.o.Levels(member)
	assert.True(t, ok)
	assert.Len(t, must(t)(f.o.ListPoliciesForTarget(f.prod, ServiceControlPolicy)), 2)
}

func FuzzCheckName(f *testing.F) {
	for _, s := range []string{"Prod", "", "a\x00b", strings.Repeat("x", 129), "Ünïcode"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		ok := utf8.ValidString(s) && n >= 1 && n <= maxName
		for _, r := range s {
			if r < 0x20 || (r > 0x7E && r < 0xA0) {
				ok = false
			}
		}
		if got := checkName(s, "Name") == nil; got != ok {
			t.Fatalf("checkName(%q) ok = %v, want %v", s, got, ok)
		}
	})
}

func FuzzIsAccountID(f *testing.F) {
	re := regexp.MustCompile(`^\d{12}$`)
	for _, s := range []string{"111122223333", "11112222333", "1111222233334", "11112222333a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isAccountID(s), re.MatchString(s); got != want {
			t.Fatalf("isAccountID(%q) = %v, want %v", s, got, want)
		}
	})
}

// FuzzDrawnIDs: whatever the random bytes, IDs have Organizations' forms,
// or the draw fails cleanly.
func FuzzDrawnIDs(f *testing.F) {
	f.Add([]byte("abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop"))
	f.Add([]byte{0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		o, err := New(mgmt, Env{Rand: strings.NewReader(string(b))})
		if err != nil {
			assert.ErrorIs(t, err, ErrService)
			return
		}
		if !regexp.MustCompile(`^o-[a-z0-9]{10}$`).MatchString(o.ID()) || !regexp.MustCompile(`^r-[a-z0-9]{4}$`).MatchString(o.RootID()) {
			t.Fatalf("bad IDs %q %q", o.ID(), o.RootID())
		}
	})
}
