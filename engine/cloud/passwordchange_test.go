package cloud

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/eval"
)

// id_credentials_passwords_account-policy.md: "Allow users to change their
// own password … gives users access to the iam:ChangePassword action for
// only their user and to the iam:GetAccountPasswordPolicy action … IAM
// applies the permissions at the account-level for all users."
func TestAllowUsersToChangePassword(t *testing.T) {
	const denyChange = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:ChangePassword","Resource":"*"}]}`
	tests := []struct {
		name     string
		allow    bool   // the password policy's AllowUsersToChangePassword
		inline   string // the user's inline policy
		action   string
		resource string // "" for the user's own ARN
		want     eval.Decision
	}{
		{"off: ChangePassword needs a policy", false, "", "iam:ChangePassword", "", eval.ImplicitDeny},
		{"off: so does GetAccountPasswordPolicy", false, "", "iam:GetAccountPasswordPolicy", "*", eval.ImplicitDeny},
		{"on: ChangePassword on herself", true, "", "iam:ChangePassword", "", eval.Allowed},
		{"on: GetAccountPasswordPolicy", true, "", "iam:GetAccountPasswordPolicy", "*", eval.Allowed},
		{"on: not another user's password", true, "", "iam:ChangePassword", UserARN(prod, "/", "bob"), eval.ImplicitDeny},
		{"on: nothing else", true, "", "iam:UpdateLoginProfile", "", eval.ImplicitDeny},
		{"on: an explicit deny still wins", true, denyChange, "iam:ChangePassword", "", eval.ExplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t)
			w.iam(w.root, "iam:UpdateAccountPasswordPolicy", "*", func(a *account.Account) error {
				return a.UpdateAccountPasswordPolicy(account.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 8, AllowUsersToChangePassword: tt.allow})
			})
			alice := w.user("alice", tt.inline)
			resource := tt.resource
			if resource == "" {
				resource = UserARN(prod, "/", "alice")
			}
			res, err := w.cloud.Authorize("eu-west-1", alice, Call{Action: tt.action, Resource: resource})
			require.NoError(t, err)
			assert.Equal(t, tt.want, res.Decision)
			granted := false
			for _, s := range res.Explanation.Statements {
				granted = granted || s.PolicyID == PasswordChangePolicyID && s.Applied
			}
			assert.Equal(t, tt.allow && tt.want != eval.ImplicitDeny, granted, "the grant is what applied")
		})
	}
}

func TestChangePasswordUnderAllowUsersToChangePassword(t *testing.T) {
	w := newWorld(t)
	w.iam(w.root, "iam:UpdateAccountPasswordPolicy", "*", func(a *account.Account) error {
		return a.UpdateAccountPasswordPolicy(account.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 8, AllowUsersToChangePassword: true})
	})
	alice := w.user("alice", "")
	w.iam(w.root, "iam:CreateLoginProfile", UserARN(prod, "/", "alice"), func(a *account.Account) error {
		_, err := a.CreateLoginProfile(account.CreateLoginProfileInput{UserName: "alice", Password: "Temp-Passw0rd!", PasswordResetRequired: true})
		return err
	})
	w.settle()
	change := func(creds Credentials, old, new string) error {
		_, err := w.cloud.IAM("us-east-1", creds, "iam:ChangePassword", UserARN(prod, "/", "alice"), func(a *account.Account) error {
			return a.ChangePassword(account.ChangePasswordInput{UserName: "alice", OldPassword: old, NewPassword: new})
		})
		return err
	}
	// With her access key, and with no policy of her own.
	require.NoError(t, change(alice, "Temp-Passw0rd!", "Alices-Own-Passw0rd"))
	w.settle()
	// And from her console session.
	out, err := w.cloud.SignIn("us-east-1", SignInInput{Account: prod, UserName: "alice", Password: "Alices-Own-Passw0rd"})
	require.NoError(t, err)
	require.NoError(t, change(out.Credentials.Credentials(), "Alices-Own-Passw0rd", "Alices-Next-Passw0rd"))

	// Turned off, the account-level permission is gone.
	w.iam(w.root, "iam:UpdateAccountPasswordPolicy", "*", func(a *account.Account) error {
		return a.UpdateAccountPasswordPolicy(account.UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 8})
	})
	w.settle()
	assert.ErrorContains(t, change(alice, "Alices-Next-Passw0rd", "Alices-Last-Passw0rd"), "AccessDenied")
}
