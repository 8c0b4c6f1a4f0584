package cloud

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/mfa"
	"github.com/iamlab/iamlab/engine/sts"
)

const (
	prod = "111122223333"
	dev  = "444455556666"
)

// world is a small cloud for the tests: two accounts, a manual clock, a
// deterministic source of randomness and a propagation delay of 5 s (10 s
// to ap-southeast-2).
type world struct {
	t     testing.TB
	now   time.Time
	cloud *Cloud
	root  Credentials // prod's root user
}

func newWorld(t testing.TB) *world {
	t.Helper()
	w := &world{t: t, now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	c, err := New(Config{
		Now:          func() time.Time { return w.now },
		Rand:         rand.NewChaCha8([32]byte{1, 2, 3}),
		Propagation:  5 * time.Second,
		Propagations: map[string]time.Duration{"ap-southeast-2": 10 * time.Second},
	})
	require.NoError(t, err)
	w.cloud = c
	require.NoError(t, c.CreateAccount(prod, "prod"))
	require.NoError(t, c.CreateAccount(dev, "dev"))
	require.NoError(t, c.Admin(func(s *State) error {
		out, err := s.Accounts[prod].CreateAccessKey(account.CreateAccessKeyInput{})
		if err != nil {
			return err
		}
		w.root = Credentials{AccessKeyID: out.AccessKey.AccessKeyId, SecretAccessKey: out.AccessKey.SecretAccessKey}
		return nil
	}))
	w.settle()
	return w
}

func (w *world) advance(d time.Duration) { w.now = w.now.Add(d) }

// settle lets every change reach every region.
func (w *world) settle() { w.advance(time.Minute) }

// iam runs an IAM operation as creds from us-east-1 and requires success.
func (w *world) iam(creds Credentials, action, resource string, op func(*account.Account) error) {
	w.t.Helper()
	_, err := w.cloud.IAM("us-east-1", creds, action, resource, op)
	require.NoError(w.t, err)
}

// user creates an IAM user with an access key and inline policy (if any),
// as the root user, and lets it propagate.
func (w *world) user(name, inlinePolicy string) Credentials {
	w.t.Helper()
	var creds Credentials
	w.iam(w.root, "iam:CreateUser", UserARN(prod, "/", name), func(a *account.Account) error {
		if _, err := a.CreateUser(account.CreateUserInput{UserName: name}); err != nil {
			return err
		}
		out, err := a.CreateAccessKey(account.CreateAccessKeyInput{UserName: name})
		if err != nil {
			return err
		}
		creds = Credentials{AccessKeyID: out.AccessKey.AccessKeyId, SecretAccessKey: out.AccessKey.SecretAccessKey}
		if inlinePolicy == "" {
			return nil
		}
		return a.PutUserPolicy(account.PutUserPolicyInput{UserName: name, PolicyName: "inline", PolicyDocument: inlinePolicy})
	})
	w.settle()
	return creds
}

// role creates a role in prod with a trust policy and an inline policy.
func (w *world) role(name, trust, inlinePolicy string, maxSession int) string {
	w.t.Helper()
	w.iam(w.root, "iam:CreateRole", RoleARN(prod, "/", name), func(a *account.Account) error {
		if _, err := a.CreateRole(account.CreateRoleInput{RoleName: name, AssumeRolePolicyDocument: trust, MaxSessionDuration: maxSession}); err != nil {
			return err
		}
		if inlinePolicy == "" {
			return nil
		}
		return a.PutRolePolicy(account.PutRolePolicyInput{RoleName: name, PolicyName: "inline", PolicyDocument: inlinePolicy})
	})
	w.settle()
	return RoleARN(prod, "/", name)
}

func (w *world) decide(region string, creds Credentials, action, resource string) eval.Decision {
	w.t.Helper()
	res, err := w.cloud.Authorize(region, creds, Call{Action: action, Resource: resource})
	require.NoError(w.t, err)
	return res.Decision
}

const (
	allowAll        = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	allowS3Read     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	allowAssumeRole = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`
	trustAccount    = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":["sts:AssumeRole","sts:TagSession","sts:SetSourceIdentity"]}]}`
	object          = "arn:aws:s3:::reports/q3.pdf"
)

// id_users.md: "a new user has no permissions"; every IAM call is
// authorized (access_permissions-required.md).
func TestNewUserCanDoNothing(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", "")
	assert.Equal(t, eval.ImplicitDeny, w.decide("eu-west-1", alice, "s3:GetObject", object))

	res, err := w.cloud.IAM("us-east-1", alice, "iam:CreateUser", UserARN(prod, "/", "bob"), func(a *account.Account) error {
		_, err := a.CreateUser(account.CreateUserInput{UserName: "bob"})
		return err
	})
	require.ErrorIs(t, err, ErrAccessDenied)
	assert.Equal(t, "AccessDenied: User: arn:aws:iam::111122223333:user/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111122223333:user/bob because no identity-based policy allows the iam:CreateUser action", err.Error())
	require.NotNil(t, res)
	assert.Equal(t, eval.ImplicitDeny, res.Decision)
	_, err = w.cloud.Control().Accounts[prod].GetUser(account.GetUserInput{UserName: "bob"})
	assert.Error(t, err, "the refused call created nothing")
}

func TestRootNeedsNoPolicy(t *testing.T) {
	w := newWorld(t)
	assert.Equal(t, eval.Allowed, w.decide("us-east-1", w.root, "iam:CreateUser", UserARN(prod, "/", "x")))
	id, err := w.cloud.GetCallerIdentity("us-east-1", w.root)
	require.NoError(t, err)
	assert.Equal(t, &GetCallerIdentityOutput{UserId: prod, Account: prod, Arn: "arn:aws:iam::111122223333:root"}, id)
}

// The request context AWS adds for an IAM user
// (reference_policies_condition-keys.md, reference_policies_variables.md).
func TestRequestContextOfAnIAMUser(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*",
		"Condition":{"StringEquals":{"aws:PrincipalType":"User","aws:PrincipalAccount":"111122223333","aws:RequestedRegion":"eu-west-1"},"Null":{"aws:MultiFactorAuthPresent":"true"}}}]}`)
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", alice, "s3:PutObject", "arn:aws:s3:::home/alice/a.txt"))
	assert.Equal(t, eval.ImplicitDeny, w.decide("eu-west-1", alice, "s3:PutObject", "arn:aws:s3:::home/bob/a.txt"))
	assert.Equal(t, eval.ImplicitDeny, w.decide("us-west-2", alice, "s3:PutObject", "arn:aws:s3:::home/alice/a.txt"), "aws:RequestedRegion")

	res, err := w.cloud.Authorize("eu-west-1", alice, Call{Action: "s3:PutObject", Resource: "arn:aws:s3:::home/alice/a.txt", SourceIP: "203.0.113.7"})
	require.NoError(t, err)
	assert.Equal(t, "access key "+alice.AccessKeyID, res.Caller.Via)
	assert.Regexp(t, `^AIDA[A-Z2-7]{17}$`, res.Caller.UniqueID)
}

// Authentication failures carry AWS's error codes.
func TestAuthenticationFailures(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", allowAll)
	tests := []struct {
		name  string
		creds Credentials
		code  error
	}{
		{"unknown key", Credentials{AccessKeyID: "AKIAAAAAAAAAAAAAAAAA", SecretAccessKey: "x"}, ErrInvalidClientTokenID},
		{"wrong secret", Credentials{AccessKeyID: alice.AccessKeyID, SecretAccessKey: "wrong"}, ErrSignatureDoesNotMatch},
		{"no key", Credentials{}, &Error{Code: "MissingAuthenticationToken"}},
		{"session token for a long-term key", Credentials{AccessKeyID: alice.AccessKeyID, SecretAccessKey: alice.SecretAccessKey, SessionToken: "x"}, ErrInvalidClientTokenID},
		{"unknown temporary key", Credentials{AccessKeyID: "ASIAAAAAAAAAAAAAAAAA", SecretAccessKey: "x", SessionToken: "y"}, ErrInvalidClientTokenID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.cloud.Authorize("us-east-1", tt.creds, Call{Action: "s3:GetObject", Resource: object})
			assert.ErrorIs(t, err, tt.code)
		})
	}

	// id_credentials_access-keys.md: an inactive key authenticates nothing.
	w.iam(w.root, "iam:UpdateAccessKey", UserARN(prod, "/", "alice"), func(a *account.Account) error {
		return a.UpdateAccessKey(account.UpdateAccessKeyInput{UserName: "alice", AccessKeyId: alice.AccessKeyID, Status: account.StatusInactive})
	})
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", alice, "s3:GetObject", object), "not yet visible in eu-west-1")
	w.settle()
	_, err := w.cloud.Authorize("eu-west-1", alice, Call{Action: "s3:GetObject", Resource: object})
	assert.ErrorIs(t, err, ErrInvalidClientTokenID)
}

// troubleshoot_general.md: IAM is eventually consistent.
func TestPolicyChangeNotYetVisibleInARegion(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", "")
	w.iam(w.root, "iam:PutUserPolicy", UserARN(prod, "/", "alice"), func(a *account.Account) error {
		return a.PutUserPolicy(account.PutUserPolicyInput{UserName: "alice", PolicyName: "read", PolicyDocument: allowS3Read})
	})
	assert.Equal(t, eval.ImplicitDeny, w.decide("eu-west-1", alice, "s3:GetObject", object), "the change has not reached eu-west-1")
	w.advance(5 * time.Second)
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", alice, "s3:GetObject", object))
	assert.Equal(t, eval.ImplicitDeny, w.decide("ap-southeast-2", alice, "s3:GetObject", object), "a farther region is still behind")
	w.advance(5 * time.Second)
	assert.Equal(t, eval.Allowed, w.decide("ap-southeast-2", alice, "s3:GetObject", object))
}

// disaster-recovery-resiliency.md: a region cut off from the control plane
// keeps authenticating and authorizing with its last state, and its
// regional STS keeps issuing credentials; IAM changes fail from there and
// do not reach it; healing brings it up to date.
func TestRegionCutOff(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","sts:AssumeRole"],"Resource":"*"}]}`)
	roleARN := w.role("Reader", trustAccount, allowS3Read, 0)
	require.NoError(t, w.cloud.Partition("eu-west-1"))

	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", alice, "s3:GetObject", object), "access keys still authenticate, policies still apply")
	out, _, err := w.cloud.AssumeRole("eu-west-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "cut-off"})
	require.NoError(t, err, "regional STS still issues credentials")
	session := out.Credentials.Credentials()
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", session, "s3:GetObject", object))

	_, err = w.cloud.IAM("eu-west-1", w.root, "iam:DeleteUserPolicy", UserARN(prod, "/", "alice"), func(a *account.Account) error {
		return a.DeleteUserPolicy(account.UserPolicyInput{UserName: "alice", PolicyName: "inline"})
	})
	assert.ErrorIs(t, err, ErrServiceUnavailable, "IAM changes fail from the cut-off region")

	w.iam(w.root, "iam:DeleteUserPolicy", UserARN(prod, "/", "alice"), func(a *account.Account) error {
		return a.DeleteUserPolicy(account.UserPolicyInput{UserName: "alice", PolicyName: "inline"})
	})
	w.settle()
	assert.Equal(t, eval.ImplicitDeny, w.decide("us-west-2", alice, "s3:GetObject", object), "the change reached the connected regions")
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", alice, "s3:GetObject", object), "but not the cut-off one: it uses its last replicated state")
	assert.Equal(t, eval.Allowed, w.decide("us-west-2", session, "s3:GetObject", object), "its STS credentials work everywhere")

	require.NoError(t, w.cloud.Heal())
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", alice, "s3:GetObject", object), "healing takes a propagation delay")
	w.advance(5 * time.Second)
	assert.Equal(t, eval.ImplicitDeny, w.decide("eu-west-1", alice, "s3:GetObject", object), "recovered")
}

