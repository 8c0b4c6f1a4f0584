package host_test

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/policy"
	"github.com/iamlab/iamlab/engine/principal"
	"github.com/iamlab/iamlab/plugins/host"
)

const caller = "arn:aws:iam::111122223333:user/alice"

func parse(t testing.TB, h *host.Host, id, src string) eval.Policy {
	t.Helper()
	d, err := policy.Parse([]byte(src), policy.Options{Type: policy.Identity, Name: id, Operators: h})
	require.NoError(t, err)
	return eval.Policy{ID: id, Source: "user", Doc: d}
}

func request(t testing.TB, ctx ...[2]string) *eval.Request {
	t.Helper()
	p, err := principal.FromARN(caller)
	require.NoError(t, err)
	r := &eval.Request{Principal: p, Action: "s3:GetObject", Resource: "arn:aws:s3:::reports/q3.pdf"}
	for _, kv := range ctx {
		r.Context.Set(kv[0], eval.String, kv[1])
	}
	return r
}

// TestPoliciesWithPlugins runs the three plugins through the policy parser
// and the evaluator.
func TestPoliciesWithPlugins(t *testing.T) {
	h := newHost(t)
	for _, name := range []string{"cidr", "regex", "hours"} {
		load(t, h, name)
	}
	assert.Equal(t, []string{"Plugin:CidrOverlaps", "Plugin:RegexMatch", "Plugin:WithinHours"}, h.Operators())
	// The Deny uses Plugin:CidrOverlaps without IfExists: with IfExists a
	// request without the key would satisfy it, and be denied.
	ps := &eval.Policies{Identity: []eval.Policy{parse(t, h, "OfficeHours", `{"Version":"2012-10-17","Statement":[
		{"Sid":"ReadDuringOfficeHours","Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{
			"Plugin:WithinHours":{"aws:CurrentTime":"Mon-Fri 09:00-17:00 +01:00"},
			"Plugin:RegexMatch":{"aws:username":"[a-z]+"}}},
		{"Sid":"NotFromLabNetworks","Effect":"Deny","Action":"*","Resource":"*","Condition":{
			"Plugin:CidrOverlaps":{"iamlab:SourceCidr":["10.66.0.0/16"]}}}]}`)}}

	tests := []struct {
		name string
		ctx  [][2]string
		want eval.Decision
	}{
		{"in office hours", [][2]string{{"aws:CurrentTime", "2026-11-23T10:00:00Z"}, {"aws:username", "alice"}}, eval.Allowed},
		{"at night", [][2]string{{"aws:CurrentTime", "2026-11-23T22:00:00Z"}, {"aws:username", "alice"}}, eval.ImplicitDeny},
		{"a user name the expression refuses", [][2]string{{"aws:CurrentTime", "2026-11-23T10:00:00Z"}, {"aws:username", "Alice"}}, eval.ImplicitDeny},
		{"from a lab network", [][2]string{{"aws:CurrentTime", "2026-11-23T10:00:00Z"}, {"aws:username", "alice"}, {"iamlab:SourceCidr", "10.66.3.0/24"}}, eval.ExplicitDeny},
		{"from elsewhere", [][2]string{{"aws:CurrentTime", "2026-11-23T10:00:00Z"}, {"aws:username", "alice"}, {"iamlab:SourceCidr", "192.0.2.0/24"}}, eval.Allowed},
		{"an unreadable time fails closed", [][2]string{{"aws:CurrentTime", "teatime"}, {"aws:username", "alice"}}, eval.ExplicitDeny},
		{"an unreadable range in the Deny fails closed", [][2]string{{"aws:CurrentTime", "2026-11-23T10:00:00Z"}, {"aws:username", "alice"}, {"iamlab:SourceCidr", "lab"}}, eval.ExplicitDeny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := request(t, tt.ctx...)
			assert.Equal(t, tt.want, eval.Evaluate(ps, r))
			assert.Equal(t, tt.want, eval.Explain(ps, r).Decision)
		})
	}
}

