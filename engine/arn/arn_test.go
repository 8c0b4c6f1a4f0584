package arn_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/arn"
)

const (
	docIdentifiers = "reference_identifiers.md"
	docResource    = "reference_policies_elements_resource.md"
	docVariables   = "reference_policies_variables.md"
	docOperators   = "reference_policies_elements_condition_operators.md"
)

// keys is a request context for tests and examples, looked up
// case-insensitively without allocating.
type keys map[string][]string

func (k keys) ContextValues(key string) ([]string, bool) {
	if vs, ok := k[key]; ok {
		return vs, true
	}
	for name, vs := range k {
		if strings.EqualFold(name, key) {
			return vs, true
		}
	}
	return nil, false
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		in   string
		want arn.ARN
	}{
		{"iam user", docIdentifiers, "arn:aws:iam::123456789012:user/JohnDoe", arn.ARN{"aws", "iam", "", "123456789012", "user/JohnDoe"}},
		{"iam user with path", docIdentifiers, "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe", arn.ARN{"aws", "iam", "", "123456789012", "user/division_abc/subdivision_xyz/JaneDoe"}},
		{"root", docIdentifiers, "arn:aws:iam::123456789012:root", arn.ARN{"aws", "iam", "", "123456789012", "root"}},
		{"assumed role", docIdentifiers, "arn:aws:sts::123456789012:assumed-role/Accounting-Role/JaneDoe", arn.ARN{"aws", "sts", "", "123456789012", "assumed-role/Accounting-Role/JaneDoe"}},
		{"service role", docIdentifiers, "arn:aws:iam::123456789012:role/aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer", arn.ARN{"aws", "iam", "", "123456789012", "role/aws-service-role/access-analyzer.amazonaws.com/AWSServiceRoleForAccessAnalyzer"}},
		{"china partition", docIdentifiers, "arn:aws-cn:iam::123456789012:root", arn.ARN{"aws-cn", "iam", "", "123456789012", "root"}},
		{"govcloud partition", docIdentifiers, "arn:aws-us-gov:iam::123456789012:root", arn.ARN{"aws-us-gov", "iam", "", "123456789012", "root"}},
		{"iso-b partition", docIdentifiers, "arn:aws-iso-b:iam::123456789012:root", arn.ARN{"aws-iso-b", "iam", "", "123456789012", "root"}},
		{"aws managed policy", docIdentifiers, "arn:aws:iam::aws:policy/AdministratorAccess", arn.ARN{"aws", "iam", "", "aws", "policy/AdministratorAccess"}},
		{"s3 bucket has no region or account", docResource, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", arn.ARN{"aws", "s3", "", "", "DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg"}},
		{"regional resource", docResource, "arn:aws:dynamodb:us-east-2:123456789012:table/books_table", arn.ARN{"aws", "dynamodb", "us-east-2", "123456789012", "table/books_table"}},
		{"resource keeps its colons", docOperators, "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", arn.ARN{"aws", "someservice", "us-east-2", "999999999999", "store/abc:111122223333:finance/document.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := arn.Parse(tt.in)
			require.NoError(t, err, tt.doc)
			assert.Equal(t, tt.want, got, tt.doc)
			assert.Equal(t, tt.in, got.String(), tt.doc)
			assert.True(t, arn.IsARN(tt.in), tt.doc)
			acct, ok := arn.AccountOf(tt.in)
			assert.True(t, ok, tt.doc)
			assert.Equal(t, tt.want.Account, acct, tt.doc)
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		in   string
		err  string
	}{
		{"empty", docIdentifiers, "", `arn: "": empty string is not an ARN (arn:partition:service:region:account-id:resource)`},
		{"not an ARN", docIdentifiers, "Bob", `arn: "Bob": does not begin with "arn:"`},
		{"upper-case prefix", docIdentifiers, "ARN:aws:iam::123456789012:root", `arn: "ARN:aws:iam::123456789012:root": does not begin with "arn:"`},
		{"account ID alone", docIdentifiers, "123456789012", `arn: "123456789012": does not begin with "arn:"`},
		{"too few parts", docIdentifiers, "arn:aws:iam::123456789012", `arn: "arn:aws:iam::123456789012": has 5 colon-separated parts; an ARN has at least 6 (arn:partition:service:region:account-id:resource)`},
		{"empty partition", docIdentifiers, "arn::iam::123456789012:root", `arn: "arn::iam::123456789012:root": partition is empty; want aws, aws-cn, aws-us-gov, ...`},
		{"upper-case partition", docIdentifiers, "arn:AWS:iam::123456789012:root", `arn: "arn:AWS:iam::123456789012:root": partition "AWS" is not lower-case letters and hyphens`},
		{"empty service", docIdentifiers, "arn:aws:::123456789012:root", `arn: "arn:aws:::123456789012:root": service is empty`},
		{"account with hyphens", docIdentifiers, "arn:aws:iam::1234-5678-9012:root", `arn: "arn:aws:iam::1234-5678-9012:root": account "1234-5678-9012" is neither a 12-digit account ID nor "aws"`},
		{"account placeholder", docResource, "arn:aws:iam::account-ID-without-hyphens:user/Bob", `arn: "arn:aws:iam::account-ID-without-hyphens:user/Bob": account "account-ID-without-hyphens" is neither a 12-digit account ID nor "aws"`},
		{"short account", docIdentifiers, "arn:aws:iam::12345678901:root", `arn: "arn:aws:iam::12345678901:root": account "12345678901" is neither a 12-digit account ID nor "aws"`},
		{"wildcard account", docIdentifiers, "arn:aws:iam::*:user/Richard", `arn: "arn:aws:iam::*:user/Richard": account "*" is neither a 12-digit account ID nor "aws"`},
		{"empty resource", docIdentifiers, "arn:aws:iam::123456789012:", `arn: "arn:aws:iam::123456789012:": resource is empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := arn.Parse(tt.in)
			require.Error(t, err, tt.doc)
			var ae *arn.Error
			require.True(t, errors.As(err, &ae), tt.doc)
			assert.Equal(t, tt.in, ae.Input, tt.doc)
			assert.Equal(t, tt.err, err.Error(), tt.doc)
			assert.False(t, arn.IsARN(tt.in), tt.doc)
			acct, ok := arn.AccountOf(tt.in)
			assert.False(t, ok, tt.doc)
			assert.Empty(t, acct, tt.doc)
		})
	}
}

func TestIsAccountID(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		in   string
		want bool
	}{
		{"twelve digits", docIdentifiers, "123456789012", true},
		{"leading zeros", docIdentifiers, "000000000001", true},
		{"eleven digits", docIdentifiers, "12345678901", false},
		{"thirteen digits", docIdentifiers, "1234567890123", false},
		{"hyphens", docIdentifiers, "1234-5678-9012", false},
		{"letters", docIdentifiers, "12345678901a", false},
		{"non-ASCII digit", docIdentifiers, "12345678901\u0661", false},
		{"aws", docIdentifiers, "aws", false},
		{"empty", docIdentifiers, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, arn.IsAccountID(tt.in), tt.doc)
		})
	}
}

func TestParseHelpersDoNotAllocate(t *testing.T) {
	// reference_identifiers.md: ARNs are checked on every request.
	for _, s := range []string{"arn:aws:iam::123456789012:user/JohnDoe", "arn:aws:iam::1234:user/JohnDoe", "nope"} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { arn.IsARN(s) }), s)
		assert.Zero(t, testing.AllocsPerRun(100, func() { arn.AccountOf(s) }), s)
		assert.Zero(t, testing.AllocsPerRun(100, func() { arn.IsAccountID(s) }), s)
	}
}
