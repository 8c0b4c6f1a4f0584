package eval

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/policy"
)

// flakyOp is a plugin operator for tests. A request value matches when it
// equals a policy value; "fail" makes it fail, as a plugin that trapped or
// ran out of time would.
type flakyOp struct{}

func (flakyOp) Match(v string, policy []string) (bool, error) {
	if v == "fail" {
		return false, errors.New("plugin test: call exceeded its 100ms deadline")
	}
	for _, p := range policy {
		if v == p {
			return true, nil
		}
	}
	return false, nil
}

type testOperators map[string]condition.Custom

func (o testOperators) Lookup(name string) (condition.Custom, bool) {
	c, ok := o[name]
	return c, ok
}

var testOps = testOperators{"Is": flakyOp{}}

func mustPluginPolicy(t testing.TB, typ policy.Type, id, src string) Policy {
	t.Helper()
	d, err := policy.Parse([]byte(src), policy.Options{Type: typ, Name: id, Operators: testOps})
	require.NoError(t, err)
	source := "none"
	if typ == policy.Resource {
		source = "resource"
	}
	return Policy{ID: id, Source: source, Doc: d}
}

// stmt is a statement on s3:GetObject with a Plugin:Is condition on
// aws:PrincipalTag/team.
func stmt(sid, effect, team string) string {
	return `{"Sid":"` + sid + `","Effect":"` + effect + `","Action":"s3:GetObject","Resource":"*","Condition":{"Plugin:Is":{"aws:PrincipalTag/team":"` + team + `"}}}`
}