// id_roles_use.md, id_credentials_temp_request.md.
func TestAssumeRole(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", allowAssumeRole)
	bob := w.user("bob", "")
	roleARN := w.role("Reader", trustAccount, allowS3Read, 7200)

	out, res, err := w.cloud.AssumeRole("us-east-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "alice-session"})
	require.NoError(t, err)
	assert.Equal(t, eval.Allowed, res.Decision)
	assert.Equal(t, "arn:aws:sts::111122223333:assumed-role/Reader/alice-session", out.AssumedRoleUser.Arn)
	assert.Regexp(t, `^AROA[A-Z2-7]{17}:alice-session$`, out.AssumedRoleUser.AssumedRoleId)
	assert.Equal(t, w.now.Add(time.Hour), out.Credentials.Expiration, "one hour by default")
	assert.Regexp(t, `^ASIA[A-Z2-7]{16}$`, out.Credentials.AccessKeyId)

	session := out.Credentials.Credentials()
	id, err := w.cloud.GetCallerIdentity("us-east-1", session)
	require.NoError(t, err)
	assert.Equal(t, out.AssumedRoleUser.AssumedRoleId, id.UserId)
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", session, "s3:GetObject", object))
	assert.Equal(t, eval.ImplicitDeny, w.decide("eu-west-1", session, "s3:PutObject", object))

	// A trust policy naming the account delegates to identity policies: bob has none.
	_, _, err = w.cloud.AssumeRole("us-east-1", bob, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "bob"})
	assert.ErrorIs(t, err, ErrAccessDenied)

	// Credentials expire by the clock and cannot be extended.
	w.advance(time.Hour)
	_, err = w.cloud.Authorize("eu-west-1", session, Call{Action: "s3:GetObject", Resource: object})
	assert.ErrorIs(t, err, ErrExpiredToken)
}

