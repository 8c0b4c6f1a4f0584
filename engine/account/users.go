package account

import (
	"slices"
	"strings"
	"time"
)

// user is an IAM user (id_users.md).
type user struct {
	name, path, id, arn string
	created             time.Time
	passwordLastUsed    time.Time
	boundary            string // a managed policy ARN, or ""
	tags                []Tag
	inline              []inlinePolicy
	attached            []string // managed policy ARNs, in attachment order
	groups              []string // folded group names, in joining order
	login               *loginProfile
	keys                []*accessKey
	ssh                 []*sshKey
	certs               []*signingCert
}

// User is an IAM user, as GetUser returns it.
type User struct {
	Path                string
	UserName            string
	UserId              string
	Arn                 string
	CreateDate          time.Time
	PasswordLastUsed    *time.Time                   `json:",omitempty"`
	PermissionsBoundary *AttachedPermissionsBoundary `json:",omitempty"`
	Tags                []Tag                        `json:",omitempty"`
}

func (u *user) out(withTags bool) User {
	o := User{Path: u.path, UserName: u.name, UserId: u.id, Arn: u.arn, CreateDate: u.created, PermissionsBoundary: boundaryOut(u.boundary)}
	if !u.passwordLastUsed.IsZero() {
		t := u.passwordLastUsed
		o.PasswordLastUsed = &t
	}
	if withTags {
		o.Tags = slices.Clone(u.tags)
	}
	return o
}

// lookupUser finds a user by name, ignoring case.
func (a *Account) lookupUser(name string, max int) (*user, error) {
	var c checks
	c.name(name, "userName", max)
	if err := c.err(); err != nil {
		return nil, err
	}
	u := a.s.users[fold(name)]
	if u == nil {
		return nil, errorf(ErrNoSuchEntity, "The user with name %s cannot be found.", name)
	}
	return u, nil
}

func (a *Account) sortedUsers() []*user {
	out := make([]*user, 0, len(a.s.users))
	for _, u := range a.s.users {
		out = append(out, u)
	}
	slices.SortFunc(out, func(x, y *user) int { return strings.Compare(fold(x.name), fold(y.name)) })
	return out
}

// CreateUserInput is CreateUser's request. Path defaults to "/".
type CreateUserInput struct {
	Path                string
	UserName            string
	PermissionsBoundary string
	Tags                []Tag
}

// CreateUserOutput is CreateUser's response.
type CreateUserOutput struct {
	User User
}

// CreateUser creates an IAM user. User names are unique in the account
// ignoring case (reference_iam-quotas.md).
func (a *Account) CreateUser(in CreateUserInput) (*CreateUserOutput, error) {
	if err := a.note(Request{PermissionsBoundary: in.PermissionsBoundary, Tags: in.Tags}); err != nil {
		return nil, err
	}
	var c checks
	c.name(in.UserName, "userName", maxUserName)
	c.path(in.Path, "path")
	if err := c.err(); err != nil {
		return nil, err
	}
	tags, err := a.newTags(in.Tags, true, "User")
	if err != nil {
		return nil, err
	}
	if in.PermissionsBoundary != "" {
		if _, err := a.boundaryPolicy(in.PermissionsBoundary); err != nil {
			return nil, err
		}
	}
	if a.s.users[fold(in.UserName)] != nil {
		return nil, errorf(ErrEntityAlreadyExists, "User with name %s already exists.", in.UserName)
	}
	if len(a.s.users) >= a.s.quotas.Users {
		return nil, quotaError("UsersPerAccount", a.s.quotas.Users)
	}
	id, err := a.newID(PrefixUser)
	if err != nil {
		return nil, err
	}
	path := orDefaultPath(in.Path)
	u := &user{name: in.UserName, path: path, id: id, arn: a.arn("user", path, in.UserName), created: a.now(), boundary: in.PermissionsBoundary, tags: tags}
	a.s.issued[id] = true
	a.s.users[fold(u.name)] = u
	return &CreateUserOutput{User: u.out(true)}, nil
}

