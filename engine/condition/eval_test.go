package condition

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The AWS documents whose rules the evaluation tests check. Each case names
// its document and section.
const (
	condDoc     = "reference_policies_elements_condition.md"
	opsDoc      = "reference_policies_elements_condition_operators.md"
	multiDoc    = "reference_policies_multi-value-conditions.md"
	varsDoc     = "reference_policies_variables.md"
	keysDoc     = "reference_policies_condition-keys.md"
	analyzerDoc = "access-analyzer-reference-policy-checks.md"
	pkgDoc      = "this package's doc.go" // our reading where AWS says nothing
)

type evalCase struct {
	doc, section, name string
	op, key            string
	values             []string
	ctx                reqCtx
	ok                 bool
	why                Outcome
}

func runEvalCases(t *testing.T, cases []evalCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.section+"/"+tt.name, func(t *testing.T) {
			c := mustCompile(t, tt.op, tt.key, tt.values...)
			ok, why := c.Eval(tt.ctx)
			assert.Equal(t, tt.ok, ok, "ok (%s, %s)", tt.doc, tt.section)
			assert.Equal(t, tt.why, why, "why (%s, %s)", tt.doc, tt.section)
			assert.Equal(t, ok, why == Matched, "ok if and only if Matched")
		})
	}
}

func casesConditionElement() []evalCase {
	s := "Condition element"
	rc := "The request context"
	return []evalCase{
		{condDoc, s, "StringEquals matches johndoe", "StringEquals", "aws:username", []string{"johndoe"}, reqCtx{"aws:username": {"johndoe"}}, true, Matched},
		{condDoc, s, "StringEquals denies JohnDoe", "StringEquals", "aws:username", []string{"johndoe"}, reqCtx{"aws:username": {"JohnDoe"}}, false, NotMatched},
		{condDoc, s, "StringEqualsIgnoreCase matches JohnDoe", "StringEqualsIgnoreCase", "aws:username", []string{"johndoe"}, reqCtx{"aws:username": {"JohnDoe"}}, true, Matched},
		{condDoc, s, "key names are not case-sensitive", "IpAddress", "aws:SourceIP", []string{"203.0.113.0/24"}, reqCtx{"AWS:SourceIp": {"203.0.113.9"}}, true, Matched},
		{condDoc, s, "tag key names are not case-sensitive", "StringEquals", "aws:ResourceTag/TagKey1", []string{"Value1"}, reqCtx{"aws:ResourceTag/tagkey1": {"Value1"}}, true, Matched},
		{condDoc, rc, "MFA within the hour: true", "NumericLessThanEquals", "aws:MultiFactorAuthAge", []string{"3600"}, reqCtx{"aws:MultiFactorAuthAge": {"1800"}}, true, Matched},
		{condDoc, rc, "MFA more than an hour ago: false", "NumericLessThanEquals", "aws:MultiFactorAuthAge", []string{"3600"}, reqCtx{"aws:MultiFactorAuthAge": {"7200"}}, false, NotMatched},
		{condDoc, rc, "access keys: not present, no match", "NumericLessThanEquals", "aws:MultiFactorAuthAge", []string{"3600"}, reqCtx{}, false, KeyMissing},
		{condDoc, rc, "null data set: ForAllValues holds", "ForAllValues:StringEquals", "aws:TagKeys", []string{"environment"}, reqCtx{"aws:TagKeys": {}}, true, Matched},
		{condDoc, "The condition block", "StringLike janedoe/*", "StringLike", "s3:prefix", []string{"janedoe/*"}, reqCtx{"s3:prefix": {"janedoe/photos/"}}, true, Matched},
		{condDoc, "The condition block", "StringLike janedoe/* misses", "StringLike", "s3:prefix", []string{"janedoe/*"}, reqCtx{"s3:prefix": {"johndoe/"}}, false, NotMatched},
		{condDoc, "The condition block", "StringLike with ${aws:username}", "StringLike", "s3:prefix", []string{"${aws:username}/*"}, reqCtx{"s3:prefix": {"janedoe/a"}, "aws:username": {"janedoe"}}, true, Matched},
		{condDoc, "The condition block", "StringLike with ${aws:username} of another user", "StringLike", "s3:prefix", []string{"${aws:username}/*"}, reqCtx{"s3:prefix": {"janedoe/a"}, "aws:username": {"john"}}, false, NotMatched},
	}
}

func TestEvalConditionElement(t *testing.T) { runEvalCases(t, casesConditionElement()) }

func casesString() []evalCase {
	s := "String condition operators"
	imp := "Important (key not present)"
	home := []string{"", "home/", "home/${aws:username}/"}
	return []evalCase{
		{opsDoc, s, "job category tag present", "StringEquals", "aws:PrincipalTag/job-category", []string{"iamuser-admin"}, reqCtx{"aws:PrincipalTag/job-category": {"iamuser-admin"}}, true, Matched},
		{opsDoc, s, "user without the tag", "StringEquals", "aws:PrincipalTag/job-category", []string{"iamuser-admin"}, reqCtx{}, false, KeyMissing},
		{opsDoc, s, "home: empty prefix", "StringLike", "s3:prefix", home, reqCtx{"s3:prefix": {""}, "aws:username": {"David"}}, true, Matched},
		{opsDoc, s, "home: home/", "StringLike", "s3:prefix", home, reqCtx{"s3:prefix": {"home/"}, "aws:username": {"David"}}, true, Matched},
		{opsDoc, s, "home: own folder", "StringLike", "s3:prefix", home, reqCtx{"s3:prefix": {"home/David/"}, "aws:username": {"David"}}, true, Matched},
		{opsDoc, s, "home: another user's folder", "StringLike", "s3:prefix", home, reqCtx{"s3:prefix": {"home/Alice/"}, "aws:username": {"David"}}, false, NotMatched},
		{opsDoc, s, "home: no user name", "StringLike", "s3:prefix", home, reqCtx{"s3:prefix": {"home/David/"}}, false, Unresolved},
		{opsDoc, s, "StringLike ? is one character", "StringLike", "ec2:InstanceType", []string{"t?.micro"}, reqCtx{"ec2:InstanceType": {"t2.micro"}}, true, Matched},
		{opsDoc, s, "StringLike is case-sensitive", "StringLike", "ec2:InstanceType", []string{"t2.*"}, reqCtx{"ec2:InstanceType": {"T2.micro"}}, false, NotMatched},
		{opsDoc, s, "StringEquals has no wildcards", "StringEquals", "s3:prefix", []string{"janedoe/*"}, reqCtx{"s3:prefix": {"janedoe/x"}}, false, NotMatched},
		{opsDoc, s, "StringEquals: * is a character", "StringEquals", "s3:prefix", []string{"janedoe/*"}, reqCtx{"s3:prefix": {"janedoe/*"}}, true, Matched},
		{opsDoc, s, "StringNotEquals: other value", "StringNotEquals", "s3:x-amz-server-side-encryption", []string{"AES256"}, reqCtx{"s3:x-amz-server-side-encryption": {"aws:kms"}}, true, Matched},
		{opsDoc, s, "StringNotEquals: same value", "StringNotEquals", "s3:x-amz-server-side-encryption", []string{"AES256"}, reqCtx{"s3:x-amz-server-side-encryption": {"AES256"}}, false, NotMatched},
		{opsDoc, s, "StringNotEqualsIgnoreCase: same but case", "StringNotEqualsIgnoreCase", "aws:username", []string{"johndoe"}, reqCtx{"aws:username": {"JOHNDOE"}}, false, NotMatched},
		{opsDoc, s, "StringNotEqualsIgnoreCase: other", "StringNotEqualsIgnoreCase", "aws:username", []string{"johndoe"}, reqCtx{"aws:username": {"jane"}}, true, Matched},
		{opsDoc, s, "StringNotLike: matches a pattern", "StringNotLike", "s3:prefix", []string{"private/*"}, reqCtx{"s3:prefix": {"private/x"}}, false, NotMatched},
		{opsDoc, s, "StringNotLike: matches none", "StringNotLike", "s3:prefix", []string{"private/*"}, reqCtx{"s3:prefix": {"public/x"}}, true, Matched},
		{opsDoc, imp, "StringNotLike: key absent is true", "StringNotLike", "s3:prefix", []string{"private/*"}, reqCtx{}, true, Matched},
		{opsDoc, imp, "StringNotEquals: key absent is true", "StringNotEquals", "aws:PrincipalTag/x", []string{"a"}, reqCtx{}, true, Matched},
		{opsDoc, imp, "StringLike: key absent is false", "StringLike", "s3:prefix", []string{"*"}, reqCtx{}, false, KeyMissing},
	}
}

