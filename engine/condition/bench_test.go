package condition

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/iamlab/iamlab/engine/pattern"
)

// TestEvalDoesNotAllocate checks that evaluation allocates nothing, for
// every family, on the paths that match, miss, find the key absent, find a
// policy variable unresolved and read a bad request value.
func TestEvalDoesNotAllocate(t *testing.T) {
	tests := []struct {
		name   string
		c      Condition
		ctx    reqCtx
		values []string // request values tried in turn
	}{
		{"StringEquals", mustCompile(t, "StringEquals", "aws:username", "johndoe", "jane"), reqCtx{}, []string{"johndoe", "x"}},
		{"StringEqualsIgnoreCase", mustCompile(t, "StringNotEqualsIgnoreCase", "aws:username", "johndoe"), reqCtx{}, []string{"JohnDoe", "x"}},
		{"StringLike with a variable", mustCompile(t, "StringLike", "s3:prefix", "home/${aws:username}/*", "a*b?c*"), reqCtx{"aws:username": {"David"}}, []string{"home/David/x", "axbycz", "nope"}},
		{"StringLike with a variable unresolved", mustCompile(t, "ForAnyValue:StringLike", "s3:prefix", "home/${aws:userid}/*"), reqCtx{}, []string{"home/David/x"}},
		{"Numeric", mustCompile(t, "NumericLessThanEquals", "s3:max-keys", "10", "2.5"), reqCtx{}, []string{"10", "11", "abc", "1" + repeat('0', 400)}},
		{"Date", mustCompile(t, "DateGreaterThan", "aws:CurrentTime", "2020-01-01T00:00:01Z", "1577836800"), reqCtx{}, []string{"2021-06-01T10:00:00.5+02:00", "1577836700", "yesterday"}},
		{"Bool", mustCompile(t, "Bool", "aws:SecureTransport", "true", "${aws:ViaAWSService}"), reqCtx{"aws:ViaAWSService": {"false"}}, []string{"TRUE", "false", "yes"}},
		{"BinaryEquals", mustCompile(t, "BinaryEquals", "svc:key", "QmluYXJ5VmFsdWVJbkJhc2U2NA=="), reqCtx{}, []string{"QmluYXJ5VmFsdWVJbkJhc2U2NA==", "QQ==", "%%%"}},
		{"IpAddress", mustCompile(t, "IpAddress", "aws:SourceIp", "203.0.113.0/24", "2001:DB8:1234:5678::/64"), reqCtx{}, []string{"203.0.113.7", "::ffff:203.0.113.7", "2001:db8:1234:5678::1", "10.0.0.1", "fe80::1%eth0", "bad"}},
		{"NotIpAddress", mustCompile(t, "ForAllValues:NotIpAddress", "aws:SourceIp", "203.0.113.0/24"), reqCtx{}, []string{"203.0.113.7", "1::"}},
		{"ArnLike", mustCompile(t, "ArnLike", "aws:SourceArn", "arn:aws:sns:*:${aws:PrincipalAccount}:*"), reqCtx{"aws:PrincipalAccount": {"123456789012"}}, []string{"arn:aws:sns:us-east-1:123456789012:t", "not-an-arn"}},
		{"Null", mustCompile(t, "Null", "aws:TokenIssueTime", "false"), reqCtx{}, []string{"x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			absent := reqCtx{}
			for k, v := range tt.ctx {
				absent[k] = v
			}
			ctxs := []reqCtx{absent}
			for _, v := range tt.values {
				ctx := reqCtx{tt.c.Key(): {v, v}}
				for k, vs := range tt.ctx {
					ctx[k] = vs
				}
				ctxs = append(ctxs, ctx)
			}
			for _, ctx := range ctxs {
				allocs := testing.AllocsPerRun(100, func() { tt.c.Eval(ctx) })
				assert.Zero(t, allocs, "%v", ctx)
				b := Block{tt.c, tt.c}
				allocs = testing.AllocsPerRun(100, func() { b.Eval(ctx) })
				assert.Zero(t, allocs, "Block %v", ctx)
			}
		})
	}
}

// listCtx is a small request context as a list, so that the benchmarks
// measure the condition, not the test's map.
type listCtx []struct {
	key    string
	values []string
}

func (l listCtx) ContextValues(key string) ([]string, bool) {
	for _, e := range l {
		if strings.EqualFold(e.key, key) {
			return e.values, true
		}
	}
	return nil, false
}

func benchEval(b *testing.B, c Condition, m reqCtx) {
	b.Helper()
	var ctx listCtx
	for k, v := range m {
		ctx = append(ctx, struct {
			key    string
			values []string
		}{k, v})
	}
	var pc pattern.Context = ctx // convert once: the conversion allocates
	b.ReportAllocs()
	for b.Loop() {
		c.Eval(pc)
	}
}

func BenchmarkStringEquals(b *testing.B) {
	c := mustCompile(b, "StringEquals", "aws:PrincipalTag/job-category", "iamuser-admin", "billing-admin")
	benchEval(b, c, reqCtx{"aws:PrincipalTag/job-category": {"billing-admin"}})
}

func BenchmarkStringLikeVariable(b *testing.B) {
	c := mustCompile(b, "StringLike", "s3:prefix", "", "home/", "home/${aws:username}/*")
	benchEval(b, c, reqCtx{"s3:prefix": {"home/David/photos/2020/"}, "aws:username": {"David"}})
}

func BenchmarkIpAddress(b *testing.B) {
	c := mustCompile(b, "IpAddress", "aws:SourceIp", "203.0.113.0/24", "2001:DB8:1234:5678::/64")
	benchEval(b, c, reqCtx{"aws:SourceIp": {"2001:db8:1234:5678:abcd::1"}})
}

func BenchmarkDateGreaterThan(b *testing.B) {
	c := mustCompile(b, "DateGreaterThan", "aws:TokenIssueTime", "2020-01-01T00:00:01Z")
	benchEval(b, c, reqCtx{"aws:TokenIssueTime": {"2024-06-01T12:34:56.789Z"}})
}