func doc(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

// TestPluginFailsClosed checks that a plugin operator that fails on a
// statement that otherwise applies denies the request, whatever the
// statement's Effect and policy type, and that it does not when the
// statement would not apply anyway.
func TestPluginFailsClosed(t *testing.T) {
	allowRead := `{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`
	tests := []struct {
		name   string
		ps     func(t testing.TB) *Policies
		team   string
		action string
		want   Decision
		why    Reason
	}{
		{"Allow statement, plugin matches", func(t testing.TB) *Policies {
			return &Policies{Identity: []Policy{mustPluginPolicy(t, policy.Identity, "p", doc(stmt("Team", "Allow", "blue")))}}
		}, "blue", "s3:GetObject", Allowed, ReasonIdentity},
		{"Allow statement, plugin fails", func(t testing.TB) *Policies {
			return &Policies{Identity: []Policy{mustPluginPolicy(t, policy.Identity, "p", doc(stmt("Team", "Allow", "blue")))}}
		}, "fail", "s3:GetObject", ExplicitDeny, ReasonOperatorFailed},
		{"Allow statement fails although another allows", func(t testing.TB) *Policies {
			return &Policies{Identity: []Policy{mustPluginPolicy(t, policy.Identity, "p", doc(allowRead, stmt("Team", "Allow", "blue")))}}
		}, "fail", "s3:GetObject", ExplicitDeny, ReasonOperatorFailed},
		{"Deny statement, plugin does not match", func(t testing.TB) *Policies {
			return &Policies{Identity: []Policy{mustPluginPolicy(t, policy.Identity, "p", doc(allowRead, stmt("NotRed", "Deny", "red")))}}
		}, "blue", "s3:GetObject", Allowed, ReasonIdentity},
		{"Deny statement, plugin fails: no silent Allow", func(t testing.TB) *Policies {
			return &Policies{Identity: []Policy{mustPluginPolicy(t, policy.Identity, "p", doc(allowRead, stmt("NotRed", "Deny", "red")))}}
		}, "fail", "s3:GetObject", ExplicitDeny, ReasonOperatorFailed},
		{"the statement does not apply to the action: no failure", func(t testing.TB) *Policies {
			return &Policies{Identity: []Policy{mustPluginPolicy(t, policy.Identity, "p", doc(`{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}`, stmt("NotRed", "Deny", "red")))}}
		}, "fail", "s3:PutObject", Allowed, ReasonIdentity},
		{"an explicit Deny wins over a failure", func(t testing.TB) *Policies {
			return &Policies{Identity: []Policy{mustPluginPolicy(t, policy.Identity, "p", doc(stmt("Team", "Allow", "blue"), `{"Sid":"No","Effect":"Deny","Action":"s3:*","Resource":"*"}`))}}
		}, "fail", "s3:GetObject", ExplicitDeny, ReasonExplicitDeny},
		{"permissions boundary", func(t testing.TB) *Policies {
			return &Policies{
				Identity: []Policy{mustPolicy(t, policy.Identity, "id", allowAll)},
				Boundary: []Policy{mustPluginPolicy(t, policy.Boundary, "b", doc(stmt("Team", "Allow", "blue")))},
			}
		}, "fail", "s3:GetObject", ExplicitDeny, ReasonOperatorFailed},
		{"session policy", func(t testing.TB) *Policies {
			return &Policies{
				Identity: []Policy{mustPolicy(t, policy.Identity, "id", allowAll)},
				Session:  []Policy{mustPluginPolicy(t, policy.Session, "s", doc(stmt("Team", "Allow", "blue")))},
			}
		}, "fail", "s3:GetObject", ExplicitDeny, ReasonOperatorFailed},
		{"SCP Deny statement", func(t testing.TB) *Policies {
			return &Policies{
				Identity: []Policy{mustPolicy(t, policy.Identity, "id", allowAll)},
				SCP:      []Level{{Name: "root", Policies: []Policy{mustPluginPolicy(t, policy.SCP, "scp", doc(`{"Effect":"Allow","Action":"*","Resource":"*"}`, stmt("NotRed", "Deny", "red")))}}},
			}
		}, "fail", "s3:GetObject", ExplicitDeny, ReasonOperatorFailed},
		{"resource-based policy", func(t testing.TB) *Policies {
			return &Policies{Resource: []Policy{mustPluginPolicy(t, policy.Resource, "bucket", `{"Version":"2012-10-17","Statement":[{"Sid":"Grant","Effect":"Allow","Principal":{"AWS":"`+alice+`"},"Action":"s3:GetObject","Resource":"*","Condition":{"Plugin:Is":{"aws:PrincipalTag/team":"blue"}}}]}`)}}
		}, "fail", "s3:GetObject", ExplicitDeny, ReasonOperatorFailed},
		{"resource-based policy for another principal: no call, no failure", func(t testing.TB) *Policies {
			return &Policies{
				Identity: []Policy{mustPolicy(t, policy.Identity, "id", allowAll)},
				Resource: []Policy{mustPluginPolicy(t, policy.Resource, "bucket", `{"Version":"2012-10-17","Statement":[{"Sid":"Grant","Effect":"Deny","Principal":{"AWS":"`+otherUser+`"},"Action":"s3:GetObject","Resource":"*","Condition":{"Plugin:Is":{"aws:PrincipalTag/team":"blue"}}}]}`)},
			}
		}, "fail", "s3:GetObject", Allowed, ReasonIdentity},
		{"a built-in condition rules the statement out: no failure", func(t testing.TB) *Policies {
			return &Policies{Identity: []Policy{mustPluginPolicy(t, policy.Identity, "p", doc(allowRead,
				`{"Sid":"NotRed","Effect":"Deny","Action":"s3:GetObject","Resource":"*","Condition":{"Plugin:Is":{"aws:PrincipalTag/team":"red"},"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}`))}}
		}, "fail", "s3:GetObject", Allowed, ReasonIdentity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := tt.ps(t)
			r := &Request{Principal: mustCaller(t, alice), Action: tt.action, Resource: object}
			r.Context.Set("aws:PrincipalTag/team", String, tt.team)
			r.Context.Set("aws:RequestedRegion", String, "eu-west-1")
			assert.Equal(t, tt.want, Evaluate(ps, r), "Evaluate")
			e := Explain(ps, r)
			assert.Equal(t, tt.want, e.Decision, "Explain")
			assert.Equal(t, tt.why, e.Reason, e.Summary)
		})
	}
}

