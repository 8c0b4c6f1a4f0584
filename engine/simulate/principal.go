package simulate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/engine/eval"
)

// PrincipalPolicyRequest is IAM's SimulatePrincipalPolicy request, field
// for field.
type PrincipalPolicyRequest struct {
	PolicySourceArn                    string
	PolicyInputList                    []string       `json:",omitempty"`
	PermissionsBoundaryPolicyInputList []string       `json:",omitempty"`
	PolicyExclusionList                []string       `json:",omitempty"`
	ActionNames                        []string       `json:",omitempty"`
	ResourceArns                       []string       `json:",omitempty"`
	ResourcePolicy                     string         `json:",omitempty"`
	ResourceOwner                      string         `json:",omitempty"`
	CallerArn                          string         `json:",omitempty"`
	ContextEntries                     []ContextEntry `json:",omitempty"`
	ResourceHandlingOption             string         `json:",omitempty"`
	MaxItems                           int            `json:",omitempty"`
	Marker                             string         `json:",omitempty"`
}

// SourcePolicy is a policy of the principal: its ID (a managed policy's
// ARN or an inline policy's name), its PolicySourceType (user, group,
// role, aws-managed, user-managed) and its document.
type SourcePolicy struct {
	ID       string
	Type     string
	Document string
}

// DecodePrincipalRequest reads a SimulatePrincipalPolicy request from
// JSON, rejecting unknown fields. name prefixes errors.
func DecodePrincipalRequest(name string, data []byte) (*PrincipalPolicyRequest, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var req PrincipalPolicyRequest
	if err := dec.Decode(&req); err != nil {
		return nil, invalid("%s: %v", name, err)
	}
	if req.PolicySourceArn == "" {
		return nil, invalid("%s: PolicySourceArn is required", name)
	}
	return &req, nil
}

// PrincipalPolicy simulates the principal's policies (policies, in the
// order the account gives them, and its boundary, if any) with the
// request's additional policies, as SimulatePrincipalPolicy does. Policies
// named in PolicyExclusionList are left out. Matched statements name their
// source policy by ID and type, and the explanations do too.
//
// The caller is the principal itself (a role is simulated as a session of
// it), unless CallerArn says otherwise; a group has no caller of its own.
func PrincipalPolicy(req *PrincipalPolicyRequest, policies []SourcePolicy, boundary *SourcePolicy, opts Options) (*Response, error) {
	custom := &CustomPolicyRequest{
		ActionNames: req.ActionNames, ResourceArns: req.ResourceArns, ResourcePolicy: req.ResourcePolicy,
		ResourceOwner: req.ResourceOwner, CallerArn: req.CallerArn, ContextEntries: req.ContextEntries,
		ResourceHandlingOption: req.ResourceHandlingOption, MaxItems: req.MaxItems, Marker: req.Marker,
	}
	if custom.CallerArn == "" && !strings.Contains(req.PolicySourceArn, ":group/") {
		custom.CallerArn = req.PolicySourceArn
	}
	type source struct{ id, typ string }
	rename := map[string]source{}
	for _, p := range policies {
		if slices.Contains(req.PolicyExclusionList, p.ID) {
			continue
		}
		custom.PolicyInputList = append(custom.PolicyInputList, p.Document)
		rename["PolicyInputList."+strconv.Itoa(len(custom.PolicyInputList))] = source{p.ID, p.Type}
	}
	for i, doc := range req.PolicyInputList {
		custom.PolicyInputList = append(custom.PolicyInputList, doc)
		rename["PolicyInputList."+strconv.Itoa(len(custom.PolicyInputList))] = source{"PolicyInputList." + strconv.Itoa(i+1), "IAM Policy"}
	}
	if boundary != nil {
		custom.PermissionsBoundaryPolicyInputList = append(custom.PermissionsBoundaryPolicyInputList, boundary.Document)
		rename["PermissionsBoundaryPolicyInputList.1"] = source{boundary.ID, boundary.Type}
	}
	for i, doc := range req.PermissionsBoundaryPolicyInputList {
		custom.PermissionsBoundaryPolicyInputList = append(custom.PermissionsBoundaryPolicyInputList, doc)
		rename["PermissionsBoundaryPolicyInputList."+strconv.Itoa(len(custom.PermissionsBoundaryPolicyInputList))] = source{"PermissionsBoundaryPolicyInputList." + strconv.Itoa(i+1), "IAM Policy"}
	}
	if len(custom.PolicyInputList) == 0 {
		// A principal without policies is implicitly denied everything: a
		// statement that applies to no action says so without a special
		// case.
		custom.PolicyInputList = []string{`{"Version": "2012-10-17", "Statement": [{"Sid": "NoPolicies", "Effect": "Deny", "NotAction": "*", "Resource": "*"}]}`}
		rename["PolicyInputList.1"] = source{"(no policies)", "none"}
	}
	resp, err := CustomPolicy(custom, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", req.PolicySourceArn, err)
	}
	// Rename the sources everywhere, longest IDs first so that
	// PolicyInputList.10 is not read as PolicyInputList.1.
	ids := make([]string, 0, len(rename))
	for id := range rename {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return len(b) - len(a) })
	var pairs []string
	for _, id := range ids {
		pairs = append(pairs, id, rename[id].id)
	}
	text := strings.NewReplacer(pairs...)
	fix := func(sts []Statement) {
		for i := range sts {
			if s, ok := rename[sts[i].SourcePolicyId]; ok {
				sts[i].SourcePolicyId, sts[i].SourcePolicyType = s.id, s.typ
			}
		}
	}
	// An action's explanation is one of its resources' explanations (the
	// first that decided as the action did), not a copy: rename each
	// explanation once, or a renamed ID would be read as another
	// (PolicyInputList.4 becomes PolicyInputList.1, then the principal's
	// first policy).
	renamed := map[*eval.Explanation]bool{}
	fixExplanation := func(e *eval.Explanation) {
		if e == nil || renamed[e] {
			return
		}
		renamed[e] = true
		e.Summary = text.Replace(e.Summary)
		for i := range e.Statements {
			if s, ok := rename[e.Statements[i].PolicyID]; ok {
				e.Statements[i].PolicyID, e.Statements[i].Source = s.id, s.typ
			}
			e.Statements[i].Why = text.Replace(e.Statements[i].Why)
		}
	}
	for i := range resp.EvaluationResults {
		r := &resp.EvaluationResults[i]
		fix(r.MatchedStatements)
		fixExplanation(r.Explanation)
		for j := range r.ResourceSpecificResults {
			fix(r.ResourceSpecificResults[j].MatchedStatements)
			fixExplanation(r.ResourceSpecificResults[j].Explanation)
		}
	}
	return resp, nil
}
