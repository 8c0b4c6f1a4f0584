package account

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPasswordPolicy(t *testing.T) {
	t.Run("no policy: NoSuchEntity, and AWS's default rules (id_credentials_passwords_account-policy.md)", func(t *testing.T) {
		a, _ := newTestAccount(t)
		_, err := a.GetAccountPasswordPolicy()
		assert.EqualError(t, err, "NoSuchEntity: The Password Policy with domain name 111122223333 cannot be found.")
		assert.ErrorIs(t, a.DeleteAccountPasswordPolicy(), ErrNoSuchEntity)
		must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "u"}))
		cases := []struct {
			password string
			ok       bool
		}{
			{"Short1!", false},       // 7 characters
			{"lowercaseonly", false}, // one kind
			{"lower1234", false},     // two kinds
			{"Lower1234", true},      // three kinds, 9 characters
			{"lower-1234", true},     // symbol counts
		}
		for _, c := range cases {
			_, err := a.CreateLoginProfile(CreateLoginProfileInput{UserName: "u", Password: c.password})
			if c.ok {
				require.NoError(t, err, c.password)
				require.NoError(t, a.DeleteLoginProfile(DeleteLoginProfileInput{UserName: "u"}))
			} else {
				assert.ErrorIs(t, err, ErrPasswordPolicyViolation, c.password)
			}
		}
	})
	t.Run("omitted settings take the operation's defaults (iam.json)", func(t *testing.T) {
		a, _ := newTestAccount(t)
		require.NoError(t, a.UpdateAccountPasswordPolicy(UpdateAccountPasswordPolicyInput{}))
		p := must[*GetAccountPasswordPolicyOutput](t)(a.GetAccountPasswordPolicy()).PasswordPolicy
		assert.Equal(t, PasswordPolicy{MinimumPasswordLength: 6}, p)
		require.NoError(t, a.UpdateAccountPasswordPolicy(UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 128, MaxPasswordAge: 1095, PasswordReusePrevention: 24, RequireSymbols: true, HardExpiry: true}))
		p = must[*GetAccountPasswordPolicyOutput](t)(a.GetAccountPasswordPolicy()).PasswordPolicy
		assert.True(t, p.ExpirePasswords)
		assert.Equal(t, 1095, p.MaxPasswordAge)
		require.NoError(t, a.DeleteAccountPasswordPolicy())
	})
	t.Run("each requirement (id_credentials_passwords_account-policy.md)", func(t *testing.T) {
		cases := []struct {
			in       UpdateAccountPasswordPolicyInput
			password string
			message  string
		}{
			{UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 12}, "abcdefghijk", "a minimum length of 12"},
			{UpdateAccountPasswordPolicyInput{RequireUppercaseCharacters: true}, "abcdefgh", "at least one uppercase letter"},
			{UpdateAccountPasswordPolicyInput{RequireLowercaseCharacters: true}, "ABCDEFGH", "at least one lowercase letter"},
			{UpdateAccountPasswordPolicyInput{RequireNumbers: true}, "abcdefgh", "at least one number"},
			{UpdateAccountPasswordPolicyInput{RequireSymbols: true}, "abcdefgh", "at least one symbol"},
		}
		for _, c := range cases {
			a, _ := newTestAccount(t)
			require.NoError(t, a.UpdateAccountPasswordPolicy(c.in))
			must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "u"}))
			_, err := a.CreateLoginProfile(CreateLoginProfileInput{UserName: "u", Password: c.password})
			require.ErrorIs(t, err, ErrPasswordPolicyViolation)
			assert.Contains(t, err.Error(), c.message)
			assert.NotContains(t, err.Error(), c.password, "never echo a password")
		}
	})
}

