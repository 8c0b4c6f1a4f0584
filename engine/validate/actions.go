package validate

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/jsonpos"
	"github.com/iamlab/iamlab/engine/policy"
)

// actionEntry is one action of a statement's Action or NotAction.
type actionEntry struct {
	text     string
	v        *jsonpos.Value
	path     []PathElement
	wildcard bool
	// literalService is true when the service prefix has no wildcard.
	literalService bool
	// expanded are the catalog's actions the entry stands for; nil when
	// the entry is invalid or there is no catalog.
	expanded []*catalog.Action
}

func (c *checker) statementActions(s *stmt, action, notAction *jsonpos.Member) {
	m := action
	switch {
	case action != nil && notAction != nil:
		c.addKey(UnsupportedElementCombination, "The policy elements Action and NotAction can not be used in the same statement. Remove one of these elements.", pk(s.path, "NotAction"), notAction)
	case action == nil && notAction == nil:
		c.addAt(MissingAction, "Add an Action or NotAction element to the policy statement.", s.path, s.v.Start, s.v.Start)
		return
	case notAction != nil:
		m, s.notAct = notAction, true
	}
	s.hasAct = true
	path := pv(s.path, m.Key)
	if m.Value.Kind == jsonpos.Array && len(m.Value.Elems) == 0 {
		c.add(EmptyArrayAction, "This statement includes no actions and does not affect the policy. Specify actions.", path, m.Value)
		return
	}
	vals, paths := c.stringsOf(m, path)
	for i, v := range vals {
		if e := c.action(v, paths[i]); e != nil {
			s.actions = append(s.actions, e)
		}
	}
}

// action checks one action name against the catalog.
func (c *checker) action(v *jsonpos.Value, path []PathElement) *actionEntry {
	name := v.Text
	e := &actionEntry{text: name, v: v, path: path, wildcard: strings.ContainsAny(name, "*?")}
	if name == "*" {
		if c.cat != nil {
			e.expanded = c.expand("*")
		}
		return e
	}
	if strings.Contains(name, "${") {
		c.add(VariableUnsupportedInElement, fmt.Sprintf("Policy variables are supported in the Resource and Condition elements. Remove the policy variable %s from this element.", name), path, v)
		return nil
	}
	prefix, act, ok := strings.Cut(name, ":")
	if !ok || prefix == "" || act == "" {
		c.add(InvalidAction, fmt.Sprintf("The action %s does not exist. An action is a service prefix and an action name, as in s3:GetObject, or *.", name), path, v)
		return nil
	}
	e.literalService = !strings.ContainsAny(prefix, "*?")
	if allowed := resourceTypeServices(c.resourceType); allowed != nil && e.literalService && !contains(allowed, strings.ToLower(prefix)) {
		c.add(UnsupportedActionInPolicy, fmt.Sprintf("The action %s is not supported for the resource-based policy attached to the resource type %s.", name, c.resourceType), path, v)
		return nil
	}
	if !e.literalService {
		c.add(WildcardInServiceName, "Avoid using wildcards (*, ?) in the service name because it might grant unintended access to other AWS services with similar names.", path, v)
	}
	if c.typ == policy.SCP && strings.ContainsAny(strings.TrimSuffix(name, "*"), "*?") {
		c.add(SCPSyntaxErrorActionWildcard, fmt.Sprintf("SCP actions can include wildcards (*) only at the end of a string. Update %s.", name), path, v)
	}
	if c.cat == nil {
		return e
	}
	if e.literalService {
		svc, ok := c.cat.Service(prefix)
		if !ok {
			msg := fmt.Sprintf("The service %s specified in the action does not exist.", prefix)
			if s := suggest(prefix, servicePrefixes(c.cat)); s != "" {
				msg += fmt.Sprintf(" Did you mean %s?", s)
			}
			c.add(InvalidServiceInAction, msg, path, v)
			return nil
		}
		if !e.wildcard {
			if _, ok := svc.Action(act); !ok {
				msg := fmt.Sprintf("The action %s does not exist.", name)
				if s := suggest(act, actionNames(svc)); s != "" {
					msg += fmt.Sprintf(" Did you mean %s:%s?", svc.Prefix, s)
				}
				c.add(InvalidAction, msg, path, v)
				return nil
			}
		}
	}
	e.expanded = c.expand(name)
	if len(e.expanded) == 0 {
		c.add(InvalidAction, fmt.Sprintf("The action %s does not exist: the pattern matches no action.", name), path, v)
		return nil
	}
	return e
}

