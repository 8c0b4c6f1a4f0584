package summary

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/policy"
)

// Console texts.
const (
	AllResources           = "All resources"
	Multiple               = "Multiple"
	None                   = "None"
	NoResourcesDefined     = "No resources are defined."
	ActionsWithoutResource = "One or more actions do not have an applicable resource."
)

// Summary is a policy's summary.
type Summary struct {
	ExplicitDeny  []Service       `json:"ExplicitDeny"`
	Allow         []Service       `json:"Allow"`
	Uncategorized []Uncategorized `json:"UncategorizedServices"`
	// Services is how many services the catalog knows, for "N of M".
	Services int `json:"ServicesInCatalog"`
}

// Service is one row of the summary table.
type Service struct {
	Prefix string `json:"Prefix"`
	Name   string `json:"Service"`
	// FullAccess: every action of the service.
	FullAccess bool    `json:"FullAccess"`
	Levels     []Level `json:"AccessLevels"`
	// Actions are the actions counted, by full name.
	Actions          []string `json:"Actions"`
	Resource         string   `json:"Resource"`
	RequestCondition string   `json:"RequestCondition"`
	Warnings         []string `json:"Warnings,omitempty"`
	// Unrecognized are actions the policy names in the service that the
	// catalog does not know; they grant nothing.
	Unrecognized []string `json:"UnrecognizedActions,omitempty"`
}

// Level is the access a row grants in one access level.
type Level struct {
	Level   catalog.AccessLevel `json:"Level"`
	Full    bool                `json:"Full"`
	Granted int                 `json:"Granted"`
	Of      int                 `json:"Of"`
}

// AccessText renders the Access level column: "Full access", or "Full:
// List, Read  Limited: Write", or the console's warning when no action
// counts.
func (s Service) AccessText() string {
	if s.FullAccess {
		return "Full access"
	}
	var full, limited []string
	for _, l := range s.Levels {
		if l.Full {
			full = append(full, l.Level.String())
		} else {
			limited = append(limited, l.Level.String())
		}
	}
	var parts []string
	if len(full) > 0 {
		parts = append(parts, "Full: "+strings.Join(full, ", "))
	}
	if len(limited) > 0 {
		parts = append(parts, "Limited: "+strings.Join(limited, ", "))
	}
	if len(parts) == 0 {
		return None
	}
	return strings.Join(parts, "  ")
}

// Uncategorized is a service prefix the catalog does not know, with the
// actions the policy names in it.
type Uncategorized struct {
	Prefix  string   `json:"Prefix"`
	Effect  string   `json:"Effect"`
	Actions []string `json:"Actions"`
}

// row gathers what the statements of one effect say of one service.
type row struct {
	svc        *catalog.Service
	granted    map[*catalog.Action]bool
	named      bool // the policy names actions of the service
	noResource bool // some action had no applicable resource
	resources  []string
	conditions []string
	uncond     bool // a statement without conditions contributes
	unknown    []string
}

// Summarize summarizes a parsed policy with the catalog.
func Summarize(cat *catalog.Catalog, doc *policy.Document) *Summary {
	s := &Summary{ExplicitDeny: []Service{}, Allow: []Service{}, Uncategorized: []Uncategorized{}, Services: len(cat.Services())}
	rows := [2]map[*catalog.Service]*row{{}, {}}
	unknown := map[string]*Uncategorized{}
	fits := map[fitKey]bool{}
	for i := range doc.Statements {
		st := &doc.Statements[i]
		effect := 0
		if st.Effect == policy.Deny {
			effect = 1
		}
		actions, unrecognized := statementActions(cat, st, unknown)
		for _, u := range unrecognized {
			prefix, _, _ := strings.Cut(u, ":")
			svc, _ := cat.Service(prefix)
			r := rows[effect][svc]
			if r == nil {
				r = &row{svc: svc, granted: map[*catalog.Action]bool{}}
				rows[effect][svc] = r
			}
			r.unknown = appendNew(r.unknown, u)
		}
		var resources []string
		for _, r := range st.Resource.Patterns {
			resources = append(resources, r.String())
		}
		var conds []string
		for _, c := range st.Condition {
			conds = append(conds, c.Key()+" "+c.Name().String()+" "+strings.Join(c.Values(), ", "))
		}
		for _, a := range actions {
			r := rows[effect][a.Service]
			if r == nil {
				r = &row{svc: a.Service, granted: map[*catalog.Action]bool{}}
				rows[effect][a.Service] = r
			}
			r.named = true
			if !st.Resource.Present || st.Resource.Not || applies(a, resources, fits) {
				r.granted[a] = true
				r.addResources(st, resources)
				if len(conds) == 0 {
					r.uncond = true
				}
				r.conditions = appendNew(r.conditions, conds...)
			} else {
				r.noResource = true
			}
		}
	}
	for e, sink := range []*[]Service{&s.Allow, &s.ExplicitDeny} {
		for _, r := range rows[e] {
			*sink = append(*sink, r.service())
		}
		slices.SortFunc(*sink, func(a, b Service) int { return cmp.Compare(a.Name, b.Name) })
	}
	for _, u := range unknown {
		slices.Sort(u.Actions)
		s.Uncategorized = append(s.Uncategorized, *u)
	}
	slices.SortFunc(s.Uncategorized, func(a, b Uncategorized) int {
		return cmp.Or(cmp.Compare(a.Prefix, b.Prefix), cmp.Compare(a.Effect, b.Effect))
	})
	return s
}

