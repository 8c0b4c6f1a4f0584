package cloud

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A key's last use is the last request it signed that reached the cloud:
// a request (allowed or not), or an STS call; a session's requests do not
// count as its key's.
func TestAccessKeyLastUsed(t *testing.T) {
	w := newWorld(t)
	alice := w.user("alice", `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`)

	last, ok := w.cloud.AccessKeyLastUsed(alice.AccessKeyID)
	assert.False(t, ok, "a new key has not been used")
	assert.Nil(t, last.LastUsedDate)
	assert.Equal(t, "N/A", last.ServiceName)
	assert.Equal(t, "N/A", last.Region)

	w.decide("eu-west-1", alice, "s3:GetObject", "arn:aws:s3:::logs/a.txt")
	at := w.now
	last, ok = w.cloud.AccessKeyLastUsed(alice.AccessKeyID)
	require.True(t, ok)
	assert.Equal(t, at, *last.LastUsedDate)
	assert.Equal(t, "s3", last.ServiceName)
	assert.Equal(t, "eu-west-1", last.Region)

	w.advance(time.Minute)
	w.decide("us-east-1", alice, "ec2:RunInstances", "*")
	last, _ = w.cloud.AccessKeyLastUsed(alice.AccessKeyID)
	assert.Equal(t, "ec2", last.ServiceName, "a denied request counts too")

	w.advance(time.Minute)
	out, err := w.cloud.GetSessionToken("ap-southeast-2", alice, GetSessionTokenInput{})
	require.NoError(t, err)
	last, _ = w.cloud.AccessKeyLastUsed(alice.AccessKeyID)
	assert.Equal(t, "sts", last.ServiceName)
	assert.Equal(t, "ap-southeast-2", last.Region)
	stsAt := *last.LastUsedDate

	w.advance(time.Minute)
	w.decide("eu-west-1", out.Credentials.Credentials(), "s3:GetObject", "arn:aws:s3:::logs/a.txt")
	last, _ = w.cloud.AccessKeyLastUsed(alice.AccessKeyID)
	assert.Equal(t, stsAt, *last.LastUsedDate, "the session's request is not the key's")
}
