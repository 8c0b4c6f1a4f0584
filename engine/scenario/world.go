package scenario

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/cloud"
	"github.com/iamlab/iamlab/engine/federation"
	"github.com/iamlab/iamlab/engine/org"
)

func (w *world) account(s *Account) outcome {
	id, alias := s.ID.Text(), s.Alias.Text()
	if err := w.cloud.CreateAccount(id, alias); err != nil {
		return w.fail(err)
	}
	// The operator holds the root user's credentials: not an access key,
	// so both of root's key slots stay free for key root.
	creds, err := w.cloud.OperatorCredentials(id)
	if err != nil {
		return w.fail(err)
	}
	w.rootCreds[id] = creds
	if alias != "" {
		w.aliases[alias] = id
	}
	w.current = id
	named := id
	if alias != "" {
		named += " (" + alias + ")"
	}
	w.say("created account %s; it is the current account", named)
	if s.InOrg || s.OU != nil {
		parent := ""
		if s.OU != nil {
			p, err := w.ouID(s.OU)
			if err != nil {
				return w.fail(err)
			}
			parent = p
		}
		if err := w.orgChange(func(o *org.Organization) error {
			return o.AddAccount(org.AddAccountInput{AccountId: id, ParentId: parent})
		}); err != nil {
			return w.fail(err)
		}
		if s.OU != nil {
			w.say("it joined the organization in OU %s (%s)", s.OU.Text(), parent)
		} else {
			w.say("it joined the organization at the root")
		}
	}
	return outcome{}
}

func (w *world) use(s *Use) outcome {
	id, err := w.accountID(s.Account)
	if err != nil {
		return w.fail(err)
	}
	w.current = id
	w.say("the current account is %s", id)
	return outcome{}
}

// orgChange changes the organization on the control plane.
func (w *world) orgChange(change func(*org.Organization) error) error {
	return w.cloud.Admin(func(st *cloud.State) error {
		if st.Org == nil {
			return &scenarioError{msg: "there is no organization yet: create it with: organization"}
		}
		return change(st.Org)
	})
}

func (w *world) organization() outcome {
	if err := w.needAccount(); err != nil {
		return w.fail(err)
	}
	if err := w.cloud.CreateOrganization(w.current); err != nil {
		return w.fail(err)
	}
	o := w.cloud.Control().Org
	w.say("created organization %s, root %s, managed by %s", o.ID(), o.RootID(), w.current)
	return outcome{}
}

// ouID resolves an OU by name ("root" is the root).
func (w *world) ouID(v *Value) (string, error) {
	if v.Text() == "root" {
		if o := w.cloud.Control().Org; o != nil {
			return o.RootID(), nil
		}
	}
	if id, ok := w.ous[v.Text()]; ok {
		return id, nil
	}
	return "", w.errAt(v, "no OU %q in this scenario (create it with: ou %s)", v.Text(), v.Text())
}

func (w *world) ou(s *OU) outcome {
	var out *org.OrganizationalUnit
	err := w.orgChange(func(o *org.Organization) error {
		parent := o.RootID()
		if s.Parent != nil {
			p, err := w.ouID(s.Parent)
			if err != nil {
				return err
			}
			parent = p
		}
		var err error
		out, err = o.CreateOrganizationalUnit(org.CreateOrganizationalUnitInput{ParentId: parent, Name: s.Name.Text()})
		return err
	})
	if err != nil {
		return w.fail(err)
	}
	w.ous[s.Name.Text()] = out.Id
	w.say("created OU %s (%s)", s.Name.Text(), out.Id)
	return outcome{}
}

// orgTarget resolves the root, an OU or an account.
func (w *world) orgTarget(t *Target) (string, error) {
	switch {
	case t.Root:
		if o := w.cloud.Control().Org; o != nil {
			return o.RootID(), nil
		}
		return "", &scenarioError{msg: "there is no organization yet: create it with: organization"}
	case t.Kind == "ou":
		return w.ouID(t.Name)
	case t.Kind == "account":
		return w.accountID(t.Name)
	}
	return "", w.errAt(t.Name, "a %s is not part of an organization: name the root, an ou or an account", t.Kind)
}

func targetText(t *Target) string {
	if t.Root {
		return "the root"
	}
	return t.Kind + " " + t.Name.Text()
}

