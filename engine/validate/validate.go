package validate

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/jsonpos"
	"github.com/iamlab/iamlab/engine/policy"
)

// PolicyType is Access Analyzer's policy type.
type PolicyType uint8

// The policy types ValidatePolicy takes.
const (
	IdentityPolicy PolicyType = iota
	ResourcePolicy
	ServiceControlPolicy
	ResourceControlPolicy
)

var policyTypeNames = [...]string{"IDENTITY_POLICY", "RESOURCE_POLICY", "SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"}

func (t PolicyType) String() string {
	if int(t) < len(policyTypeNames) {
		return policyTypeNames[t]
	}
	return "PolicyType(" + strconv.Itoa(int(t)) + ")"
}

// MarshalText gives Access Analyzer's name.
func (t PolicyType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// ParsePolicyType reads Access Analyzer's name ("IDENTITY_POLICY" …).
func ParsePolicyType(s string) (PolicyType, bool) {
	for i, n := range policyTypeNames {
		if n == s {
			return PolicyType(i), true
		}
	}
	return 0, false
}

// TrustPolicyResourceType is the ValidatePolicyResourceType that makes a
// RESOURCE_POLICY a role trust policy.
const TrustPolicyResourceType = "AWS::IAM::AssumeRolePolicyDocument"

// Request is what to validate, as ValidatePolicy takes it.
type Request struct {
	Document []byte
	Type     PolicyType
	// ResourceType is ValidatePolicyResourceType: with RESOURCE_POLICY,
	// "AWS::IAM::AssumeRolePolicyDocument" validates a role trust policy;
	// other values (AWS::S3::Bucket …) are accepted and change nothing.
	ResourceType string
}

// The policy size quotas the checks compare with (reference_iam-quotas.md
// and Organizations' quotas): managed identity policies and SCPs.
const (
	identityPolicyQuota = 6144
	scpQuota            = 5120
	trustPolicyQuota    = 2048 // the default; Service Quotas raises it to 4096
	trustPolicyQuotaMax = 4096
)

// Validate checks a policy and returns its findings sorted by position,
// then by code. cat supplies the action catalog; with nil, only the
// checks that need none run. It never panics, whatever the document.
func Validate(cat *catalog.Catalog, req Request) []Finding {
	c := &checker{cat: cat, src: req.Document, resourceType: req.ResourceType, anchors: map[int]bool{}, paths: map[string]bool{}, expanded: map[string][]*catalog.Action{}}
	switch req.Type {
	case ResourcePolicy:
		c.typ = policy.Resource
		if req.ResourceType == TrustPolicyResourceType {
			c.typ = policy.Trust
		}
	case ServiceControlPolicy:
		c.typ = policy.SCP
	case ResourceControlPolicy:
		c.typ = policy.RCP
	default:
		c.typ = policy.Identity
	}
	root, err := jsonpos.Parse(req.Document)
	if err != nil {
		pos := jsonpos.Position{Line: 1, Column: 1}
		msg := err.Error()
		if se, ok := err.(*jsonpos.SyntaxError); ok {
			pos, msg = se.Pos, se.Msg
		}
		c.addAt(JSONSyntaxError, fmt.Sprintf("Fix the JSON syntax error at index %d line %d column %d: %s.", pos.Offset, pos.Line, pos.Column-1, msg),
			nil, pos, pos)
		return c.sorted()
	}
	c.document(root)
	c.grammar()
	return c.sorted()
}

type checker struct {
	cat          *catalog.Catalog
	src          []byte
	typ          policy.Type
	resourceType string
	// covered are fragments of the policy parser's messages that a
	// specific finding already reports, so that grammar skips them.
	covered  []string
	v2012    bool
	findings []Finding
	// anchors are the offsets findings start at, and paths the paths
	// they are at, so that the grammar pass does not report the same
	// problem twice.
	anchors map[int]bool
	paths   map[string]bool
	// expanded caches action patterns' expansions, by folded pattern.
	expanded map[string][]*catalog.Action
}

func (c *checker) sorted() []Finding {
	slices.SortStableFunc(c.findings, func(a, b Finding) int {
		if n := cmp.Compare(a.Locations[0].Span.Start.Offset, b.Locations[0].Span.Start.Offset); n != 0 {
			return n
		}
		return strings.Compare(string(a.IssueCode), string(b.IssueCode))
	})
	if c.findings == nil {
		return []Finding{}
	}
	return c.findings
}

func position(p jsonpos.Position) Position {
	return Position{Line: p.Line, Column: max(p.Column-1, 0), Offset: p.Offset}
}

// addAt records a finding spanning start to end.
func (c *checker) addAt(code Code, details string, path []PathElement, start, end jsonpos.Position) {
	info, _ := code.Info()
	c.anchors[start.Offset] = true
	loc := Location{Path: slices.Clone(path), Span: Span{Start: position(start), End: position(end)}}
	c.paths[loc.PathString()] = true
	c.findings = append(c.findings, Finding{
		FindingDetails: details,
		FindingType:    info.Type,
		IssueCode:      code,
		LearnMoreLink:  code.LearnMoreLink(),
		Locations:      []Location{loc},
	})
}

// add records a finding on a value.
func (c *checker) add(code Code, details string, path []PathElement, v *jsonpos.Value) {
	c.addAt(code, details, path, v.Start, v.End)
}

// addKey records a finding on an object key.
func (c *checker) addKey(code Code, details string, path []PathElement, m *jsonpos.Member) {
	c.addAt(code, details, path, m.KeyPos, c.keyEnd(m.KeyPos))
}

// keyEnd finds the end of the quoted key starting at pos.
func (c *checker) keyEnd(pos jsonpos.Position) jsonpos.Position {
	end := pos
	if pos.Offset < 0 || pos.Offset >= len(c.src) {
		return end
	}
	i := pos.Offset + 1
	end.Offset, end.Column = i, pos.Column+1
	for i < len(c.src) {
		r, size := utf8.DecodeRune(c.src[i:])
		if r == '\\' && i+1 < len(c.src) {
			i += 2
			end.Column += 2
			continue
		}
		i += size
		end.Column++
		if r == '"' {
			break
		}
	}
	end.Offset = i
	return end
}

// Path builders.
func pv(path []PathElement, key string) []PathElement {
	return append(slices.Clip(path), PathElement{Value: &key})
}

func pk(path []PathElement, key string) []PathElement {
	return append(slices.Clip(path), PathElement{Key: &key})
}

func pi(path []PathElement, i int) []PathElement {
	return append(slices.Clip(path), PathElement{Index: &i})
}

// grammar runs the policy parser and reports, as MALFORMED_POLICY_DOCUMENT,
// what IAM would refuse and no other finding already covers.
func (c *checker) grammar() {
	_, err := policy.Parse(c.src, policy.Options{Type: c.typ})
	list, ok := err.(policy.ErrorList)
	if !ok {
		return
	}
	for _, e := range list {
		if c.anchors[e.Pos.Offset] || (e.Path != "" && c.paths[e.Path]) || c.isCovered(e.Msg) {
			continue
		}
		path := []PathElement{}
		if e.Path != "" {
			for _, part := range strings.Split(e.Path, ".") {
				name, rest, _ := strings.Cut(part, "[")
				path = pv(path, name)
				if rest != "" {
					if i, err := strconv.Atoi(strings.TrimSuffix(rest, "]")); err == nil {
						path = pi(path, i)
					}
				}
			}
		}
		c.addAt(MalformedPolicyDocument, "IAM would refuse the policy: "+e.Msg+".", path, e.Pos, e.Pos)
	}
}

func (c *checker) document(root *jsonpos.Value) {
	if root.Kind != jsonpos.Object {
		c.add(DataTypeMismatch, "The text does not match the expected JSON data type Object: a policy is a JSON object.", nil, root)
		return
	}
	var version, statement *jsonpos.Member
	for i := range root.Members {
		m := &root.Members[i]
		switch m.Key {
		case "Version":
			version = m
		case "Statement":
			statement = m
		case "Id":
		default:
			c.addKey(InvalidPolicyElement, fmt.Sprintf("The policy element %s is not valid.", m.Key), pk(nil, m.Key), m)
		}
	}
	if version == nil {
		c.addAt(MissingVersion, "We recommend that you specify the Version element to help you with debugging permission issues.", nil, root.Start, root.Start)
	} else if version.Value.Kind != jsonpos.String || (version.Value.Text != "2012-10-17" && version.Value.Text != "2008-10-17") {
		c.add(InvalidVersion, fmt.Sprintf("The version %s is not valid. Use one of the following versions: 2012-10-17, 2008-10-17", text(version.Value)), pv(nil, "Version"), version.Value)
	} else {
		c.v2012 = version.Value.Text == "2012-10-17"
	}
	if statement == nil {
		c.addAt(MissingStatement, "Add a statement to the policy", nil, root.Start, root.Start)
		return
	}
	c.size()
	sp := pv(nil, "Statement")
	var stmts []*stmt
	switch v := statement.Value; v.Kind {
	case jsonpos.Object:
		stmts = append(stmts, c.statement(v, sp))
	case jsonpos.Array:
		if len(v.Elems) == 0 {
			c.add(MissingStatement, "Add a statement to the policy", sp, v)
		}
		for i, e := range v.Elems {
			if e.Kind != jsonpos.Object {
				c.add(DataTypeMismatch, "The text does not match the expected JSON data type Object: a statement is a JSON object.", pi(sp, i), e)
				continue
			}
			stmts = append(stmts, c.statement(e, pi(sp, i)))
		}
	default:
		c.add(DataTypeMismatch, "The text does not match the expected JSON data type Array: Statement is a statement or an array of statements.", sp, v)
	}
	c.sids(stmts)
	c.redundantStatements(stmts)
}

func (c *checker) size() {
	n := jsonpos.CountNonSpace(c.src)
	switch c.typ {
	case policy.Identity:
		if n > identityPolicyQuota {
			c.addAt(PolicySizeExceedsIdentityQuota, fmt.Sprintf("The %d characters in the identity policy, excluding whitespace, exceed the %d character maximum for inline and managed policies. We recommend that you use multiple granular policies.", n, identityPolicyQuota), nil, jsonpos.Position{Line: 1, Column: 1}, jsonpos.Position{Line: 1, Column: 1})
		}
	case policy.Trust:
		if n > trustPolicyQuota {
			c.addAt(PolicySizeExceedsRoleTrustPolicyQuota, fmt.Sprintf("The %d characters in the role trust policy, excluding whitespace, exceed the %d character maximum. We recommend that you request a role trust policy length quota increase (up to %d) using Service Quotas. If the quota has already been increased, you can ignore this warning.", n, trustPolicyQuota, trustPolicyQuotaMax), nil, jsonpos.Position{Line: 1, Column: 1}, jsonpos.Position{Line: 1, Column: 1})
		}
	case policy.Resource:
		if quota := resourcePolicyQuota(c.resourceType); quota > 0 && n > quota {
			c.addAt(PolicySizeExceedsResourcePolicyQuota, fmt.Sprintf("The %d characters in the resource policy exceed the %d character maximum for resource policies of %s. We recommend that you use multiple granular policies.", n, quota, c.resourceType), nil, jsonpos.Position{Line: 1, Column: 1}, jsonpos.Position{Line: 1, Column: 1})
		}
	case policy.SCP:
		if n > scpQuota {
			c.addAt(PolicySizeExceedsSCPQuota, fmt.Sprintf("The %d characters in the service control policy (SCP) exceed the %d character maximum for SCPs. We recommend that you use multiple granular policies.", n, scpQuota), nil, jsonpos.Position{Line: 1, Column: 1}, jsonpos.Position{Line: 1, Column: 1})
		}
	}
}

// text renders a JSON value for a message.
func text(v *jsonpos.Value) string {
	switch v.Kind {
	case jsonpos.String, jsonpos.Number, jsonpos.Bool:
		return v.Text
	}
	return v.Kind.String()
}

// stmt is what the checks of one statement gather.
type stmt struct {
	v       *jsonpos.Value
	path    []PathElement
	sid     *jsonpos.Member
	allow   bool
	deny    bool
	actions []*actionEntry
	notAct  bool
	hasAct  bool
	res     []*resourceEntry
	notRes  bool
	hasRes  bool
	cond    *jsonpos.Member
	keys    []string // condition keys used, as written
	// conds are the condition keys with their operators, in order.
	conds []condRef
	// principals are the values of Principal (or NotPrincipal).
	principals []principalEntry
	notPrin    bool
	starPrin   bool // "Principal": "*"
}

// condRef is one condition key of a statement, with its operator.
type condRef struct {
	op   condition.Name
	kv   *jsonpos.Member
	path []PathElement // the key's path, as Condition.OP.KEY
}

func (c *checker) statement(v *jsonpos.Value, path []PathElement) *stmt {
	s := &stmt{v: v, path: path}
	var effect, action, notAction, resource, notResource, principal, notPrincipal *jsonpos.Member
	for i := range v.Members {
		m := &v.Members[i]
		switch m.Key {
		case "Sid":
			s.sid = m
		case "Effect":
			effect = m
		case "Action":
			action = m
		case "NotAction":
			notAction = m
		case "Resource":
			resource = m
		case "NotResource":
			notResource = m
		case "Principal":
			principal = m
		case "NotPrincipal":
			notPrincipal = m
		case "Condition":
			s.cond = m
		default:
			c.addKey(InvalidPolicyElement, fmt.Sprintf("The policy element %s is not valid.", m.Key), pk(path, m.Key), m)
		}
	}
	switch {
	case effect == nil:
		c.addAt(MissingEffect, "Add an Effect element to the policy statement with a value of Allow or Deny.", path, v.Start, v.Start)
	case effect.Value.Kind == jsonpos.String && effect.Value.Text == "Allow":
		s.allow = true
	case effect.Value.Kind == jsonpos.String && effect.Value.Text == "Deny":
		s.deny = true
	default:
		c.add(InvalidEffect, fmt.Sprintf("The effect %s is not valid. Use Allow or Deny.", text(effect.Value)), pv(path, "Effect"), effect.Value)
	}
	c.sid(s)
	c.statementActions(s, action, notAction)
	c.statementResources(s, resource, notResource)
	c.principals(s, principal, notPrincipal)
	if s.cond != nil {
		c.conditions(s)
	}
	c.trust(s)
	c.servicePrincipals(s)
	c.pairedKeys(s)
	c.irrelevantKeys(s)
	if c.cat != nil {
		c.actionsFitResources(s)
		c.passRole(s)
		c.createSLR(s)
		c.redundantActions(s)
		c.tagKeys(s)
	}
	if s.allow && s.notAct && c.typ != policy.SCP {
		c.add(AllowWithNotAction, "Using Allow with NotAction allows every action the list does not name, in every service, including actions AWS adds later. We recommend that you list the actions to allow with Action instead.", pv(path, "NotAction"), notAction.Value)
	}
	return s
}

func (c *checker) sid(s *stmt) {
	if s.sid == nil {
		return
	}
	v := s.sid.Value
	p := pv(s.path, "Sid")
	if v.Kind != jsonpos.String {
		c.add(DataTypeMismatch, "The text does not match the expected JSON data type String.", p, v)
		return
	}
	if v.Text == "" {
		c.add(EmptySidValue, "Add a value to the empty string in the Sid element.", p, v)
		return
	}
	if c.typ == policy.Resource {
		return
	}
	for _, r := range v.Text {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			c.add(UnsupportedSid, "Update the characters in the Sid element to use one of the following character types: [a-z, A-Z, 0-9]", p, v)
			return
		}
	}
}