func TestEvalString(t *testing.T) { runEvalCases(t, casesString()) }

func casesNumeric() []evalCase {
	s := "Numeric condition operators"
	return []evalCase{
		{opsDoc, s, "max-keys 10 is allowed", "NumericLessThanEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"10"}}, true, Matched},
		{opsDoc, s, "max-keys 11 is not", "NumericLessThanEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"11"}}, false, NotMatched},
		{opsDoc, s, "a decimal request value", "NumericLessThanEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"9.5"}}, true, Matched},
		{opsDoc, s, "max-keys absent", "NumericLessThanEquals", "s3:max-keys", []string{"10"}, reqCtx{}, false, KeyMissing},
		{opsDoc, s, "NumericEquals compares numbers, not text", "NumericEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"10.0"}}, true, Matched},
		{opsDoc, s, "NumericEquals with a leading zero", "NumericEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"010"}}, true, Matched},
		{opsDoc, s, "NumericNotEquals other", "NumericNotEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"11"}}, true, Matched},
		{opsDoc, s, "NumericNotEquals same", "NumericNotEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"10"}}, false, NotMatched},
		{opsDoc, s, "NumericLessThan at the bound", "NumericLessThan", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"10"}}, false, NotMatched},
		{opsDoc, s, "NumericLessThan below", "NumericLessThan", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"-3"}}, true, Matched},
		{opsDoc, s, "NumericGreaterThan at the bound", "NumericGreaterThan", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"10"}}, false, NotMatched},
		{opsDoc, s, "NumericGreaterThan above", "NumericGreaterThan", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"10.001"}}, true, Matched},
		{opsDoc, s, "NumericGreaterThanEquals at the bound", "NumericGreaterThanEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"10"}}, true, Matched},
		{opsDoc, s, "values are OR'ed", "NumericEquals", "s3:max-keys", []string{"5", "10"}, reqCtx{"s3:max-keys": {"10"}}, true, Matched},
		{opsDoc, s, "NumericNotEquals with several values: none may equal", "NumericNotEquals", "s3:max-keys", []string{"5", "10"}, reqCtx{"s3:max-keys": {"10"}}, false, NotMatched},
	}
}

func TestEvalNumeric(t *testing.T) { runEvalCases(t, casesNumeric()) }

func casesDate() []evalCase {
	s := "Date condition operators"
	return []evalCase{
		{opsDoc, s, "credentials issued in 2020", "DateGreaterThan", "aws:TokenIssueTime", []string{"2020-01-01T00:00:01Z"}, reqCtx{"aws:TokenIssueTime": {"2020-06-01T12:00:00Z"}}, true, Matched},
		{opsDoc, s, "credentials issued before", "DateGreaterThan", "aws:TokenIssueTime", []string{"2020-01-01T00:00:01Z"}, reqCtx{"aws:TokenIssueTime": {"2019-12-31T23:59:59Z"}}, false, NotMatched},
		{opsDoc, s, "at the instant is not greater", "DateGreaterThan", "aws:TokenIssueTime", []string{"2020-01-01T00:00:01Z"}, reqCtx{"aws:TokenIssueTime": {"2020-01-01T00:00:01Z"}}, false, NotMatched},
		{opsDoc, s, "a fraction of a second later", "DateGreaterThan", "aws:TokenIssueTime", []string{"2020-01-01T00:00:01Z"}, reqCtx{"aws:TokenIssueTime": {"2020-01-01T00:00:01.001Z"}}, true, Matched},
		{opsDoc, s, "long-term access keys: key absent", "DateGreaterThan", "aws:TokenIssueTime", []string{"2020-01-01T00:00:01Z"}, reqCtx{}, false, KeyMissing},
		{opsDoc, s, "dates compare as instants across zones", "DateEquals", "aws:CurrentTime", []string{"2020-01-01"}, reqCtx{"aws:CurrentTime": {"2020-01-01T02:00:00+02:00"}}, true, Matched},
		{opsDoc, s, "a negative offset", "DateEquals", "aws:CurrentTime", []string{"2020-01-01T05:30Z"}, reqCtx{"aws:CurrentTime": {"2020-01-01T00:00:00-05:30"}}, true, Matched},
		{opsDoc, s, "epoch time in the policy", "DateLessThan", "aws:EpochTime", []string{"1577836800"}, reqCtx{"aws:EpochTime": {"1577836799"}}, true, Matched},
		{opsDoc, s, "epoch request against ISO policy", "DateGreaterThanEquals", "aws:EpochTime", []string{"2020-01-01T00:00:00Z"}, reqCtx{"aws:EpochTime": {"1577836800"}}, true, Matched},
		{opsDoc, s, "DateLessThanEquals at the instant", "DateLessThanEquals", "aws:CurrentTime", []string{"2020-01-01T00:00:00.5Z"}, reqCtx{"aws:CurrentTime": {"2020-01-01T00:00:00.500Z"}}, true, Matched},
		{opsDoc, s, "DateNotEquals other", "DateNotEquals", "aws:CurrentTime", []string{"2020-01-01"}, reqCtx{"aws:CurrentTime": {"2020-01-02"}}, true, Matched},
		{opsDoc, s, "DateNotEquals same", "DateNotEquals", "aws:CurrentTime", []string{"2020-01-01"}, reqCtx{"aws:CurrentTime": {"1577836800"}}, false, NotMatched},
		{opsDoc, s, "a leap day", "DateLessThan", "aws:CurrentTime", []string{"2024-03-01"}, reqCtx{"aws:CurrentTime": {"2024-02-29T23:59:59Z"}}, true, Matched},
	}
}

