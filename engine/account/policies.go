package account

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/policy"
)

// managedPolicy is a customer managed or AWS managed policy with its
// versions (access_policies_managed-versioning.md).
type managedPolicy struct {
	name, path, id, arn string
	description         string
	awsManaged          bool
	created, updated    time.Time
	versions            []*policyVersion // in creation order
	defaultVersion      string
	nextVersion         int // the number of the next version: v1, v2 …
	tags                []Tag
}

type policyVersion struct {
	id       string // v1, v2 …
	document string
	doc      *policy.Document
	created  time.Time
}

// Policy is a managed policy, as GetPolicy returns it.
type Policy struct {
	PolicyName                    string
	PolicyId                      string
	Arn                           string
	Path                          string
	DefaultVersionId              string
	AttachmentCount               int
	PermissionsBoundaryUsageCount int
	IsAttachable                  bool
	Description                   string `json:",omitempty"`
	CreateDate                    time.Time
	UpdateDate                    time.Time
	Tags                          []Tag `json:",omitempty"`
}

// PolicyVersion is one version of a managed policy. Document is set by
// GetPolicyVersion only, as in IAM.
type PolicyVersion struct {
	Document         string `json:",omitempty"`
	VersionId        string
	IsDefaultVersion bool
	CreateDate       time.Time
}

// isServiceRolePolicy reports whether the policy is an AWS managed policy
// for service-linked roles, which only the service can attach
// (using-service-linked-roles.md).
func (p *managedPolicy) isServiceRolePolicy() bool {
	return p.awsManaged && strings.HasPrefix(p.path, "/aws-service-role/")
}

func (p *managedPolicy) version(id string) *policyVersion {
	for _, v := range p.versions {
		if v.id == id {
			return v
		}
	}
	return nil
}

func (p *managedPolicy) defaultDoc() *policyVersion { return p.version(p.defaultVersion) }

// attachedTo counts the users, groups and roles the policy is attached to,
// and those it is the permissions boundary of.
func (a *Account) usage(arn string) (attached, boundary int) {
	for _, u := range a.s.users {
		if slices.Contains(u.attached, arn) {
			attached++
		}
		if u.boundary == arn {
			boundary++
		}
	}
	for _, g := range a.s.groups {
		if slices.Contains(g.attached, arn) {
			attached++
		}
	}
	for _, r := range a.s.roles {
		if slices.Contains(r.attached, arn) {
			attached++
		}
		if r.boundary == arn {
			boundary++
		}
	}
	return attached, boundary
}

func (a *Account) policyOut(p *managedPolicy, withTags bool) Policy {
	att, bnd := a.usage(p.arn)
	out := Policy{
		PolicyName:                    p.name,
		PolicyId:                      p.id,
		Arn:                           p.arn,
		Path:                          p.path,
		DefaultVersionId:              p.defaultVersion,
		AttachmentCount:               att,
		PermissionsBoundaryUsageCount: bnd,
		IsAttachable:                  !p.isServiceRolePolicy(),
		Description:                   p.description,
		CreateDate:                    p.created,
		UpdateDate:                    p.updated,
	}
	if withTags {
		out.Tags = slices.Clone(p.tags)
	}
	return out
}

// lookupPolicy finds a managed policy by ARN: ValidationError for a
// parameter out of shape, InvalidInput for a string that is not an IAM
// policy ARN, NoSuchEntity for one that names no policy.
func (a *Account) lookupPolicy(arn, member string) (*managedPolicy, error) {
	var c checks
	c.arn(arn, member)
	if err := c.err(); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(arn, "arn:") || strings.Count(arn, ":") < 5 {
		return nil, errorf(ErrInvalidInput, "ARN %s is not valid.", arn)
	}
	p := a.s.policies[arn]
	if p == nil {
		return nil, errorf(ErrNoSuchEntity, "Policy %s does not exist or is not attachable.", arn)
	}
	return p, nil
}

// customerPolicyByName finds a customer managed policy by name, ignoring
// case.
func (a *Account) customerPolicyByName(name string) *managedPolicy {
	for _, p := range a.s.policies {
		if !p.awsManaged && strings.EqualFold(p.name, name) {
			return p
		}
	}
	return nil
}

