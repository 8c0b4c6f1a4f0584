package account

import (
	"testing"
	"time"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRoles(t *testing.T) {
	t.Run("defaults: MaxSessionDuration 3600, path / (id_roles_use.md)", func(t *testing.T) {
		a, _ := newTestAccount(t)
		out := must[*CreateRoleOutput](t)(a.CreateRole(CreateRoleInput{RoleName: "app", AssumeRolePolicyDocument: trustEC2}))
		assert.Equal(t, 3600, out.Role.MaxSessionDuration)
		assert.Equal(t, "arn:aws:iam::111122223333:role/app", out.Role.Arn)
		assert.True(t, IsUniqueID(out.Role.RoleId, PrefixRole))
		assert.Equal(t, trustEC2, out.Role.AssumeRolePolicyDocument)
	})
	t.Run("MaxSessionDuration 12 hours (reference_iam-quotas.md)", func(t *testing.T) {
		a, _ := newTestAccount(t)
		out := must[*CreateRoleOutput](t)(a.CreateRole(CreateRoleInput{RoleName: "long", Path: "/svc/", AssumeRolePolicyDocument: trustEC2, MaxSessionDuration: 43200}))
		assert.Equal(t, 43200, out.Role.MaxSessionDuration)
		assert.Equal(t, "arn:aws:iam::111122223333:role/svc/long", out.Role.Arn)
		require.NoError(t, a.UpdateRole(UpdateRoleInput{RoleName: "long", MaxSessionDuration: 7200, Description: ptr("shorter")}))
		got := must[*GetRoleOutput](t)(a.GetRole(GetRoleInput{RoleName: "LONG"}))
		assert.Equal(t, 7200, got.Role.MaxSessionDuration)
		assert.Equal(t, "shorter", got.Role.Description)
	})
	t.Run("trust policy is a Trust document (id_roles_terms-and-concepts.md)", func(t *testing.T) {
		f := newFixture(t)
		tp := must[eval.Policy](t)(f.a.TrustPolicy("app"))
		assert.Equal(t, policy.Trust, tp.Doc.Type)
		require.NoError(t, f.a.UpdateAssumeRolePolicy(UpdateAssumeRolePolicyInput{RoleName: "app",
			PolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}]}`}))
		tp = must[eval.Policy](t)(f.a.TrustPolicy("app"))
		assert.Equal(t, []string{"arn:aws:iam::444455556666:root"}, tp.Doc.Statements[0].Principal.AWS)
	})
	t.Run("DeleteRole order (id_roles_manage_delete.md)", func(t *testing.T) {
		f := newFixture(t)
		a := f.a
		err := a.DeleteRole(DeleteRoleInput{RoleName: "app"})
		assert.EqualError(t, err, "DeleteConflict: Cannot delete entity, must remove roles from instance profile first.")
		require.NoError(t, a.RemoveRoleFromInstanceProfile(InstanceProfileRoleInput{InstanceProfileName: "web", RoleName: "app"}))
		err = a.DeleteRole(DeleteRoleInput{RoleName: "app"})
		assert.EqualError(t, err, "DeleteConflict: Cannot delete entity, must delete policies first.")
		require.NoError(t, a.DeleteRolePolicy(RolePolicyInput{RoleName: "app", PolicyName: "AppS3"}))
		err = a.DeleteRole(DeleteRoleInput{RoleName: "app"})
		assert.EqualError(t, err, "DeleteConflict: Cannot delete entity, must detach all policies first.")
		require.NoError(t, a.DetachRolePolicy(RolePolicyAttachmentInput{RoleName: "app", PolicyArn: f.s3Read}))
		require.NoError(t, a.DeleteRole(DeleteRoleInput{RoleName: "app"}))
	})
	t.Run("RecordRoleUse sets RoleLastUsed", func(t *testing.T) {
		f := newFixture(t)
		when := f.clock.t.Add(time.Hour)
		require.NoError(t, f.a.RecordRoleUse(RecordRoleUseInput{RoleName: "app", Time: when, Region: "eu-west-1"}))
		require.NoError(t, f.a.RecordRoleUse(RecordRoleUseInput{RoleName: "app", Time: f.clock.t, Region: "us-east-1"}), "an older use is ignored")
		got := must[*GetRoleOutput](t)(f.a.GetRole(GetRoleInput{RoleName: "app"}))
		require.NotNil(t, got.Role.RoleLastUsed.LastUsedDate)
		assert.Equal(t, when, *got.Role.RoleLastUsed.LastUsedDate)
		assert.Equal(t, "eu-west-1", got.Role.RoleLastUsed.Region)
	})
}

func TestServiceLinkedRoles(t *testing.T) {
	cases := []struct {
		name, service, suffix, role, path string
		policies                          []AttachedPolicy
	}{
		{"known service with its role policy", "support.amazonaws.com", "", "AWSServiceRoleForSupport", "/aws-service-role/support.amazonaws.com/",
			[]AttachedPolicy{{PolicyName: "AWSSupportServiceRolePolicy", PolicyArn: "arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"}}},
		{"AWS's spelling of the name", "autoscaling.amazonaws.com", "", "AWSServiceRoleForAutoScaling", "/aws-service-role/autoscaling.amazonaws.com/", []AttachedPolicy{}},
		{"custom suffix", "autoscaling.amazonaws.com", "batch", "AWSServiceRoleForAutoScaling_batch", "/aws-service-role/autoscaling.amazonaws.com/", []AttachedPolicy{}},
		{"unknown service: capitalised label", "lambda.amazonaws.com", "", "AWSServiceRoleForLambda", "/aws-service-role/lambda.amazonaws.com/", []AttachedPolicy{}},
	}
	for _, c := range cases {
		t.Run(c.name+" (using-service-linked-roles.md)", func(t *testing.T) {
			a, _ := newTestAccount(t)
			out := must[*CreateServiceLinkedRoleOutput](t)(a.CreateServiceLinkedRole(CreateServiceLinkedRoleInput{AWSServiceName: c.service, CustomSuffix: c.suffix}))
			assert.Equal(t, c.role, out.Role.RoleName)
			assert.Equal(t, c.path, out.Role.Path)
			assert.Equal(t, "arn:aws:iam::111122223333:role"+c.path+c.role, out.Role.Arn)
			tp := must[eval.Policy](t)(a.TrustPolicy(c.role))
			assert.Equal(t, []string{c.service}, tp.Doc.Statements[0].Principal.Service, "only the service may assume it")
			att := must[*ListAttachedPoliciesOutput](t)(a.ListAttachedRolePolicies(ListAttachedRolePoliciesInput{RoleName: c.role}))
			assert.Equal(t, c.policies, att.AttachedPolicies)
			info := must[RoleInfo](t)(a.Role(c.role))
			assert.True(t, info.ServiceLinked)
		})
	}
	t.Run("the description may change (using-service-linked-roles.md)", func(t *testing.T) {
		f := newFixture(t)
		out := must[*UpdateRoleDescriptionOutput](t)(f.a.UpdateRoleDescription(UpdateRoleDescriptionInput{RoleName: f.slr, Description: "support"}))
		assert.Equal(t, "support", out.Role.Description)
	})
	t.Run("deletion fails while resources use it, then succeeds (using-service-linked-roles.md)", func(t *testing.T) {
		f := newFixture(t)
		a := f.a
		require.NoError(t, a.SetServiceLinkedRoleResources(SetServiceLinkedRoleResourcesInput{RoleName: f.slr, Region: "us-east-1", Resources: []string{"case-123"}}))
		task := must[*DeleteServiceLinkedRoleOutput](t)(a.DeleteServiceLinkedRole(DeleteServiceLinkedRoleInput{RoleName: f.slr}))
		assert.Regexp(t, `^task/aws-service-role/support\.amazonaws\.com/AWSServiceRoleForSupport/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, task.DeletionTaskId)
		st := must[*GetServiceLinkedRoleDeletionStatusOutput](t)(a.GetServiceLinkedRoleDeletionStatus(GetServiceLinkedRoleDeletionStatusInput{DeletionTaskId: task.DeletionTaskId}))
		assert.Equal(t, "FAILED", st.Status)
		require.NotNil(t, st.Reason)
		assert.Equal(t, []string{"us-east-1: case-123"}, st.Reason.RoleUsageList)
		must[*GetRoleOutput](t)(a.GetRole(GetRoleInput{RoleName: f.slr}))

		require.NoError(t, a.SetServiceLinkedRoleResources(SetServiceLinkedRoleResourcesInput{RoleName: f.slr}))
		task = must[*DeleteServiceLinkedRoleOutput](t)(a.DeleteServiceLinkedRole(DeleteServiceLinkedRoleInput{RoleName: f.slr}))
		st = must[*GetServiceLinkedRoleDeletionStatusOutput](t)(a.GetServiceLinkedRoleDeletionStatus(GetServiceLinkedRoleDeletionStatusInput{DeletionTaskId: task.DeletionTaskId}))
		assert.Equal(t, "SUCCEEDED", st.Status)
		assert.Nil(t, st.Reason)
		_, err := a.GetRole(GetRoleInput{RoleName: f.slr})
		assert.ErrorIs(t, err, ErrNoSuchEntity)
	})
	t.Run("protected role message", func(t *testing.T) {
		f := newFixture(t)
		err := f.a.UpdateAssumeRolePolicy(UpdateAssumeRolePolicyInput{RoleName: f.slr, PolicyDocument: trustEC2})
		assert.EqualError(t, err, "UnmodifiableEntity: Cannot perform the operation on the protected role 'AWSServiceRoleForSupport' - this role is only modifiable by AWS")
	})
}

