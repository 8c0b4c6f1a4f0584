package account

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGroups(t *testing.T) {
	t.Run("a group lists its members (id_groups_manage_list.md)", func(t *testing.T) {
		f := newFixture(t)
		require.NoError(t, f.a.AddUserToGroup(GroupMembershipInput{GroupName: "dev", UserName: "bob"}))
		require.NoError(t, f.a.AddUserToGroup(GroupMembershipInput{GroupName: "DEV", UserName: "BOB"}), "adding again does nothing")
		out := must[*GetGroupOutput](t)(f.a.GetGroup(GetGroupInput{GroupName: "dev"}))
		assert.Equal(t, "arn:aws:iam::111122223333:group/dev", out.Group.Arn)
		assert.True(t, IsUniqueID(out.Group.GroupId, PrefixGroup))
		require.Len(t, out.Users, 2)
		assert.Equal(t, "alice", out.Users[0].UserName)
		assert.Equal(t, "bob", out.Users[1].UserName)
	})
	t.Run("a user is in at most 10 groups (reference_iam-quotas.md)", func(t *testing.T) {
		a, _ := newTestAccount(t)
		must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "u"}))
		for i := range 11 {
			must[*CreateGroupOutput](t)(a.CreateGroup(CreateGroupInput{GroupName: "g" + itoa(i)}))
			err := a.AddUserToGroup(GroupMembershipInput{GroupName: "g" + itoa(i), UserName: "u"})
			if i < 10 {
				require.NoError(t, err)
			} else {
				assert.EqualError(t, err, "LimitExceeded: Cannot exceed quota for GroupsPerUser: 10")
			}
		}
	})
	t.Run("renaming keeps members and policies (id_groups_manage_rename.md)", func(t *testing.T) {
		f := newFixture(t)
		require.NoError(t, f.a.UpdateGroup(UpdateGroupInput{GroupName: "dev", NewGroupName: "developers", NewPath: "/eng/"}))
		out := must[*GetGroupOutput](t)(f.a.GetGroup(GetGroupInput{GroupName: "developers"}))
		assert.Equal(t, "arn:aws:iam::111122223333:group/eng/developers", out.Group.Arn)
		require.Len(t, out.Users, 1)
		groups := must[*ListGroupsOutput](t)(f.a.ListGroupsForUser(ListGroupsForUserInput{UserName: "alice"}))
		assert.Equal(t, "developers", groups.Groups[0].GroupName)
		pols := must[*ListEntityPoliciesOutput](t)(f.a.ListGroupPolicies(ListGroupPoliciesInput{GroupName: "developers"}))
		assert.Equal(t, []string{"DevEC2"}, pols.PolicyNames)
	})
	t.Run("DeleteGroup needs no members and no policies (id_groups_manage_delete.md)", func(t *testing.T) {
		f := newFixture(t)
		a := f.a
		err := a.DeleteGroup(DeleteGroupInput{GroupName: "dev"})
		assert.EqualError(t, err, "DeleteConflict: Cannot delete entity, must remove users from group first.")
		require.NoError(t, a.RemoveUserFromGroup(GroupMembershipInput{GroupName: "dev", UserName: "alice"}))
		err = a.DeleteGroup(DeleteGroupInput{GroupName: "dev"})
		assert.EqualError(t, err, "DeleteConflict: Cannot delete entity, must delete policies first.")
		require.NoError(t, a.DeleteGroupPolicy(GroupPolicyInput{GroupName: "dev", PolicyName: "DevEC2"}))
		err = a.DeleteGroup(DeleteGroupInput{GroupName: "dev"})
		assert.EqualError(t, err, "DeleteConflict: Cannot delete entity, must detach all policies first.")
		require.NoError(t, a.DetachGroupPolicy(GroupPolicyAttachmentInput{GroupName: "dev", PolicyArn: f.s3Read}))
		require.NoError(t, a.DeleteGroup(DeleteGroupInput{GroupName: "dev"}))
	})
	t.Run("inline policies: put replaces, get returns the document, names sorted", func(t *testing.T) {
		f := newFixture(t)
		require.NoError(t, f.a.PutGroupPolicy(PutGroupPolicyInput{GroupName: "ops", PolicyName: "b", PolicyDocument: allowS3}))
		require.NoError(t, f.a.PutGroupPolicy(PutGroupPolicyInput{GroupName: "ops", PolicyName: "a", PolicyDocument: allowS3}))
		require.NoError(t, f.a.PutGroupPolicy(PutGroupPolicyInput{GroupName: "ops", PolicyName: "B", PolicyDocument: allowEC2}))
		names := must[*ListEntityPoliciesOutput](t)(f.a.ListGroupPolicies(ListGroupPoliciesInput{GroupName: "ops"}))
		assert.Equal(t, []string{"B", "a"}, names.PolicyNames)
		got := must[*GetEntityPolicyOutput](t)(f.a.GetGroupPolicy(GroupPolicyInput{GroupName: "ops", PolicyName: "b"}))
		assert.Equal(t, allowEC2, got.PolicyDocument)
		assert.Equal(t, "ops", got.GroupName)
	})
}
