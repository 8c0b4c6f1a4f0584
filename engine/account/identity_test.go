package account

import (
	"testing"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/principal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type polID struct{ ID, Source string }

func ids(ps []eval.Policy) []polID {
	out := []polID{}
	for _, p := range ps {
		out = append(out, polID{p.ID, p.Source})
	}
	return out
}

func TestIdentityPolicies(t *testing.T) {
	f := newFixture(t)
	a := f.a
	cases := []struct {
		name, doc      string
		p              principal.Principal
		identity, bndy []polID
	}{
		{"user: own inline and attached, then each group's (access_policies_managed-vs-inline.md)", "id_groups.md",
			principal.Principal{Type: principal.User, Account: "111122223333", ARN: "arn:aws:iam::111122223333:user/eng/alice"},
			[]polID{{"AliceS3", "user"}, {"ReadOnlyAccess", "aws-managed"}, {"dev/DevEC2", "group"}, {"S3Read", "user-managed"}},
			[]polID{{"ReadOnlyAccess", "aws-managed"}}},
		{"user without policies", "id_users.md",
			principal.Principal{Type: principal.User, Account: "111122223333", ARN: "arn:aws:iam::111122223333:user/bob"},
			[]polID{}, []polID{}},
		{"role session: the role's policies", "id_roles.md",
			principal.Principal{Type: principal.RoleSession, Account: "111122223333", ARN: "arn:aws:sts::111122223333:assumed-role/app/i-1", Issuer: "arn:aws:iam::111122223333:role/app"},
			[]polID{{"AppS3", "role"}, {"S3Read", "user-managed"}}, []polID{}},
		{"federated user: its IAM user's policies", "id_credentials_temp_control-access_getfederationtoken.md",
			principal.Principal{Type: principal.FederatedUser, Account: "111122223333", ARN: "arn:aws:sts::111122223333:federated-user/Jo", Issuer: "arn:aws:iam::111122223333:user/eng/alice"},
			[]polID{{"AliceS3", "user"}, {"ReadOnlyAccess", "aws-managed"}, {"dev/DevEC2", "group"}, {"S3Read", "user-managed"}},
			[]polID{{"ReadOnlyAccess", "aws-managed"}}},
		{"root: none", "access_policies.md",
			principal.Principal{Type: principal.Root, Account: "111122223333", ARN: "arn:aws:iam::111122223333:root"},
			[]polID{}, []polID{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id, b, err := a.IdentityPolicies(c.p)
			require.NoError(t, err, c.doc)
			assert.Equal(t, c.identity, ids(id))
			assert.Equal(t, c.bndy, ids(b))
			for _, p := range id {
				assert.NotNil(t, p.Doc)
			}
		})
	}
	t.Run("a managed policy contributes its default version (access_policies_managed-versioning.md)", func(t *testing.T) {
		id, _, err := a.IdentityPolicies(cases[2].p)
		require.NoError(t, err)
		assert.Equal(t, "ec2:Describe*", id[1].Doc.Statements[0].Action.Patterns[0].String())
	})
	errs := []struct {
		name string
		p    principal.Principal
		code Code
	}{
		{"unknown user", principal.Principal{Type: principal.User, Account: "111122223333", ARN: "arn:aws:iam::111122223333:user/zed"}, ErrNoSuchEntity},
		{"unknown role", principal.Principal{Type: principal.RoleSession, Account: "111122223333", ARN: "arn:aws:sts::111122223333:assumed-role/zed/s", Issuer: "arn:aws:iam::111122223333:role/zed"}, ErrNoSuchEntity},
		{"another account", principal.Principal{Type: principal.User, Account: "444455556666", ARN: "arn:aws:iam::444455556666:user/bob"}, ErrInvalidInput},
		{"a service", principal.Principal{Type: principal.Service, Service: "ec2.amazonaws.com"}, ErrInvalidInput},
	}
	for _, c := range errs {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := a.IdentityPolicies(c.p)
			assert.ErrorIs(t, err, c.code)
		})
	}
}

