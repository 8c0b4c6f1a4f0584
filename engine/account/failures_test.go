package account

import (
	"strings"
	"testing"
	"time"
)

// errOf drops an operation's output.
func errOf[T any](_ T, err error) error { return err }

func ptr[T any](v T) *T { return &v }

// TestFailuresChangeNothing runs every failure path of every operation
// against a populated account: each must fail with AWS's error code and
// leave the account exactly as it was.
func TestFailuresChangeNothing(t *testing.T) {
	long64 := strings.Repeat("a", 65)
	long128 := strings.Repeat("a", 129)
	bigDoc := func(n int) string {
		return `{"Version":"2012-10-17","Statement":[{"Sid":"` + strings.Repeat("x", n) + `","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	}
	fifty := func(prefix string) []Tag {
		var tags []Tag
		for i := range 50 {
			tags = append(tags, Tag{Key: prefix + itoa(i), Value: "v"})
		}
		return tags
	}
	malformed := `{"Version":"2012-10-17","Statement":[{"Effect":"allow","Action":"s3:GetObject","Resource":"*"}]}`
	cases := []failureCase{
		// Users.
		{"CreateUser name with a space", "reference_iam-quotas.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateUser(CreateUserInput{UserName: "a b"}))
		}},
		{"CreateUser name over 64", "reference_iam-quotas.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateUser(CreateUserInput{UserName: long64}))
		}},
		{"CreateUser empty name", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateUser(CreateUserInput{}))
		}},
		{"CreateUser path without trailing slash", "reference_iam-quotas.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateUser(CreateUserInput{UserName: "carol", Path: "/eng"}))
		}},
		{"CreateUser name taken in another case", "reference_iam-quotas.md", ErrEntityAlreadyExists, func(f *fixture) error {
			return errOf(f.a.CreateUser(CreateUserInput{UserName: "ALICE"}))
		}},
		{"CreateUser boundary that is no policy", "access_policies_boundaries.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.CreateUser(CreateUserInput{UserName: "carol", PermissionsBoundary: "arn:aws:iam::111122223333:policy/Nope"}))
		}},
		{"CreateUser boundary that is not an ARN", "access_policies_boundaries.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.CreateUser(CreateUserInput{UserName: "carol", PermissionsBoundary: "not-an-arn-at-all-really"}))
		}},
		{"CreateUser tag with aws: prefix", "id_tags.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.CreateUser(CreateUserInput{UserName: "carol", Tags: []Tag{{"aws:team", "x"}}}))
		}},
		{"CreateUser duplicate tag keys ignoring case", "id_tags.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.CreateUser(CreateUserInput{UserName: "carol", Tags: []Tag{{"Dept", "a"}, {"dept", "b"}}}))
		}},
		{"CreateUser tag key with a bad character", "id_tags.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateUser(CreateUserInput{UserName: "carol", Tags: []Tag{{"a*b", "x"}}}))
		}},
		{"CreateUser 51 tags", "reference_iam-quotas.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateUser(CreateUserInput{UserName: "carol", Tags: append(fifty("k"), Tag{"one", "more"})}))
		}},
		{"CreateUser over the user quota", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.Users = 2
			f.a.s.quotas = q
			f.arm()
			return errOf(f.a.CreateUser(CreateUserInput{UserName: "carol"}))
		}},
		{"GetUser unknown", "id_users_manage.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetUser(GetUserInput{UserName: "zed"}))
		}},
		{"ListUsers bad prefix", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.ListUsers(ListUsersInput{PathPrefix: "eng"}))
		}},
		{"UpdateUser to a taken name", "id_users_manage.md", ErrEntityAlreadyExists, func(f *fixture) error {
			return f.a.UpdateUser(UpdateUserInput{UserName: "bob", NewUserName: "Alice"})
		}},
		{"UpdateUser unknown", "id_users_manage.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.UpdateUser(UpdateUserInput{UserName: "zed", NewUserName: "zz"})
		}},
		{"UpdateUser bad new path", "reference_identifiers.md", ErrValidation, func(f *fixture) error {
			return f.a.UpdateUser(UpdateUserInput{UserName: "bob", NewPath: "x/"})
		}},
		{"DeleteUser unknown", "id_users_manage.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteUser(DeleteUserInput{UserName: "zed"})
		}},
		{"DeleteUser with everything", "id_users_manage.md", ErrDeleteConflict, func(f *fixture) error {
			return f.a.DeleteUser(DeleteUserInput{UserName: "alice"})
		}},
		{"TagUser over 50 tags", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			return f.a.TagUser(TagUserInput{UserName: "alice", Tags: fifty("k")})
		}},
		{"TagUser unknown", "id_tags_users.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.TagUser(TagUserInput{UserName: "zed", Tags: []Tag{{"a", "b"}}})
		}},
		{"UntagUser bad key", "id_tags_users.md", ErrValidation, func(f *fixture) error {
			return f.a.UntagUser(UntagUserInput{UserName: "alice", TagKeys: []string{""}})
		}},
		{"ListUserTags unknown", "id_tags_users.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListUserTags(ListUserTagsInput{UserName: "zed"}))
		}},
		{"PutUserPermissionsBoundary service-role policy", "using-service-linked-roles.md", ErrPolicyNotAttachable, func(f *fixture) error {
			return f.a.PutUserPermissionsBoundary(PutUserPermissionsBoundaryInput{UserName: "bob", PermissionsBoundary: f.supportPol})
		}},
		{"PutUserPermissionsBoundary unknown user", "access_policies_boundaries.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.PutUserPermissionsBoundary(PutUserPermissionsBoundaryInput{UserName: "zed", PermissionsBoundary: f.readOnly})
		}},
		{"DeleteUserPermissionsBoundary none set", "access_policies_boundaries.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteUserPermissionsBoundary(DeleteUserPermissionsBoundaryInput{UserName: "bob"})
		}},
		{"PutUserPolicy malformed", "access_policies_manage-edit.md", ErrMalformedPolicyDocument, func(f *fixture) error {
			return f.a.PutUserPolicy(PutUserPolicyInput{UserName: "bob", PolicyName: "p", PolicyDocument: malformed})
		}},
		{"PutUserPolicy over 2048 aggregate", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			return f.a.PutUserPolicy(PutUserPolicyInput{UserName: "alice", PolicyName: "Big", PolicyDocument: bigDoc(1990)})
		}},
		{"PutUserPolicy empty document", "iam.json", ErrValidation, func(f *fixture) error {
			return f.a.PutUserPolicy(PutUserPolicyInput{UserName: "bob", PolicyName: "p"})
		}},
		{"PutUserPolicy document with a character out of range", "reference_iam-quotas.md", ErrValidation, func(f *fixture) error {
			return f.a.PutUserPolicy(PutUserPolicyInput{UserName: "bob", PolicyName: "p", PolicyDocument: strings.Replace(allowS3, "*", "€", 1)})
		}},
		{"PutUserPolicy bad policy name", "reference_iam-quotas.md", ErrValidation, func(f *fixture) error {
			return f.a.PutUserPolicy(PutUserPolicyInput{UserName: "bob", PolicyName: "a/b", PolicyDocument: allowS3})
		}},
		{"PutUserPolicy unknown user", "access_policies_managed-vs-inline.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.PutUserPolicy(PutUserPolicyInput{UserName: "zed", PolicyName: "p", PolicyDocument: allowS3})
		}},
		{"PutUserPolicy with a Principal", "access_policies_managed-vs-inline.md", ErrMalformedPolicyDocument, func(f *fixture) error {
			return f.a.PutUserPolicy(PutUserPolicyInput{UserName: "bob", PolicyName: "p", PolicyDocument: trustEC2})
		}},
		{"GetUserPolicy unknown policy", "access_policies_managed-vs-inline.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetUserPolicy(UserPolicyInput{UserName: "alice", PolicyName: "nope"}))
		}},
		{"DeleteUserPolicy unknown policy", "access_policies_manage-delete.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteUserPolicy(UserPolicyInput{UserName: "alice", PolicyName: "nope"})
		}},
		{"ListUserPolicies unknown user", "access_policies_managed-vs-inline.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListUserPolicies(ListUserPoliciesInput{UserName: "zed"}))
		}},
		{"AttachUserPolicy unknown policy", "access_policies_manage-attach-detach.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "bob", PolicyArn: "arn:aws:iam::111122223333:policy/Nope"})
		}},
		{"AttachUserPolicy service-role policy", "using-service-linked-roles.md", ErrPolicyNotAttachable, func(f *fixture) error {
			return f.a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "bob", PolicyArn: f.supportPol})
		}},
		{"AttachUserPolicy ARN too short", "iam.json", ErrValidation, func(f *fixture) error {
			return f.a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "bob", PolicyArn: "arn:x"})
		}},
		{"AttachUserPolicy not an ARN", "iam.json", ErrInvalidInput, func(f *fixture) error {
			return f.a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "bob", PolicyArn: "this is not an ARN at all"})
		}},
		{"AttachUserPolicy eleventh", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.PoliciesPerUser = 1
			f.a.s.quotas = q
			f.arm()
			return f.a.AttachUserPolicy(UserPolicyAttachmentInput{UserName: "alice", PolicyArn: f.unused})
		}},
		{"DetachUserPolicy not attached", "access_policies_manage-attach-detach.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DetachUserPolicy(UserPolicyAttachmentInput{UserName: "bob", PolicyArn: f.readOnly})
		}},
		{"ListAttachedUserPolicies unknown user", "access_policies_manage-attach-detach.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListAttachedUserPolicies(ListAttachedUserPoliciesInput{UserName: "zed"}))
		}},

		// Groups.
		{"CreateGroup name over 128", "reference_iam-quotas.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateGroup(CreateGroupInput{GroupName: long128}))
		}},
		{"CreateGroup name taken in another case", "reference_iam-quotas.md", ErrEntityAlreadyExists, func(f *fixture) error {
			return errOf(f.a.CreateGroup(CreateGroupInput{GroupName: "DEV"}))
		}},
		{"CreateGroup over the group quota", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.Groups = 2
			f.a.s.quotas = q
			f.arm()
			return errOf(f.a.CreateGroup(CreateGroupInput{GroupName: "qa"}))
		}},
		{"GetGroup unknown", "id_groups_manage_list.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetGroup(GetGroupInput{GroupName: "zed"}))
		}},
		{"UpdateGroup to a taken name", "id_groups_manage_rename.md", ErrEntityAlreadyExists, func(f *fixture) error {
			return f.a.UpdateGroup(UpdateGroupInput{GroupName: "ops", NewGroupName: "Dev"})
		}},
		{"UpdateGroup unknown", "id_groups_manage_rename.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.UpdateGroup(UpdateGroupInput{GroupName: "zed", NewGroupName: "zz"})
		}},
		{"DeleteGroup with members", "id_groups_manage_delete.md", ErrDeleteConflict, func(f *fixture) error {
			return f.a.DeleteGroup(DeleteGroupInput{GroupName: "dev"})
		}},
		{"DeleteGroup unknown", "id_groups_manage_delete.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteGroup(DeleteGroupInput{GroupName: "zed"})
		}},
		{"AddUserToGroup eleventh group", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.GroupsPerUser = 1
			f.a.s.quotas = q
			f.arm()
			return f.a.AddUserToGroup(GroupMembershipInput{GroupName: "ops", UserName: "alice"})
		}},
		{"AddUserToGroup unknown group", "id_groups_manage_add-remove-users.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.AddUserToGroup(GroupMembershipInput{GroupName: "zed", UserName: "alice"})
		}},
		{"AddUserToGroup unknown user", "id_groups_manage_add-remove-users.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.AddUserToGroup(GroupMembershipInput{GroupName: "ops", UserName: "zed"})
		}},
		{"RemoveUserFromGroup not a member", "id_groups_manage_add-remove-users.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.RemoveUserFromGroup(GroupMembershipInput{GroupName: "ops", UserName: "alice"})
		}},
		{"PutGroupPolicy over 5120 aggregate", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			return f.a.PutGroupPolicy(PutGroupPolicyInput{GroupName: "dev", PolicyName: "Big", PolicyDocument: bigDoc(5050)})
		}},
		{"PutGroupPolicy malformed", "id_groups_manage_attach-policy.md", ErrMalformedPolicyDocument, func(f *fixture) error {
			return f.a.PutGroupPolicy(PutGroupPolicyInput{GroupName: "dev", PolicyName: "p", PolicyDocument: malformed})
		}},
		{"GetGroupPolicy unknown", "id_groups_manage_attach-policy.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetGroupPolicy(GroupPolicyInput{GroupName: "dev", PolicyName: "nope"}))
		}},
		{"DeleteGroupPolicy unknown", "id_groups_manage_attach-policy.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteGroupPolicy(GroupPolicyInput{GroupName: "ops", PolicyName: "DevEC2"})
		}},
		{"AttachGroupPolicy eleventh", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.PoliciesPerGroup = 1
			f.a.s.quotas = q
			f.arm()
			return f.a.AttachGroupPolicy(GroupPolicyAttachmentInput{GroupName: "dev", PolicyArn: f.unused})
		}},
		{"AttachGroupPolicy service-role policy", "using-service-linked-roles.md", ErrPolicyNotAttachable, func(f *fixture) error {
			return f.a.AttachGroupPolicy(GroupPolicyAttachmentInput{GroupName: "dev", PolicyArn: f.supportPol})
		}},
		{"DetachGroupPolicy not attached", "access_policies_manage-attach-detach.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DetachGroupPolicy(GroupPolicyAttachmentInput{GroupName: "ops", PolicyArn: f.s3Read})
		}},

		// Roles.
		{"CreateRole name over 64", "reference_iam-quotas.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateRole(CreateRoleInput{RoleName: long64, AssumeRolePolicyDocument: trustEC2}))
		}},
		{"CreateRole name taken in another case", "reference_iam-quotas.md", ErrEntityAlreadyExists, func(f *fixture) error {
			return errOf(f.a.CreateRole(CreateRoleInput{RoleName: "APP", AssumeRolePolicyDocument: trustEC2}))
		}},
		{"CreateRole MaxSessionDuration under an hour", "id_roles_use.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateRole(CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: trustEC2, MaxSessionDuration: 3599}))
		}},
		{"CreateRole MaxSessionDuration over 12 hours", "reference_iam-quotas.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateRole(CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: trustEC2, MaxSessionDuration: 43201}))
		}},
		{"CreateRole trust policy without Principal", "id_roles_terms-and-concepts.md", ErrMalformedPolicyDocument, func(f *fixture) error {
			return errOf(f.a.CreateRole(CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole"}]}`}))
		}},
		{"CreateRole trust policy over 2048", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			doc := `{"Version":"2012-10-17","Statement":[{"Sid":"` + strings.Repeat("x", 2000) + `","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
			f.arm()
			return errOf(f.a.CreateRole(CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: doc}))
		}},
		{"CreateRole reserved service-role path", "using-service-linked-roles.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.CreateRole(CreateRoleInput{RoleName: "r", Path: "/aws-service-role/x/", AssumeRolePolicyDocument: trustEC2}))
		}},
		{"CreateRole description with a control character", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateRole(CreateRoleInput{RoleName: "r", Description: "bad\x01", AssumeRolePolicyDocument: trustEC2}))
		}},
		{"CreateRole over the role quota", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.Roles = 3
			f.a.s.quotas = q
			f.arm()
			return errOf(f.a.CreateRole(CreateRoleInput{RoleName: "r", AssumeRolePolicyDocument: trustEC2}))
		}},
		{"GetRole unknown", "id_roles_manage.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetRole(GetRoleInput{RoleName: "zed"}))
		}},
		{"UpdateRole bad duration", "id_roles_use.md", ErrValidation, func(f *fixture) error {
			return f.a.UpdateRole(UpdateRoleInput{RoleName: "app", MaxSessionDuration: 100})
		}},
		{"UpdateRole duration of a service-linked role", "using-service-linked-roles.md", ErrUnmodifiableEntity, func(f *fixture) error {
			return f.a.UpdateRole(UpdateRoleInput{RoleName: f.slr, MaxSessionDuration: 7200})
		}},
		{"UpdateRoleDescription unknown", "id_roles_manage_modify.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.UpdateRoleDescription(UpdateRoleDescriptionInput{RoleName: "zed", Description: "x"}))
		}},
		{"UpdateAssumeRolePolicy service-linked", "using-service-linked-roles.md", ErrUnmodifiableEntity, func(f *fixture) error {
			return f.a.UpdateAssumeRolePolicy(UpdateAssumeRolePolicyInput{RoleName: f.slr, PolicyDocument: trustEC2})
		}},
		{"UpdateAssumeRolePolicy malformed", "id_roles_manage_modify.md", ErrMalformedPolicyDocument, func(f *fixture) error {
			return f.a.UpdateAssumeRolePolicy(UpdateAssumeRolePolicyInput{RoleName: "app", PolicyDocument: allowS3})
		}},
		{"DeleteRole in an instance profile", "id_roles_manage_delete.md", ErrDeleteConflict, func(f *fixture) error {
			return f.a.DeleteRole(DeleteRoleInput{RoleName: "app"})
		}},
		{"DeleteRole service-linked", "using-service-linked-roles.md", ErrUnmodifiableEntity, func(f *fixture) error {
			return f.a.DeleteRole(DeleteRoleInput{RoleName: f.slr})
		}},
		{"DeleteRole unknown", "id_roles_manage_delete.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteRole(DeleteRoleInput{RoleName: "zed"})
		}},
		{"TagRole duplicate keys ignoring case", "id_tags.md", ErrInvalidInput, func(f *fixture) error {
			return f.a.TagRole(TagRoleInput{RoleName: "app", Tags: []Tag{{"A", "1"}, {"a", "2"}}})
		}},
		{"TagRole over 50", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			return f.a.TagRole(TagRoleInput{RoleName: "app", Tags: fifty("k")})
		}},
		{"UntagRole unknown", "id_tags_roles.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.UntagRole(UntagRoleInput{RoleName: "zed", TagKeys: []string{"a"}})
		}},
		{"PutRolePermissionsBoundary service-linked", "using-service-linked-roles.md", ErrUnmodifiableEntity, func(f *fixture) error {
			return f.a.PutRolePermissionsBoundary(PutRolePermissionsBoundaryInput{RoleName: f.slr, PermissionsBoundary: f.readOnly})
		}},
		{"PutRolePermissionsBoundary unknown policy", "access_policies_boundaries.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.PutRolePermissionsBoundary(PutRolePermissionsBoundaryInput{RoleName: "app", PermissionsBoundary: "arn:aws:iam::111122223333:policy/Nope"})
		}},
		{"DeleteRolePermissionsBoundary none set", "access_policies_boundaries.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteRolePermissionsBoundary(DeleteRolePermissionsBoundaryInput{RoleName: "app"})
		}},
		{"PutRolePolicy service-linked", "using-service-linked-roles.md", ErrUnmodifiableEntity, func(f *fixture) error {
			return f.a.PutRolePolicy(PutRolePolicyInput{RoleName: f.slr, PolicyName: "p", PolicyDocument: allowS3})
		}},
		{"PutRolePolicy over 10240 aggregate", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			return f.a.PutRolePolicy(PutRolePolicyInput{RoleName: "app", PolicyName: "Big", PolicyDocument: bigDoc(10200)})
		}},
		{"DeleteRolePolicy service-linked", "using-service-linked-roles.md", ErrUnmodifiableEntity, func(f *fixture) error {
			return f.a.DeleteRolePolicy(RolePolicyInput{RoleName: f.slr, PolicyName: "p"})
		}},
		{"GetRolePolicy unknown", "access_policies_managed-vs-inline.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetRolePolicy(RolePolicyInput{RoleName: "app", PolicyName: "nope"}))
		}},
		{"AttachRolePolicy service-linked", "using-service-linked-roles.md", ErrUnmodifiableEntity, func(f *fixture) error {
			return f.a.AttachRolePolicy(RolePolicyAttachmentInput{RoleName: f.slr, PolicyArn: f.readOnly})
		}},
		{"AttachRolePolicy service-role policy to a customer role", "using-service-linked-roles.md", ErrPolicyNotAttachable, func(f *fixture) error {
			return f.a.AttachRolePolicy(RolePolicyAttachmentInput{RoleName: "app", PolicyArn: f.supportPol})
		}},
		{"AttachRolePolicy eleventh", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.PoliciesPerRole = 1
			f.a.s.quotas = q
			f.arm()
			return f.a.AttachRolePolicy(RolePolicyAttachmentInput{RoleName: "app", PolicyArn: f.unused})
		}},
		{"DetachRolePolicy service-linked", "using-service-linked-roles.md", ErrUnmodifiableEntity, func(f *fixture) error {
			return f.a.DetachRolePolicy(RolePolicyAttachmentInput{RoleName: f.slr, PolicyArn: f.supportPol})
		}},
		{"DetachRolePolicy not attached", "access_policies_manage-attach-detach.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DetachRolePolicy(RolePolicyAttachmentInput{RoleName: "bare", PolicyArn: f.s3Read})
		}},
		{"RecordRoleUse unknown", "id_roles_manage.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.RecordRoleUse(RecordRoleUseInput{RoleName: "zed", Time: f.clock.t})
		}},

		// Service-linked roles.
		{"CreateServiceLinkedRole not a service principal", "using-service-linked-roles.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.CreateServiceLinkedRole(CreateServiceLinkedRoleInput{AWSServiceName: "example.com"}))
		}},
		{"CreateServiceLinkedRole twice", "using-service-linked-roles.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.CreateServiceLinkedRole(CreateServiceLinkedRoleInput{AWSServiceName: "support.amazonaws.com"}))
		}},
		{"CreateServiceLinkedRole bad suffix", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateServiceLinkedRole(CreateServiceLinkedRoleInput{AWSServiceName: "autoscaling.amazonaws.com", CustomSuffix: "a b"}))
		}},
		{"CreateServiceLinkedRole name too long", "reference_iam-quotas.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.CreateServiceLinkedRole(CreateServiceLinkedRoleInput{AWSServiceName: "autoscaling.amazonaws.com", CustomSuffix: strings.Repeat("s", 40)}))
		}},
		{"CreateServiceLinkedRole over the role quota", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.Roles = 3
			f.a.s.quotas = q
			f.arm()
			return errOf(f.a.CreateServiceLinkedRole(CreateServiceLinkedRoleInput{AWSServiceName: "autoscaling.amazonaws.com"}))
		}},
		{"DeleteServiceLinkedRole on a customer role", "using-service-linked-roles.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.DeleteServiceLinkedRole(DeleteServiceLinkedRoleInput{RoleName: "app"}))
		}},
		{"DeleteServiceLinkedRole unknown", "using-service-linked-roles.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.DeleteServiceLinkedRole(DeleteServiceLinkedRoleInput{RoleName: "zed"}))
		}},
		{"GetServiceLinkedRoleDeletionStatus unknown task", "using-service-linked-roles.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetServiceLinkedRoleDeletionStatus(GetServiceLinkedRoleDeletionStatusInput{DeletionTaskId: "task/nope"}))
		}},
		{"SetServiceLinkedRoleResources on a customer role", "using-service-linked-roles.md", ErrInvalidInput, func(f *fixture) error {
			return f.a.SetServiceLinkedRoleResources(SetServiceLinkedRoleResourcesInput{RoleName: "app", Resources: []string{"x"}})
		}},

		// Managed policies.
		{"CreatePolicy name taken in another case", "access_policies_manage.md", ErrEntityAlreadyExists, func(f *fixture) error {
			return errOf(f.a.CreatePolicy(CreatePolicyInput{PolicyName: "s3read", PolicyDocument: allowS3}))
		}},
		{"CreatePolicy over 6144", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			return errOf(f.a.CreatePolicy(CreatePolicyInput{PolicyName: "Big", PolicyDocument: bigDoc(6100)}))
		}},
		{"CreatePolicy malformed", "access_policies_manage.md", ErrMalformedPolicyDocument, func(f *fixture) error {
			return errOf(f.a.CreatePolicy(CreatePolicyInput{PolicyName: "Bad", PolicyDocument: malformed}))
		}},
		{"CreatePolicy path with an empty segment", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreatePolicy(CreatePolicyInput{PolicyName: "P", Path: "/a//b/", PolicyDocument: allowS3}))
		}},
		{"CreatePolicy over the policy quota", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.Policies = 2
			f.a.s.quotas = q
			f.arm()
			return errOf(f.a.CreatePolicy(CreatePolicyInput{PolicyName: "Third", PolicyDocument: allowS3}))
		}},
		{"CreatePolicy tag with aws: prefix", "id_tags_customer-managed-policies.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.CreatePolicy(CreatePolicyInput{PolicyName: "T", PolicyDocument: allowS3, Tags: []Tag{{"AWS:x", "y"}}}))
		}},
		{"GetPolicy unknown", "access_policies_manage.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetPolicy(GetPolicyInput{PolicyArn: "arn:aws:iam::111122223333:policy/Nope"}))
		}},
		{"DeletePolicy attached", "access_policies_manage-delete.md", ErrDeleteConflict, func(f *fixture) error {
			return f.a.DeletePolicy(DeletePolicyInput{PolicyArn: f.s3Read})
		}},
		{"DeletePolicy with non-default versions", "access_policies_manage-delete.md", ErrDeleteConflict, func(f *fixture) error {
			mustOK(t, f.a.DetachGroupPolicy(GroupPolicyAttachmentInput{GroupName: "dev", PolicyArn: f.s3Read}))
			mustOK(t, f.a.DetachRolePolicy(RolePolicyAttachmentInput{RoleName: "app", PolicyArn: f.s3Read}))
			f.arm()
			return f.a.DeletePolicy(DeletePolicyInput{PolicyArn: f.s3Read})
		}},
		{"DeletePolicy used as a boundary", "access_policies_boundaries.md", ErrDeleteConflict, func(f *fixture) error {
			mustOK(t, f.a.PutUserPermissionsBoundary(PutUserPermissionsBoundaryInput{UserName: "bob", PermissionsBoundary: f.unused}))
			f.arm()
			return f.a.DeletePolicy(DeletePolicyInput{PolicyArn: f.unused})
		}},
		{"DeletePolicy AWS managed", "access_policies_managed-vs-inline.md", ErrInvalidInput, func(f *fixture) error {
			return f.a.DeletePolicy(DeletePolicyInput{PolicyArn: AWSManagedPolicyARN("/", "AdministratorAccess")})
		}},
		{"ListPolicies bad scope", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.ListPolicies(ListPoliciesInput{Scope: "Mine"}))
		}},
		{"CreatePolicyVersion sixth", "access_policies_managed-versioning.md", ErrLimitExceeded, func(f *fixture) error {
			for range 3 {
				mustOK(t, errOf(f.a.CreatePolicyVersion(CreatePolicyVersionInput{PolicyArn: f.s3Read, PolicyDocument: allowS3})))
			}
			f.arm()
			return errOf(f.a.CreatePolicyVersion(CreatePolicyVersionInput{PolicyArn: f.s3Read, PolicyDocument: allowS3}))
		}},
		{"CreatePolicyVersion malformed", "access_policies_managed-versioning.md", ErrMalformedPolicyDocument, func(f *fixture) error {
			return errOf(f.a.CreatePolicyVersion(CreatePolicyVersionInput{PolicyArn: f.s3Read, PolicyDocument: malformed, SetAsDefault: true}))
		}},
		{"CreatePolicyVersion of an AWS managed policy", "access_policies_managed-versioning.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.CreatePolicyVersion(CreatePolicyVersionInput{PolicyArn: f.readOnly, PolicyDocument: allowS3}))
		}},
		{"GetPolicyVersion unknown version", "access_policies_managed-versioning.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetPolicyVersion(GetPolicyVersionInput{PolicyArn: f.s3Read, VersionId: "v9"}))
		}},
		{"GetPolicyVersion bad version ID", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.GetPolicyVersion(GetPolicyVersionInput{PolicyArn: f.s3Read, VersionId: "1"}))
		}},
		{"DeletePolicyVersion default", "access_policies_managed-versioning.md", ErrDeleteConflict, func(f *fixture) error {
			return f.a.DeletePolicyVersion(DeletePolicyVersionInput{PolicyArn: f.s3Read, VersionId: "v2"})
		}},
		{"DeletePolicyVersion of an AWS managed policy", "access_policies_managed-versioning.md", ErrInvalidInput, func(f *fixture) error {
			return f.a.DeletePolicyVersion(DeletePolicyVersionInput{PolicyArn: f.readOnly, VersionId: "v1"})
		}},
		{"SetDefaultPolicyVersion unknown version", "access_policies_managed-versioning.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.SetDefaultPolicyVersion(SetDefaultPolicyVersionInput{PolicyArn: f.s3Read, VersionId: "v7"})
		}},
		{"SetDefaultPolicyVersion of an AWS managed policy", "access_policies_managed-versioning.md", ErrInvalidInput, func(f *fixture) error {
			return f.a.SetDefaultPolicyVersion(SetDefaultPolicyVersionInput{PolicyArn: f.readOnly, VersionId: "v1"})
		}},
		{"ListPolicyVersions unknown", "access_policies_managed-versioning.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListPolicyVersions(ListPolicyVersionsInput{PolicyArn: "arn:aws:iam::111122223333:policy/Nope"}))
		}},
		{"ListEntitiesForPolicy unknown", "access_policies_manage-attach-detach.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.ListEntitiesForPolicy(ListEntitiesForPolicyInput{PolicyArn: "arn:aws:iam::111122223333:policy/Nope"}))
		}},
		{"TagPolicy AWS managed", "id_tags_customer-managed-policies.md", ErrInvalidInput, func(f *fixture) error {
			return f.a.TagPolicy(TagPolicyInput{PolicyArn: f.readOnly, Tags: []Tag{{"a", "b"}}})
		}},
		{"TagPolicy over 50, keys case-sensitive", "id_tags.md", ErrLimitExceeded, func(f *fixture) error {
			mustOK(t, f.a.TagPolicy(TagPolicyInput{PolicyArn: f.unused, Tags: fifty("k")[:49]}))
			f.arm()
			return f.a.TagPolicy(TagPolicyInput{PolicyArn: f.unused, Tags: []Tag{{"K1", "distinct from k1"}, {"K2", "x"}}})
		}},
		{"RegisterAWSManagedPolicy malformed", "access_policies_managed-vs-inline.md", ErrMalformedPolicyDocument, func(f *fixture) error {
			return f.a.RegisterAWSManagedPolicy(AWSManagedPolicy{PolicyName: "Broken", Document: malformed})
		}},

		// Instance profiles.
		{"CreateInstanceProfile name taken", "id_roles_use_switch-role-ec2_instance-profiles.md", ErrEntityAlreadyExists, func(f *fixture) error {
			return errOf(f.a.CreateInstanceProfile(CreateInstanceProfileInput{InstanceProfileName: "WEB"}))
		}},
		{"CreateInstanceProfile over the quota", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.InstanceProfiles = 2
			f.a.s.quotas = q
			f.arm()
			return errOf(f.a.CreateInstanceProfile(CreateInstanceProfileInput{InstanceProfileName: "third"}))
		}},
		{"DeleteInstanceProfile with a role", "id_roles_use_switch-role-ec2_instance-profiles.md", ErrDeleteConflict, func(f *fixture) error {
			return f.a.DeleteInstanceProfile(InstanceProfileNameInput{InstanceProfileName: "web"})
		}},
		{"GetInstanceProfile unknown", "id_roles_use_switch-role-ec2_instance-profiles.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetInstanceProfile(InstanceProfileNameInput{InstanceProfileName: "zed"}))
		}},
		{"AddRoleToInstanceProfile second role", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			return f.a.AddRoleToInstanceProfile(InstanceProfileRoleInput{InstanceProfileName: "web", RoleName: "bare"})
		}},
		{"AddRoleToInstanceProfile same role again", "id_roles_use_switch-role-ec2_instance-profiles.md", ErrEntityAlreadyExists, func(f *fixture) error {
			return f.a.AddRoleToInstanceProfile(InstanceProfileRoleInput{InstanceProfileName: "web", RoleName: "app"})
		}},
		{"AddRoleToInstanceProfile service-linked role", "using-service-linked-roles.md", ErrUnmodifiableEntity, func(f *fixture) error {
			return f.a.AddRoleToInstanceProfile(InstanceProfileRoleInput{InstanceProfileName: "spare", RoleName: f.slr})
		}},
		{"RemoveRoleFromInstanceProfile not in it", "id_roles_use_switch-role-ec2_instance-profiles.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.RemoveRoleFromInstanceProfile(InstanceProfileRoleInput{InstanceProfileName: "spare", RoleName: "app"})
		}},
		{"TagInstanceProfile unknown", "id_tags_instance-profiles.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.TagInstanceProfile(TagInstanceProfileInput{InstanceProfileName: "zed", Tags: []Tag{{"a", "b"}}})
		}},

		// Login profiles and passwords.
		{"CreateLoginProfile twice", "id_credentials_passwords_admin-change-user.md", ErrEntityAlreadyExists, func(f *fixture) error {
			return errOf(f.a.CreateLoginProfile(CreateLoginProfileInput{UserName: "alice", Password: "another-pass-2"}))
		}},
		{"CreateLoginProfile too short for the policy", "id_credentials_passwords_account-policy.md", ErrPasswordPolicyViolation, func(f *fixture) error {
			return errOf(f.a.CreateLoginProfile(CreateLoginProfileInput{UserName: "bob", Password: "short-1"}))
		}},
		{"CreateLoginProfile without the required number", "id_credentials_passwords_account-policy.md", ErrPasswordPolicyViolation, func(f *fixture) error {
			return errOf(f.a.CreateLoginProfile(CreateLoginProfileInput{UserName: "bob", Password: "no-numbers-here"}))
		}},
		{"CreateLoginProfile empty password", "reference_iam-quotas.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateLoginProfile(CreateLoginProfileInput{UserName: "bob"}))
		}},
		{"CreateLoginProfile unknown user", "id_credentials_passwords_admin-change-user.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.CreateLoginProfile(CreateLoginProfileInput{UserName: "zed", Password: "a-good-pass-1"}))
		}},
		{"GetLoginProfile none", "id_credentials_passwords_admin-change-user.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetLoginProfile(GetLoginProfileInput{UserName: "bob"}))
		}},
		{"UpdateLoginProfile reuses a recent password", "id_credentials_passwords_account-policy.md", ErrPasswordPolicyViolation, func(f *fixture) error {
			return f.a.UpdateLoginProfile(UpdateLoginProfileInput{UserName: "alice", Password: "alice-pass-1"})
		}},
		{"UpdateLoginProfile none", "id_credentials_passwords_admin-change-user.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.UpdateLoginProfile(UpdateLoginProfileInput{UserName: "bob", PasswordResetRequired: ptr(true)})
		}},
		{"DeleteLoginProfile none", "id_credentials_passwords_admin-change-user.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteLoginProfile(DeleteLoginProfileInput{UserName: "bob"})
		}},
		{"ChangePassword wrong old password", "id_credentials_passwords_user-change-own.md", ErrInvalidInput, func(f *fixture) error {
			return f.a.ChangePassword(ChangePasswordInput{UserName: "alice", OldPassword: "wrong-pass-1", NewPassword: "new-alice-pass-2"})
		}},
		{"ChangePassword to the current password", "id_credentials_passwords_account-policy.md", ErrPasswordPolicyViolation, func(f *fixture) error {
			return f.a.ChangePassword(ChangePasswordInput{UserName: "alice", OldPassword: "alice-pass-1", NewPassword: "alice-pass-1"})
		}},
		{"ChangePassword without a login profile", "id_credentials_passwords_user-change-own.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.ChangePassword(ChangePasswordInput{UserName: "bob", OldPassword: "x", NewPassword: "new-bob-pass-2"})
		}},
		{"UpdateAccountPasswordPolicy length 5", "id_credentials_passwords_account-policy.md", ErrValidation, func(f *fixture) error {
			return f.a.UpdateAccountPasswordPolicy(UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 5})
		}},
		{"UpdateAccountPasswordPolicy length 129", "id_credentials_passwords_account-policy.md", ErrValidation, func(f *fixture) error {
			return f.a.UpdateAccountPasswordPolicy(UpdateAccountPasswordPolicyInput{MinimumPasswordLength: 129})
		}},
		{"UpdateAccountPasswordPolicy age 1096", "id_credentials_passwords_account-policy.md", ErrValidation, func(f *fixture) error {
			return f.a.UpdateAccountPasswordPolicy(UpdateAccountPasswordPolicyInput{MaxPasswordAge: 1096})
		}},
		{"UpdateAccountPasswordPolicy reuse 25", "id_credentials_passwords_account-policy.md", ErrValidation, func(f *fixture) error {
			return f.a.UpdateAccountPasswordPolicy(UpdateAccountPasswordPolicyInput{PasswordReusePrevention: 25})
		}},
		{"UpdateAccountPasswordPolicy negative reuse", "id_credentials_passwords_account-policy.md", ErrValidation, func(f *fixture) error {
			return f.a.UpdateAccountPasswordPolicy(UpdateAccountPasswordPolicyInput{PasswordReusePrevention: -1})
		}},
		{"SetRootPassword too weak", "id_credentials_passwords_change-root.md", ErrPasswordPolicyViolation, func(f *fixture) error {
			return f.a.SetRootPassword(SetRootPasswordInput{Password: "alllowercase"})
		}},
		{"RecordPasswordUse unknown", "id_users_sign-in.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.RecordPasswordUse("zed", f.clock.t)
		}},

		// Access keys.
		{"CreateAccessKey third", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			mustOK(t, errOf(f.a.CreateAccessKey(CreateAccessKeyInput{UserName: "alice"})))
			f.arm()
			return errOf(f.a.CreateAccessKey(CreateAccessKeyInput{UserName: "alice"}))
		}},
		{"CreateAccessKey third for root", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			mustOK(t, errOf(f.a.CreateAccessKey(CreateAccessKeyInput{})))
			mustOK(t, errOf(f.a.CreateAccessKey(CreateAccessKeyInput{})))
			f.arm()
			return errOf(f.a.CreateAccessKey(CreateAccessKeyInput{}))
		}},
		{"CreateAccessKey unknown user", "id_credentials_access-keys.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.CreateAccessKey(CreateAccessKeyInput{UserName: "zed"}))
		}},
		{"UpdateAccessKey bad status", "id_credentials_access-keys.md", ErrValidation, func(f *fixture) error {
			return f.a.UpdateAccessKey(UpdateAccessKeyInput{UserName: "alice", AccessKeyId: f.aliceKey, Status: "Off"})
		}},
		{"UpdateAccessKey another user's key", "id_credentials_access-keys.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.UpdateAccessKey(UpdateAccessKeyInput{UserName: "bob", AccessKeyId: f.aliceKey, Status: StatusInactive})
		}},
		{"DeleteAccessKey unknown key", "id_credentials_access-keys.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteAccessKey(DeleteAccessKeyInput{UserName: "alice", AccessKeyId: "AKIAAAAAAAAAAAAAAAAA"})
		}},
		{"DeleteAccessKey key ID too short", "iam.json", ErrValidation, func(f *fixture) error {
			return f.a.DeleteAccessKey(DeleteAccessKeyInput{UserName: "alice", AccessKeyId: "AKIA"})
		}},
		{"GetAccessKeyLastUsed unknown", "id_credentials_access-keys.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetAccessKeyLastUsed(GetAccessKeyLastUsedInput{AccessKeyId: "AKIAAAAAAAAAAAAAAAAA"}))
		}},
		{"RecordAccessKeyUse unknown", "id_credentials_access-keys.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.RecordAccessKeyUse(RecordAccessKeyUseInput{AccessKeyId: "AKIAAAAAAAAAAAAAAAAA"})
		}},

		// SSH keys and signing certificates.
		{"UploadSSHPublicKey duplicate", "id_credentials_ssh-keys.md", ErrDuplicateSSHPublicKey, func(f *fixture) error {
			return errOf(f.a.UploadSSHPublicKey(UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: testSSHKey(t, 1)}))
		}},
		{"UploadSSHPublicKey sixth", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			for i := range 4 {
				mustOK(t, errOf(f.a.UploadSSHPublicKey(UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: testSSHKey(t, int64(10+2*i))})))
			}
			f.arm()
			return errOf(f.a.UploadSSHPublicKey(UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: testSSHKey(t, 99)}))
		}},
		{"UploadSSHPublicKey garbage", "id_credentials_ssh-keys.md", ErrUnrecognizedPublicKeyEncoding, func(f *fixture) error {
			return errOf(f.a.UploadSSHPublicKey(UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: "hello"}))
		}},
		{"UploadSSHPublicKey broken ssh-rsa", "id_credentials_ssh-keys.md", ErrInvalidPublicKey, func(f *fixture) error {
			return errOf(f.a.UploadSSHPublicKey(UploadSSHPublicKeyInput{UserName: "alice", SSHPublicKeyBody: "ssh-rsa AAAAB3NzaC1yc2E= x"}))
		}},
		{"UpdateSSHPublicKey unknown", "id_credentials_ssh-keys.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.UpdateSSHPublicKey(UpdateSSHPublicKeyInput{UserName: "bob", SSHPublicKeyId: f.aliceSSH, Status: StatusInactive})
		}},
		{"DeleteSSHPublicKey unknown", "id_credentials_ssh-keys.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteSSHPublicKey(SSHPublicKeyInput{UserName: "alice", SSHPublicKeyId: "APKAAAAAAAAAAAAAAAAAAAA"})
		}},
		{"UploadSigningCertificate duplicate in the account", "reference_iam-quotas.md", ErrDuplicateCertificate, func(f *fixture) error {
			return errOf(f.a.UploadSigningCertificate(UploadSigningCertificateInput{UserName: "bob", CertificateBody: testCert(t, 1)}))
		}},
		{"UploadSigningCertificate third", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			mustOK(t, errOf(f.a.UploadSigningCertificate(UploadSigningCertificateInput{UserName: "alice", CertificateBody: testCert(t, 2)})))
			f.arm()
			return errOf(f.a.UploadSigningCertificate(UploadSigningCertificateInput{UserName: "alice", CertificateBody: testCert(t, 3)}))
		}},
		{"UploadSigningCertificate not PEM", "iam.json", ErrMalformedCertificate, func(f *fixture) error {
			return errOf(f.a.UploadSigningCertificate(UploadSigningCertificateInput{UserName: "bob", CertificateBody: "not a certificate"}))
		}},
		{"UploadSigningCertificate expired", "iam.json", ErrMalformedCertificate, func(f *fixture) error {
			f.clock.advance(20 * 365 * 24 * time.Hour)
			f.arm()
			return errOf(f.a.UploadSigningCertificate(UploadSigningCertificateInput{UserName: "bob", CertificateBody: testCert(t, 4)}))
		}},
		{"UpdateSigningCertificate unknown", "iam.json", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.UpdateSigningCertificate(UpdateSigningCertificateInput{UserName: "bob", CertificateId: f.aliceCert, Status: StatusInactive})
		}},

		// MFA devices.
		{"CreateVirtualMFADevice same path and name", "id_credentials_mfa_enable_virtual.md", ErrEntityAlreadyExists, func(f *fixture) error {
			return errOf(f.a.CreateVirtualMFADevice(CreateVirtualMFADeviceInput{VirtualMFADeviceName: "Alice-Phone"}))
		}},
		{"CreateVirtualMFADevice bad name", "id_credentials_mfa_enable_virtual.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateVirtualMFADevice(CreateVirtualMFADeviceInput{VirtualMFADeviceName: "a b"}))
		}},
		{"CreateVirtualMFADevice over the quota", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.VirtualMFADevices = 2
			f.a.s.quotas = q
			f.arm()
			return errOf(f.a.CreateVirtualMFADevice(CreateVirtualMFADeviceInput{VirtualMFADeviceName: "third"}))
		}},
		{"EnableMFADevice wrong codes", "id_credentials_mfa_enable_virtual.md", ErrInvalidAuthenticationCode, func(f *fixture) error {
			return f.a.EnableMFADevice(MFADeviceCodesInput{UserName: "bob", SerialNumber: f.spareMFA, AuthenticationCode1: "000000", AuthenticationCode2: "000001"})
		}},
		{"EnableMFADevice already enabled", "id_credentials_mfa_enable_virtual.md", ErrEntityAlreadyExists, func(f *fixture) error {
			c1, c2 := mfaCodes(f.aliceSeed, f.clock.t)
			f.arm()
			return f.a.EnableMFADevice(MFADeviceCodesInput{UserName: "bob", SerialNumber: f.aliceMFA, AuthenticationCode1: c1, AuthenticationCode2: c2})
		}},
		{"EnableMFADevice over the per-user quota", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.MFADevicesPerUser = 1
			f.a.s.quotas = q
			f.arm()
			return f.a.EnableMFADevice(MFADeviceCodesInput{UserName: "alice", SerialNumber: f.spareMFA, AuthenticationCode1: "123456", AuthenticationCode2: "234567"})
		}},
		{"EnableMFADevice unknown device", "id_credentials_mfa_enable_virtual.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.EnableMFADevice(MFADeviceCodesInput{UserName: "bob", SerialNumber: "arn:aws:iam::111122223333:mfa/nope", AuthenticationCode1: "123456", AuthenticationCode2: "234567"})
		}},
		{"EnableMFADevice code not six digits", "iam.json", ErrValidation, func(f *fixture) error {
			return f.a.EnableMFADevice(MFADeviceCodesInput{UserName: "bob", SerialNumber: f.spareMFA, AuthenticationCode1: "12", AuthenticationCode2: "234567"})
		}},
		{"DeactivateMFADevice not the user's", "id_credentials_mfa_disable.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeactivateMFADevice(DeactivateMFADeviceInput{UserName: "bob", SerialNumber: f.aliceMFA})
		}},
		{"ResyncMFADevice wrong codes", "id_credentials_mfa_sync.md", ErrInvalidAuthenticationCode, func(f *fixture) error {
			return f.a.ResyncMFADevice(MFADeviceCodesInput{UserName: "alice", SerialNumber: f.aliceMFA, AuthenticationCode1: "000000", AuthenticationCode2: "000001"})
		}},
		{"DeleteVirtualMFADevice enabled", "id_credentials_mfa_disable.md", ErrDeleteConflict, func(f *fixture) error {
			return f.a.DeleteVirtualMFADevice(DeleteVirtualMFADeviceInput{SerialNumber: f.aliceMFA})
		}},
		{"CheckMFACode replayed", "id_credentials_mfa_enable_virtual.md", ErrInvalidAuthenticationCode, func(f *fixture) error {
			code := mfaCodesAt(f.aliceSeed, f.clock.t)
			mustOK(t, f.a.CheckMFACode(CheckMFACodeInput{UserName: "alice", SerialNumber: f.aliceMFA, Code: code}))
			f.arm()
			return f.a.CheckMFACode(CheckMFACodeInput{UserName: "alice", SerialNumber: f.aliceMFA, Code: code})
		}},
		{"ListVirtualMFADevices bad status", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.ListVirtualMFADevices(ListVirtualMFADevicesInput{AssignmentStatus: "Some"}))
		}},

		// Identity providers.
		{"CreateOpenIDConnectProvider http URL", "id_roles_providers_create_oidc.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.CreateOpenIDConnectProvider(CreateOpenIDConnectProviderInput{Url: "http://token.example.org"}))
		}},
		{"CreateOpenIDConnectProvider same URL", "id_roles_providers_create_oidc.md", ErrEntityAlreadyExists, func(f *fixture) error {
			return errOf(f.a.CreateOpenIDConnectProvider(CreateOpenIDConnectProviderInput{Url: "https://token.example.com"}))
		}},
		{"CreateOpenIDConnectProvider URL with a port", "id_roles_providers_create_oidc.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.CreateOpenIDConnectProvider(CreateOpenIDConnectProviderInput{Url: "https://token.example.org:8443"}))
		}},
		{"CreateOpenIDConnectProvider short thumbprint", "id_roles_providers_create_oidc_verify-thumbprint.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateOpenIDConnectProvider(CreateOpenIDConnectProviderInput{Url: "https://token.example.org", ThumbprintList: []string{"abc"}}))
		}},
		{"CreateOpenIDConnectProvider six thumbprints", "id_roles_providers_create_oidc.md", ErrInvalidInput, func(f *fixture) error {
			tp := strings.Repeat("b", 40)
			f.arm()
			return errOf(f.a.CreateOpenIDConnectProvider(CreateOpenIDConnectProviderInput{Url: "https://token.example.org", ThumbprintList: []string{tp, tp, tp, tp, tp, tp}}))
		}},
		{"CreateOpenIDConnectProvider over the quota", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.OIDCProviders = 1
			f.a.s.quotas = q
			f.arm()
			return errOf(f.a.CreateOpenIDConnectProvider(CreateOpenIDConnectProviderInput{Url: "https://token.example.org"}))
		}},
		{"AddClientIDToOpenIDConnectProvider over the quota", "id_roles_providers_create_oidc.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.ClientIDsPerOIDC = 1
			f.a.s.quotas = q
			f.arm()
			return f.a.AddClientIDToOpenIDConnectProvider(OpenIDConnectProviderClientIDInput{OpenIDConnectProviderArn: f.oidc, ClientID: "app"})
		}},
		{"GetOpenIDConnectProvider unknown", "id_roles_providers_create_oidc.md", ErrNoSuchEntity, func(f *fixture) error {
			return errOf(f.a.GetOpenIDConnectProvider(OpenIDConnectProviderInput{OpenIDConnectProviderArn: "arn:aws:iam::111122223333:oidc-provider/nope.example.com"}))
		}},
		{"GetOpenIDConnectProvider not an OIDC ARN", "id_roles_providers_create_oidc.md", ErrInvalidInput, func(f *fixture) error {
			return errOf(f.a.GetOpenIDConnectProvider(OpenIDConnectProviderInput{OpenIDConnectProviderArn: f.saml}))
		}},
		{"UpdateOpenIDConnectProviderThumbprint not hex", "id_roles_providers_create_oidc_verify-thumbprint.md", ErrInvalidInput, func(f *fixture) error {
			return f.a.UpdateOpenIDConnectProviderThumbprint(UpdateOpenIDConnectProviderThumbprintInput{OpenIDConnectProviderArn: f.oidc, ThumbprintList: []string{strings.Repeat("z", 40)}})
		}},
		{"CreateSAMLProvider short metadata", "id_roles_providers_create_saml.md", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateSAMLProvider(CreateSAMLProviderInput{Name: "Other", SAMLMetadataDocument: "<x/>"}))
		}},
		{"CreateSAMLProvider name taken", "id_roles_providers_create_saml.md", ErrEntityAlreadyExists, func(f *fixture) error {
			return errOf(f.a.CreateSAMLProvider(CreateSAMLProviderInput{Name: "corp", SAMLMetadataDocument: samlMetadata()}))
		}},
		{"CreateSAMLProvider bad name", "iam.json", ErrValidation, func(f *fixture) error {
			return errOf(f.a.CreateSAMLProvider(CreateSAMLProviderInput{Name: "a b", SAMLMetadataDocument: samlMetadata()}))
		}},
		{"CreateSAMLProvider over the quota", "reference_iam-quotas.md", ErrLimitExceeded, func(f *fixture) error {
			q := f.a.Quotas()
			q.SAMLProviders = 1
			f.a.s.quotas = q
			f.arm()
			return errOf(f.a.CreateSAMLProvider(CreateSAMLProviderInput{Name: "Other", SAMLMetadataDocument: samlMetadata()}))
		}},
		{"UpdateSAMLProvider unknown", "id_roles_providers_create_saml.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.UpdateSAMLProvider(UpdateSAMLProviderInput{SAMLProviderArn: "arn:aws:iam::111122223333:saml-provider/Nope", SAMLMetadataDocument: samlMetadata()})
		}},
		{"DeleteSAMLProvider not a SAML ARN", "id_roles_providers_create_saml.md", ErrInvalidInput, func(f *fixture) error {
			return f.a.DeleteSAMLProvider(SAMLProviderInput{SAMLProviderArn: f.oidc})
		}},

		// Account alias and quotas.
		{"CreateAccountAlias upper case", "reference_iam-quotas.md", ErrValidation, func(f *fixture) error {
			return f.a.CreateAccountAlias(CreateAccountAliasInput{AccountAlias: "Example"})
		}},
		{"CreateAccountAlias two hyphens", "reference_iam-quotas.md", ErrValidation, func(f *fixture) error {
			return f.a.CreateAccountAlias(CreateAccountAliasInput{AccountAlias: "a--b"})
		}},
		{"CreateAccountAlias twelve digits", "reference_iam-quotas.md", ErrInvalidInput, func(f *fixture) error {
			return f.a.CreateAccountAlias(CreateAccountAliasInput{AccountAlias: "123456789012"})
		}},
		{"DeleteAccountAlias not the alias", "reference_iam-quotas.md", ErrNoSuchEntity, func(f *fixture) error {
			return f.a.DeleteAccountAlias(DeleteAccountAliasInput{AccountAlias: "other-corp"})
		}},
		{"SetQuotas zero", "reference_iam-quotas.md", ErrInvalidInput, func(f *fixture) error {
			q := f.a.Quotas()
			q.Users = 0
			f.arm()
			return f.a.SetQuotas(q)
		}},
	}
	runFailures(t, cases)
}

// failureCase is an operation that must fail with code and change nothing.
type failureCase struct {
	name string
	doc  string // the AWS documentation of the rule
	code Code
	op   func(f *fixture) error
}

func runFailures(t *testing.T, cases []failureCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Logf("rule: %s", c.doc)
			f := newFixture(t)
			assertFailsUnchanged(t, f.a, c.code, func() error { return c.op(f) }, &f.armed)
		})
	}
}

// mfaCodesAt is the code a device shows at t.
func mfaCodesAt(seed []byte, t time.Time) string {
	c, _ := mfaCodes(seed, t)
	return c
}
