package account

import (
	"slices"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/policy"
)

// The bounds of a role's MaxSessionDuration, in seconds (iam.json
// roleMaxSessionDurationType; reference_iam-quotas.md).
const (
	DefaultMaxSessionDuration = 3600
	MaxMaxSessionDuration     = 43200
)

// role is an IAM role (id_roles.md).
type role struct {
	name, path, id, arn string
	created             time.Time
	trust               string // the trust policy as given
	trustDoc            *policy.Document
	description         string
	maxSession          int
	boundary            string
	tags                []Tag
	inline              []inlinePolicy
	attached            []string
	lastUsed            time.Time
	lastUsedRegion      string
	// Service-linked roles (using-service-linked-roles.md).
	service string   // the linked service principal; "" for other roles
	inUse   []string // the service's resources that still use the role
}

func (r *role) serviceLinked() bool { return r.service != "" }

// RoleLastUsed is when and where a role was last used.
type RoleLastUsed struct {
	LastUsedDate *time.Time `json:",omitempty"`
	Region       string     `json:",omitempty"`
}

// Role is an IAM role, as GetRole returns it.
type Role struct {
	Path                     string
	RoleName                 string
	RoleId                   string
	Arn                      string
	CreateDate               time.Time
	AssumeRolePolicyDocument string
	Description              string `json:",omitempty"`
	MaxSessionDuration       int
	PermissionsBoundary      *AttachedPermissionsBoundary `json:",omitempty"`
	Tags                     []Tag                        `json:",omitempty"`
	RoleLastUsed             *RoleLastUsed                `json:",omitempty"`
}

func (r *role) out(full bool) Role {
	o := Role{
		Path: r.path, RoleName: r.name, RoleId: r.id, Arn: r.arn, CreateDate: r.created,
		AssumeRolePolicyDocument: r.trust, Description: r.description, MaxSessionDuration: r.maxSession,
		PermissionsBoundary: boundaryOut(r.boundary),
	}
	if full {
		o.Tags = slices.Clone(r.tags)
		o.RoleLastUsed = &RoleLastUsed{Region: r.lastUsedRegion}
		if !r.lastUsed.IsZero() {
			t := r.lastUsed
			o.RoleLastUsed.LastUsedDate = &t
		}
	}
	return o
}

func (a *Account) lookupRole(name string) (*role, error) {
	var c checks
	c.name(name, "roleName", maxRoleName)
	if err := c.err(); err != nil {
		return nil, err
	}
	r := a.s.roles[fold(name)]
	if r == nil {
		return nil, errorf(ErrNoSuchEntity, "The role with name %s cannot be found.", name)
	}
	return r, nil
}

// modifiableRole is lookupRole for operations a service-linked role
// refuses with UnmodifiableEntity.
func (a *Account) modifiableRole(name string) (*role, error) {
	r, err := a.lookupRole(name)
	if err != nil {
		return nil, err
	}
	if r.serviceLinked() {
		return nil, protectedRole(r.name)
	}
	return r, nil
}

func protectedRole(name string) error {
	return errorf(ErrUnmodifiableEntity, "Cannot perform the operation on the protected role '%s' - this role is only modifiable by AWS", name)
}

func (a *Account) sortedRoles() []*role {
	out := make([]*role, 0, len(a.s.roles))
	for _, r := range a.s.roles {
		out = append(out, r)
	}
	slices.SortFunc(out, func(x, y *role) int { return strings.Compare(fold(x.name), fold(y.name)) })
	return out
}

func (a *Account) parseTrust(src, roleName string) (*policy.Document, error) {
	return a.parseDocument(src, "assumeRolePolicyDocument", roleName, policy.Trust, a.s.quotas.TrustPolicySize, func(int) error {
		return quotaError("ACLSizePerRole", a.s.quotas.TrustPolicySize)
	})
}

func checkMaxSession(c *checks, d int) {
	if d != 0 && (d < DefaultMaxSessionDuration || d > MaxMaxSessionDuration) {
		if d < DefaultMaxSessionDuration {
			c.add(itoa(d), "maxSessionDuration", "have value greater than or equal to 3600")
		} else {
			c.add(itoa(d), "maxSessionDuration", "have value less than or equal to 43200")
		}
	}
}

