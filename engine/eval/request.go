package eval

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
)

// Decision is the outcome of an evaluation, with IAM's names.
type Decision uint8

// The decisions. The zero value is ImplicitDeny: nothing allowed it.
const (
	ImplicitDeny Decision = iota
	Allowed
	ExplicitDeny
)

func (d Decision) String() string {
	switch d {
	case Allowed:
		return "allowed"
	case ExplicitDeny:
		return "explicitDeny"
	}
	return "implicitDeny"
}

// MarshalText gives IAM's name: allowed, explicitDeny or implicitDeny.
func (d Decision) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads IAM's name.
func (d *Decision) UnmarshalText(b []byte) error {
	switch string(b) {
	case "allowed":
		*d = Allowed
	case "explicitDeny":
		*d = ExplicitDeny
	case "implicitDeny":
		*d = ImplicitDeny
	default:
		return fmt.Errorf("unknown decision %q: want allowed, explicitDeny or implicitDeny", b)
	}
	return nil
}

// Policy is a parsed document with the names IAM's simulator reports it by.
type Policy struct {
	// ID is how the policy is named in results: a policy name, or the
	// simulator's "PolicyInputList.1".
	ID string
	// Source is IAM's SourcePolicyType: user, group, role, aws-managed,
	// user-managed, resource or none.
	Source string
	Doc    *policy.Document
}

// Level is one level of an organization — the root, an OU or the account —
// with the SCPs or RCPs attached there.
type Level struct {
	Name     string
	Policies []Policy
}

// Policies are all the policies that apply to one request.
type Policies struct {
	Identity []Policy // the principal's identity-based policies (a user's include its groups')
	Boundary []Policy // the principal's permissions boundary; nil when it has none
	Session  []Policy // the session's policies; nil when none were passed
	Resource []Policy // the resource's resource-based policy (or a role's trust policy)
	SCP      []Level  // the principal's organization path, root first; nil when SCPs do not apply
	RCP      []Level  // the resource's organization path, root first; nil when RCPs do not apply
}

// Request is what is being asked: who, what, on which resource, with which
// context keys.
type Request struct {
	Principal principal.Principal
	Action    string // service:Action, e.g. s3:GetObject
	Resource  string // an ARN, or "*"
	// ResourceAccount owns the resource; empty means the principal's
	// account.
	ResourceAccount string
	Context         Context
	// ResourcePolicyRequired says the resource-based policy must grant
	// access even within one account, as role trust policies and KMS key
	// policies do (reference_policies_evaluation-logic.md).
	ResourcePolicyRequired bool
}

// resourceAccount is the account that owns the resource.
func (r *Request) resourceAccount() string {
	if r.ResourceAccount != "" {
		return r.ResourceAccount
	}
	return r.Principal.Account
}

// ValueType is the type of a context key's values, with IAM's names
// (ContextKeyType in IAM's API: string, stringList, numeric …).
type ValueType uint8

// The context value types.
const (
	String ValueType = iota
	StringList
	Numeric
	NumericList
	Boolean
	BooleanList
	IP
	IPList
	Binary
	BinaryList
	Date
	DateList
)

var valueTypeNames = [...]string{"string", "stringList", "numeric", "numericList", "boolean", "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList"}

func (t ValueType) String() string {
	if int(t) < len(valueTypeNames) {
		return valueTypeNames[t]
	}
	return "ValueType(" + strconv.Itoa(int(t)) + ")"
}

// IsList reports whether the type holds several values.
func (t ValueType) IsList() bool { return t%2 == 1 }

// MarshalText gives IAM's name.
func (t ValueType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads IAM's name.
func (t *ValueType) UnmarshalText(b []byte) error {
	for i, n := range valueTypeNames {
		if n == string(b) {
			*t = ValueType(i)
			return nil
		}
	}
	return fmt.Errorf("unknown context key type %q: want one of %s", b, strings.Join(valueTypeNames[:], ", "))
}

// Entry is one context key with its values.
type Entry struct {
	Key    string
	Type   ValueType
	Values []string
}

// Context is a request's context keys. Keys are case-insensitive (ASCII
// letters; AWS's keys are ASCII). The zero value is an empty context.
type Context struct {
	Entries []Entry
}

// Set adds or replaces a key.
func (c *Context) Set(key string, typ ValueType, values ...string) {
	for i := range c.Entries {
		if sameKey(c.Entries[i].Key, key) {
			c.Entries[i] = Entry{Key: key, Type: typ, Values: values}
			return
		}
	}
	c.Entries = append(c.Entries, Entry{Key: key, Type: typ, Values: values})
}

// ContextValues returns a key's values; it implements pattern.Context.
func (c *Context) ContextValues(key string) ([]string, bool) {
	for i := range c.Entries {
		if sameKey(c.Entries[i].Key, key) {
			return c.Entries[i].Values, true
		}
	}
	return nil, false
}

// sameKey compares context keys, ignoring ASCII letter case. AWS's
// condition keys are ASCII; other bytes compare exactly, so Unicode case
// folding (the Kelvin sign as a "k") never makes two keys the same.
func sameKey(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
