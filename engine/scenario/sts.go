package scenario

import (
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/cloud"
	"github.com/iamlab/iamlab/engine/sts"
)

// stsRequest is what the clauses of an STS call say.
type stsRequest struct {
	session, externalID, sourceIdentity, policy string
	duration                                    int
	policyARNs                                  []cloud.PolicyDescriptor
	tags                                        []sts.Tag
	transitive                                  []string
	serial, code                                string
	webIdentity, saml, via, password, region    *Value
	hasSession                                  bool
	// deviceNamed says that serial comes from "with mfa device D".
	deviceNamed bool
}

func (w *world) stsClauses(a *actor, cs []*STSClause) (*stsRequest, error) {
	r := &stsRequest{}
	for _, c := range cs {
		switch {
		case c.Session != nil:
			r.session, r.hasSession = c.Session.Text(), true
		case c.ExternalID != nil:
			r.externalID = c.ExternalID.Text()
		case c.Duration != nil:
			n, err := seconds(c.Duration)
			if err != nil {
				return nil, err
			}
			r.duration = n
		case c.Policy != nil:
			doc, err := w.document(c.Policy)
			if err != nil {
				return nil, err
			}
			r.policy = doc
		case c.PolicyARNs != nil:
			acct := w.current
			if a != nil {
				acct = a.account
			}
			for _, v := range c.PolicyARNs {
				r.policyARNs = append(r.policyARNs, cloud.PolicyDescriptor{Arn: w.policyARN(acct, v)})
			}
		case c.Tags != nil:
			for _, t := range c.Tags.Tags {
				r.tags = append(r.tags, sts.Tag{Key: t.Key.Text(), Value: t.Value.Text()})
			}
		case c.Transitive != nil:
			for _, v := range c.Transitive {
				r.transitive = append(r.transitive, v.Text())
			}
		case c.SourceIdentity != nil:
			r.sourceIdentity = c.SourceIdentity.Text()
		case c.MFA != nil:
			code, serial, err := w.code(a, c.MFA.Code)
			if err != nil {
				return nil, err
			}
			if c.MFA.Device != nil {
				d, err := w.clauseDevice(a, c.MFA.Device)
				if err != nil {
					return nil, err
				}
				serial, r.deviceNamed = d.serial, true
			}
			if serial == "" && a != nil {
				owner := a.user
				if a.root {
					owner = "root"
				}
				if d, ok := w.ownerDevice(ukey(a.account, owner)); ok {
					serial = d.serial
				}
			}
			r.serial, r.code = serial, code
		case c.WebIdentity != nil:
			r.webIdentity = c.WebIdentity
		case c.SAML != nil:
			r.saml = c.SAML
		case c.Via != nil:
			r.via = c.Via
		case c.Password != nil:
			r.password = c.Password
		case c.Region != nil:
			r.region = c.Region
		}
	}
	return r, nil
}

// awsManagedPolicy is the cloud's source of AWS managed policies for
// managed session policies (cloud.Config.AWSManagedPolicy): the catalog's
// current documents, as attach registers them.
func awsManagedPolicy(arn string) (string, bool) {
	if !strings.HasPrefix(arn, awsPolicyPrefix) {
		return "", false
	}
	ps, err := awsPolicies()
	if err != nil {
		return "", false
	}
	p, ok := ps.Lookup(arn)
	if !ok || p.ARN != arn {
		return "", false
	}
	return account.CatalogAWSManagedPolicy(p).Document, true
}

// keep records a session under a name.
func (w *world) keep(name string, creds cloud.STSCredentials, acct, arn string) {
	w.sessions[name] = sessionInfo{creds: creds.Credentials(), account: acct, arn: arn}
	w.say("session %s: %s, expires %s", name, arn, creds.Expiration.UTC().Format(time.RFC3339))
}

// roleARN resolves a role written as an ARN or as a name in the actor's
// (or the current) account.
func (w *world) roleARN(a *actor, v *Value) string {
	text := v.Text()
	if len(text) > 4 && text[:4] == "arn:" {
		return text
	}
	acct := w.current
	if a != nil {
		acct = a.account
	}
	return w.entityARN(acct, "role", text)
}