// CreateRoleInput is CreateRole's request. Path defaults to "/";
// MaxSessionDuration 0 means 3600 seconds.
type CreateRoleInput struct {
	Path                     string
	RoleName                 string
	AssumeRolePolicyDocument string
	Description              string
	MaxSessionDuration       int
	PermissionsBoundary      string
	Tags                     []Tag
}

// CreateRoleOutput is CreateRole's response.
type CreateRoleOutput struct {
	Role Role
}

// CreateRole creates a role with its trust policy (parsed as a
// [policy.Trust] document, at most Quotas.TrustPolicySize characters).
// Role names are unique in the account ignoring case. The path
// /aws-service-role/ is reserved for service-linked roles.
func (a *Account) CreateRole(in CreateRoleInput) (*CreateRoleOutput, error) {
	if err := a.note(Request{PermissionsBoundary: in.PermissionsBoundary, Tags: in.Tags}); err != nil {
		return nil, err
	}
	var c checks
	c.name(in.RoleName, "roleName", maxRoleName)
	c.path(in.Path, "path")
	c.description(in.Description, "description")
	checkMaxSession(&c, in.MaxSessionDuration)
	if err := c.err(); err != nil {
		return nil, err
	}
	if strings.HasPrefix(in.Path, "/aws-service-role/") {
		return nil, errorf(ErrInvalidInput, "The path /aws-service-role/ is reserved for service-linked roles: use CreateServiceLinkedRole.")
	}
	tags, err := a.newTags(in.Tags, true, "Role")
	if err != nil {
		return nil, err
	}
	if in.PermissionsBoundary != "" {
		if _, err := a.boundaryPolicy(in.PermissionsBoundary); err != nil {
			return nil, err
		}
	}
	doc, err := a.parseTrust(in.AssumeRolePolicyDocument, in.RoleName)
	if err != nil {
		return nil, err
	}
	if a.s.roles[fold(in.RoleName)] != nil {
		return nil, errorf(ErrEntityAlreadyExists, "Role with name %s already exists.", in.RoleName)
	}
	if len(a.s.roles) >= a.s.quotas.Roles {
		return nil, quotaError("RolesPerAccount", a.s.quotas.Roles)
	}
	id, err := a.newID(PrefixRole)
	if err != nil {
		return nil, err
	}
	path := orDefaultPath(in.Path)
	session := in.MaxSessionDuration
	if session == 0 {
		session = DefaultMaxSessionDuration
	}
	r := &role{
		name: in.RoleName, path: path, id: id, arn: a.arn("role", path, in.RoleName), created: a.now(),
		trust: in.AssumeRolePolicyDocument, trustDoc: doc, description: in.Description, maxSession: session,
		boundary: in.PermissionsBoundary, tags: tags,
	}
	a.s.issued[id] = true
	a.s.roles[fold(r.name)] = r
	return &CreateRoleOutput{Role: r.out(true)}, nil
}

// GetRoleInput is GetRole's request.
type GetRoleInput struct {
	RoleName string
}

// GetRoleOutput is GetRole's response.
type GetRoleOutput struct {
	Role Role
}

// GetRole returns a role, with its trust policy as given.
func (a *Account) GetRole(in GetRoleInput) (*GetRoleOutput, error) {
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return nil, err
	}
	return &GetRoleOutput{Role: r.out(true)}, nil
}

// ListRolesInput is ListRoles' request.
type ListRolesInput struct {
	PathPrefix string
}

// ListRolesOutput is ListRoles' response.
type ListRolesOutput struct {
	Roles []Role
}

// ListRoles lists the roles whose path starts with PathPrefix, sorted by
// name, without tags or last use.
func (a *Account) ListRoles(in ListRolesInput) (*ListRolesOutput, error) {
	var c checks
	c.pathPrefix(in.PathPrefix, "pathPrefix")
	if err := c.err(); err != nil {
		return nil, err
	}
	out := &ListRolesOutput{Roles: []Role{}}
	for _, r := range a.sortedRoles() {
		if strings.HasPrefix(r.path, in.PathPrefix) {
			out.Roles = append(out.Roles, r.out(false))
		}
	}
	return out, nil
}

