package validate

import (
	"fmt"
	"strings"

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
		m, s.notPrin = notPrincipal, true
	}
	path := pv(s.path, m.Key)
	switch c.typ {
	case policy.Identity:
		c.addKey(UnsupportedPrincipal, "The policy type IDENTITY_POLICY does not support the Principal element. Remove the Principal element.", pk(s.path, m.Key), m)
		return
	case policy.SCP:
		c.addKey(SCPSyntaxErrorPrincipal, "SCPs do not support specifying principals. Remove the Principal or NotPrincipal element; to name principals, use the aws:PrincipalArn condition key.", pk(s.path, m.Key), m)
		return
	case policy.Trust:
		if notPrincipal != nil {
			c.addKey(RoleTrustPolicySyntaxErrorNotPrincipal, "Role trust policies do not support NotPrincipal. Update the policy to use a Principal element instead.", pk(s.path, m.Key), m)
			c.cover("NotPrincipal cannot be used in a role trust policy")
			return
		}
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
		wildcard, s.starPrin = true, true
		if c.typ == policy.Trust {
			c.add(RoleTrustPolicyUnsupportedWildcardInPrincipal, "\"Principal\": \"*\" is not supported in the principal element of a role trust policy. Replace the wildcard with a valid principal value.", path, v)
			return
		}
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
			vals, paths := c.stringsOf(pm, pv(path, pm.Key))
			for i, pvv := range vals {
				if pm.Key == "AWS" && pvv.Text == "*" {
					wildcard = true
				}
				e := principalEntry{key: pm.Key, text: pvv.Text, v: pvv, path: paths[i]}
				s.principals = append(s.principals, e)
				c.principalValue(e)
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

// principalEntry is one value of a Principal element: its key (AWS,
// Service, Federated, CanonicalUser) and text.
type principalEntry struct {
	key, text string
	v         *jsonpos.Value
	path      []PathElement
}

// principalValue checks one principal value's form.
func (c *checker) principalValue(e principalEntry) {
	t := e.text
	if strings.Contains(t, "${") {
		c.add(VariableUnsupportedInElement, fmt.Sprintf("Policy variables are supported in the Resource and Condition elements. Remove the policy variable %s from this element.", t), e.path, e.v)
		c.cover("invalid principal")
		return
	}
	if t != "*" && strings.ContainsAny(t, "*?") {
		c.add(UnsupportedWildcardInPrincipal, fmt.Sprintf("Wildcards (*, ?) are not supported with the principal key %s. Replace the wildcard with a valid principal value.", e.key), e.path, e.v)
		c.cover("wildcards are not allowed in principal")
		return
	}
	switch e.key {
	case "AWS":
		switch {
		case isUniqueID(t, "AROA"):
			c.add(InvalidRoleReference, fmt.Sprintf("The Principal element includes the IAM role ID %s. We recommend that you use a role ARN instead: a role deleted and created again under the same name gets a new ID, which this policy would not match.", t), e.path, e.v)
		case isUniqueID(t, "AIDA"):
			c.add(InvalidUserReference, fmt.Sprintf("The Principal element includes the IAM user ID %s. We recommend that you use a user ARN instead: a user deleted and created again under the same name gets a new ID, which this policy would not match.", t), e.path, e.v)
		}
	case "Service":
		if t != "*" && !isServicePrincipal(t) {
			c.add(InvalidServicePrincipalFormat, fmt.Sprintf("The service principal %s does not match the expected format. Use the format service-name.amazonaws.com, in lower case.", t), e.path, e.v)
		}
	case "Federated":
		switch {
		case c.typ != policy.Trust:
			c.add(FederatedPrincipalNotSupported, "The policy type does not support a federated identity provider in the principal element. Use a supported principal.", e.path, e.v)
		case federatedKind(t) == "":
			c.add(InvalidFederatedPrincipalSyntax, fmt.Sprintf("The principal value %s specifies a federated principal that does not match the expected format. Update the federated principal to a domain name or a SAML metadata ARN.", t), e.path, e.v)
		}
	}
}

// isUniqueID reports an IAM unique ID with the given prefix: AROA for
// roles, AIDA for users, then 16 or more upper-case letters and digits.
func isUniqueID(s, prefix string) bool {
	if !strings.HasPrefix(s, prefix) || len(s) < len(prefix)+16 || len(s) > 128 {
		return false
	}
	for _, r := range s[len(prefix):] {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// isServicePrincipal accepts service-name.amazonaws.com (and the China
// Regions' amazonaws.com.cn), with lower-case labels of letters, digits
// and hyphens.
func isServicePrincipal(s string) bool {
	host, ok := strings.CutSuffix(s, ".amazonaws.com")
	if !ok {
		host, ok = strings.CutSuffix(s, ".amazonaws.com.cn")
	}
	if !ok || host == "" {
		return false
	}
	for _, label := range strings.Split(host, ".") {
		if label == "" {
			return false
		}
		for _, r := range label {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

// federatedKind classifies a Federated principal: "saml" for a SAML
// provider's ARN, "oidc" for an OIDC provider's ARN or a web identity
// provider's domain (accounts.google.com, cognito-identity.amazonaws.com),
// "" for anything else.
func federatedKind(s string) string {
	if strings.HasPrefix(s, "arn:") {
		f := strings.SplitN(s, ":", 6)
		if len(f) < 6 || f[2] != "iam" || !isAccountID(f[4]) {
			return ""
		}
		switch {
		case strings.HasPrefix(f[5], "saml-provider/") && len(f[5]) > len("saml-provider/"):
			return "saml"
		case strings.HasPrefix(f[5], "oidc-provider/") && len(f[5]) > len("oidc-provider/"):
			return "oidc"
		}
		return ""
	}
	if !strings.Contains(s, ".") {
		return ""
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-/_", r)) {
			return ""
		}
	}
	return "oidc"
}

// oidcHost is the host an OIDC principal's condition keys begin with:
// the provider ARN's part after oidc-provider/, or the domain itself.
func oidcHost(s string) string {
	if _, rest, ok := strings.Cut(s, ":oidc-provider/"); ok {
		return rest
	}
	return s
}
