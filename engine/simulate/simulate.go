// Package simulate runs IAM's SimulateCustomPolicy: it takes the request
// shape of AWS's API (as `aws iam simulate-custom-policy --cli-input-json`
// reads it) and returns the response shape, with an explanation added.
//
// # Extensions to AWS's request
//
//   - SessionPolicyInputList: the session policies of a role or federated
//     session, as JSON strings.
//   - ResourceControlPolicyInputList, inside each level of
//     OrderedOrganizationPolicyInputList: that level's RCPs.
//   - CallerArn may also be an assumed-role session
//     (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION) or a federated user
//     (arn:aws:sts::ACCOUNT:federated-user/NAME); AWS's simulator accepts
//     only users, groups and roles. A role ARN is simulated as a session of
//     that role.
//   - ResourcePolicyType: "trust" reads ResourcePolicy as a role trust
//     policy (a Principal and no Resource), so that sts:AssumeRole,
//     AssumeRoleWithWebIdentity, AssumeRoleWithSAML, sts:TagSession and
//     sts:SetSourceIdentity can be tried against it; ResourceArns then
//     names the role (arn:aws:iam::ACCOUNT:role/NAME), whose account is
//     the resource owner unless ResourceOwner says otherwise. CallerArn
//     may then also be who only a trust policy admits: a service
//     principal (ec2.amazonaws.com), or a web identity or SAML caller
//     given by its identity provider's ARN
//     (arn:aws:iam::ACCOUNT:oidc-provider/HOST, …:saml-provider/NAME) or
//     a built-in provider's name (accounts.google.com,
//     cognito-identity.amazonaws.com, www.amazon.com,
//     graph.facebook.com). "resource", or no value, is AWS's meaning: a
//     resource-based policy such as a bucket policy.
//
// # Choices
//
//   - Without CallerArn the caller is an IAM user named "simulated-caller"
//     in ResourceOwner's account, or in account 123456789012 when there is
//     no ResourceOwner either.
//   - The SCPs of OrderedOrganizationPolicyInputList govern the caller's
//     account and its RCPs the resource owner's account; the simulator
//     cannot say that an account is the management account (which neither
//     governs).
//   - Context keys are used as given; nothing is filled in from CallerArn,
//     so a policy that reads aws:username reports it under
//     MissingContextValues, as AWS's simulator does.
//   - EvalResourceName at the top level is "*": AWS now reports the
//     action's resource ARN template there, which needs the service
//     catalog; the decision for each resource is in ResourceSpecificResults.
package simulate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/arn"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/jsonpos"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
)

// CustomPolicyRequest is SimulateCustomPolicy's request, with iamlab's
// extensions (see the package documentation).
type CustomPolicyRequest struct {
	PolicyInputList                    []string
	PermissionsBoundaryPolicyInputList []string            `json:",omitempty"`
	SessionPolicyInputList             []string            `json:",omitempty"`
	OrderedOrganizationPolicyInputList []OrganizationLevel `json:",omitempty"`
	ActionNames                        []string
	ResourceArns                       []string       `json:",omitempty"`
	ResourcePolicy                     string         `json:",omitempty"`
	ResourcePolicyType                 string         `json:",omitempty"` // "resource" (or empty) or "trust"
	ResourceOwner                      string         `json:",omitempty"`
	CallerArn                          string         `json:",omitempty"`
	ContextEntries                     []ContextEntry `json:",omitempty"`
	ResourceHandlingOption             string         `json:",omitempty"`
	MaxItems                           int            `json:",omitempty"`
	Marker                             string         `json:",omitempty"`
}

// OrganizationLevel is one level of the organization, root first.
type OrganizationLevel struct {
	ServiceControlPolicyInputList  []string `json:",omitempty"`
	ResourceControlPolicyInputList []string `json:",omitempty"`
}

// ContextEntry is one context key given to the simulation.
type ContextEntry struct {
	ContextKeyName   string
	ContextKeyValues []string
	ContextKeyType   eval.ValueType
}

// Response is SimulateCustomPolicy's response.
type Response struct {
	EvaluationResults []EvaluationResult
	IsTruncated       bool
}

