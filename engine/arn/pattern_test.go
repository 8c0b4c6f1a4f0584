package arn_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/arn"
	"github.com/iamlab/iamlab/engine/pattern"
)

var david = keys{
	"aws:username":             {"David"},
	"aws:PrincipalTag/team":    {"yellow"},
	"aws:PrincipalAccount":     {"123456789012"},
	"aws:SourceIp":             {"192.0.2.1", "198.51.100.1"},
	"aws:PrincipalTag/colonic": {"a:b"},
}

func TestPatternMatch(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		pattern  string
		vars     bool
		ctx      pattern.Context
		resource string
		matched  bool
		unres    bool
	}{
		{"star matches any ARN", docResource, "*", true, nil, "arn:aws:s3:::bucket", true, false},
		{"star matches a non-ARN", docResource, "*", true, nil, "not an arn", true, false},
		{"star matches empty", docResource, "*", true, nil, "", true, false},
		{"exact queue", docResource, "arn:aws:sqs:us-east-2:123456789012:queue1", true, nil, "arn:aws:sqs:us-east-2:123456789012:queue1", true, false},
		{"resources are case-sensitive", docOperators, "arn:aws:sqs:us-east-2:123456789012:queue1", true, nil, "arn:aws:sqs:us-east-2:123456789012:Queue1", false, false},
		{"users under a path", docResource, "arn:aws:iam::123456789012:user/accounting/*", true, nil, "arn:aws:iam::123456789012:user/accounting/ops/Ana", true, false},
		{"users outside the path", docResource, "arn:aws:iam::123456789012:user/accounting/*", true, nil, "arn:aws:iam::123456789012:user/marketing/Ana", false, false},
		{"all objects in a bucket", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*", true, nil, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/a/b.txt", true, false},
		{"bucket itself is not an object", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*", true, nil, "arn:aws:s3:::DOC-EXAMPLE-BUCKET", false, false},
		{"star in resource crosses slashes", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", true, nil, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", true, false},
		{"star in resource needs the slashes", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", true, nil, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1-test/object.jpg", false, false},
		{"star in resource crosses colons", docResource, "arn:aws:someservice:us-east-2:999999999999:*", true, nil, "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", true, false},
		{"star in region does not cross colons", docOperators, "arn:aws:someservice:*:111122223333:finance/*", true, nil, "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", false, false},
		{"star in region", docOperators, "arn:aws:someservice:*:111122223333:finance/*", true, nil, "arn:aws:someservice:us-east-2:111122223333:finance/document.txt", true, false},
		{"star in region matches empty", docOperators, "arn:aws:iam:*:111122223333:*", true, nil, "arn:aws:iam::111122223333:root", true, false},
		{"question marks per part", docOperators, "arn:aws:sqs:us-east-?:????????????:queue?", true, nil, "arn:aws:sqs:us-east-2:123456789012:queue1", true, false},
		{"question mark does not match a colon", docOperators, "arn:aws:sqs:us-east-2:12345678901?:queue1", true, nil, "arn:aws:sqs:us-east-2:12345678901::queue1", false, false},
		{"star in account does not swallow the resource's colons", docOperators, "arn:aws:sqs:*:*:queue1", true, nil, "arn:aws:sqs:a:b:c:queue1", false, false},
		{"wildcard account", docIdentifiers, "arn:aws:iam::*:user/division_abc/subdivision_xyz/Richard", true, nil, "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Richard", true, false},
		{"user star matches every path", docIdentifiers, "arn:aws:iam::111122223333:user/*", true, nil, "arn:aws:iam::111122223333:user/division_abc/subdivision_xyz/JaneDoe", true, false},
		{"prefix star", docIdentifiers, "arn:aws:iam::111122223333:user/division_abc*", true, nil, "arn:aws:iam::111122223333:user/division_abc/subdivision_xyz/JaneDoe", true, false},
		{"prefix star mismatch", docIdentifiers, "arn:aws:iam::111122223333:user/division_abc*", true, nil, "arn:aws:iam::111122223333:user/JohnDoe", false, false},
		{"resource with five parts never matches", docIdentifiers, "arn:aws:iam::*:*", true, nil, "arn:aws:iam::111122223333", false, false},
		{"non-ARN never matches a non-star pattern", docResource, "*:*:*:*:*:*", true, nil, "bucket", false, false},
		{"all-star parts match any six parts", docOperators, "*:*:*:*:*:*", true, nil, "a:b:c:d:e:f:g", true, false},
		{"partition wildcard", docOperators, "arn:aws*:iam::*:root", true, nil, "arn:aws-cn:iam::123456789012:root", true, false},

		{"variable in resource part", docVariables, "arn:aws:iam::123456789012:user/${aws:username}", true, david, "arn:aws:iam::123456789012:user/David", true, false},
		{"variable is another user", docVariables, "arn:aws:iam::123456789012:user/${aws:username}", true, david, "arn:aws:iam::123456789012:user/Adele", false, false},
		{"variable with suffix", docVariables, "arn:aws:sqs:us-east-2:*:${aws:username}-queue", true, david, "arn:aws:sqs:us-east-2:123456789012:David-queue", true, false},
		{"tag variable", docVariables, "arn:aws:s3:::bucket/${aws:PrincipalTag/team}", true, david, "arn:aws:s3:::bucket/yellow", true, false},
		{"default", docVariables, "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/dept, 'company-wide'}", true, david, "arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide", true, false},
		{"unresolved matches no resource", docVariables, "arn:aws:s3:::bucket/${aws:PrincipalTag/dept}", true, david, "arn:aws:s3:::bucket/", false, true},
		{"unresolved with a different prefix", docVariables, "arn:aws:s3:::bucket/${aws:PrincipalTag/dept}", true, david, "arn:aws:sqs:::bucket/x", false, true},
		{"unresolved with a non-ARN resource", docVariables, "arn:aws:s3:::bucket/${aws:PrincipalTag/dept}", true, david, "bucket", false, true},
		{"unresolved after a mismatching part", docVariables, "arn:aws:s3:*::bucket/${aws:PrincipalTag/dept}", true, david, "arn:aws:sqs:x::bucket/x", false, true},
		{"multivalued key is unresolved", docVariables, "arn:aws:s3:::bucket/${aws:SourceIp}", true, david, "arn:aws:s3:::bucket/192.0.2.1", false, true},
		{"variable in account part", docVariables, "arn:aws:iam::${aws:PrincipalAccount}:role/x", true, david, "arn:aws:iam::123456789012:role/x", true, false},
		{"variable in account part, other account", docVariables, "arn:aws:iam::${aws:PrincipalAccount}:role/x", true, david, "arn:aws:iam::999999999999:role/x", false, false},
		{"variable value with a colon stays in its part", docVariables, "arn:aws:s3:::${aws:PrincipalTag/colonic}/*", true, david, "arn:aws:s3:::a:b/c", true, false},
		{"special star is literal", docVariables, "arn:aws:s3:::bucket/${*}", true, nil, "arn:aws:s3:::bucket/*", true, false},
		{"special star is not a wildcard", docVariables, "arn:aws:s3:::bucket/${*}", true, nil, "arn:aws:s3:::bucket/x", false, false},
		{"no variables before version 2012-10-17", docVariables, "arn:aws:iam::123456789012:user/${aws:username}", false, david, "arn:aws:iam::123456789012:user/${aws:username}", true, false},
		{"no variables, colon in braces splits", docVariables, "arn:aws:iam::${a:b}", false, nil, "arn:aws:iam::${a:b}", true, false},
		{"arn condition with source topic", docOperators, "arn:aws:sns:REGION:123456789012:TOPIC-ID", true, nil, "arn:aws:sns:REGION:123456789012:TOPIC-ID", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := arn.CompilePattern(tt.pattern, tt.vars)
			require.NoError(t, err, tt.doc)
			matched, resolved := p.Match(tt.resource, tt.ctx)
			assert.Equal(t, tt.matched, matched, "matched; %s", tt.doc)
			assert.Equal(t, !tt.unres, resolved, "resolved; %s", tt.doc)
			assert.Equal(t, !tt.unres, p.Resolves(tt.ctx), "Resolves; %s", tt.doc)
			assert.Equal(t, tt.pattern, p.String(), tt.doc)
		})
	}
}

