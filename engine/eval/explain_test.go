package eval

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/policy"
)

func TestExplainNamesTheDecidingStatements(t *testing.T) {
	ps := &Policies{
		Identity: []Policy{mustPolicy(t, policy.Identity, "Team", `{"Version":"2012-10-17","Statement":[
			{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
			{"Sid":"NoSecrets","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::secrets/*"},
			{"Sid":"FromOffice","Effect":"Allow","Action":"s3:PutObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}`)},
	}
	r := &Request{Principal: mustCaller(t, alice), Action: "s3:GetObject", Resource: "arn:aws:s3:::secrets/key"}
	e := Explain(ps, r)
	assert.Equal(t, ExplicitDeny, e.Decision)
	require.Len(t, e.Matched, 1)
	assert.Equal(t, "NoSecrets", e.Matched[0].Sid, "an explicit deny lists only the denying statement")
	assert.Contains(t, e.Summary, "explicit Deny")
	require.Len(t, e.Statements, 3)
	assert.True(t, e.Statements[0].Applied)
	assert.Equal(t, "Action does not include s3:GetObject", e.Statements[2].Why)

	r = &Request{Principal: mustCaller(t, alice), Action: "s3:PutObject", Resource: "arn:aws:s3:::reports/x"}
	e = Explain(ps, r)
	assert.Equal(t, ImplicitDeny, e.Decision)
	assert.Empty(t, e.Matched, "an implicit deny has no deciding statement")
	assert.Equal(t, []string{"aws:SourceIp"}, e.MissingContextValues)
	assert.Equal(t, "condition IpAddress on aws:SourceIp did not hold: the request has no value for the key", e.Statements[2].Why)

	r.Context.Set("aws:SourceIp", IP, "203.0.113.9")
	e = Explain(ps, r)
	assert.Equal(t, Allowed, e.Decision)
	require.Len(t, e.Matched, 1)
	assert.Equal(t, "FromOffice", e.Matched[0].Sid)
	assert.Empty(t, e.MissingContextValues)
}

func TestExplainPolicyTypesInFlowchartOrder(t *testing.T) {
	ps := &Policies{
		Identity: []Policy{mustPolicy(t, policy.Identity, "id", allowAll)},
		Boundary: []Policy{mustPolicy(t, policy.Boundary, "b", allowS3("*"))},
		Session:  []Policy{mustPolicy(t, policy.Session, "s", allowS3("*"))},
		Resource: []Policy{mustPolicy(t, policy.Resource, "r", bucketPolicy(`{"AWS":"`+auditorRole+`"}`))},
		SCP:      []Level{{Name: "root", Policies: []Policy{mustPolicy(t, policy.SCP, "full", allowAll)}}, {Name: "ou-prod"}},
		RCP:      []Level{{Name: "root", Policies: []Policy{mustPolicy(t, policy.RCP, "rfull", rcpAllowAll)}}},
	}
	e := Explain(ps, &Request{Principal: mustCaller(t, auditorSess), Action: "s3:GetObject", Resource: object})
	assert.Equal(t, Allowed, e.Decision)
	assert.Equal(t, ReasonResourceIndirect, e.Reason)
	var order []string
	for _, v := range e.PolicyTypes {
		order = append(order, v.Type.String()+"/"+v.Level+"="+v.Verdict.String())
	}
	assert.Equal(t, []string{"rcp/root=allowed", "scp/root=allowed", "scp/ou-prod=not present", "resource/=allowed", "identity/=allowed", "boundary/=allowed", "session/=allowed"}, order)
	var grant string
	for _, s := range e.Statements {
		if s.PolicyType == policy.Resource {
			grant = s.Grant
		}
	}
	assert.Equal(t, "indirect", grant, "a grant to the role reaches its sessions indirectly")
}

func TestExplanationJSONIsStable(t *testing.T) {
	ps, reqs := benchSet(t)
	first, err := json.Marshal(Explain(ps, &reqs[2]))
	require.NoError(t, err)
	for range 5 {
		again, err := json.Marshal(Explain(ps, &reqs[2]))
		require.NoError(t, err)
		assert.Equal(t, string(first), string(again))
	}
	var buf bytes.Buffer
	require.NoError(t, Explain(ps, &reqs[2]).WriteText(&buf))
	assert.Contains(t, buf.String(), `APPLY Deny  Guardrails "NoSecrets"`)
}