func TestInstanceProfiles(t *testing.T) {
	f := newFixture(t)
	a := f.a
	out := must[*InstanceProfileOutput](t)(a.GetInstanceProfile(InstanceProfileNameInput{InstanceProfileName: "web"}))
	assert.Equal(t, "arn:aws:iam::111122223333:instance-profile/web", out.InstanceProfile.Arn)
	assert.True(t, IsUniqueID(out.InstanceProfile.InstanceProfileId, PrefixInstanceProfile))
	require.Len(t, out.InstanceProfile.Roles, 1)
	assert.Equal(t, "app", out.InstanceProfile.Roles[0].RoleName)

	err := a.AddRoleToInstanceProfile(InstanceProfileRoleInput{InstanceProfileName: "web", RoleName: "bare"})
	assert.EqualError(t, err, "LimitExceeded: Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
		"one role per instance profile (id_roles_use_switch-role-ec2_instance-profiles.md)")
	require.NoError(t, a.RemoveRoleFromInstanceProfile(InstanceProfileRoleInput{InstanceProfileName: "web", RoleName: "app"}))
	require.NoError(t, a.AddRoleToInstanceProfile(InstanceProfileRoleInput{InstanceProfileName: "web", RoleName: "bare"}))
	require.NoError(t, a.AddRoleToInstanceProfile(InstanceProfileRoleInput{InstanceProfileName: "spare", RoleName: "bare"}), "a role may be in several profiles")
	list := must[*ListInstanceProfilesOutput](t)(a.ListInstanceProfilesForRole(ListInstanceProfilesForRoleInput{RoleName: "bare"}))
	require.Len(t, list.InstanceProfiles, 2)
	assert.Equal(t, "spare", list.InstanceProfiles[0].InstanceProfileName)
	require.NoError(t, a.RemoveRoleFromInstanceProfile(InstanceProfileRoleInput{InstanceProfileName: "web", RoleName: "bare"}))
	require.NoError(t, a.DeleteInstanceProfile(InstanceProfileNameInput{InstanceProfileName: "web"}))
}