func (w *world) move(s *Move) outcome {
	id, err := w.accountID(s.Account)
	if err != nil {
		return w.fail(err)
	}
	dest, err := w.orgTarget(s.Target)
	if err != nil {
		return w.fail(err)
	}
	err = w.orgChange(func(o *org.Organization) error {
		src, err := o.ParentOf(id)
		if err != nil {
			return err
		}
		return o.MoveAccount(org.MoveAccountInput{AccountId: id, SourceParentId: src, DestinationParentId: dest})
	})
	if err != nil {
		return w.fail(err)
	}
	w.say("moved account %s to %s", id, targetText(s.Target))
	return outcome{}
}

func (w *world) orgPolicy(s *OrgPolicy) outcome {
	doc, err := w.document(s.Body)
	if err != nil {
		return w.fail(err)
	}
	typ := org.ServiceControlPolicy
	if s.Kind == "rcp" {
		typ = org.ResourceControlPolicy
	}
	var out *org.Policy
	err = w.orgChange(func(o *org.Organization) (err error) {
		out, err = o.CreatePolicy(org.CreatePolicyInput{Name: s.Name.Text(), Content: doc, Type: typ})
		return err
	})
	if err != nil {
		return w.fail(err)
	}
	w.orgPolicies[s.Name.Text()] = orgPolicy{id: out.PolicySummary.Id, kind: s.Kind}
	w.say("created %s %s (%s)", strings.ToUpper(s.Kind), s.Name.Text(), out.PolicySummary.Id)
	return outcome{}
}

// orgAttach attaches an SCP or RCP to the root, an OU or an account.
func (w *world) orgAttach(pv *Value, t *Target, attach bool) outcome {
	id := ""
	if p, ok := w.orgPolicies[pv.Text()]; ok {
		id = p.id
	} else {
		switch pv.Text() {
		case "FullAWSAccess":
			id = org.FullAWSAccessID
		case "RCPFullAWSAccess":
			id = org.RCPFullAWSAccessID
		default:
			if strings.HasPrefix(pv.Text(), "p-") {
				id = pv.Text()
			} else {
				return w.fail(w.errAt(pv, "no SCP or RCP %q in this scenario (create one with: scp NAME = {…})", pv.Text()))
			}
		}
	}
	target, err := w.orgTarget(t)
	if err != nil {
		return w.fail(err)
	}
	err = w.orgChange(func(o *org.Organization) error {
		in := org.PolicyAttachmentInput{PolicyId: id, TargetId: target}
		if attach {
			return o.AttachPolicy(in)
		}
		return o.DetachPolicy(in)
	})
	if err != nil {
		return w.fail(err)
	}
	if attach {
		w.say("attached %s to %s (%s)", pv.Text(), targetText(t), target)
	} else {
		w.say("detached %s from %s (%s)", pv.Text(), targetText(t), target)
	}
	return outcome{}
}

func (w *world) partition(s *Partition) outcome {
	var names []string
	for _, v := range s.Regions {
		names = append(names, v.Text())
	}
	if err := w.cloud.Partition(names...); err != nil {
		return w.fail(err)
	}
	w.say("%s cut off from the other regions", strings.Join(names, ", "))
	return outcome{}
}

func (w *world) heal(s *Heal) outcome {
	var names []string
	for _, v := range s.Regions {
		names = append(names, v.Text())
	}
	if err := w.cloud.Heal(names...); err != nil {
		return w.fail(err)
	}
	if len(names) == 0 {
		w.say("every region reconnected")
	} else {
		w.say("%s reconnected", strings.Join(names, ", "))
	}
	return outcome{}
}

func (w *world) status() outcome {
	for _, st := range w.cloud.Status() {
		var notes []string
		if st.IsControl {
			notes = append(notes, "control plane")
		}
		if st.CutOff {
			notes = append(notes, "cut off")
		}
		if st.Behind > 0 {
			notes = append(notes, fmt.Sprintf("%d behind", st.Behind))
		} else if !st.IsControl {
			notes = append(notes, "up to date")
		}
		w.say("%-15s version %d, %s", st.Region, st.Version, strings.Join(notes, ", "))
	}
	return outcome{}
}

func (w *world) resource(s *Resource) outcome {
	doc, err := w.document(s.Policy)
	if err != nil {
		return w.fail(err)
	}
	arn := s.ARN.Text()
	owner := ""
	if s.Owner != nil {
		if owner, err = w.accountID(s.Owner); err != nil {
			return w.fail(err)
		}
	} else if acct := accountOfARN(arn); acct != "" {
		owner = acct
	} else if owner = w.current; owner == "" {
		return w.fail(w.errAt(s.ARN, "whose is %s? name its account: owner ACCOUNT", arn))
	}
	if err := w.cloud.PutResourcePolicy(arn, owner, doc, cloudTags(s.Tags)); err != nil {
		return w.fail(err)
	}
	w.say("put a resource-based policy on %s (owner %s)", arn, owner)
	return outcome{}
}