func TestCompilePatternErrors(t *testing.T) {
	const shape = `a resource must be "*" or an ARN ("arn:partition:service:region:account:resource")`
	tests := []struct {
		name    string
		doc     string
		pattern string
		err     string
		offset  int // for syntax errors; -1 for shape errors
	}{
		{"bare name", docResource, "bucket", `arn: "bucket": ` + shape, -1},
		{"empty", docResource, "", `arn: "": ` + shape, -1},
		{"five parts", docIdentifiers, "arn:aws:iam::123456789012", `arn: "arn:aws:iam::123456789012": ` + shape, -1},
		{"star with spaces", docResource, " *", `arn: " *": ` + shape, -1},
		{"colons inside a variable do not count", docVariables, "arn:aws:${a:b:c:d:e}", `arn: "arn:aws:${a:b:c:d:e}": ` + shape, -1},
		{"unterminated variable in resource", docVariables, "arn:aws:s3:::bucket/${aws:username", `offset 20: unterminated policy variable "${aws:username"`, 20},
		{"unterminated variable in account", docVariables, "arn:aws:iam::${aws:PrincipalAccount:role/x", `offset 13: unterminated policy variable "${aws"`, 13},
		{"empty variable", docVariables, "arn:aws:s3:::bucket/${}", `offset 20: empty policy variable "${}"`, 20},
		{"bad default", docVariables, "arn:aws:s3:::b-${aws:PrincipalTag/team, company}", `offset 40: policy variable default must be in single quotes, as in "${key, 'default'}"`, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := arn.CompilePattern(tt.pattern, true)
			require.Error(t, err, tt.doc)
			assert.Equal(t, tt.err, err.Error(), tt.doc)
			if tt.offset < 0 {
				var ae *arn.Error
				require.True(t, errors.As(err, &ae), tt.doc)
				assert.Equal(t, tt.pattern, ae.Input)
				return
			}
			var se *pattern.SyntaxError
			require.True(t, errors.As(err, &se), tt.doc)
			assert.Equal(t, tt.offset, se.Offset, tt.doc)
		})
	}
}

