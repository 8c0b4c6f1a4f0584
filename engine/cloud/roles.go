package cloud

import (
	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/policy"
)

// roleInfo is what assuming a role needs of it.
type roleInfo struct {
	name, id, arn, account string
	maxSession             int
	serviceLinked          bool
	tags                   []Tag
	trust                  eval.Policy
}

func lookupRole(a *account.Account, name string) (roleInfo, error) {
	ri, err := a.Role(name)
	if err != nil {
		return roleInfo{}, err
	}
	trust, err := a.TrustPolicy(name)
	if err != nil {
		return roleInfo{}, err
	}
	out := roleInfo{name: ri.RoleName, id: ri.RoleId, arn: ri.Arn, account: a.ID(), maxSession: ri.MaxSessionDuration, serviceLinked: ri.ServiceLinked, trust: trust}
	if tags, err := a.ListRoleTags(account.ListRoleTagsInput{RoleName: name}); err == nil {
		out.tags = fromAccountTags(tags.Tags)
	}
	return out, nil
}

// managedDocument returns the default version of a managed policy of an
// account, parsed as a session policy.
func managedDocument(a *account.Account, policyARN string, ops condition.Operators) *policy.Document {
	p, err := a.GetPolicy(account.GetPolicyInput{PolicyArn: policyARN})
	if err != nil {
		return nil
	}
	v, err := a.GetPolicyVersion(account.GetPolicyVersionInput{PolicyArn: policyARN, VersionId: p.Policy.DefaultVersionId})
	if err != nil {
		return nil
	}
	d, err := policy.Parse([]byte(v.PolicyVersion.Document), policy.Options{Type: policy.Session, Name: policyARN, Operators: ops})
	if err != nil {
		return nil
	}
	return d
}
