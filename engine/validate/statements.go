package validate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/jsonpos"
)

// redundantStatements suggests removing a statement identical to an
// earlier one (Sids aside, member order ignored).
func (c *checker) redundantStatements(stmts []*stmt) {
	seen := map[string]int{}
	for i, s := range stmts {
		if s == nil {
			continue
		}
		key := canonical(s.v, true)
		if j, ok := seen[key]; ok {
			c.add(RedundantStatement, fmt.Sprintf("The statements are redundant because they provide identical permissions: this statement repeats statement %d. Update the policy to remove the redundant statement.", j), s.path, s.v)
			continue
		}
		seen[key] = i
	}
}

// canonical renders a JSON value with object members sorted, leaving the
// top-level Sid out when noSid is set.
func canonical(v *jsonpos.Value, noSid bool) string {
	var b strings.Builder
	var walk func(v *jsonpos.Value, top bool)
	walk = func(v *jsonpos.Value, top bool) {
		switch v.Kind {
		case jsonpos.Object:
			ms := slices.Clone(v.Members)
			slices.SortStableFunc(ms, func(a, b jsonpos.Member) int { return strings.Compare(a.Key, b.Key) })
			b.WriteByte('{')
			for _, m := range ms {
				if top && noSid && m.Key == "Sid" {
					continue
				}
				b.WriteString(strconv.Quote(m.Key))
				b.WriteByte(':')
				walk(m.Value, false)
				b.WriteByte(',')
			}
			b.WriteByte('}')
		case jsonpos.Array:
			b.WriteByte('[')
			for _, e := range v.Elems {
				walk(e, false)
				b.WriteByte(',')
			}
			b.WriteByte(']')
		case jsonpos.String:
			b.WriteString(strconv.Quote(v.Text))
		default:
			b.WriteString(v.Kind.String() + ":" + v.Text)
		}
	}
	walk(v, true)
	return b.String()
}

// tagFamily names the tag condition key family of a key: the prefix an
// action's supported keys must have, or "" for other keys.
func tagFamily(key string) string {
	l := strings.ToLower(key)
	switch {
	case strings.HasPrefix(l, "aws:resourcetag/"):
		return "aws:resourcetag/"
	case strings.HasPrefix(l, "aws:requesttag/"):
		return "aws:requesttag/"
	case l == "aws:tagkeys":
		return "aws:tagkeys"
	}
	return ""
}

// supportsTagKey reports whether the catalog lists the tag key family
// among the action's condition keys (its own or its resource types').
func supportsTagKey(a *catalog.Action, family string) bool {
	for _, k := range a.ConditionKeys() {
		if strings.HasPrefix(strings.ToLower(k), family) {
			return true
		}
	}
	return false
}

// tagKeys reports tag condition keys in statements whose actions (of some
// services) never carry them: the condition is then always false, so a
// Deny does not deny those actions and an Allow does not allow them.
func (c *checker) tagKeys(s *stmt) {
	if !s.allow && !s.deny {
		return
	}
	for _, k := range s.conds {
		family := tagFamily(k.kv.Key)
		if family == "" || k.op.Op == condition.Null {
			continue
		}
		if s.notAct {
			if s.deny {
				c.addKey(DenyNotActionWithUnsupportedTagConditionKey, fmt.Sprintf("Using the effect Deny with NotAction and the tag condition key %s can be overly permissive because some service actions are not denied by this statement: the key does not apply to them. We recommend that you use Action instead of NotAction.", k.kv.Key), k.path, k.kv)
			} else {
				c.addKey(AllowNotActionWithUnsupportedTagConditionKey, fmt.Sprintf("Using the effect Allow with NotAction and the tag condition key %s allows only service actions that support the condition key; it does not apply to the others. We recommend that you use Action instead of NotAction.", k.kv.Key), k.path, k.kv)
			}
			continue
		}
		var services []string
		for _, e := range s.actions {
			if !e.literalService {
				continue
			}
			for _, a := range e.expanded {
				if !supportsTagKey(a, family) && !slices.Contains(services, a.Service.Prefix) {
					services = append(services, a.Service.Prefix)
				}
			}
		}
		if len(services) == 0 {
			continue
		}
		list := strings.Join(services, ", ")
		if s.deny {
			c.addKey(DenyWithUnsupportedTagConditionKey, fmt.Sprintf("Using the effect Deny with the tag condition key %s and actions for services with the following prefixes can be overly permissive: %s. Actions for the listed services are not denied by this statement. We recommend that you move these actions to a different statement without this condition key.", k.kv.Key, list), k.path, k.kv)
		} else {
			c.addKey(AllowWithUnsupportedTagConditionKey, fmt.Sprintf("Using the effect Allow with the tag condition key %s and actions for services with the following prefixes does not affect the policy: %s. Actions for the listed services are not allowed by this statement. We recommend that you move these actions to a different statement without this condition key.", k.kv.Key, list), k.path, k.kv)
		}
	}
}

