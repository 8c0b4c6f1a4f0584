package condition

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCompileValid checks values each family accepts, taken from the
// examples of reference_policies_elements_condition_operators.md unless the
// case says otherwise.
func TestCompileValid(t *testing.T) {
	tests := []struct {
		name, op, key string
		values        []string
	}{
		{"String: job category", "StringEquals", "aws:PrincipalTag/job-category", []string{"iamuser-admin"}},
		{"StringLike: home directory with a variable", "StringLike", "s3:prefix", []string{"", "home/", "home/${aws:username}/"}},
		{"Numeric: max-keys", "NumericLessThanEquals", "s3:max-keys", []string{"10"}},
		{"Numeric: decimal and sign", "NumericGreaterThan", "aws:MultiFactorAuthAge", []string{"-1.5", "+2", "0.25", "007"}},
		{"Date: TokenIssueTime", "DateGreaterThan", "aws:TokenIssueTime", []string{"2020-01-01T00:00:01Z"}},
		{"Date: every W3C form and epoch", "DateLessThan", "aws:CurrentTime", []string{
			"2020-01-01", "2020-01-01T10:30Z", "2020-01-01T10:30:15Z", "2020-01-01T10:30:15.250Z",
			"2020-01-01T10:30:15.123456789123-05:30", "2020-02-29T23:59:59+14:00", "1577836800"}},
		{"Bool: SecureTransport", "Bool", "aws:SecureTransport", []string{"false"}},
		{"Bool: any letter case (JSON true passes as true)", "Bool", "aws:SecureTransport", []string{"TRUE", "False"}},
		{"Bool: a policy variable is literal text", "Bool", "aws:SecureTransport", []string{"${aws:ViaAWSService}", "${$}true"}},
		{"no policy variables outside String and ARN operators: literal text", "NumericEquals", "s3:max-keys", []string{"${aws:MultiFactorAuthAge}"}},
		{"Binary: the page's example", "BinaryEquals", "key:name", []string{"QmluYXJ5VmFsdWVJbkJhc2U2NA==", "", "QQ=="}},
		{"IP: v4 and v6 ranges", "IpAddress", "aws:SourceIp", []string{"203.0.113.0/24", "2001:DB8:1234:5678::/64"}},
		{"IP: bare addresses and mapped forms", "NotIpAddress", "aws:SourceIp", []string{"203.0.113.7", "::1", "::ffff:203.0.113.0/120", "0.0.0.0/0", "::/0"}},
		{"ARN: SourceArn", "ArnEquals", "aws:SourceArn", []string{"arn:aws:sns:REGION:123456789012:TOPIC-ID"}},
		{"ARN: wildcards per part and star", "ArnLike", "aws:SourceArn", []string{"arn:aws:someservice:*:111122223333:finance/*", "*", "arn:aws:iam::*:user/${aws:username}"}},
		{"Null: TokenIssueTime", "Null", "aws:TokenIssueTime", []string{"true"}},
		{"keys: identity-provider prefixes", "StringEquals", "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub", []string{"x"}},
		{"keys: tag key with a space and a colon", "StringEquals", "aws:ResourceTag/cost center:x", []string{"x"}},
		{"no values: Access Analyzer's empty-array checks imply IAM accepts them", "ForAllValues:StringEquals", "aws:TagKeys", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustCompile(t, tt.op, tt.key, tt.values...)
			assert.Equal(t, tt.op, c.Name().String())
			assert.Equal(t, tt.key, c.Key())
			assert.Equal(t, len(tt.values), len(c.Values()))
		})
	}
}

// TestCompileErrors checks that a bad value is reported with its index and
// the reason, for every family of
// reference_policies_elements_condition_operators.md. Policy variables
// where reference_policies_variables.md ("Condition element") does not
// allow them are literal text, not errors: see TestCompileValid and the
// "Condition element" cases of the evaluation tests.
func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name, op string
		values   []string
		index    int
		msg      string
	}{
		{"Numeric: text", "NumericEquals", []string{"10", "ten"}, 1, "not a number"},
		{"Numeric: exponent", "NumericEquals", []string{"1e3"}, 0, "exponents are not allowed"},
		{"Numeric: bare point", "NumericEquals", []string{"1."}, 0, "decimal point must be followed by digits"},
		{"Numeric: empty", "NumericEquals", []string{""}, 0, "not a number"},
		{"Numeric: NaN", "NumericEquals", []string{"NaN"}, 0, "not a number"},
		{"Numeric: too large", "NumericEquals", []string{"1" + repeat('9', 400)}, 0, "out of range"},
		{"Date: no zone", "DateEquals", []string{"2020-01-01T00:00:00"}, 0, "needs a zone"},
		{"Date: month 13", "DateEquals", []string{"2020-13-01"}, 0, "month out of range"},
		{"Date: 30 February", "DateEquals", []string{"2020-02-30"}, 0, "day out of range"},
		{"Date: 29 February of a common year", "DateEquals", []string{"2019-02-29"}, 0, "day out of range"},
		{"Date: hour 24", "DateEquals", []string{"2020-01-01T24:00Z"}, 0, "time of day out of range"},
		{"Date: wildcard (not permitted for dates)", "DateEquals", []string{"2020-*"}, 0, "not a date"},
		{"Date: slashes", "DateEquals", []string{"01/01/2020"}, 0, "not a date"},
		{"Date: too many epoch digits", "DateEquals", []string{"1234567890123456789"}, 0, "out of range"},
		{"Bool: yes", "Bool", []string{"true", "yes"}, 1, "not a boolean"},
		{"Null: 1", "Null", []string{"1"}, 0, "Null takes"},
		{"IP: hostname", "IpAddress", []string{"example.com"}, 0, "not an IP address"},
		{"IP: /33", "IpAddress", []string{"203.0.113.0/33"}, 0, "at most 32"},
		{"IP: /129", "IpAddress", []string{"2001:db8::/129"}, 0, "at most 128"},
		{"IP: empty prefix length", "IpAddress", []string{"203.0.113.0/"}, 0, "bad prefix length"},
		{"IP: leading zero in prefix length", "IpAddress", []string{"203.0.113.0/024"}, 0, "bad prefix length"},
		{"IP: zone", "IpAddress", []string{"fe80::1%eth0"}, 0, "not an IP address"},
		{"IP: octet 256", "IpAddress", []string{"203.0.113.256"}, 0, "not an IP address"},
		{"Binary: length", "BinaryEquals", []string{"QQ="}, 0, "multiple of 4"},
		{"Binary: alphabet", "BinaryEquals", []string{"QQ-="}, 0, "not base64"},
		{"Binary: padding inside", "BinaryEquals", []string{"QQ==QQ=="}, 0, "not base64"},
		{"ARN: too few parts", "ArnLike", []string{"arn:aws:s3"}, 0, "ARN"},
		{"String: malformed variable", "StringLike", []string{"ok", "${aws:username"}, 1, "offset"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := ParseName(tt.op)
			require.NoError(t, err)
			_, err = Compile(n, "svc:key", tt.values, true)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
			assert.True(t, errors.Is(err, ErrBadValue))
			var ve *ValueError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tt.index, ve.ValueIndex())
			assert.Equal(t, tt.values[tt.index], ve.Value)
			assert.Equal(t, n.Op, ve.Op)
		})
	}
}

