package org

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/engine/policy"
)

// PolicySummary describes an Organizations policy.
type PolicySummary struct {
	Id          string
	Arn         string
	Name        string
	Description string
	Type        PolicyType
	AwsManaged  bool
}

// Policy is a policy with its document.
type Policy struct {
	PolicySummary PolicySummary
	Content       string
}

func (o *Organization) summary(p *orgPolicy) PolicySummary {
	kind := strings.ToLower(string(p.typ))
	arn := "arn:aws:organizations::" + o.s.management + ":policy/" + o.s.id + "/" + kind + "/" + p.id
	if p.awsManaged {
		arn = "arn:aws:organizations::aws:policy/" + kind + "/" + p.id
	}
	return PolicySummary{Id: p.id, Arn: arn, Name: p.name, Description: p.description, Type: p.typ, AwsManaged: p.awsManaged}
}

// parseContent checks an SCP or RCP document: at most MaxPolicySize
// characters, white space included (Organizations keeps what it is given),
// and valid for its type.
func parseContent(content, name string, t PolicyType) (*policy.Document, error) {
	if n := utf8.RuneCountInString(content); n > MaxPolicySize {
		return nil, constraint(ReasonPolicyContentLimit, "The policy is %d characters long; the limit is %d.", n, MaxPolicySize)
	}
	doc, err := policy.Parse([]byte(content), policy.Options{Type: t.doc(), Name: name})
	if err != nil {
		return nil, &Error{Code: ErrMalformedPolicyDocument, Message: err.Error(), Err: err}
	}
	return doc, nil
}

// CreatePolicyInput is CreatePolicy's request.
type CreatePolicyInput struct {
	Content     string
	Description string
	Name        string
	Type        PolicyType
}

// CreatePolicy creates an SCP or RCP. Names are unique among the policies
// of a type.
func (o *Organization) CreatePolicy(in CreatePolicyInput) (*Policy, error) {
	if err := checkName(in.Name, "Name"); err != nil {
		return nil, err
	}
	if !in.Type.valid() {
		return nil, errorf(ErrInvalidInput, "Type must be SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY, got %q.", in.Type)
	}
	if utf8.RuneCountInString(in.Description) > 512 {
		return nil, errorf(ErrInvalidInput, "Description must be at most 512 characters.")
	}
	doc, err := parseContent(in.Content, in.Name, in.Type)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, p := range o.s.policies {
		if p.typ != in.Type {
			continue
		}
		if p.name == in.Name {
			return nil, errorf(ErrDuplicatePolicy, "A policy with the name %s already exists.", in.Name)
		}
		if !p.awsManaged {
			n++
		}
	}
	if n >= MaxPolicies {
		return nil, constraint(ReasonPolicyNumberLimitExceeded, "An organization can have at most %d policies of type %s.", MaxPolicies, in.Type)
	}
	id, err := o.draw("p-", 8)
	if err != nil {
		return nil, err
	}
	p := &orgPolicy{id: id, name: in.Name, description: in.Description, content: in.Content, typ: in.Type, doc: doc}
	o.s.policies[id] = p
	return &Policy{PolicySummary: o.summary(p), Content: p.content}, nil
}

func (o *Organization) lookupPolicy(id string) (*orgPolicy, error) {
	p := o.s.policies[id]
	if p == nil {
		return nil, errorf(ErrPolicyNotFound, "We can't find a policy with the PolicyId %s.", id)
	}
	return p, nil
}

// DescribePolicy returns a policy and its document.
func (o *Organization) DescribePolicy(id string) (*Policy, error) {
	p, err := o.lookupPolicy(id)
	if err != nil {
		return nil, err
	}
	return &Policy{PolicySummary: o.summary(p), Content: p.content}, nil
}

// UpdatePolicyInput is UpdatePolicy's request; empty fields are unchanged.
type UpdatePolicyInput struct {
	PolicyId    string
	Name        string
	Description string
	Content     string
}

// UpdatePolicy changes a customer policy's name, description or document.
// AWS managed policies cannot be changed: AccessDeniedException.
func (o *Organization) UpdatePolicy(in UpdatePolicyInput) (*Policy, error) {
	p, err := o.lookupPolicy(in.PolicyId)
	if err != nil {
		return nil, err
	}
	if p.awsManaged {
		return nil, errorf(ErrAccessDenied, "The AWS managed policy %s cannot be modified.", p.name)
	}
	np := *p
	if in.Name != "" {
		if err := checkName(in.Name, "Name"); err != nil {
			return nil, err
		}
		for _, q := range o.s.policies {
			if q != p && q.typ == p.typ && q.name == in.Name {
				return nil, errorf(ErrDuplicatePolicy, "A policy with the name %s already exists.", in.Name)
			}
		}
		np.name = in.Name
	}
	if in.Description != "" {
		np.description = in.Description
	}
	if in.Content != "" {
		doc, err := parseContent(in.Content, np.name, p.typ)
		if err != nil {
			return nil, err
		}
		np.content, np.doc = in.Content, doc
	}
	*p = np
	return &Policy{PolicySummary: o.summary(p), Content: p.content}, nil
}