// expand expands an action pattern once per document: the same pattern
// written many times costs one expansion.
func (c *checker) expand(pattern string) []*catalog.Action {
	key := strings.ToLower(pattern)
	if got, ok := c.expanded[key]; ok {
		return got
	}
	got := c.cat.Expand(pattern)
	c.expanded[key] = got
	return got
}

func servicePrefixes(cat *catalog.Catalog) []string {
	out := make([]string, 0, len(cat.Services()))
	for _, s := range cat.Services() {
		out = append(out, s.Prefix)
	}
	return out
}

func actionNames(svc *catalog.Service) []string {
	out := make([]string, 0, len(svc.Actions))
	for _, a := range svc.Actions {
		out = append(out, a.Name)
	}
	return out
}

// suggest returns the candidate closest to s by edit distance (ignoring
// case), when it is close enough to be a likely typo.
func suggest(s string, candidates []string) string {
	if len(s) > 128 {
		return ""
	}
	best, bestD := "", -1
	ls := strings.ToLower(s)
	for _, cand := range candidates {
		d := distance(ls, strings.ToLower(cand))
		if bestD < 0 || d < bestD {
			best, bestD = cand, d
		}
	}
	if bestD < 0 || bestD > max(2, len(s)/4) {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// redundantActions suggests removing an action that another entry of the
// same Action element already covers.
func (c *checker) redundantActions(s *stmt) {
	if s.notAct {
		return
	}
	// The comparison is quadratic: a statement whose entries stand for
	// very many actions in all is not checked.
	total := 0
	for _, e := range s.actions {
		total += len(e.expanded)
	}
	if total*len(s.actions) > redundancyBudget {
		return
	}
	sets := make([]map[*catalog.Action]bool, len(s.actions))
	set := func(i int) map[*catalog.Action]bool {
		if sets[i] == nil {
			sets[i] = make(map[*catalog.Action]bool, len(s.actions[i].expanded))
			for _, a := range s.actions[i].expanded {
				sets[i][a] = true
			}
		}
		return sets[i]
	}
	for i, a := range s.actions {
		if len(a.expanded) == 0 {
			continue
		}
		for j, b := range s.actions {
			if i == j || len(b.expanded) == 0 || len(b.expanded) < len(a.expanded) {
				continue
			}
			// Identical entries: report only the later one.
			if len(b.expanded) == len(a.expanded) && j > i {
				continue
			}
			if covers(set(j), a.expanded) {
				c.add(RedundantAction, fmt.Sprintf("The 1 action(s) are redundant because they provide similar permissions. Update the policy to remove the redundant action such as: %s (already covered by %s).", a.text, b.text), a.path, a.v)
				break
			}
		}
	}
}

// redundancyBudget bounds the work of redundantActions: the actions all
// entries stand for, times the number of entries.
const redundancyBudget = 4_000_000

// covers reports whether every action of small is in big.
func covers(big map[*catalog.Action]bool, small []*catalog.Action) bool {
	for _, a := range small {
		if !big[a] {
			return false
		}
	}
	return true
}

// grants reports how the statement's actions reach an action: not at all,
// explicitly, or through a wildcard or NotAction.
func (s *stmt) grants(name string) (explicit, wild bool) {
	if s.notAct {
		for _, e := range s.actions {
			if catalog.MatchAction(e.text, name) {
				return false, false
			}
		}
		return false, true
	}
	for _, e := range s.actions {
		if catalog.MatchAction(e.text, name) {
			if e.wildcard {
				wild = true
			} else {
				explicit = true
			}
		}
	}
	return explicit, wild
}

// passRole reports Allow statements that let a principal pass any role
// (access-analyzer-reference-policy-checks.md, "Pass role with …").
func (c *checker) passRole(s *stmt) {
	g, ok := c.broadRoleGrant(s, "iam:PassRole", "iam:PassedToService")
	if !ok {
		return
	}
	const specify = " We recommend that you specify resource ARNs instead."
	if s.notRes {
		switch {
		case s.notAct:
			c.add(PassRoleWithNotActionNotResource, "Using NotAction with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources."+specify, g.path, g.where)
		case g.explicit:
			c.add(PassRoleWithNotResource, "Using the iam:PassRole action with NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources."+specify, g.path, g.where)
		default:
			c.add(PassRoleWithStarInActionNotResource, "Using an action with a wildcard (*) and NotResource can be overly permissive because it can allow iam:PassRole permissions on multiple resources."+specify, g.path, g.where)
		}
		return
	}
	const recommend = " We recommend that you specify resource ARNs or add the iam:PassedToService condition key to your statement."
	switch {
	case s.notAct:
		c.add(PassRoleWithStarInResourceNotAction, "Using a resource with wildcards (*) and NotAction can be overly permissive because it allows iam:PassRole permissions on all resources."+recommend, g.path, g.where)
	case g.explicit:
		c.add(PassRoleWithStarInResource, "Using the iam:PassRole action with wildcards (*) in the resource can be overly permissive because it allows iam:PassRole permissions on multiple resources."+recommend, g.path, g.where)
	default:
		c.add(PassRoleWithStarInActionAndResource, "Using wildcards (*) in the action and the resource can be overly permissive because it allows iam:PassRole permissions on all resources."+recommend, g.path, g.where)
	}
}

func (s *stmt) hasKey(name string) bool {
	for _, k := range s.keys {
		if strings.EqualFold(k, name) {
			return true
		}
	}
	return false
}

// actionsFitResources reports an action named without wildcards that no
// resource of the statement can be: the statement never applies to it.
// An action without resource types takes only "*" (the Service
// Authorization Reference's actions tables); the catalog may lack a type
// AWS added, so that case is a warning.
func (c *checker) actionsFitResources(s *stmt) {
	if s.notAct || s.notRes || !s.hasRes || len(s.res) == 0 || c.typ == policy.Trust {
		return
	}
	for _, e := range s.actions {
		if e.wildcard || len(e.expanded) != 1 {
			continue
		}
		a := e.expanded[0]
		if fits(a, s.res) {
			continue
		}
		if len(a.Resources) == 0 {
			c.add(StarResourceRequired, fmt.Sprintf("The action %s does not support resource-level permissions: a statement must name its resource as \"*\" to apply to it, and no resource of this statement is \"*\".", a), e.path, e.v)
			continue
		}
		var kinds []string
		for _, r := range a.Resources {
			kinds = append(kinds, r.Type.Name+" ("+strings.Join(r.Type.ARNFormats, " or ")+")")
		}
		c.add(UnsupportedResourceForAction, fmt.Sprintf("The action %s applies to resources of type %s; no resource of this statement can be one, so the statement never applies to it.", a, strings.Join(kinds, ", ")), e.path, e.v)
	}
}

// fits reports whether some resource of the statement can be one the
// action applies to.
func fits(a *catalog.Action, res []*resourceEntry) bool {
	for _, r := range res {
		if r.text == "*" {
			return true
		}
		if len(a.Resources) == 0 {
			continue
		}
		for _, ar := range a.Resources {
			if ar.Type.FitsResource(r.text) {
				return true
			}
		}
	}
	return false
}