func TestEvalDate(t *testing.T) { runEvalCases(t, casesDate()) }

func casesBoolBinaryIP() []evalCase {
	b := "Boolean condition operators"
	bin := "Binary condition operators"
	ip := "IP address condition operators"
	mixed := []string{"203.0.113.0/24", "2001:DB8:1234:5678::/64"}
	return []evalCase{
		{opsDoc, b, "not over SSL", "Bool", "aws:SecureTransport", []string{"false"}, reqCtx{"aws:SecureTransport": {"false"}}, true, Matched},
		{opsDoc, b, "over SSL", "Bool", "aws:SecureTransport", []string{"false"}, reqCtx{"aws:SecureTransport": {"true"}}, false, NotMatched},
		{opsDoc, b, "letter case is ignored", "Bool", "aws:SecureTransport", []string{"False"}, reqCtx{"aws:SecureTransport": {"FALSE"}}, true, Matched},
		{varsDoc, "Condition element", "no policy variable in Bool: the text is literal and matches nothing", "Bool", "aws:SecureTransport", []string{"${aws:ViaAWSService}"}, reqCtx{"aws:SecureTransport": {"true"}, "aws:ViaAWSService": {"TRUE"}}, false, NotMatched},
		{varsDoc, "Condition element", "no policy variable in Bool, whether the key has a value or not", "Bool", "aws:SecureTransport", []string{"${aws:ViaAWSService}"}, reqCtx{"aws:SecureTransport": {"true"}}, false, NotMatched},
		{varsDoc, "Condition element", "no policy variable in Bool: the other values still count", "Bool", "aws:SecureTransport", []string{"${aws:ViaAWSService}", "true"}, reqCtx{"aws:SecureTransport": {"true"}, "aws:ViaAWSService": {"true"}}, true, Matched},
		{varsDoc, "Condition element", "no policy variable in Numeric: a negated operator holds", "NumericNotEquals", "aws:MultiFactorAuthAge", []string{"${aws:MultiFactorAuthAge}"}, reqCtx{"aws:MultiFactorAuthAge": {"5"}}, true, Matched},
		{varsDoc, "Condition element", "no policy variable in Numeric", "NumericEquals", "aws:MultiFactorAuthAge", []string{"${aws:MultiFactorAuthAge}"}, reqCtx{"aws:MultiFactorAuthAge": {"5"}}, false, NotMatched},
		{varsDoc, "Condition element", "no policy variable in Date", "DateLessThan", "aws:CurrentTime", []string{"${aws:TokenIssueTime}"}, reqCtx{"aws:CurrentTime": {"2020-01-01T00:00:00Z"}, "aws:TokenIssueTime": {"2030-01-01T00:00:00Z"}}, false, NotMatched},
		{varsDoc, "Condition element", "no policy variable in IpAddress", "IpAddress", "aws:SourceIp", []string{"${aws:SourceIp}"}, reqCtx{"aws:SourceIp": {"203.0.113.7"}}, false, NotMatched},
		{varsDoc, "Condition element", "no policy variable in BinaryEquals", "BinaryEquals", "svc:key", []string{"${svc:key}"}, reqCtx{"svc:key": {"QQ=="}}, false, NotMatched},
		{varsDoc, "Condition element", "no policy variable in Null: it never holds", "Null", "aws:TokenIssueTime", []string{"${svc:v}"}, reqCtx{"svc:v": {"true"}}, false, KeyMissing},
		{opsDoc, bin, "the page's base64 value", "BinaryEquals", "svc:key", []string{"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}, reqCtx{"svc:key": {"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}}, true, Matched},
		{opsDoc, bin, "one byte differs", "BinaryEquals", "svc:key", []string{"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}, reqCtx{"svc:key": {"QmluYXJ5VmFsdWVJbkJhc2U2NQ=="}}, false, NotMatched},
		{opsDoc, bin, "a prefix is not equal", "BinaryEquals", "svc:key", []string{"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}, reqCtx{"svc:key": {"QmluYXJ5"}}, false, NotMatched},
		{opsDoc, bin, "byte for byte: same bytes, other spelling", "BinaryEquals", "svc:key", []string{"QR=="}, reqCtx{"svc:key": {"QQ=="}}, true, Matched},
		{opsDoc, bin, "empty value", "BinaryEquals", "svc:key", []string{""}, reqCtx{"svc:key": {""}}, true, Matched},
		{opsDoc, bin, "key absent", "BinaryEquals", "svc:key", []string{"QQ=="}, reqCtx{}, false, KeyMissing},
		{opsDoc, ip, "in 203.0.113.0/24", "IpAddress", "aws:SourceIp", []string{"203.0.113.0/24"}, reqCtx{"aws:SourceIp": {"203.0.113.255"}}, true, Matched},
		{opsDoc, ip, "outside 203.0.113.0/24", "IpAddress", "aws:SourceIp", []string{"203.0.113.0/24"}, reqCtx{"aws:SourceIp": {"203.0.114.0"}}, false, NotMatched},
		{opsDoc, ip, "VPC endpoint: key absent", "IpAddress", "aws:SourceIp", []string{"203.0.113.0/24"}, reqCtx{}, false, KeyMissing},
		{opsDoc, ip, "bare address is /32", "IpAddress", "aws:SourceIp", []string{"203.0.113.7"}, reqCtx{"aws:SourceIp": {"203.0.113.8"}}, false, NotMatched},
		{opsDoc, ip, "bare address matches itself", "IpAddress", "aws:SourceIp", []string{"203.0.113.7"}, reqCtx{"aws:SourceIp": {"203.0.113.7"}}, true, Matched},
		{opsDoc, ip, "mixed v4 and v6: v6 in range", "IpAddress", "aws:SourceIp", mixed, reqCtx{"aws:SourceIp": {"2001:db8:1234:5678:abcd::1"}}, true, Matched},
		{opsDoc, ip, "mixed v4 and v6: v6 out of range", "IpAddress", "aws:SourceIp", mixed, reqCtx{"aws:SourceIp": {"2001:db8:1234:5679::1"}}, false, NotMatched},
		{opsDoc, ip, "mixed v4 and v6: v4 in range", "IpAddress", "aws:SourceIp", mixed, reqCtx{"aws:SourceIp": {"203.0.113.1"}}, true, Matched},
		{opsDoc, ip, "IPv4-mapped request compares as IPv4", "IpAddress", "aws:SourceIp", mixed, reqCtx{"aws:SourceIp": {"::ffff:203.0.113.1"}}, true, Matched},
		{opsDoc, ip, "IPv4-mapped policy range compares as IPv4", "IpAddress", "aws:SourceIp", []string{"::ffff:203.0.113.0/120"}, reqCtx{"aws:SourceIp": {"203.0.113.77"}}, true, Matched},
		{opsDoc, ip, "host bits in the policy are ignored", "IpAddress", "aws:SourceIp", []string{"203.0.113.99/24"}, reqCtx{"aws:SourceIp": {"203.0.113.1"}}, true, Matched},
		{opsDoc, ip, "IPv6 :: shorthand", "IpAddress", "aws:SourceIp", []string{"2001:db8::/32"}, reqCtx{"aws:SourceIp": {"2001:0db8:0000:0000:0000:0000:0000:0001"}}, true, Matched},
		{opsDoc, ip, "v6 range does not hold v4", "IpAddress", "aws:SourceIp", []string{"::/0"}, reqCtx{"aws:SourceIp": {"203.0.113.1"}}, false, NotMatched},
		{opsDoc, ip, "NotIpAddress outside", "NotIpAddress", "aws:SourceIp", []string{"203.0.113.0/24"}, reqCtx{"aws:SourceIp": {"198.51.100.1"}}, true, Matched},
		{opsDoc, ip, "NotIpAddress inside", "NotIpAddress", "aws:SourceIp", []string{"203.0.113.0/24"}, reqCtx{"aws:SourceIp": {"203.0.113.5"}}, false, NotMatched},
		{opsDoc, ip, "NotIpAddress with the key absent", "NotIpAddress", "aws:SourceIp", []string{"203.0.113.0/24"}, reqCtx{}, true, Matched},
	}
}

func TestEvalBoolBinaryIP(t *testing.T) { runEvalCases(t, casesBoolBinaryIP()) }

func casesArn() []evalCase {
	s := "Amazon Resource Name (ARN) condition operators"
	topic := "arn:aws:sns:REGION:123456789012:TOPIC-ID"
	finance := "arn:aws:someservice:*:111122223333:finance/*"
	store := "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"
	return []evalCase{
		{opsDoc, s, "SNS topic sends", "ArnEquals", "aws:SourceArn", []string{topic}, reqCtx{"aws:SourceArn": {topic}}, true, Matched},
		{opsDoc, s, "another topic", "ArnEquals", "aws:SourceArn", []string{topic}, reqCtx{"aws:SourceArn": {"arn:aws:sns:REGION:123456789012:OTHER"}}, false, NotMatched},
		{opsDoc, s, "IAM user calls directly: key absent", "ArnEquals", "aws:SourceArn", []string{topic}, reqCtx{}, false, KeyMissing},
		{opsDoc, s, "StringLike: the first * crosses colons", "StringLike", "aws:SourceArn", []string{finance}, reqCtx{"aws:SourceArn": {store}}, true, Matched},
		{opsDoc, s, "ArnLike: each part is matched separately", "ArnLike", "aws:SourceArn", []string{finance}, reqCtx{"aws:SourceArn": {store}}, false, NotMatched},
		{opsDoc, s, "ArnLike: a proper match", "ArnLike", "aws:SourceArn", []string{finance}, reqCtx{"aws:SourceArn": {"arn:aws:someservice:us-east-2:111122223333:finance/document.txt"}}, true, Matched},
		{opsDoc, s, "ArnEquals behaves as ArnLike", "ArnEquals", "aws:SourceArn", []string{finance}, reqCtx{"aws:SourceArn": {"arn:aws:someservice:us-east-2:111122223333:finance/document.txt"}}, true, Matched},
		{opsDoc, s, "ArnLike is case-sensitive", "ArnLike", "aws:SourceArn", []string{"arn:aws:s3:::Bucket/*"}, reqCtx{"aws:SourceArn": {"arn:aws:s3:::bucket/x"}}, false, NotMatched},
		{opsDoc, s, "ArnNotEquals matching", "ArnNotEquals", "aws:SourceArn", []string{topic}, reqCtx{"aws:SourceArn": {topic}}, false, NotMatched},
		{opsDoc, s, "ArnNotLike other", "ArnNotLike", "aws:SourceArn", []string{finance}, reqCtx{"aws:SourceArn": {store}}, true, Matched},
		{opsDoc, "Important (key not present)", "ArnNotLike absent", "ArnNotLike", "aws:SourceArn", []string{finance}, reqCtx{}, true, Matched},
		{opsDoc, s, "a policy variable", "ArnLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:user/${aws:username}"}, reqCtx{"aws:PrincipalArn": {"arn:aws:iam::123456789012:user/David"}, "aws:username": {"David"}}, true, Matched},
		{opsDoc, s, "a policy variable with no value", "ArnLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:user/${aws:username}"}, reqCtx{"aws:PrincipalArn": {"arn:aws:iam::123456789012:user/David"}}, false, Unresolved},
		{opsDoc, s, "an ARN is considered a string: not an ARN is a plain mismatch", "ArnLike", "aws:SourceArn", []string{finance}, reqCtx{"aws:SourceArn": {"not-an-arn"}}, false, NotMatched},
		{opsDoc, s, "ArnNotLike with a value that is not an ARN", "ArnNotLike", "aws:SourceArn", []string{finance}, reqCtx{"aws:SourceArn": {"not-an-arn"}}, true, Matched},
	}
}

func TestEvalArn(t *testing.T) { runEvalCases(t, casesArn()) }

func casesIfExistsAndNull() []evalCase {
	ie := "...IfExists condition operators"
	null := "Condition operator to check existence of condition keys"
	types := []string{"t1.*", "t2.*", "m3.*"}
	return []evalCase{
		{opsDoc, ie, "THISPOLICYDOESNOTWORK: image without the key", "StringLike", "ec2:InstanceType", types, reqCtx{}, false, KeyMissing},
		{opsDoc, ie, "StringLikeIfExists: image without the key", "StringLikeIfExists", "ec2:InstanceType", types, reqCtx{}, true, Matched},
		{opsDoc, ie, "StringLikeIfExists: t2 instance", "StringLikeIfExists", "ec2:InstanceType", types, reqCtx{"ec2:InstanceType": {"t2.micro"}}, true, Matched},
		{opsDoc, ie, "StringLikeIfExists: c5 instance", "StringLikeIfExists", "ec2:InstanceType", types, reqCtx{"ec2:InstanceType": {"c5.large"}}, false, NotMatched},
		{opsDoc, ie, "StringNotEqualsIfExists: tag missing", "StringNotEqualsIfExists", "aws:ResourceTag/env", []string{"prod"}, reqCtx{}, true, Matched},
		{opsDoc, ie, "StringNotEqualsIfExists: tag equal", "StringNotEqualsIfExists", "aws:ResourceTag/env", []string{"prod"}, reqCtx{"aws:ResourceTag/env": {"prod"}}, false, NotMatched},
		{opsDoc, ie, "NumericLessThanIfExists: present and too large", "NumericLessThanIfExists", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"50"}}, false, NotMatched},
		{opsDoc, ie, "IpAddressIfExists: absent", "IpAddressIfExists", "aws:SourceIp", []string{"203.0.113.0/24"}, reqCtx{}, true, Matched},
		{opsDoc, null, "not temporary credentials", "Null", "aws:TokenIssueTime", []string{"true"}, reqCtx{}, true, Matched},
		{opsDoc, null, "temporary credentials", "Null", "aws:TokenIssueTime", []string{"true"}, reqCtx{"aws:TokenIssueTime": {"2020-01-01T00:00:00Z"}}, false, NotMatched},
		{opsDoc, null, "false: key exists", "Null", "aws:TokenIssueTime", []string{"false"}, reqCtx{"aws:TokenIssueTime": {"2020-01-01T00:00:00Z"}}, true, Matched},
		{opsDoc, null, "false: key absent", "Null", "aws:TokenIssueTime", []string{"false"}, reqCtx{}, false, KeyMissing},
		{opsDoc, null, "letter case of true", "Null", "aws:TokenIssueTime", []string{"TRUE"}, reqCtx{}, true, Matched},
		{opsDoc, null, "an empty string is a value", "Null", "aws:TokenIssueTime", []string{"false"}, reqCtx{"aws:TokenIssueTime": {""}}, true, Matched},
		{pkgDoc, "Evaluation", "a key with no values is null", "Null", "aws:TagKeys", []string{"true"}, reqCtx{"aws:TagKeys": {}}, true, Matched},
		{pkgDoc, "Evaluation", "both true and false: always holds", "Null", "aws:TagKeys", []string{"true", "false"}, reqCtx{"aws:TagKeys": {"a"}}, true, Matched},
		{keysDoc, "aws:Ec2InstanceSourceVpc", "Null false on SourceInstanceARN", "Null", "ec2:SourceInstanceARN", []string{"false"}, reqCtx{"ec2:SourceInstanceARN": {"arn:aws:ec2:us-east-1:123456789012:instance/i-1"}}, true, Matched},
		{analyzerDoc, "Null with qualifier", "ForAllValues:Null always true", "ForAllValues:Null", "aws:TagKeys", []string{"false"}, reqCtx{}, true, Matched},
		{analyzerDoc, "Null with qualifier", "ForAnyValue:Null always false", "ForAnyValue:Null", "aws:TagKeys", []string{"true"}, reqCtx{}, false, NotMatched},
	}
}

