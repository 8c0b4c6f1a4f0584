package eval

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/policy"
)

// Explanation tells why a request was decided as it was, in terms a
// learner can follow. It is plain data: its JSON and text forms are
// deterministic.
type Explanation struct {
	Decision Decision
	Reason   Reason `json:"-"`
	// Summary says in one sentence which rule decided.
	Summary string
	// PolicyTypes lists the verdict of each policy type present, in the
	// order the evaluation logic considers them.
	PolicyTypes []TypeVerdict
	// Statements lists every statement checked, with why it did or did not
	// apply.
	Statements []StatementTrace
	// Matched lists the statements that decided: the denying statements of
	// an explicit deny, the allowing identity-based and resource-based
	// statements of an allow, none for an implicit deny. SCPs and RCPs are
	// not listed here, as in IAM's MatchedStatements.
	Matched []StatementTrace `json:"-"`
	// MissingContextValues are context keys that statements relevant to the
	// request read but the request did not have (SCPs and RCPs aside, as
	// in IAM's simulator).
	MissingContextValues []string
}

// TypeVerdict is what one policy type (or one organization level of SCPs
// or RCPs) said.
type TypeVerdict struct {
	Type    policy.Type
	Level   string `json:",omitempty"` // the organization level's name, for SCPs and RCPs
	Verdict Verdict
}

// StatementTrace is one statement checked against the request.
type StatementTrace struct {
	PolicyID   string
	Source     string `json:"SourcePolicyType"`
	PolicyType policy.Type
	Level      string `json:",omitempty"`
	Sid        string `json:",omitempty"`
	Index      int
	Effect     policy.Effect
	policy.Span
	Applied bool
	// Grant says how a resource-based statement that applied names the
	// caller: direct, indirect or account.
	Grant string `json:",omitempty"`
	// Why says, for a statement that did not apply, the first element that
	// did not match.
	Why string `json:",omitempty"`
	// Error is set when a plugin condition operator failed on the
	// statement while everything else about it matched: the operator, the
	// condition key and the error. The statement then counts as an
	// explicit Deny, whatever its Effect (fail closed).
	Error string `json:",omitempty"`
}

