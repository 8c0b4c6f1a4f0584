package cloud

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/mfa"
	"rsc.io/qr"
)

// id_credentials_passwords.md and id_credentials_mfa.md: sign-in with a
// password, and with MFA for users who have it.
func TestSignIn(t *testing.T) {
	w := newWorld(t)
	w.user("alice", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}`)
	w.user("bob", "")
	var seed []byte
	serial := ""
	w.iam(w.root, "iam:CreateLoginProfile", UserARN(prod, "/", "alice"), func(a *account.Account) error {
		if _, err := a.CreateLoginProfile(account.CreateLoginProfileInput{UserName: "alice", Password: "Correct-Horse-7"}); err != nil {
			return err
		}
		if _, err := a.CreateLoginProfile(account.CreateLoginProfileInput{UserName: "bob", Password: "Battery-Staple-9", PasswordResetRequired: true}); err != nil {
			return err
		}
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

	tests := []struct {
		name string
		in   SignInInput
		code string
	}{
		{"wrong password", SignInInput{Account: prod, UserName: "alice", Password: "nope", MFACode: "123456"}, "AccessDenied"},
		{"unknown user", SignInInput{Account: prod, UserName: "zoe", Password: "Correct-Horse-7"}, "AccessDenied"},
		{"unknown account", SignInInput{Account: "999999999999", UserName: "alice", Password: "Correct-Horse-7"}, "AccessDenied"},
		{"MFA code missing", SignInInput{Account: prod, UserName: "alice", Password: "Correct-Horse-7"}, "AccessDenied"},
		{"MFA code wrong", SignInInput{Account: prod, UserName: "alice", Password: "Correct-Horse-7", MFACode: "000000"}, "AccessDenied"},
		{"reset required", SignInInput{Account: "prod", UserName: "bob", Password: "Battery-Staple-9"}, "PasswordResetRequired"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.cloud.SignIn("eu-west-1", tt.in)
			require.Error(t, err)
			assert.ErrorIs(t, err, &Error{Code: tt.code})
		})
	}

	out, err := w.cloud.SignIn("eu-west-1", SignInInput{Account: "prod", UserName: "alice", Password: "Correct-Horse-7", MFACode: mfa.Code(seed, w.now)})
	require.NoError(t, err, "the alias works as the account")
	assert.True(t, out.MFAUsed)
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", out.Credentials.Credentials(), "ec2:StartInstances", "*"))
}

// id_roles_use_switch-role-ec2.md and id_roles_use_passrole.md: an
// instance profile hands its role's credentials to an instance.
func TestInstanceProfileCredentials(t *testing.T) {
	w := newWorld(t)
	launcher := w.user("launcher", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"},
		{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/AppRole","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}]}`)
	noPass := w.user("nopass", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]}`)
	w.role("AppRole", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, allowS3Read, 0)
	w.iam(w.root, "iam:CreateInstanceProfile", "arn:aws:iam::111122223333:instance-profile/App", func(a *account.Account) error {
		if _, err := a.CreateInstanceProfile(account.CreateInstanceProfileInput{InstanceProfileName: "App"}); err != nil {
			return err
		}
		return a.AddRoleToInstanceProfile(account.InstanceProfileRoleInput{InstanceProfileName: "App", RoleName: "AppRole"})
	})
	w.settle()

	_, _, err := w.cloud.RunInstance("eu-west-1", noPass, "App")
	assert.ErrorContains(t, err, "iam:PassRole", "launching with a role needs iam:PassRole")
	_, _, err = w.cloud.RunInstance("eu-west-1", launcher, "Nope")
	assert.ErrorIs(t, err, &Error{Code: "InvalidParameterValue"})

	id, _, err := w.cloud.RunInstance("eu-west-1", launcher, "App")
	require.NoError(t, err)
	assert.Regexp(t, `^i-[0-9a-f]{17}$`, id)
	creds, res, err := w.cloud.InstanceCredentials(id)
	require.NoError(t, err)
	assert.Equal(t, eval.Allowed, res.Decision)
	assert.Equal(t, w.now.Add(InstanceCredentialsDuration), creds.Expiration)
	who, err := w.cloud.GetCallerIdentity("eu-west-1", creds.Credentials())
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sts::111122223333:assumed-role/AppRole/"+id, who.Arn)
	assert.Regexp(t, `^AROA[A-Z2-7]{17}:`+id+`$`, who.UserId, "aws:userid is ROLE-ID:INSTANCE-ID")
	assert.Equal(t, eval.Allowed, w.decide("eu-west-1", creds.Credentials(), "s3:GetObject", object))
	_, _, err = w.cloud.InstanceCredentials("i-00000000000000000")
	assert.ErrorIs(t, err, &Error{Code: "InvalidInstanceID.NotFound"})
}

// CreateVirtualMFADevice returns the QR code once when the cloud has a
// renderer (here rsc.io/qr, as the CLI uses).
func TestVirtualMFADeviceQRCode(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	c, err := New(Config{Now: func() time.Time { return now }, Rand: rand.NewChaCha8([32]byte{5}),
		QRCode: func(text string) ([]byte, error) {
			code, err := qr.Encode(text, qr.M)
			if err != nil {
				return nil, err
			}
			return code.PNG(), nil
		}})
	require.NoError(t, err)
	require.NoError(t, c.CreateAccount(prod, ""))
	var png []byte
	require.NoError(t, c.Admin(func(s *State) error {
		out, err := s.Accounts[prod].CreateVirtualMFADevice(account.CreateVirtualMFADeviceInput{VirtualMFADeviceName: "alice"})
		if err == nil {
			png = out.VirtualMFADevice.QRCodePNG
		}
		return err
	}))
	assert.Equal(t, "\x89PNG\r\n\x1a\n", string(png[:8]))
}

// id_credentials_mfa.md: "With multiple MFA devices, only one MFA device is
// needed to sign in to the AWS Management Console" — a code from any of the
// user's devices signs in, and MFASerial picks the device as the console
// does.
func TestSignInWithAnyOfSeveralMFADevices(t *testing.T) {
	w := newWorld(t)
	w.user("alice", "")
	seeds := map[string][]byte{}
	var serials []string
	w.iam(w.root, "iam:CreateLoginProfile", UserARN(prod, "/", "alice"), func(a *account.Account) error {
		if _, err := a.CreateLoginProfile(account.CreateLoginProfileInput{UserName: "alice", Password: "Correct-Horse-7"}); err != nil {
			return err
		}
		for _, name := range []string{"alice-phone", "alice-backup"} {
			out, err := a.CreateVirtualMFADevice(account.CreateVirtualMFADeviceInput{VirtualMFADeviceName: name})
			if err != nil {
				return err
			}
			serial := out.VirtualMFADevice.SerialNumber
			seed, err := mfa.DecodeBase32(out.VirtualMFADevice.Base32StringSeed)
			if err != nil {
				return err
			}
			if err := a.EnableMFADevice(account.MFADeviceCodesInput{UserName: "alice", SerialNumber: serial,
				AuthenticationCode1: mfa.Code(seed, w.now.Add(-30*time.Second)), AuthenticationCode2: mfa.Code(seed, w.now)}); err != nil {
				return err
			}
			seeds[serial] = seed
			serials = append(serials, serial)
		}
		return nil
	})
	w.advance(5 * time.Minute)
	for _, serial := range serials {
		t.Run(serial, func(t *testing.T) {
			w.advance(time.Minute)
			out, err := w.cloud.SignIn("us-east-1", SignInInput{Account: prod, UserName: "alice", Password: "Correct-Horse-7", MFACode: mfa.Code(seeds[serial], w.now)})
			require.NoError(t, err)
			assert.True(t, out.MFAUsed)
		})
	}
	w.advance(time.Minute)
	code := mfa.Code(seeds[serials[1]], w.now)
	_, err := w.cloud.SignIn("us-east-1", SignInInput{Account: prod, UserName: "alice", Password: "Correct-Horse-7", MFACode: code, MFASerial: serials[0]})
	assert.ErrorIs(t, err, ErrAccessDenied, "the code is not the chosen device's")
	_, err = w.cloud.SignIn("us-east-1", SignInInput{Account: prod, UserName: "alice", Password: "Correct-Horse-7", MFACode: code, MFASerial: serials[1]})
	require.NoError(t, err)
	_, err = w.cloud.SignIn("us-east-1", SignInInput{Account: prod, UserName: "alice", Password: "Correct-Horse-7", MFACode: code})
	assert.ErrorContains(t, err, "already used")
}

// troubleshoot_iam-ec2.md: an instance whose profile's role does not trust
// ec2.amazonaws.com launches (RunInstances checks iam:PassRole, not the
// trust policy), and its metadata answers AssumeRoleUnauthorizedAccess
// instead of credentials; a deleted profile answers InstanceProfileNotFound,
// and an empty profile fails the launch with AccessDenied.
func TestInstanceProfileWithoutCredentials(t *testing.T) {
	w := newWorld(t)
	w.role("NotForEC2", trustAccount, allowS3Read, 0)
	w.role("ForEC2", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, allowS3Read, 0)
	w.iam(w.root, "iam:CreateInstanceProfile", "*", func(a *account.Account) error {
		for name, role := range map[string]string{"Broken": "NotForEC2", "Gone": "ForEC2"} {
			if _, err := a.CreateInstanceProfile(account.CreateInstanceProfileInput{InstanceProfileName: name}); err != nil {
				return err
			}
			if err := a.AddRoleToInstanceProfile(account.InstanceProfileRoleInput{InstanceProfileName: name, RoleName: role}); err != nil {
				return err
			}
		}
		return nil
	})
	w.settle()
	w.iam(w.root, "iam:CreateInstanceProfile", "*", func(a *account.Account) error {
		_, err := a.CreateInstanceProfile(account.CreateInstanceProfileInput{InstanceProfileName: "Empty"})
		return err
	})
	w.settle()
	_, _, err := w.cloud.RunInstance("us-east-1", w.root, "Empty")
	assert.ErrorIs(t, err, ErrAccessDenied, "an empty instance profile cannot launch an instance")
	broken, _, err := w.cloud.RunInstance("us-east-1", w.root, "Broken")
	require.NoError(t, err, "the launch succeeds")
	gone, _, err := w.cloud.RunInstance("us-east-1", w.root, "Gone")
	require.NoError(t, err)
	w.iam(w.root, "iam:DeleteInstanceProfile", "*", func(a *account.Account) error {
		if err := a.RemoveRoleFromInstanceProfile(account.InstanceProfileRoleInput{InstanceProfileName: "Gone", RoleName: "ForEC2"}); err != nil {
			return err
		}
		return a.DeleteInstanceProfile(account.InstanceProfileNameInput{InstanceProfileName: "Gone"})
	})
	w.settle()

	for _, tc := range []struct {
		name, instance, code, message string
	}{
		{"role does not trust EC2", broken, "AssumeRoleUnauthorizedAccess", "EC2 cannot assume the role NotForEC2, so the instance metadata has no credentials (iam/security-credentials/NotForEC2): the role's trust policy does not allow ec2.amazonaws.com to call sts:AssumeRole"},
		{"profile deleted", gone, "InstanceProfileNotFound", "was deleted"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			creds, _, err := w.cloud.InstanceCredentials(tc.instance)
			assert.Nil(t, creds)
			assert.ErrorIs(t, err, &Error{Code: tc.code})
			assert.ErrorContains(t, err, tc.message)
		})
	}
}
