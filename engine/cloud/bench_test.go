package cloud

import (
	"testing"
)

// BenchmarkAuthorize measures one signed request end to end: authenticate
// an access key in a region's data plane, build the request context, gather
// the user's policies and decide, with the explanation.
func BenchmarkAuthorize(b *testing.B) {
	w := newWorld(b)
	alice := w.user("alice", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}`)
	call := Call{Action: "s3:GetObject", Resource: object, SourceIP: "203.0.113.9"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := w.cloud.Authorize("eu-west-1", alice, call); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthorizeSession is the same with role-session credentials.
func BenchmarkAuthorizeSession(b *testing.B) {
	w := newWorld(b)
	alice := w.user("alice", allowAll)
	roleARN := w.role("Reader", trustAccount, allowS3Read, 0)
	out, _, err := w.cloud.AssumeRole("us-east-1", alice, AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	creds := out.Credentials.Credentials()
	call := Call{Action: "s3:GetObject", Resource: object}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := w.cloud.Authorize("eu-west-1", creds, call); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssumeRole measures AssumeRole: authenticate, check the trust
// policy and the caller's permission, mint and record credentials.
func BenchmarkAssumeRole(b *testing.B) {
	w := newWorld(b)
	alice := w.user("alice", allowAssumeRole)
	roleARN := w.role("Reader", trustAccount, allowS3Read, 0)
	in := AssumeRoleInput{RoleArn: roleARN, RoleSessionName: "bench"}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := w.cloud.AssumeRole("eu-west-1", alice, in); err != nil {
			b.Fatal(err)
		}
	}
}
