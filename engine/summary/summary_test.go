package summary_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/summary"
)

var loadOnce = sync.OnceValues(catalog.Load)

func summarize(t testing.TB, doc string) *summary.Summary {
	t.Helper()
	c, err := loadOnce()
	require.NoError(t, err)
	d, err := policy.Parse([]byte(doc), policy.Options{Type: policy.Identity})
	require.NoError(t, err)
	return summary.Summarize(c, d)
}

func rows(services []summary.Service) []string {
	var out []string
	for _, s := range services {
		out = append(out, s.String())
	}
	return out
}

// Access level summaries: Full access, Full and Limited per level
// (access_policies_understand-policy-summary-access-level-summaries.md).
func TestAccessLevels(t *testing.T) {
	tests := []struct {
		name   string
		action string
		want   string
	}{
		{"every action of the service", `"iam:*"`, "AWS Identity and Access Management (IAM) | Full access | All resources | None"},
		{"all List actions", `"kms:List*"`, "AWS Key Management Service | Full: List | All resources | None"},
		{"all List actions, some Read", `"sns:List*"`, "Amazon SNS | Full: List  Limited: Read | All resources | None"},
		{"some Read actions", `"s3:GetObject"`, "Amazon S3 | Limited: Read | All resources | None"},
		{"tagging", `["iam:TagRole", "iam:UntagRole"]`, "AWS Identity and Access Management (IAM) | Limited: Tagging | All resources | None"},
		{"permissions management", `"s3:PutBucketPolicy"`, "Amazon S3 | Limited: Permissions management | All resources | None"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := summarize(t, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": `+tt.action+`, "Resource": "*"}}`)
			assert.Equal(t, []string{tt.want}, rows(s.Allow))
			assert.Empty(t, s.ExplicitDeny)
		})
	}
}

// Resources and request conditions (access_policies_understand-policy-summary.md,
// "Understanding the elements of a policy summary").
func TestResourcesAndConditions(t *testing.T) {
	s := summarize(t, `{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
		{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": ["arn:aws:dynamodb:us-east-1:123456789012:table/A", "arn:aws:dynamodb:us-east-1:123456789012:table/B"],
		 "Condition": {"StringEquals": {"aws:PrincipalTag/team": "data"}, "Bool": {"aws:SecureTransport": "true"}}}]}`)
	assert.Equal(t, []string{
		"Amazon DynamoDB | Limited: Read | Multiple | Multiple",
		"Amazon S3 | Limited: Read | arn:aws:s3:::reports/* | aws:SourceIp IpAddress 203.0.113.0/24",
	}, rows(s.Allow))
}

// The console's warnings: "No resources are defined." and "One or more
// actions do not have an applicable resource."; unknown services go to
// Uncategorized services.
func TestWarnings(t *testing.T) {
	s := summarize(t, `{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": "codecommit:*", "Resource": "arn:aws:codebuild:us-east-1:123456789012:project/demo"},
		{"Effect": "Allow", "Action": ["s3:ListAllMyBuckets", "s3:GetObject", "s3:GetObjekt"], "Resource": "arn:aws:s3:::b/*"},
		{"Effect": "Deny", "Action": "codedploy:*", "Resource": "*"}]}`)
	require.Len(t, s.Allow, 2)
	assert.Equal(t, []string{summary.NoResourcesDefined}, s.Allow[0].Warnings)
	assert.Equal(t, "None", s.Allow[0].AccessText())
	assert.Equal(t, []string{"s3:GetObject"}, s.Allow[1].Actions)
	assert.Equal(t, []string{summary.ActionsWithoutResource, "Unrecognized actions: s3:GetObjekt."}, s.Allow[1].Warnings)
	assert.Equal(t, []summary.Uncategorized{{Prefix: "codedploy", Effect: "Deny", Actions: []string{"codedploy:*"}}}, s.Uncategorized)
}

// Policy 1 of access_policies_policy-summary-examples.md: an Allow and a
// Deny for the same service, each summarized in its own section.
func TestAllowAndDenySections(t *testing.T) {
	s := summarize(t, `{"Version": "2012-10-17", "Statement": [
		{"Sid": "FullAccess", "Effect": "Allow", "Action": ["s3:*"], "Resource": ["*"]},
		{"Sid": "DenyCustomerBucket", "Action": ["s3:*"], "Effect": "Deny", "Resource": ["arn:aws:s3:::customer", "arn:aws:s3:::customer/*"]}]}`)
	assert.Equal(t, []string{"Amazon S3 | Full access | All resources | None"}, rows(s.Allow))
	require.Len(t, s.ExplicitDeny, 1)
	assert.Equal(t, summary.Multiple, s.ExplicitDeny[0].Resource)
	assert.False(t, s.ExplicitDeny[0].FullAccess, "ListAllMyBuckets takes no bucket ARN")
}

func TestNotAction(t *testing.T) {
	s := summarize(t, `{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}}`)
	c, _ := loadOnce()
	assert.Len(t, s.Allow, len(c.Services())-1, "every service but IAM")
	for _, r := range s.Allow {
		assert.NotEqual(t, "iam", r.Prefix)
	}
}

func ExampleSummarize() {
	c, err := catalog.Load()
	if err != nil {
		panic(err)
	}
	doc, err := policy.Parse([]byte(`{"Version": "2012-10-17", "Statement": [
		{"Effect": "Allow", "Action": ["kms:Get*", "kms:List*", "kms:Describe*"], "Resource": "*"},
		{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::123456789012:role/deploy"}]}`), policy.Options{})
	if err != nil {
		panic(err)
	}
	for _, s := range summary.Summarize(c, doc).Allow {
		fmt.Println(strings.Join([]string{s.Name, s.AccessText(), s.Resource}, " | "))
	}
	// Output:
	// AWS Key Management Service | Full: List, Read | All resources
	// AWS Security Token Service | Limited: Write | arn:aws:iam::123456789012:role/deploy
}
