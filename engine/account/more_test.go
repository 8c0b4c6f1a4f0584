package account

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/engine/policy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The failure paths of the list, get and untag operations.
func TestMoreFailuresChangeNothing(t *testing.T) {
	const nope = "arn:aws:iam::111122223333:policy/Nope"
	runFailures(t, []failureCase{
		{"ListGroups bad prefix", "iam.json", ErrValidation, func(f *fixture) error { return errOf(f.a.ListGroups(ListGroupsInput{PathPrefix: "x"})) }},
		{"ListRoles bad prefix", "iam.json", ErrValidation, func(f *fixture) error { return errOf(f.a.ListRoles(ListRolesInput{PathPrefix: "x"})) }},
		{"ListInstanceProfiles bad prefix", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.ListInstanceProfiles(ListInstanceProfilesInput{PathPrefix: "x"}))
		}},
		{"ListGroupsForUser unknown", "id_groups_manage_list.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListGroupsForUser(ListGroupsForUserInput{UserName: "zed"}))
		}},
		{"ListGroupPolicies unknown", "id_groups_manage_attach-policy.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListGroupPolicies(ListGroupPoliciesInput{GroupName: "zed"}))
		}},
		{"ListAttachedGroupPolicies unknown", "id_groups_manage_attach-policy.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListAttachedGroupPolicies(ListAttachedGroupPoliciesInput{GroupName: "zed"}))
		}},
		{"ListAttachedRolePolicies bad prefix", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.ListAttachedRolePolicies(ListAttachedRolePoliciesInput{RoleName: "app", PathPrefix: "x"}))
		}},
		{"ListRolePolicies unknown", "id_roles_manage.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListRolePolicies(ListRolePoliciesInput{RoleName: "zed"}))
		}},
		{"ListRoleTags unknown", "id_tags_roles.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListRoleTags(ListRoleTagsInput{RoleName: "zed"}))
		}},
		{"ListInstanceProfilesForRole unknown", "id_roles_use_switch-role-ec2_instance-profiles.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListInstanceProfilesForRole(ListInstanceProfilesForRoleInput{RoleName: "zed"}))
		}},
		{"UpdateRoleDescription control character", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.UpdateRoleDescription(UpdateRoleDescriptionInput{RoleName: "app", Description: "\x02"}))
		}},
		{"UntagUser unknown", "id_tags_users.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.UntagUser(UntagUserInput{UserName: "zed", TagKeys: []string{"a"}})
		}},
		{"UntagRole bad key", "id_tags_roles.md", ErrValidation, func(f *fixture) error {
			return f.a.UntagRole(UntagRoleInput{RoleName: "app", TagKeys: []string{"a*"}})
		}},
		{"UntagPolicy unknown", "id_tags_customer-managed-policies.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.UntagPolicy(UntagPolicyInput{PolicyArn: nope, TagKeys: []string{"a"}})
		}},
		{"ListPolicyTags unknown", "id_tags_customer-managed-policies.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListPolicyTags(ListPolicyTagsInput{PolicyArn: nope}))
		}},
		{"UntagInstanceProfile unknown", "id_tags_instance-profiles.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.UntagInstanceProfile(UntagInstanceProfileInput{InstanceProfileName: "zed", TagKeys: []string{"a"}})
		}},
		{"ListInstanceProfileTags unknown", "id_tags_instance-profiles.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListInstanceProfileTags(InstanceProfileNameInput{InstanceProfileName: "zed"}))
		}},
		{"TagMFADevice unknown", "id_tags_virtual-mfa.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.TagMFADevice(TagMFADeviceInput{SerialNumber: "arn:aws:iam::111122223333:mfa/nope", Tags: []Tag{{"a", "b"}}})
		}},
		{"UntagMFADevice bad key", "id_tags_virtual-mfa.md", ErrValidation, func(f *fixture) error {
			return f.a.UntagMFADevice(UntagMFADeviceInput{SerialNumber: f.spareMFA, TagKeys: []string{""}})
		}},
		{"ListMFADeviceTags bad serial", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.ListMFADeviceTags(ListMFADeviceTagsInput{SerialNumber: "x"}))
		}},
		{"ListMFADevices unknown user", "id_credentials_mfa_checking-status.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListMFADevices(ListMFADevicesInput{UserName: "zed"}))
		}},
		{"DeleteVirtualMFADevice unknown", "id_credentials_mfa_disable.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteVirtualMFADevice(DeleteVirtualMFADeviceInput{SerialNumber: "arn:aws:iam::111122223333:mfa/nope"})
		}},
		{"CheckMFACode another user's device", "id_credentials_mfa.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.CheckMFACode(CheckMFACodeInput{UserName: "bob", SerialNumber: f.aliceMFA, Code: "123456"})
		}},
		{"UntagOpenIDConnectProvider unknown", "id_tags_idps_oidc.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.UntagOpenIDConnectProvider(UntagOpenIDConnectProviderInput{OpenIDConnectProviderArn: "arn:aws:iam::111122223333:oidc-provider/x.example", TagKeys: []string{"a"}})
		}},
		{"TagOpenIDConnectProvider aws: prefix", "id_tags.md", ErrInvalidInput, func(f *fixture) error {
			return f.a.TagOpenIDConnectProvider(TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: f.oidc, Tags: []Tag{{"k", "aws:v"}}})
		}},
		{"ListOpenIDConnectProviderTags unknown", "id_tags_idps_oidc.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListOpenIDConnectProviderTags(OpenIDConnectProviderInput{OpenIDConnectProviderArn: "arn:aws:iam::111122223333:oidc-provider/x.example"}))
		}},
		{"DeleteOpenIDConnectProvider unknown", "id_roles_providers_create_oidc.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteOpenIDConnectProvider(OpenIDConnectProviderInput{OpenIDConnectProviderArn: "arn:aws:iam::111122223333:oidc-provider/x.example"})
		}},
		{"RemoveClientIDFromOpenIDConnectProvider empty", "iam.json", ErrValidation, func(f *fixture) error {
			return f.a.RemoveClientIDFromOpenIDConnectProvider(OpenIDConnectProviderClientIDInput{OpenIDConnectProviderArn: f.oidc})
		}},
		{"CreateOpenIDConnectProvider query string", "id_roles_providers_create_oidc.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.CreateOpenIDConnectProvider(CreateOpenIDConnectProviderInput{Url: "https://x.example/?a=b"}))
		}},
		{"GetSAMLProvider unknown", "id_roles_providers_create_saml.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetSAMLProvider(SAMLProviderInput{SAMLProviderArn: "arn:aws:iam::111122223333:saml-provider/Nope"}))
		}},
		{"UpdateSAMLProvider short metadata", "iam.json", ErrValidation, func(f *fixture) error {
			return f.a.UpdateSAMLProvider(UpdateSAMLProviderInput{SAMLProviderArn: f.saml, SAMLMetadataDocument: "<x/>"})
		}},
		{"TagSAMLProvider unknown", "id_tags_idps_saml.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.TagSAMLProvider(TagSAMLProviderInput{SAMLProviderArn: "arn:aws:iam::111122223333:saml-provider/Nope", Tags: []Tag{{"a", "b"}}})
		}},
		{"UntagSAMLProvider bad key", "id_tags_idps_saml.md", ErrValidation, func(f *fixture) error {
			return f.a.UntagSAMLProvider(UntagSAMLProviderInput{SAMLProviderArn: f.saml, TagKeys: []string{""}})
		}},
		{"GetSSHPublicKey unknown", "id_credentials_ssh-keys.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetSSHPublicKey(SSHPublicKeyInput{UserName: "bob", SSHPublicKeyId: f.aliceSSH}))
		}},
		{"ListSSHPublicKeys unknown", "id_credentials_ssh-keys.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListSSHPublicKeys(ListSSHPublicKeysInput{UserName: "zed"}))
		}},
		{"UploadSSHPublicKey PEM that is not RSA", "id_credentials_ssh-keys.md", ErrInvalidPublicKey, func(f *fixture) error {
			return errOf(f.a.UploadSSHPublicKey(UploadSSHPublicKeyInput{UserName: "bob", SSHPublicKeyBody: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"}))
		}},
		{"DeleteSigningCertificate unknown", "iam.json", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteSigningCertificate(SigningCertificateInput{UserName: "bob", CertificateId: f.aliceCert})
		}},
		{"ListSigningCertificates unknown", "iam.json", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListSigningCertificates(ListSigningCertificatesInput{UserName: "zed"}))
		}},
		{"ListAccessKeys unknown", "id_credentials_access-keys.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListAccessKeys(ListAccessKeysInput{UserName: "zed"}))
		}},
		{"RegisterAWSManagedPolicy bad path", "iam.json", ErrValidation, func(f *fixture) error {
			return f.a.RegisterAWSManagedPolicy(AWSManagedPolicy{PolicyName: "X", Path: "nope", Document: allowS3})
		}},
		{"GetLoginProfile unknown user", "id_credentials_passwords_admin-change-user.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetLoginProfile(GetLoginProfileInput{UserName: "zed"}))
		}},
		{"DeleteRolePermissionsBoundary service-linked", "using-service-linked-roles.md", ErrUnmodifiableEntity, func(f *fixture) error {
			return f.a.DeleteRolePermissionsBoundary(DeleteRolePermissionsBoundaryInput{RoleName: f.slr})
		}},
		{"GetUserPolicy bad name", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.GetUserPolicy(UserPolicyInput{UserName: "alice", PolicyName: "a b"}))
		}},
		{"TrustPolicy unknown role", "id_roles.md", ErrNoSuchEntity, func(f *fixture) error { return errOf(f.a.TrustPolicy("zed")) }},
	})
}