// TestExplainPluginFailure checks that the explanation says which
// statement failed, with which operator, and the error.
func TestExplainPluginFailure(t *testing.T) {
	ps := &Policies{Identity: []Policy{mustPluginPolicy(t, policy.Identity, "Guard",
		doc(`{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, stmt("NotRed", "Deny", "red")))}}
	r := &Request{Principal: mustCaller(t, alice), Action: "s3:GetObject", Resource: object}
	r.Context.Set("aws:PrincipalTag/team", String, "fail")

	e := Explain(ps, r)
	assert.Equal(t, ExplicitDeny, e.Decision)
	assert.Equal(t, `s3:GetObject on arn:aws:s3:::reports/q3.pdf: explicitDeny: a plugin condition operator failed on a statement that otherwise applies, and a failed operator denies the request whatever the statement's Effect (fail closed) (statement "NotRed" of Guard: Plugin:Is on aws:PrincipalTag/team: plugin test: call exceeded its 100ms deadline).`, e.Summary)
	require.Len(t, e.Statements, 2)
	failed := e.Statements[1]
	assert.False(t, failed.Applied)
	assert.Equal(t, "Plugin:Is on aws:PrincipalTag/team: plugin test: call exceeded its 100ms deadline", failed.Error)
	assert.Equal(t, "condition Plugin:Is on aws:PrincipalTag/team failed, so the statement counts as an explicit Deny (fail closed): plugin test: call exceeded its 100ms deadline", failed.Why)
	require.Len(t, e.Matched, 1, "the failed statement decided")
	assert.Equal(t, "NotRed", e.Matched[0].Sid)
	require.Len(t, e.PolicyTypes, 1)
	assert.Equal(t, VerdictDeny, e.PolicyTypes[0].Verdict)

	var b bytes.Buffer
	require.NoError(t, e.WriteText(&b))
	assert.Contains(t, b.String(), `  FAIL  Deny  Guard "NotRed" (identity, `)

	// A tracer sees the error in the step.
	var steps []Step
	Run(ps, r, tracerFunc(func(s Step) { steps = append(steps, s) }))
	require.Len(t, steps, 3)
	assert.True(t, steps[1].Miss.Failed())
	assert.ErrorIs(t, steps[1].Miss.Err, condition.ErrOperator)
	assert.Equal(t, ReasonOperatorFailed, steps[2].Reason)
}

type tracerFunc func(Step)

func (f tracerFunc) Step(s Step) { f(s) }

// TestEvaluateWithPluginAllocations measures what a plugin operator costs
// the fast path beyond the operator itself: nothing when it matches or not.
func TestEvaluateWithPluginAllocations(t *testing.T) {
	ps := &Policies{Identity: []Policy{mustPluginPolicy(t, policy.Identity, "p", doc(stmt("Team", "Allow", "blue")))}}
	r := &Request{Principal: mustCaller(t, alice), Action: "s3:GetObject", Resource: object}
	r.Context.Set("aws:PrincipalTag/team", String, "blue")
	assert.Zero(t, testing.AllocsPerRun(100, func() { Evaluate(ps, r) }))
}

// BenchmarkEvaluatePluginOperator measures the evaluator's own cost around a
// plugin operator, with an operator implemented in Go; the cost of a
// WebAssembly plugin call is measured in plugins/host.
func BenchmarkEvaluatePluginOperator(b *testing.B) {
	ps := &Policies{Identity: []Policy{mustPluginPolicy(b, policy.Identity, "p", doc(
		`{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`, stmt("NotRed", "Deny", "red")))}}
	r := &Request{Principal: mustCaller(b, alice), Action: "s3:GetObject", Resource: object}
	r.Context.Set("aws:PrincipalTag/team", String, "blue")
	b.ReportAllocs()
	for b.Loop() {
		Evaluate(ps, r)
	}
}