func TestEvalIfExistsAndNull(t *testing.T) { runEvalCases(t, casesIfExistsAndNull()) }

func casesMFA() []evalCase {
	s := "aws:MultiFactorAuthPresent"
	return []evalCase{
		{keysDoc, s, "BoolIfExists false: long-term keys (absent) denied", "BoolIfExists", "aws:MultiFactorAuthPresent", []string{"false"}, reqCtx{}, true, Matched},
		{keysDoc, s, "BoolIfExists false: temporary without MFA denied", "BoolIfExists", "aws:MultiFactorAuthPresent", []string{"false"}, reqCtx{"aws:MultiFactorAuthPresent": {"false"}}, true, Matched},
		{keysDoc, s, "BoolIfExists false: with MFA not denied", "BoolIfExists", "aws:MultiFactorAuthPresent", []string{"false"}, reqCtx{"aws:MultiFactorAuthPresent": {"true"}}, false, NotMatched},
		{keysDoc, s, "Bool false (not recommended): long-term keys slip through", "Bool", "aws:MultiFactorAuthPresent", []string{"false"}, reqCtx{}, false, KeyMissing},
		{keysDoc, s, "Bool true: only MFA requests", "Bool", "aws:MultiFactorAuthPresent", []string{"true"}, reqCtx{"aws:MultiFactorAuthPresent": {"true"}}, true, Matched},
		{keysDoc, s, "Null false (caution): any temporary credentials", "Null", "aws:MultiFactorAuthPresent", []string{"false"}, reqCtx{"aws:MultiFactorAuthPresent": {"false"}}, true, Matched},
	}
}

