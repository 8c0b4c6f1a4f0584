package site

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/tools/txtar"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/simulate"
)

// An example is a fenced ```iam-playground block of a page: a txtar
// archive of policies, a request and the decisions the page claims.
//
//	-- identity --          (any number; also resource or trust, boundary,
//	{ "Version": … }         session, and scp, one per organization level,
//	                         root first)
//	-- request --
//	caller: arn:aws:iam::111122223333:user/alice
//	actions: s3:GetObject, s3:PutObject
//	resources: arn:aws:s3:::reports/q3.pdf
//	owner: 444455556666
//	context: aws:SourceIp ip 203.0.113.7
//	-- expect --
//	s3:GetObject on arn:aws:s3:::reports/q3.pdf: allowed
//	s3:PutObject on arn:aws:s3:::reports/q3.pdf: implicitDeny
//
// The build runs it with the native engine and fails when a decision is
// not the one the page claims; the page shows the policies, the request
// and the decisions without JavaScript, a link that opens the example in
// the playground, and, with JavaScript, runs it editable in the page.
type example struct {
	state  playgroundState
	expect []expectation
}

type expectation struct {
	action, resource, decision string
	line                       int // in the block, 0-based
}

// playgroundState is the playground's state (site/web/src/playground/state.ts),
// as share links carry it.
type playgroundState struct {
	V         int              `json:"v"`
	Identity  []string         `json:"identity"`
	Resource  string           `json:"resource"`
	Boundary  string           `json:"boundary"`
	SCPs      []string         `json:"scps"`
	Session   string           `json:"session"`
	Caller    string           `json:"caller"`
	Actions   string           `json:"actions"`
	Resources string           `json:"resources"`
	Owner     string           `json:"owner"`
	Context   []contextRow     `json:"context"`
	Mode      string           `json:"mode,omitempty"`     // policies (when empty) or scenario
	Scenario  string           `json:"scenario,omitempty"` // the scenario mode's text
	Files     []playgroundFile `json:"files,omitempty"`    // the files the scenario may read

	// ResourceType is "trust" when Resource is a role trust policy (a
	// -- trust -- section), else empty: a resource-based policy.
	ResourceType string `json:"resourceType,omitempty"`
}

// playgroundFile is a file of the playground's scenario mode.
type playgroundFile struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

type contextRow struct {
	Key    string `json:"key"`
	Type   string `json:"type"`
	Values string `json:"values"`
}

var expectLine = regexp.MustCompile(`^(\S+) on (\S+): (allowed|explicitDeny|implicitDeny)$`)

// parseExample reads a block; problems are reported with their line in
// the block (0-based).
func parseExample(src []byte) (*example, int, error) {
	a := txtar.Parse(src)
	ex := &example{state: playgroundState{V: 1, Identity: []string{}, SCPs: []string{}, Context: []contextRow{}}}
	line := bytes.Count(a.Comment, []byte("\n"))
	if strings.TrimSpace(string(a.Comment)) != "" {
		return nil, 0, fmt.Errorf("text before the first -- section --")
	}
	seenRequest := false
	for _, f := range a.Files {
		start := line + 1 // the line after "-- name --"
		line = start + bytes.Count(f.Data, []byte("\n"))
		text := strings.TrimRight(string(f.Data), "\n")
		switch f.Name {
		case "identity":
			ex.state.Identity = append(ex.state.Identity, text)
		case "scp":
			ex.state.SCPs = append(ex.state.SCPs, text)
		case "resource", "trust":
			if ex.state.Resource != "" {
				return nil, start - 1, fmt.Errorf("a second resource or trust section: the resource has one policy")
			}
			ex.state.Resource = text
			if f.Name == "trust" {
				ex.state.ResourceType = "trust"
			}
		case "boundary":
			ex.state.Boundary = text
		case "session":
			ex.state.Session = text
		case "request":
			seenRequest = true
			for i, l := range strings.Split(text, "\n") {
				key, value, ok := strings.Cut(l, ":")
				value = strings.TrimSpace(value)
				if !ok && strings.TrimSpace(l) == "" {
					continue
				}
				switch strings.TrimSpace(key) {
				case "caller":
					ex.state.Caller = value
				case "actions":
					ex.state.Actions = value
				case "resources":
					ex.state.Resources = value
				case "owner":
					ex.state.Owner = value
				case "context":
					parts := strings.Fields(value)
					if len(parts) < 3 {
						return nil, start + i, fmt.Errorf("context: write KEY TYPE VALUE[,VALUE…], e.g. aws:SourceIp ip 203.0.113.7")
					}
					ex.state.Context = append(ex.state.Context, contextRow{Key: parts[0], Type: parts[1], Values: strings.Join(parts[2:], " ")})
				default:
					return nil, start + i, fmt.Errorf("request: unknown line %q: want caller, actions, resources, owner or context", l)
				}
			}
		case "expect":
			for i, l := range strings.Split(text, "\n") {
				if strings.TrimSpace(l) == "" {
					continue
				}
				m := expectLine.FindStringSubmatch(strings.TrimSpace(l))
				if m == nil {
					return nil, start + i, fmt.Errorf("expect: write ACTION on RESOURCE: allowed|explicitDeny|implicitDeny, got %q", l)
				}
				ex.expect = append(ex.expect, expectation{action: m[1], resource: m[2], decision: m[3], line: start + i})
			}
		default:
			return nil, start - 1, fmt.Errorf("unknown section %q: want identity, resource, trust, boundary, scp, session, request or expect", f.Name)
		}
	}
	if !seenRequest {
		return nil, 0, fmt.Errorf("no -- request -- section")
	}
	if len(ex.expect) == 0 {
		return nil, 0, fmt.Errorf("no -- expect -- section: say what the engine decides, so that the build can check it")
	}
	if len(ex.state.Identity) == 0 {
		ex.state.Identity = []string{""}
	}
	return ex, 0, nil
}