// UpdateRoleInput is UpdateRole's request. A nil Description leaves it
// unchanged; MaxSessionDuration 0 leaves it unchanged.
type UpdateRoleInput struct {
	RoleName           string
	Description        *string
	MaxSessionDuration int
}

// UpdateRole changes a role's description or maximum session duration. A
// service-linked role's description can change, its session duration not.
func (a *Account) UpdateRole(in UpdateRoleInput) error {
	var c checks
	c.name(in.RoleName, "roleName", maxRoleName)
	if in.Description != nil {
		c.description(*in.Description, "description")
	}
	checkMaxSession(&c, in.MaxSessionDuration)
	if err := c.err(); err != nil {
		return err
	}
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return err
	}
	if r.serviceLinked() && in.MaxSessionDuration != 0 {
		return protectedRole(r.name)
	}
	if in.Description != nil {
		r.description = *in.Description
	}
	if in.MaxSessionDuration != 0 {
		r.maxSession = in.MaxSessionDuration
	}
	return nil
}

// UpdateRoleDescriptionInput is UpdateRoleDescription's request.
type UpdateRoleDescriptionInput struct {
	RoleName    string
	Description string
}

// UpdateRoleDescriptionOutput is UpdateRoleDescription's response.
type UpdateRoleDescriptionOutput struct {
	Role Role
}

// UpdateRoleDescription changes a role's description, service-linked
// roles' included (using-service-linked-roles.md).
func (a *Account) UpdateRoleDescription(in UpdateRoleDescriptionInput) (*UpdateRoleDescriptionOutput, error) {
	if err := a.UpdateRole(UpdateRoleInput{RoleName: in.RoleName, Description: &in.Description}); err != nil {
		return nil, err
	}
	r := a.s.roles[fold(in.RoleName)]
	return &UpdateRoleDescriptionOutput{Role: r.out(true)}, nil
}

// UpdateAssumeRolePolicyInput is UpdateAssumeRolePolicy's request.
type UpdateAssumeRolePolicyInput struct {
	RoleName       string
	PolicyDocument string
}

// UpdateAssumeRolePolicy replaces a role's trust policy. A service-linked
// role's trust policy belongs to its service: UnmodifiableEntity.
func (a *Account) UpdateAssumeRolePolicy(in UpdateAssumeRolePolicyInput) error {
	r, err := a.modifiableRole(in.RoleName)
	if err != nil {
		return err
	}
	doc, err := a.parseTrust(in.PolicyDocument, r.name)
	if err != nil {
		return err
	}
	r.trust, r.trustDoc = in.PolicyDocument, doc
	return nil
}

// DeleteRoleInput is DeleteRole's request.
type DeleteRoleInput struct {
	RoleName string
}

// DeleteRole deletes a role with no inline or attached policies that is in
// no instance profile (id_roles_manage_delete.md). Service-linked roles are
// deleted with DeleteServiceLinkedRole: UnmodifiableEntity.
func (a *Account) DeleteRole(in DeleteRoleInput) error {
	r, err := a.modifiableRole(in.RoleName)
	if err != nil {
		return err
	}
	switch {
	case len(a.profilesOf(r)) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must remove roles from instance profile first.")
	case len(r.inline) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must delete policies first.")
	case len(r.attached) > 0:
		return errorf(ErrDeleteConflict, "Cannot delete entity, must detach all policies first.")
	}
	delete(a.s.roles, fold(r.name))
	return nil
}

// TagRoleInput is TagRole's request.
type TagRoleInput struct {
	RoleName string
	Tags     []Tag
}

// TagRole adds or replaces tags on a role; keys are case-insensitive, as
// for users (id_tags.md).
func (a *Account) TagRole(in TagRoleInput) error {
	if err := a.note(Request{Tags: in.Tags}); err != nil {
		return err
	}
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return err
	}
	tags, err := a.tagResource(r.tags, in.Tags, true, "Role")
	if err != nil {
		return err
	}
	r.tags = tags
	return nil
}

// UntagRoleInput is UntagRole's request.
type UntagRoleInput struct {
	RoleName string
	TagKeys  []string
}