// GetUserInput is GetUser's request.
type GetUserInput struct {
	UserName string
}

// GetUserOutput is GetUser's response.
type GetUserOutput struct {
	User User
}

// GetUser returns a user.
func (a *Account) GetUser(in GetUserInput) (*GetUserOutput, error) {
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return nil, err
	}
	return &GetUserOutput{User: u.out(true)}, nil
}

// ListUsersInput is ListUsers' request.
type ListUsersInput struct {
	PathPrefix string
}

// ListUsersOutput is ListUsers' response.
type ListUsersOutput struct {
	Users []User
}

// ListUsers lists the users whose path starts with PathPrefix, sorted by
// name, without tags.
func (a *Account) ListUsers(in ListUsersInput) (*ListUsersOutput, error) {
	var c checks
	c.pathPrefix(in.PathPrefix, "pathPrefix")
	if err := c.err(); err != nil {
		return nil, err
	}
	out := &ListUsersOutput{Users: []User{}}
	for _, u := range a.sortedUsers() {
		if strings.HasPrefix(u.path, in.PathPrefix) {
			out.Users = append(out.Users, u.out(false))
		}
	}
	return out, nil
}

// UpdateUserInput is UpdateUser's request: a new path, a new name, or
// both; empty means unchanged.
type UpdateUserInput struct {
	UserName    string
	NewPath     string
	NewUserName string
}

// UpdateUser renames a user or moves it to another path. Its unique ID,
// credentials, groups and policies stay with it.
func (a *Account) UpdateUser(in UpdateUserInput) error {
	var c checks
	c.name(in.UserName, "userName", maxExistingUserName)
	c.path(in.NewPath, "newPath")
	if in.NewUserName != "" {
		c.name(in.NewUserName, "newUserName", maxUserName)
	}
	if err := c.err(); err != nil {
		return err
	}
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return err
	}
	name := u.name
	if in.NewUserName != "" {
		if other := a.s.users[fold(in.NewUserName)]; other != nil && other != u {
			return errorf(ErrEntityAlreadyExists, "User with name %s already exists.", in.NewUserName)
		}
		name = in.NewUserName
	}
	path := u.path
	if in.NewPath != "" {
		path = in.NewPath
	}
	old := fold(u.name)
	delete(a.s.users, old)
	u.name, u.path, u.arn = name, path, a.arn("user", path, name)
	a.s.users[fold(name)] = u
	if fold(name) != old {
		for id, o := range a.s.keys {
			if !o.root && o.user == old {
				a.s.keys[id] = keyOwner{user: fold(name)}
			}
		}
		for _, d := range a.s.devices {
			if !d.root && d.owner == old {
				d.owner = fold(name)
			}
		}
	}
	return nil
}

// DeleteUserInput is DeleteUser's request.
type DeleteUserInput struct {
	UserName string
}

// DeleteUser deletes a user that has nothing left: no password, access
// keys, signing certificates, SSH keys or MFA devices, no inline or
// attached policies, and no group memberships (id_users_manage.md);
// otherwise DeleteConflict names the first thing to remove. A permissions
// boundary and tags go with the user.
func (a *Account) DeleteUser(in DeleteUserInput) error {
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return err
	}
	switch {
	case u.login != nil:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must delete login profile first.")
	case len(u.keys) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must delete access keys first.")
	case len(u.certs) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must delete signing certificates first.")
	case len(u.ssh) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must delete SSH public keys first.")
	case len(a.userDevices(keyOwner{user: fold(u.name)})) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must delete MFA device first.")
	case len(u.inline) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must delete policies first.")
	case len(u.attached) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must detach all policies first.")
	case len(u.groups) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must remove user from all groups first.")
	}
	delete(a.s.users, fold(u.name))
	return nil
}

// TagUserInput is TagUser's request.
type TagUserInput struct {
	UserName string
	Tags     []Tag
}

