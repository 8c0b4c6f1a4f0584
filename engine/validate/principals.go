package validate

import (
	"fmt"

	"github.com/iamlab/iamlab/engine/jsonpos"
	"github.com/iamlab/iamlab/engine/policy"
)

func (c *checker) principals(s *stmt, principal, notPrincipal *jsonpos.Member) {
	m := principal
	switch {
	case principal != nil && notPrincipal != nil:
		c.addKey(UnsupportedElementCombination, "The policy elements Principal and NotPrincipal can not be used in the same statement. Remove one of these elements.", pk(s.path, "NotPrincipal"), notPrincipal)
		return
	case principal == nil && notPrincipal == nil:
		if c.typ == policy.Resource || c.typ == policy.Trust || c.typ == policy.RCP {
			c.addAt(MissingPrincipal, "Add a Principal element to the policy statement.", s.path, s.v.Start, s.v.Start)
		}
		return
	case notPrincipal != nil:
		m = notPrincipal
	}
	path := pv(s.path, m.Key)
	switch c.typ {
	case policy.Identity:
		c.addKey(UnsupportedPrincipal, "The policy type IDENTITY_POLICY does not support the Principal element. Remove the Principal element.", pk(s.path, m.Key), m)
		return
	case policy.SCP:
		c.addKey(UnsupportedPrincipal, "The policy type SERVICE_CONTROL_POLICY does not support the Principal element. Remove the Principal element.", pk(s.path, m.Key), m)
		return
	}
	if notPrincipal != nil && s.allow {
		c.addKey(AllowWithNotPrincipal, "Using Allow with NotPrincipal can be overly permissive. We recommend that you use Principal instead.", pk(s.path, m.Key), m)
	}
	v := m.Value
	wildcard := false
	switch v.Kind {
	case jsonpos.String:
		if v.Text != "*" {
			c.add(InvalidPrincipalFormat, "The Principal element contents are not valid. Specify a key-value pair in the Principal element.", path, v)
			return
		}
		wildcard = true
	case jsonpos.Object:
		if len(v.Members) == 0 {
			c.add(EmptyObjectPrincipal, "This statement includes no principals and does not affect the policy. Specify principals.", path, v)
			return
		}
		for i := range v.Members {
			pm := &v.Members[i]
			switch pm.Key {
			case "AWS", "Service", "Federated", "CanonicalUser":
			default:
				c.addKey(InvalidPrincipalKey, fmt.Sprintf("The principal key %s is not valid.", pm.Key), pk(path, pm.Key), pm)
				continue
			}
			if pm.Value.Kind == jsonpos.Array && len(pm.Value.Elems) == 0 {
				c.add(EmptyArrayPrincipal, "This statement includes no principals and does not affect the policy. Specify principals.", pv(path, pm.Key), pm.Value)
				continue
			}
			vals, _ := c.stringsOf(pm, pv(path, pm.Key))
			for _, pvv := range vals {
				if pm.Key == "AWS" && pvv.Text == "*" {
					wildcard = true
				}
			}
		}
	default:
		c.add(InvalidPrincipalFormat, "The Principal element contents are not valid. Specify a key-value pair in the Principal element.", path, v)
		return
	}
	if wildcard && s.allow && notPrincipal == nil && s.cond == nil && c.typ != policy.RCP {
		c.add(WildcardPrincipalWithoutCondition, "Allowing every principal (\"*\") without a Condition grants access to anyone, in any AWS account, and to anonymous requests where the service allows them. We recommend that you name the principals, or narrow the statement with conditions such as aws:PrincipalOrgID or aws:SourceVpce.", path, v)
	}
}