// UntagRole removes tags from a role; absent keys are ignored.
func (a *Account) UntagRole(in UntagRoleInput) error {
	if err := a.note(Request{TagKeys: in.TagKeys}); err != nil {
		return err
	}
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return err
	}
	if err := checkTagKeys(in.TagKeys, "tagKeys"); err != nil {
		return err
	}
	r.tags = removeTags(r.tags, in.TagKeys, true)
	return nil
}

// ListRoleTagsInput is ListRoleTags' request.
type ListRoleTagsInput struct {
	RoleName string
}

// ListRoleTags lists a role's tags.
func (a *Account) ListRoleTags(in ListRoleTagsInput) (*ListTagsOutput, error) {
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return nil, err
	}
	return &ListTagsOutput{Tags: append([]Tag{}, r.tags...)}, nil
}

// PutRolePermissionsBoundaryInput is PutRolePermissionsBoundary's request.
type PutRolePermissionsBoundaryInput struct {
	RoleName            string
	PermissionsBoundary string
}

// PutRolePermissionsBoundary sets or replaces a role's permissions
// boundary.
func (a *Account) PutRolePermissionsBoundary(in PutRolePermissionsBoundaryInput) error {
	if err := a.note(Request{PermissionsBoundary: in.PermissionsBoundary}); err != nil {
		return err
	}
	var c checks
	c.name(in.RoleName, "roleName", maxRoleName)
	c.arn(in.PermissionsBoundary, "permissionsBoundary")
	if err := c.err(); err != nil {
		return err
	}
	r, err := a.modifiableRole(in.RoleName)
	if err != nil {
		return err
	}
	if _, err := a.boundaryPolicy(in.PermissionsBoundary); err != nil {
		return err
	}
	r.boundary = in.PermissionsBoundary
	return nil
}

// DeleteRolePermissionsBoundaryInput is DeleteRolePermissionsBoundary's
// request.
type DeleteRolePermissionsBoundaryInput struct {
	RoleName string
}

// DeleteRolePermissionsBoundary removes a role's permissions boundary;
// NoSuchEntity if it has none.
func (a *Account) DeleteRolePermissionsBoundary(in DeleteRolePermissionsBoundaryInput) error {
	r, err := a.modifiableRole(in.RoleName)
	if err != nil {
		return err
	}
	if r.boundary == "" {
		return errorf(ErrNoSuchEntity, "The role with name %s has no permissions boundary.", r.name)
	}
	r.boundary = ""
	return nil
}

// PutRolePolicyInput is PutRolePolicy's request.
type PutRolePolicyInput struct {
	RoleName       string
	PolicyName     string
	PolicyDocument string
}

// PutRolePolicy adds or replaces an inline policy of a role, within
// Quotas.RolePolicySize (10,240) characters for all of them.
func (a *Account) PutRolePolicy(in PutRolePolicyInput) error {
	r, err := a.modifiableRole(in.RoleName)
	if err != nil {
		return err
	}
	list, err := a.putInline(r.inline, in.PolicyName, in.PolicyDocument, "role", r.name, a.s.quotas.RolePolicySize)
	if err != nil {
		return err
	}
	r.inline = list
	return nil
}

// RolePolicyInput names an inline policy of a role.
type RolePolicyInput struct {
	RoleName   string
	PolicyName string
}

func (a *Account) roleInline(in RolePolicyInput, modify bool) (*role, int, error) {
	var c checks
	c.name(in.RoleName, "roleName", maxRoleName)
	c.name(in.PolicyName, "policyName", maxPolicyName)
	if err := c.err(); err != nil {
		return nil, 0, err
	}
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return nil, 0, err
	}
	if modify && r.serviceLinked() {
		return nil, 0, protectedRole(r.name)
	}
	i := findInline(r.inline, in.PolicyName)
	if i < 0 {
		return nil, 0, errorf(ErrNoSuchEntity, "The role policy with name %s cannot be found.", in.PolicyName)
	}
	return r, i, nil
}