// EvaluationResult is the result for one action, over every resource.
type EvaluationResult struct {
	EvalActionName                    string
	EvalResourceName                  string
	EvalDecision                      eval.Decision
	MatchedStatements                 []Statement
	MissingContextValues              []string
	OrganizationsDecisionDetail       *OrganizationsDecisionDetail       `json:",omitempty"`
	PermissionsBoundaryDecisionDetail *PermissionsBoundaryDecisionDetail `json:",omitempty"`
	EvalDecisionDetails               map[string]eval.Decision           `json:",omitempty"`
	ResourceSpecificResults           []ResourceSpecificResult
	// Explanation explains the decision (iamlab's addition): for the first
	// resource whose decision is the action's decision.
	Explanation *eval.Explanation
}

// ResourceSpecificResult is the result for one action on one resource.
type ResourceSpecificResult struct {
	EvalResourceName                  string
	EvalResourceDecision              eval.Decision
	MatchedStatements                 []Statement
	MissingContextValues              []string
	EvalDecisionDetails               map[string]eval.Decision           `json:",omitempty"`
	PermissionsBoundaryDecisionDetail *PermissionsBoundaryDecisionDetail `json:",omitempty"`
	Explanation                       *eval.Explanation
}

// Statement is a statement that decided, as IAM reports it.
type Statement struct {
	SourcePolicyId   string
	SourcePolicyType string
	StartPosition    jsonpos.Position
	EndPosition      jsonpos.Position
}

// OrganizationsDecisionDetail says whether the organization's policies allowed.
type OrganizationsDecisionDetail struct {
	AllowedByOrganizations bool
}

// PermissionsBoundaryDecisionDetail says whether the boundary allowed.
type PermissionsBoundaryDecisionDetail struct {
	AllowedByPermissionsBoundary bool
}

// Error is a request the simulator refuses, with IAM's error code
// (InvalidInput or MalformedPolicyDocument).
type Error struct {
	Code string
	Err  error
}

func (e *Error) Error() string { return e.Code + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func invalid(format string, args ...any) error {
	return &Error{Code: "InvalidInput", Err: fmt.Errorf(format, args...)}
}

// DefaultAccount is the caller's account when neither CallerArn nor
// ResourceOwner names one.
const DefaultAccount = "123456789012"

// DecodeRequest reads a request from JSON, rejecting unknown fields. name
// prefixes error positions (e.g. the file name).
func DecodeRequest(name string, data []byte) (*CustomPolicyRequest, error) {
	root, err := jsonpos.Parse(data)
	if err != nil {
		return nil, &Error{Code: "InvalidInput", Err: fmt.Errorf("%s:%v", name, err)}
	}
	// encoding/json matches field names regardless of case; the AWS CLI
	// does not, so names are checked exactly first.
	if err := checkFields(name, root, "", requestFields()); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var req CustomPolicyRequest
	if err := dec.Decode(&req); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, invalid("%s:%s %s: expected %s, got JSON %s", name, jsonpos.PositionAt(data, int(te.Offset)), te.Field, goTypeName(te.Type.String()), te.Value)
		}
		return nil, invalid("%s: %v", name, err)
	}
	return &req, nil
}

// fieldSet lists the members an object may have, and for each member whose
// elements are objects, theirs.
type fieldSet map[string]fieldSet

// requestFields is the request's shape, for checkFields.
func requestFields() fieldSet {
	return fieldSet{
		"PolicyInputList": nil, "PermissionsBoundaryPolicyInputList": nil, "SessionPolicyInputList": nil,
		"OrderedOrganizationPolicyInputList": {"ServiceControlPolicyInputList": nil, "ResourceControlPolicyInputList": nil},
		"ActionNames":                        nil, "ResourceArns": nil, "ResourcePolicy": nil, "ResourcePolicyType": nil, "ResourceOwner": nil, "CallerArn": nil,
		"ContextEntries":         {"ContextKeyName": nil, "ContextKeyValues": nil, "ContextKeyType": nil},
		"ResourceHandlingOption": nil, "MaxItems": nil, "Marker": nil,
	}
}

