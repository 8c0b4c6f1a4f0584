package account

import (
	"slices"
	"strings"
	"time"
)

// instanceProfile is an EC2 instance profile: a container for one role
// (id_roles_use_switch-role-ec2_instance-profiles.md).
type instanceProfile struct {
	name, path, id, arn string
	created             time.Time
	roles               []string // folded role names; at most one
	tags                []Tag
}

// InstanceProfile is an instance profile with its role.
type InstanceProfile struct {
	Path                string
	InstanceProfileName string
	InstanceProfileId   string
	Arn                 string
	CreateDate          time.Time
	Roles               []Role
	Tags                []Tag `json:",omitempty"`
}

func (a *Account) profileOut(p *instanceProfile) InstanceProfile {
	o := InstanceProfile{Path: p.path, InstanceProfileName: p.name, InstanceProfileId: p.id, Arn: p.arn, CreateDate: p.created, Roles: []Role{}, Tags: slices.Clone(p.tags)}
	for _, key := range p.roles {
		if r := a.s.roles[key]; r != nil {
			o.Roles = append(o.Roles, r.out(false))
		}
	}
	return o
}

func (a *Account) lookupProfile(name string) (*instanceProfile, error) {
	var c checks
	c.name(name, "instanceProfileName", maxInstanceProfileName)
	if err := c.err(); err != nil {
		return nil, err
	}
	p := a.s.profiles[fold(name)]
	if p == nil {
		return nil, errorf(ErrNoSuchEntity, "Instance Profile %s cannot be found.", name)
	}
	return p, nil
}

// profilesOf lists the instance profiles holding a role, sorted by name.
func (a *Account) profilesOf(r *role) []*instanceProfile {
	var out []*instanceProfile
	key := fold(r.name)
	for _, p := range a.s.profiles {
		if slices.Contains(p.roles, key) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(x, y *instanceProfile) int { return strings.Compare(fold(x.name), fold(y.name)) })
	return out
}

// CreateInstanceProfileInput is CreateInstanceProfile's request.
type CreateInstanceProfileInput struct {
	InstanceProfileName string
	Path                string
	Tags                []Tag
}

// InstanceProfileOutput is the response of CreateInstanceProfile and
// GetInstanceProfile.
type InstanceProfileOutput struct {
	InstanceProfile InstanceProfile
}

// CreateInstanceProfile creates an empty instance profile. Names are
// unique in the account ignoring case.
func (a *Account) CreateInstanceProfile(in CreateInstanceProfileInput) (*InstanceProfileOutput, error) {
	var c checks
	c.name(in.InstanceProfileName, "instanceProfileName", maxInstanceProfileName)
	c.path(in.Path, "path")
	if err := c.err(); err != nil {
		return nil, err
	}
	tags, err := a.newTags(in.Tags, false, "InstanceProfile")
	if err != nil {
		return nil, err
	}
	if a.s.profiles[fold(in.InstanceProfileName)] != nil {
		return nil, errorf(ErrEntityAlreadyExists, "Instance Profile %s already exists.", in.InstanceProfileName)
	}
	if len(a.s.profiles) >= a.s.quotas.InstanceProfiles {
		return nil, quotaError("InstanceProfilesPerAccount", a.s.quotas.InstanceProfiles)
	}
	id, err := a.newID(PrefixInstanceProfile)
	if err != nil {
		return nil, err
	}
	path := orDefaultPath(in.Path)
	p := &instanceProfile{name: in.InstanceProfileName, path: path, id: id, arn: a.arn("instance-profile", path, in.InstanceProfileName), created: a.now(), tags: tags}
	a.s.issued[id] = true
	a.s.profiles[fold(p.name)] = p
	return &InstanceProfileOutput{InstanceProfile: a.profileOut(p)}, nil
}

// InstanceProfileNameInput names an instance profile: the request of
// GetInstanceProfile and DeleteInstanceProfile.
type InstanceProfileNameInput struct {
	InstanceProfileName string
}

// GetInstanceProfile returns an instance profile and its role.
func (a *Account) GetInstanceProfile(in InstanceProfileNameInput) (*InstanceProfileOutput, error) {
	p, err := a.lookupProfile(in.InstanceProfileName)
	if err != nil {
		return nil, err
	}
	return &InstanceProfileOutput{InstanceProfile: a.profileOut(p)}, nil
}

// DeleteInstanceProfile deletes an instance profile that holds no role.
func (a *Account) DeleteInstanceProfile(in InstanceProfileNameInput) error {
	p, err := a.lookupProfile(in.InstanceProfileName)
	if err != nil {
		return err
	}
	if len(p.roles) > 0 {
		return errorf(ErrDeleteConflict, "Cannot delete entity, must remove roles from instance profile first.")
	}
	delete(a.s.profiles, fold(p.name))
	return nil
}

// ListInstanceProfilesInput is ListInstanceProfiles' request.
type ListInstanceProfilesInput struct {
	PathPrefix string
}

// ListInstanceProfilesOutput is the response of ListInstanceProfiles and
// ListInstanceProfilesForRole.
type ListInstanceProfilesOutput struct {
	InstanceProfiles []InstanceProfile
}

