package cloud

import (
	"encoding/json"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
)

// PasswordChangePolicyID names, in explanations, the permissions that the
// account password policy's AllowUsersToChangePassword gives every IAM
// user.
const PasswordChangePolicyID = "AllowUsersToChangePassword (account password policy)"

// passwordChangeGrant is what AllowUsersToChangePassword gives an IAM
// user: "access to the iam:ChangePassword action for only their user and
// to the iam:GetAccountPasswordPolicy action", applied by IAM "at the
// account-level for all users" without attaching a policy to anyone
// (id_credentials_passwords_account-policy.md,
// id_credentials_passwords_enable-user-change.md). ok is false unless the
// caller is an IAM user (its console session included), the action is one
// of the two, and the password policy of the caller's account, as view
// has it, allows users to change their passwords.
//
// AWS does not say what limits these permissions. Here they join the
// user's identity-based policies, named [PasswordChangePolicyID]: an
// explicit deny, an SCP or a permissions boundary that does not allow the
// action still refuses it.
func passwordChangeGrant(view *State, caller Caller, action string) (eval.Policy, bool) {
	p := caller.Principal
	if p.Type != principal.User || (action != "iam:ChangePassword" && action != "iam:GetAccountPasswordPolicy") {
		return eval.Policy{}, false
	}
	a := view.Accounts[p.Account]
	if a == nil {
		return eval.Policy{}, false
	}
	pp, err := a.GetAccountPasswordPolicy()
	if err != nil || !pp.PasswordPolicy.AllowUsersToChangePassword {
		return eval.Policy{}, false
	}
	type statement struct {
		Sid      string
		Effect   string
		Action   string
		Resource string
	}
	doc, err := json.Marshal(struct {
		Version   string
		Statement []statement
	}{"2012-10-17", []statement{
		{"ChangeOwnPassword", "Allow", "iam:ChangePassword", p.ARN},
		{"ReadPasswordPolicy", "Allow", "iam:GetAccountPasswordPolicy", "*"},
	}})
	if err != nil {
		return eval.Policy{}, false
	}
	d, err := policy.Parse(doc, policy.Options{Type: policy.Identity, Name: PasswordChangePolicyID})
	if err != nil {
		return eval.Policy{}, false
	}
	return eval.Policy{ID: PasswordChangePolicyID, Source: "none", Doc: d}, true
}