// checkFields reports the first member name that is not one of fields,
// with its position and JSON path.
func checkFields(name string, v *jsonpos.Value, path string, fields fieldSet) error {
	if v.Kind != jsonpos.Object {
		if path == "" {
			return invalid("%s:%s the request must be a JSON object, got %s", name, v.Start, v.Kind)
		}
		return nil
	}
	for _, m := range v.Members {
		sub, ok := fields[m.Key]
		if !ok {
			want := make([]string, 0, len(fields))
			for f := range fields {
				want = append(want, f)
			}
			sort.Strings(want)
			return invalid("%s:%s unknown parameter %q%s: must be one of %s (names are case-sensitive)",
				name, m.KeyPos, m.Key, inPath(path), strings.Join(want, ", "))
		}
		if sub != nil && m.Value.Kind == jsonpos.Array {
			for i, e := range m.Value.Elems {
				if err := checkFields(name, e, fmt.Sprintf("%s%s[%d]", dot(path), m.Key, i), sub); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func inPath(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}

func dot(path string) string {
	if path == "" {
		return ""
	}
	return path + "."
}

func goTypeName(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "an array"
	case t == "string":
		return "a string"
	case strings.HasPrefix(t, "int"):
		return "a number"
	case strings.Contains(t, "ValueType"):
		return "a context key type name"
	}
	return "an object"
}

// Options are what a simulation runs with besides its request.
type Options struct {
	// Operators provides plugin condition operators (Plugin:Name); nil
	// means none, and a policy naming one is malformed.
	Operators condition.Operators
}

// CustomPolicy runs a simulation.
func CustomPolicy(req *CustomPolicyRequest, opts Options) (*Response, error) {
	s, err := prepare(req, opts)
	if err != nil {
		return nil, err
	}
	resp := &Response{EvaluationResults: []EvaluationResult{}}
	for _, action := range req.ActionNames {
		resp.EvaluationResults = append(resp.EvaluationResults, s.action(action))
	}
	return resp, nil
}

// simulation is a request made ready to evaluate.
type simulation struct {
	req         *CustomPolicyRequest
	policies    eval.Policies
	caller      principal.Principal
	owner       string
	resources   []string
	context     eval.Context
	hasOrg      bool
	hasBoundary bool
}

func prepare(req *CustomPolicyRequest, opts Options) (*simulation, error) {
	if len(req.ActionNames) == 0 {
		return nil, invalid("ActionNames: at least one action is required")
	}
	for i, a := range req.ActionNames {
		if a == "" || !strings.Contains(a, ":") {
			return nil, invalid("ActionNames[%d]: %q is not an action: write service:Action, e.g. s3:GetObject", i, a)
		}
	}
	if req.ResourcePolicy != "" && req.CallerArn == "" {
		return nil, invalid("CallerArn is required with a ResourcePolicy, so that its Principal element has a caller to match")
	}
	resourceType := policy.Resource
	switch req.ResourcePolicyType {
	case "", "resource":
	case "trust":
		resourceType = policy.Trust
	default:
		return nil, invalid("ResourcePolicyType: %q is not a resource policy type: want \"resource\" (a resource-based policy, the default) or \"trust\" (a role trust policy)", req.ResourcePolicyType)
	}
	s := &simulation{req: req, resources: req.ResourceArns}
	if len(s.resources) == 0 {
		s.resources = []string{"*"}
	}
	for i, r := range s.resources {
		if r != "*" && !arn.IsARN(r) {
			return nil, invalid("ResourceArns[%d]: %q is not an ARN (arn:partition:service:region:account:resource) or \"*\"", i, r)
		}
	}
	if req.ResourceOwner != "" {
		acct, err := accountOf(req.ResourceOwner)
		if err != nil {
			return nil, invalid("ResourceOwner: %v", err)
		}
		s.owner = acct
	}
	if resourceType == policy.Trust {
		roleAccount, err := trustedRole(req.ResourceArns)
		if err != nil {
			return nil, err
		}
		if s.owner == "" {
			s.owner = roleAccount
		}
	}
	if req.CallerArn != "" {
		p, err := principal.FromARN(req.CallerArn)
		if err != nil && resourceType == policy.Trust {
			var ok bool
			if p, ok = trustCaller(req.CallerArn); ok {
				err = nil
			} else {
				err = fmt.Errorf("%w, nor a service principal (ec2.amazonaws.com), an identity provider's ARN (arn:aws:iam::ACCOUNT:oidc-provider/HOST or saml-provider/NAME) or a built-in web identity provider (accounts.google.com, cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com)", err)
			}
		}
		if err != nil {
			return nil, invalid("CallerArn: %v", err)
		}
		s.caller = p
	} else {
		acct := s.owner
		if acct == "" {
			acct = DefaultAccount
		}
		s.caller = principal.Principal{Type: principal.User, Account: acct, ARN: "arn:aws:iam::" + acct + ":user/simulated-caller"}
	}
	if s.owner == "" {
		s.owner = s.caller.Account
	}

	var err error
	var errs []error
	parse := func(list []string, field string, typ policy.Type, source string) []eval.Policy {
		out := make([]eval.Policy, 0, len(list))
		for i, doc := range list {
			id := field + "." + strconv.Itoa(i+1)
			if field == "ResourcePolicy" {
				id = field
			}
			d, perr := policy.Parse([]byte(doc), policy.Options{Type: typ, Name: id, Operators: opts.Operators})
			if perr != nil {
				errs = append(errs, perr)
				continue
			}
			out = append(out, eval.Policy{ID: id, Source: source, Doc: d})
		}
		return out
	}
	s.policies.Identity = parse(req.PolicyInputList, "PolicyInputList", policy.Identity, "none")
	if len(req.PermissionsBoundaryPolicyInputList) > 1 {
		return nil, invalid("PermissionsBoundaryPolicyInputList: an entity has at most one permissions boundary, got %d", len(req.PermissionsBoundaryPolicyInputList))
	}
	if len(req.PermissionsBoundaryPolicyInputList) > 0 {
		s.hasBoundary = true
		s.policies.Boundary = parse(req.PermissionsBoundaryPolicyInputList, "PermissionsBoundaryPolicyInputList", policy.Boundary, "none")
	}
	if req.SessionPolicyInputList != nil {
		s.policies.Session = parse(req.SessionPolicyInputList, "SessionPolicyInputList", policy.Session, "none")
	}
	if req.ResourcePolicy != "" {
		s.policies.Resource = parse([]string{req.ResourcePolicy}, "ResourcePolicy", resourceType, "resource")
	}
	if len(req.OrderedOrganizationPolicyInputList) > 7 {
		return nil, invalid("OrderedOrganizationPolicyInputList: at most 7 levels (root, up to 5 OUs, account), got %d", len(req.OrderedOrganizationPolicyInputList))
	}
	hasRCP := false
	for i, lvl := range req.OrderedOrganizationPolicyInputList {
		name := levelName(i)
		field := "OrderedOrganizationPolicyInputList[" + strconv.Itoa(i) + "]."
		s.policies.SCP = append(s.policies.SCP, eval.Level{Name: name, Policies: parse(lvl.ServiceControlPolicyInputList, field+"ServiceControlPolicyInputList", policy.SCP, "none")})
		s.policies.RCP = append(s.policies.RCP, eval.Level{Name: name, Policies: parse(lvl.ResourceControlPolicyInputList, field+"ResourceControlPolicyInputList", policy.RCP, "none")})
		hasRCP = hasRCP || len(lvl.ResourceControlPolicyInputList) > 0
	}
	s.hasOrg = len(req.OrderedOrganizationPolicyInputList) > 0
	if !hasRCP {
		s.policies.RCP = nil
	}
	if len(errs) > 0 {
		return nil, &Error{Code: "MalformedPolicyDocument", Err: errors.Join(errs...)}
	}
	if s.context, err = contextOf(req.ContextEntries); err != nil {
		return nil, err
	}
	return s, nil
}

// trustedRole checks that the resources of a trust policy simulation name
// one role, and returns its account.
func trustedRole(resources []string) (string, error) {
	if len(resources) != 1 {
		return "", invalid("ResourceArns: with ResourcePolicyType \"trust\", name the one role whose trust policy ResourcePolicy is (arn:aws:iam::ACCOUNT:role/NAME), got %d ARNs", len(resources))
	}
	a, err := arn.Parse(resources[0])
	if err != nil || a.Service != "iam" || !strings.HasPrefix(a.Resource, "role/") || !arn.IsAccountID(a.Account) {
		return "", invalid("ResourceArns[0]: with ResourcePolicyType \"trust\", %q must be a role's ARN (arn:aws:iam::ACCOUNT:role/NAME)", resources[0])
	}
	return a.Account, nil
}

// trustCaller reads the callers that only a trust policy admits: a
// service principal (ec2.amazonaws.com), an identity provider's ARN for a
// web identity or SAML caller (arn:aws:iam::ACCOUNT:oidc-provider/HOST,
// arn:aws:iam::ACCOUNT:saml-provider/NAME), or one of the web identity
// providers AWS builds in. They match the Principal element's Service and
// Federated entries.
func trustCaller(s string) (principal.Principal, bool) {
	switch s {
	case "accounts.google.com", "cognito-identity.amazonaws.com", "www.amazon.com", "graph.facebook.com":
		return principal.Principal{Type: principal.WebIdentity, Issuer: s}, true
	}
	if a, err := arn.Parse(s); err == nil {
		kind, name, _ := strings.Cut(a.Resource, "/")
		if a.Service != "iam" || !arn.IsAccountID(a.Account) || name == "" {
			return principal.Principal{}, false
		}
		switch kind {
		case "oidc-provider":
			return principal.Principal{Type: principal.WebIdentity, Issuer: s}, true
		case "saml-provider":
			return principal.Principal{Type: principal.SAML, Issuer: s}, true
		}
		return principal.Principal{}, false
	}
	host, ok := strings.CutSuffix(s, ".amazonaws.com")
	if !ok || host == "" || strings.ContainsAny(host, " /:*?") {
		return principal.Principal{}, false
	}
	return principal.Principal{Type: principal.Service, Service: s}, true
}

func levelName(i int) string {
	if i == 0 {
		return "root"
	}
	return "level " + strconv.Itoa(i)
}

// accountOf reads an account from "arn:aws:iam::ACCOUNT:root" or a bare ID.
func accountOf(s string) (string, error) {
	if arn.IsAccountID(s) {
		return s, nil
	}
	if acct, ok := arn.AccountOf(s); ok && arn.IsAccountID(acct) {
		return acct, nil
	}
	return "", fmt.Errorf("%q is not an account: write arn:aws:iam::ACCOUNT-ID:root", s)
}

// contextOf checks each entry's values against its type and builds the
// evaluation context.
func contextOf(entries []ContextEntry) (eval.Context, error) {
	var c eval.Context
	seen := map[string]bool{}
	for i, e := range entries {
		field := "ContextEntries[" + strconv.Itoa(i) + "]"
		if e.ContextKeyName == "" {
			return c, invalid("%s.ContextKeyName: required", field)
		}
		if seen[strings.ToLower(e.ContextKeyName)] {
			return c, invalid("%s.ContextKeyName: %q is given twice (keys are case-insensitive)", field, e.ContextKeyName)
		}
		seen[strings.ToLower(e.ContextKeyName)] = true
		if !e.ContextKeyType.IsList() && len(e.ContextKeyValues) > 1 {
			return c, invalid("%s.ContextKeyValues: type %s takes one value, got %d (use %sList)", field, e.ContextKeyType, len(e.ContextKeyValues), e.ContextKeyType)
		}
		for j, v := range e.ContextKeyValues {
			if msg := checkValue(e.ContextKeyType, v); msg != "" {
				return c, invalid("%s.ContextKeyValues[%d]: %q %s", field, j, v, msg)
			}
		}
		c.Set(e.ContextKeyName, e.ContextKeyType, e.ContextKeyValues...)
	}
	return c, nil
}

func checkValue(t eval.ValueType, v string) string {
	switch t {
	case eval.Numeric, eval.NumericList:
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return "is not a number"
		}
	case eval.Boolean, eval.BooleanList:
		if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
			return `is not a boolean ("true" or "false")`
		}
	case eval.IP, eval.IPList:
		if _, err := netip.ParseAddr(v); err != nil {
			if _, err := netip.ParsePrefix(v); err != nil {
				return "is not an IP address"
			}
		}
	case eval.Date, eval.DateList:
		if _, err := strconv.ParseInt(v, 10, 64); err == nil {
			return ""
		}
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04Z07:00", "2006-01-02"} {
			if _, err := time.Parse(layout, v); err == nil {
				return ""
			}
		}
		return "is not a date (ISO 8601, e.g. 2026-01-02T15:04:05Z, or epoch seconds)"
	}
	return ""
}

