package eval

import (
	"strings"

	"github.com/iamlab/iamlab/engine/arn"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
)

// Grant is how directly a resource-based policy statement names the caller,
// which decides what else must allow (see the package documentation).
type Grant uint8

// The grants, weakest first.
const (
	GrantNone     Grant = iota // the statement does not name the caller
	GrantAccount               // names the caller's account: delegates to its identity policies
	GrantIndirect              // names "*", the caller's role, or the IAM user behind a federated user
	GrantDirect                // names the caller itself
)

var grantNames = [...]string{"none", "account", "indirect", "direct"}

func (g Grant) String() string { return grantNames[g&3] }

// Element names the part of a statement that did not match.
type Element uint8

// The elements, in the order they are checked.
const (
	ElementNone Element = iota
	ElementAction
	ElementResource
	ElementPrincipal
	ElementCondition
)

var elementNames = [...]string{"", "Action", "Resource", "Principal", "Condition"}

func (e Element) String() string { return elementNames[e%5] }

// Miss says why a statement did not apply to the request.
type Miss struct {
	Element   Element
	Condition int               // with ElementCondition: the index in the statement's condition block
	Outcome   condition.Outcome // with ElementCondition: how the condition failed
	// Err, with Outcome OperatorFailed, is the plugin operator's error (a
	// *condition.OperatorError). The statement then fails closed: it
	// counts as an explicit Deny whatever its Effect.
	Err error
}

// Failed reports whether the statement's plugin operator failed, which
// denies the request.
func (m Miss) Failed() bool {
	return m.Element == ElementCondition && m.Outcome == condition.OperatorFailed
}

// Reason is the rule of the evaluation logic that decided.
type Reason uint8

// The reasons.
const (
	ReasonExplicitDeny                Reason = iota // a Deny statement applied
	ReasonRCPNoAllow                                // an RCP level had no Allow
	ReasonSCPNoAllow                                // an SCP level had no Allow
	ReasonRoot                                      // the root user, in its own account
	ReasonResourceDirect                            // a resource policy named the caller itself, same account
	ReasonResourceIndirect                          // a resource policy named the caller's role, federating user or "*", same account
	ReasonIdentity                                  // identity policies allowed (and boundary and session policies, when present)
	ReasonCrossAccount                              // both the caller's side and the resource policy allowed
	ReasonResourceOnly                              // a caller without IAM identity, allowed by the resource policy
	ReasonNoIdentityAllow                           // no identity policy allowed
	ReasonBoundaryNoAllow                           // the permissions boundary did not allow
	ReasonSessionNoAllow                            // the session policies did not allow
	ReasonFederatedNoSessionPolicy                  // a federated user session without a session policy
	ReasonNoResourceGrant                           // the resource policy had to grant and did not
	ReasonCrossAccountNoResourceGrant               // across accounts, the resource policy did not grant
	ReasonCrossAccountCallerSide                    // across accounts, the caller's own policies did not allow
	ReasonOperatorFailed                            // a plugin condition operator failed on a statement that otherwise applied: fail closed
)

// Verdict is what one policy type said about a request.
type Verdict uint8

// The verdicts.
const (
	VerdictAbsent  Verdict = iota // no policy of the type applies to the request
	VerdictNoAllow                // policies apply but none allowed: an implicit deny
	VerdictAllow                  // a statement allowed (and none denied)
	VerdictDeny                   // a statement denied
)

var verdictNames = [...]string{"not present", "implicitDeny", "allowed", "explicitDeny"}

func (v Verdict) String() string { return verdictNames[v&3] }

// MarshalText gives the verdict's name.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// StepKind tells the kinds of [Step] apart.
type StepKind uint8

// The step kinds.
const (
	StepStatement StepKind = iota // a statement was checked against the request
	StepLevel                     // an organization level of SCPs or RCPs was decided
	StepDecision                  // the final decision
)

// Step is one event of an evaluation, sent to a [Tracer].
type Step struct {
	Kind StepKind

	// StepStatement and StepLevel
	Type  policy.Type
	Level int // the organization level, for SCPs and RCPs
	// StepStatement
	Policy    *Policy
	Statement *policy.Statement
	Applied   bool  // the statement applied to the request (its effect counts)
	Grant     Grant // for resource-based statements that applied: how they name the caller
	Miss      Miss  // when it did not apply: why
	// StepLevel
	LevelVerdict Verdict
	// StepDecision
	Decision Decision
	Reason   Reason
}