// TagUser adds or replaces tags on a user. User tag keys are
// case-insensitive: Department replaces department (id_tags.md).
func (a *Account) TagUser(in TagUserInput) error {
	if err := a.note(Request{Tags: in.Tags}); err != nil {
		return err
	}
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return err
	}
	tags, err := a.tagResource(u.tags, in.Tags, true, "User")
	if err != nil {
		return err
	}
	u.tags = tags
	return nil
}

// UntagUserInput is UntagUser's request.
type UntagUserInput struct {
	UserName string
	TagKeys  []string
}

// UntagUser removes tags from a user; absent keys are ignored.
func (a *Account) UntagUser(in UntagUserInput) error {
	if err := a.note(Request{TagKeys: in.TagKeys}); err != nil {
		return err
	}
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return err
	}
	if err := checkTagKeys(in.TagKeys, "tagKeys"); err != nil {
		return err
	}
	u.tags = removeTags(u.tags, in.TagKeys, true)
	return nil
}

// ListUserTagsInput is ListUserTags' request.
type ListUserTagsInput struct {
	UserName string
}

// ListUserTags lists a user's tags.
func (a *Account) ListUserTags(in ListUserTagsInput) (*ListTagsOutput, error) {
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return nil, err
	}
	return &ListTagsOutput{Tags: append([]Tag{}, u.tags...)}, nil
}

// PutUserPermissionsBoundaryInput is PutUserPermissionsBoundary's request.
type PutUserPermissionsBoundaryInput struct {
	UserName            string
	PermissionsBoundary string
}

// PutUserPermissionsBoundary sets or replaces a user's permissions
// boundary: a managed policy, customer or AWS (access_policies_boundaries.md).
func (a *Account) PutUserPermissionsBoundary(in PutUserPermissionsBoundaryInput) error {
	if err := a.note(Request{PermissionsBoundary: in.PermissionsBoundary}); err != nil {
		return err
	}
	var c checks
	c.name(in.UserName, "userName", maxUserName)
	c.arn(in.PermissionsBoundary, "permissionsBoundary")
	if err := c.err(); err != nil {
		return err
	}
	u, err := a.lookupUser(in.UserName, maxUserName)
	if err != nil {
		return err
	}
	if _, err := a.boundaryPolicy(in.PermissionsBoundary); err != nil {
		return err
	}
	u.boundary = in.PermissionsBoundary
	return nil
}

// DeleteUserPermissionsBoundaryInput is DeleteUserPermissionsBoundary's
// request.
type DeleteUserPermissionsBoundaryInput struct {
	UserName string
}

// DeleteUserPermissionsBoundary removes a user's permissions boundary;
// NoSuchEntity if it has none.
func (a *Account) DeleteUserPermissionsBoundary(in DeleteUserPermissionsBoundaryInput) error {
	u, err := a.lookupUser(in.UserName, maxUserName)
	if err != nil {
		return err
	}
	if u.boundary == "" {
		return errorf(ErrNoSuchEntity, "The user with name %s has no permissions boundary.", u.name)
	}
	u.boundary = ""
	return nil
}

// PutUserPolicyInput is PutUserPolicy's request.
type PutUserPolicyInput struct {
	UserName       string
	PolicyName     string
	PolicyDocument string
}

// PutUserPolicy adds or replaces an inline policy of a user. The user's
// inline policies together may not exceed Quotas.UserPolicySize (2,048)
// characters, white space not counted.
func (a *Account) PutUserPolicy(in PutUserPolicyInput) error {
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return err
	}
	list, err := a.putInline(u.inline, in.PolicyName, in.PolicyDocument, "user", u.name, a.s.quotas.UserPolicySize)
	if err != nil {
		return err
	}
	u.inline = list
	return nil
}

// UserPolicyInput names an inline policy of a user: the request of
// GetUserPolicy and DeleteUserPolicy.
type UserPolicyInput struct {
	UserName   string
	PolicyName string
}

func (a *Account) userInline(in UserPolicyInput) (*user, int, error) {
	var c checks
	c.name(in.UserName, "userName", maxExistingUserName)
	c.name(in.PolicyName, "policyName", maxPolicyName)
	if err := c.err(); err != nil {
		return nil, 0, err
	}
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return nil, 0, err
	}
	i := findInline(u.inline, in.PolicyName)
	if i < 0 {
		return nil, 0, errorf(ErrNoSuchEntity, "The user policy with name %s cannot be found.", in.PolicyName)
	}
	return u, i, nil
}