func TestEvalMFA(t *testing.T) { runEvalCases(t, casesMFA()) }

func casesMultiValue() []evalCase {
	and := "Evaluation logic for conditions with multiple keys or values"
	use := "Using multiple keys and values"
	ex := "Examples of using multiple values with condition set operators"
	logic := "Evaluation logic for multiple values with condition set operators"
	get := []string{"ID", "Message", "Tags"}
	forbid := []string{"ID", "PostDateTime"}
	three := []string{"PostDateTime", "Message", "Tags"}
	accounts := []string{"111122223333", "444455556666"}
	return []evalCase{
		{multiDoc, and, "values of one key are OR'ed", "StringEqualsIgnoreCase", "aws:PrincipalTag/department", []string{"finance", "hr", "legal"}, reqCtx{"aws:PrincipalTag/department": {"HR"}}, true, Matched},
		{multiDoc, and, "negated with several values works like AND: one equal", "StringNotEquals", "aws:PrincipalAccount", accounts, reqCtx{"aws:PrincipalAccount": {"444455556666"}}, false, NotMatched},
		{multiDoc, and, "negated with several values works like AND: none equal", "StringNotEquals", "aws:PrincipalAccount", accounts, reqCtx{"aws:PrincipalAccount": {"777788889999"}}, true, Matched},
		{multiDoc, and, "DateNotEquals with several values", "DateNotEquals", "aws:CurrentTime", []string{"2020-01-01", "2020-01-02"}, reqCtx{"aws:CurrentTime": {"2020-01-02T00:00:00Z"}}, false, NotMatched},
		{multiDoc, ex, "ForAllValues: Message and Tags", "ForAllValues:StringEquals", "dynamodb:Attributes", get, reqCtx{"dynamodb:Attributes": {"Message", "Tags"}}, true, Matched},
		{multiDoc, ex, "ForAllValues: with the ID key attribute", "ForAllValues:StringEquals", "dynamodb:Attributes", get, reqCtx{"dynamodb:Attributes": {"ID", "Message", "Tags"}}, true, Matched},
		{multiDoc, ex, "ForAllValues: UserName fails", "ForAllValues:StringEquals", "dynamodb:Attributes", get, reqCtx{"dynamodb:Attributes": {"ID", "UserName"}}, false, NotMatched},
		{multiDoc, ex, "ForAllValues: no keys in the request", "ForAllValues:StringEquals", "dynamodb:Attributes", get, reqCtx{}, true, Matched},
		{multiDoc, ex, "ForAllValues: empty data set", "ForAllValues:StringEquals", "dynamodb:Attributes", get, reqCtx{"dynamodb:Attributes": {}}, true, Matched},
		{multiDoc, ex, "ForAnyValue: PostDateTime and Message", "ForAnyValue:StringEquals", "dynamodb:Attributes", forbid, reqCtx{"dynamodb:Attributes": {"PostDateTime", "Message"}}, true, Matched},
		{multiDoc, ex, "ForAnyValue: just UserName", "ForAnyValue:StringEquals", "dynamodb:Attributes", forbid, reqCtx{"dynamodb:Attributes": {"UserName"}}, false, NotMatched},
		{multiDoc, use, "ForAnyValue: no matching key", "ForAnyValue:StringEquals", "dynamodb:Attributes", forbid, reqCtx{}, false, KeyMissing},
		{multiDoc, logic, "ForAnyValue: null data set", "ForAnyValue:StringEquals", "dynamodb:Attributes", forbid, reqCtx{"dynamodb:Attributes": {}}, false, KeyMissing},
		{multiDoc, logic, "ForAllValues table: PostDateTime and UserName", "ForAllValues:StringEquals", "dynamodb:Attributes", three, reqCtx{"dynamodb:Attributes": {"PostDateTime", "UserName"}}, false, NotMatched},
		{multiDoc, logic, "ForAnyValue table: UserName, Message, PostDateTime", "ForAnyValue:StringEquals", "dynamodb:Attributes", forbid, reqCtx{"dynamodb:Attributes": {"UserName", "Message", "PostDateTime"}}, true, Matched},
		{multiDoc, use, "ForAnyValue:StringLike with a wildcard", "ForAnyValue:StringLike", "aws:TagKeys", []string{"cost*"}, reqCtx{"aws:TagKeys": {"env", "costCenter"}}, true, Matched},
		{multiDoc, use, "ForAllValues:StringLike with a wildcard", "ForAllValues:StringLike", "aws:TagKeys", []string{"cost*", "env"}, reqCtx{"aws:TagKeys": {"env", "owner"}}, false, NotMatched},
		{opsDoc, "...IfExists condition operators", "ForAnyValue with IfExists: absent is true", "ForAnyValue:StringEqualsIfExists", "aws:TagKeys", []string{"a"}, reqCtx{}, true, Matched},
		{opsDoc, "...IfExists condition operators", "ForAllValues with IfExists: present is checked", "ForAllValues:StringEqualsIfExists", "aws:TagKeys", []string{"a"}, reqCtx{"aws:TagKeys": {"a", "b"}}, false, NotMatched},
		{pkgDoc, "Evaluation", "no qualifier, positive: any request value", "StringEquals", "aws:TagKeys", []string{"a"}, reqCtx{"aws:TagKeys": {"b", "a"}}, true, Matched},
		{pkgDoc, "Evaluation", "no qualifier, negated: one request value equal", "StringNotEquals", "aws:TagKeys", []string{"a"}, reqCtx{"aws:TagKeys": {"b", "a"}}, false, NotMatched},
		{pkgDoc, "Evaluation", "no qualifier, negated: none equal", "StringNotEquals", "aws:TagKeys", []string{"a"}, reqCtx{"aws:TagKeys": {"b", "c"}}, true, Matched},
		{pkgDoc, "Evaluation", "ForAnyValue negated: one value equals none", "ForAnyValue:StringNotEquals", "dynamodb:Attributes", []string{"ID"}, reqCtx{"dynamodb:Attributes": {"ID", "Message"}}, true, Matched},
		{pkgDoc, "Evaluation", "ForAnyValue negated: every value is listed", "ForAnyValue:StringNotEquals", "dynamodb:Attributes", []string{"ID"}, reqCtx{"dynamodb:Attributes": {"ID"}}, false, NotMatched},
		{pkgDoc, "Evaluation", "ForAllValues negated: none listed", "ForAllValues:StringNotEquals", "dynamodb:Attributes", []string{"ID", "UserName"}, reqCtx{"dynamodb:Attributes": {"Message", "Tags"}}, true, Matched},
		{pkgDoc, "Evaluation", "ForAllValues negated: one listed", "ForAllValues:StringNotEquals", "dynamodb:Attributes", []string{"ID", "UserName"}, reqCtx{"dynamodb:Attributes": {"Message", "ID"}}, false, NotMatched},
		{pkgDoc, "Evaluation", "ForAnyValue:NumericLessThan", "ForAnyValue:NumericLessThan", "svc:sizes", []string{"10"}, reqCtx{"svc:sizes": {"50", "5"}}, true, Matched},
		{pkgDoc, "Evaluation", "ForAllValues:IpAddress", "ForAllValues:IpAddress", "svc:addrs", []string{"10.0.0.0/8"}, reqCtx{"svc:addrs": {"10.1.1.1", "192.168.0.1"}}, false, NotMatched},
		{analyzerDoc, "Empty array condition ForAllValues", "no policy values: matches only a missing key", "ForAllValues:StringEquals", "aws:TagKeys", nil, reqCtx{}, true, Matched},
		{analyzerDoc, "Empty array condition ForAllValues", "no policy values: present key fails", "ForAllValues:StringEquals", "aws:TagKeys", nil, reqCtx{"aws:TagKeys": {"a"}}, false, NotMatched},
		{analyzerDoc, "Empty array condition ForAnyValue", "no policy values: never matches", "ForAnyValue:StringEquals", "aws:TagKeys", nil, reqCtx{"aws:TagKeys": {"a"}}, false, NotMatched},
		{analyzerDoc, "Empty array condition IfExists", "no policy values: matches only a missing key", "StringEqualsIfExists", "aws:TagKeys", nil, reqCtx{}, true, Matched},
		{analyzerDoc, "Empty array condition IfExists", "no policy values: present key fails", "StringEqualsIfExists", "aws:TagKeys", nil, reqCtx{"aws:TagKeys": {"a"}}, false, NotMatched},
	}
}

