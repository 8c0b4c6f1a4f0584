package cloud

import (
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/catalog"
)

// The delegation pattern of access_policies_boundaries.md: an
// administrator may create users only with a given boundary, may not lift
// or swap it, and may attach only one policy; tagging and reading are
// limited by tags. Every step is one IAM call by the delegate, in order.
func TestIAMConditionKeysOfTheRequestAndTheTarget(t *testing.T) {
	const (
		boundary = "arn:aws:iam::111122223333:policy/DevBoundary"
		other    = "arn:aws:iam::111122223333:policy/Other"
		readOnly = "arn:aws:iam::111122223333:policy/ReadOnly"
	)
	delegation := `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":["iam:CreateUser","iam:CreateRole","iam:PutUserPermissionsBoundary"],"Resource":"*",
		 "Condition":{"StringEquals":{"iam:PermissionsBoundary":"` + boundary + `"}}},
		{"Effect":"Allow","Action":"iam:DeleteUserPermissionsBoundary","Resource":"*"},
		{"Effect":"Deny","Action":"iam:DeleteUserPermissionsBoundary","Resource":"*",
		 "Condition":{"StringEquals":{"iam:PermissionsBoundary":"` + boundary + `"}}},
		{"Effect":"Allow","Action":["iam:AttachUserPolicy","iam:DetachUserPolicy","iam:AttachGroupPolicy"],"Resource":"*",
		 "Condition":{"ArnEquals":{"iam:PolicyARN":"` + readOnly + `"}}},
		{"Effect":"Allow","Action":"iam:TagUser","Resource":"*",
		 "Condition":{"StringEquals":{"aws:RequestTag/team":"blue"},"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}},
		{"Effect":"Allow","Action":"iam:UntagUser","Resource":"*",
		 "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}},
		{"Effect":"Allow","Action":"iam:GetUser","Resource":"*",
		 "Condition":{"StringEquals":{"iam:ResourceTag/team":"blue","aws:ResourceTag/team":"blue"}}}
	]}`
	w := newWorld(t)
	require.NoError(t, w.cloud.Admin(func(s *State) error {
		a := s.Accounts[prod]
		for _, name := range []string{"DevBoundary", "Other", "ReadOnly"} {
			if _, err := a.CreatePolicy(account.CreatePolicyInput{PolicyName: name, PolicyDocument: allowS3Read}); err != nil {
				return err
			}
		}
		if _, err := a.CreateUser(account.CreateUserInput{UserName: "legacy", PermissionsBoundary: other}); err != nil {
			return err
		}
		_, err := a.CreateGroup(account.CreateGroupInput{GroupName: "devs"})
		return err
	}))
	admin := w.user("delegate", delegation)

	user := func(name string) string { return UserARN(prod, "/", name) }
	steps := []struct {
		name     string
		action   string
		resource string
		op       func(*account.Account) error
		read     bool
		allowed  bool
	}{
		{"create a user with the boundary", "iam:CreateUser", user("alice"), func(a *account.Account) error {
			_, err := a.CreateUser(account.CreateUserInput{UserName: "alice", PermissionsBoundary: boundary})
			return err
		}, false, true},
		{"create a user without a boundary", "iam:CreateUser", user("bob"), func(a *account.Account) error {
			_, err := a.CreateUser(account.CreateUserInput{UserName: "bob"})
			return err
		}, false, false},
		{"create a user with another boundary", "iam:CreateUser", user("carol"), func(a *account.Account) error {
			_, err := a.CreateUser(account.CreateUserInput{UserName: "carol", PermissionsBoundary: other})
			return err
		}, false, false},
		{"create a role with the boundary", "iam:CreateRole", RoleARN(prod, "/", "app"), func(a *account.Account) error {
			_, err := a.CreateRole(account.CreateRoleInput{RoleName: "app", AssumeRolePolicyDocument: trustAccount, PermissionsBoundary: boundary})
			return err
		}, false, true},
		{"swap the boundary for another", "iam:PutUserPermissionsBoundary", user("alice"), func(a *account.Account) error {
			return a.PutUserPermissionsBoundary(account.PutUserPermissionsBoundaryInput{UserName: "alice", PermissionsBoundary: other})
		}, false, false},
		{"put the same boundary again", "iam:PutUserPermissionsBoundary", user("alice"), func(a *account.Account) error {
			return a.PutUserPermissionsBoundary(account.PutUserPermissionsBoundaryInput{UserName: "alice", PermissionsBoundary: boundary})
		}, false, true},
		{"remove the boundary", "iam:DeleteUserPermissionsBoundary", user("alice"), func(a *account.Account) error {
			return a.DeleteUserPermissionsBoundary(account.DeleteUserPermissionsBoundaryInput{UserName: "alice"})
		}, false, false},
		{"remove another boundary", "iam:DeleteUserPermissionsBoundary", user("legacy"), func(a *account.Account) error {
			return a.DeleteUserPermissionsBoundary(account.DeleteUserPermissionsBoundaryInput{UserName: "legacy"})
		}, false, true},
		{"attach the allowed policy", "iam:AttachUserPolicy", user("alice"), func(a *account.Account) error {
			return a.AttachUserPolicy(account.UserPolicyAttachmentInput{UserName: "alice", PolicyArn: readOnly})
		}, false, true},
		{"attach another policy", "iam:AttachUserPolicy", user("alice"), func(a *account.Account) error {
			return a.AttachUserPolicy(account.UserPolicyAttachmentInput{UserName: "alice", PolicyArn: other})
		}, false, false},
		{"attach the allowed policy to a group", "iam:AttachGroupPolicy", GroupARN(prod, "/", "devs"), func(a *account.Account) error {
			return a.AttachGroupPolicy(account.GroupPolicyAttachmentInput{GroupName: "devs", PolicyArn: readOnly})
		}, false, true},
		{"detach the allowed policy", "iam:DetachUserPolicy", user("alice"), func(a *account.Account) error {
			return a.DetachUserPolicy(account.UserPolicyAttachmentInput{UserName: "alice", PolicyArn: readOnly})
		}, false, true},
		{"read an untagged user", "iam:GetUser", user("alice"), nil, true, false},
		{"tag with another value", "iam:TagUser", user("alice"), func(a *account.Account) error {
			return a.TagUser(account.TagUserInput{UserName: "alice", Tags: []account.Tag{{Key: "team", Value: "red"}}})
		}, false, false},
		{"tag with another key", "iam:TagUser", user("alice"), func(a *account.Account) error {
			return a.TagUser(account.TagUserInput{UserName: "alice", Tags: []account.Tag{{Key: "team", Value: "blue"}, {Key: "owner", Value: "x"}}})
		}, false, false},
		{"tag as allowed", "iam:TagUser", user("alice"), func(a *account.Account) error {
			return a.TagUser(account.TagUserInput{UserName: "alice", Tags: []account.Tag{{Key: "team", Value: "blue"}}})
		}, false, true},
		{"read a user tagged team=blue", "iam:GetUser", user("alice"), nil, true, true},
		{"untag another key", "iam:UntagUser", user("alice"), func(a *account.Account) error {
			return a.UntagUser(account.UntagUserInput{UserName: "alice", TagKeys: []string{"owner"}})
		}, false, false},
		{"untag the allowed key", "iam:UntagUser", user("alice"), func(a *account.Account) error {
			return a.UntagUser(account.UntagUserInput{UserName: "alice", TagKeys: []string{"team"}})
		}, false, true},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			var err error
			if s.read {
				_, err = w.cloud.IAMRead("us-east-1", admin, s.action, s.resource, func(*account.Account) error { return nil })
			} else {
				_, err = w.cloud.IAM("us-east-1", admin, s.action, s.resource, s.op)
			}
			if s.allowed {
				require.NoError(t, err)
			} else {
				var e *Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, "AccessDenied", e.Code)
			}
			w.settle()
		})
	}
	// Nothing a refused call or a probe did reached the account.
	a := w.cloud.Control().Accounts[prod]
	_, err := a.GetUser(account.GetUserInput{UserName: "bob"})
	assert.Error(t, err)
	out, err := a.GetUser(account.GetUserInput{UserName: "alice"})
	require.NoError(t, err)
	assert.Equal(t, boundary, out.User.PermissionsBoundary.PermissionsBoundaryArn)
	assert.Empty(t, out.User.Tags)
}