// action simulates one action on every resource.
func (s *simulation) action(action string) EvaluationResult {
	res := EvaluationResult{EvalActionName: action, EvalResourceName: "*", EvalDecision: eval.Allowed,
		MatchedStatements: []Statement{}, MissingContextValues: []string{}, ResourceSpecificResults: []ResourceSpecificResult{}}
	missing := map[string]bool{}
	seenStmt := map[Statement]bool{}
	boundaryAllowed, orgAllowed := true, true
	for _, resource := range s.resources {
		r := &eval.Request{Principal: s.caller, Action: action, Resource: resource, ResourceAccount: s.owner, Context: s.context}
		e := eval.Explain(&s.policies, r)
		rr := ResourceSpecificResult{EvalResourceName: resource, EvalResourceDecision: e.Decision,
			MatchedStatements: statements(e.Matched), MissingContextValues: e.MissingContextValues, Explanation: e}
		for _, t := range e.PolicyTypes {
			switch t.Type {
			case policy.Boundary:
				boundaryAllowed = boundaryAllowed && t.Verdict == eval.VerdictAllow
				rr.PermissionsBoundaryDecisionDetail = &PermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: t.Verdict == eval.VerdictAllow}
			case policy.SCP, policy.RCP:
				orgAllowed = orgAllowed && (t.Verdict == eval.VerdictAllow || t.Verdict == eval.VerdictAbsent)
			}
		}
		if s.owner != s.caller.Account {
			rr.EvalDecisionDetails = decisionDetails(e)
		}
		res.ResourceSpecificResults = append(res.ResourceSpecificResults, rr)
		if worse(e.Decision, res.EvalDecision) {
			res.EvalDecision = e.Decision
		}
		for _, st := range rr.MatchedStatements {
			if !seenStmt[st] {
				seenStmt[st] = true
				res.MatchedStatements = append(res.MatchedStatements, st)
			}
		}
		for _, k := range e.MissingContextValues {
			if !missing[strings.ToLower(k)] {
				missing[strings.ToLower(k)] = true
				res.MissingContextValues = append(res.MissingContextValues, k)
			}
		}
	}
	for i := range res.ResourceSpecificResults {
		if res.ResourceSpecificResults[i].EvalResourceDecision == res.EvalDecision {
			res.Explanation = res.ResourceSpecificResults[i].Explanation
			res.EvalDecisionDetails = res.ResourceSpecificResults[i].EvalDecisionDetails
			break
		}
	}
	if res.EvalDecision != eval.Allowed {
		// Only the statements of the resources that decided count.
		res.MatchedStatements = []Statement{}
		for _, rr := range res.ResourceSpecificResults {
			if rr.EvalResourceDecision == res.EvalDecision {
				res.MatchedStatements = appendNew(res.MatchedStatements, rr.MatchedStatements)
			}
		}
	}
	if s.hasOrg {
		res.OrganizationsDecisionDetail = &OrganizationsDecisionDetail{AllowedByOrganizations: orgAllowed}
	}
	if s.hasBoundary {
		res.PermissionsBoundaryDecisionDetail = &PermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: boundaryAllowed}
	}
	return res
}