func TestAssumeRoleRules(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", allowAll)
	roleARN := w.role("Reader", trustAccount, allowAll, 7200)
	externalARN := w.role("Partner", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"Unique-ID-1234"}}}]}`, allowS3Read, 0)

	tests := []struct {
		name string
		in   AssumeRoleInput
		err  error
		msg  string
	}{
		{"session name too short", AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "a"}, sts.ErrValidation, "length between 2 and 64"},
		{"duration under 15 minutes", AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "s", DurationSeconds: 600}, nil, ""},
		{"duration over the role's maximum", AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "ss", DurationSeconds: 7201}, sts.ErrValidation, "MaxSessionDuration"},
		{"not a role ARN", AssumeRoleInput{RoleArn: "arn:aws:iam::111122223333:user/alice", RoleSessionName: "ss"}, sts.ErrValidation, "not a role ARN"},
		{"role that does not exist", AssumeRoleInput{RoleArn: RoleARN(prod, "/", "Nope"), RoleSessionName: "ss"}, ErrAccessDenied, "not authorized to perform: sts:AssumeRole"},
		{"missing external ID", AssumeRoleInput{RoleArn: externalARN, RoleSessionName: "ss"}, ErrAccessDenied, ""},
		{"wrong external ID", AssumeRoleInput{RoleArn: externalARN, RoleSessionName: "ss", ExternalId: "guess"}, ErrAccessDenied, ""},
		{"inline session policy too long", AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "ss", Policy: `{"Statement":[]}` + string(make([]byte, 2048))}, sts.ErrValidation, "2048"},
		{"malformed session policy", AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "ss", Policy: `{"Statement":{"Effect":"allow"}}`}, sts.ErrMalformedPolicy, "Effect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := w.cloud.AssumeRole("us-east-1", alice, tt.in)
			require.Error(t, err)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
			}
			assert.Contains(t, err.Error(), tt.msg)
		})
	}
	_, _, err := w.cloud.AssumeRole("us-east-1", alice, AssumeRoleInput{RoleArn: externalARN, RoleSessionName: "ok", ExternalId: "Unique-ID-1234"})
	assert.NoError(t, err, "the right external ID")
}

// id_roles_terms-and-concepts.md: role chaining is limited to one hour.
func TestRoleChaining(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", allowAll)
	first := w.role("First", trustAccount, allowAll, 43200)
	second := w.role("Second", trustAccount, allowS3Read, 43200)
	out, _, err := w.cloud.AssumeRole("us-east-1", alice, AssumeRoleInput{RoleArn: first, RoleSessionName: "one", DurationSeconds: 43200})
	require.NoError(t, err)
	assert.Equal(t, w.now.Add(12*time.Hour), out.Credentials.Expiration)
	s1 := out.Credentials.Credentials()

	_, _, err = w.cloud.AssumeRole("us-east-1", s1, AssumeRoleInput{RoleArn: second, RoleSessionName: "two", DurationSeconds: 7200})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "1 hour session limit for roles assumed by role chaining")
	out, _, err = w.cloud.AssumeRole("us-east-1", s1, AssumeRoleInput{RoleArn: second, RoleSessionName: "two"})
	require.NoError(t, err)
	assert.Equal(t, w.now.Add(time.Hour), out.Credentials.Expiration)
}

// id_session-tags.md and id_credentials_temp_control-access_monitor.md.
func TestSessionTagsAndSourceIdentity(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", allowAll)
	first := w.role("First", trustAccount, allowAll, 0)
	abac := w.role("Tagged", trustAccount, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"red","aws:SourceIdentity":"alice@example.com"}}}]}`, 0)

	out, _, err := w.cloud.AssumeRole("us-east-1", alice, AssumeRoleInput{RoleArn: first, RoleSessionName: "one",
		Tags: []sts.Tag{{Key: "team", Value: "red"}, {Key: "temp", Value: "x"}}, TransitiveTagKeys: []string{"team"}, SourceIdentity: "alice@example.com"})
	require.NoError(t, err)
	assert.Equal(t, "alice@example.com", out.SourceIdentity)
	assert.Greater(t, out.PackedPolicySize, 0)
	s1 := out.Credentials.Credentials()

	_, _, err = w.cloud.AssumeRole("us-east-1", s1, AssumeRoleInput{RoleArn: abac, RoleSessionName: "two", SourceIdentity: "mallory"})
	assert.ErrorContains(t, err, "source identity of a session cannot be changed")
	_, _, err = w.cloud.AssumeRole("us-east-1", s1, AssumeRoleInput{RoleArn: abac, RoleSessionName: "two", Tags: []sts.Tag{{Key: "team", Value: "blue"}}})
	assert.ErrorContains(t, err, "conflicts with a transitive tag key")

	out, _, err = w.cloud.AssumeRole("us-east-1", s1, AssumeRoleInput{RoleArn: abac, RoleSessionName: "two"})
	require.NoError(t, err)
	s2 := out.Credentials.Credentials()
	assert.Equal(t, eval.Allowed, w.decide("us-east-1", s2, "s3:GetObject", object), "the transitive tag and the source identity carried over")
}

