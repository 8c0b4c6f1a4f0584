package account

import (
	"slices"
	"strings"
	"time"
)

// group is an IAM user group (id_groups.md): users and policies, no
// credentials, no tags, no nested groups.
type group struct {
	name, path, id, arn string
	created             time.Time
	inline              []inlinePolicy
	attached            []string
}

// Group is an IAM group, as GetGroup returns it.
type Group struct {
	Path       string
	GroupName  string
	GroupId    string
	Arn        string
	CreateDate time.Time
}

func (g *group) out() Group {
	return Group{Path: g.path, GroupName: g.name, GroupId: g.id, Arn: g.arn, CreateDate: g.created}
}

func (a *Account) lookupGroup(name string) (*group, error) {
	var c checks
	c.name(name, "groupName", maxGroupName)
	if err := c.err(); err != nil {
		return nil, err
	}
	g := a.s.groups[fold(name)]
	if g == nil {
		return nil, errorf(ErrNoSuchEntity, "The group with name %s cannot be found.", name)
	}
	return g, nil
}

func (a *Account) sortedGroups() []*group {
	out := make([]*group, 0, len(a.s.groups))
	for _, g := range a.s.groups {
		out = append(out, g)
	}
	slices.SortFunc(out, func(x, y *group) int { return strings.Compare(fold(x.name), fold(y.name)) })
	return out
}

// members lists a group's users, sorted by name.
func (a *Account) members(g *group) []*user {
	var out []*user
	key := fold(g.name)
	for _, u := range a.sortedUsers() {
		if slices.Contains(u.groups, key) {
			out = append(out, u)
		}
	}
	return out
}

// CreateGroupInput is CreateGroup's request. Path defaults to "/".
type CreateGroupInput struct {
	Path      string
	GroupName string
}

// CreateGroupOutput is CreateGroup's response.
type CreateGroupOutput struct {
	Group Group
}

// CreateGroup creates a group. Group names are unique in the account
// ignoring case.
func (a *Account) CreateGroup(in CreateGroupInput) (*CreateGroupOutput, error) {
	var c checks
	c.name(in.GroupName, "groupName", maxGroupName)
	c.path(in.Path, "path")
	if err := c.err(); err != nil {
		return nil, err
	}
	if a.s.groups[fold(in.GroupName)] != nil {
		return nil, errorf(ErrEntityAlreadyExists, "Group with name %s already exists.", in.GroupName)
	}
	if len(a.s.groups) >= a.s.quotas.Groups {
		return nil, quotaError("GroupsPerAccount", a.s.quotas.Groups)
	}
	id, err := a.newID(PrefixGroup)
	if err != nil {
		return nil, err
	}
	path := orDefaultPath(in.Path)
	g := &group{name: in.GroupName, path: path, id: id, arn: a.arn("group", path, in.GroupName), created: a.now()}
	a.s.issued[id] = true
	a.s.groups[fold(g.name)] = g
	return &CreateGroupOutput{Group: g.out()}, nil
}

// GetGroupInput is GetGroup's request.
type GetGroupInput struct {
	GroupName string
}

// GetGroupOutput is GetGroup's response: the group and its users.
type GetGroupOutput struct {
	Group Group
	Users []User
}

// GetGroup returns a group and its members, sorted by name.
func (a *Account) GetGroup(in GetGroupInput) (*GetGroupOutput, error) {
	g, err := a.lookupGroup(in.GroupName)
	if err != nil {
		return nil, err
	}
	out := &GetGroupOutput{Group: g.out(), Users: []User{}}
	for _, u := range a.members(g) {
		out.Users = append(out.Users, u.out(false))
	}
	return out, nil
}

// ListGroupsInput is ListGroups' request.
type ListGroupsInput struct {
	PathPrefix string
}

// ListGroupsOutput is the response of ListGroups and ListGroupsForUser.
type ListGroupsOutput struct {
	Groups []Group
}

// ListGroups lists the groups whose path starts with PathPrefix, sorted
// by name.
func (a *Account) ListGroups(in ListGroupsInput) (*ListGroupsOutput, error) {
	var c checks
	c.pathPrefix(in.PathPrefix, "pathPrefix")
	if err := c.err(); err != nil {
		return nil, err
	}
	out := &ListGroupsOutput{Groups: []Group{}}
	for _, g := range a.sortedGroups() {
		if strings.HasPrefix(g.path, in.PathPrefix) {
			out.Groups = append(out.Groups, g.out())
		}
	}
	return out, nil
}

// ListGroupsForUserInput is ListGroupsForUser's request.
type ListGroupsForUserInput struct {
	UserName string
}

