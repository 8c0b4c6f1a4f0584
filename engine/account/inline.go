package account

import (
	"slices"
	"strings"

	"github.com/iamlab/iamlab/engine/policy"
)

// inlinePolicy is a policy embedded in a user, group or role. Inline
// policy names are unique in their entity ignoring case, like IAM's other
// names.
type inlinePolicy struct {
	name     string
	document string
	doc      *policy.Document
}

func findInline(list []inlinePolicy, name string) int {
	return slices.IndexFunc(list, func(p inlinePolicy) bool { return strings.EqualFold(p.name, name) })
}

// putInline returns list with the named policy added or replaced, after
// checking the name, the document and the aggregate size of the entity's
// inline policies against quota. list itself is not changed.
func (a *Account) putInline(list []inlinePolicy, name, document, kind, entity string, quota int) ([]inlinePolicy, error) {
	var c checks
	c.name(name, "policyName", maxPolicyName)
	if err := c.err(); err != nil {
		return nil, err
	}
	i := findInline(list, name)
	others := 0
	for j, p := range list {
		if j != i {
			others += p.doc.Size
		}
	}
	tooBig := func(int) error {
		return errorf(ErrLimitExceeded, "Maximum policy size of %d bytes exceeded for %s %s", quota, kind, entity)
	}
	doc, err := a.parseDocument(document, "policyDocument", name, policy.Identity, quota-others, tooBig)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(list)
	p := inlinePolicy{name: name, document: document, doc: doc}
	if i >= 0 {
		out[i] = p
	} else {
		out = append(out, p)
	}
	return out, nil
}

// inlineNames lists the names sorted.
func inlineNames(list []inlinePolicy) []string {
	out := make([]string, 0, len(list))
	for _, p := range list {
		out = append(out, p.name)
	}
	slices.Sort(out)
	return out
}

// GetEntityPolicyOutput is the response of GetUserPolicy, GetGroupPolicy
// and GetRolePolicy: one of the entity names, the policy's name and its
// document as given.
type GetEntityPolicyOutput struct {
	UserName       string `json:",omitempty"`
	GroupName      string `json:",omitempty"`
	RoleName       string `json:",omitempty"`
	PolicyName     string
	PolicyDocument string
}

// ListEntityPoliciesOutput is the response of ListUserPolicies,
// ListGroupPolicies and ListRolePolicies: the names, sorted.
type ListEntityPoliciesOutput struct {
	PolicyNames []string
}

// AttachedPolicy names a managed policy attached to an entity.
type AttachedPolicy struct {
	PolicyName string
	PolicyArn  string
}

// ListAttachedPoliciesOutput is the response of ListAttachedUserPolicies,
// ListAttachedGroupPolicies and ListAttachedRolePolicies, in attachment
// order.
type ListAttachedPoliciesOutput struct {
	AttachedPolicies []AttachedPolicy
}

func (a *Account) attachedOut(arns []string, pathPrefix string) *ListAttachedPoliciesOutput {
	out := &ListAttachedPoliciesOutput{AttachedPolicies: []AttachedPolicy{}}
	for _, arn := range arns {
		p := a.s.policies[arn]
		if p == nil || pathPrefix != "" && !strings.HasPrefix(p.path, pathPrefix) {
			continue
		}
		out.AttachedPolicies = append(out.AttachedPolicies, AttachedPolicy{PolicyName: p.name, PolicyArn: p.arn})
	}
	return out
}

// attachable finds a policy to attach: it must exist and not be an AWS
// service-linked role policy.
func (a *Account) attachable(arn string) (*managedPolicy, error) {
	p, err := a.lookupPolicy(arn, "policyArn")
	if err != nil {
		return nil, err
	}
	if p.isServiceRolePolicy() {
		return nil, errorf(ErrPolicyNotAttachable, "Cannot attach a Service Role Policy to a Customer Role.")
	}
	return p, nil
}

// attach returns list with arn added, or LimitExceeded when it would
// exceed quota; attaching a policy already attached changes nothing.
func attach(list []string, arn string, quota int, quotaName string) ([]string, error) {
	if slices.Contains(list, arn) {
		return list, nil
	}
	if len(list) >= quota {
		return nil, quotaError(quotaName, quota)
	}
	return append(slices.Clone(list), arn), nil
}

// detach returns list without arn, or NoSuchEntity if it is not attached.
func detach(list []string, arn string) ([]string, error) {
	if !slices.Contains(list, arn) {
		return nil, errorf(ErrNoSuchEntity, "Policy %s was not found.", arn)
	}
	return slices.DeleteFunc(slices.Clone(list), func(s string) bool { return s == arn }), nil
}

// boundaryPolicy checks a permissions boundary ARN: a managed policy, not
// a service-linked role's.
func (a *Account) boundaryPolicy(arn string) (*managedPolicy, error) {
	var c checks
	c.arn(arn, "permissionsBoundary")
	if err := c.err(); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(arn, "arn:") || strings.Count(arn, ":") < 5 || !strings.Contains(arn, ":policy/") {
		return nil, errorf(ErrInvalidInput, "ARN %s is not valid.", arn)
	}
	p := a.s.policies[arn]
	if p == nil {
		return nil, errorf(ErrNoSuchEntity, "Scope ARN: %s does not exist or is not attachable.", arn)
	}
	if p.isServiceRolePolicy() {
		return nil, errorf(ErrPolicyNotAttachable, "Cannot set a Service Role Policy as a permissions boundary.")
	}
	return p, nil
}

// AttachedPermissionsBoundary is an entity's permissions boundary.
type AttachedPermissionsBoundary struct {
	PermissionsBoundaryType string // always "Policy"
	PermissionsBoundaryArn  string
}

func boundaryOut(arn string) *AttachedPermissionsBoundary {
	if arn == "" {
		return nil
	}
	return &AttachedPermissionsBoundary{PermissionsBoundaryType: "Policy", PermissionsBoundaryArn: arn}
}
