package account

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func versionIDs(t *testing.T, a *Account, arn string) []string {
	out := must[*ListPolicyVersionsOutput](t)(a.ListPolicyVersions(ListPolicyVersionsInput{PolicyArn: arn}))
	var ids []string
	for _, v := range out.Versions {
		ids = append(ids, v.VersionId)
	}
	return ids
}

func TestPolicyVersions(t *testing.T) {
	a, _ := newTestAccount(t)
	p := must[*CreatePolicyOutput](t)(a.CreatePolicy(CreatePolicyInput{PolicyName: "P", Path: "/team/", PolicyDocument: allowS3, Description: "d"})).Policy
	assert.Equal(t, "arn:aws:iam::111122223333:policy/team/P", p.Arn)
	assert.True(t, IsUniqueID(p.PolicyId, PrefixPolicy))
	assert.Equal(t, "v1", p.DefaultVersionId, "a new policy starts with v1, its default (access_policies_managed-versioning.md)")
	assert.True(t, p.IsAttachable)

	for i := 2; i <= 5; i++ {
		v := must[*CreatePolicyVersionOutput](t)(a.CreatePolicyVersion(CreatePolicyVersionInput{PolicyArn: p.Arn, PolicyDocument: allowEC2, SetAsDefault: i == 3}))
		assert.Equal(t, "v"+itoa(i), v.PolicyVersion.VersionId)
		assert.Equal(t, i == 3, v.PolicyVersion.IsDefaultVersion)
	}
	_, err := a.CreatePolicyVersion(CreatePolicyVersionInput{PolicyArn: p.Arn, PolicyDocument: allowS3})
	assert.EqualError(t, err, "LimitExceeded: A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.")

	got := must[*GetPolicyOutput](t)(a.GetPolicy(GetPolicyInput{PolicyArn: p.Arn})).Policy
	assert.Equal(t, "v3", got.DefaultVersionId)

	// Deleting v2 and v4 and adding two gives v1, v3, v5, v6, v7
	// (access_policies_managed-versioning.md, "Version limits").
	require.NoError(t, a.DeletePolicyVersion(DeletePolicyVersionInput{PolicyArn: p.Arn, VersionId: "v2"}))
	require.NoError(t, a.DeletePolicyVersion(DeletePolicyVersionInput{PolicyArn: p.Arn, VersionId: "v4"}))
	must[*CreatePolicyVersionOutput](t)(a.CreatePolicyVersion(CreatePolicyVersionInput{PolicyArn: p.Arn, PolicyDocument: allowS3}))
	must[*CreatePolicyVersionOutput](t)(a.CreatePolicyVersion(CreatePolicyVersionInput{PolicyArn: p.Arn, PolicyDocument: allowS3}))
	assert.Equal(t, []string{"v7", "v6", "v5", "v3", "v1"}, versionIDs(t, a, p.Arn))

	v := must[*GetPolicyVersionOutput](t)(a.GetPolicyVersion(GetPolicyVersionInput{PolicyArn: p.Arn, VersionId: "v3"})).PolicyVersion
	assert.Equal(t, allowEC2, v.Document)
	assert.True(t, v.IsDefaultVersion)

	require.NoError(t, a.SetDefaultPolicyVersion(SetDefaultPolicyVersionInput{PolicyArn: p.Arn, VersionId: "v1"}))
	err = a.DeletePolicyVersion(DeletePolicyVersionInput{PolicyArn: p.Arn, VersionId: "v1"})
	assert.EqualError(t, err, "DeleteConflict: Cannot delete the default version of a policy.")
	require.NoError(t, a.DeletePolicyVersion(DeletePolicyVersionInput{PolicyArn: p.Arn, VersionId: "v3"}))
}

func TestDeletePolicy(t *testing.T) {
	f := newFixture(t)
	a := f.a
	err := a.DeletePolicy(DeletePolicyInput{PolicyArn: f.s3Read})
	assert.EqualError(t, err, "DeleteConflict: Cannot delete a policy attached to entities.", "access_policies_manage-delete.md")
	got := must[*GetPolicyOutput](t)(a.GetPolicy(GetPolicyInput{PolicyArn: f.s3Read})).Policy
	assert.Equal(t, 2, got.AttachmentCount)
	ents := must[*ListEntitiesForPolicyOutput](t)(a.ListEntitiesForPolicy(ListEntitiesForPolicyInput{PolicyArn: f.s3Read}))
	assert.Equal(t, "dev", ents.PolicyGroups[0].GroupName)
	assert.Equal(t, "app", ents.PolicyRoles[0].RoleName)
	assert.Empty(t, ents.PolicyUsers)
	require.NoError(t, a.DetachGroupPolicy(GroupPolicyAttachmentInput{GroupName: "dev", PolicyArn: f.s3Read}))
	require.NoError(t, a.DetachRolePolicy(RolePolicyAttachmentInput{RoleName: "app", PolicyArn: f.s3Read}))
	err = a.DeletePolicy(DeletePolicyInput{PolicyArn: f.s3Read})
	assert.ErrorIs(t, err, ErrDeleteConflict, "non-default versions first")
	require.NoError(t, a.DeletePolicyVersion(DeletePolicyVersionInput{PolicyArn: f.s3Read, VersionId: "v1"}))
	require.NoError(t, a.DeletePolicy(DeletePolicyInput{PolicyArn: f.s3Read}), "the default version goes with the policy")
	_, err = a.GetPolicy(GetPolicyInput{PolicyArn: f.s3Read})
	assert.EqualError(t, err, "NoSuchEntity: Policy arn:aws:iam::111122223333:policy/S3Read does not exist or is not attachable.")
}