func (w *world) assume(a *actor, s *Assume) outcome {
	r, err := w.stsClauses(a, s.Clauses)
	if err != nil {
		return w.fail(err)
	}
	roleARN := w.roleARN(a, s.Role)
	switch {
	case r.webIdentity != nil:
		token, ok := w.tokens[r.webIdentity.Text()]
		if !ok {
			return w.fail(w.errAt(r.webIdentity, "no token %q: mint one with: token NAME from IDP {claims}", r.webIdentity.Text()))
		}
		if !r.hasSession {
			return w.fail(w.errAt(s.Role, "AssumeRoleWithWebIdentity needs a session name: session NAME"))
		}
		out, res, err := w.cloud.AssumeRoleWithWebIdentity(a.region, cloud.AssumeRoleWithWebIdentityInput{RoleArn: roleARN, RoleSessionName: r.session,
			WebIdentityToken: token, DurationSeconds: r.duration, Policy: r.policy, PolicyArns: r.policyARNs})
		return w.stsDone(res, err, func() {
			w.say("web identity %s from %s (audience %s)", out.SubjectFromWebIdentityToken, out.Provider, out.Audience)
			w.keep(r.session, out.Credentials, accountOfARN(out.AssumedRoleUser.Arn), out.AssumedRoleUser.Arn)
		})
	case r.saml != nil:
		assertion, ok := w.assertions[r.saml.Text()]
		if !ok {
			return w.fail(w.errAt(r.saml, "no assertion %q: mint one with: assertion NAME from IDP {…}", r.saml.Text()))
		}
		if r.via == nil {
			return w.fail(w.errAt(r.saml, "AssumeRoleWithSAML names the SAML provider: via PROVIDER"))
		}
		provider := w.providerARN(a, r.via)
		out, res, err := w.cloud.AssumeRoleWithSAML(a.region, cloud.AssumeRoleWithSAMLInput{RoleArn: roleARN, PrincipalArn: provider,
			SAMLAssertion: assertion, DurationSeconds: r.duration, Policy: r.policy, PolicyArns: r.policyARNs})
		return w.stsDone(res, err, func() {
			name := r.session
			if !r.hasSession {
				name = out.AssumedRoleUser.Arn[lastSlash(out.AssumedRoleUser.Arn)+1:]
			}
			w.say("SAML subject %s (%s) from %s", out.Subject, out.SubjectType, out.Issuer)
			w.keep(name, out.Credentials, accountOfARN(out.AssumedRoleUser.Arn), out.AssumedRoleUser.Arn)
		})
	}
	if a.operator {
		return w.fail(w.errAt(s.Role, "AssumeRole needs a caller: as NAME assume role … (only web identity and SAML need none)"))
	}
	if !r.hasSession {
		return w.fail(w.errAt(s.Role, "AssumeRole needs a session name: session NAME"))
	}
	out, res, err := w.cloud.AssumeRole(a.region, a.creds, cloud.AssumeRoleInput{RoleArn: roleARN, RoleSessionName: r.session,
		DurationSeconds: r.duration, ExternalId: r.externalID, Policy: r.policy, PolicyArns: r.policyARNs, Tags: r.tags,
		TransitiveTagKeys: r.transitive, SourceIdentity: r.sourceIdentity, SerialNumber: r.serial, TokenCode: r.code})
	return w.stsDone(res, err, func() {
		w.keep(r.session, out.Credentials, accountOfARN(out.AssumedRoleUser.Arn), out.AssumedRoleUser.Arn)
	})
}

// stsDone reports an STS call: its error, or what it gave.
func (w *world) stsDone(res *cloud.Result, err error, ok func()) outcome {
	o := w.called(res, err)
	if o.err == nil {
		ok()
	}
	return o
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}

// accountOfARN is the account field of an ARN.
func accountOfARN(arn string) string {
	n := 0
	start := 0
	for i := 0; i < len(arn); i++ {
		if arn[i] == ':' {
			n++
			if n == 4 {
				start = i + 1
			}
			if n == 5 {
				return arn[start:i]
			}
		}
	}
	return ""
}