// boundaryKeyActions is the catalog's list of IAM actions on a user or
// role that support iam:PermissionsBoundary, and every IAM action on a
// user or role supports aws:ResourceTag and iam:ResourceTag; the keys of
// requestKeyActions are ones the catalog gives each of them.
func TestIAMKeysFollowTheCatalog(t *testing.T) {
	c, err := catalog.Load()
	require.NoError(t, err)
	iam, ok := c.Service("iam")
	require.True(t, ok)
	var want []string
	for _, a := range iam.Actions {
		onEntity := false
		for _, r := range a.Resources {
			onEntity = onEntity || r.Type.Name == "user" || r.Type.Name == "role"
		}
		if !onEntity {
			continue
		}
		assert.True(t, a.SupportsKey(c, "aws:ResourceTag/team"), a.String())
		assert.True(t, a.SupportsKey(c, "iam:ResourceTag/team"), a.String())
		if a.SupportsKey(c, "iam:PermissionsBoundary") {
			want = append(want, a.String())
		}
	}
	got := boundaryKeyActions()
	sort.Strings(want)
	sort.Strings(got)
	assert.Equal(t, want, got)
	for _, name := range requestKeyActions() {
		a, ok := c.Action(name)
		require.True(t, ok, name)
		switch {
		case strings.Contains(strings.ToLower(name), "tag"):
			assert.True(t, a.SupportsKey(c, "aws:TagKeys"), name)
		case strings.Contains(name, "Policy"):
			assert.True(t, a.SupportsKey(c, "iam:PolicyARN"), name)
		default:
			assert.True(t, a.SupportsKey(c, "iam:PermissionsBoundary"), name)
			assert.True(t, a.SupportsKey(c, "aws:RequestTag/team") || !strings.HasPrefix(name, "iam:Create"), name)
		}
	}
	for _, name := range requestBoundaryActions() {
		assert.Contains(t, requestKeyActions(), name)
	}
}