func TestCheckPassword(t *testing.T) {
	f := newFixture(t) // policy: 90-day expiry, reuse prevention 3
	a := f.a
	now := f.clock.t
	check := func(user, pw string, at time.Time) PasswordCheck {
		c, err := a.CheckPassword(user, pw, at)
		require.NoError(t, err)
		return c
	}
	assert.Equal(t, PasswordValid, check("alice", "alice-pass-1", now))
	assert.Equal(t, PasswordWrong, check("alice", "alice-pass-2", now))
	assert.Equal(t, PasswordNotSet, check("bob", "whatever-1", now))
	_, err := a.CheckPassword("zed", "x", now)
	assert.ErrorIs(t, err, ErrNoSuchEntity)

	// Expiry applies to existing passwords at once
	// (id_credentials_passwords_account-policy.md).
	assert.Equal(t, PasswordValid, check("alice", "alice-pass-1", now.Add(89*24*time.Hour)))
	assert.Equal(t, PasswordExpired, check("alice", "alice-pass-1", now.Add(90*24*time.Hour)))
	require.NoError(t, a.UpdateAccountPasswordPolicy(UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 10, MaxPasswordAge: 90, HardExpiry: true}))
	assert.Equal(t, PasswordExpiredHard, check("alice", "alice-pass-1", now.Add(91*24*time.Hour)))
	assert.Equal(t, PasswordWrong, check("alice", "nope", now.Add(91*24*time.Hour)))

	require.NoError(t, a.UpdateLoginProfile(UpdateLoginProfileInput{UserName: "alice", PasswordResetRequired: ptr(true)}))
	assert.Equal(t, PasswordResetRequired, check("alice", "alice-pass-1", now))
	assert.True(t, must[*LoginProfileOutput](t)(a.GetLoginProfile(GetLoginProfileInput{UserName: "alice"})).LoginProfile.PasswordResetRequired)

	// Changing the password clears the reset and restarts the age
	// (id_credentials_passwords_user-change-own.md).
	f.clock.advance(100 * 24 * time.Hour)
	require.NoError(t, a.ChangePassword(ChangePasswordInput{UserName: "alice", OldPassword: "alice-pass-1", NewPassword: "alice-pass-2"}))
	assert.Equal(t, PasswordValid, check("alice", "alice-pass-2", f.clock.t))
	assert.Equal(t, PasswordWrong, check("alice", "alice-pass-1", f.clock.t))
	assert.Equal(t, "Valid", PasswordValid.String())
	assert.True(t, PasswordValid.OK())

	require.NoError(t, a.RecordPasswordUse("alice", f.clock.t))
	u := must[*GetUserOutput](t)(a.GetUser(GetUserInput{UserName: "alice"})).User
	require.NotNil(t, u.PasswordLastUsed)
	assert.Equal(t, f.clock.t, *u.PasswordLastUsed)
}

// PasswordReusePrevention N refuses the last N passwords, the current one
// among them, and allows older ones (id_credentials_passwords_account-policy.md).
func TestPasswordReuse(t *testing.T) {
	a, _ := newTestAccount(t)
	require.NoError(t, a.UpdateAccountPasswordPolicy(UpdateAccountPasswordPolicyInput{PasswordReusePrevention: 3}))
	must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "u"}))
	must[*LoginProfileOutput](t)(a.CreateLoginProfile(CreateLoginProfileInput{UserName: "u", Password: "pass-one"}))
	current := "pass-one"
	change := func(to string) error {
		err := a.ChangePassword(ChangePasswordInput{UserName: "u", OldPassword: current, NewPassword: to})
		if err == nil {
			current = to
		}
		return err
	}
	require.NoError(t, change("pass-two"))
	require.NoError(t, change("pass-three"))
	for _, old := range []string{"pass-one", "pass-two", "pass-three"} {
		err := change(old)
		assert.EqualError(t, err, "PasswordPolicyViolation: Password should not be one of your 3 previous passwords.", old)
	}
	require.NoError(t, change("pass-four"))
	require.NoError(t, change("pass-one"), "pass-one is now the fourth most recent")
	assert.Len(t, a.s.users["u"].login.history, 2, "only the hashes reuse prevention needs are kept")
}

// Passwords are kept only as Argon2id hashes (doc.go), in the PHC format.
func TestPasswordHash(t *testing.T) {
	env, _ := newTestEnv(3)
	a, err := New("111122223333", env)
	require.NoError(t, err)
	must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "u"}))
	must[*LoginProfileOutput](t)(a.CreateLoginProfile(CreateLoginProfileInput{UserName: "u", Password: "Secret-Pass-1"}))
	h := a.s.users["u"].login.hash
	assert.Regexp(t, `^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`, h)
	assert.NotContains(t, fmt.Sprintf("%#v", a.s.users["u"].login), "Secret-Pass-1")
	c, err := a.CheckPassword("u", "Secret-Pass-1", env.Now())
	require.NoError(t, err)
	assert.Equal(t, PasswordValid, c)
	for _, bad := range []string{"", "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA", "$argon2i$v=19$m=64,t=1,p=1$AAAA$AAAA", h[:len(h)-4]} {
		assert.False(t, checkHash(bad, "Secret-Pass-1"), bad)
	}
}