func (w *world) idp(s *IdP) outcome {
	name, url := s.Name.Text(), s.URL.Text()
	if s.Kind == "oidc" {
		is, err := federation.NewIssuer(url, w.randFor("oidc/"+name))
		if err != nil {
			return w.fail(err)
		}
		w.oidc[name] = is
		w.cloud.RegisterOIDCIssuer(is.URL(), is.Keys())
		w.say("OIDC identity provider %s at %s publishes key %s (%s)", name, is.URL(), is.KeyID(), is.Algorithm())
		return outcome{}
	}
	idp, err := federation.NewSAMLIdP(url, w.randFor("saml/"+name))
	if err != nil {
		return w.fail(err)
	}
	w.saml[name] = idp
	w.say("SAML identity provider %s, entity ID %s", name, idp.EntityID())
	return outcome{}
}

func (w *world) token(s *Token) outcome {
	is, ok := w.oidc[s.IdP.Text()]
	if !ok {
		return w.fail(w.errAt(s.IdP, "no OIDC identity provider %q (declare it with: idp oidc NAME \"https://…\")", s.IdP.Text()))
	}
	claims := federation.Claims{}
	if s.Claims != nil {
		doc, err := w.document(s.Claims)
		if err != nil {
			return w.fail(err)
		}
		dec := json.NewDecoder(strings.NewReader(doc))
		dec.UseNumber()
		if err := dec.Decode(&claims); err != nil {
			return w.fail(&scenarioError{pos: Pos(s.Claims.Pos), msg: "the claims are a JSON object: " + err.Error()})
		}
	}
	tok, err := is.Token(claims, w.now)
	if err != nil {
		return w.fail(err)
	}
	w.tokens[s.Name.Text()] = tok
	w.say("minted token %s from %s (sub %v, aud %v)", s.Name.Text(), is.URL(), claims["sub"], claims["aud"])
	return outcome{}
}

func (w *world) assertion(s *Assertion) outcome {
	idp, ok := w.saml[s.IdP.Text()]
	if !ok {
		return w.fail(w.errAt(s.IdP, "no SAML identity provider %q (declare it with: idp saml NAME \"https://…\")", s.IdP.Text()))
	}
	doc, err := w.document(s.Input)
	if err != nil {
		return w.fail(err)
	}
	var in federation.AssertionInput
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return w.fail(&scenarioError{pos: Pos(s.Input.Pos), msg: "an assertion takes Subject, Roles, RoleSessionName, SessionDuration, SourceIdentity, Tags …: " + err.Error()})
	}
	// Roles may name a role and a provider of the scenario: "Role,Provider".
	for i, r := range in.Roles {
		role, prov, ok := strings.Cut(r, ",")
		if ok && !strings.HasPrefix(role, "arn:") && !strings.HasPrefix(prov, "arn:") {
			in.Roles[i] = w.entityARN(w.current, "role", role) + "," + w.providerARN(nil, &Value{Raw: strconv.Quote(prov)})
		}
	}
	a, err := idp.Assertion(in, w.now)
	if err != nil {
		return w.fail(err)
	}
	w.assertions[s.Name.Text()] = a
	w.say("minted SAML assertion %s from %s for %s", s.Name.Text(), idp.EntityID(), in.Subject)
	return outcome{}
}

// providerARN resolves a SAML provider by name (or ARN).
func (w *world) providerARN(a *actor, v *Value) string {
	text := v.Text()
	if strings.HasPrefix(text, "arn:") {
		return text
	}
	acct := w.current
	if a != nil {
		acct = a.account
	}
	if arn, ok := w.providers[ukey(acct, text)]; ok {
		return arn
	}
	return "arn:aws:iam::" + acct + ":saml-provider/" + text
}