func repeat(c byte, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = c
	}
	return string(b)
}

// TestCompileVersion2008 checks that without policy variables (a policy
// without Version 2012-10-17) "${...}" is literal text
// (reference_policies_variables.md, "Using variables in policies"), so a
// Numeric value holding it is simply not a number.
func TestCompileVersion2008(t *testing.T) {
	c, err := Compile(Name{Op: StringEquals}, "aws:username", []string{"${aws:username}"}, false)
	require.NoError(t, err)
	assert.Empty(t, c.Variables())
	ok, why := c.Eval(reqCtx{"aws:username": {"${aws:username}"}})
	assert.True(t, ok)
	assert.Equal(t, Matched, why)

	_, err = Compile(Name{Op: NumericEquals}, "s3:max-keys", []string{"${x:y}"}, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not a number")

	_, err = Compile(Name{Op: Bool}, "aws:SecureTransport", []string{"${aws:x}"}, false)
	assert.Error(t, err, "a literal ${...} is not a boolean")
}

// TestCompileKeys checks the shape of condition keys
// (reference_policies_elements_condition.md: a global key has the aws:
// prefix, a service key its service's prefix).
func TestCompileKeys(t *testing.T) {
	tests := []struct {
		key, msg string
	}{
		{"", "empty"},
		{"username", "want a service prefix, a colon and a name"},
		{":username", "prefix before the colon is empty"},
		{"aws:", "name after the colon is empty"},
		{"a ws:username", "may hold only"},
		{"aws:user\nname", "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			_, err := Compile(Name{Op: StringEquals}, tt.key, []string{"x"}, true)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
			assert.True(t, errors.Is(err, ErrBadKey))
		})
	}
}

func TestCompileBadName(t *testing.T) {
	for _, n := range []Name{{}, {Op: 99}, {Op: Null, IfExists: true}, {Set: 5, Op: Bool}} {
		_, err := Compile(n, "aws:x", []string{"true"}, true)
		assert.ErrorIs(t, err, ErrUnknownOperator, n.String())
	}
}

// TestConditionAccessors checks what a compiled condition gives back: the
// key as written (key names are not case-sensitive for matching,
// reference_policies_elements_condition.md, but shown as written), the values
// as written, and the policy variables the values use.
func TestConditionAccessors(t *testing.T) {
	vals := []string{"home/${aws:username}/", "${AWS:UserName}/${aws:PrincipalTag/team, 'none'}/*", "${*}"}
	c := mustCompile(t, "StringLike", "S3:Prefix", vals...)
	assert.Equal(t, "S3:Prefix", c.Key())
	assert.Equal(t, vals, c.Values())
	assert.Equal(t, []string{"aws:username", "aws:PrincipalTag/team"}, c.Variables())
	assert.Equal(t, `"StringLike": {"S3:Prefix": ["home/${aws:username}/", "${AWS:UserName}/${aws:PrincipalTag/team, 'none'}/*", "${*}"]}`, c.String())

	got := c.Values()
	got[0] = "changed"
	assert.Equal(t, vals[0], c.Values()[0], "Values returns a copy")

	in := []string{"a"}
	c = mustCompile(t, "StringEquals", "aws:username", in...)
	in[0] = "b"
	assert.Equal(t, []string{"a"}, c.Values(), "Compile keeps its own copy")

	a := mustCompile(t, "ArnLike", "aws:SourceArn", "arn:aws:sns:*:${aws:PrincipalAccount}:topic-${aws:username}")
	assert.Equal(t, []string{"aws:PrincipalAccount", "aws:username"}, a.Variables())

	var zero Condition
	assert.Equal(t, Name{}, zero.Name())
	assert.Empty(t, zero.Key())
	assert.Nil(t, zero.Values())
	assert.Nil(t, zero.Variables())
	assert.Equal(t, "{}", zero.String())
}
