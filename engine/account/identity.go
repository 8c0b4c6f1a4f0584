package account

import (
	"slices"
	"strings"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
)

// The SourcePolicyType values of IAM's simulator (iam.json
// PolicySourceType), as eval.Policy.Source.
const (
	SourceUser        = "user"
	SourceGroup       = "group"
	SourceRole        = "role"
	SourceAWSManaged  = "aws-managed"
	SourceUserManaged = "user-managed"
)

func (a *Account) managedEval(arns []string) []eval.Policy {
	var out []eval.Policy
	for _, arn := range arns {
		p := a.s.policies[arn]
		if p == nil {
			continue
		}
		v := p.defaultDoc()
		if v == nil {
			continue
		}
		src := SourceUserManaged
		if p.awsManaged {
			src = SourceAWSManaged
		}
		out = append(out, eval.Policy{ID: p.name, Source: src, Doc: v.doc})
	}
	return out
}

func inlineEval(list []inlinePolicy, prefix, source string) []eval.Policy {
	sorted := slices.Clone(list)
	slices.SortFunc(sorted, func(x, y inlinePolicy) int { return strings.Compare(x.name, y.name) })
	out := make([]eval.Policy, 0, len(sorted))
	for _, p := range sorted {
		out = append(out, eval.Policy{ID: prefix + p.name, Source: source, Doc: p.doc})
	}
	return out
}

// principalEntity finds the user or role behind a principal of this
// account: an IAM user, a federated user (the IAM user it stands on) or a
// role session (its role). Names are matched ignoring case; the ARN's path
// is not checked, since assumed-role ARNs carry none.
func (a *Account) principalEntity(p principal.Principal) (*user, *role, error) {
	if p.Account != a.s.id {
		return nil, nil, errorf(ErrInvalidInput, "Principal %s is not in account %s.", p.ARN, a.s.id)
	}
	last := func(arn string) string { return arn[strings.LastIndexByte(arn, '/')+1:] }
	switch p.Type {
	case principal.User, principal.FederatedUser:
		arn := p.ARN
		if p.Type == principal.FederatedUser {
			arn = p.Issuer
		}
		if !strings.Contains(arn, ":user/") {
			return nil, nil, errorf(ErrInvalidInput, "%s is not an IAM user's ARN.", arn)
		}
		u, err := a.lookupUser(last(arn), maxExistingUserName)
		return u, nil, err
	case principal.RoleSession:
		name := p.RoleName()
		if name == "" {
			return nil, nil, errorf(ErrInvalidInput, "Role session %s has no role.", p.ARN)
		}
		r, err := a.lookupRole(name)
		return nil, r, err
	}
	return nil, nil, nil
}

// IdentityPolicies returns what the evaluator needs of a principal of this
// account: its identity-based policies and its permissions boundary (nil
// when it has none).
//
// For an IAM user (and a federated user, whose permissions are its IAM
// user's): the user's inline policies (sorted by name, Source "user"), its
// attached managed policies (in attachment order, Source "aws-managed" or
// "user-managed"), then for each of its groups in joining order the
// group's inline policies (Source "group", ID "GROUP/POLICY") and attached
// policies. For a role session: the role's inline policies (Source "role")
// and attached policies. A managed policy contributes its default version
// and is named by its policy name. The root user has no identity policies:
// nil, nil, nil. Other principal types are InvalidInput.
func (a *Account) IdentityPolicies(p principal.Principal) (identity, boundary []eval.Policy, err error) {
	switch p.Type {
	case principal.Root:
		if p.Account != a.s.id {
			return nil, nil, errorf(ErrInvalidInput, "Principal %s is not in account %s.", p.ARN, a.s.id)
		}
		return nil, nil, nil
	case principal.User, principal.FederatedUser, principal.RoleSession:
	default:
		return nil, nil, errorf(ErrInvalidInput, "A %s principal has no identity-based policies.", p.Type)
	}
	u, r, err := a.principalEntity(p)
	if err != nil {
		return nil, nil, err
	}
	var bnd string
	if u != nil {
		identity = append(identity, inlineEval(u.inline, "", SourceUser)...)
		identity = append(identity, a.managedEval(u.attached)...)
		for _, key := range u.groups {
			g := a.s.groups[key]
			if g == nil {
				continue
			}
			identity = append(identity, inlineEval(g.inline, g.name+"/", SourceGroup)...)
			identity = append(identity, a.managedEval(g.attached)...)
		}
		bnd = u.boundary
	} else {
		identity = append(identity, inlineEval(r.inline, "", SourceRole)...)
		identity = append(identity, a.managedEval(r.attached)...)
		bnd = r.boundary
	}
	if bnd != "" {
		boundary = a.managedEval([]string{bnd})
	}
	return identity, boundary, nil
}

// TrustPolicy returns a role's trust policy, for the evaluator's
// resource-based policy when the role is assumed: a [policy.Trust]
// document with Source "resource" and ID "AssumeRolePolicyDocument".
func (a *Account) TrustPolicy(roleName string) (eval.Policy, error) {
	r, err := a.lookupRole(roleName)
	if err != nil {
		return eval.Policy{}, err
	}
	return eval.Policy{ID: "AssumeRolePolicyDocument", Source: "resource", Doc: r.trustDoc}, nil
}

// PrincipalTags returns the tags of the user or role behind a principal
// (aws:PrincipalTag/KEY): a user's for an IAM user, a role's for a role
// session. Federated users and the root user have none here (session tags
// are STS's).
func (a *Account) PrincipalTags(p principal.Principal) ([]Tag, error) {
	if p.Type != principal.User && p.Type != principal.RoleSession {
		return nil, nil
	}
	u, r, err := a.principalEntity(p)
	if err != nil {
		return nil, err
	}
	if u != nil {
		return slices.Clone(u.tags), nil
	}
	return slices.Clone(r.tags), nil
}

// RoleInfo is what STS needs of a role to issue a session.
type RoleInfo struct {
	RoleName           string
	RoleId             string
	Arn                string
	Path               string
	MaxSessionDuration int
	ServiceLinked      bool
	Trust              *policy.Document
}

// Role returns what STS needs of a role.
func (a *Account) Role(roleName string) (RoleInfo, error) {
	r, err := a.lookupRole(roleName)
	if err != nil {
		return RoleInfo{}, err
	}
	return RoleInfo{RoleName: r.name, RoleId: r.id, Arn: r.arn, Path: r.path, MaxSessionDuration: r.maxSession, ServiceLinked: r.serviceLinked(), Trust: r.trustDoc}, nil
}