// ListGroupsForUser lists the groups a user is in, in joining order.
func (a *Account) ListGroupsForUser(in ListGroupsForUserInput) (*ListGroupsOutput, error) {
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return nil, err
	}
	out := &ListGroupsOutput{Groups: []Group{}}
	for _, key := range u.groups {
		if g := a.s.groups[key]; g != nil {
			out.Groups = append(out.Groups, g.out())
		}
	}
	return out, nil
}

// UpdateGroupInput is UpdateGroup's request: a new path, a new name, or
// both; empty means unchanged.
type UpdateGroupInput struct {
	GroupName    string
	NewPath      string
	NewGroupName string
}

// UpdateGroup renames a group or moves it to another path; its members
// and policies stay with it.
func (a *Account) UpdateGroup(in UpdateGroupInput) error {
	var c checks
	c.name(in.GroupName, "groupName", maxGroupName)
	c.path(in.NewPath, "newPath")
	if in.NewGroupName != "" {
		c.name(in.NewGroupName, "newGroupName", maxGroupName)
	}
	if err := c.err(); err != nil {
		return err
	}
	g, err := a.lookupGroup(in.GroupName)
	if err != nil {
		return err
	}
	name := g.name
	if in.NewGroupName != "" {
		if other := a.s.groups[fold(in.NewGroupName)]; other != nil && other != g {
			return errorf(ErrEntityAlreadyExists, "Group with name %s already exists.", in.NewGroupName)
		}
		name = in.NewGroupName
	}
	path := g.path
	if in.NewPath != "" {
		path = in.NewPath
	}
	old := fold(g.name)
	delete(a.s.groups, old)
	g.name, g.path, g.arn = name, path, a.arn("group", path, name)
	a.s.groups[fold(name)] = g
	if fold(name) != old {
		for _, u := range a.s.users {
			if i := slices.Index(u.groups, old); i >= 0 {
				u.groups = slices.Clone(u.groups)
				u.groups[i] = fold(name)
			}
		}
	}
	return nil
}

// DeleteGroupInput is DeleteGroup's request.
type DeleteGroupInput struct {
	GroupName string
}

// DeleteGroup deletes a group with no members and no policies, inline or
// attached.
func (a *Account) DeleteGroup(in DeleteGroupInput) error {
	g, err := a.lookupGroup(in.GroupName)
	if err != nil {
		return err
	}
	switch {
	case len(a.members(g)) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must remove users from group first.")
	case len(g.inline) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must delete policies first.")
	case len(g.attached) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must detach all policies first.")
	}
	delete(a.s.groups, fold(g.name))
	return nil
}

// GroupMembershipInput is the request of AddUserToGroup and
// RemoveUserFromGroup.
type GroupMembershipInput struct {
	GroupName string
	UserName  string
}

// AddUserToGroup adds a user to a group. A user is in at most
// Quotas.GroupsPerUser (10) groups; adding a member again does nothing.
func (a *Account) AddUserToGroup(in GroupMembershipInput) error {
	var c checks
	c.name(in.GroupName, "groupName", maxGroupName)
	c.name(in.UserName, "userName", maxExistingUserName)
	if err := c.err(); err != nil {
		return err
	}
	g, err := a.lookupGroup(in.GroupName)
	if err != nil {
		return err
	}
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return err
	}
	key := fold(g.name)
	if slices.Contains(u.groups, key) {
		return nil
	}
	if len(u.groups) >= a.s.quotas.GroupsPerUser {
		return quotaError("GroupsPerUser", a.s.quotas.GroupsPerUser)
	}
	u.groups = append(slices.Clone(u.groups), key)
	return nil
}

// RemoveUserFromGroup removes a user from a group; NoSuchEntity if the
// user is not in it.
func (a *Account) RemoveUserFromGroup(in GroupMembershipInput) error {
	var c checks
	c.name(in.GroupName, "groupName", maxGroupName)
	c.name(in.UserName, "userName", maxExistingUserName)
	if err := c.err(); err != nil {
		return err
	}
	g, err := a.lookupGroup(in.GroupName)
	if err != nil {
		return err
	}
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return err
	}
	key := fold(g.name)
	i := slices.Index(u.groups, key)
	if i < 0 {
		return errorf(ErrNoSuchEntity, "The user with name %s is not a member of the group %s.", u.name, g.name)
	}
	u.groups = slices.Delete(slices.Clone(u.groups), i, i+1)
	return nil
}

// PutGroupPolicyInput is PutGroupPolicy's request.
type PutGroupPolicyInput struct {
	GroupName      string
	PolicyName     string
	PolicyDocument string
}

// PutGroupPolicy adds or replaces an inline policy of a group, within
// Quotas.GroupPolicySize (5,120) characters for all of them.
func (a *Account) PutGroupPolicy(in PutGroupPolicyInput) error {
	g, err := a.lookupGroup(in.GroupName)
	if err != nil {
		return err
	}
	list, err := a.putInline(g.inline, in.PolicyName, in.PolicyDocument, "group", g.name, a.s.quotas.GroupPolicySize)
	if err != nil {
		return err
	}
	g.inline = list
	return nil
}