// TestParseWithPlugins checks the parse-time errors: an operator no loaded
// plugin provides, and a value the plugin refuses, both located.
func TestParseWithPlugins(t *testing.T) {
	h := newHost(t)
	load(t, h, "regex")
	tests := []struct {
		name, cond, err string
	}{
		{"an operator no plugin provides", `{"Plugin:CidrOverlaps":{"iamlab:SourceCidr":"10.0.0.0/8"}}`,
			`p.json:1:108 Statement[0].Condition.Plugin:CidrOverlaps: unknown condition operator "Plugin:CidrOverlaps": no loaded plugin provides Plugin:CidrOverlaps`},
		{"an expression that does not compile", `{"Plugin:RegexMatch":{"aws:username":["ok","(x"]}}`,
			`p.json:1:150 Statement[0].Condition.Plugin:RegexMatch.aws:username: value [1] "(x": Plugin:RegexMatch refuses the value: not an RE2 expression: error parsing regexp: missing closing ): ` + "`(x`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":` + tt.cond + `}]}`
			_, err := policy.Parse([]byte(src), policy.Options{Type: policy.Identity, Name: "p.json", Operators: h})
			require.Error(t, err)
			assert.ErrorIs(t, err, policy.ErrMalformed)
			assert.Equal(t, tt.err, err.Error())
		})
	}
}

// TestParseWithBadValidation checks that a policy whose values a plugin
// cannot check — its iamlab_validate traps, loops or answers garbage — is
// refused, not accepted unchecked.
func TestParseWithBadValidation(t *testing.T) {
	validate := func(body []byte) []byte {
		return tiny(func(m *tinyModule) {
			m.setFunc(fn{name: "iamlab_validate", params: []byte{tI32, tI32, tI32}, results: []byte{tI64}, body: body})
		})
	}
	garbage := func(text string) []byte {
		return tiny(func(m *tinyModule) {
			m.data = append(m.data, seg{answerAddr + 4096, text})
			m.setFunc(fn{name: "iamlab_validate", params: []byte{tI32, tI32, tI32}, results: []byte{tI64}, body: packed(answerAddr+4096, uint32(len(text)))})
		})
	}
	tests := []struct {
		name string
		wasm []byte
		err  string
	}{
		{"a trap", validate(append(unreachable, i64(0)...)), `Plugin:Tiny: plugin "tiny": iamlab_validate trapped: wasm error: unreachable`},
		{"a loop", validate(append(spin, i64(0)...)), `Plugin:Tiny: plugin "tiny": iamlab_validate did not finish within its deadline of 100ms`},
		{"a match answer", garbage(`{"match":true}`), `Plugin:Tiny: plugin "tiny": iamlab_validate: malformed answer: unexpected member "match"`},
		{"an index out of range", garbage(`{"error":"bad","index":7}`), `Plugin:Tiny: plugin "tiny": bad`},
		{"a refused value", garbage(`{"error":"bad","index":0}`), `value [0] "x": Plugin:Tiny refuses the value: bad`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			timeout := 10 * time.Second // generous, so load cannot turn a trap into a timeout
			if tt.name == "a loop" {
				timeout = 100 * time.Millisecond
			}
			h := newHost(t, host.WithCallTimeout(timeout))
			_, err := h.Load(context.Background(), "tiny", tt.wasm)
			require.NoError(t, err)
			src := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Plugin:Tiny":{"aws:username":"x"}}}]}`
			_, err = policy.Parse([]byte(src), policy.Options{Type: policy.Identity, Name: "p.json", Operators: h})
			require.Error(t, err)
			assert.ErrorIs(t, err, policy.ErrMalformed)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
}

// TestMisbehavingPluginFailsClosed checks that a plugin that loops, traps,
// exhausts memory or answers garbage denies the request — also from a Deny
// statement, where a silently false condition would allow — and that the
// explanation names the statement, the operator and the error.
func TestMisbehavingPluginFailsClosed(t *testing.T) {
	h := newHost(t, host.WithCallTimeout(time.Second), host.WithMemoryLimitPages(256))
	load(t, h, "misbehave")
	for _, op := range []struct{ name, err string }{
		{"Spin", "iamlab_match did not finish within its deadline of 1s"},
		{"Panic", "iamlab_match trapped: wasm error: unreachable"},
		{"Hog", "iamlab_match ran out of memory"},
		{"Nonsense", "iamlab_match: malformed answer: not a JSON object"},
		{"Wild", "iamlab_match: the answer at address 4293918720, 64 bytes, is outside the module's memory"},
	} {
		for _, effect := range []string{"Allow", "Deny"} {
			t.Run(op.name+"/"+effect, func(t *testing.T) {
				ps := &eval.Policies{Identity: []eval.Policy{parse(t, h, "Guarded", `{"Version":"2012-10-17","Statement":[
					{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
					{"Sid":"Guard","Effect":"`+effect+`","Action":"s3:GetObject","Resource":"*","Condition":{"Plugin:`+op.name+`":{"aws:username":"mallory"}}}]}`)}}
				r := request(t, [2]string{"aws:username", "alice"})

				assert.Equal(t, eval.ExplicitDeny, eval.Evaluate(ps, r), "never an Allow")
				e := eval.Explain(ps, r)
				assert.Equal(t, eval.ExplicitDeny, e.Decision)
				assert.Equal(t, eval.ReasonOperatorFailed, e.Reason)
				assert.Contains(t, e.Summary, `(statement "Guard" of Guarded: Plugin:`+op.name+` on aws:username: plugin "misbehave": `+op.err)
				var b strings.Builder
				require.NoError(t, e.WriteText(&b))
				assert.Contains(t, b.String(), `FAIL  `+effect)
				require.Len(t, e.Matched, 1)
				assert.Equal(t, "Guard", e.Matched[0].Sid)
			})
		}
	}
}

// TestEngineHasNoWazero keeps the engine pure: it defines the operator
// interface, and only the host depends on wazero.
func TestEngineHasNoWazero(t *testing.T) {
	gobin, err := exec.LookPath("go")
	require.NoError(t, err)
	out, err := exec.Command(gobin, "list", "-e", "-deps", "../../engine/...").CombinedOutput()
	require.NoError(t, err, "%s", out)
	for _, dep := range strings.Fields(string(out)) {
		assert.False(t, strings.Contains(dep, "wazero") || strings.Contains(dep, "iamlab/plugins"), "engine depends on %s", dep)
	}
}