// Explain decides the request and explains the decision.
func Explain(ps *Policies, r *Request) *Explanation {
	rec := &recorder{r: r, ps: ps, statements: make([]StatementTrace, 0, countStatements(ps))}
	d, why := run(ps, r, rec)
	slices.SortFunc(rec.missing, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	e := &Explanation{Decision: d, Reason: why, Statements: rec.statements, MissingContextValues: rec.missing}
	if e.Statements == nil {
		e.Statements = []StatementTrace{}
	}
	if e.MissingContextValues == nil {
		e.MissingContextValues = []string{}
	}
	e.PolicyTypes = rec.verdicts(ps)
	e.Matched = decisive(e)
	e.Summary = summary(e, r)
	return e
}

func countStatements(ps *Policies) int {
	n := 0
	count := func(list []Policy) {
		for _, p := range list {
			if p.Doc != nil {
				n += len(p.Doc.Statements)
			}
		}
	}
	count(ps.Identity)
	count(ps.Boundary)
	count(ps.Session)
	count(ps.Resource)
	for _, l := range ps.SCP {
		count(l.Policies)
	}
	for _, l := range ps.RCP {
		count(l.Policies)
	}
	return n
}

// missText is the package's missText, with the sentences that depend only
// on the request (most statements miss by action) made once per
// explanation.
func (rec *recorder) missText(st *policy.Statement, m Miss) string {
	switch {
	case m.Element == ElementAction && !st.Action.Not:
		if rec.actionMiss == "" {
			rec.actionMiss = missText(st, m, rec.r)
		}
		return rec.actionMiss
	case m.Element == ElementAction:
		if rec.notActionMiss == "" {
			rec.notActionMiss = missText(st, m, rec.r)
		}
		return rec.notActionMiss
	}
	return missText(st, m, rec.r)
}

// recorder is the Tracer behind Explain.
type recorder struct {
	r          *Request
	ps         *Policies
	statements []StatementTrace
	levels     []TypeVerdict
	missing    []string
	// actionMiss and notActionMiss are the sentences of statements that
	// do not apply because of their Action or NotAction, made once.
	actionMiss, notActionMiss string
}

func (rec *recorder) Step(s Step) {
	switch s.Kind {
	case StepStatement:
		t := StatementTrace{
			PolicyID: s.Policy.ID, Source: s.Policy.Source, PolicyType: s.Type,
			Sid: s.Statement.Sid, Index: s.Statement.Index, Effect: s.Statement.Effect,
			Span: s.Statement.Span, Applied: s.Applied,
		}
		if s.Type == policy.SCP || s.Type == policy.RCP {
			t.Level = levelName(rec.ps, s.Type, s.Level)
		}
		if s.Applied && s.Type == policy.Resource {
			t.Grant = s.Grant.String()
		}
		if !s.Applied {
			t.Why = rec.missText(s.Statement, s.Miss)
		}
		if s.Miss.Failed() {
			t.Error = operatorErrorText(s.Statement, s.Miss)
		}
		rec.statements = append(rec.statements, t)
		if s.Miss.Element != ElementAction && s.Type != policy.SCP && s.Type != policy.RCP {
			rec.noteMissing(s.Statement)
		}
	case StepLevel:
		rec.levels = append(rec.levels, TypeVerdict{Type: s.Type, Level: levelName(rec.ps, s.Type, s.Level), Verdict: s.LevelVerdict})
	}
}

func levelName(ps *Policies, t policy.Type, i int) string {
	ls := ps.SCP
	if t == policy.RCP {
		ls = ps.RCP
	}
	if i < len(ls) && ls[i].Name != "" {
		return ls[i].Name
	}
	return "level " + strconv.Itoa(i)
}

// noteMissing records the context keys a statement reads that the request
// lacks.
func (rec *recorder) noteMissing(st *policy.Statement) {
next:
	for _, k := range st.ContextKeys {
		if _, ok := rec.r.Context.ContextValues(k); ok {
			continue
		}
		for _, have := range rec.missing {
			if strings.EqualFold(have, k) {
				continue next
			}
		}
		rec.missing = append(rec.missing, k)
	}
}

// verdicts lists the verdict of each policy type in evaluation order.
func (rec *recorder) verdicts(ps *Policies) []TypeVerdict {
	out := make([]TypeVerdict, 0, len(rec.levels)+4)
	for _, l := range rec.levels {
		if l.Type == policy.RCP {
			out = append(out, l)
		}
	}
	for _, l := range rec.levels {
		if l.Type == policy.SCP {
			out = append(out, l)
		}
	}
	for _, t := range []struct {
		typ  policy.Type
		list []Policy
	}{{policy.Resource, ps.Resource}, {policy.Identity, ps.Identity}, {policy.Boundary, ps.Boundary}, {policy.Session, ps.Session}} {
		if len(t.list) == 0 {
			continue
		}
		res := typeResult{present: true}
		for _, s := range rec.statements {
			if s.PolicyType == t.typ && s.Error != "" {
				res.failed = true
			}
			if s.PolicyType != t.typ || !s.Applied {
				continue
			}
			if s.Effect == policy.Deny {
				res.deny = true
			} else {
				res.allow = true
			}
		}
		out = append(out, TypeVerdict{Type: t.typ, Verdict: res.verdict()})
	}
	return out
}

// decisive picks the statements that decided, as IAM's MatchedStatements:
// with a plugin operator's failure, the statements it failed on.
func decisive(e *Explanation) []StatementTrace {
	var out []StatementTrace
	for _, s := range e.Statements {
		if s.PolicyType == policy.SCP || s.PolicyType == policy.RCP {
			continue
		}
		switch {
		case e.Reason == ReasonOperatorFailed && s.Error != "":
			out = append(out, s)
		case !s.Applied:
			// did not apply, so did not decide
		case e.Decision == ExplicitDeny && s.Effect == policy.Deny:
			out = append(out, s)
		case e.Decision == Allowed && s.Effect == policy.Allow && (s.PolicyType == policy.Identity || s.PolicyType == policy.Resource):
			out = append(out, s)
		}
	}
	return out
}

// missText says why a statement did not apply. It is on the explanation's
// path for every statement, so it concatenates rather than formats.
func missText(st *policy.Statement, m Miss, r *Request) string {
	switch m.Element {
	case ElementAction:
		if st.Action.Not {
			return "NotAction excludes " + r.Action
		}
		return "Action does not include " + r.Action
	case ElementResource:
		if st.Resource.Not {
			return "NotResource excludes " + r.Resource
		}
		for _, p := range st.Resource.Patterns {
			if _, resolved := p.Match(r.Resource, &r.Context); !resolved {
				return "Resource " + p.String() + " uses a policy variable the request has no value for, so it matches nothing"
			}
		}
		return "Resource does not match " + r.Resource
	case ElementPrincipal:
		who := r.Principal.ARN
		if who == "" {
			who = r.Principal.Type.String()
		}
		if st.Principal.Not {
			return "NotPrincipal exempts " + who
		}
		return "Principal does not name " + who
	case ElementCondition:
		if m.Condition < 0 || m.Condition >= len(st.Condition) {
			return "a condition did not hold"
		}
		c := st.Condition[m.Condition]
		if m.Failed() {
			return "condition " + c.Name().String() + " on " + c.Key() + " failed, so the statement counts as an explicit Deny (fail closed): " + operatorCause(m.Err)
		}
		return "condition " + c.Name().String() + " on " + c.Key() + " did not hold: " + outcomeText(m.Outcome)
	}
	return ""
}

// operatorErrorText is the failure of a plugin operator: the operator, the
// key and the error.
func operatorErrorText(st *policy.Statement, m Miss) string {
	var oe *condition.OperatorError
	if errors.As(m.Err, &oe) {
		return oe.Error()
	}
	name := "a plugin operator"
	if m.Condition >= 0 && m.Condition < len(st.Condition) {
		c := st.Condition[m.Condition]
		name = c.Name().String() + " on " + c.Key()
	}
	return name + ": " + operatorCause(m.Err)
}

// operatorCause is what the plugin operator said, without the operator's
// name and key, which the text around it gives.
func operatorCause(err error) string {
	var oe *condition.OperatorError
	switch {
	case errors.As(err, &oe) && oe.Err != nil:
		return oe.Err.Error()
	case err != nil:
		return err.Error()
	}
	return "the operator failed"
}

func outcomeText(o condition.Outcome) string {
	switch o {
	case condition.KeyMissing:
		return "the request has no value for the key"
	case condition.Unresolved:
		return "a policy variable in the condition has no value"
	case condition.BadContextValue:
		return "the request's value is not of the operator's type"
	case condition.OperatorFailed:
		return "the plugin operator failed"
	}
	return "the request's value does not match"
}

// reasonText is the sentence for each rule of the evaluation logic.
func reasonText(r Reason) string {
	switch r {
	case ReasonExplicitDeny:
		return "an explicit Deny applies, and an explicit Deny always wins"
	case ReasonRCPNoAllow:
		return "a resource control policy level (%s) allows nothing that matches, so the request is denied"
	case ReasonSCPNoAllow:
		return "a service control policy level (%s) allows nothing that matches, so the request is denied"
	case ReasonRoot:
		return "the root user is not limited by identity-based policies in its own account"
	case ReasonResourceDirect:
		return "a resource-based policy in the same account names the caller itself, which is enough on its own"
	case ReasonResourceIndirect:
		return "a resource-based policy in the same account grants it (through the role, federating user or \"*\"), and no permissions boundary or session policy stops it"
	case ReasonIdentity:
		return "an identity-based policy allows it, and no permissions boundary, session policy or organization policy stops it"
	case ReasonCrossAccount:
		return "across accounts both sides agree: the resource-based policy grants it to the caller, and the caller's own policies allow it"
	case ReasonResourceOnly:
		return "the resource-based policy grants it to a caller that has no IAM identity of its own"
	case ReasonNoIdentityAllow:
		return "no identity-based policy allows it (and no resource-based policy grants it), so it is implicitly denied"
	case ReasonBoundaryNoAllow:
		return "the permissions boundary does not allow it, so it is implicitly denied"
	case ReasonSessionNoAllow:
		return "the session policies do not allow it, so it is implicitly denied"
	case ReasonFederatedNoSessionPolicy:
		return "a federated user session has only what its session policy allows, and it has none"
	case ReasonNoResourceGrant:
		return "the resource-based policy (for a role, its trust policy) must grant access to this caller itself and does not"
	case ReasonCrossAccountNoResourceGrant:
		return "the resource belongs to another account, whose resource-based policy does not grant it to the caller"
	case ReasonCrossAccountCallerSide:
		return "the resource-based policy grants it, but across accounts the caller's own policies must allow it too, and they do not"
	case ReasonOperatorFailed:
		return "a plugin condition operator failed on a statement that otherwise applies, and a failed operator denies the request whatever the statement's Effect (fail closed)"
	}
	return ""
}

func summary(e *Explanation, r *Request) string {
	text := reasonText(e.Reason)
	if e.Reason == ReasonRCPNoAllow || e.Reason == ReasonSCPNoAllow {
		want := policy.SCP
		if e.Reason == ReasonRCPNoAllow {
			want = policy.RCP
		}
		name := ""
		for _, l := range e.PolicyTypes {
			if l.Type == want && l.Verdict != VerdictAllow && l.Verdict != VerdictAbsent {
				name = l.Level
				break
			}
		}
		text = fmt.Sprintf(text, name)
	}
	if e.Reason == ReasonOperatorFailed {
		for _, s := range e.Statements {
			if s.Error != "" {
				where := s.PolicyID
				if s.Level != "" {
					where += " at " + s.Level
				}
				text += " (statement " + statementLabel(s) + " of " + where + ": " + s.Error + ")"
				break
			}
		}
	}
	if e.Reason == ReasonExplicitDeny && len(e.Matched) == 0 {
		for _, s := range e.Statements {
			if s.Applied && s.Effect == policy.Deny {
				text += fmt.Sprintf(" (statement %s of %s)", statementLabel(s), s.PolicyID)
				break
			}
		}
	}
	return r.Action + " on " + r.Resource + ": " + e.Decision.String() + ": " + text + "."
}

func statementLabel(s StatementTrace) string {
	if s.Sid != "" {
		return strconv.Quote(s.Sid)
	}
	return "#" + strconv.Itoa(s.Index)
}

// WriteText prints the explanation for people, deterministically.
func (e *Explanation) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Decision: %s\n", e.Decision)
	fmt.Fprintf(&b, "Why: %s\n", e.Summary)
	if len(e.PolicyTypes) > 0 {
		b.WriteString("Policy types:\n")
		for _, t := range e.PolicyTypes {
			name := t.Type.Title()
			if t.Level != "" {
				name += " at " + t.Level
			}
			verdict := t.Verdict.String()
			switch {
			case t.Verdict == VerdictAbsent && t.Level != "":
				verdict = "none attached (imposes nothing)"
			case t.Verdict == VerdictNoAllow:
				verdict = "no statement allows (implicitDeny)"
			}
			fmt.Fprintf(&b, "  %-44s %s\n", name, verdict)
		}
	}
	if len(e.Statements) > 0 {
		b.WriteString("Statements:\n")
		for _, s := range e.Statements {
			mark := "skip "
			switch {
			case s.Applied:
				mark = "APPLY"
			case s.Error != "":
				mark = "FAIL "
			}
			where := fmt.Sprintf("%s %s", s.PolicyID, statementLabel(s))
			fmt.Fprintf(&b, "  %s %-5s %s (%s, %s-%s)", mark, s.Effect, where, s.PolicyType, s.Start, s.End)
			switch {
			case s.Why != "":
				fmt.Fprintf(&b, ": %s", s.Why)
			case s.Grant != "" && s.Grant != "none":
				fmt.Fprintf(&b, ": grants to the caller (%s)", s.Grant)
			}
			b.WriteByte('\n')
		}
	}
	if len(e.MissingContextValues) > 0 {
		fmt.Fprintf(&b, "Missing context values: %s\n", strings.Join(e.MissingContextValues, ", "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