// GroupPolicyInput names an inline policy of a group.
type GroupPolicyInput struct {
	GroupName  string
	PolicyName string
}

func (a *Account) groupInline(in GroupPolicyInput) (*group, int, error) {
	var c checks
	c.name(in.GroupName, "groupName", maxGroupName)
	c.name(in.PolicyName, "policyName", maxPolicyName)
	if err := c.err(); err != nil {
		return nil, 0, err
	}
	g, err := a.lookupGroup(in.GroupName)
	if err != nil {
		return nil, 0, err
	}
	i := findInline(g.inline, in.PolicyName)
	if i < 0 {
		return nil, 0, errorf(ErrNoSuchEntity, "The group policy with name %s cannot be found.", in.PolicyName)
	}
	return g, i, nil
}

// GetGroupPolicy returns an inline policy of a group.
func (a *Account) GetGroupPolicy(in GroupPolicyInput) (*GetEntityPolicyOutput, error) {
	g, i, err := a.groupInline(in)
	if err != nil {
		return nil, err
	}
	p := g.inline[i]
	return &GetEntityPolicyOutput{GroupName: g.name, PolicyName: p.name, PolicyDocument: p.document}, nil
}

// DeleteGroupPolicy deletes an inline policy of a group.
func (a *Account) DeleteGroupPolicy(in GroupPolicyInput) error {
	g, i, err := a.groupInline(in)
	if err != nil {
		return err
	}
	g.inline = slices.Delete(slices.Clone(g.inline), i, i+1)
	return nil
}

// ListGroupPoliciesInput is ListGroupPolicies' request.
type ListGroupPoliciesInput struct {
	GroupName string
}

// ListGroupPolicies lists the names of a group's inline policies.
func (a *Account) ListGroupPolicies(in ListGroupPoliciesInput) (*ListEntityPoliciesOutput, error) {
	g, err := a.lookupGroup(in.GroupName)
	if err != nil {
		return nil, err
	}
	return &ListEntityPoliciesOutput{PolicyNames: inlineNames(g.inline)}, nil
}

// GroupPolicyAttachmentInput is the request of AttachGroupPolicy and
// DetachGroupPolicy.
type GroupPolicyAttachmentInput struct {
	GroupName string
	PolicyArn string
}

// AttachGroupPolicy attaches a managed policy to a group, at most
// Quotas.PoliciesPerGroup (10).
func (a *Account) AttachGroupPolicy(in GroupPolicyAttachmentInput) error {
	if err := a.note(Request{PolicyARN: in.PolicyArn}); err != nil {
		return err
	}
	var c checks
	c.name(in.GroupName, "groupName", maxGroupName)
	c.arn(in.PolicyArn, "policyArn")
	if err := c.err(); err != nil {
		return err
	}
	g, err := a.lookupGroup(in.GroupName)
	if err != nil {
		return err
	}
	p, err := a.attachable(in.PolicyArn)
	if err != nil {
		return err
	}
	list, err := attach(g.attached, p.arn, a.s.quotas.PoliciesPerGroup, "PoliciesPerGroup")
	if err != nil {
		return err
	}
	g.attached = list
	return nil
}

// DetachGroupPolicy detaches a managed policy from a group.
func (a *Account) DetachGroupPolicy(in GroupPolicyAttachmentInput) error {
	if err := a.note(Request{PolicyARN: in.PolicyArn}); err != nil {
		return err
	}
	var c checks
	c.name(in.GroupName, "groupName", maxGroupName)
	c.arn(in.PolicyArn, "policyArn")
	if err := c.err(); err != nil {
		return err
	}
	g, err := a.lookupGroup(in.GroupName)
	if err != nil {
		return err
	}
	p, err := a.lookupPolicy(in.PolicyArn, "policyArn")
	if err != nil {
		return err
	}
	list, err := detach(g.attached, p.arn)
	if err != nil {
		return err
	}
	g.attached = list
	return nil
}

// ListAttachedGroupPoliciesInput is ListAttachedGroupPolicies' request.
type ListAttachedGroupPoliciesInput struct {
	GroupName  string
	PathPrefix string
}

// ListAttachedGroupPolicies lists the managed policies attached to a group.
func (a *Account) ListAttachedGroupPolicies(in ListAttachedGroupPoliciesInput) (*ListAttachedPoliciesOutput, error) {
	var c checks
	c.pathPrefix(in.PathPrefix, "pathPrefix")
	if err := c.err(); err != nil {
		return nil, err
	}
	g, err := a.lookupGroup(in.GroupName)
	if err != nil {
		return nil, err
	}
	return a.attachedOut(g.attached, in.PathPrefix), nil
}