func (w *world) provider(a *actor, s *Provider) outcome {
	if s.Kind != "" {
		is, ok := w.oidc[s.IdP.Text()]
		if !ok {
			return w.fail(w.errAt(s.IdP, "no OIDC identity provider %q (declare it with: idp oidc NAME \"https://…\")", s.IdP.Text()))
		}
		host := strings.TrimPrefix(is.URL(), "https://")
		auds := []string{"sts.amazonaws.com"}
		if len(s.Audiences) > 0 {
			auds = nil
			for _, v := range s.Audiences {
				auds = append(auds, v.Text())
			}
		}
		var out *account.CreateOpenIDConnectProviderOutput
		o := w.iam(a, "iam:CreateOpenIDConnectProvider", "arn:aws:iam::"+a.account+":oidc-provider/"+host, func(acc *account.Account) (err error) {
			out, err = acc.CreateOpenIDConnectProvider(account.CreateOpenIDConnectProviderInput{Url: is.URL(), ClientIDList: auds,
				ThumbprintList: []string{"6938fd4d98bab03faadb97b34396831e3780aea1"}})
			return err
		})
		if o.err == nil {
			w.say("created OIDC provider %s for audience %s", out.OpenIDConnectProviderArn, strings.Join(auds, ", "))
		}
		return o
	}
	idp, ok := w.saml[s.SAMLIdP.Text()]
	if !ok {
		return w.fail(w.errAt(s.SAMLIdP, "no SAML identity provider %q (declare it with: idp saml NAME \"https://…\")", s.SAMLIdP.Text()))
	}
	meta, err := idp.Metadata(w.now, time.Time{})
	if err != nil {
		return w.fail(err)
	}
	name := s.Name.Text()
	var out *account.CreateSAMLProviderOutput
	o := w.iam(a, "iam:CreateSAMLProvider", "arn:aws:iam::"+a.account+":saml-provider/"+name, func(acc *account.Account) (err error) {
		out, err = acc.CreateSAMLProvider(account.CreateSAMLProviderInput{Name: name, SAMLMetadataDocument: meta})
		return err
	})
	if o.err == nil {
		w.providers[ukey(a.account, name)] = out.SAMLProviderArn
		w.say("created SAML provider %s trusting %s", out.SAMLProviderArn, idp.EntityID())
	}
	return o
}

func (w *world) sts(s *STS) outcome {
	if err := w.needAccount(); err != nil {
		return w.fail(err)
	}
	if s.Tokens != "" {
		if err := w.cloud.SetGlobalTokenVersion(w.current, s.Tokens == "v2"); err != nil {
			return w.fail(err)
		}
		w.say("the global endpoint's tokens are %s for account %s", s.Tokens, w.current)
		return outcome{}
	}
	if err := w.cloud.SetSTSRegion(w.current, s.Region.Text(), s.State == "active"); err != nil {
		return w.fail(err)
	}
	w.say("STS is %s in %s for account %s", s.State, s.Region.Text(), w.current)
	return outcome{}
}

func (w *world) quota(s *Quota) outcome {
	if err := w.needAccount(); err != nil {
		return w.fail(err)
	}
	n, err := strconv.Atoi(s.Limit.Text())
	if err != nil || n < 0 {
		return w.fail(w.errAt(s.Limit, "a quota is a whole number, not %q", s.Limit.Text()))
	}
	q := account.DefaultQuotas()
	field, ok := reflect.TypeOf(q).FieldByNameFunc(func(f string) bool { return strings.EqualFold(f, s.Name.Text()) })
	if !ok {
		var names []string
		t := reflect.TypeOf(q)
		for i := range t.NumField() {
			names = append(names, t.Field(i).Name)
		}
		return w.fail(w.errAt(s.Name, "no quota %q (quotas: %s)", s.Name.Text(), strings.Join(names, ", ")))
	}
	err = w.cloud.Admin(func(st *cloud.State) error {
		a := st.Accounts[w.current]
		q := a.Quotas()
		reflect.ValueOf(&q).Elem().FieldByIndex(field.Index).SetInt(int64(n))
		return a.SetQuotas(q)
	})
	if err != nil {
		return w.fail(err)
	}
	w.say("quota %s of account %s is now %d", field.Name, w.current, n)
	return outcome{}
}

// plugin loads a condition-operator plugin through Options.Plugin.
func (w *world) plugin(s *Plugin) outcome {
	if w.opts.Plugin == nil {
		return w.fail(w.errAt(s.Name, "plugins cannot be loaded in this run: no plugin host is configured"))
	}
	data, err := w.document(&Body{File: s.Path})
	if err != nil {
		return w.fail(err)
	}
	if err := w.opts.Plugin(s.Name.Text(), []byte(data)); err != nil {
		return w.fail(err)
	}
	w.say("loaded plugin %s from %s", s.Name.Text(), s.Path.Text())
	return outcome{}
}
