package cloud

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/policy"
)

// troubleshoot_access-denied.md: the phrase that names the policy type of
// an explicit deny.
func TestDenyPlaceNamesThePolicyTypeAsAWSDoes(t *testing.T) {
	for _, tc := range []struct {
		typ  policy.Type
		want string
	}{
		{policy.Identity, "an identity-based policy"},
		{policy.Resource, "a resource-based policy"},
		{policy.Trust, "the role trust policy"},
		{policy.Boundary, "a permissions boundary"},
		{policy.Session, "a session policy"},
		{policy.SCP, "a service control policy"},
		{policy.RCP, "a resource control policy"},
	} {
		t.Run(tc.typ.String(), func(t *testing.T) {
			assert.Equal(t, tc.want, denyPlace(tc.typ))
		})
	}
}

func TestExplicitDenyInAnIdentityBasedPolicyMessage(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"iam:CreateUser","Resource":"*"}]}`)
	_, err := w.cloud.IAM("us-east-1", alice, "iam:CreateUser", UserARN(prod, "/", "bob"), func(a *account.Account) error {
		_, err := a.CreateUser(account.CreateUserInput{UserName: "bob"})
		return err
	})
	assert.ErrorIs(t, err, ErrAccessDenied)
	assert.ErrorContains(t, err, "on resource: arn:aws:iam::111122223333:user/bob with an explicit deny in an identity-based policy")
}