func TestRootPassword(t *testing.T) {
	a, _ := newTestAccount(t)
	assert.Equal(t, PasswordNotSet, a.CheckRootPassword("x"))
	// The account's password policy does not apply to the root user
	// (id_credentials_passwords_account-policy.md).
	require.NoError(t, a.UpdateAccountPasswordPolicy(UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 30}))
	require.NoError(t, a.SetRootPassword(SetRootPasswordInput{Password: "Root-Pass-1"}))
	assert.Equal(t, PasswordValid, a.CheckRootPassword("Root-Pass-1"))
	assert.Equal(t, PasswordWrong, a.CheckRootPassword("Root-Pass-2"))
}

func TestAccessKeys(t *testing.T) {
	f := newFixture(t)
	a := f.a
	out := must[*CreateAccessKeyOutput](t)(a.CreateAccessKey(CreateAccessKeyInput{UserName: "bob"})).AccessKey
	assert.True(t, IsAccessKeyID(out.AccessKeyId))
	assert.True(t, strings.HasPrefix(out.AccessKeyId, "AKIA"))
	assert.Regexp(t, `^[A-Za-z0-9+/]{40}$`, out.SecretAccessKey)
	assert.Equal(t, StatusActive, out.Status, "new keys are active (id_credentials_access-keys.md)")

	// The secret is in the response and nowhere in the account.
	assert.NotContains(t, fmt.Sprintf("%#v", *a.s.users["bob"].keys[0]), out.SecretAccessKey)
	list := must[*ListAccessKeysOutput](t)(a.ListAccessKeys(ListAccessKeysInput{UserName: "bob"}))
	assert.Equal(t, []AccessKeyMetadata{{UserName: "bob", AccessKeyId: out.AccessKeyId, Status: StatusActive, CreateDate: out.CreateDate}}, list.AccessKeyMetadata)

	owner, check := a.VerifyAccessKey(out.AccessKeyId, out.SecretAccessKey)
	assert.Equal(t, KeyValid, check)
	assert.Equal(t, "bob", owner.UserName)
	assert.Equal(t, "arn:aws:iam::111122223333:user/bob", owner.Arn)
	_, check = a.VerifyAccessKey(out.AccessKeyId, strings.ToLower(out.SecretAccessKey))
	assert.Equal(t, KeyWrongSecret, check)
	_, check = a.VerifyAccessKey("AKIAAAAAAAAAAAAAAAAA", out.SecretAccessKey)
	assert.Equal(t, KeyUnknown, check)

	require.NoError(t, a.UpdateAccessKey(UpdateAccessKeyInput{UserName: "bob", AccessKeyId: out.AccessKeyId, Status: StatusInactive}))
	_, check = a.VerifyAccessKey(out.AccessKeyId, out.SecretAccessKey)
	assert.Equal(t, KeyInactive, check)

	last := must[*GetAccessKeyLastUsedOutput](t)(a.GetAccessKeyLastUsed(GetAccessKeyLastUsedInput{AccessKeyId: out.AccessKeyId}))
	assert.Equal(t, &GetAccessKeyLastUsedOutput{UserName: "bob", AccessKeyLastUsed: AccessKeyLastUsed{ServiceName: "N/A", Region: "N/A"}}, last)
	when := f.clock.t.Add(time.Minute)
	require.NoError(t, a.RecordAccessKeyUse(RecordAccessKeyUseInput{AccessKeyId: out.AccessKeyId, Time: when, ServiceName: "s3", Region: "eu-west-1"}))
	last = must[*GetAccessKeyLastUsedOutput](t)(a.GetAccessKeyLastUsed(GetAccessKeyLastUsedInput{AccessKeyId: out.AccessKeyId}))
	assert.Equal(t, AccessKeyLastUsed{LastUsedDate: &when, ServiceName: "s3", Region: "eu-west-1"}, last.AccessKeyLastUsed)

	require.NoError(t, a.DeleteAccessKey(DeleteAccessKeyInput{UserName: "bob", AccessKeyId: out.AccessKeyId}))
	_, err := a.LookupAccessKey(out.AccessKeyId)
	assert.ErrorIs(t, err, ErrNoSuchEntity)
}

