package labbridge

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/jsonpos"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/validate"
	"github.com/iamlab/iamlab/wasm/js/bridge"
)

// catalogCache is the action catalog, decoded the first time a function
// needs it (some tens of milliseconds) and shared after that.
type catalogCache struct {
	once sync.Once
	cat  *catalog.Catalog
	err  error
}

func (c *catalogCache) get() (*catalog.Catalog, error) {
	c.once.Do(func() { c.cat, c.err = catalog.Load() })
	return c.cat, c.err
}

// kind is a policy type as the playground names it, with what Access
// Analyzer and the parser call it.
type kind struct {
	validate     validate.PolicyType
	resourceType string // validate's ResourceType: the trust policy's
	policy       policy.Type
}

// kindOf reads a policy type by the engine's own names (identity,
// resource, trust, boundary, session, scp, rcp; identity when empty).
func kindOf(name string) (kind, error) {
	switch name {
	case "", "identity":
		return kind{validate.IdentityPolicy, "", policy.Identity}, nil
	case "boundary":
		return kind{validate.IdentityPolicy, "", policy.Boundary}, nil
	case "session":
		return kind{validate.IdentityPolicy, "", policy.Session}, nil
	case "resource":
		return kind{validate.ResourcePolicy, "", policy.Resource}, nil
	case "trust":
		return kind{validate.ResourcePolicy, validate.TrustPolicyResourceType, policy.Trust}, nil
	case "scp":
		return kind{validate.ServiceControlPolicy, "", policy.SCP}, nil
	case "rcp":
		return kind{validate.ResourceControlPolicy, "", policy.RCP}, nil
	}
	return kind{}, fmt.Errorf("type: unknown policy type %q: want identity, resource, trust, boundary, session, scp or rcp", name)
}

// AnalyzeRequest is what Analyze reads.
type AnalyzeRequest struct {
	Policy string `json:"policy"` // the policy document's text
	// Type is the policy type: identity, resource, trust, boundary,
	// session, scp or rcp; identity when empty.
	Type string `json:"type"`
}

// Finding is one finding of Access Analyzer-style validation, located
// for an editor: lines and columns count from 1, columns in characters
// (engine/validate's own spans count columns from 0, in bytes).
type Finding struct {
	Code    string `json:"code"`    // INVALID_ACTION, PASS_ROLE_WITH_STAR_IN_RESOURCE …
	Type    string `json:"type"`    // ERROR, SECURITY_WARNING, WARNING or SUGGESTION
	Title   string `json:"title"`   // the code for people: "Pass role with star in resource"
	Message string `json:"message"` // the finding's details
	Link    string `json:"link"`    // the site page that explains the code, /validate/<code>/
	Path    string `json:"path,omitempty"`
	// Syntax is true for the codes that repeat what the policy parser
	// reports (JSON_SYNTAX_ERROR, MALFORMED_POLICY_DOCUMENT), which an
	// editor showing the parser's diagnostics leaves out.
	Syntax    bool `json:"syntax,omitempty"`
	Line      int  `json:"line"`
	Column    int  `json:"column"`
	EndLine   int  `json:"endLine"`
	EndColumn int  `json:"endColumn"`
}

type analyzeResult struct {
	OK       bool          `json:"ok"`
	Findings []Finding     `json:"findings"`
	Error    *bridge.Error `json:"error,omitempty"`
}

// Analyze validates a policy as IAM Access Analyzer's ValidatePolicy does
// (engine/validate, with the action catalog), given as {"policy": TEXT,
// "type": TYPE}, and returns {"ok": true, "findings": [...]}, sorted by
// position: each with its code, type, title, message, learn-more link and
// where it is (line and column from 1, in characters, to the end of its
// span). An empty list: nothing to report.
func (l *Lab) Analyze(input []byte) (out []byte) {
	defer bridge.Recover(&out)
	var in AnalyzeRequest
	if err := json.Unmarshal(input, &in); err != nil {
		return bridge.Encode(analyzeResult{Findings: []Finding{}, Error: &bridge.Error{Code: "InvalidInput", Message: err.Error()}})
	}
	k, err := kindOf(in.Type)
	if err != nil {
		return bridge.Encode(analyzeResult{Findings: []Finding{}, Error: &bridge.Error{Code: "InvalidInput", Message: err.Error()}})
	}
	cat, err := l.catalog.get()
	if err != nil {
		return bridge.Encode(analyzeResult{Findings: []Finding{}, Error: &bridge.Error{Code: "InternalError", Message: "the action catalog: " + err.Error()}})
	}
	doc := []byte(in.Policy)
	found := validate.Validate(cat, validate.Request{Document: doc, Type: k.validate, ResourceType: k.resourceType})
	findings := make([]Finding, 0, len(found))
	for _, f := range found {
		info, _ := f.IssueCode.Info()
		g := Finding{
			Code:    string(f.IssueCode),
			Type:    f.FindingType.String(),
			Title:   info.Title,
			Message: f.FindingDetails,
			Link:    f.LearnMoreLink,
			Syntax:  f.IssueCode == validate.JSONSyntaxError || f.IssueCode == validate.MalformedPolicyDocument,
			Line:    1, Column: 1, EndLine: 1, EndColumn: 1,
		}
		if len(f.Locations) > 0 {
			loc := f.Locations[0]
			g.Path = loc.PathString()
			start := jsonpos.PositionAt(doc, loc.Span.Start.Offset)
			end := jsonpos.PositionAt(doc, loc.Span.End.Offset)
			g.Line, g.Column, g.EndLine, g.EndColumn = start.Line, start.Column, end.Line, end.Column
		}
		findings = append(findings, g)
	}
	return bridge.Encode(analyzeResult{OK: true, Findings: findings})
}