func (a *Account) countCustomerPolicies() int {
	n := 0
	for _, p := range a.s.policies {
		if !p.awsManaged {
			n++
		}
	}
	return n
}

func (a *Account) managedPolicyTooBig(int) error {
	return quotaError("PolicySize", a.s.quotas.ManagedPolicySize)
}

// CreatePolicyInput is CreatePolicy's request. Path defaults to "/".
type CreatePolicyInput struct {
	PolicyName     string
	Path           string
	PolicyDocument string
	Description    string
	Tags           []Tag
}

// CreatePolicyOutput is CreatePolicy's response.
type CreatePolicyOutput struct {
	Policy Policy
}

// CreatePolicy creates a customer managed policy with one version, v1,
// its default. Names are unique in the account ignoring case, whatever the
// path.
func (a *Account) CreatePolicy(in CreatePolicyInput) (*CreatePolicyOutput, error) {
	var c checks
	c.name(in.PolicyName, "policyName", maxPolicyName)
	c.policyPath(in.Path, "path")
	c.length(in.Description, "description", 0, maxDescription)
	if err := c.err(); err != nil {
		return nil, err
	}
	tags, err := a.newTags(in.Tags, false, "Policy")
	if err != nil {
		return nil, err
	}
	doc, err := a.parseDocument(in.PolicyDocument, "policyDocument", in.PolicyName, policy.Identity, a.s.quotas.ManagedPolicySize, a.managedPolicyTooBig)
	if err != nil {
		return nil, err
	}
	if a.customerPolicyByName(in.PolicyName) != nil {
		return nil, errorf(ErrEntityAlreadyExists, "A policy called %s already exists. Duplicate names are not allowed.", in.PolicyName)
	}
	if a.countCustomerPolicies() >= a.s.quotas.Policies {
		return nil, quotaError("PoliciesPerAccount", a.s.quotas.Policies)
	}
	id, err := a.newID(PrefixPolicy)
	if err != nil {
		return nil, err
	}
	now := a.now()
	path := orDefaultPath(in.Path)
	p := &managedPolicy{
		name: in.PolicyName, path: path, id: id, arn: a.arn("policy", path, in.PolicyName),
		description: in.Description, created: now, updated: now,
		versions:       []*policyVersion{{id: "v1", document: in.PolicyDocument, doc: doc, created: now}},
		defaultVersion: "v1", nextVersion: 2, tags: tags,
	}
	a.s.issued[id] = true
	a.s.policies[p.arn] = p
	return &CreatePolicyOutput{Policy: a.policyOut(p, true)}, nil
}

// GetPolicyInput is GetPolicy's request.
type GetPolicyInput struct {
	PolicyArn string
}

// GetPolicyOutput is GetPolicy's response.
type GetPolicyOutput struct {
	Policy Policy
}

// GetPolicy returns a managed policy, customer or AWS managed.
func (a *Account) GetPolicy(in GetPolicyInput) (*GetPolicyOutput, error) {
	p, err := a.lookupPolicy(in.PolicyArn, "policyArn")
	if err != nil {
		return nil, err
	}
	return &GetPolicyOutput{Policy: a.policyOut(p, true)}, nil
}

// DeletePolicyInput is DeletePolicy's request.
type DeletePolicyInput struct {
	PolicyArn string
}

// DeletePolicy deletes a customer managed policy, which must be attached
// to nothing, be nobody's permissions boundary, and have only its default
// version left (access_policies_manage-delete.md).
func (a *Account) DeletePolicy(in DeletePolicyInput) error {
	p, err := a.lookupPolicy(in.PolicyArn, "policyArn")
	if err != nil {
		return err
	}
	if p.awsManaged {
		return errorf(ErrInvalidInput, "Policy %s is an AWS managed policy and cannot be deleted.", p.arn)
	}
	if att, bnd := a.usage(p.arn); att > 0 || bnd > 0 {
		return errorf(ErrDeleteConflict, "Cannot delete a policy attached to entities.")
	}
	if len(p.versions) > 1 {
		return errorf(ErrDeleteConflict, "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.")
	}
	delete(a.s.policies, p.arn)
	return nil
}

// PolicyScope selects policies in ListPolicies: All, AWS or Local.
type PolicyScope string