func TestEvalMultiValue(t *testing.T) { runEvalCases(t, casesMultiValue()) }

func casesPolicyVariables() []evalCase {
	nv := "Policy variables with no value"
	ce := "Condition element"
	def := "Specifying default values"
	sc := "Special characters"
	team := []string{"${aws:PrincipalTag/Team}"}
	return []evalCase{
		{varsDoc, nv, "StringEquals against a variable with no value does not match", "StringEquals", "s3:ExistingObjectTag/Team", team, reqCtx{"s3:ExistingObjectTag/Team": {"blue"}}, false, Unresolved},
		{varsDoc, nv, "StringLike against a variable with no value does not match", "StringLike", "s3:ExistingObjectTag/Team", []string{"${aws:PrincipalTag/Team}*"}, reqCtx{"s3:ExistingObjectTag/Team": {"blue"}}, false, Unresolved},
		{varsDoc, nv, "StringNotEquals matches against a null value: the deny applies", "StringNotEquals", "s3:ExistingObjectTag/Team", team, reqCtx{"s3:ExistingObjectTag/Team": {"blue"}}, true, Matched},
		{varsDoc, nv, "StringNotLike matches against a null value", "StringNotLike", "s3:ExistingObjectTag/Team", team, reqCtx{"s3:ExistingObjectTag/Team": {"blue"}}, true, Matched},
		{varsDoc, nv, "StringNotEquals: same team", "StringNotEquals", "s3:ExistingObjectTag/Team", team, reqCtx{"s3:ExistingObjectTag/Team": {"blue"}, "aws:PrincipalTag/Team": {"blue"}}, false, NotMatched},
		{varsDoc, nv, "StringNotEquals: other team", "StringNotEquals", "s3:ExistingObjectTag/Team", team, reqCtx{"s3:ExistingObjectTag/Team": {"blue"}, "aws:PrincipalTag/Team": {"red"}}, true, Matched},
		{varsDoc, nv, "a variable with an empty list of values has no value", "StringEquals", "s3:ExistingObjectTag/Team", team, reqCtx{"s3:ExistingObjectTag/Team": {"blue"}, "aws:PrincipalTag/Team": {}}, false, Unresolved},
		{varsDoc, "Using variables in policies", "a multivalued key cannot be a variable", "StringEquals", "s3:ExistingObjectTag/Team", team, reqCtx{"s3:ExistingObjectTag/Team": {"blue"}, "aws:PrincipalTag/Team": {"blue", "red"}}, false, Unresolved},
		{varsDoc, nv, "another value still matches", "StringEquals", "s3:ExistingObjectTag/Team", []string{"${aws:PrincipalTag/Team}", "blue"}, reqCtx{"s3:ExistingObjectTag/Team": {"blue"}}, true, Matched},
		{varsDoc, nv, "ForAllValues with a variable with no value", "ForAllValues:StringEquals", "aws:TagKeys", team, reqCtx{"aws:TagKeys": {"a"}}, false, Unresolved},
		{varsDoc, nv, "ForAnyValue with a variable with no value", "ForAnyValue:StringEquals", "aws:TagKeys", team, reqCtx{"aws:TagKeys": {"a", "b"}}, false, Unresolved},
		{varsDoc, nv, "IfExists does not rescue a present key", "StringEqualsIfExists", "s3:ExistingObjectTag/Team", team, reqCtx{"s3:ExistingObjectTag/Team": {"blue"}}, false, Unresolved},
		{varsDoc, ce, "SNS endpoint with the user name", "StringLike", "sns:endpoint", []string{"https://example.com/${aws:username}/"}, reqCtx{"sns:endpoint": {"https://example.com/David/"}, "aws:username": {"David"}}, true, Matched},
		{varsDoc, ce, "variable names are case-insensitive", "StringLike", "sns:endpoint", []string{"https://example.com/${AWS:UserName}/"}, reqCtx{"sns:endpoint": {"https://example.com/David/"}, "aws:username": {"David"}}, true, Matched},
		{varsDoc, ce, "a substituted value is literal text", "StringLike", "s3:prefix", []string{"${aws:username}"}, reqCtx{"s3:prefix": {"David"}, "aws:username": {"*"}}, false, NotMatched},
		{varsDoc, ce, "costCenter 12345", "StringLike", "iam:ResourceTag/costCenter", []string{"12345", "67890"}, reqCtx{"iam:ResourceTag/costCenter": {"12345"}}, true, Matched},
		{varsDoc, ce, "costCenter with no value", "StringLike", "iam:ResourceTag/costCenter", []string{"12345", "67890"}, reqCtx{"iam:ResourceTag/costCenter": {""}}, false, NotMatched},
		{varsDoc, ce, "costCenter not attached", "StringLike", "iam:ResourceTag/costCenter", []string{"12345", "67890"}, reqCtx{}, false, KeyMissing},
		{varsDoc, def, "the default stands in", "StringEquals", "s3:ExistingObjectTag/team", []string{"${aws:PrincipalTag/team, 'company-wide'}"}, reqCtx{"s3:ExistingObjectTag/team": {"company-wide"}}, true, Matched},
		{varsDoc, def, "the value wins over the default", "StringEquals", "s3:ExistingObjectTag/team", []string{"${aws:PrincipalTag/team, 'company-wide'}"}, reqCtx{"s3:ExistingObjectTag/team": {"company-wide"}, "aws:PrincipalTag/team": {"yellow"}}, false, NotMatched},
		{varsDoc, sc, "${*} is a literal asterisk", "StringLike", "s3:prefix", []string{"a${*}"}, reqCtx{"s3:prefix": {"a*"}}, true, Matched},
		{varsDoc, sc, "${*} is not a wildcard", "StringLike", "s3:prefix", []string{"a${*}"}, reqCtx{"s3:prefix": {"ab"}}, false, NotMatched},
		{varsDoc, sc, "${$} and ${?}", "StringEquals", "s3:prefix", []string{"${$}${?}"}, reqCtx{"s3:prefix": {"$?"}}, true, Matched},
		{varsDoc, ce, "ARN with the principal's account", "ArnEquals", "aws:SourceArn", []string{"arn:aws:sns:*:${aws:PrincipalAccount}:*"}, reqCtx{"aws:SourceArn": {"arn:aws:sns:us-east-1:123456789012:t"}, "aws:PrincipalAccount": {"123456789012"}}, true, Matched},
		{keysDoc, "aws:Ec2InstanceSourceVpc", "StringNotEquals SourceVpc vs Ec2InstanceSourceVpc", "StringNotEquals", "aws:SourceVpc", []string{"${aws:Ec2InstanceSourceVpc}"}, reqCtx{"aws:SourceVpc": {"vpc-1"}, "aws:Ec2InstanceSourceVpc": {"vpc-2"}}, true, Matched},
	}
}

