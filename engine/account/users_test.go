package account

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateUser(t *testing.T) {
	cases := []struct {
		name, doc string
		in        CreateUserInput
		arn, path string
	}{
		{"default path", "reference_identifiers.md", CreateUserInput{UserName: "bob"}, "arn:aws:iam::111122223333:user/bob", "/"},
		{"ARN includes the path", "reference_identifiers.md", CreateUserInput{UserName: "Jane", Path: "/division_abc/subdivision_xyz/"}, "arn:aws:iam::111122223333:user/division_abc/subdivision_xyz/Jane", "/division_abc/subdivision_xyz/"},
		{"all name characters", "reference_iam-quotas.md", CreateUserInput{UserName: "a_b+c=d,e.f@g-h"}, "arn:aws:iam::111122223333:user/a_b+c=d,e.f@g-h", "/"},
		{"64 characters", "reference_iam-quotas.md", CreateUserInput{UserName: strings.Repeat("u", 64)}, "arn:aws:iam::111122223333:user/" + strings.Repeat("u", 64), "/"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, clock := newTestAccount(t)
			out, err := a.CreateUser(c.in)
			require.NoError(t, err, c.doc)
			assert.Equal(t, c.arn, out.User.Arn)
			assert.Equal(t, c.path, out.User.Path)
			assert.True(t, IsUniqueID(out.User.UserId, PrefixUser), out.User.UserId)
			assert.Equal(t, clock.t, out.User.CreateDate)
			got, err := a.GetUser(GetUserInput{UserName: strings.ToUpper(c.in.UserName)})
			require.NoError(t, err, "names are case-insensitive (reference_iam-quotas.md)")
			assert.Equal(t, out.User, got.User)
		})
	}
}

// A new user with a deleted user's name gets a new unique ID
// (reference_identifiers.md).
func TestRecreatedUserHasNewID(t *testing.T) {
	a, _ := newTestAccount(t)
	first := must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "John"}))
	mustOK(t, a.DeleteUser(DeleteUserInput{UserName: "John"}))
	second := must[*CreateUserOutput](t)(a.CreateUser(CreateUserInput{UserName: "John"}))
	assert.NotEqual(t, first.User.UserId, second.User.UserId)
}

// DeleteUser refuses while anything is attached, naming it; once all is
// removed it succeeds (id_users_manage.md).
func TestDeleteUserConflicts(t *testing.T) {
	f := newFixture(t)
	a := f.a
	steps := []struct {
		message string
		remove  func() error
	}{
		{"must delete login profile first", func() error { return a.DeleteLoginProfile(DeleteLoginProfileInput{UserName: "alice"}) }},
		{"must delete access keys first", func() error {
			return a.DeleteAccessKey(DeleteAccessKeyInput{UserName: "alice", AccessKeyId: f.aliceKey})
		}},
		{"must delete signing certificates first", func() error {
			return a.DeleteSigningCertificate(SigningCertificateInput{UserName: "alice", CertificateId: f.aliceCert})
		}},
		{"must delete SSH public keys first", func() error {
			return a.DeleteSSHPublicKey(SSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: f.aliceSSH})
		}},
		{"must delete MFA device first", func() error {
			return a.DeactivateMFADevice(DeactivateMFADeviceInput{UserName: "alice", SerialNumber: f.aliceMFA})
		}},
		{"must delete policies first", func() error { return a.DeleteUserPolicy(UserPolicyInput{UserName: "alice", PolicyName: "AliceS3"}) }},
		{"must detach all policies first", func() error {
			return a.DetachUserPolicy(UserPolicyAttachmentInput{UserName: "alice", PolicyArn: f.readOnly})
		}},
		{"must remove user from all groups first", func() error {
			return a.RemoveUserFromGroup(GroupMembershipInput{GroupName: "dev", UserName: "alice"})
		}},
	}
	for _, s := range steps {
		t.Run(s.message, func(t *testing.T) {
			err := a.DeleteUser(DeleteUserInput{UserName: "alice"})
			require.ErrorIs(t, err, ErrDeleteConflict)
			assert.Contains(t, err.Error(), s.message)
			require.NoError(t, s.remove())
		})
	}
	require.NoError(t, a.DeleteUser(DeleteUserInput{UserName: "alice"}), "a boundary and tags do not block deletion")
	_, err := a.GetUser(GetUserInput{UserName: "alice"})
	assert.ErrorIs(t, err, ErrNoSuchEntity)
	assert.EqualError(t, err, "NoSuchEntity: The user with name alice cannot be found.")
}

