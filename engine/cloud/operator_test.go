package cloud

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/principal"
)

func TestOperatorCredentialsAreRootWithoutAKey(t *testing.T) {
	w := newWorld(t)
	op, err := w.cloud.OperatorCredentials(dev)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(op.AccessKeyID, OperatorKeyPrefix), op.AccessKeyID)
	again, err := w.cloud.OperatorCredentials(dev)
	require.NoError(t, err)
	assert.Equal(t, op, again, "the same credentials on every call")

	// They are dev's root user, in every region, and need no policy.
	for _, region := range []string{"us-east-1", "eu-west-1", "ap-southeast-2"} {
		p, err := w.cloud.AccountOf(region, op)
		require.NoError(t, err, region)
		assert.Equal(t, principal.Root, p.Type, region)
		assert.Equal(t, "arn:aws:iam::"+dev+":root", p.ARN, region)
		assert.Equal(t, eval.Allowed, w.decide(region, op, "s3:GetObject", "arn:aws:s3:::dev-bucket/a.txt"), region)
	}
	id, err := w.cloud.GetCallerIdentity("us-east-1", op)
	require.NoError(t, err)
	assert.Equal(t, dev, id.UserId)

	// Root's two access key slots are both free: the root user creates
	// two keys of its own, and a third is over the quota.
	var keys []string
	for range 2 {
		_, err := w.cloud.IAM("us-east-1", op, "iam:CreateAccessKey", "arn:aws:iam::"+dev+":root", func(a *account.Account) error {
			out, err := a.CreateAccessKey(account.CreateAccessKeyInput{})
			if err == nil {
				keys = append(keys, out.AccessKey.AccessKeyId)
			}
			return err
		})
		require.NoError(t, err)
	}
	_, err = w.cloud.IAM("us-east-1", op, "iam:CreateAccessKey", "arn:aws:iam::"+dev+":root", func(a *account.Account) error {
		_, err := a.CreateAccessKey(account.CreateAccessKeyInput{})
		return err
	})
	assert.ErrorContains(t, err, "LimitExceeded")
	listed, err := w.cloud.Control().Accounts[dev].ListAccessKeys(account.ListAccessKeysInput{})
	require.NoError(t, err)
	require.Len(t, listed.AccessKeyMetadata, 2)
	for _, k := range listed.AccessKeyMetadata {
		assert.NotEqual(t, op.AccessKeyID, k.AccessKeyId)
		assert.Contains(t, keys, k.AccessKeyId)
	}

	// No key's last use is recorded for them.
	_, ok := w.cloud.AccessKeyLastUsed(op.AccessKeyID)
	assert.False(t, ok)
}

func TestOperatorCredentialsRefused(t *testing.T) {
	w := newWorld(t)
	op, err := w.cloud.OperatorCredentials(prod)
	require.NoError(t, err)

	_, err = w.cloud.OperatorCredentials("999988887777")
	assert.ErrorContains(t, err, "NoSuchEntity")

	tests := []struct {
		name  string
		creds Credentials
		code  string
	}{
		{"wrong secret", Credentials{AccessKeyID: op.AccessKeyID, SecretAccessKey: "not-the-secret"}, "SignatureDoesNotMatch"},
		{"with a session token", Credentials{AccessKeyID: op.AccessKeyID, SecretAccessKey: op.SecretAccessKey, SessionToken: "t"}, "InvalidClientTokenId"},
		{"a made-up operator key", Credentials{AccessKeyID: OperatorKeyPrefix + "AAAAAAAAAAAAAAAA", SecretAccessKey: op.SecretAccessKey}, "InvalidClientTokenId"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := w.cloud.Authorize("us-east-1", tt.creds, Call{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"})
			assert.ErrorContains(t, err, tt.code)
		})
	}

	// A new account reaches a region with its propagation, and its root
	// user with it.
	require.NoError(t, w.cloud.CreateAccount("777788889999", ""))
	fresh, err := w.cloud.OperatorCredentials("777788889999")
	require.NoError(t, err)
	_, err = w.cloud.Authorize("eu-west-1", fresh, Call{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"})
	assert.ErrorContains(t, err, "InvalidClientTokenId")
	w.settle()
	res, err := w.cloud.Authorize("eu-west-1", fresh, Call{Action: "s3:GetObject", Resource: "arn:aws:s3:::b/k"})
	require.NoError(t, err)
	assert.Equal(t, eval.Allowed, res.Decision)
}