func TestEvalPolicyVariables(t *testing.T) { runEvalCases(t, casesPolicyVariables()) }

// casesBadContextValues check our reading (doc.go, "Evaluation") of a
// request value that cannot be read as the operator's type: it satisfies
// neither the operator nor its negation.
func casesBadContextValues() []evalCase {
	s := "Evaluation"
	return []evalCase{
		{pkgDoc, s, "NumericEquals abc", "NumericEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"abc"}}, false, BadContextValue},
		{pkgDoc, s, "NumericNotEquals abc is not true", "NumericNotEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"abc"}}, false, BadContextValue},
		{pkgDoc, s, "NumericNotEquals abc and 11", "NumericNotEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"abc", "11"}}, false, BadContextValue},
		{pkgDoc, s, "NumericNotEquals 10 and abc: the match decides", "NumericNotEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"10", "abc"}}, false, NotMatched},
		{pkgDoc, s, "NumericEquals abc and 10", "NumericEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"abc", "10"}}, true, Matched},
		{pkgDoc, s, "ForAnyValue:NumericNotEquals abc and 11", "ForAnyValue:NumericNotEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"abc", "11"}}, true, Matched},
		{pkgDoc, s, "ForAnyValue:NumericNotEquals abc only", "ForAnyValue:NumericNotEquals", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"abc"}}, false, BadContextValue},
		{pkgDoc, s, "ForAllValues:NumericLessThan 5 and x", "ForAllValues:NumericLessThan", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"5", "x"}}, false, BadContextValue},
		{pkgDoc, s, "NumericEquals with an exponent", "NumericEquals", "s3:max-keys", []string{"1000"}, reqCtx{"s3:max-keys": {"1e3"}}, false, BadContextValue},
		{pkgDoc, s, "NumericLessThanIfExists abc", "NumericLessThanIfExists", "s3:max-keys", []string{"10"}, reqCtx{"s3:max-keys": {"abc"}}, false, BadContextValue},
		{pkgDoc, s, "DateGreaterThan yesterday", "DateGreaterThan", "aws:CurrentTime", []string{"2020-01-01"}, reqCtx{"aws:CurrentTime": {"yesterday"}}, false, BadContextValue},
		{pkgDoc, s, "DateNotEquals with no zone", "DateNotEquals", "aws:CurrentTime", []string{"2020-01-01"}, reqCtx{"aws:CurrentTime": {"2020-01-02T00:00:00"}}, false, BadContextValue},
		{pkgDoc, s, "Bool yes", "Bool", "aws:SecureTransport", []string{"true"}, reqCtx{"aws:SecureTransport": {"yes"}}, false, BadContextValue},
		{pkgDoc, s, "Bool folds ASCII case only", "Bool", "aws:SecureTransport", []string{"false"}, reqCtx{"aws:SecureTransport": {"fal\u017fe"}}, false, BadContextValue},
		{pkgDoc, s, "IpAddress not-an-ip", "IpAddress", "aws:SourceIp", []string{"0.0.0.0/0"}, reqCtx{"aws:SourceIp": {"not-an-ip"}}, false, BadContextValue},
		{pkgDoc, s, "IpAddress with a CIDR request value", "IpAddress", "aws:SourceIp", []string{"0.0.0.0/0"}, reqCtx{"aws:SourceIp": {"203.0.113.0/24"}}, false, BadContextValue},
		{pkgDoc, s, "NotIpAddress not-an-ip", "NotIpAddress", "aws:SourceIp", []string{"203.0.113.0/24"}, reqCtx{"aws:SourceIp": {"not-an-ip"}}, false, BadContextValue},
		{pkgDoc, s, "BinaryEquals not base64", "BinaryEquals", "svc:key", []string{"QQ=="}, reqCtx{"svc:key": {"%%%%"}}, false, BadContextValue},
		{pkgDoc, s, "a literal ${…} in Bool matches nothing, and a bad value is still reported", "ForAnyValue:Bool", "svc:k", []string{"${svc:v}"}, reqCtx{"svc:k": {"yes", "true"}}, false, BadContextValue},
	}
}

func TestEvalBadContextValues(t *testing.T) { runEvalCases(t, casesBadContextValues()) }

// TestEvalNilAndZero checks that a nil context is a request without keys
// and that the zero Condition holds for nothing, without panicking.
func TestEvalNilAndZero(t *testing.T) {
	c := mustCompile(t, "StringNotEquals", "aws:username", "${aws:userid}")
	ok, why := c.Eval(nil)
	assert.True(t, ok)
	assert.Equal(t, Matched, why)

	c = mustCompile(t, "StringEquals", "aws:username", "a")
	ok, why = c.Eval(nil)
	assert.False(t, ok)
	assert.Equal(t, KeyMissing, why)

	ok, why = Condition{}.Eval(reqCtx{})
	assert.False(t, ok)
	assert.Equal(t, NotMatched, why)

	ok, failed, why := Block{Condition{}}.Eval(nil)
	assert.False(t, ok)
	assert.Equal(t, 0, failed)
	assert.Equal(t, NotMatched, why)
	assert.Empty(t, Block{Condition{}}.Keys())
}

// TestBlock checks the AND of a Condition element
// (reference_policies_multi-value-conditions.md, "Evaluation logic for
// conditions with multiple keys or values"): the user needs both principal
// tags with a listed value, and the account.
func TestBlock(t *testing.T) {
	b := Block{
		mustCompile(t, "StringEqualsIgnoreCase", "aws:PrincipalTag/department", "finance", "hr", "legal"),
		mustCompile(t, "StringEqualsIgnoreCase", "aws:PrincipalTag/role", "audit", "security"),
		mustCompile(t, "StringEquals", "aws:PrincipalAccount", "123456789012"),
	}
	tests := []struct {
		name   string
		ctx    reqCtx
		ok     bool
		failed int
		why    Outcome
	}{
		{"all hold", reqCtx{"aws:PrincipalTag/department": {"Legal"}, "aws:PrincipalTag/role": {"audit"}, "aws:PrincipalAccount": {"123456789012"}}, true, -1, Matched},
		{"role missing", reqCtx{"aws:PrincipalTag/department": {"hr"}, "aws:PrincipalAccount": {"123456789012"}}, false, 1, KeyMissing},
		{"wrong department", reqCtx{"aws:PrincipalTag/department": {"sales"}, "aws:PrincipalTag/role": {"audit"}, "aws:PrincipalAccount": {"123456789012"}}, false, 0, NotMatched},
		{"other account", reqCtx{"aws:PrincipalTag/department": {"hr"}, "aws:PrincipalTag/role": {"security"}, "aws:PrincipalAccount": {"999999999999"}}, false, 2, NotMatched},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, failed, why := b.Eval(tt.ctx)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.failed, failed)
			assert.Equal(t, tt.why, why)
		})
	}
	ok, failed, why := Block(nil).Eval(nil)
	assert.True(t, ok, "an empty Condition element holds")
	assert.Equal(t, -1, failed)
	assert.Equal(t, Matched, why)
}