// sids reports statement IDs used more than once.
func (c *checker) sids(stmts []*stmt) {
	seen := map[string]bool{}
	for _, s := range stmts {
		if s.sid == nil || s.sid.Value.Kind != jsonpos.String || s.sid.Value.Text == "" {
			continue
		}
		id := s.sid.Value.Text
		if seen[id] {
			if c.typ == policy.Resource {
				c.add(UniqueSidsRecommended, "We recommend that you use statement IDs that are unique to your policy. Update the Sid value.", pv(s.path, "Sid"), s.sid.Value)
			} else {
				c.add(UniqueSidsRequired, "Duplicate statement IDs are not supported for this policy type. Update the Sid value.", pv(s.path, "Sid"), s.sid.Value)
			}
		}
		seen[id] = true
	}
}

// stringsOf reads a string-or-array element. Non-strings are reported.
func (c *checker) stringsOf(m *jsonpos.Member, path []PathElement) (vals []*jsonpos.Value, paths [][]PathElement) {
	v := m.Value
	switch v.Kind {
	case jsonpos.String:
		return []*jsonpos.Value{v}, [][]PathElement{path}
	case jsonpos.Array:
		for i, e := range v.Elems {
			if e.Kind != jsonpos.String {
				c.add(DataTypeMismatch, "The text does not match the expected JSON data type String.", pi(path, i), e)
				continue
			}
			vals = append(vals, e)
			paths = append(paths, pi(path, i))
		}
		return vals, paths
	}
	c.add(DataTypeMismatch, "The text does not match the expected JSON data type String or Array of String.", path, v)
	return nil, nil
}

// cover marks a policy parser message fragment as reported.
func (c *checker) cover(fragment string) { c.covered = append(c.covered, fragment) }

func (c *checker) isCovered(msg string) bool {
	for _, f := range c.covered {
		if strings.Contains(msg, f) {
			return true
		}
	}
	return false
}