// Tracer receives the steps of an evaluation. Steps point into the
// evaluated policies; a Tracer must not change them.
type Tracer interface {
	Step(Step)
}

// Evaluate decides the request. It allocates nothing.
func Evaluate(ps *Policies, r *Request) Decision {
	d, _ := run(ps, r, nil)
	return d
}

// Run decides the request and sends every step to tr.
func Run(ps *Policies, r *Request, tr Tracer) Decision {
	d, _ := run(ps, r, tr)
	return d
}

// typeResult gathers what the statements of one policy type said.
type typeResult struct {
	present bool
	allow   bool
	deny    bool
	failed  bool  // a plugin operator failed on a statement that otherwise applied
	grant   Grant // resource-based: the strongest grant of an applying Allow
}

func (t typeResult) verdict() Verdict {
	switch {
	case !t.present:
		return VerdictAbsent
	case t.deny || t.failed:
		return VerdictDeny
	case t.allow:
		return VerdictAllow
	}
	return VerdictNoAllow
}

func run(ps *Policies, r *Request, tr Tracer) (Decision, Reason) {
	p := &r.Principal
	resourceAccount := r.resourceAccount()
	sameAccount := p.Account != "" && p.Account == resourceAccount

	// Scanned in the order of the evaluation flowchart, so a trace reads
	// as the logic does.
	rcpOK, rcpDeny, rcpFailed := levels(ps.RCP, policy.RCP, r, tr)
	scpOK, scpDeny, scpFailed := levels(ps.SCP, policy.SCP, r, tr)
	resource := scan(ps.Resource, policy.Resource, 0, r, tr)
	identity := scan(ps.Identity, policy.Identity, 0, r, tr)
	boundary := scan(ps.Boundary, policy.Boundary, 0, r, tr)
	session := scan(ps.Session, policy.Session, 0, r, tr)

	deny := identity.deny || boundary.deny || session.deny || resource.deny
	rcpApplies := ps.RCP != nil && !p.ServiceLinked
	scpApplies := ps.SCP != nil && !p.ServiceLinked && p.Type.HasIdentity()
	deny = deny || (rcpApplies && rcpDeny) || (scpApplies && scpDeny)
	// A plugin operator that failed on a statement that otherwise applied
	// denies, whatever the statement's Effect: fail closed.
	failed := identity.failed || boundary.failed || session.failed || resource.failed ||
		(rcpApplies && rcpFailed) || (scpApplies && scpFailed)

	d, why := decide(p, r, sameAccount, deny, failed, rcpApplies && !rcpOK, scpApplies && !scpOK, identity, boundary, session, resource)
	if tr != nil {
		tr.Step(Step{Kind: StepDecision, Decision: d, Reason: why})
	}
	return d, why
}