// The list operations return everything, sorted, filtered by path prefix
// and usage as iam.json describes ListGroups, ListRoles, ListPolicies ….
func TestListOperations(t *testing.T) {
	f := newFixture(t)
	a := f.a
	groups := must[*ListGroupsOutput](t)(a.ListGroups(ListGroupsInput{}))
	assert.Len(t, groups.Groups, 2)
	roles := must[*ListRolesOutput](t)(a.ListRoles(ListRolesInput{PathPrefix: "/aws-service-role/"}))
	require.Len(t, roles.Roles, 1)
	assert.Equal(t, f.slr, roles.Roles[0].RoleName)
	profiles := must[*ListInstanceProfilesOutput](t)(a.ListInstanceProfiles(ListInstanceProfilesInput{}))
	assert.Len(t, profiles.InstanceProfiles, 2)
	att := must[*ListAttachedPoliciesOutput](t)(a.ListAttachedGroupPolicies(ListAttachedGroupPoliciesInput{GroupName: "dev", PathPrefix: "/"}))
	assert.Equal(t, []AttachedPolicy{{PolicyName: "S3Read", PolicyArn: f.s3Read}}, att.AttachedPolicies)
	rp := must[*ListEntityPoliciesOutput](t)(a.ListRolePolicies(ListRolePoliciesInput{RoleName: "app"}))
	assert.Equal(t, []string{"AppS3"}, rp.PolicyNames)
	got := must[*GetEntityPolicyOutput](t)(a.GetRolePolicy(RolePolicyInput{RoleName: "app", PolicyName: "apps3"}))
	assert.Equal(t, "AppS3", got.PolicyName)
	up := must[*GetEntityPolicyOutput](t)(a.GetUserPolicy(UserPolicyInput{UserName: "alice", PolicyName: "AliceS3"}))
	assert.Equal(t, allowS3, up.PolicyDocument)
	local := must[*ListPoliciesOutput](t)(a.ListPolicies(ListPoliciesInput{Scope: ScopeLocal, PathPrefix: "/team/"}))
	require.Len(t, local.Policies, 1)
	assert.Equal(t, "Unused", local.Policies[0].PolicyName)
	bounds := must[*ListPoliciesOutput](t)(a.ListPolicies(ListPoliciesInput{PolicyUsageFilter: "PermissionsBoundary"}))
	require.Len(t, bounds.Policies, 1)
	assert.Equal(t, "ReadOnlyAccess", bounds.Policies[0].PolicyName)

	require.NoError(t, a.TagPolicy(TagPolicyInput{PolicyArn: f.unused, Tags: []Tag{{"a", "1"}}}))
	require.NoError(t, a.UntagPolicy(UntagPolicyInput{PolicyArn: f.unused, TagKeys: []string{"a"}}))
	require.NoError(t, a.TagInstanceProfile(TagInstanceProfileInput{InstanceProfileName: "web", Tags: []Tag{{"a", "1"}}}))
	require.NoError(t, a.UntagInstanceProfile(UntagInstanceProfileInput{InstanceProfileName: "web", TagKeys: []string{"a"}}))
	require.NoError(t, a.UntagRole(UntagRoleInput{RoleName: "app", TagKeys: []string{"TIER"}}))
	assert.Empty(t, must[*ListTagsOutput](t)(a.ListRoleTags(ListRoleTagsInput{RoleName: "app"})).Tags)
	require.NoError(t, a.TagOpenIDConnectProvider(TagOpenIDConnectProviderInput{OpenIDConnectProviderArn: f.oidc, Tags: []Tag{{"a", "1"}}}))
	require.NoError(t, a.UntagOpenIDConnectProvider(UntagOpenIDConnectProviderInput{OpenIDConnectProviderArn: f.oidc, TagKeys: []string{"a"}}))
	assert.Empty(t, must[*ListTagsOutput](t)(a.ListOpenIDConnectProviderTags(OpenIDConnectProviderInput{OpenIDConnectProviderArn: f.oidc})).Tags)
	require.NoError(t, a.PutRolePermissionsBoundary(PutRolePermissionsBoundaryInput{RoleName: "app", PermissionsBoundary: f.readOnly}))
	require.NoError(t, a.DeleteRolePermissionsBoundary(DeleteRolePermissionsBoundaryInput{RoleName: "app"}))
}