// request builds the simulation request, as the playground does.
func (s *playgroundState) request() *simulate.CustomPolicyRequest {
	list := func(text string) []string {
		return strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\t' })
	}
	req := &simulate.CustomPolicyRequest{PolicyInputList: []string{}, ActionNames: list(s.Actions), ResourceArns: list(s.Resources),
		CallerArn: s.Caller, ResourceOwner: s.Owner, ResourcePolicy: s.Resource, ResourcePolicyType: s.ResourceType}
	for _, p := range s.Identity {
		if strings.TrimSpace(p) != "" {
			req.PolicyInputList = append(req.PolicyInputList, p)
		}
	}
	if strings.TrimSpace(s.Boundary) != "" {
		req.PermissionsBoundaryPolicyInputList = []string{s.Boundary}
	}
	if strings.TrimSpace(s.Session) != "" {
		req.SessionPolicyInputList = []string{s.Session}
	}
	for _, p := range s.SCPs {
		if strings.TrimSpace(p) != "" {
			req.OrderedOrganizationPolicyInputList = append(req.OrderedOrganizationPolicyInputList, simulate.OrganizationLevel{ServiceControlPolicyInputList: []string{p}})
		}
	}
	for _, c := range s.Context {
		var t eval.ValueType
		if err := t.UnmarshalText([]byte(c.Type)); err != nil {
			t = eval.String
		}
		values := []string{strings.TrimSpace(c.Values)}
		if t.IsList() {
			values = list(c.Values)
		}
		req.ContextEntries = append(req.ContextEntries, simulate.ContextEntry{ContextKeyName: c.Key, ContextKeyType: t, ContextKeyValues: values})
	}
	return req
}

// shareFragment encodes the state as the playground's share links do:
// JSON, raw DEFLATE, base64url.
func (s *playgroundState) shareFragment() (string, error) {
	data, err := json.Marshal(s)
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, flate.BestCompression)
	if err != nil {
		return "", err
	}
	w.Write(data)
	if err := w.Close(); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b.Bytes()), nil
}

