package scenario

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/engine/cloud"
	"github.com/iamlab/iamlab/engine/eval"
)

// fold is how names are compared: IAM's names ignore case.
func fold(s string) string { return strings.ToLower(s) }

func ukey(account, name string) string { return account + "/" + fold(name) }

// accountID resolves an account written as its ID or alias.
func (w *world) accountID(v *Value) (string, error) {
	text := v.Text()
	if id, ok := w.aliases[text]; ok {
		return id, nil
	}
	if _, ok := w.rootCreds[text]; ok {
		return text, nil
	}
	return "", w.errAt(v, "no account %q in this scenario (create it with: account 123456789012 alias \"name\")", text)
}

func (w *world) needAccount() error {
	if w.current == "" {
		return w.errAt(nil, "no account yet: a scenario starts with account 123456789012")
	}
	return nil
}

// defaultActor is the scenario's operator: it sets the current account
// up on the control plane directly, and calls STS as its root user.
func (w *world) defaultActor() (*actor, error) {
	if err := w.needAccount(); err != nil {
		return nil, err
	}
	return &actor{creds: w.rootCreds[w.current], account: w.current, root: true, operator: true, name: "root", region: w.region}, nil
}

// resolve finds the credentials of a principal.
func (w *world) resolve(p *Principal, region string) (*actor, error) {
	if p.Session != nil {
		s, ok := w.sessions[p.Session.Text()]
		if !ok {
			return nil, w.errAt(p.Session, "no session %q: sessions come from assume role, get session-token, get federation-token, signin and launch", p.Session.Text())
		}
		return &actor{creds: s.creds, account: s.account, name: "session " + p.Session.Text(), region: region}, nil
	}
	acct := w.current
	if p.Of != nil {
		id, err := w.accountID(p.Of)
		if err != nil {
			return nil, err
		}
		acct = id
	} else if err := w.needAccount(); err != nil {
		return nil, err
	}
	name := p.Name.Text()
	if name == "root" {
		return &actor{creds: w.rootCreds[acct], account: acct, root: true, name: name, region: region}, nil
	}
	user, n := name, 0
	if i := strings.LastIndexByte(name, '#'); i > 0 {
		k, err := strconv.Atoi(name[i+1:])
		if err != nil || k < 1 {
			return nil, w.errAt(p.Name, "%q: after # comes the number of the user's key, 1 for the first created", name)
		}
		user, n = name[:i], k
	}
	keys := w.keys[ukey(acct, user)]
	if len(keys) == 0 {
		return nil, w.errAt(p.Name, "%s has no access key in this scenario: create one with: key %s", user, user)
	}
	k := keys[len(keys)-1]
	if n > 0 {
		if n > len(keys) {
			return nil, w.errAt(p.Name, "%s has only %d access keys in this scenario", user, len(keys))
		}
		k = keys[n-1]
	}
	if fold(user) == "root" {
		// root#N signs with the root user's Nth access key.
		return &actor{creds: k.creds, account: acct, root: true, name: name, region: region}, nil
	}
	return &actor{creds: k.creds, account: acct, user: user, name: name, region: region}, nil
}

// as runs a request or an operation as a principal.
func (w *world) as(s *As) outcome {
	region := w.region
	if s.Region != nil {
		region = s.Region.Text()
	}
	a, err := w.resolve(s.Who, region)
	if err != nil {
		return w.fail(err)
	}
	if s.Request != nil {
		return w.request(a, s.Request)
	}
	return w.exec(s.Op, a)
}

// request authorizes ACTION on RESOURCE for a principal.
func (w *world) request(a *actor, r *Request) outcome {
	call := cloud.Call{Action: r.Action.Text(), Resource: r.Resource.Text()}
	for _, c := range r.Clauses {
		switch {
		case c.From != nil:
			call.SourceIP = c.From.Text()
		case c.Insecure:
			call.Insecure = true
		case c.Tags != nil:
			call.RequestTags = cloudTags(c.Tags)
		case c.ResourceTags != nil:
			call.ResourceTags = cloudTags(c.ResourceTags)
		case c.Owner != nil:
			id, err := w.accountID(c.Owner)
			if err != nil {
				return w.fail(err)
			}
			call.ResourceAccount = id
		default:
			entries, err := contextEntries(c.Context)
			if err != nil {
				return w.fail(&scenarioError{pos: Pos(c.Pos), msg: "context: " + err.Error()})
			}
			call.Context = append(call.Context, entries...)
		}
	}
	res, err := w.cloud.Authorize(a.region, a.creds, call)
	if err != nil {
		return w.fail(err)
	}
	w.last = res
	w.say("%s: %s", res.Decision, reason(res, call.Action, call.Resource))
	return outcome{result: res, request: true}
}

func cloudTags(t *TagList) []cloud.Tag {
	if t == nil {
		return nil
	}
	out := make([]cloud.Tag, 0, len(t.Tags))
	for _, tag := range t.Tags {
		out = append(out, cloud.Tag{Key: tag.Key.Text(), Value: tag.Value.Text()})
	}
	return out
}

// contextEntries reads a request's context block: a JSON object of keys
// and values. Strings are String, numbers Numeric, booleans Boolean, and
// arrays the list types of their elements.
func contextEntries(text string) ([]eval.Entry, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []eval.Entry
	for _, k := range keys {
		e := eval.Entry{Key: k}
		switch v := m[k].(type) {
		case string:
			e.Type, e.Values = eval.String, []string{v}
		case json.Number:
			e.Type, e.Values = eval.Numeric, []string{v.String()}
		case bool:
			e.Type, e.Values = eval.Boolean, []string{strconv.FormatBool(v)}
		case []any:
			e.Type = eval.StringList
			for _, x := range v {
				switch x := x.(type) {
				case string:
					e.Values = append(e.Values, x)
				case json.Number:
					e.Type = eval.NumericList
					e.Values = append(e.Values, x.String())
				case bool:
					e.Type = eval.BooleanList
					e.Values = append(e.Values, strconv.FormatBool(x))
				default:
					return nil, &scenarioError{msg: "the list of " + k + " holds something other than strings, numbers and booleans"}
				}
			}
		default:
			return nil, &scenarioError{msg: "the value of " + k + " is not a string, number, boolean or list of them"}
		}
		out = append(out, e)
	}
	return out, nil
}
