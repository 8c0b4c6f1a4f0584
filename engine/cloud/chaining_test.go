package cloud

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/account"
)

// id_credentials_temp_control-access_monitor.md (role chaining and
// cross-account requirements): a source identity inherited by a chained
// session is in the next hop's request as both aws:SourceIdentity and
// sts:SourceIdentity, and the hop needs sts:SetSourceIdentity.
func TestChainedSourceIdentityInTrustContext(t *testing.T) {
	trustWith := func(key string, actions string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":` + actions + `,"Condition":{"StringEquals":{"` + key + `":"alice@example.com"}}}]}`
	}
	both := `["sts:AssumeRole","sts:SetSourceIdentity"]`
	for _, tc := range []struct {
		name, trust string
		wantErr     string
	}{
		{"sts:SourceIdentity", trustWith("sts:SourceIdentity", both), ""},
		{"aws:SourceIdentity", trustWith("aws:SourceIdentity", both), ""},
		{"without sts:SetSourceIdentity in the trust policy", trustWith("sts:SourceIdentity", `"sts:AssumeRole"`), "sts:SetSourceIdentity"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			alice := w.user("alice", allowAll)
			first := w.role("First", trustAccount, allowAll, 0)
			second := w.role("Second", tc.trust, allowS3Read, 0)
			out, _, err := w.cloud.AssumeRole("us-east-1", alice, AssumeRoleInput{RoleArn: first, RoleSessionName: "one", SourceIdentity: "alice@example.com"})
			require.NoError(t, err)
			out, _, err = w.cloud.AssumeRole("us-east-1", out.Credentials.Credentials(), AssumeRoleInput{RoleArn: second, RoleSessionName: "two"})
			if tc.wantErr != "" {
				require.ErrorIs(t, err, ErrAccessDenied)
				assert.ErrorContains(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "alice@example.com", out.SourceIdentity)
		})
	}
}

// id_roles_terms-and-concepts.md: "AWS does not treat using roles to grant
// permissions to applications that run on EC2 instances as role chaining" —
// an instance's role session assumes a role for up to that role's maximum
// session duration; a role session assumed by a user stays capped at one hour.
func TestInstanceProfileSessionIsNotRoleChaining(t *testing.T) {
	w := newWorld(t)
	trustEC2 := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	w.role("Web", trustEC2, allowAll, 0)
	target := w.role("Deploy", trustAccount, allowS3Read, 4*3600)
	w.iam(w.root, "iam:CreateInstanceProfile", "*", func(a *account.Account) error {
		if _, err := a.CreateInstanceProfile(account.CreateInstanceProfileInput{InstanceProfileName: "Web"}); err != nil {
			return err
		}
		return a.AddRoleToInstanceProfile(account.InstanceProfileRoleInput{InstanceProfileName: "Web", RoleName: "Web"})
	})
	w.settle()
	id, _, err := w.cloud.RunInstance("us-east-1", w.root, "Web")
	require.NoError(t, err)
	creds, _, err := w.cloud.InstanceCredentials(id)
	require.NoError(t, err)

	out, _, err := w.cloud.AssumeRole("us-east-1", creds.Credentials(), AssumeRoleInput{RoleArn: target, RoleSessionName: "deploy", DurationSeconds: 4 * 3600})
	require.NoError(t, err)
	assert.Equal(t, w.now.Add(4*time.Hour), out.Credentials.Expiration, "the role's maximum session duration applies")

	alice := w.user("alice", allowAll)
	first := w.role("First", trustAccount, allowAll, 0)
	out, _, err = w.cloud.AssumeRole("us-east-1", alice, AssumeRoleInput{RoleArn: first, RoleSessionName: "one"})
	require.NoError(t, err)
	_, _, err = w.cloud.AssumeRole("us-east-1", out.Credentials.Credentials(), AssumeRoleInput{RoleArn: target, RoleSessionName: "two", DurationSeconds: 4 * 3600})
	assert.ErrorContains(t, err, "1 hour session limit for roles assumed by role chaining")
}