// id_credentials_mfa_configure-api-require.md and id_credentials_temp_request.md
// (GetSessionToken).
func TestMFAProtectedAccess(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"ec2:*","Resource":"*"},
		{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"},
		{"Effect":"Deny","Action":"ec2:TerminateInstances","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}`)
	var seed []byte
	serial := ""
	w.iam(w.root, "iam:CreateVirtualMFADevice", "arn:aws:iam::111122223333:mfa/alice", func(a *account.Account) error {
		out, err := a.CreateVirtualMFADevice(account.CreateVirtualMFADeviceInput{VirtualMFADeviceName: "alice"})
		if err != nil {
			return err
		}
		serial = out.VirtualMFADevice.SerialNumber
		seed, err = mfa.DecodeBase32(out.VirtualMFADevice.Base32StringSeed)
		if err != nil {
			return err
		}
		return a.EnableMFADevice(account.MFADeviceCodesInput{UserName: "alice", SerialNumber: serial,
			AuthenticationCode1: mfa.Code(seed, w.now.Add(-30*time.Second)), AuthenticationCode2: mfa.Code(seed, w.now)})
	})
	w.settle()

	// Long-term keys carry no aws:MultiFactorAuthPresent, so BoolIfExists
	// "false" denies them too: that is why the doc recommends it.
	assert.Equal(t, eval.ExplicitDeny, w.decide("us-east-1", alice, "ec2:TerminateInstances", "*"))
	assert.Equal(t, eval.Allowed, w.decide("us-east-1", alice, "ec2:DescribeInstances", "*"))

	noMFA, err := w.cloud.GetSessionToken("us-east-1", alice, GetSessionTokenInput{})
	require.NoError(t, err)
	assert.Equal(t, w.now.Add(12*time.Hour), noMFA.Credentials.Expiration, "12 hours by default")
	assert.Equal(t, eval.ExplicitDeny, w.decide("us-east-1", noMFA.Credentials.Credentials(), "ec2:TerminateInstances", "*"))
	_, err = w.cloud.IAMRead("us-east-1", noMFA.Credentials.Credentials(), "iam:ListUsers", "*", func(*account.Account) error { return nil })
	assert.ErrorContains(t, err, "only when MFA was used")

	code := mfa.Code(seed, w.now)
	_, err = w.cloud.GetSessionToken("us-east-1", alice, GetSessionTokenInput{SerialNumber: serial, TokenCode: "000000"})
	assert.ErrorIs(t, err, ErrAccessDenied, "a wrong code")
	withMFA, err := w.cloud.GetSessionToken("us-east-1", alice, GetSessionTokenInput{SerialNumber: serial, TokenCode: code})
	require.NoError(t, err)
	creds := withMFA.Credentials.Credentials()
	assert.Equal(t, eval.Allowed, w.decide("us-east-1", creds, "ec2:TerminateInstances", "*"))
	_, err = w.cloud.IAMRead("us-east-1", creds, "iam:ListUsers", "*", func(*account.Account) error { return nil })
	assert.NoError(t, err, "MFA lets GetSessionToken credentials call IAM")

	_, err = w.cloud.GetSessionToken("eu-west-1", alice, GetSessionTokenInput{SerialNumber: serial, TokenCode: code})
	assert.ErrorContains(t, err, "already used", "a code works once, in any region")
}

// id_credentials_temp_control-access_getfederationtoken.md.
func TestGetFederationToken(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", allowAll)
	out, _, err := w.cloud.GetFederationToken("us-east-1", alice, GetFederationTokenInput{Name: "bob"})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sts::111122223333:federated-user/bob", out.FederatedUser.Arn)
	assert.Equal(t, "111122223333:bob", out.FederatedUser.FederatedUserId)
	nothing := out.Credentials.Credentials()
	assert.Equal(t, eval.ImplicitDeny, w.decide("us-east-1", nothing, "s3:GetObject", object), "no session policy, no permissions")

	out, _, err = w.cloud.GetFederationToken("us-east-1", alice, GetFederationTokenInput{Name: "bob", Policy: allowS3Read, DurationSeconds: 129600})
	require.NoError(t, err)
	assert.Equal(t, w.now.Add(36*time.Hour), out.Credentials.Expiration)
	fed := out.Credentials.Credentials()
	assert.Equal(t, eval.Allowed, w.decide("us-east-1", fed, "s3:GetObject", object))
	assert.Equal(t, eval.ImplicitDeny, w.decide("us-east-1", fed, "s3:PutObject", object), "the intersection of user and session policy")
	_, err = w.cloud.IAMRead("us-east-1", fed, "iam:ListUsers", "*", func(*account.Account) error { return nil })
	assert.ErrorIs(t, err, ErrAccessDenied)
	_, _, err = w.cloud.GetFederationToken("us-east-1", fed, GetFederationTokenInput{Name: "carol"})
	assert.ErrorIs(t, err, ErrAccessDenied, "only long-term credentials")
	_, _, err = w.cloud.GetFederationToken("us-east-1", alice, GetFederationTokenInput{Name: "b"})
	assert.ErrorIs(t, err, sts.ErrValidation)
}

// id_credentials_temp_enable-regions.md.
func TestRegionalSTS(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", allowAll)
	roleARN := w.role("Reader", trustAccount, allowS3Read, 0)
	require.NoError(t, w.cloud.SetSTSRegion(prod, "eu-west-1", false))
	w.settle()
	_, _, err := w.cloud.AssumeRole("eu-west-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "s1"})
	require.ErrorIs(t, err, &Error{Code: "RegionDisabledException"}, "sts.json: STS is not activated in the requested region for the account")
	assert.Contains(t, err.Error(), "STS is not activated in this region for account:111122223333. Your account administrator can activate STS in this region using the IAM Console.")
	_, _, err = w.cloud.AssumeRole(GlobalEndpoint, alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "s1"})
	assert.NoError(t, err, "the global endpoint is always active")
	assert.Error(t, w.cloud.SetSTSRegion(prod, "us-east-1", false), "us-east-1 cannot be deactivated")

	// Opt-in regions: disabled until enabled, then always active.
	_, _, err = w.cloud.AssumeRole("ap-east-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "s1"})
	assert.ErrorIs(t, err, &Error{Code: "RegionDisabledException"})
	require.NoError(t, w.cloud.SetSTSRegion(prod, "ap-east-1", true))
	w.settle()
	out, _, err := w.cloud.AssumeRole("ap-east-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "s1"})
	require.NoError(t, err)
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", out.Credentials.Credentials(), "s3:GetObject", object), "regional tokens work in every region")
}

func TestGlobalEndpointTokensAndPartitions(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", allowAll)
	roleARN := w.role("Reader", trustAccount, allowS3Read, 0)
	out, _, err := w.cloud.AssumeRole(GlobalEndpoint, alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "gl"})
	require.NoError(t, err)
	global := out.Credentials.Credentials()
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", global, "s3:GetObject", object))
	_, err = w.cloud.Authorize("ap-east-1", global, Call{Action: "s3:GetObject", Resource: object})
	assert.ErrorIs(t, err, ErrInvalidClientTokenID, "version 1 tokens do not work in opt-in regions")
	require.NoError(t, w.cloud.SetGlobalTokenVersion(prod, true))
	w.settle()
	_, err = w.cloud.Authorize("ap-east-1", global, Call{Action: "s3:GetObject", Resource: object})
	assert.ErrorIs(t, err, ErrInvalidClientTokenID, "a token keeps the version it was issued with")
	out, _, err = w.cloud.AssumeRole(GlobalEndpoint, alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "gl2"})
	require.NoError(t, err)
	global2 := out.Credentials.Credentials()
	assert.Equal(t, eval.Allowed, w.decide("ap-east-1", global2, "s3:GetObject", object), "version 2 tokens work everywhere")
	require.NoError(t, w.cloud.SetGlobalTokenVersion(prod, false))
	w.settle()
	assert.Equal(t, eval.Allowed, w.decide("ap-east-1", global2, "s3:GetObject", object), "switching back does not make a version 2 token version 1")

	out, _, err = w.cloud.AssumeRole("eu-west-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "rg"})
	require.NoError(t, err)
	_, err = w.cloud.Authorize("us-gov-west-1", out.Credentials.Credentials(), Call{Action: "s3:GetObject", Resource: object})
	assert.ErrorIs(t, err, ErrInvalidClientTokenID, "commercial credentials do not work in GovCloud")
	out, _, err = w.cloud.AssumeRole("us-gov-west-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "gov"})
	require.NoError(t, err)
	gov := out.Credentials.Credentials()
	assert.Equal(t, eval.Allowed, w.decide("us-gov-west-1", gov, "s3:GetObject", object))
	_, err = w.cloud.Authorize("eu-west-1", gov, Call{Action: "s3:GetObject", Resource: object})
	assert.ErrorIs(t, err, ErrInvalidClientTokenID, "GovCloud credentials work only in their origin region")
}

// id_roles_use_revoke-sessions.md: revoking a role's sessions is a deny on
// aws:TokenIssueTime.
func TestRevokeRoleSessions(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", allowAll)
	roleARN := w.role("Reader", trustAccount, allowS3Read, 0)
	out, _, err := w.cloud.AssumeRole("us-east-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "old"})
	require.NoError(t, err)
	old := out.Credentials.Credentials()
	w.advance(time.Minute)
	require.NoError(t, w.cloud.RevokeRoleSessions("us-east-1", w.root, "Reader"))
	w.settle()
	assert.Equal(t, eval.ExplicitDeny, w.decide("us-east-1", old, "s3:GetObject", object))
	out, _, err = w.cloud.AssumeRole("us-east-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "new"})
	require.NoError(t, err)
	assert.Equal(t, eval.Allowed, w.decide("us-east-1", out.Credentials.Credentials(), "s3:GetObject", object))
}

// A failed call changes nothing: not the control plane, not its version.
func TestFailedCallChangesNothing(t *testing.T) {
	w := newWorld(t)
	w.user("alice", "")
	_, before := w.cloud.plane.Control()
	_, err := w.cloud.IAM("us-east-1", w.root, "iam:CreateUser", UserARN(prod, "/", "alice"), func(a *account.Account) error {
		if _, err := a.CreateUser(account.CreateUserInput{UserName: "carol"}); err != nil {
			return err
		}
		_, err := a.CreateUser(account.CreateUserInput{UserName: "ALICE"}) // names are unique regardless of case
		return err
	})
	require.Error(t, err)
	assert.True(t, errors.Is(err, account.ErrEntityAlreadyExists))
	_, after := w.cloud.plane.Control()
	assert.Equal(t, before, after)
	_, err = w.cloud.Control().Accounts[prod].GetUser(account.GetUserInput{UserName: "carol"})
	assert.Error(t, err, "the first half of the failed call left nothing behind")
}

// reference_policies_evaluation-logic-cross-account.md through the cloud:
// a bucket in prod shared with dev.
func TestCrossAccountResourcePolicy(t *testing.T) {
	w := newWorld(t)
	var devRoot Credentials
	require.NoError(t, w.cloud.Admin(func(s *State) error {
		out, err := s.Accounts[dev].CreateAccessKey(account.CreateAccessKeyInput{})
		devRoot = Credentials{AccessKeyID: out.AccessKey.AccessKeyId, SecretAccessKey: out.AccessKey.SecretAccessKey}
		return err
	}))
	_, err := w.cloud.IAM("us-east-1", devRoot, "iam:CreateUser", UserARN(dev, "/", "early"), func(*account.Account) error { return nil })
	assert.ErrorIs(t, err, ErrInvalidClientTokenID, "a new key works only once it has propagated")
	w.settle()
	var bob Credentials
	_, err = w.cloud.IAM("us-east-1", devRoot, "iam:CreateUser", UserARN(dev, "/", "bob"), func(a *account.Account) error {
		if _, err := a.CreateUser(account.CreateUserInput{UserName: "bob"}); err != nil {
			return err
		}
		out, err := a.CreateAccessKey(account.CreateAccessKeyInput{UserName: "bob"})
		bob = Credentials{AccessKeyID: out.AccessKey.AccessKeyId, SecretAccessKey: out.AccessKey.SecretAccessKey}
		if err != nil {
			return err
		}
		return a.PutUserPolicy(account.PutUserPolicyInput{UserName: "bob", PolicyName: "read", PolicyDocument: allowS3Read})
	})
	require.NoError(t, err)
	w.settle()
	// S3 ARNs carry no account: the call says whose bucket it is.
	res, err := w.cloud.Authorize("eu-west-1", bob, Call{Action: "s3:GetObject", Resource: "arn:aws:s3:::prod-data/x", ResourceAccount: prod})
	require.NoError(t, err)
	assert.Equal(t, eval.ImplicitDeny, res.Decision, "no bucket policy yet")
	assert.Equal(t, eval.ReasonCrossAccountNoResourceGrant, res.Explanation.Reason)
	require.NoError(t, w.cloud.PutResourcePolicy("arn:aws:s3:::prod-data", prod,
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"`+dev+`"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::prod-data/*"}]}`, nil))
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", bob, "s3:GetObject", "arn:aws:s3:::prod-data/x"))
}

// id_roles_use.md: the root user cannot assume a role, whatever the trust
// policy says.
func TestRootCannotAssumeRole(t *testing.T) {
	w := newWorld(t)
	roleARN := w.role("Admin", trustAccount, allowAll, 0)
	_, _, err := w.cloud.AssumeRole("us-east-1", w.root, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "root"})
	assert.ErrorIs(t, err, ErrAccessDenied)
	assert.ErrorContains(t, err, "Roles may not be assumed by root accounts.")
}

// reference_policies_condition-keys.md (aws:MultiFactorAuthPresent): an
// AssumeRole call that proves MFA has the key, also with long-term keys.
func TestAssumeRoleWithMFAHasMultiFactorAuthPresent(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", allowAssumeRole)
	roleARN := w.role("Guarded", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`, allowS3Read, 0)
	var seed []byte
	serial := ""
	w.iam(w.root, "iam:CreateVirtualMFADevice", "arn:aws:iam::111122223333:mfa/alice", func(a *account.Account) error {
		out, err := a.CreateVirtualMFADevice(account.CreateVirtualMFADeviceInput{VirtualMFADeviceName: "alice"})
		if err != nil {
			return err
		}
		serial = out.VirtualMFADevice.SerialNumber
		if seed, err = mfa.DecodeBase32(out.VirtualMFADevice.Base32StringSeed); err != nil {
			return err
		}
		return a.EnableMFADevice(account.MFADeviceCodesInput{UserName: "alice", SerialNumber: serial,
			AuthenticationCode1: mfa.Code(seed, w.now.Add(-30*time.Second)), AuthenticationCode2: mfa.Code(seed, w.now)})
	})
	w.settle()
	_, _, err := w.cloud.AssumeRole("us-east-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "no-mfa"})
	assert.ErrorIs(t, err, ErrAccessDenied, "long-term keys without MFA do not have the key")
	out, _, err := w.cloud.AssumeRole("us-east-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "mfa", SerialNumber: serial, TokenCode: mfa.Code(seed, w.now)})
	require.NoError(t, err)
	assert.Equal(t, eval.Allowed, w.decide("us-east-1", out.Credentials.Credentials(), "s3:GetObject", object))
}
