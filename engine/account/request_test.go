package account

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProbeNotesTheRequestAndChangesNothing(t *testing.T) {
	const boundary = "arn:aws:iam::111122223333:policy/B"
	tags := []Tag{{Key: "team", Value: "blue"}}
	cases := []struct {
		name string
		op   func(*Account) error
		want Request
	}{
		{"CreateUser", func(a *Account) error {
			_, err := a.CreateUser(CreateUserInput{UserName: "new", PermissionsBoundary: boundary, Tags: tags})
			return err
		}, Request{PermissionsBoundary: boundary, Tags: tags}},
		{"CreateRole", func(a *Account) error {
			_, err := a.CreateRole(CreateRoleInput{RoleName: "new", PermissionsBoundary: boundary})
			return err
		}, Request{PermissionsBoundary: boundary}},
		{"PutUserPermissionsBoundary", func(a *Account) error {
			return a.PutUserPermissionsBoundary(PutUserPermissionsBoundaryInput{UserName: "alice", PermissionsBoundary: boundary})
		}, Request{PermissionsBoundary: boundary}},
		{"PutRolePermissionsBoundary", func(a *Account) error {
			return a.PutRolePermissionsBoundary(PutRolePermissionsBoundaryInput{RoleName: "app", PermissionsBoundary: boundary})
		}, Request{PermissionsBoundary: boundary}},
		{"AttachUserPolicy", func(a *Account) error {
			return a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "alice", PolicyArn: boundary})
		}, Request{PolicyARN: boundary}},
		{"DetachGroupPolicy", func(a *Account) error {
			return a.DetachGroupPolicy(GroupPolicyAttachmentInput{GroupName: "devs", PolicyArn: boundary})
		}, Request{PolicyARN: boundary}},
		{"AttachRolePolicy", func(a *Account) error {
			return a.AttachRolePolicy(RolePolicyAttachmentInput{RoleName: "app", PolicyArn: boundary})
		}, Request{PolicyARN: boundary}},
		{"TagUser", func(a *Account) error {
			return a.TagUser(TagUserInput{UserName: "alice", Tags: tags})
		}, Request{Tags: tags}},
		{"UntagRole", func(a *Account) error {
			return a.UntagRole(UntagRoleInput{RoleName: "app", TagKeys: []string{"team"}})
		}, Request{TagKeys: []string{"team"}}},
		{"only the first operation is noted", func(a *Account) error {
			_ = a.TagUser(TagUserInput{UserName: "alice", Tags: tags})
			return a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "alice", PolicyArn: boundary})
		}, Request{Tags: tags}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, _ := newTestAccount(t)
			before := a.Clone()
			p, noted := a.Probe()
			assert.ErrorIs(t, c.op(p), ErrProbed)
			got, ok := noted()
			require.True(t, ok)
			assert.Equal(t, c.want, got)
			assert.Equal(t, before.s, a.s)
		})
	}
	t.Run("other operations run on the copy", func(t *testing.T) {
		a, _ := newTestAccount(t)
		p, noted := a.Probe()
		_, err := p.CreateGroup(CreateGroupInput{GroupName: "devs"})
		require.NoError(t, err)
		_, ok := noted()
		assert.False(t, ok)
		_, err = a.GetGroup(GetGroupInput{GroupName: "devs"})
		assert.Error(t, err)
	})
}