// GetRolePolicy returns an inline policy of a role.
func (a *Account) GetRolePolicy(in RolePolicyInput) (*GetEntityPolicyOutput, error) {
	r, i, err := a.roleInline(in, false)
	if err != nil {
		return nil, err
	}
	p := r.inline[i]
	return &GetEntityPolicyOutput{RoleName: r.name, PolicyName: p.name, PolicyDocument: p.document}, nil
}

// DeleteRolePolicy deletes an inline policy of a role.
func (a *Account) DeleteRolePolicy(in RolePolicyInput) error {
	r, i, err := a.roleInline(in, true)
	if err != nil {
		return err
	}
	r.inline = slices.Delete(slices.Clone(r.inline), i, i+1)
	return nil
}

// ListRolePoliciesInput is ListRolePolicies' request.
type ListRolePoliciesInput struct {
	RoleName string
}

// ListRolePolicies lists the names of a role's inline policies.
func (a *Account) ListRolePolicies(in ListRolePoliciesInput) (*ListEntityPoliciesOutput, error) {
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return nil, err
	}
	return &ListEntityPoliciesOutput{PolicyNames: inlineNames(r.inline)}, nil
}

// RolePolicyAttachmentInput is the request of AttachRolePolicy and
// DetachRolePolicy.
type RolePolicyAttachmentInput struct {
	RoleName  string
	PolicyArn string
}

// AttachRolePolicy attaches a managed policy to a role, at most
// Quotas.PoliciesPerRole (10).
func (a *Account) AttachRolePolicy(in RolePolicyAttachmentInput) error {
	if err := a.note(Request{PolicyARN: in.PolicyArn}); err != nil {
		return err
	}
	var c checks
	c.name(in.RoleName, "roleName", maxRoleName)
	c.arn(in.PolicyArn, "policyArn")
	if err := c.err(); err != nil {
		return err
	}
	r, err := a.modifiableRole(in.RoleName)
	if err != nil {
		return err
	}
	p, err := a.attachable(in.PolicyArn)
	if err != nil {
		return err
	}
	list, err := attach(r.attached, p.arn, a.s.quotas.PoliciesPerRole, "PoliciesPerRole")
	if err != nil {
		return err
	}
	r.attached = list
	return nil
}

// DetachRolePolicy detaches a managed policy from a role.
func (a *Account) DetachRolePolicy(in RolePolicyAttachmentInput) error {
	if err := a.note(Request{PolicyARN: in.PolicyArn}); err != nil {
		return err
	}
	var c checks
	c.name(in.RoleName, "roleName", maxRoleName)
	c.arn(in.PolicyArn, "policyArn")
	if err := c.err(); err != nil {
		return err
	}
	r, err := a.modifiableRole(in.RoleName)
	if err != nil {
		return err
	}
	p, err := a.lookupPolicy(in.PolicyArn, "policyArn")
	if err != nil {
		return err
	}
	list, err := detach(r.attached, p.arn)
	if err != nil {
		return err
	}
	r.attached = list
	return nil
}

// ListAttachedRolePoliciesInput is ListAttachedRolePolicies' request.
type ListAttachedRolePoliciesInput struct {
	RoleName   string
	PathPrefix string
}

// ListAttachedRolePolicies lists the managed policies attached to a role.
func (a *Account) ListAttachedRolePolicies(in ListAttachedRolePoliciesInput) (*ListAttachedPoliciesOutput, error) {
	var c checks
	c.pathPrefix(in.PathPrefix, "pathPrefix")
	if err := c.err(); err != nil {
		return nil, err
	}
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return nil, err
	}
	return a.attachedOut(r.attached, in.PathPrefix), nil
}

// RecordRoleUseInput says a role was used (assumed) at a time in a Region.
type RecordRoleUseInput struct {
	RoleName string
	Time     time.Time
	Region   string
}

// RecordRoleUse sets the role's RoleLastUsed, for STS to call when a role
// is assumed. An earlier time than the one recorded is ignored.
func (a *Account) RecordRoleUse(in RecordRoleUseInput) error {
	r, err := a.lookupRole(in.RoleName)
	if err != nil {
		return err
	}
	if in.Time.Before(r.lastUsed) {
		return nil
	}
	r.lastUsed, r.lastUsedRegion = in.Time.UTC(), in.Region
	return nil
}
