package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMFADeviceStatementsRoundTrip(t *testing.T) {
	for _, src := range []string{
		`mfa alice deactivate`,
		`mfa alice deactivate device alice-phone`,
		`mfa alice delete`,
		`mfa alice delete device arn:aws:iam::111122223333:mfa/alice-phone`,
		`mfa alice resync codes totp(mfa/alice-phone, +3m) totp(mfa/alice-phone, +3m30s) device alice-phone`,
		`mfa alice virtual device alice-key codes "123456" "654321"`,
		`as alice get session-token session s with mfa device alice-key code totp(mfa/alice-key)`,
		`signin alice password "Correct-Horse-9" session c with mfa device alice-key code totp(mfa/alice-key)`,
	} {
		t.Run(src, func(t *testing.T) {
			f, err := Parse("t", []byte(src))
			require.NoError(t, err)
			assert.Equal(t, src+"\n", string(Format(f)))
		})
	}
}

func TestMFADeviceRefs(t *testing.T) {
	const setup = "account 111122223333\nuser alice\nmfa alice virtual device phone\n"
	tests := []struct {
		name, src, want string
	}{
		{"an unknown device name", "mfa alice deactivate device tablet\n", "no MFA device mfa/tablet in this scenario"},
		{"an unknown mfa/NAME in totp", "mfa alice resync codes totp(mfa/tablet) totp(mfa/tablet, +30s)\n", "no MFA device mfa/tablet in this scenario"},
		{"an unknown serial goes to IAM", "mfa alice delete device arn:aws:iam::111122223333:mfa/tablet\n", "error NoSuchEntity"},
		{"a user without a device", "user bob\nmfa bob deactivate\n", "bob has no MFA device in this scenario"},
		{"delete forgets the device", "mfa alice deactivate\nmfa alice delete\nmfa alice deactivate\n", "alice has no MFA device in this scenario"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := run(t, setup+tt.src, Options{})
			assert.Contains(t, out, tt.want)
		})
	}
}

func TestSignInWithANamedDevice(t *testing.T) {
	const setup = "account 111122223333\nuser alice\nlogin alice password \"Correct-Horse-9\"\n" +
		"mfa alice virtual device phone\nmfa alice virtual device key\nuser bob\nmfa bob virtual device bobs\nclock +30s\n"
	tests := []struct {
		name, stmt string
		ok         bool
	}{
		{"the named device's code", `signin alice password "Correct-Horse-9" with mfa device phone code totp(mfa/phone)`, true},
		{"the named device by serial", `signin alice password "Correct-Horse-9" with mfa device arn:aws:iam::111122223333:mfa/key code totp(mfa/key)`, true},
		{"another of her devices' code", `signin alice password "Correct-Horse-9" with mfa device phone code totp(mfa/key)`, false},
		{"another user's device named", `signin alice password "Correct-Horse-9" with mfa device bobs code totp(mfa/bobs)`, false},
		{"no device named: any of hers", `signin alice password "Correct-Horse-9" with mfa code totp(mfa/phone)`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, res := run(t, setup+tt.stmt+"\n", Options{})
			if tt.ok {
				assert.Contains(t, out, "alice signed in to the console with MFA")
				assert.Zero(t, res.Errors, out)
				return
			}
			assert.Contains(t, out, "error AccessDenied: MultiFactorAuthentication failed")
			assert.Equal(t, 1, res.Errors, out)
		})
	}
}
