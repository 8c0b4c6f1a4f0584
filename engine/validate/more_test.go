package validate_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/iamlab/iamlab/engine/validate"
)

const trust = validate.TrustPolicyResourceType

// The checks added for the rest of Access Analyzer's reference: each case
// names its section of access-analyzer-reference-policy-checks.md.
func TestMoreChecks(t *testing.T) {
	tests := []struct {
		name string
		typ  validate.PolicyType
		rt   string
		doc  string
		want []string
	}{
		// Errors.
		{"Error – Invalid condition data type", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": ["3600", 7200]}}}`), []string{"INVALID_CONDITION_DATA_TYPE@Statement[0].Condition.NumericLessThan.aws:MultiFactorAuthAge"}},
		{"Error – Invalid Region", validate.IdentityPolicy, "", stmt(`{"Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "europe"]}}}`), []string{"INVALID_REGION@Statement[0].Condition.StringNotEquals.aws:RequestedRegion[1]"}},
		{"Error – SCP syntax error NotResource", validate.ServiceControlPolicy, "", stmt(`{"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::audit-logs/*"}`), []string{"SCP_SYNTAX_ERROR_NOTRESOURCE@Statement[0].NotResource"}},
		{"Error – SCP syntax error principal", validate.ServiceControlPolicy, "", stmt(`{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:*", "Resource": "*"}`), []string{"SCP_SYNTAX_ERROR_PRINCIPAL@Statement[0].Principal"}},
		{"Error – Unsupported action in policy", validate.ResourcePolicy, "AWS::S3::Bucket", stmt(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": ["s3:GetObject", "kms:Decrypt"], "Resource": "arn:aws:s3:::reports/*"}`), []string{"UNSUPPORTED_ACTION_IN_POLICY@Statement[0].Action[1]"}},
		{"Error – Unsupported resource ARN in policy", validate.ResourcePolicy, "AWS::S3::Bucket", stmt(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::reports/*", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"]}`), []string{"UNSUPPORTED_RESOURCE_ARN_IN_POLICY@Statement[0].Resource[1]"}},
		{"Error – Unsupported global condition key", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"ArnLike": {"aws:ARN": "arn:aws:iam::123456789012:user/*"}}}`), []string{"UNSUPPORTED_GLOBAL_CONDITION_KEY@Statement[0].Condition.ArnLike.aws:ARN"}},
		{"Error – Unsupported wildcard in principal", validate.ResourcePolicy, "", stmt(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:user/*"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}`), []string{"UNSUPPORTED_WILDCARD_IN_PRINCIPAL@Statement[0].Principal.AWS"}},
		{"Error – Missing brace in variable", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username/*"}`), []string{"MISSING_BRACE_IN_VARIABLE@Statement[0].Resource"}},
		{"Error – Missing quote in variable", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::team-${aws:PrincipalTag/team, shared}/*"}`), []string{"MISSING_QUOTE_IN_VARIABLE@Statement[0].Resource"}},
		{"Error – Unsupported space in variable", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws: username}/*"}`), []string{"UNSUPPORTED_SPACE_IN_VARIABLE@Statement[0].Resource"}},
		{"Error – Empty variable", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${}/*"}`), []string{"EMPTY_VARIABLE@Statement[0].Resource"}},
		{"Error – Variable unsupported in element", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "s3:${aws:username}", "Resource": "*"}`), []string{"VARIABLE_UNSUPPORTED_IN_ELEMENT@Statement[0].Action"}},
		{"Error – Invalid service principal format", validate.ResourcePolicy, "", stmt(`{"Effect": "Allow", "Principal": {"Service": "Lambda"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:orders", "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:lambda:us-east-1:123456789012:function:ingest"}}}`), []string{"INVALID_SERVICE_PRINCIPAL_FORMAT@Statement[0].Principal.Service"}},
		{"Error – Invalid vpc format", validate.IdentityPolicy, "", stmt(`{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpc": "vpc-123"}}}`), []string{"INVALID_VPC_FORMAT@Statement[0].Condition.StringNotEquals.aws:SourceVpc"}},
		{"Error – Invalid vpce format", validate.IdentityPolicy, "", stmt(`{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "endpoint-1a2b3c4d"}}}`), []string{"INVALID_VPCE_FORMAT@Statement[0].Condition.StringNotEquals.aws:SourceVpce"}},
		{"Error – Federated principal not supported", validate.ResourcePolicy, "", stmt(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/corp"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}`), []string{"FEDERATED_PRINCIPAL_NOT_SUPPORTED@Statement[0].Principal.Federated"}},
		{"Error – Unsupported condition key for service principal", validate.ResourcePolicy, "", stmt(`{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5", "aws:SourceAccount": "123456789012"}}}`), []string{"UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL@Statement[0].Condition.StringEquals.aws:PrincipalOrgID"}},
		{"Error – Role trust policy syntax error notprincipal", validate.ResourcePolicy, trust, stmt(`{"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:role/Admin"}, "Action": "sts:AssumeRole"}`), []string{"ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL@Statement[0].NotPrincipal"}},
		{"Error – Role trust policy unsupported wildcard in principal", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}`), []string{"ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL@Statement[0].Principal"}},
		{"Error – Missing action for condition key", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:RequestTag/project": "apollo"}}}`), []string{"MISSING_ACTION_FOR_CONDITION_KEY@Statement[0].Condition.StringEquals.aws:RequestTag/project"}},
		{"Error – Invalid federated principal syntax in role trust policy", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"Federated": "corp-saml"}, "Action": "sts:AssumeRoleWithSAML"}`), []string{"INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY@Statement[0].Principal.Federated", "MISMATCHED_ACTION_FOR_PRINCIPAL@Statement[0].Action"}},
		{"Error – Mismatched action for principal", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/corp"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}`), []string{"MISMATCHED_ACTION_FOR_PRINCIPAL@Statement[0].Action"}},
		{"Error – Missing action for roles anywhere trust policy", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession"]}`), []string{"MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY@Statement[0].Principal.Service"}},
		// Security warnings.
		{"Security Warning – Missing paired condition keys", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*", "Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/16"}}}`), []string{"MISSING_PAIRED_CONDITION_KEYS@Statement[0].Condition.IpAddress.aws:VpcSourceIp"}},
		{"Security Warning – Deny with unsupported tag condition key for service", validate.IdentityPolicy, "", stmt(`{"Effect": "Deny", "Action": ["ec2:TerminateInstances", "route53:ChangeResourceRecordSets"], "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "prod"}}}`), []string{"DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE@Statement[0].Condition.StringEquals.aws:ResourceTag/env"}},
		{"Security Warning – Deny NotAction with unsupported tag condition key for service", validate.IdentityPolicy, "", stmt(`{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "prod"}}}`), []string{"DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE@Statement[0].Condition.StringEquals.aws:ResourceTag/env"}},
		{"Security Warning – Restrict access to service principal", validate.ResourcePolicy, "", stmt(`{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:orders"}`), []string{"RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL@Statement[0].Principal.Service"}},
		{"Security Warning – Missing condition key for oidc principal", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.example.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}`), []string{"MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL@Statement[0].Principal.Federated"}},
		{"Security Warning – Missing github repo condition key", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}}`), []string{"MISSING_GITHUB_REPO_CONDITION_KEY@Statement[0].Principal.Federated"}},
		// General warnings.
		{"General Warning – Create SLR with NotResource", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "NotResource": "arn:aws:iam::123456789012:role/Admin"}`), []string{"CREATE_SLR_WITH_NOT_RESOURCE@Statement[0].Action"}},
		{"General Warning – Create SLR with star in action and NotResource", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "iam:Create*", "NotResource": "arn:aws:iam::123456789012:role/Admin"}`), []string{"CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE@Statement[0].Action"}},
		{"General Warning – Create SLR with NotAction and NotResource", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "NotAction": "s3:*", "NotResource": "arn:aws:iam::123456789012:role/Admin"}`), []string{"ALLOW_WITH_NOT_ACTION@Statement[0].NotAction", "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE@Statement[0].NotAction", "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE@Statement[0].NotAction"}},
		{"General Warning – Create SLR with star in resource", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*"}`), []string{"CREATE_SLR_WITH_STAR_IN_RESOURCE@Statement[0].Action"}},
		{"SLR creation limited to a service", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "iam:CreateServiceLinkedRole", "Resource": "*", "Condition": {"StringEquals": {"iam:AWSServiceName": "autoscaling.amazonaws.com"}}}`), nil},
		{"General Warning – Invalid date value", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"DateLessThan": {"aws:CurrentTime": "1767225600"}}}`), []string{"INVALID_DATE_VALUE@Statement[0].Condition.DateLessThan.aws:CurrentTime"}},
		{"General Warning – Invalid role reference", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"AWS": "AROAJQABLZS4A3QDU576Q"}, "Action": "sts:AssumeRole"}`), []string{"INVALID_ROLE_REFERENCE@Statement[0].Principal.AWS"}},
		{"General Warning – Invalid user reference", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"AWS": "AIDAJQABLZS4A3QDU576Q"}, "Action": "sts:AssumeRole"}`), []string{"INVALID_USER_REFERENCE@Statement[0].Principal.AWS"}},
		{"General Warning – Specific github repo and branch recommended", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:*"}}}`), []string{"SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED@Statement[0].Condition.StringLike.token.actions.githubusercontent.com:sub"}},
		// Suggestions.
		{"Suggestion – Private NotIpAddress subset", validate.IdentityPolicy, "", stmt(`{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NotIpAddress": {"aws:SourceIp": ["203.0.113.0/24", "10.0.0.0/8"]}}}`), []string{"PRIVATE_NOT_IP_ADDRESS_SUBSET@Statement[0].Condition.NotIpAddress.aws:SourceIp"}},
		{"Suggestion – Redundant condition value num", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": ["2700", "3600"]}}}`), []string{"REDUNDANT_CONDITION_VALUE_NUM@Statement[0].Condition.NumericLessThan.aws:MultiFactorAuthAge"}},
		{"Suggestion – Redundant statement", validate.IdentityPolicy, "", stmt(`{"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}`, `{"Resource": "arn:aws:s3:::reports/*", "Action": "s3:GetObject", "Effect": "Allow"}`), []string{"REDUNDANT_STATEMENT@Statement[1]"}},
		{"Suggestion – Allow with unsupported tag condition key for service", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": ["ec2:StartInstances", "route53:GetHostedZone"], "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "blue"}}}`), []string{"ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE@Statement[0].Condition.StringEquals.aws:ResourceTag/team"}},
		{"Suggestion – Allow NotAction with unsupported tag condition key for service", validate.ServiceControlPolicy, "", stmt(`{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/team": "blue"}}}`), []string{"ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE@Statement[0].Condition.StringEquals.aws:ResourceTag/team"}},
		{"Suggestion – Recommended condition key for service principal", validate.ResourcePolicy, "", stmt(`{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:orders", "Condition": {"StringLike": {"aws:Referer": "orders-*"}}}`), []string{"RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL@Statement[0].Condition.StringLike.aws:Referer"}},
		{"Suggestion – Irrelevant condition key in policy", validate.ResourcePolicy, "AWS::S3::Bucket", stmt(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*", "Condition": {"StringEquals": {"s3:ResourceAccount": "123456789012"}}}`), []string{"IRRELEVANT_CONDITION_KEY_IN_POLICY@Statement[0].Condition.StringEquals.s3:ResourceAccount"}},
		{"Suggestion – Redundant principal in role trust policy", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:role/Deploy", "arn:aws:sts::123456789012:assumed-role/Deploy/ci"]}, "Action": "sts:AssumeRole"}`), []string{"REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY@Statement[0].Principal.AWS[1]"}},
		{"Suggestion – Confirm audience claim type", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"ForAnyValue:StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-abcd-abcd-abcd-123456789012"}}}`), []string{"CONFIRM_AUDIENCE_CLAIM_TYPE@Statement[0].Condition.ForAnyValue:StringEquals.cognito-identity.amazonaws.com:aud"}},
		// Checks that stay quiet.
		{"wildcards in one of GitHub's subjects", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": ["repo:octo-org/app:ref:refs/heads/main", "repo:octo-org/*"]}}}`), []string{"SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED@Statement[0].Condition.StringLike.token.actions.githubusercontent.com:sub[1]"}},
		{"a trust of a GitHub repository's branch", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:octo-org/app:ref:refs/heads/main"}}}`), nil},
		{"a service principal tied to its source", validate.ResourcePolicy, "", stmt(`{"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:123456789012:orders", "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:events"}}}`), nil},
		{"a trust with session tags", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": ["sts:AssumeRole", "sts:TagSession"], "Condition": {"StringEquals": {"aws:RequestTag/project": "apollo"}}}`), nil},
		{"IAM Roles Anywhere with its three actions", validate.ResourcePolicy, trust, stmt(`{"Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, "Action": ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"]}`), nil},
		{"a tag key every action supports", validate.IdentityPolicy, "", stmt(`{"Effect": "Deny", "Action": "ec2:TerminateInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:ResourceTag/env": "prod"}}}`), nil},
		{"well-formed variables", validate.IdentityPolicy, "", stmt(`{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::team-${aws:PrincipalTag/team, 'shared'}/${aws:username}/*"}`), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := codesAt(validate.Validate(cat(t), validate.Request{Document: []byte(tt.doc), Type: tt.typ, ResourceType: tt.rt}))
			assert.ElementsMatch(t, tt.want, got)
		})
	}
}

// Findings for the new checks say where, with the span of the element.
func TestMoreChecksPositions(t *testing.T) {
	doc := "{\"Version\": \"2012-10-17\", \"Statement\": [\n" +
		"  {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::home/${}/*\"}\n]}"
	f := validate.Validate(cat(t), validate.Request{Document: []byte(doc)})
	if assert.Len(t, f, 1) {
		assert.Equal(t, validate.EmptyVariable, f[0].IssueCode)
		assert.Equal(t, validate.Position{Line: 2, Column: 60, Offset: 101}, f[0].Locations[0].Span.Start)
		assert.Equal(t, 85, f[0].Locations[0].Span.End.Column)
	}
}
