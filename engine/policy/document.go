package policy

import (
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/engine/arn"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/jsonpos"
	"github.com/iamlab/iamlab/engine/pattern"
)

// Type is the kind of policy, which decides which elements a document may
// and must have.
type Type uint8

// The policy types.
const (
	Identity Type = iota // attached to a user, group or role
	Resource             // attached to a resource (a bucket policy, a key policy …)
	Trust                // a role's trust policy: who may assume the role
	Boundary             // a permissions boundary of a user or role
	Session              // passed when a role or federated session is created
	SCP                  // an Organizations service control policy
	RCP                  // an Organizations resource control policy
)

var typeNames = [...]string{"identity", "resource", "trust", "boundary", "session", "scp", "rcp"}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// MarshalText gives the lower-case name.
func (t Type) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Title names the type for people: "identity-based policy", "SCP" …
func (t Type) Title() string {
	switch t {
	case Identity:
		return "identity-based policy"
	case Resource:
		return "resource-based policy"
	case Trust:
		return "role trust policy"
	case Boundary:
		return "permissions boundary"
	case Session:
		return "session policy"
	case SCP:
		return "service control policy (SCP)"
	case RCP:
		return "resource control policy (RCP)"
	}
	return t.String()
}

// allowsPrincipal reports whether statements of this type name principals.
func (t Type) allowsPrincipal() bool { return t == Resource || t == Trust || t == RCP }

// Version is the policy language version of a document.
type Version uint8

// The versions. VersionNone is a document without a Version element.
const (
	VersionNone Version = iota
	Version2008
	Version2012
)

func (v Version) String() string {
	switch v {
	case Version2008:
		return "2008-10-17"
	case Version2012:
		return "2012-10-17"
	}
	return "none"
}

// Effect is a statement's Effect.
type Effect uint8

// The effects.
const (
	Allow Effect = iota
	Deny
)

func (e Effect) String() string {
	if e == Deny {
		return "Deny"
	}
	return "Allow"
}

// MarshalText gives "Allow" or "Deny".
func (e Effect) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// Span is where an element stands in the source: from its first character
// to just after its last.
type Span struct {
	Start jsonpos.Position `json:"StartPosition"`
	End   jsonpos.Position `json:"EndPosition"`
}

// Document is a parsed, validated and compiled policy.
type Document struct {
	Name       string // the source's name, used in error messages
	Type       Type
	Version    Version
	ID         string
	Statements []Statement
	Size       int // characters, not counting white space between tokens
}

// Statement is one statement of a document, compiled.
type Statement struct {
	Index     int // position in the document's statement list, from 0
	Sid       string
	Effect    Effect
	Principal Principals
	Action    Actions
	Resource  Resources
	Condition condition.Block
	Span      Span
	// ContextKeys are the context keys the statement reads: the policy
	// variables of its resources and the keys and variables of its
	// conditions, deduplicated case-insensitively.
	ContextKeys []string
}

// Label names the statement for people: its Sid, or its index.
func (s *Statement) Label() string {
	if s.Sid != "" {
		return strconv.Quote(s.Sid)
	}
	return "#" + strconv.Itoa(s.Index)
}

// Actions is a statement's Action or NotAction element.
type Actions struct {
	Not      bool // NotAction
	Patterns []pattern.Pattern
	// services holds each pattern's service prefix with its colon
	// ("s3:"), or "" for "*": a cheap first test before the pattern.
	services []string
}

// Match reports whether the statement applies to action: for Action, when
// a pattern matches it; for NotAction, when none does. Action names are
// matched case-insensitively, with * and ? wildcards.
func (a *Actions) Match(action string) bool {
	for i := range a.Patterns {
		if i < len(a.services) {
			svc := a.services[i]
			if !hasPrefixFold(action, svc) {
				continue
			}
		}
		if m, _ := a.Patterns[i].Match(action, nil); m {
			return !a.Not
		}
	}
	return a.Not
}

// hasPrefixFold reports whether s starts with prefix, ignoring ASCII case;
// prefix is lower case ASCII (service prefixes are validated as such).
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[i] {
			return false
		}
	}
	return true
}

// add appends a compiled action pattern and its service prefix.
func (a *Actions) add(name string, p pattern.Pattern) {
	svc := ""
	if i := strings.IndexByte(name, ':'); i > 0 {
		svc = strings.ToLower(name[:i+1])
	}
	a.Patterns = append(a.Patterns, p)
	a.services = append(a.services, svc)
}

// Resources is a statement's Resource or NotResource element. A trust
// policy has neither (Present is false) and applies to its role.
type Resources struct {
	Present  bool
	Not      bool // NotResource
	Patterns []arn.Pattern
}

// Match reports whether the statement applies to resource, resolving policy
// variables from ctx. A pattern whose variable has no value matches nothing
// (reference_policies_variables.md, "Policy variables with no value").
func (r *Resources) Match(resource string, ctx pattern.Context) bool {
	if !r.Present {
		return true
	}
	for i := range r.Patterns {
		if m, _ := r.Patterns[i].Match(resource, ctx); m {
			return !r.Not
		}
	}
	return r.Not
}

// Principals is a statement's Principal or NotPrincipal element.
type Principals struct {
	Present bool
	Not     bool // NotPrincipal
	// Any is "Principal": "*". {"AWS": "*"} is kept in AWS, as written.
	Any           bool
	AWS           []string // account IDs, ARNs, unique IDs or "*"
	Service       []string
	Federated     []string
	CanonicalUser []string
}
