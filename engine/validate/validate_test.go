package validate_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/validate"
)

var loadOnce = sync.OnceValues(catalog.Load)

func cat(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := loadOnce()
	require.NoError(t, err)
	return c
}

// stmt wraps statements in a 2012-10-17 document.
func stmt(statements ...string) string {
	return `{"Version": "2012-10-17", "Statement": [` + strings.Join(statements, ",") + `]}`
}

// codesAt lists the findings as "CODE@path".
func codesAt(findings []validate.Finding) []string {
	var out []string
	for _, f := range findings {
		out = append(out, string(f.IssueCode)+"@"+f.Locations[0].PathString())
	}
	return out
}

// Each case names the section of access-analyzer-reference-policy-checks.md
// (or, for iamlab's own codes, the page) that describes the check.
func TestChecks(t *testing.T) {
	tests := []struct {
		name string
		typ  validate.PolicyType
		doc  string
		want []string
	}{
		{"Error – Json syntax error", validate.IdentityPolicy, `{"Version": "2012-10-17",`, []string{"JSON_SYNTAX_ERROR@"}},
		{"General Warning – Missing version", validate.IdentityPolicy, `{"Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}}`, []string{"MISSING_VERSION@"}},
		{"Error – Invalid version", validate.IdentityPolicy, `{"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}}`, []string{"INVALID_VERSION@Version"}},
		{"Error – Missing statement", validate.IdentityPolicy, `{"Version": "2012-10-17"}`, []string{"MISSING_STATEMENT@"}},
		{"Error – Invalid policy element", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Resources": "*"}`), []string{"INVALID_POLICY_ELEMENT@Statement[0].Resources"}},
		{"Error – Invalid effect", validate.IdentityPolicy, stmt(`{"Effect": "allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}`), []string{"INVALID_EFFECT@Statement[0].Effect"}},
		{"Error – Missing effect", validate.IdentityPolicy, stmt(`{"Action": "s3:ListAllMyBuckets", "Resource": "*"}`), []string{"MISSING_EFFECT@Statement[0]"}},
		{"Error – Missing action", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Resource": "*"}`), []string{"MISSING_ACTION@Statement[0]"}},
		{"Error – Missing resource", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets"}`), []string{"MISSING_RESOURCE@Statement[0]"}},
		{"Error – Unique Sids required", validate.IdentityPolicy, stmt(`{"Sid": "A", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}`, `{"Sid": "A", "Effect": "Deny", "Action": "s3:ListAllMyBuckets", "Resource": "*"}`), []string{"UNIQUE_SIDS_REQUIRED@Statement[1].Sid"}},
		{"Error – Unsupported Sid", validate.IdentityPolicy, stmt(`{"Sid": "read-all", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}`), []string{"UNSUPPORTED_SID@Statement[0].Sid"}},
		{"Suggestion – Empty Sid value", validate.IdentityPolicy, stmt(`{"Sid": "", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}`), []string{"EMPTY_SID_VALUE@Statement[0].Sid"}},
		{"Error – Invalid action", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:GetObjct", "Resource": "*"}`), []string{"INVALID_ACTION@Statement[0].Action"}},
		{"Error – Invalid service in action", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s4:GetObject", "Resource": "*"}`), []string{"INVALID_SERVICE_IN_ACTION@Statement[0].Action"}},
		{"Suggestion – Wildcard in service name", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s*:ListAllMyBuckets", "Resource": "*"}`), []string{"WILDCARD_IN_SERVICE_NAME@Statement[0].Action"}},
		{"Suggestion – Redundant action", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": ["s3:Get*", "s3:GetObject"], "Resource": "*"}`), []string{"REDUNDANT_ACTION@Statement[0].Action[1]"}},
		{"Suggestion – Empty array action", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": [], "Resource": "*"}`), []string{"EMPTY_ARRAY_ACTION@Statement[0].Action"}},
		{"Error – SCP syntax error action wildcard", validate.ServiceControlPolicy, stmt(`{"Effect": "Deny", "Action": "s3:*Object", "Resource": "*"}`), []string{"SCP_SYNTAX_ERROR_ACTION_WILDCARD@Statement[0].Action"}},
		{"Error – Invalid ARN prefix", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "s3:::bucket/*"}`), []string{"INVALID_ARN_PREFIX@Statement[0].Resource", "UNSUPPORTED_RESOURCE_FOR_ACTION@Statement[0].Action"}},
		{"Error – Missing ARN field", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:bucket"}`), []string{"MISSING_ARN_FIELD@Statement[0].Resource", "UNSUPPORTED_RESOURCE_FOR_ACTION@Statement[0].Action"}},
		{"Error – Invalid partition", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:amazon:s3:::bucket/*"}`), []string{"INVALID_PARTITION@Statement[0].Resource"}},
		{"Error – Invalid ARN service case", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:S3:::bucket/*"}`), []string{"INVALID_ARN_SERVICE_CASE@Statement[0].Resource", "UNSUPPORTED_RESOURCE_FOR_ACTION@Statement[0].Action"}},
		{"Error – Invalid ARN Region", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:mars:123456789012:table/Books"}`), []string{"INVALID_ARN_REGION@Statement[0].Resource"}},
		{"Error – Invalid ARN account", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "arn:aws:dynamodb:us-east-1:1234:table/Books"}`), []string{"INVALID_ARN_ACCOUNT@Statement[0].Resource"}},
		{"Error – ARN Region not allowed", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam:us-east-1:123456789012:user/alice"}`), []string{"ARN_REGION_NOT_ALLOWED@Statement[0].Resource", "UNSUPPORTED_RESOURCE_FOR_ACTION@Statement[0].Action"}},
		{"Error – Missing ARN Region", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs::123456789012:orders"}`), []string{"MISSING_ARN_REGION@Statement[0].Resource"}},
		{"Error – Invalid ARN resource", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam::123456789012:person/alice"}`), []string{"INVALID_ARN_RESOURCE@Statement[0].Resource", "UNSUPPORTED_RESOURCE_FOR_ACTION@Statement[0].Action"}},
		{"iamlab: an object action on a bucket ARN", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket"}`), []string{"UNSUPPORTED_RESOURCE_FOR_ACTION@Statement[0].Action"}},
		{"iamlab: an action without resource types needs *", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::*"}`), []string{"STAR_RESOURCE_REQUIRED@Statement[0].Action"}},
		{"fitting resources are fine", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/${aws:username}/*"]}`), nil},
		{"Suggestion – Redundant resource", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/reports/*"]}`), []string{"REDUNDANT_RESOURCE@Statement[0].Resource[1]"}},
		{"Error – Variable unsupported in version", validate.IdentityPolicy, `{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}}`, []string{"VARIABLE_UNSUPPORTED_IN_VERSION@Statement.Resource"}},
		{"Error – Role trust policy syntax error resource", validate.ResourcePolicy, stmt(`{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}`), []string{"ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE@Statement[0].Resource"}},
		{"Error – Missing principal", validate.ResourcePolicy, stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), []string{"MISSING_PRINCIPAL@Statement[0]"}},
		{"Error – Unsupported principal", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), []string{"UNSUPPORTED_PRINCIPAL@Statement[0].Principal"}},
		{"Error – Invalid principal key", validate.ResourcePolicy, stmt(`{"Effect": "Allow", "Principal": {"User": "alice"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), []string{"INVALID_PRINCIPAL_KEY@Statement[0].Principal.User"}},
		{"Suggestion – Empty object principal", validate.ResourcePolicy, stmt(`{"Effect": "Allow", "Principal": {}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), []string{"EMPTY_OBJECT_PRINCIPAL@Statement[0].Principal"}},
		{"Security Warning – Allow with NotPrincipal", validate.ResourcePolicy, stmt(`{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), []string{"ALLOW_WITH_NOT_PRINCIPAL@Statement[0].NotPrincipal"}},
		{"iamlab: a wildcard principal without conditions", validate.ResourcePolicy, stmt(`{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`), []string{"WILDCARD_PRINCIPAL_WITHOUT_CONDITION@Statement[0].Principal"}},
		{"a wildcard principal with a condition", validate.ResourcePolicy, stmt(`{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}`), nil},
		{"iamlab: Allow with NotAction", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}`), []string{"ALLOW_WITH_NOT_ACTION@Statement[0].NotAction"}},
		{"Security Warning – Pass role with star in resource", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}`), []string{"PASS_ROLE_WITH_STAR_IN_RESOURCE@Statement[0].Action"}},
		{"Pass role with iam:PassedToService", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}}`), nil},
		{"Security Warning – Pass role with star in action and resource", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}`), []string{"PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE@Statement[0].Action", "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE@Statement[0].Action"}},
		{"Security Warning – Pass role with NotResource", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "iam:PassRole", "NotResource": "arn:aws:iam::123456789012:role/admin"}`), []string{"PASS_ROLE_WITH_NOT_RESOURCE@Statement[0].Action"}},
		{"Security Warning – Pass role with star in resource and NotAction", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}`), []string{"ALLOW_WITH_NOT_ACTION@Statement[0].NotAction", "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION@Statement[0].NotAction", "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION@Statement[0].NotAction"}},
		{"Error – Invalid condition operator", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"StringEqual": {"aws:username": "alice"}}}`), []string{"INVALID_CONDITION_OPERATOR@Statement[0].Condition.StringEqual"}},
		{"Error – Null with if exists", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"NullIfExists": {"aws:username": "true"}}}`), []string{"NULL_WITH_IF_EXISTS@Statement[0].Condition.NullIfExists"}},
		{"Suggestion – Null with qualifier", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"ForAnyValue:Null": {"aws:TagKeys": "true"}}}`), []string{"NULL_WITH_QUALIFIER@Statement[0].Condition.ForAnyValue:Null"}},
		{"Error – Invalid global condition key", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"StringEquals": {"aws:UserName": "alice", "aws:NoSuchKey": "x"}}}`), []string{"INVALID_GLOBAL_CONDITION_KEY@Statement[0].Condition.StringEquals.aws:NoSuchKey"}},
		{"Error – Invalid service condition key", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"StringLike": {"s3:prefixes": "home/"}}}`), []string{"INVALID_SERVICE_CONDITION_KEY@Statement[0].Condition.StringLike.s3:prefixes"}},
		{"Error – Invalid service", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"StringLike": {"s4:prefix": "home/"}}}`), []string{"INVALID_SERVICE@Statement[0].Condition.StringLike.s4:prefix"}},
		{"Error – Invalid condition key format", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"StringEquals": {"username": "alice"}}}`), []string{"INVALID_CONDITION_KEY_FORMAT@Statement[0].Condition.StringEquals.username"}},
		{"Error – Missing tag key in condition", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag": "dev"}}}`), []string{"MISSING_TAG_KEY_IN_CONDITION@Statement[0].Condition.StringEquals.aws:ResourceTag"}},
		{"Error – Unsupported action for condition key", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": ["s3:ListBucket", "s3:GetObject"], "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"StringLike": {"s3:prefix": "home/"}}}`), []string{"UNSUPPORTED_ACTION_FOR_CONDITION_KEY@Statement[0].Condition.StringLike.s3:prefix"}},
		{"Error – Duplicate keys with different case", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "a", "aws:UserName": "b"}}}`), []string{"DUPLICATE_KEYS_WITH_DIFFERENT_CASE@Statement[0].Condition.StringEquals.aws:UserName"}},
		{"Error – Missing qualifier", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": "team"}}}`), []string{"MISSING_QUALIFIER@Statement[0].Condition.StringEquals.aws:TagKeys"}},
		{"Security Warning – ForAllValues with single valued key", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:username": "alice"}}}`), []string{"FORALLVALUES_WITH_SINGLE_VALUED_KEY@Statement[0].Condition.ForAllValues:StringEquals.aws:username"}},
		{"General Warning – Type mismatch", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceIp": "203.0.113.0/24"}}}`), []string{"TYPE_MISMATCH@Statement[0].Condition.StringEquals.aws:SourceIp"}},
		{"General Warning – Type mismatch number", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "an hour"}}}`), []string{"TYPE_MISMATCH_NUMBER@Statement[0].Condition.NumericLessThan.aws:MultiFactorAuthAge"}},
		{"General Warning – Type mismatch Boolean", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "yes"}}}`), []string{"TYPE_MISMATCH_BOOLEAN@Statement[0].Condition.Bool.aws:SecureTransport"}},
		{"General Warning – Type mismatch date", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "next week"}}}`), []string{"TYPE_MISMATCH_DATE@Statement[0].Condition.DateLessThan.aws:CurrentTime"}},
		{"General Warning – Type mismatch IP range", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/33"}}}`), []string{"TYPE_MISMATCH_IP_RANGE@Statement[0].Condition.IpAddress.aws:SourceIp"}},
		{"Error – Invalid condition multiple Boolean", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": ["true", "false"]}}}`), []string{"INVALID_CONDITION_MULTIPLE_BOOLEAN@Statement[0].Condition.Bool.aws:SecureTransport[0]", "INVALID_CONDITION_MULTIPLE_BOOLEAN@Statement[0].Condition.Bool.aws:SecureTransport[1]"}},
		{"Error – Invalid variable for operator", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"NumericEquals": {"aws:MultiFactorAuthAge": "${aws:EpochTime}"}}}`), []string{"INVALID_VARIABLE_FOR_OPERATOR@Statement[0].Condition.NumericEquals.aws:MultiFactorAuthAge"}},
		{"General Warning – Wildcard without like operator", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "admin-*"}}}`), []string{"WILDCARD_WITHOUT_LIKE_OPERATOR@Statement[0].Condition.StringEquals.aws:username"}},
		{"Suggestion – Empty array condition", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"StringEquals": {"aws:username": []}}}`), []string{"EMPTY_ARRAY_CONDITION@Statement[0].Condition.StringEquals.aws:username"}},
		{"Suggestion – Empty object condition", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {}}`), []string{"EMPTY_OBJECT_CONDITION@Statement[0].Condition"}},
		{"Error – Private IP address", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}`), []string{"PRIVATE_IP_ADDRESS@Statement[0].Condition.IpAddress.aws:SourceIp"}},
		{"Suggestion – Improve IP range", validate.IdentityPolicy, stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.7/24"}}}`), []string{"IMPROVE_IP_RANGE@Statement[0].Condition.IpAddress.aws:SourceIp"}},
		{"keys of web identity and SAML providers", validate.ResourcePolicy, stmt(`{"Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"accounts.google.com:aud": "app", "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:x:y"}}}`), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := validate.Request{Document: []byte(tt.doc), Type: tt.typ}
			if strings.Contains(tt.doc, "sts:AssumeRole") {
				req.ResourceType = validate.TrustPolicyResourceType
			}
			got := codesAt(validate.Validate(cat(t), req))
			assert.ElementsMatch(t, tt.want, got)
		})
	}
}

func TestFindingShape(t *testing.T) {
	doc := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:GetObjct\", \"Resource\": \"*\"}\n}"
	findings := validate.Validate(cat(t), validate.Request{Document: []byte(doc)})
	require.Len(t, findings, 1)
	f := findings[0]
	assert.Equal(t, validate.Error, f.FindingType)
	assert.Equal(t, "The action s3:GetObjct does not exist. Did you mean s3:GetObject?", f.FindingDetails)
	assert.Equal(t, "/validate/invalid-action/", f.LearnMoreLink)
	loc := f.Locations[0]
	assert.Equal(t, validate.Position{Line: 3, Column: 45, Offset: 74}, loc.Span.Start, "columns count from 0, as Access Analyzer's")
	assert.Equal(t, 58, loc.Span.End.Column)
	data, err := json.Marshal(f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"findingDetails": "The action s3:GetObjct does not exist. Did you mean s3:GetObject?", "findingType": "ERROR",
		"issueCode": "INVALID_ACTION", "learnMoreLink": "/validate/invalid-action/",
		"locations": [{"path": [{"value": "Statement"}, {"value": "Action"}],
		"span": {"start": {"line": 3, "column": 45, "offset": 74}, "end": {"line": 3, "column": 58, "offset": 87}}}]}`, string(data))
}

func TestWithoutCatalog(t *testing.T) {
	findings := validate.Validate(nil, validate.Request{Document: []byte(stmt(`{"Effect": "Allow", "Action": "s3:GetObjct", "Resource": "*"}`))})
	assert.Empty(t, findings, "action names need the catalog")
	findings = validate.Validate(nil, validate.Request{Document: []byte(stmt(`{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}`))})
	assert.Equal(t, []string{"INVALID_EFFECT@Statement[0].Effect"}, codesAt(findings))
}

// Problems IAM refuses that no check names come through as
// MALFORMED_POLICY_DOCUMENT, once.
func TestGrammarErrorsAreReported(t *testing.T) {
	findings := validate.Validate(cat(t), validate.Request{Document: []byte(stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"StringEquals": {"aws:username": {"a": 1}}}}`))})
	assert.Equal(t, []string{"DATA_TYPE_MISMATCH@Statement[0].Condition.StringEquals.aws:username"}, codesAt(findings))
	findings = validate.Validate(cat(t), validate.Request{Type: validate.ResourcePolicy, Document: []byte(stmt(`{"Effect": "Allow", "Principal": {"AWS": "alice"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}`))})
	assert.Equal(t, []string{"MALFORMED_POLICY_DOCUMENT@Statement[0].Principal.AWS"}, codesAt(findings))
	assert.Contains(t, findings[0].FindingDetails, "IAM would refuse the policy: invalid principal")
}

func TestCodes(t *testing.T) {
	seen := map[validate.Code]bool{}
	for _, c := range validate.Codes() {
		assert.False(t, seen[c], "%s twice", c)
		seen[c] = true
		info, ok := c.Info()
		require.True(t, ok)
		assert.NotEmpty(t, info.Title)
		if info.AWS {
			assert.Contains(t, c.AWSReference(), "access-analyzer-reference-policy-checks.md#")
		} else {
			assert.Empty(t, c.AWSReference())
		}
	}
	_, ok := validate.Code("NOPE").Info()
	assert.False(t, ok)
	assert.Equal(t, "access-analyzer-reference-policy-checks.md#access-analyzer-reference-policy-checks-security-warning-pass-role-with-star-in-resource", validate.PassRoleWithStarInResource.AWSReference())
	for _, name := range []string{"IDENTITY_POLICY", "RESOURCE_POLICY", "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"} {
		pt, ok := validate.ParsePolicyType(name)
		assert.True(t, ok)
		assert.Equal(t, name, pt.String())
	}
	_, ok = validate.ParsePolicyType("identity")
	assert.False(t, ok)
	var ft validate.FindingType
	require.NoError(t, ft.UnmarshalText([]byte("SECURITY_WARNING")))
	assert.Equal(t, validate.SecurityWarning, ft)
	assert.Equal(t, "security warning", ft.Title())
	assert.Error(t, ft.UnmarshalText([]byte("FATAL")))
}

// The AWS managed policies validate without a crash; most without errors.
func TestManagedPolicies(t *testing.T) {
	m, err := catalog.LoadManagedPolicies()
	require.NoError(t, err)
	withErrors := 0
	for _, p := range m.Policies {
		for _, f := range validate.Validate(cat(t), validate.Request{Document: []byte(p.Document)}) {
			if f.FindingType == validate.Error {
				withErrors++
				break
			}
		}
	}
	t.Logf("%d of %d AWS managed policies have an error finding", withErrors, len(m.Policies))
	assert.Less(t, withErrors, len(m.Policies)/5)
}

func ExampleValidate() {
	c, err := catalog.Load()
	if err != nil {
		panic(err)
	}
	doc := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}]}`
	for _, f := range validate.Validate(c, validate.Request{Document: []byte(doc), Type: validate.IdentityPolicy}) {
		fmt.Println(f.FindingType, f.IssueCode, f.Locations[0].PathString())
	}
	// Output:
	// SECURITY_WARNING PASS_ROLE_WITH_STAR_IN_RESOURCE Statement[0].Action
}
