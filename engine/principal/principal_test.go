package principal

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The caller forms of IAM's policy simulator (CallerArn) and the principal
// ARNs of reference_policies_elements_principal.md.
func TestFromARN(t *testing.T) {
	tests := []struct {
		in   string
		want Principal
	}{
		{"arn:aws:iam::111122223333:root", Principal{Type: Root, ARN: "arn:aws:iam::111122223333:root", Account: "111122223333"}},
		{"arn:aws:iam::111122223333:user/division/alice", Principal{Type: User, ARN: "arn:aws:iam::111122223333:user/division/alice", Account: "111122223333"}},
		{"arn:aws:iam::111122223333:role/ops/Admin", Principal{Type: RoleSession, ARN: "arn:aws:sts::111122223333:assumed-role/Admin/Admin", Account: "111122223333", Issuer: "arn:aws:iam::111122223333:role/ops/Admin"}},
		{"arn:aws:sts::111122223333:assumed-role/Admin/s1", Principal{Type: RoleSession, ARN: "arn:aws:sts::111122223333:assumed-role/Admin/s1", Account: "111122223333", Issuer: "arn:aws:iam::111122223333:role/Admin"}},
		{"arn:aws:sts::111122223333:federated-user/bob", Principal{Type: FederatedUser, ARN: "arn:aws:sts::111122223333:federated-user/bob", Account: "111122223333", Issuer: "arn:aws:iam::111122223333:user/bob"}},
		{"arn:aws-cn:iam::111122223333:user/li", Principal{Type: User, ARN: "arn:aws-cn:iam::111122223333:user/li", Account: "111122223333"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := FromARN(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestFromARNErrors(t *testing.T) {
	for _, in := range []string{
		"", "alice", "arn:aws:s3:::bucket", "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::111122223333:group/devs",
		"arn:aws:sts::111122223333:assumed-role/Admin", "arn:aws:sts::111122223333:assumed-role/Admin/s/x", "arn:aws:iam::12345:user/a",
	} {
		t.Run(in, func(t *testing.T) {
			_, err := FromARN(in)
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrCaller))
		})
	}
}

// reference_policies_elements_notprincipal.md: a role session stands on its
// role and account.
func TestChain(t *testing.T) {
	p, err := FromARN("arn:aws:sts::111122223333:assumed-role/Admin/s1")
	require.NoError(t, err)
	assert.Equal(t, []string{"111122223333", "arn:aws:iam::111122223333:role/Admin", "arn:aws:sts::111122223333:assumed-role/Admin/s1"}, p.Chain())
	assert.Equal(t, "Admin", p.RoleName())
	assert.Nil(t, Principal{Type: Anonymous}.Chain())
	assert.Equal(t, []string{"ec2.amazonaws.com"}, Principal{Type: Service, Service: "ec2.amazonaws.com"}.Chain())
}

func TestTypeNames(t *testing.T) {
	assert.Equal(t, "AssumedRole", RoleSession.String())
	assert.Equal(t, "Account", Root.String())
	assert.True(t, FederatedUser.IsSession())
	assert.False(t, User.IsSession())
	assert.False(t, Service.HasIdentity())
}

func FuzzFromARN(f *testing.F) {
	for _, s := range []string{"arn:aws:iam::111122223333:root", "arn:aws:sts::111122223333:assumed-role/A/b", "arn:aws:iam::111122223333:role/p/q/R", "arn:::::"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := FromARN(s)
		if err != nil {
			return
		}
		require.Len(t, p.Account, 12)
		require.NotEmpty(t, p.ARN)
		if p.Type == RoleSession || p.Type == FederatedUser {
			require.NotEmpty(t, p.Issuer)
		}
	})
}