// A PEM RSA key has the same fingerprint as its OpenSSH form
// (id_credentials_ssh-keys.md).
func TestSSHKeyForms(t *testing.T) {
	k := &rsa.PublicKey{N: new(big.Int).Lsh(big.NewInt(5), 2040), E: 65537}
	der, err := x509.MarshalPKIXPublicKey(k)
	require.NoError(t, err)
	pemKey := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	fp1, err := sshFingerprint(pemKey)
	require.NoError(t, err)
	fp2, err := sshFingerprint(testSSHKey(t, 5))
	require.NoError(t, err)
	assert.Equal(t, fp1, fp2)
	for _, bad := range []string{"ssh-rsa !!!", "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIA==", "-----BEGIN PUBLIC KEY-----\n-----END"} {
		_, err := sshFingerprint(bad)
		assert.ErrorIs(t, err, ErrInvalidPublicKey, bad)
	}
}

// Error codes, HTTP statuses and messages as iam.json has them.
func TestErrors(t *testing.T) {
	err := error(&Error{Code: ErrMalformedPolicyDocument, Message: "x", Err: policy.ErrMalformed})
	assert.ErrorIs(t, err, ErrMalformedPolicyDocument)
	assert.ErrorIs(t, err, policy.ErrMalformed)
	assert.False(t, errors.Is(err, ErrNoSuchEntity))
	assert.Equal(t, "NoSuchEntity", ErrNoSuchEntity.Error())
	assert.Equal(t, "LimitExceeded", (&Error{Code: ErrLimitExceeded}).Error())
	for code, status := range map[Code]int{ErrNoSuchEntity: 404, ErrLimitExceeded: 409, ErrInvalidAuthenticationCode: 403, ErrServiceFailure: 500, ErrValidation: 400} {
		assert.Equal(t, status, code.HTTPStatus(), code)
	}
	// A malformed policy's message is the policy package's located text.
	f := newFixture(t)
	err = f.a.PutUserPolicy(PutUserPolicyInput{UserName: "bob", PolicyName: "Bad", PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}]}`})
	assert.EqualError(t, err, `MalformedPolicyDocument: Bad:1:48 Statement[0].Effect: must be "Allow" or "Deny", got "allow"`)
	var list policy.ErrorList
	assert.ErrorAs(t, err, &list)
}

// Typed outcomes marshal to their names (iam.json statusType and our own).
func TestTextForms(t *testing.T) {
	for c, s := range map[KeyCheck]string{KeyUnknown: "Unknown", KeyWrongSecret: "WrongSecret", KeyInactive: "Inactive", KeyValid: "Valid"} {
		b, _ := c.MarshalText()
		assert.Equal(t, s, string(b))
	}
	for c, s := range map[PasswordCheck]string{PasswordWrong: "Wrong", PasswordNotSet: "NotSet", PasswordExpired: "Expired", PasswordExpiredHard: "ExpiredHard", PasswordResetRequired: "ResetRequired"} {
		b, _ := c.MarshalText()
		assert.Equal(t, s, string(b))
	}
	b, err := json.Marshal(User{UserName: "u"})
	require.NoError(t, err)
	assert.NotContains(t, string(b), "Tags", "empty optional fields are left out")
}

// ASIA key IDs are for STS (reference_identifiers.md).
func TestTemporaryAccessKeyID(t *testing.T) {
	env, _ := newTestEnv(4)
	id, err := NewTemporaryAccessKeyID(env.Rand)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(id, "ASIA"))
	assert.True(t, IsAccessKeyID(id))
	_, err = NewTemporaryAccessKeyID(failingReader{})
	assert.ErrorIs(t, err, ErrServiceFailure)
}

func TestServiceLinkedRoleNames(t *testing.T) {
	for service, want := range map[string]string{
		"elasticbeanstalk.amazonaws.com":     "ElasticBeanstalk",
		"elasticloadbalancing.amazonaws.com": "ElasticLoadBalancing",
		"ecs.amazonaws.com":                  "ECS",
		"rds.amazonaws.com":                  "RDS",
		"organizations.amazonaws.com":        "Organizations",
		"trustedadvisor.amazonaws.com":       "TrustedAdvisor",
		"sso.amazonaws.com":                  "SSO",
		"config.amazonaws.com":               "Config",
		"cloudtrail.amazonaws.com":           "CloudTrail",
		"access-analyzer.amazonaws.com":      "AccessAnalyzer",
		"ops.apigateway.amazonaws.com":       "OpsApigateway",
		"guard-duty.amazonaws.com":           "GuardDuty",
	} {
		got, _ := serviceLinkedRoleName(service)
		assert.Equal(t, want, got, service)
	}
}

// GetAccountSummary counts what the account holds against its quotas
// (reference_iam-quotas.md).
func TestGetAccountSummary(t *testing.T) {
	f := newFixture(t)
	m := f.a.GetAccountSummary().SummaryMap
	want := map[string]int{
		"Users": 2, "UsersQuota": 5000, "Groups": 2, "Roles": 3, "Policies": 2, "PolicyVersionsInUse": 3,
		"InstanceProfiles": 2, "MFADevices": 2, "MFADevicesInUse": 1, "AccountMFAEnabled": 0,
		"AccountAccessKeysPresent": 0, "Providers": 2, "AttachedPoliciesPerUserQuota": 10, "PolicySizeQuota": 6144,
		"AssumeRolePolicySizeQuota": 2048, "UserPolicySizeQuota": 2048, "GroupPolicySizeQuota": 5120, "RolePolicySizeQuota": 10240,
	}
	for k, v := range want {
		assert.Equal(t, v, m[k], k)
	}
}

// Every parameter's shape is checked before the entities are looked up,
// and all violations are reported together (iam.json).
func TestShapesFirst(t *testing.T) {
	a, _ := newTestAccount(t)
	err := a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "nobody here", PolicyArn: "arn:x"})
	require.ErrorIs(t, err, ErrValidation)
	assert.Contains(t, err.Error(), "2 validation errors detected")
	assert.Contains(t, err.Error(), "Value 'nobody here' at 'userName'")
	assert.Contains(t, err.Error(), "Value 'arn:x' at 'policyArn' failed to satisfy constraint: Member must have length greater than or equal to 20")
	err = a.PutRolePermissionsBoundary(PutRolePermissionsBoundaryInput{RoleName: "nobody", PermissionsBoundary: "x"})
	assert.ErrorIs(t, err, ErrValidation)
}
