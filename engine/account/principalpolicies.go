package account

import "strings"

// SourcePolicy is one policy that applies to a principal, as
// SimulatePrincipalPolicy names it: ID is the managed policy's ARN or the
// inline policy's name, and Type is IAM's PolicySourceType (user, group,
// role, aws-managed or user-managed).
type SourcePolicy struct {
	ID       string
	Type     string
	Document string
}

// PrincipalPolicies returns the identity-based policies that apply to a
// user, group or role, given by ARN, in the order SimulatePrincipalPolicy
// considers them: for a user its inline policies, its managed policies,
// then each of its groups' inline and managed policies; for a group or a
// role its own. boundary is the user's or role's permissions boundary, if
// it has one.
func (a *Account) PrincipalPolicies(arn string) (policies []SourcePolicy, boundary *SourcePolicy, err error) {
	managed := func(arns []string) {
		for _, p := range arns {
			mp := a.s.policies[p]
			if mp == nil {
				continue
			}
			t := "user-managed"
			if mp.awsManaged {
				t = "aws-managed"
			}
			for _, v := range mp.versions {
				if v.id == mp.defaultVersion {
					policies = append(policies, SourcePolicy{ID: p, Type: t, Document: v.document})
				}
			}
		}
	}
	inline := func(list []inlinePolicy, t string) {
		for _, p := range list {
			policies = append(policies, SourcePolicy{ID: p.name, Type: t, Document: p.document})
		}
	}
	bound := func(arn string) {
		if mp := a.s.policies[arn]; arn != "" && mp != nil {
			t := "user-managed"
			if mp.awsManaged {
				t = "aws-managed"
			}
			for _, v := range mp.versions {
				if v.id == mp.defaultVersion {
					boundary = &SourcePolicy{ID: arn, Type: t, Document: v.document}
				}
			}
		}
	}
	for _, u := range a.s.users {
		if u.arn == arn {
			inline(u.inline, "user")
			managed(u.attached)
			for _, g := range u.groups {
				if gr := a.s.groups[g]; gr != nil {
					inline(gr.inline, "group")
					managed(gr.attached)
				}
			}
			bound(u.boundary)
			return policies, boundary, nil
		}
	}
	for _, g := range a.s.groups {
		if g.arn == arn {
			inline(g.inline, "group")
			managed(g.attached)
			return policies, nil, nil
		}
	}
	for _, r := range a.s.roles {
		if r.arn == arn {
			inline(r.inline, "role")
			managed(r.attached)
			bound(r.boundary)
			return policies, boundary, nil
		}
	}
	kind := "entity"
	if f := strings.SplitN(arn, ":", 6); len(f) == 6 {
		kind = strings.SplitN(f[5], "/", 2)[0]
	}
	return nil, nil, errorf(ErrNoSuchEntity, "The %s with ARN %s cannot be found.", kind, arn)
}
