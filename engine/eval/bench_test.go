package eval

import (
	"sort"
	"testing"
	"time"

	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
)

// benchSet is the benchmark's policy set: ten identity statements in two
// policies (with wildcards, a policy variable and conditions), a permissions
// boundary and SCPs on two organization levels, and a mix of requests that
// end allowed, implicitly denied and explicitly denied.
func benchSet(t testing.TB) (*Policies, []Request) {
	ps := &Policies{
		Identity: []Policy{
			mustPolicy(t, policy.Identity, "Developers", `{"Version":"2012-10-17","Statement":[
				{"Sid":"ReadBuckets","Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":["arn:aws:s3:::team-*","arn:aws:s3:::team-*/*"]},
				{"Sid":"OwnHome","Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"},
				{"Sid":"Logs","Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":"arn:aws:logs:eu-west-1:111122223333:log-group:/app/*"},
				{"Sid":"Tables","Effect":"Allow","Action":"dynamodb:*Item","Resource":"arn:aws:dynamodb:eu-west-1:111122223333:table/orders"},
				{"Sid":"FromOffice","Effect":"Allow","Action":"ec2:Describe*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]}}}
			]}`),
			mustPolicy(t, policy.Identity, "Guardrails", `{"Version":"2012-10-17","Statement":[
				{"Sid":"NoSecrets","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::team-secrets/*"},
				{"Sid":"RequireMFAForIAM","Effect":"Deny","Action":"iam:*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}},
				{"Sid":"ReadIAM","Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"},
				{"Sid":"Tagged","Effect":"Allow","Action":"ec2:StartInstances","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"${aws:PrincipalTag/team}"}}},
				{"Sid":"Recent","Effect":"Allow","Action":"sts:GetSessionToken","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}}
			]}`),
		},
		Boundary: []Policy{mustPolicy(t, policy.Boundary, "DevBoundary", `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Action":["s3:*","logs:*","dynamodb:*","ec2:*","iam:Get*","iam:List*","sts:*"],"Resource":"*"}]}`)},
		SCP: []Level{
			{Name: "root", Policies: []Policy{mustPolicy(t, policy.SCP, "FullAWSAccess", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)}},
			{Name: "workloads", Policies: []Policy{mustPolicy(t, policy.SCP, "Regions", `{"Version":"2012-10-17","Statement":[
				{"Effect":"Allow","Action":"*","Resource":"*"},
				{"Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1","eu-central-1"]}}}]}`)}},
		},
	}
	caller, _ := principal.FromARN("arn:aws:iam::111122223333:user/alice")
	ctx := Context{}
	ctx.Set("aws:username", String, "alice")
	ctx.Set("aws:SourceIp", IP, "203.0.113.7")
	ctx.Set("aws:RequestedRegion", String, "eu-west-1")
	ctx.Set("aws:PrincipalTag/team", String, "payments")
	ctx.Set("aws:ResourceTag/team", String, "payments")
	ctx.Set("aws:MultiFactorAuthPresent", Boolean, "true")
	ctx.Set("aws:CurrentTime", Date, "2026-11-23T10:00:00Z")
	mk := func(action, resource string) Request {
		return Request{Principal: caller, Action: action, Resource: resource, Context: ctx}
	}
	return ps, []Request{
		mk("s3:GetObject", "arn:aws:s3:::team-payments/report.csv"),
		mk("s3:PutObject", "arn:aws:s3:::home/alice/notes.txt"),
		mk("s3:GetObject", "arn:aws:s3:::team-secrets/key.pem"),
		mk("logs:PutLogEvents", "arn:aws:logs:eu-west-1:111122223333:log-group:/app/web:log-stream:1"),
		mk("dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"),
		mk("ec2:DescribeInstances", "*"),
		mk("ec2:StartInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc"),
		mk("iam:ListUsers", "*"),
		mk("iam:CreateUser", "arn:aws:iam::111122223333:user/bob"),
		mk("sts:GetSessionToken", "*"),
		mk("kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/1234"),
		mk("s3:DeleteBucket", "arn:aws:s3:::team-payments"),
	}
}

// BenchmarkEvaluate measures the decision-only fast path over the request
// mix, and reports the median of per-request timings.
func BenchmarkEvaluate(b *testing.B) {
	ps, reqs := benchSet(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Evaluate(ps, &reqs[i%len(reqs)])
	}
	b.StopTimer()
	b.ReportMetric(medianNanos(func(r *Request) { Evaluate(ps, r) }, reqs), "median-ns/decision")
}

// BenchmarkExplain measures the same mix with the full explanation.
func BenchmarkExplain(b *testing.B) {
	ps, reqs := benchSet(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Explain(ps, &reqs[i%len(reqs)])
	}
	b.StopTimer()
	b.ReportMetric(medianNanos(func(r *Request) { Explain(ps, r) }, reqs), "median-ns/decision")
}

// BenchmarkCompile measures parsing and compiling the benchmark's policies.
func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		benchSet(b)
	}
}

// medianNanos times each request in batches and returns the median
// per-decision time across requests and rounds.
func medianNanos(f func(*Request), reqs []Request) float64 {
	const batch = 2000
	var samples []float64
	for round := 0; round < 5; round++ {
		for i := range reqs {
			start := time.Now()
			for range batch {
				f(&reqs[i])
			}
			samples = append(samples, float64(time.Since(start).Nanoseconds())/batch)
		}
	}
	sort.Float64s(samples)
	return samples[len(samples)/2]
}
