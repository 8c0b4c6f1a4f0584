package cloud

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/org"
)

// reference_policies_evaluation-logic.md (SCPs), access_policies.md: SCPs
// limit every principal of a member account, its root user included, and
// not the management account.
func TestSCPsThroughTheCloud(t *testing.T) {
	w := newWorld(t)
	// dev is the management account; prod a member in OU "workloads".
	require.NoError(t, w.cloud.CreateOrganization(dev))
	require.NoError(t, w.cloud.Admin(func(s *State) error {
		ou, err := s.Org.CreateOrganizationalUnit(org.CreateOrganizationalUnitInput{ParentId: s.Org.RootID(), Name: "workloads"})
		if err != nil {
			return err
		}
		if err := s.Org.AddAccount(org.AddAccountInput{AccountId: prod, ParentId: ou.Id}); err != nil {
			return err
		}
		p, err := s.Org.CreatePolicy(org.CreatePolicyInput{Name: "NoIAMUsers", Type: org.ServiceControlPolicy,
			Content: `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}`})
		if err != nil {
			return err
		}
		return s.Org.AttachPolicy(org.PolicyAttachmentInput{PolicyId: p.PolicySummary.Id, TargetId: ou.Id})
	}))
	alice := w.user("alice", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:PrincipalOrgPaths":"o-*/r-*/ou-*/"}}}]}`)

	res, err := w.cloud.Authorize("us-east-1", alice, Call{Action: "iam:CreateUser", Resource: UserARN(prod, "/", "x")})
	require.NoError(t, err)
	assert.Equal(t, eval.ExplicitDeny, res.Decision)
	assert.Equal(t, eval.ExplicitDeny, w.decide("us-east-1", w.root, "iam:CreateUser", UserARN(prod, "/", "x")), "the member account's root user too")
	assert.Equal(t, eval.Allowed, w.decide("us-east-1", alice, "iam:ListUsers", "*"), "aws:PrincipalOrgPaths is set for members")
	_, err = w.cloud.IAM("us-east-1", w.root, "iam:CreateUser", UserARN(prod, "/", "x"), func(a *account.Account) error { return nil })
	assert.ErrorContains(t, err, "with an explicit deny in a service control policy")

	var devRoot Credentials
	require.NoError(t, w.cloud.Admin(func(s *State) error {
		out, err := s.Accounts[dev].CreateAccessKey(account.CreateAccessKeyInput{})
		devRoot = Credentials{AccessKeyID: out.AccessKey.AccessKeyId, SecretAccessKey: out.AccessKey.SecretAccessKey}
		return err
	}))
	w.settle()
	assert.Equal(t, eval.Allowed, w.decide("us-east-1", devRoot, "iam:CreateUser", UserARN(dev, "/", "x")), "SCPs do not apply to the management account")
}

// id_roles_terms-and-concepts.md (service-linked role): only the linked
// service can assume it, and its trust policy cannot be changed.
func TestServiceLinkedRole(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", allowAll)
	var roleARN string
	w.iam(w.root, "iam:CreateServiceLinkedRole", "arn:aws:iam::111122223333:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling", func(a *account.Account) error {
		out, err := a.CreateServiceLinkedRole(account.CreateServiceLinkedRoleInput{AWSServiceName: "autoscaling.amazonaws.com"})
		if err == nil {
			roleARN = out.Role.Arn
		}
		return err
	})
	w.settle()
	_, _, err := w.cloud.AssumeRole("us-east-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "steal"})
	assert.ErrorIs(t, err, ErrAccessDenied, "a user cannot assume a service-linked role, whatever its own policies say")
	_, err = w.cloud.IAM("us-east-1", w.root, "iam:UpdateAssumeRolePolicy", roleARN, func(a *account.Account) error {
		return a.UpdateAssumeRolePolicy(account.UpdateAssumeRolePolicyInput{RoleName: "AWSServiceRoleForAutoScaling", PolicyDocument: trustAccount})
	})
	assert.ErrorIs(t, err, account.ErrUnmodifiableEntity)
}