// The policies the account hands the evaluator decide as AWS would:
// identity allows, the boundary limits (access_policies_boundaries.md).
func TestIdentityPoliciesEvaluate(t *testing.T) {
	f := newFixture(t)
	alice := principal.Principal{Type: principal.User, Account: "111122223333", ARN: "arn:aws:iam::111122223333:user/eng/alice"}
	id, b, err := f.a.IdentityPolicies(alice)
	require.NoError(t, err)
	ps := &eval.Policies{Identity: id, Boundary: b}
	decide := func(action string) eval.Decision {
		return eval.Evaluate(ps, &eval.Request{Principal: alice, Action: action, Resource: "arn:aws:s3:::bucket/key"})
	}
	assert.Equal(t, eval.Allowed, decide("s3:GetObject"))
	assert.Equal(t, eval.ImplicitDeny, decide("s3:PutObject"))
	require.NoError(t, f.a.PutUserPolicy(PutUserPolicyInput{UserName: "alice", PolicyName: "Put", PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}]}`}))
	id, b, err = f.a.IdentityPolicies(alice)
	require.NoError(t, err)
	ps = &eval.Policies{Identity: id, Boundary: b}
	assert.Equal(t, eval.ImplicitDeny, decide("s3:PutObject"), "ReadOnlyAccess as boundary keeps writes out")
}

func TestPrincipalTags(t *testing.T) {
	f := newFixture(t)
	tags, err := f.a.PrincipalTags(principal.Principal{Type: principal.User, Account: "111122223333", ARN: "arn:aws:iam::111122223333:user/eng/alice"})
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"Team", "blue"}}, tags)
	tags, err = f.a.PrincipalTags(principal.Principal{Type: principal.RoleSession, Account: "111122223333", ARN: "arn:aws:sts::111122223333:assumed-role/app/s", Issuer: "arn:aws:iam::111122223333:role/app"})
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"Tier", "web"}}, tags)
	tags, err = f.a.PrincipalTags(principal.Principal{Type: principal.Root, Account: "111122223333"})
	require.NoError(t, err)
	assert.Empty(t, tags)
}

// Clone is deep: the regional replicas each change on their own
// (disaster-recovery-resiliency.md: IAM is replicated across Regions).
func TestClone(t *testing.T) {
	f := newFixture(t)
	c := f.a.Clone()
	assert.Equal(t, f.a.s, c.s)
	require.NoError(t, c.TagUser(TagUserInput{UserName: "alice", Tags: []Tag{{"Team", "red"}}}))
	require.NoError(t, c.RecordAccessKeyUse(RecordAccessKeyUseInput{AccessKeyId: f.aliceKey, Time: f.clock.t, ServiceName: "s3", Region: "us-east-1"}))
	require.NoError(t, errOf(c.CreatePolicyVersion(CreatePolicyVersionInput{PolicyArn: f.s3Read, PolicyDocument: allowS3, SetAsDefault: true})))
	require.NoError(t, c.CheckMFACode(CheckMFACodeInput{UserName: "alice", SerialNumber: f.aliceMFA, Code: mfaCodesAt(f.aliceSeed, f.clock.t)}))
	require.NoError(t, c.ChangePassword(ChangePasswordInput{UserName: "alice", OldPassword: "alice-pass-1", NewPassword: "alice-pass-2"}))
	require.NoError(t, c.AddClientIDToOpenIDConnectProvider(OpenIDConnectProviderClientIDInput{OpenIDConnectProviderArn: f.oidc, ClientID: "x"}))
	assert.NotEqual(t, f.a.s, c.s)

	fresh := newFixture(t)
	assert.Equal(t, fresh.a.s, f.a.s, "the original is as it was")
	// And the other way round.
	require.NoError(t, f.a.DeleteLoginProfile(DeleteLoginProfileInput{UserName: "alice"}))
	_, err := c.GetLoginProfile(GetLoginProfileInput{UserName: "alice"})
	assert.NoError(t, err)

	w, err := f.a.WithEnv(Env{Now: f.clock.Now, Rand: fresh.a.env.Rand})
	require.NoError(t, err)
	assert.Equal(t, f.a.s, w.s)
	_, err = f.a.WithEnv(Env{})
	assert.ErrorIs(t, err, ErrInvalidInput)
}

// New validates the account ID (iam.json accountIdType) and the Env.
func TestNew(t *testing.T) {
	env, _ := newTestEnv(1)
	_, err := New("12345", env)
	assert.ErrorIs(t, err, ErrInvalidInput)
	_, err = New("111122223333", Env{Now: env.Now})
	assert.ErrorIs(t, err, ErrInvalidInput)
	a, err := New("111122223333", env)
	require.NoError(t, err)
	assert.Equal(t, "111122223333", a.ID())
	assert.Equal(t, DefaultQuotas(), a.Quotas())
	q := DefaultQuotas()
	q.Users = 10000
	require.NoError(t, a.SetQuotas(q))
	assert.Equal(t, 10000, a.Quotas().Users)
}

// A source of randomness that fails makes operations fail with
// ServiceFailure (iam.json) and change nothing.
func TestRandomnessFailure(t *testing.T) {
	env, _ := newTestEnv(1)
	a, err := New("111122223333", env)
	require.NoError(t, err)
	a.hash = cheapHash()
	must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "u"}))
	a.env.Rand = failingReader{}
	ops := map[string]func() error{
		"CreateUser":      func() error { return errOf(a.CreateUser(CreateUserInput{UserName: "v"})) },
		"CreateAccessKey": func() error { return errOf(a.CreateAccessKey(CreateAccessKeyInput{UserName: "u"})) },
		"CreateLoginProfile": func() error {
			return errOf(a.CreateLoginProfile(CreateLoginProfileInput{UserName: "u", Password: "Good-Pass-1"}))
		},
		"CreateVirtualMFADevice": func() error {
			return errOf(a.CreateVirtualMFADevice(CreateVirtualMFADeviceInput{VirtualMFADeviceName: "d"}))
		},
		"CreateRole": func() error {
			return errOf(a.CreateRole(CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: trustEC2}))
		},
	}
	for name, op := range ops {
		t.Run(name, func(t *testing.T) { assertFailsUnchanged(t, a, ErrServiceFailure, op) })
	}
	a.env.Rand = zeroReader{}
	must[*CreateGroupOutput](t)(a.CreateGroup(CreateGroupInput{GroupName: "g1"}))
	t.Run("a constant source cannot give a second unused ID", func(t *testing.T) {
		assertFailsUnchanged(t, a, ErrServiceFailure, func() error { return errOf(a.CreateGroup(CreateGroupInput{GroupName: "g2"})) })
	})
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, assert.AnError }

type zeroReader struct{}

func (zeroReader) Read(b []byte) (int, error) {
	clear(b)
	return len(b), nil
}