// DeletePolicy deletes a customer policy attached to nothing.
func (o *Organization) DeletePolicy(id string) error {
	p, err := o.lookupPolicy(id)
	if err != nil {
		return err
	}
	if p.awsManaged {
		return errorf(ErrAccessDenied, "The AWS managed policy %s cannot be deleted.", p.name)
	}
	for _, ids := range o.s.attached {
		if slices.Contains(ids, id) {
			return errorf(ErrPolicyInUse, "The policy %s is attached to one or more targets: detach it first.", p.name)
		}
	}
	delete(o.s.policies, id)
	return nil
}

// ListPolicies lists the policies of a type, sorted by name.
func (o *Organization) ListPolicies(t PolicyType) ([]PolicySummary, error) {
	if !t.valid() {
		return nil, errorf(ErrInvalidInput, "Filter must be SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY, got %q.", t)
	}
	out := []PolicySummary{}
	for _, p := range o.s.policies {
		if p.typ == t {
			out = append(out, o.summary(p))
		}
	}
	slices.SortFunc(out, func(x, y PolicySummary) int { return strings.Compare(x.Name, y.Name) })
	return out, nil
}

// isTarget reports whether id is the root, an OU or a member account.
func (o *Organization) isTarget(id string) bool {
	_, acct := o.s.accounts[id]
	return acct || o.isParent(id)
}

// PolicyAttachmentInput is the request of AttachPolicy and DetachPolicy.
type PolicyAttachmentInput struct {
	PolicyId string
	TargetId string // r-…, ou-… or an account ID
}

func (o *Organization) countType(target string, t PolicyType) int {
	n := 0
	for _, id := range o.s.attached[target] {
		if p := o.s.policies[id]; p != nil && p.typ == t {
			n++
		}
	}
	return n
}

// AttachPolicy attaches a policy to the root, an OU or an account, at most
// MaxPoliciesPerTarget (5) of each type per target.
func (o *Organization) AttachPolicy(in PolicyAttachmentInput) error {
	p, err := o.lookupPolicy(in.PolicyId)
	if err != nil {
		return err
	}
	if !o.isTarget(in.TargetId) {
		return errorf(ErrTargetNotFound, "We can't find a root, OU or account with the TargetId %s.", in.TargetId)
	}
	if slices.Contains(o.s.attached[in.TargetId], p.id) {
		return errorf(ErrDuplicatePolicyAttachment, "The policy %s is already attached to %s.", p.name, in.TargetId)
	}
	if o.countType(in.TargetId, p.typ) >= MaxPoliciesPerTarget {
		return constraint(ReasonMaxPolicyTypeAttachment, "A target can have at most %d %ss attached.", MaxPoliciesPerTarget, p.typ.short())
	}
	o.s.attached[in.TargetId] = append(slices.Clone(o.s.attached[in.TargetId]), p.id)
	return nil
}

// DetachPolicy detaches a policy from a target. A target keeps at least one
// SCP, and RCPFullAWSAccess is never detached: ConstraintViolationException.
func (o *Organization) DetachPolicy(in PolicyAttachmentInput) error {
	p, err := o.lookupPolicy(in.PolicyId)
	if err != nil {
		return err
	}
	if !o.isTarget(in.TargetId) {
		return errorf(ErrTargetNotFound, "We can't find a root, OU or account with the TargetId %s.", in.TargetId)
	}
	list := o.s.attached[in.TargetId]
	i := slices.Index(list, p.id)
	if i < 0 {
		return errorf(ErrPolicyNotAttached, "The policy %s is not attached to %s.", p.name, in.TargetId)
	}
	if p.id == RCPFullAWSAccessID {
		return constraint(ReasonMinPolicyTypeAttachment, "RCPFullAWSAccess is attached to every root, OU and account and cannot be detached.")
	}
	if p.typ == ServiceControlPolicy && o.countType(in.TargetId, p.typ) <= 1 {
		return constraint(ReasonMinPolicyTypeAttachment, "A root, OU or account must have at least one SCP attached: attach another before detaching %s.", p.name)
	}
	o.s.attached[in.TargetId] = slices.Delete(slices.Clone(list), i, i+1)
	return nil
}

// ListPoliciesForTarget lists the policies of a type attached to a target,
// in attachment order.
func (o *Organization) ListPoliciesForTarget(targetID string, t PolicyType) ([]PolicySummary, error) {
	if !o.isTarget(targetID) {
		return nil, errorf(ErrTargetNotFound, "We can't find a root, OU or account with the TargetId %s.", targetID)
	}
	if !t.valid() {
		return nil, errorf(ErrInvalidInput, "Filter must be SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY, got %q.", t)
	}
	out := []PolicySummary{}
	for _, id := range o.s.attached[targetID] {
		if p := o.s.policies[id]; p != nil && p.typ == t {
			out = append(out, o.summary(p))
		}
	}
	return out, nil
}

// ListTargetsForPolicy lists the targets a policy is attached to, sorted.
func (o *Organization) ListTargetsForPolicy(id string) ([]string, error) {
	if _, err := o.lookupPolicy(id); err != nil {
		return nil, err
	}
	out := []string{}
	for target, ids := range o.s.attached {
		if slices.Contains(ids, id) {
			out = append(out, target)
		}
	}
	slices.Sort(out)
	return out, nil
}