// The scopes.
const (
	ScopeAll   PolicyScope = "All"
	ScopeAWS   PolicyScope = "AWS"
	ScopeLocal PolicyScope = "Local"
)

// ListPoliciesInput is ListPolicies' request. Scope "" is All.
// PolicyUsageFilter, when set, is PermissionsPolicy or PermissionsBoundary
// and keeps only the policies used that way.
type ListPoliciesInput struct {
	Scope             PolicyScope
	OnlyAttached      bool
	PathPrefix        string
	PolicyUsageFilter string
}

// ListPoliciesOutput is ListPolicies' response.
type ListPoliciesOutput struct {
	Policies []Policy
}

// ListPolicies lists managed policies sorted by name (then ARN), without
// descriptions or tags, as IAM's ListPolicies.
func (a *Account) ListPolicies(in ListPoliciesInput) (*ListPoliciesOutput, error) {
	var c checks
	if in.PathPrefix != "" && !validPolicyPath(in.PathPrefix) && !validPathPrefix(in.PathPrefix) {
		c.add(in.PathPrefix, "pathPrefix", "satisfy regular expression pattern: "+policyPathPattern)
	}
	switch in.Scope {
	case "", ScopeAll, ScopeAWS, ScopeLocal:
	default:
		c.add(string(in.Scope), "scope", "satisfy enum value set: [All, AWS, Local]")
	}
	switch in.PolicyUsageFilter {
	case "", "PermissionsPolicy", "PermissionsBoundary":
	default:
		c.add(in.PolicyUsageFilter, "policyUsageFilter", "satisfy enum value set: [PermissionsPolicy, PermissionsBoundary]")
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	out := &ListPoliciesOutput{Policies: []Policy{}}
	for _, p := range a.s.policies {
		if in.Scope == ScopeAWS && !p.awsManaged || in.Scope == ScopeLocal && p.awsManaged {
			continue
		}
		if in.PathPrefix != "" && !strings.HasPrefix(p.path, in.PathPrefix) {
			continue
		}
		o := a.policyOut(p, false)
		o.Description = ""
		if in.OnlyAttached && o.AttachmentCount == 0 && o.PermissionsBoundaryUsageCount == 0 {
			continue
		}
		if in.PolicyUsageFilter == "PermissionsPolicy" && o.AttachmentCount == 0 ||
			in.PolicyUsageFilter == "PermissionsBoundary" && o.PermissionsBoundaryUsageCount == 0 {
			continue
		}
		out.Policies = append(out.Policies, o)
	}
	slices.SortFunc(out.Policies, func(x, y Policy) int {
		if c := strings.Compare(x.PolicyName, y.PolicyName); c != 0 {
			return c
		}
		return strings.Compare(x.Arn, y.Arn)
	})
	return out, nil
}

// CreatePolicyVersionInput is CreatePolicyVersion's request.
type CreatePolicyVersionInput struct {
	PolicyArn      string
	PolicyDocument string
	SetAsDefault   bool
}

// CreatePolicyVersionOutput is CreatePolicyVersion's response.
type CreatePolicyVersionOutput struct {
	PolicyVersion PolicyVersion
}

// CreatePolicyVersion adds a version to a customer managed policy. A
// policy keeps at most Quotas.PolicyVersions (5) versions: a sixth is
// LimitExceeded until one is deleted.
func (a *Account) CreatePolicyVersion(in CreatePolicyVersionInput) (*CreatePolicyVersionOutput, error) {
	p, err := a.lookupPolicy(in.PolicyArn, "policyArn")
	if err != nil {
		return nil, err
	}
	if p.awsManaged {
		return nil, errorf(ErrInvalidInput, "Policy %s is an AWS managed policy: only AWS can create its versions.", p.arn)
	}
	doc, err := a.parseDocument(in.PolicyDocument, "policyDocument", p.name, policy.Identity, a.s.quotas.ManagedPolicySize, a.managedPolicyTooBig)
	if err != nil {
		return nil, err
	}
	if len(p.versions) >= a.s.quotas.PolicyVersions {
		return nil, errorf(ErrLimitExceeded, "A managed policy can have up to %d versions. Before you create a new version, you must delete an existing version.", a.s.quotas.PolicyVersions)
	}
	now := a.now()
	v := &policyVersion{id: "v" + strconv.Itoa(p.nextVersion), document: in.PolicyDocument, doc: doc, created: now}
	p.versions = append(p.versions, v)
	p.nextVersion++
	p.updated = now
	if in.SetAsDefault {
		p.defaultVersion = v.id
	}
	return &CreatePolicyVersionOutput{PolicyVersion: PolicyVersion{VersionId: v.id, IsDefaultVersion: in.SetAsDefault, CreateDate: now}}, nil
}

// GetPolicyVersionInput is GetPolicyVersion's request.
type GetPolicyVersionInput struct {
	PolicyArn string
	VersionId string
}

// GetPolicyVersionOutput is GetPolicyVersion's response.
type GetPolicyVersionOutput struct {
	PolicyVersion PolicyVersion
}

func (a *Account) lookupVersion(arn, versionID string) (*managedPolicy, *policyVersion, error) {
	var c checks
	c.arn(arn, "policyArn")
	c.versionID(versionID, "versionId")
	if err := c.err(); err != nil {
		return nil, nil, err
	}
	p, err := a.lookupPolicy(arn, "policyArn")
	if err != nil {
		return nil, nil, err
	}
	v := p.version(versionID)
	if v == nil {
		return nil, nil, errorf(ErrNoSuchEntity, "Policy %s version %s does not exist or is not attachable.", arn, versionID)
	}
	return p, v, nil
}

// GetPolicyVersion returns one version of a managed policy, with its
// document as it was given (IAM returns it URL-encoded; that is the API
// layer's business).
func (a *Account) GetPolicyVersion(in GetPolicyVersionInput) (*GetPolicyVersionOutput, error) {
	p, v, err := a.lookupVersion(in.PolicyArn, in.VersionId)
	if err != nil {
		return nil, err
	}
	return &GetPolicyVersionOutput{PolicyVersion: PolicyVersion{
		Document: v.document, VersionId: v.id, IsDefaultVersion: v.id == p.defaultVersion, CreateDate: v.created,
	}}, nil
}

// DeletePolicyVersionInput is DeletePolicyVersion's request.
type DeletePolicyVersionInput struct {
	PolicyArn string
	VersionId string
}

// DeletePolicyVersion deletes a version that is not the default.
func (a *Account) DeletePolicyVersion(in DeletePolicyVersionInput) error {
	p, v, err := a.lookupVersion(in.PolicyArn, in.VersionId)
	if err != nil {
		return err
	}
	if p.awsManaged {
		return errorf(ErrInvalidInput, "Policy %s is an AWS managed policy: only AWS can delete its versions.", p.arn)
	}
	if v.id == p.defaultVersion {
		return errorf(ErrDeleteConflict, "Cannot delete the default version of a policy.")
	}
	p.versions = slices.DeleteFunc(slices.Clone(p.versions), func(x *policyVersion) bool { return x == v })
	return nil
}

// ListPolicyVersionsInput is ListPolicyVersions' request.
type ListPolicyVersionsInput struct {
	PolicyArn string
}

// ListPolicyVersionsOutput is ListPolicyVersions' response: the versions,
// newest first, without documents.
type ListPolicyVersionsOutput struct {
	Versions []PolicyVersion
}

// ListPolicyVersions lists a managed policy's versions, newest first.
func (a *Account) ListPolicyVersions(in ListPolicyVersionsInput) (*ListPolicyVersionsOutput, error) {
	p, err := a.lookupPolicy(in.PolicyArn, "policyArn")
	if err != nil {
		return nil, err
	}
	out := &ListPolicyVersionsOutput{Versions: []PolicyVersion{}}
	for i := len(p.versions) - 1; i >= 0; i-- {
		v := p.versions[i]
		out.Versions = append(out.Versions, PolicyVersion{VersionId: v.id, IsDefaultVersion: v.id == p.defaultVersion, CreateDate: v.created})
	}
	return out, nil
}

// SetDefaultPolicyVersionInput is SetDefaultPolicyVersion's request.
type SetDefaultPolicyVersionInput struct {
	PolicyArn string
	VersionId string
}

// SetDefaultPolicyVersion makes a version the policy's operative one.
func (a *Account) SetDefaultPolicyVersion(in SetDefaultPolicyVersionInput) error {
	p, v, err := a.lookupVersion(in.PolicyArn, in.VersionId)
	if err != nil {
		return err
	}
	if p.awsManaged {
		return errorf(ErrInvalidInput, "Policy %s is an AWS managed policy: AWS sets its default version.", p.arn)
	}
	p.defaultVersion = v.id
	return nil
}

// ListEntitiesForPolicyInput is ListEntitiesForPolicy's request.
type ListEntitiesForPolicyInput struct {
	PolicyArn string
}

// PolicyUser, PolicyGroup and PolicyRole name an entity a policy is
// attached to.
type (
	PolicyUser struct {
		UserName string
		UserId   string
	}
	PolicyGroup struct {
		GroupName string
		GroupId   string
	}
	PolicyRole struct {
		RoleName string
		RoleId   string
	}
)

// ListEntitiesForPolicyOutput is ListEntitiesForPolicy's response, each
// list sorted by name.
type ListEntitiesForPolicyOutput struct {
	PolicyGroups []PolicyGroup
	PolicyUsers  []PolicyUser
	PolicyRoles  []PolicyRole
}

// ListEntitiesForPolicy lists the users, groups and roles a managed policy
// is attached to (as a permissions policy).
func (a *Account) ListEntitiesForPolicy(in ListEntitiesForPolicyInput) (*ListEntitiesForPolicyOutput, error) {
	p, err := a.lookupPolicy(in.PolicyArn, "policyArn")
	if err != nil {
		return nil, err
	}
	out := &ListEntitiesForPolicyOutput{PolicyGroups: []PolicyGroup{}, PolicyUsers: []PolicyUser{}, PolicyRoles: []PolicyRole{}}
	for _, u := range a.sortedUsers() {
		if slices.Contains(u.attached, p.arn) {
			out.PolicyUsers = append(out.PolicyUsers, PolicyUser{u.name, u.id})
		}
	}
	for _, g := range a.sortedGroups() {
		if slices.Contains(g.attached, p.arn) {
			out.PolicyGroups = append(out.PolicyGroups, PolicyGroup{g.name, g.id})
		}
	}
	for _, r := range a.sortedRoles() {
		if slices.Contains(r.attached, p.arn) {
			out.PolicyRoles = append(out.PolicyRoles, PolicyRole{r.name, r.id})
		}
	}
	return out, nil
}

// TagPolicyInput is TagPolicy's request.
type TagPolicyInput struct {
	PolicyArn string
	Tags      []Tag
}

// TagPolicy adds or replaces tags on a customer managed policy. Policy tag
// keys are case-sensitive (id_tags.md).
func (a *Account) TagPolicy(in TagPolicyInput) error {
	p, err := a.lookupPolicy(in.PolicyArn, "policyArn")
	if err != nil {
		return err
	}
	if p.awsManaged {
		return errorf(ErrInvalidInput, "Policy %s is an AWS managed policy and cannot be tagged.", p.arn)
	}
	tags, err := a.tagResource(p.tags, in.Tags, false, "Policy")
	if err != nil {
		return err
	}
	p.tags = tags
	return nil
}

// UntagPolicyInput is UntagPolicy's request.
type UntagPolicyInput struct {
	PolicyArn string
	TagKeys   []string
}

// UntagPolicy removes tags from a managed policy; absent keys are ignored.
func (a *Account) UntagPolicy(in UntagPolicyInput) error {
	p, err := a.lookupPolicy(in.PolicyArn, "policyArn")
	if err != nil {
		return err
	}
	if err := checkTagKeys(in.TagKeys, "tagKeys"); err != nil {
		return err
	}
	p.tags = removeTags(p.tags, in.TagKeys, false)
	return nil
}

// ListPolicyTagsInput is ListPolicyTags' request.
type ListPolicyTagsInput struct {
	PolicyArn string
}

// ListTagsOutput is the response of the ListXTags operations.
type ListTagsOutput struct {
	Tags []Tag
}

// ListPolicyTags lists a managed policy's tags.
func (a *Account) ListPolicyTags(in ListPolicyTagsInput) (*ListTagsOutput, error) {
	p, err := a.lookupPolicy(in.PolicyArn, "policyArn")
	if err != nil {
		return nil, err
	}
	return &ListTagsOutput{Tags: append([]Tag{}, p.tags...)}, nil
}