func TestAttachPolicies(t *testing.T) {
	t.Run("ten per user, the eleventh is LimitExceeded (reference_iam-quotas.md)", func(t *testing.T) {
		a, _ := newTestAccount(t)
		must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "u"}))
		for i := range 11 {
			p := must[*CreatePolicyOutput](t)(a.CreatePolicy(CreatePolicyInput{PolicyName: "p" + itoa(i), PolicyDocument: allowS3})).Policy
			err := a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "u", PolicyArn: p.Arn})
			if i < 10 {
				require.NoError(t, err)
			} else {
				assert.EqualError(t, err, "LimitExceeded: Cannot exceed quota for PoliciesPerUser: 10")
			}
		}
		att := must[*ListAttachedPoliciesOutput](t)(a.ListAttachedUserPolicies(ListAttachedUserPoliciesInput{UserName: "u"}))
		assert.Len(t, att.AttachedPolicies, 10)
		assert.Equal(t, "p0", att.AttachedPolicies[0].PolicyName, "attachment order")
	})
	t.Run("attaching twice does nothing; AWS managed policies attach", func(t *testing.T) {
		f := newFixture(t)
		admin := AWSManagedPolicyARN("/", "AdministratorAccess")
		require.NoError(t, f.a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "bob", PolicyArn: admin}))
		require.NoError(t, f.a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "bob", PolicyArn: admin}))
		att := must[*ListAttachedPoliciesOutput](t)(f.a.ListAttachedUserPolicies(ListAttachedUserPoliciesInput{UserName: "bob"}))
		assert.Equal(t, []AttachedPolicy{{PolicyName: "AdministratorAccess", PolicyArn: admin}}, att.AttachedPolicies)
	})
	t.Run("boundaries are counted apart (access_policies_boundaries.md)", func(t *testing.T) {
		f := newFixture(t)
		p := must[*GetPolicyOutput](t)(f.a.GetPolicy(GetPolicyInput{PolicyArn: f.readOnly})).Policy
		assert.Equal(t, 1, p.AttachmentCount)
		assert.Equal(t, 1, p.PermissionsBoundaryUsageCount)
		u := must[*GetUserOutput](t)(f.a.GetUser(GetUserInput{UserName: "alice"})).User
		assert.Equal(t, &AttachedPermissionsBoundary{PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: f.readOnly}, u.PermissionsBoundary)
		require.NoError(t, f.a.DeleteUserPermissionsBoundary(DeleteUserPermissionsBoundaryInput{UserName: "alice"}))
		require.NoError(t, f.a.PutRolePermissionsBoundary(PutRolePermissionsBoundaryInput{RoleName: "app", PermissionsBoundary: f.unused}))
		r := must[*GetRoleOutput](t)(f.a.GetRole(GetRoleInput{RoleName: "app"})).Role
		assert.Equal(t, f.unused, r.PermissionsBoundary.PermissionsBoundaryArn)
	})
}

func TestAWSManagedPolicies(t *testing.T) {
	a, _ := newTestAccount(t)
	aws := must[*ListPoliciesOutput](t)(a.ListPolicies(ListPoliciesInput{Scope: ScopeAWS}))
	var names []string
	for _, p := range aws.Policies {
		names = append(names, p.PolicyName)
		assert.True(t, IsUniqueID(p.PolicyId, PrefixPolicy))
	}
	assert.Equal(t, []string{"AWSSupportServiceRolePolicy", "AdministratorAccess", "IAMUserChangePassword", "ReadOnlyAccess"}, names)
	assert.Empty(t, must[*ListPoliciesOutput](t)(a.ListPolicies(ListPoliciesInput{Scope: ScopeLocal})).Policies)

	// Same ID in every account.
	env, _ := newTestEnv(9)
	b, err := New("444455556666", env)
	require.NoError(t, err)
	pa := must[*GetPolicyOutput](t)(a.GetPolicy(GetPolicyInput{PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess"})).Policy
	pb := must[*GetPolicyOutput](t)(b.GetPolicy(GetPolicyInput{PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess"})).Policy
	assert.Equal(t, pa.PolicyId, pb.PolicyId)

	// AWS updates a managed policy with a new default version
	// (access_policies_managed-versioning.md).
	require.NoError(t, a.RegisterAWSManagedPolicy(AWSManagedPolicy{PolicyName: "AdministratorAccess", Document: allowS3}))
	pa = must[*GetPolicyOutput](t)(a.GetPolicy(GetPolicyInput{PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess"})).Policy
	assert.Equal(t, "v2", pa.DefaultVersionId)
	for range 6 {
		require.NoError(t, a.RegisterAWSManagedPolicy(AWSManagedPolicy{PolicyName: "AdministratorAccess", Document: allowEC2}))
	}
	assert.Equal(t, []string{"v8", "v7", "v6", "v5", "v4"}, versionIDs(t, a, "arn:aws:iam::aws:policy/AdministratorAccess"))

	attached := must[*ListPoliciesOutput](t)(a.ListPolicies(ListPoliciesInput{OnlyAttached: true}))
	assert.Empty(t, attached.Policies)
	svc := must[*GetPolicyOutput](t)(a.GetPolicy(GetPolicyInput{PolicyArn: AWSManagedPolicyARN("/aws-service-role/", "AWSSupportServiceRolePolicy")})).Policy
	assert.False(t, svc.IsAttachable, "service-role policies are for the service's role only (using-service-linked-roles.md)")
}