// TestBlockKeys checks the keys a block reads: condition keys and policy
// variables (reference_policies_variables.md), deduplicated
// case-insensitively (key names are not case-sensitive,
// reference_policies_elements_condition.md).
func TestBlockKeys(t *testing.T) {
	b := Block{
		mustCompile(t, "StringNotEquals", "aws:SourceVpc", "${aws:Ec2InstanceSourceVpc}"),
		mustCompile(t, "Null", "ec2:SourceInstanceARN", "false"),
		mustCompile(t, "BoolIfExists", "aws:ViaAWSService", "false"),
		mustCompile(t, "StringLike", "AWS:SourceVPC", "${aws:ec2instancesourcevpc}", "${aws:username, 'x'}"),
	}
	require.Equal(t, []string{"aws:SourceVpc", "aws:Ec2InstanceSourceVpc", "ec2:SourceInstanceARN", "aws:ViaAWSService", "aws:username"}, b.Keys())
	assert.Nil(t, Block(nil).Keys())
}

// allEvalCases is every evaluation case above; the fuzz tests start from them.
func allEvalCases() []evalCase {
	var all []evalCase
	for _, cs := range [][]evalCase{casesConditionElement(), casesString(), casesNumeric(), casesDate(), casesBoolBinaryIP(), casesArn(), casesIfExistsAndNull(), casesMFA(), casesMultiValue(), casesPolicyVariables(), casesBadContextValues()} {
		all = append(all, cs...)
	}
	return all
}