func (w *world) getSessionToken(a *actor, s *GetSessionToken) outcome {
	r, err := w.stsClauses(a, s.Clauses)
	if err != nil {
		return w.fail(err)
	}
	if !r.hasSession {
		return w.fail(w.errAt(nil, "name the session to keep its credentials: get session-token session NAME"))
	}
	out, err := w.cloud.GetSessionToken(a.region, a.creds, cloud.GetSessionTokenInput{DurationSeconds: r.duration, SerialNumber: r.serial, TokenCode: r.code})
	if err != nil {
		return w.fail(err)
	}
	id, err := w.cloud.GetCallerIdentity(a.region, out.Credentials.Credentials())
	arn := ""
	if err == nil {
		arn = id.Arn
	}
	mfa := "without MFA"
	if r.code != "" {
		mfa = "with MFA"
	}
	w.say("session token for %s, %s", arn, mfa)
	w.keep(r.session, out.Credentials, a.account, arn)
	return outcome{}
}

func (w *world) getFederationToken(a *actor, s *GetFederationToken) outcome {
	r, err := w.stsClauses(a, s.Clauses)
	if err != nil {
		return w.fail(err)
	}
	name := s.Name.Text()
	if r.hasSession {
		name = r.session
	}
	out, res, err := w.cloud.GetFederationToken(a.region, a.creds, cloud.GetFederationTokenInput{Name: s.Name.Text(), DurationSeconds: r.duration,
		Policy: r.policy, PolicyArns: r.policyARNs, Tags: r.tags})
	return w.stsDone(res, err, func() {
		w.keep(name, out.Credentials, a.account, out.FederatedUser.Arn)
	})
}

func (w *world) getCallerIdentity(a *actor) outcome {
	out, err := w.cloud.GetCallerIdentity(a.region, a.creds)
	if err != nil {
		return w.fail(err)
	}
	w.say("UserId %s, Account %s, Arn %s", out.UserId, out.Account, out.Arn)
	return outcome{}
}

func (w *world) signIn(s *SignIn) outcome {
	if err := w.needAccount(); err != nil {
		return w.fail(err)
	}
	r, err := w.stsClauses(nil, s.Clauses)
	if err != nil {
		return w.fail(err)
	}
	user := s.User.Text()
	in := cloud.SignInInput{Account: w.current, UserName: user, MFACode: r.code}
	if r.deviceNamed {
		// The console asks which device the code is from; without a
		// device named, a code from any of the user's devices will do.
		in.MFASerial = r.serial
	}
	if user == "root" {
		in.UserName = ""
	}
	if r.password != nil {
		in.Password = r.password.Text()
	}
	region := w.region
	if r.region != nil {
		region = r.region.Text()
	}
	out, err := w.cloud.SignIn(region, in)
	if err != nil {
		return w.fail(err)
	}
	name := user + "-console"
	if r.hasSession {
		name = r.session
	}
	mfa := "without MFA"
	if out.MFAUsed {
		mfa = "with MFA"
	}
	arn := ""
	if id, err := w.cloud.GetCallerIdentity(region, out.Credentials.Credentials()); err == nil {
		arn = id.Arn
	}
	w.say("%s signed in to the console %s", user, mfa)
	w.keep(name, out.Credentials, w.current, arn)
	return outcome{}
}

func (w *world) launch(a *actor, s *Launch) outcome {
	id, res, err := w.cloud.RunInstance(a.region, a.creds, s.Profile.Text())
	if o := w.called(res, err); o.err != nil {
		return o
	}
	w.say("launched instance %s with instance profile %s", id, s.Profile.Text())
	creds, res, err := w.cloud.InstanceCredentials(id)
	if o := w.called(res, err); o.err != nil {
		return o
	}
	arn := ""
	if who, err := w.cloud.GetCallerIdentity(a.region, creds.Credentials()); err == nil {
		arn = who.Arn
	}
	w.keep(s.Name.Text(), *creds, a.account, arn)
	return outcome{result: res}
}