// createSLR reports Allow statements that let a principal create any
// service-linked role (access-analyzer-reference-policy-checks.md,
// "Create SLR with …"); iam:AWSServiceName narrows them.
func (c *checker) createSLR(s *stmt) {
	g, ok := c.broadRoleGrant(s, "iam:CreateServiceLinkedRole", "iam:AWSServiceName")
	if !ok {
		return
	}
	const recommend = " We recommend that you specify resource ARNs instead."
	if s.notRes {
		switch {
		case s.notAct:
			c.add(CreateSLRWithNotActionAndNotResource, "Using NotAction with NotResource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on multiple resources."+recommend, g.path, g.where)
		case g.explicit:
			c.add(CreateSLRWithNotResource, "Using the iam:CreateServiceLinkedRole action with NotResource can allow creation of unintended service-linked roles for multiple resources."+recommend, g.path, g.where)
		default:
			c.add(CreateSLRWithStarInActionAndNotResource, "Using an action with a wildcard (*) and NotResource can allow creation of unintended service-linked roles because it can allow iam:CreateServiceLinkedRole permissions on multiple resources."+recommend, g.path, g.where)
		}
		return
	}
	switch {
	case s.notAct:
		c.add(CreateSLRWithStarInResourceAndNotAction, "Using a resource with wildcards (*) and NotAction can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources."+recommend, g.path, g.where)
	case g.explicit:
		c.add(CreateSLRWithStarInResource, "Using the iam:CreateServiceLinkedRole action with wildcards (*) in the resource can allow creation of unintended service-linked roles."+recommend, g.path, g.where)
	default:
		c.add(CreateSLRWithStarInActionAndResource, "Using wildcards (*) in the action and the resource can allow creation of unintended service-linked roles because it allows iam:CreateServiceLinkedRole permissions on all resources."+recommend, g.path, g.where)
	}
}

// roleGrant is how an Allow statement grants an IAM action on roles (see
// broadRoleGrant), and where a finding about it points.
type roleGrant struct {
	explicit bool // the action is named, not only reached by a wildcard or NotAction
	where    *jsonpos.Value
	path     []PathElement
}

// broadRoleGrant reports whether an Allow statement grants action on
// roles without narrowing it: through NotResource, or on a resource with
// a wildcard that can be a role's ARN and without the condition key
// narrow. The finding points at the action's own entry, else at the
// statement's first action, else at the statement. passRole and createSLR
// share it.
func (c *checker) broadRoleGrant(s *stmt, action, narrow string) (roleGrant, bool) {
	if !s.allow || !s.hasAct || !s.hasRes {
		return roleGrant{}, false
	}
	explicit, wild := s.grants(action)
	if !explicit && !wild {
		return roleGrant{}, false
	}
	g := roleGrant{explicit: explicit}
	if len(s.actions) > 0 {
		g.where, g.path = s.actions[0].v, s.actions[0].path
	}
	for _, e := range s.actions {
		if !s.notAct && catalog.MatchAction(e.text, action) {
			g.where, g.path = e.v, e.path
			break
		}
	}
	if g.where == nil {
		g.where, g.path = s.v, s.path
	}
	if s.notRes {
		return g, true
	}
	if s.hasKey(narrow) {
		return roleGrant{}, false
	}
	var role *catalog.ResourceType
	if iam, _ := c.cat.Service("iam"); iam != nil {
		role, _ = iam.ResourceType("role")
	}
	for _, r := range s.res {
		if strings.Contains(r.text, "*") && (role == nil || role.FitsResource(r.text)) {
			return g, true
		}
	}
	return roleGrant{}, false
}

// resourcePolicyQuota is the size limit of a resource policy, in
// characters, for the resource types ValidatePolicy names; 0 when
// unknown (no check).
func resourcePolicyQuota(resourceType string) int {
	switch resourceType {
	case "AWS::S3::Bucket", "AWS::S3::AccessPoint", "AWS::S3::MultiRegionAccessPoint", "AWS::S3ObjectLambda::AccessPoint", "AWS::DynamoDB::Table":
		return 20 * 1024
	}
	return 0
}

// resourceTypeServices are the service prefixes whose actions and ARNs a
// resource policy of the type can name; nil when any can (or the type is
// not one ValidatePolicy names).
func resourceTypeServices(resourceType string) []string {
	switch resourceType {
	case "AWS::S3::Bucket", "AWS::S3::AccessPoint", "AWS::S3::MultiRegionAccessPoint":
		return []string{"s3"}
	case "AWS::S3ObjectLambda::AccessPoint":
		return []string{"s3-object-lambda", "s3"}
	case "AWS::DynamoDB::Table":
		return []string{"dynamodb"}
	}
	return nil
}

// variables checks the policy variables in a string: "${" without "}",
// "${}", a space in the key, a default without single quotes. It reports
// the first problem and whether there was one.
func (c *checker) variables(v *jsonpos.Value, path []PathElement) bool {
	s := v.Text
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return false
		}
		rest := s[i+2:]
		j := strings.IndexByte(rest, '}')
		if j < 0 {
			c.add(MissingBraceInVariable, "The policy variable is missing a closing curly brace. Add } after the variable text.", path, v)
			c.cover("unterminated policy variable")
			return true
		}
		inner := rest[:j]
		key, def, hasDef := strings.Cut(inner, ",")
		switch {
		case strings.TrimSpace(inner) == "":
			c.add(EmptyVariable, "Empty policy variable. Remove the ${ } variable structure or provide a variable within the structure.", path, v)
			c.cover("empty policy variable")
			return true
		case strings.ContainsAny(key, " \t"):
			c.add(UnsupportedSpaceInVariable, fmt.Sprintf("A space is not supported within the policy variable text %q. Remove the space.", "${"+key+"}"), path, v)
			c.cover("policy variable key")
			return true
		case hasDef:
			d := strings.TrimSpace(def)
			if len(d) < 2 || d[0] != '\'' || d[len(d)-1] != '\'' {
				c.add(MissingQuoteInVariable, "The policy variable default value must begin and end with a single quote. Add the missing quote.", path, v)
				c.cover("policy variable default must be in single quotes")
				return true
			}
		}
		s = rest[j+1:]
	}
}