// The root user can have access keys too, though AWS discourages them
// (id_credentials_access-keys.md): a new account's root user has none, and
// may have two, as a user may (reference_iam-quotas.md).
func TestRootAccessKeys(t *testing.T) {
	a, _ := newTestAccount(t)
	none := must[*ListAccessKeysOutput](t)(a.ListAccessKeys(ListAccessKeysInput{}))
	assert.Empty(t, none.AccessKeyMetadata, "the root user starts with no access key")
	out := must[*CreateAccessKeyOutput](t)(a.CreateAccessKey(CreateAccessKeyInput{})).AccessKey
	assert.Equal(t, "", out.UserName)
	owner, check := a.VerifyAccessKey(out.AccessKeyId, out.SecretAccessKey)
	assert.Equal(t, KeyValid, check)
	assert.Equal(t, AccessKeyOwner{Root: true, UserId: "111122223333", Arn: "arn:aws:iam::111122223333:root", Status: StatusActive}, owner)
	list := must[*ListAccessKeysOutput](t)(a.ListAccessKeys(ListAccessKeysInput{}))
	assert.Len(t, list.AccessKeyMetadata, 1)
	must[*CreateAccessKeyOutput](t)(a.CreateAccessKey(CreateAccessKeyInput{}))
	_, err := a.CreateAccessKey(CreateAccessKeyInput{})
	assert.ErrorIs(t, err, ErrLimitExceeded, "two keys at most")
}

func TestSSHPublicKeys(t *testing.T) {
	f := newFixture(t)
	a := f.a
	k := must[*SSHPublicKeyOutput](t)(a.GetSSHPublicKey(SSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: f.aliceSSH})).SSHPublicKey
	assert.True(t, IsUniqueID(k.SSHPublicKeyId, PrefixPublicKey))
	assert.Regexp(t, `^([0-9a-f]{2}:){15}[0-9a-f]{2}$`, k.Fingerprint, "MD5 fingerprint (id_credentials_ssh-keys.md)")
	assert.Equal(t, testSSHKey(t, 1), k.SSHPublicKeyBody)
	require.NoError(t, a.UpdateSSHPublicKey(UpdateSSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: f.aliceSSH, Status: StatusInactive}))
	list := must[*ListSSHPublicKeysOutput](t)(a.ListSSHPublicKeys(ListSSHPublicKeysInput{UserName: "alice"}))
	require.Len(t, list.SSHPublicKeys, 1)
	assert.Equal(t, StatusInactive, list.SSHPublicKeys[0].Status)
	assert.Empty(t, list.SSHPublicKeys[0].SSHPublicKeyBody)
	// Another user may upload the same key.
	must[*SSHPublicKeyOutput](t)(a.UploadSSHPublicKey(UploadSSHPublicKeyInput{UserName: "bob", SSHPublicKeyBody: testSSHKey(t, 1)}))
}

func TestSigningCertificates(t *testing.T) {
	f := newFixture(t)
	a := f.a
	list := must[*ListSigningCertificatesOutput](t)(a.ListSigningCertificates(ListSigningCertificatesInput{UserName: "alice"}))
	require.Len(t, list.Certificates, 1)
	c := list.Certificates[0]
	assert.Equal(t, StatusActive, c.Status)
	assert.Regexp(t, `^[A-Z2-7]{28}$`, c.CertificateId)
	require.NoError(t, a.UpdateSigningCertificate(UpdateSigningCertificateInput{UserName: "alice", CertificateId: c.CertificateId, Status: StatusInactive}))
	list = must[*ListSigningCertificatesOutput](t)(a.ListSigningCertificates(ListSigningCertificatesInput{UserName: "alice"}))
	assert.Equal(t, StatusInactive, list.Certificates[0].Status)
}