// Renaming a user keeps its ID, credentials, groups and devices
// (id_users_manage.md).
func TestUpdateUserRename(t *testing.T) {
	f := newFixture(t)
	a := f.a
	before := must[*GetUserOutput](t)(a.GetUser(GetUserInput{UserName: "alice"})).User
	require.NoError(t, a.UpdateUser(UpdateUserInput{UserName: "alice", NewUserName: "Alicia", NewPath: "/ops/"}))
	after := must[*GetUserOutput](t)(a.GetUser(GetUserInput{UserName: "alicia"})).User
	assert.Equal(t, before.UserId, after.UserId)
	assert.Equal(t, "arn:aws:iam::111122223333:user/ops/Alicia", after.Arn)
	owner := must[AccessKeyOwner](t)(a.LookupAccessKey(f.aliceKey))
	assert.Equal(t, "Alicia", owner.UserName)
	devices := must[*ListMFADevicesOutput](t)(a.ListMFADevices(ListMFADevicesInput{UserName: "Alicia"}))
	require.Len(t, devices.MFADevices, 1)
	groups := must[*ListGroupsOutput](t)(a.ListGroupsForUser(ListGroupsForUserInput{UserName: "Alicia"}))
	require.Len(t, groups.Groups, 1)
	_, err := a.GetUser(GetUserInput{UserName: "alice"})
	assert.ErrorIs(t, err, ErrNoSuchEntity)
	// Changing only the case of the name is allowed.
	require.NoError(t, a.UpdateUser(UpdateUserInput{UserName: "Alicia", NewUserName: "ALICIA"}))
}

func TestListUsers(t *testing.T) {
	f := newFixture(t)
	all := must[*ListUsersOutput](t)(f.a.ListUsers(ListUsersInput{}))
	var names []string
	for _, u := range all.Users {
		names = append(names, u.UserName)
		assert.Empty(t, u.Tags, "ListUsers leaves tags out")
	}
	assert.Equal(t, []string{"alice", "bob"}, names)
	eng := must[*ListUsersOutput](t)(f.a.ListUsers(ListUsersInput{PathPrefix: "/eng/"}))
	require.Len(t, eng.Users, 1)
	assert.Equal(t, "alice", eng.Users[0].UserName)
}

func TestTags(t *testing.T) {
	cases := []struct {
		name, doc string
		tag       func(a *Account, tags []Tag) error
		list      func(a *Account) []Tag
		want      []Tag
	}{
		{"user keys are case-insensitive: department replaces Department", "id_tags.md",
			func(a *Account, tags []Tag) error { return a.TagUser(TagUserInput{UserName: "bob", Tags: tags}) },
			func(a *Account) []Tag {
				return must[*ListTagsOutput](t)(a.ListUserTags(ListUserTagsInput{UserName: "bob"})).Tags
			},
			[]Tag{{"department", "hr"}}},
		{"role keys are case-insensitive", "id_tags.md",
			func(a *Account, tags []Tag) error { return a.TagRole(TagRoleInput{RoleName: "bare", Tags: tags}) },
			func(a *Account) []Tag {
				return must[*ListTagsOutput](t)(a.ListRoleTags(ListRoleTagsInput{RoleName: "bare"})).Tags
			},
			[]Tag{{"department", "hr"}}},
		{"policy keys are case-sensitive: both stay", "id_tags.md",
			func(a *Account, tags []Tag) error {
				return a.TagPolicy(TagPolicyInput{PolicyArn: "arn:aws:iam::111122223333:policy/team/Unused", Tags: tags})
			},
			func(a *Account) []Tag {
				return must[*ListTagsOutput](t)(a.ListPolicyTags(ListPolicyTagsInput{PolicyArn: "arn:aws:iam::111122223333:policy/team/Unused"})).Tags
			},
			[]Tag{{"Department", "finance"}, {"department", "hr"}}},
		{"instance profile keys are case-sensitive", "id_tags.md",
			func(a *Account, tags []Tag) error {
				return a.TagInstanceProfile(TagInstanceProfileInput{InstanceProfileName: "spare", Tags: tags})
			},
			func(a *Account) []Tag {
				return must[*ListTagsOutput](t)(a.ListInstanceProfileTags(InstanceProfileNameInput{InstanceProfileName: "spare"})).Tags
			},
			[]Tag{{"Department", "finance"}, {"department", "hr"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			require.NoError(t, c.tag(f.a, []Tag{{"Department", "finance"}}), c.doc)
			require.NoError(t, c.tag(f.a, []Tag{{"department", "hr"}}), c.doc)
			assert.Equal(t, c.want, c.list(f.a))
		})
	}
	t.Run("empty values are allowed, untag ignores absent keys", func(t *testing.T) {
		f := newFixture(t)
		require.NoError(t, f.a.TagUser(TagUserInput{UserName: "bob", Tags: []Tag{{"phoneNumber", ""}}}))
		require.NoError(t, f.a.UntagUser(UntagUserInput{UserName: "bob", TagKeys: []string{"PHONENUMBER", "absent"}}))
		assert.Empty(t, must[*ListTagsOutput](t)(f.a.ListUserTags(ListUserTagsInput{UserName: "bob"})).Tags)
	})
}