// iam:PassRole for an instance carries iam:PassedToService,
// iam:AssociatedResourceArn (the instance's ARN) and the role's tags, as
// the example of reference_policies_iam-condition-keys.md uses them.
func TestPassRoleKeysOfAnInstanceLaunch(t *testing.T) {
	w := newWorld(t)
	trustEC2 := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	w.role("Web", trustEC2, allowS3Read, 0)
	w.role("Batch", trustEC2, allowS3Read, 0)
	w.iam(w.root, "iam:TagRole", RoleARN(prod, "/", "Web"), func(a *account.Account) error {
		for _, name := range []string{"Web", "Batch"} {
			if _, err := a.CreateInstanceProfile(account.CreateInstanceProfileInput{InstanceProfileName: name}); err != nil {
				return err
			}
			if err := a.AddRoleToInstanceProfile(account.InstanceProfileRoleInput{InstanceProfileName: name, RoleName: name}); err != nil {
				return err
			}
		}
		return a.TagRole(account.TagRoleInput{RoleName: "Web", Tags: []account.Tag{{Key: "launchable", Value: "yes"}}})
	})
	launcher := w.user("launcher", `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"},
		{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{
			"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com","iam:ResourceTag/launchable":"yes"},
			"ArnLike":{"iam:AssociatedResourceArn":"arn:aws:ec2:us-east-1:111122223333:instance/*"}}}]}`)
	tests := []struct {
		name, region, profile string
		allowed               bool
	}{
		{"a tagged role to an instance in us-east-1", "us-east-1", "Web", true},
		{"an instance in another Region", "eu-west-1", "Web", false},
		{"a role without the tag", "us-east-1", "Batch", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := w.cloud.RunInstance(tt.region, launcher, tt.profile)
			if tt.allowed {
				require.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, "iam:PassRole")
		})
	}
}