// statementActions expands a statement's actions; names of unknown
// services are gathered as uncategorized, and unknown actions of known
// services returned as unrecognized.
func statementActions(cat *catalog.Catalog, st *policy.Statement, unknown map[string]*Uncategorized) (actions []*catalog.Action, unrecognized []string) {
	seen := map[*catalog.Action]bool{}
	var named []*catalog.Action
	for _, p := range st.Action.Patterns {
		text := p.String()
		got := cat.Expand(text)
		if len(got) == 0 && !st.Action.Not {
			prefix, _, _ := strings.Cut(text, ":")
			_, known := cat.Service(prefix)
			if known {
				unrecognized = append(unrecognized, text)
			} else if !strings.ContainsAny(prefix, "*?") {
				key := strings.ToLower(prefix) + "/" + st.Effect.String()
				u := unknown[key]
				if u == nil {
					u = &Uncategorized{Prefix: prefix, Effect: st.Effect.String()}
					unknown[key] = u
				}
				u.Actions = appendNew(u.Actions, text)
			}
		}
		for _, a := range got {
			if !seen[a] {
				seen[a] = true
				named = append(named, a)
			}
		}
	}
	if !st.Action.Not {
		return named, unrecognized
	}
	var out []*catalog.Action
	for _, a := range cat.Expand("*") {
		if !seen[a] {
			out = append(out, a)
		}
	}
	return out, nil
}

type fitKey struct {
	t        *catalog.ResourceType
	resource string
}

// applies reports whether a resource of the statement can be one the
// action applies to; fits memoizes resource type checks.
func applies(a *catalog.Action, resources []string, fits map[fitKey]bool) bool {
	for _, r := range resources {
		if r == "*" {
			return true
		}
		for _, ar := range a.Resources {
			k := fitKey{ar.Type, r}
			ok, done := fits[k]
			if !done {
				ok = ar.Type.FitsResource(r)
				fits[k] = ok
			}
			if ok {
				return true
			}
		}
	}
	return false
}

func (r *row) addResources(st *policy.Statement, resources []string) {
	switch {
	case !st.Resource.Present:
		r.resources = appendNew(r.resources, "*")
	case st.Resource.Not:
		r.resources = appendNew(r.resources, "all resources except "+strings.Join(resources, ", "))
	default:
		// Only the resources that fit the service are shown.
		for _, res := range resources {
			if res == "*" || resourceOfService(res, r.svc) {
				r.resources = appendNew(r.resources, res)
			}
		}
	}
}

func resourceOfService(res string, svc *catalog.Service) bool {
	for _, t := range svc.ResourceTypes {
		if t.FitsResource(res) {
			return true
		}
	}
	return false
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !slices.Contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}

func (r *row) service() Service {
	out := Service{Prefix: r.svc.Prefix, Name: r.svc.Name, Actions: []string{}, Levels: []Level{}, Unrecognized: r.unknown}
	total := map[catalog.AccessLevel]int{}
	granted := map[catalog.AccessLevel]int{}
	for _, a := range r.svc.Actions {
		total[a.Level]++
		if r.granted[a] {
			granted[a.Level]++
			out.Actions = append(out.Actions, a.String())
		}
	}
	out.FullAccess = len(r.granted) == len(r.svc.Actions) && len(r.granted) > 0
	for _, l := range catalog.AccessLevels() {
		if granted[l] > 0 {
			out.Levels = append(out.Levels, Level{Level: l, Full: granted[l] == total[l], Granted: granted[l], Of: total[l]})
		}
	}
	switch {
	case len(r.granted) == 0 && r.named:
		out.Resource = ""
		out.Warnings = append(out.Warnings, NoResourcesDefined)
	case len(r.granted) == 0:
		out.Resource = ""
	case slices.Contains(r.resources, "*"):
		out.Resource = AllResources
	case len(r.resources) == 1:
		out.Resource = r.resources[0]
	default:
		out.Resource = Multiple
	}
	if r.noResource && len(r.granted) > 0 {
		out.Warnings = append(out.Warnings, ActionsWithoutResource)
	}
	if len(r.unknown) > 0 {
		out.Warnings = append(out.Warnings, "Unrecognized actions: "+strings.Join(r.unknown, ", ")+".")
	}
	switch {
	case len(r.conditions) == 0 || len(r.granted) == 0:
		out.RequestCondition = None
	case len(r.conditions) == 1 && !r.uncond:
		out.RequestCondition = r.conditions[0]
	default:
		out.RequestCondition = Multiple
		if r.uncond {
			out.RequestCondition = "Multiple (some statements have none)"
		}
	}
	return out
}

// String renders a one-line description, for tests and logs.
func (s Service) String() string {
	return fmt.Sprintf("%s | %s | %s | %s", s.Name, s.AccessText(), s.Resource, s.RequestCondition)
}