func appendNew(dst, src []Statement) []Statement {
	for _, st := range src {
		dup := false
		for _, d := range dst {
			if d == st {
				dup = true
				break
			}
		}
		if !dup {
			dst = append(dst, st)
		}
	}
	return dst
}

// worse orders decisions: an explicit deny outranks an implicit deny,
// which outranks an allow.
func worse(a, b eval.Decision) bool {
	rank := func(d eval.Decision) int {
		switch d {
		case eval.ExplicitDeny:
			return 2
		case eval.ImplicitDeny:
			return 1
		}
		return 0
	}
	return rank(a) > rank(b)
}

func statements(ts []eval.StatementTrace) []Statement {
	out := make([]Statement, 0, len(ts))
	for _, t := range ts {
		out = append(out, Statement{SourcePolicyId: t.PolicyID, SourcePolicyType: t.Source, StartPosition: t.Start, EndPosition: t.End})
	}
	return out
}

// decisionDetails says, for a cross-account simulation, what each side's
// policies decided on their own.
func decisionDetails(e *eval.Explanation) map[string]eval.Decision {
	out := map[string]eval.Decision{}
	for _, t := range e.PolicyTypes {
		var key string
		switch t.Type {
		case policy.Identity:
			key = "IAM Policy"
		case policy.Resource:
			key = "Resource Policy"
		case policy.Boundary:
			key = "Permissions Boundary Policy"
		case policy.Session:
			key = "Session Policy"
		default:
			continue
		}
		d := eval.ImplicitDeny
		switch t.Verdict {
		case eval.VerdictAllow:
			d = eval.Allowed
		case eval.VerdictDeny:
			d = eval.ExplicitDeny
		}
		out[key] = d
	}
	return out
}
