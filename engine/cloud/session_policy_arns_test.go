package cloud_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/cloud"
	"github.com/iamlab/iamlab/engine/eval"
)

// Managed session policies (PolicyArns): AWS managed policies come from
// Config.AWSManagedPolicy in every account and region, whatever the
// propagation delay; customer managed policies only from the role's
// account.
func TestSessionPolicyARNs(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	const readOnly = "arn:aws:iam::aws:policy/ExampleReadOnly"
	c, err := cloud.New(cloud.Config{Now: func() time.Time { return now }, Rand: rand.NewChaCha8([32]byte{}), Propagation: 5 * time.Second,
		AWSManagedPolicy: func(arn string) (string, bool) {
			if arn != readOnly {
				return "", false
			}
			return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}`, true
		}})
	require.NoError(t, err)
	require.NoError(t, c.CreateAccount("111122223333", "prod"))
	require.NoError(t, c.CreateAccount("444455556666", "other"))
	var alice cloud.Credentials
	require.NoError(t, c.Admin(func(s *cloud.State) error {
		a := s.Accounts["111122223333"]
		if _, err := a.CreateUser(account.CreateUserInput{UserName: "alice"}); err != nil {
			return err
		}
		key, err := a.CreateAccessKey(account.CreateAccessKeyInput{UserName: "alice"})
		if err != nil {
			return err
		}
		alice = cloud.Credentials{AccessKeyID: key.AccessKey.AccessKeyId, SecretAccessKey: key.AccessKey.SecretAccessKey}
		if err := a.PutUserPolicy(account.PutUserPolicyInput{UserName: "alice", PolicyName: "assume",
			PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}`}); err != nil {
			return err
		}
		if _, err := a.CreateRole(account.CreateRoleInput{RoleName: "Admin",
			AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}`}); err != nil {
			return err
		}
		if err := a.PutRolePolicy(account.PutRolePolicyInput{RoleName: "Admin", PolicyName: "all",
			PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`}); err != nil {
			return err
		}
		_, err = s.Accounts["444455556666"].CreatePolicy(account.CreatePolicyInput{PolicyName: "Elsewhere",
			PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`})
		return err
	}))
	now = now.Add(5 * time.Second)

	assume := func(arns ...string) (*cloud.AssumeRoleOutput, error) {
		in := cloud.AssumeRoleInput{RoleArn: "arn:aws:iam::111122223333:role/Admin", RoleSessionName: "s1"}
		for _, a := range arns {
			in.PolicyArns = append(in.PolicyArns, cloud.PolicyDescriptor{Arn: a})
		}
		out, _, err := c.AssumeRole("eu-west-1", alice, in)
		return out, err
	}
	out, err := assume(readOnly)
	require.NoError(t, err)
	for action, want := range map[string]eval.Decision{"s3:GetObject": eval.Allowed, "s3:PutObject": eval.ImplicitDeny} {
		res, err := c.Authorize("eu-west-1", out.Credentials.Credentials(), cloud.Call{Action: action, Resource: "arn:aws:s3:::reports/q3.pdf"})
		require.NoError(t, err)
		assert.Equal(t, want, res.Decision, action)
	}

	tests := []struct {
		name string
		arns []string
		code string
	}{
		{"an AWS managed policy that does not exist", []string{"arn:aws:iam::aws:policy/NoSuchPolicy"}, "InvalidParameterValue"},
		{"a customer managed policy of another account", []string{"arn:aws:iam::444455556666:policy/Elsewhere"}, "InvalidParameterValue"},
		{"more than 10", []string{readOnly, readOnly, readOnly, readOnly, readOnly, readOnly, readOnly, readOnly, readOnly, readOnly, readOnly}, "ValidationError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := assume(tt.arns...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.code)
		})
	}
}