// GetUserPolicy returns an inline policy of a user.
func (a *Account) GetUserPolicy(in UserPolicyInput) (*GetEntityPolicyOutput, error) {
	u, i, err := a.userInline(in)
	if err != nil {
		return nil, err
	}
	p := u.inline[i]
	return &GetEntityPolicyOutput{UserName: u.name, PolicyName: p.name, PolicyDocument: p.document}, nil
}

// DeleteUserPolicy deletes an inline policy of a user.
func (a *Account) DeleteUserPolicy(in UserPolicyInput) error {
	u, i, err := a.userInline(in)
	if err != nil {
		return err
	}
	u.inline = slices.Delete(slices.Clone(u.inline), i, i+1)
	return nil
}

// ListUserPoliciesInput is ListUserPolicies' request.
type ListUserPoliciesInput struct {
	UserName string
}

// ListUserPolicies lists the names of a user's inline policies.
func (a *Account) ListUserPolicies(in ListUserPoliciesInput) (*ListEntityPoliciesOutput, error) {
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return nil, err
	}
	return &ListEntityPoliciesOutput{PolicyNames: inlineNames(u.inline)}, nil
}

// UserPolicyAttachmentInput is the request of AttachUserPolicy and
// DetachUserPolicy.
type UserPolicyAttachmentInput struct {
	UserName  string
	PolicyArn string
}

// AttachUserPolicy attaches a managed policy to a user, at most
// Quotas.PoliciesPerUser (10). Attaching one already attached does
// nothing.
func (a *Account) AttachUserPolicy(in UserPolicyAttachmentInput) error {
	if err := a.note(Request{PolicyARN: in.PolicyArn}); err != nil {
		return err
	}
	var c checks
	c.name(in.UserName, "userName", maxUserName)
	c.arn(in.PolicyArn, "policyArn")
	if err := c.err(); err != nil {
		return err
	}
	u, err := a.lookupUser(in.UserName, maxUserName)
	if err != nil {
		return err
	}
	p, err := a.attachable(in.PolicyArn)
	if err != nil {
		return err
	}
	list, err := attach(u.attached, p.arn, a.s.quotas.PoliciesPerUser, "PoliciesPerUser")
	if err != nil {
		return err
	}
	u.attached = list
	return nil
}

// DetachUserPolicy detaches a managed policy from a user.
func (a *Account) DetachUserPolicy(in UserPolicyAttachmentInput) error {
	if err := a.note(Request{PolicyARN: in.PolicyArn}); err != nil {
		return err
	}
	var c checks
	c.name(in.UserName, "userName", maxUserName)
	c.arn(in.PolicyArn, "policyArn")
	if err := c.err(); err != nil {
		return err
	}
	u, err := a.lookupUser(in.UserName, maxUserName)
	if err != nil {
		return err
	}
	p, err := a.lookupPolicy(in.PolicyArn, "policyArn")
	if err != nil {
		return err
	}
	list, err := detach(u.attached, p.arn)
	if err != nil {
		return err
	}
	u.attached = list
	return nil
}

// ListAttachedUserPoliciesInput is ListAttachedUserPolicies' request.
type ListAttachedUserPoliciesInput struct {
	UserName   string
	PathPrefix string
}

// ListAttachedUserPolicies lists the managed policies attached to a user.
func (a *Account) ListAttachedUserPolicies(in ListAttachedUserPoliciesInput) (*ListAttachedPoliciesOutput, error) {
	var c checks
	c.pathPrefix(in.PathPrefix, "pathPrefix")
	if err := c.err(); err != nil {
		return nil, err
	}
	u, err := a.lookupUser(in.UserName, maxUserName)
	if err != nil {
		return nil, err
	}
	return a.attachedOut(u.attached, in.PathPrefix), nil
}