func decide(p *principal.Principal, r *Request, sameAccount, deny, failed, rcpNoAllow, scpNoAllow bool, identity, boundary, session, resource typeResult) (Decision, Reason) {
	switch {
	case deny:
		return ExplicitDeny, ReasonExplicitDeny
	case failed:
		return ExplicitDeny, ReasonOperatorFailed
	case rcpNoAllow:
		return ImplicitDeny, ReasonRCPNoAllow
	case scpNoAllow:
		return ImplicitDeny, ReasonSCPNoAllow
	}
	grant := resource.grant
	if !p.Type.HasIdentity() {
		if grant != GrantNone {
			return Allowed, ReasonResourceOnly
		}
		return ImplicitDeny, ReasonNoResourceGrant
	}

	boundaryOK := !boundary.present || boundary.allow
	// A session policy limits the session it was passed to; a federated
	// user session without one has no permissions at all.
	sessionOK := session.allow || (!session.present && p.Type != principal.FederatedUser)
	// A grant to the role or federating user is limited by session policies
	// only when there are some.
	sessionOKForIndirect := !session.present || session.allow

	callerWhy := ReasonIdentity
	callerSide := true
	switch {
	case p.Type == principal.Root:
	case !identity.allow:
		callerSide, callerWhy = false, ReasonNoIdentityAllow
	case !boundaryOK:
		callerSide, callerWhy = false, ReasonBoundaryNoAllow
	case !sessionOK && !session.present:
		callerSide, callerWhy = false, ReasonFederatedNoSessionPolicy
	case !sessionOK:
		callerSide, callerWhy = false, ReasonSessionNoAllow
	}

	if !sameAccount {
		switch {
		case grant == GrantNone:
			return ImplicitDeny, ReasonCrossAccountNoResourceGrant
		case !callerSide:
			return ImplicitDeny, ReasonCrossAccountCallerSide
		}
		return Allowed, ReasonCrossAccount
	}

	switch {
	case grant == GrantDirect:
		return Allowed, ReasonResourceDirect
	case grant == GrantIndirect && boundaryOK && sessionOKForIndirect:
		return Allowed, ReasonResourceIndirect
	case grant == GrantIndirect && !boundaryOK:
		return ImplicitDeny, ReasonBoundaryNoAllow
	case grant == GrantIndirect:
		return ImplicitDeny, ReasonSessionNoAllow
	case r.ResourcePolicyRequired && grant == GrantNone:
		return ImplicitDeny, ReasonNoResourceGrant
	case p.Type == principal.Root:
		return Allowed, ReasonRoot
	case callerSide:
		return Allowed, ReasonIdentity
	}
	return ImplicitDeny, callerWhy
}

// levels evaluates SCPs or RCPs: ok when every level allows.
func levels(ls []Level, typ policy.Type, r *Request, tr Tracer) (ok, deny, failed bool) {
	ok = true
	for i := range ls {
		res := scan(ls[i].Policies, typ, i, r, tr)
		// A level without policies imposes nothing (package doc).
		levelOK := !res.present || res.allow
		ok = ok && levelOK
		deny = deny || res.deny
		failed = failed || res.failed
		if tr != nil {
			tr.Step(Step{Kind: StepLevel, Type: typ, Level: i, LevelVerdict: res.verdict()})
		}
	}
	return ok, deny, failed
}

// scan checks every statement of every policy of one type. It does not stop
// at the first Deny, so an explanation sees every statement.
func scan(list []Policy, typ policy.Type, level int, r *Request, tr Tracer) typeResult {
	res := typeResult{present: len(list) > 0}
	for i := range list {
		doc := list[i].Doc
		if doc == nil {
			continue
		}
		for j := range doc.Statements {
			st := &doc.Statements[j]
			applied, grant, m := match(st, r)
			if tr != nil {
				tr.Step(Step{Kind: StepStatement, Type: typ, Level: level, Policy: &list[i], Statement: st, Applied: applied, Grant: grant, Miss: m.full(st, r)})
			}
			if !applied {
				if m.operatorFailed() {
					res.failed = true
				}
				continue
			}
			if st.Effect == policy.Deny {
				res.deny = true
				continue
			}
			res.allow = true
			res.grant = max(res.grant, grant)
		}
	}
	return res
}

// miss is [Miss] as the hot path carries it: small, without the error.
type miss struct {
	element   Element
	outcome   condition.Outcome
	condition int32
}

func (m miss) operatorFailed() bool {
	return m.element == ElementCondition && m.outcome == condition.OperatorFailed
}

// full makes the Miss a Tracer sees; a failed plugin operator's error is
// fetched again, off the fast path.
func (m miss) full(st *policy.Statement, r *Request) Miss {
	out := Miss{Element: m.element, Condition: int(m.condition), Outcome: m.outcome}
	if m.operatorFailed() {
		_, _, _, out.Err = st.Condition.EvalErr(&r.Context)
	}
	return out
}

