package labbridge

import (
	"encoding/json"
	"errors"

	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/summary"
	"github.com/iamlab/iamlab/wasm/js/bridge"
)

// SummarizeRequest is what Summarize reads.
type SummarizeRequest struct {
	Policy string `json:"policy"` // the policy document's text
	// Type is the policy type (identity when empty), as for Analyze.
	Type string `json:"type"`
	Name string `json:"name"` // names the document in errors
}

// SummaryRow is one service of a policy summary, as the IAM console's
// table shows it.
type SummaryRow struct {
	Prefix  string `json:"prefix"`  // "s3"
	Service string `json:"service"` // "Amazon S3"
	// Access is the Access level column: "Full access", "Full: List,
	// Read Limited: Write", or the console's warning.
	Access     string         `json:"access"`
	FullAccess bool           `json:"fullAccess"`
	Levels     []SummaryLevel `json:"levels"`
	Resource   string         `json:"resource"`  // "All resources", "Multiple", an ARN, or None
	Condition  string         `json:"condition"` // "None", "Multiple" or one condition
	Warnings   []string       `json:"warnings,omitempty"`
	Actions    []string       `json:"actions"` // the actions counted, by full name
	// Unrecognized are actions the policy names in the service that the
	// catalog does not know.
	Unrecognized []string `json:"unrecognized,omitempty"`
}

// SummaryLevel is the access a row grants in one access level: Granted
// of its Of actions, Full when that is all of them.
type SummaryLevel struct {
	Level   string `json:"level"` // List, Read, Write, Permissions management or Tagging
	Full    bool   `json:"full"`
	Granted int    `json:"granted"`
	Of      int    `json:"of"`
}

// Summary is a policy's summary: its Explicit deny, Allow and
// Uncategorized services.
type Summary struct {
	ExplicitDeny  []SummaryRow            `json:"explicitDeny"`
	Allow         []SummaryRow            `json:"allow"`
	Uncategorized []summary.Uncategorized `json:"uncategorized"`
	Services      int                     `json:"services"` // how many services the catalog knows
}

type summarizeResult struct {
	OK      bool          `json:"ok"`
	Summary *Summary      `json:"summary,omitempty"`
	Error   *bridge.Error `json:"error,omitempty"`
}

// Summarize gives the IAM console's policy summary of a policy
// (engine/summary), given as {"policy": TEXT, "type": TYPE, "name":
// NAME}: {"ok": true, "summary": {"explicitDeny": [ROW], "allow": [ROW],
// "uncategorized": [...], "services": N}}, a row per service with its
// access level text, resource and request condition. A policy that does
// not parse is refused: {"ok": false, "error": {"code":
// "MalformedPolicyDocument", "message"}}.
func (l *Lab) Summarize(input []byte) (out []byte) {
	defer bridge.Recover(&out)
	var in SummarizeRequest
	if err := json.Unmarshal(input, &in); err != nil {
		return bridge.Encode(summarizeResult{Error: &bridge.Error{Code: "InvalidInput", Message: err.Error()}})
	}
	k, err := kindOf(in.Type)
	if err != nil {
		return bridge.Encode(summarizeResult{Error: &bridge.Error{Code: "InvalidInput", Message: err.Error()}})
	}
	doc, err := policy.Parse([]byte(in.Policy), policy.Options{Type: k.policy, Name: in.Name})
	if err != nil {
		e := &bridge.Error{Code: "MalformedPolicyDocument", Message: err.Error()}
		var pe *policy.Error
		if errors.As(err, &pe) {
			e.Diagnostics = []bridge.Diagnostic{{Source: pe.Source, Line: pe.Pos.Line, Column: pe.Pos.Column, Path: pe.Path, Message: pe.Msg}}
		}
		return bridge.Encode(summarizeResult{Error: e})
	}
	cat, err := l.catalog.get()
	if err != nil {
		return bridge.Encode(summarizeResult{Error: &bridge.Error{Code: "InternalError", Message: "the action catalog: " + err.Error()}})
	}
	s := summary.Summarize(cat, doc)
	rows := func(in []summary.Service) []SummaryRow {
		out := make([]SummaryRow, 0, len(in))
		for _, r := range in {
			levels := make([]SummaryLevel, len(r.Levels))
			for i, lv := range r.Levels {
				levels[i] = SummaryLevel{Level: lv.Level.String(), Full: lv.Full, Granted: lv.Granted, Of: lv.Of}
			}
			out = append(out, SummaryRow{
				Prefix: r.Prefix, Service: r.Name, Access: r.AccessText(), FullAccess: r.FullAccess, Levels: levels,
				Resource: r.Resource, Condition: r.RequestCondition, Warnings: r.Warnings, Actions: r.Actions, Unrecognized: r.Unrecognized,
			})
		}
		return out
	}
	unc := s.Uncategorized
	if unc == nil {
		unc = []summary.Uncategorized{}
	}
	return bridge.Encode(summarizeResult{OK: true, Summary: &Summary{
		ExplicitDeny: rows(s.ExplicitDeny), Allow: rows(s.Allow), Uncategorized: unc, Services: s.Services,
	}})
}
