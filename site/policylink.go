package site

import (
	"encoding/json"
	"fmt"
	"strings"
)

// policyLink renders, under a ```json block whose info string names its
// policy type the way Access Analyzer's ValidatePolicy does
// (```json policy-type=IDENTITY_POLICY, with resource-type=… for a
// resource policy), a link that opens the policy in the playground's pane
// for that type, where the editor shows its validation findings inline.
// A block without policy-type, or of a type the playground has no pane
// for, gets nothing; an unknown policy-type is an error of the page.
func (m *markdown) policyLink(info, policy string, line int) string {
	var policyType, resourceType string
	for _, f := range strings.Fields(info)[1:] {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "policy-type":
			policyType = v
		case "resource-type":
			resourceType = v
		}
	}
	if policyType == "" {
		return ""
	}
	st := playgroundState{V: 1, Identity: []string{""}, SCPs: []string{}, Context: []contextRow{}}
	switch policyType {
	case "IDENTITY_POLICY":
		st.Identity = []string{policy}
	case "RESOURCE_POLICY":
		st.Resource = policy
		if resourceType == "AWS::IAM::AssumeRolePolicyDocument" {
			st.ResourceType = "trust"
		}
	case "SERVICE_CONTROL_POLICY":
		st.SCPs = []string{policy}
	case "RESOURCE_CONTROL_POLICY":
		return "" // the playground has no pane of its own for RCPs
	default:
		m.errs = append(m.errs, &Error{File: m.page.File, Line: line, Msg: fmt.Sprintf("json block: unknown policy-type %q (IDENTITY_POLICY, RESOURCE_POLICY, SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY)", policyType)})
		return ""
	}
	st.Caller = "arn:aws:iam::111122223333:user/alice"
	st.Actions = firstAction(policy)
	if st.ResourceType == "trust" {
		st.Actions = "sts:AssumeRole"
		st.Resources = "arn:aws:iam::111122223333:role/Example"
	}
	frag, err := st.shareFragment()
	if err != nil {
		m.errs = append(m.errs, &Error{File: m.page.File, Line: line, Msg: "json block: share link: " + err.Error()})
		return ""
	}
	return fmt.Sprintf(`<p class="policy-open"><a href="/playground/#s=%s" data-testid="policy-open">Open this policy in the playground</a>: its editor marks the findings inline.</p>`+"\n", frag)
}

// firstAction is the request the link starts with: the policy's first
// action named without wildcards, or s3:GetObject when it names none (or
// does not parse — the page is about that, then).
func firstAction(policy string) string {
	var doc struct {
		Statement json.RawMessage
	}
	if json.Unmarshal([]byte(policy), &doc) == nil {
		var list []map[string]json.RawMessage
		if json.Unmarshal(doc.Statement, &list) != nil {
			var one map[string]json.RawMessage
			if json.Unmarshal(doc.Statement, &one) == nil {
				list = []map[string]json.RawMessage{one}
			}
		}
		for _, st := range list {
			for _, key := range []string{"Action", "NotAction"} {
				var names []string
				if json.Unmarshal(st[key], &names) != nil {
					var name string
					if json.Unmarshal(st[key], &name) == nil {
						names = []string{name}
					}
				}
				for _, n := range names {
					if n != "" && !strings.ContainsAny(n, "*?") {
						return n
					}
				}
			}
		}
	}
	return "s3:GetObject"
}