func TestPatternAccessors(t *testing.T) {
	tests := []struct {
		name     string
		doc      string
		pattern  string
		vars     []string
		matchAll bool
		expanded string
		ok       bool
	}{
		{"star", docResource, "*", nil, true, "*", true},
		{"literal", docResource, "arn:aws:s3:::bucket", nil, false, "arn:aws:s3:::bucket", true},
		{"variables in order, deduplicated", docVariables, "arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}/${AWS:UserName}", []string{"aws:PrincipalAccount", "aws:username"}, false, "arn:aws:iam::123456789012:user/David/David", true},
		{"special characters", docVariables, "arn:aws:s3:::b/${*}/*", nil, false, "arn:aws:s3:::b/*/*", true},
		{"unresolved", docVariables, "arn:aws:s3:::b/${aws:PrincipalTag/dept}", []string{"aws:PrincipalTag/dept"}, false, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := arn.CompilePattern(tt.pattern, true)
			require.NoError(t, err, tt.doc)
			assert.Equal(t, tt.vars, p.Variables(), tt.doc)
			assert.Equal(t, len(tt.vars) > 0, p.HasVariables(), tt.doc)
			assert.Equal(t, tt.matchAll, p.IsMatchAll(), tt.doc)
			got, ok := p.Expand(david)
			assert.Equal(t, tt.expanded, got, tt.doc)
			assert.Equal(t, tt.ok, ok, tt.doc)
		})
	}
}

func TestZeroPatternMatchesNothing(t *testing.T) {
	// reference_policies_elements_resource.md: a statement names its
	// resources; an uncompiled pattern names none.
	var p arn.Pattern
	for _, s := range []string{"", "*", "arn:aws:s3:::b"} {
		m, r := p.Match(s, nil)
		assert.False(t, m, s)
		assert.True(t, r, s)
	}
	assert.Equal(t, "", p.String())
	assert.Nil(t, p.Variables())
	assert.False(t, p.HasVariables())
	assert.False(t, p.IsMatchAll())
	assert.True(t, p.Resolves(nil))
}

func TestPatternMatchDoesNotAllocate(t *testing.T) {
	// reference_policies_elements_resource.md: resource patterns are matched
	// on every request.
	tests := []struct {
		name, pattern, resource string
	}{
		{"star", "*", "arn:aws:s3:::bucket/x"},
		{"literal", "arn:aws:iam::123456789012:user/JohnDoe", "arn:aws:iam::123456789012:user/JohnDoe"},
		{"prefix", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/a/b"},
		{"wildcard parts", "arn:aws:sqs:*:*:queue?", "arn:aws:sqs:us-east-2:123456789012:queue1"},
		{"variable", "arn:aws:iam::123456789012:user/${aws:username}", "arn:aws:iam::123456789012:user/David"},
		{"variable in account", "arn:aws:iam::${aws:PrincipalAccount}:role/*", "arn:aws:iam::123456789012:role/x"},
		{"unresolved", "arn:aws:iam::*:user/${aws:PrincipalTag/dept}", "arn:aws:iam::123456789012:user/x"},
		{"short resource", "arn:aws:iam::*:user/${aws:username}", "bucket"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := arn.CompilePattern(tt.pattern, true)
			require.NoError(t, err)
			assert.Zero(t, testing.AllocsPerRun(200, func() { p.Match(tt.resource, david) }))
			assert.Zero(t, testing.AllocsPerRun(200, func() { p.Match(tt.resource, nil) }))
		})
	}
}