// ListInstanceProfiles lists instance profiles by name.
func (a *Account) ListInstanceProfiles(in ListInstanceProfilesInput) (*ListInstanceProfilesOutput, error) {
	var c checks
	c.pathPrefix(in.PathPrefix, "pathPrefix")
	if err := c.err(); err != nil {
		return nil, err
	}
	var ps []*instanceProfile
	for _, p := range a.s.profiles {
		if strings.HasPrefix(p.path, in.PathPrefix) {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(x, y *instanceProfile) int { return strings.Compare(fold(x.name), fold(y.name)) })
	out := &ListInstanceProfilesOutput{InstanceProfiles: []InstanceProfile{}}
	for _, p := range ps {
		out.InstanceProfiles = append(out.InstanceProfiles, a.profileOut(p))
	}
	return out, nil
}

// ListInstanceProfilesForRoleInput is ListInstanceProfilesForRole's
// request.
type ListInstanceProfilesForRoleInput struct {
	RoleName string
}

// ListInstanceProfilesForRole lists the instance profiles holding a role.
func (a *Account) ListInstanceProfilesForRole(in ListInstanceProfilesForRoleInput) (*ListInstanceProfilesOutput, error) {
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return nil, err
	}
	out := &ListInstanceProfilesOutput{InstanceProfiles: []InstanceProfile{}}
	for _, p := range a.profilesOf(r) {
		out.InstanceProfiles = append(out.InstanceProfiles, a.profileOut(p))
	}
	return out, nil
}

// InstanceProfileRoleInput is the request of AddRoleToInstanceProfile and
// RemoveRoleFromInstanceProfile.
type InstanceProfileRoleInput struct {
	InstanceProfileName string
	RoleName            string
}

func (a *Account) profileAndRole(in InstanceProfileRoleInput) (*instanceProfile, *role, error) {
	var c checks
	c.name(in.InstanceProfileName, "instanceProfileName", maxInstanceProfileName)
	c.name(in.RoleName, "roleName", maxRoleName)
	if err := c.err(); err != nil {
		return nil, nil, err
	}
	p, err := a.lookupProfile(in.InstanceProfileName)
	if err != nil {
		return nil, nil, err
	}
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return nil, nil, err
	}
	if r.serviceLinked() {
		return nil, nil, protectedRole(r.name)
	}
	return p, r, nil
}

// AddRoleToInstanceProfile puts a role in an instance profile, which holds
// only one: LimitExceeded when it has one already, EntityAlreadyExists when
// it is this role.
func (a *Account) AddRoleToInstanceProfile(in InstanceProfileRoleInput) error {
	p, r, err := a.profileAndRole(in)
	if err != nil {
		return err
	}
	if slices.Contains(p.roles, fold(r.name)) {
		return errorf(ErrEntityAlreadyExists, "Role %s is already associated with instance profile %s.", r.name, p.name)
	}
	if len(p.roles) >= 1 {
		return quotaError("InstanceSessionsPerInstanceProfile", 1)
	}
	p.roles = []string{fold(r.name)}
	return nil
}

// RemoveRoleFromInstanceProfile takes the role out of an instance profile.
func (a *Account) RemoveRoleFromInstanceProfile(in InstanceProfileRoleInput) error {
	p, r, err := a.profileAndRole(in)
	if err != nil {
		return err
	}
	if !slices.Contains(p.roles, fold(r.name)) {
		return errorf(ErrNoSuchEntity, "The role with name %s is not associated with instance profile %s.", r.name, p.name)
	}
	p.roles = nil
	return nil
}

// TagInstanceProfileInput is TagInstanceProfile's request.
type TagInstanceProfileInput struct {
	InstanceProfileName string
	Tags                []Tag
}

// TagInstanceProfile adds or replaces tags; keys are case-sensitive.
func (a *Account) TagInstanceProfile(in TagInstanceProfileInput) error {
	p, err := a.lookupProfile(in.InstanceProfileName)
	if err != nil {
		return err
	}
	tags, err := a.tagResource(p.tags, in.Tags, false, "InstanceProfile")
	if err != nil {
		return err
	}
	p.tags = tags
	return nil
}

// UntagInstanceProfileInput is UntagInstanceProfile's request.
type UntagInstanceProfileInput struct {
	InstanceProfileName string
	TagKeys             []string
}

// UntagInstanceProfile removes tags; absent keys are ignored.
func (a *Account) UntagInstanceProfile(in UntagInstanceProfileInput) error {
	p, err := a.lookupProfile(in.InstanceProfileName)
	if err != nil {
		return err
	}
	if err := checkTagKeys(in.TagKeys, "tagKeys"); err != nil {
		return err
	}
	p.tags = removeTags(p.tags, in.TagKeys, false)
	return nil
}

// ListInstanceProfileTags lists an instance profile's tags.
func (a *Account) ListInstanceProfileTags(in InstanceProfileNameInput) (*ListTagsOutput, error) {
	p, err := a.lookupProfile(in.InstanceProfileName)
	if err != nil {
		return nil, err
	}
	return &ListTagsOutput{Tags: append([]Tag{}, p.tags...)}, nil
}