// match checks one statement against the request: action, then resource,
// then principal, then conditions.
func match(st *policy.Statement, r *Request) (bool, Grant, miss) {
	if !st.Action.Match(r.Action) {
		return false, GrantNone, miss{element: ElementAction}
	}
	if !st.Resource.Match(r.Resource, &r.Context) {
		return false, GrantNone, miss{element: ElementResource}
	}
	grant := GrantNone
	if st.Principal.Present {
		grant = principalGrant(&st.Principal, &r.Principal, st.Effect)
		if grant == GrantNone {
			return false, GrantNone, miss{element: ElementPrincipal}
		}
	}
	if ok, failed, why, _ := st.Condition.EvalErr(&r.Context); !ok {
		return false, GrantNone, miss{element: ElementCondition, condition: int32(failed), outcome: why}
	}
	return true, grant, miss{}
}

// principalGrant decides whether a Principal or NotPrincipal element names
// the caller, and how directly.
func principalGrant(el *policy.Principals, p *principal.Principal, effect policy.Effect) Grant {
	if !el.Not {
		return namedGrant(el, p)
	}
	if effect == policy.Deny {
		// Exempt only when every identity the caller stands on is named.
		ids, n := p.ChainIDs()
		named := 0
		for _, id := range ids[:n] {
			if namesExactly(el, p, id) {
				named++
			}
		}
		if n > 0 && named == n {
			return GrantNone
		}
		return GrantIndirect
	}
	if namedGrant(el, p) != GrantNone {
		return GrantNone
	}
	return GrantIndirect
}

// namesExactly reports whether the element names identity id of the
// caller's chain: an account by ID or root ARN, a role by ARN, the caller by
// ARN, a service or identity provider by name.
func namesExactly(el *policy.Principals, p *principal.Principal, id string) bool {
	switch p.Type {
	case principal.Service:
		return containsFold(el.Service, id)
	case principal.WebIdentity, principal.SAML:
		return containsFold(el.Federated, id)
	}
	for _, e := range el.AWS {
		switch {
		case id == p.Account:
			if e == id || isRootARNOf(e, id) {
				return true
			}
		case id == p.Issuer && p.Type == principal.RoleSession:
			if sameRole(e, id) {
				return true
			}
		case strings.EqualFold(e, id):
			return true
		}
	}
	return false
}

// namedGrant is the strongest way a Principal element names the caller.
func namedGrant(el *policy.Principals, p *principal.Principal) Grant {
	if el.Any {
		return GrantIndirect
	}
	g := GrantNone
	switch p.Type {
	case principal.Service:
		if containsFold(el.Service, p.Service) {
			return GrantDirect
		}
	case principal.WebIdentity, principal.SAML:
		if containsFold(el.Federated, p.Issuer) {
			return GrantDirect
		}
	}
	if p.CanonicalUser != "" && containsFold(el.CanonicalUser, p.CanonicalUser) {
		return GrantDirect
	}
	for _, e := range el.AWS {
		switch {
		case e == "*":
			g = max(g, GrantIndirect)
		case p.Account != "" && (e == p.Account || isRootARNOf(e, p.Account)):
			g = max(g, GrantAccount)
		case p.ARN != "" && strings.EqualFold(e, p.ARN):
			return GrantDirect
		case p.Type == principal.RoleSession && sameRole(e, p.Issuer):
			g = max(g, GrantIndirect)
		case p.Type == principal.FederatedUser && p.Issuer != "" && strings.EqualFold(e, p.Issuer):
			g = max(g, GrantIndirect)
		}
	}
	return g
}

func containsFold(list []string, s string) bool {
	for _, e := range list {
		if e == "*" || strings.EqualFold(e, s) {
			return true
		}
	}
	return false
}

// isRootARNOf reports whether s is arn:PARTITION:iam::ACCOUNT:root.
func isRootARNOf(s, account string) bool {
	acct, ok := arn.AccountOf(s)
	return ok && acct == account && strings.HasSuffix(s, ":root") && strings.Contains(s, ":iam::")
}

// sameRole reports whether two role ARNs name the same role: same account
// and same role name. A session's role ARN carries no path, so paths are not
// compared.
func sameRole(a, b string) bool {
	if !strings.Contains(a, ":role/") || !strings.Contains(b, ":role/") {
		return false
	}
	accA, okA := arn.AccountOf(a)
	accB, okB := arn.AccountOf(b)
	if !okA || !okB || accA != accB {
		return false
	}
	return strings.EqualFold(a[strings.LastIndexByte(a, '/')+1:], b[strings.LastIndexByte(b, '/')+1:])
}