// renderExample checks a block against the native engine and renders it.
// blockLine is the file line of the block's first line.
func (m *markdown) renderExample(src []byte, blockLine int) string {
	fail := func(line int, format string, args ...any) string {
		m.errs = append(m.errs, &Error{File: m.page.File, Line: blockLine + line, Msg: "iam-playground: " + fmt.Sprintf(format, args...)})
		return ""
	}
	ex, line, err := parseExample(src)
	if err != nil {
		return fail(line, "%v", err)
	}
	resp, err := simulate.CustomPolicy(ex.state.request(), simulate.Options{})
	if err != nil {
		return fail(0, "the engine refuses the example: %v", err)
	}
	type row struct{ Action, Resource, Decision, Summary string }
	got := map[[2]string]row{}
	var rows []row
	for _, r := range resp.EvaluationResults {
		for _, rr := range r.ResourceSpecificResults {
			summary := ""
			if rr.Explanation != nil {
				summary = rr.Explanation.Summary
			}
			x := row{r.EvalActionName, rr.EvalResourceName, rr.EvalResourceDecision.String(), summary}
			got[[2]string{x.Action, x.Resource}] = x
			rows = append(rows, x)
		}
	}
	for _, e := range ex.expect {
		g, ok := got[[2]string{e.action, e.resource}]
		switch {
		case !ok:
			return fail(e.line, "the example does not simulate %s on %s", e.action, e.resource)
		case g.Decision != e.decision:
			return fail(e.line, "%s on %s: the page says %s, the engine decides %s (%s)", e.action, e.resource, e.decision, g.Decision, g.Summary)
		}
	}
	if len(ex.expect) != len(rows) {
		return fail(0, "the expect section lists %d decisions, the example makes %d: list every one", len(ex.expect), len(rows))
	}
	frag, err := ex.state.shareFragment()
	if err != nil {
		return fail(0, "share link: %v", err)
	}
	stateJSON, err := json.Marshal(ex.state)
	if err != nil {
		return fail(0, "%v", err)
	}
	var b strings.Builder
	b.WriteString(`<figure class="iam-playground" data-testid="iam-playground">`)
	b.WriteString(`<div class="ipg-static">`)
	policy := func(label, text string) {
		if strings.TrimSpace(text) == "" {
			return
		}
		fmt.Fprintf(&b, `<p class="ipg-label">%s</p>`, template.HTMLEscapeString(label))
		b.WriteString(highlight("json", text+"\n"))
	}
	for i, p := range ex.state.Identity {
		label := "Identity-based policy"
		if len(ex.state.Identity) > 1 {
			label += " " + strconv.Itoa(i+1)
		}
		policy(label, p)
	}
	if ex.state.ResourceType == "trust" {
		policy("Role trust policy", ex.state.Resource)
	} else {
		policy("Resource-based policy", ex.state.Resource)
	}
	policy("Permissions boundary", ex.state.Boundary)
	for i, p := range ex.state.SCPs {
		policy("SCP at "+map[bool]string{true: "the root", false: "level " + strconv.Itoa(i)}[i == 0], p)
	}
	policy("Session policy", ex.state.Session)
	b.WriteString(`<dl class="ipg-request">`)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, `<dt>%s</dt><dd><code>%s</code></dd>`, name, template.HTMLEscapeString(value))
		}
	}
	field("Caller", ex.state.Caller)
	field("Actions", ex.state.Actions)
	field("Resources", ex.state.Resources)
	field("Resource owner", ex.state.Owner)
	for _, c := range ex.state.Context {
		field("Context", c.Key+" ("+c.Type+") = "+c.Values)
	}
	b.WriteString(`</dl></div>`)
	b.WriteString(`<table class="ipg-decisions" data-testid="iam-playground-expected"><thead><tr><th scope="col">Action</th><th scope="col">Resource</th><th scope="col">Decision</th></tr></thead><tbody>`)
	for _, r := range rows {
		fmt.Fprintf(&b, `<tr data-decision="%s"><td><code>%s</code></td><td><code>%s</code></td><td><span class="verdict">%s</span><br><span class="ipg-why">%s</span></td></tr>`,
			r.Decision, template.HTMLEscapeString(r.Action), template.HTMLEscapeString(r.Resource), r.Decision, template.HTMLEscapeString(r.Summary))
	}
	b.WriteString(`</tbody></table>`)
	fmt.Fprintf(&b, `<figcaption><a href="/playground/#s=%s" data-testid="iam-playground-open">Open in the playground</a> `, frag)
	b.WriteString(`<button type="button" class="ipg-edit" data-testid="iam-playground-edit" hidden>Edit and run it here</button></figcaption>`)
	fmt.Fprintf(&b, `<script type="application/json" class="ipg-state">%s</script>`, stateJSON) // json.Marshal escapes <, > and &
	b.WriteString(`<div class="ipg-live" aria-live="polite"></div></figure>`)
	return b.String()
}
