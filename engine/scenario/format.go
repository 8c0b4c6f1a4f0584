package scenario

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
)

// Format prints a parsed scenario canonically: one space between words,
// clauses in the grammar's order, comments two spaces after their
// statement, runs of blank lines as one, and JSON blocks as written (less
// trailing white space). Formatting a formatted file changes nothing.
func Format(f *File) []byte {
	var b bytes.Buffer
	blank := false
	started := false
	for _, l := range f.Lines {
		if l.Stmt == nil && l.Comment == "" {
			blank = started
			continue
		}
		if blank {
			b.WriteByte('\n')
			blank = false
		}
		started = true
		if l.Stmt != nil {
			p := &printer{}
			p.stmt(l.Stmt)
			b.WriteString(p.String())
			if l.Comment != "" {
				b.WriteString("  ")
			}
		}
		b.WriteString(l.Comment)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// Source returns a statement as it is echoed in a transcript: canonical,
// on one line, with each JSON block shortened to {…}.
func Source(s Statement) string {
	p := &printer{short: true}
	p.stmt(s)
	return p.String()
}

// printer writes statements word by word.
type printer struct {
	b     strings.Builder
	short bool // JSON blocks as {…}
}

func (p *printer) String() string { return p.b.String() }

func (p *printer) word(ws ...string) {
	for _, w := range ws {
		if w == "" {
			continue
		}
		if p.b.Len() > 0 && w != "," && w != ")" && w != ":" && !strings.HasSuffix(p.b.String(), "(") {
			p.b.WriteByte(' ')
		}
		p.b.WriteString(w)
	}
}

func (p *printer) val(v *Value) {
	if v != nil {
		p.word(v.Raw)
	}
}

func (p *printer) kv(key string, v *Value) {
	if v != nil {
		p.word(key)
		p.val(v)
	}
}

func (p *printer) list(vs []*Value) {
	for i, v := range vs {
		if i > 0 {
			p.word(",")
		}
		p.val(v)
	}
}

func (p *printer) body(b *Body) {
	switch {
	case b == nil:
	case b.File != nil:
		p.word("file")
		p.val(b.File)
	case p.short:
		var c bytes.Buffer
		if json.Compact(&c, []byte(b.JSON)) == nil && c.Len() <= 60 {
			p.word(c.String())
		} else {
			p.word("{…}")
		}
	default:
		lines := strings.Split(b.JSON, "\n")
		for i := range lines {
			lines[i] = strings.TrimRight(lines[i], " \t\r")
		}
		p.word(strings.Join(lines, "\n"))
	}
}

func (p *printer) json(s string) {
	p.body(&Body{JSON: s})
}

func (p *printer) tags(t *TagList) {
	if t == nil {
		return
	}
	for i, tag := range t.Tags {
		if i > 0 {
			p.word(",")
		}
		p.val(tag.Key)
		p.b.WriteString("=")
		p.b.WriteString(tag.Value.Raw)
	}
}

func (p *printer) code(c *Code) {
	switch {
	case c == nil:
	case c.TOTP != nil:
		p.word("totp(")
		p.b.WriteString(c.TOTP.Raw)
		if c.Offset != nil {
			p.b.WriteString(", " + c.Offset.Raw)
		}
		p.b.WriteString(")")
	default:
		p.val(c.Literal)
	}
}

func (p *printer) target(t *Target) {
	if t.Root {
		p.word("root")
		return
	}
	p.word(t.Kind)
	p.val(t.Name)
}

func (p *printer) principal(w *Principal) {
	if w.Session != nil {
		p.kv("session", w.Session)
		return
	}
	p.val(w.Name)
	p.kv("of", w.Of)
}

// entityOrder is the canonical order of user and role clauses.
func entityOrder(c *EntityClause) int {
	switch {
	case c.Path != nil:
		return 0
	case c.Groups != nil:
		return 1
	case c.Trust != nil:
		return 2
	case c.MaxSession != nil:
		return 3
	case c.Boundary != nil:
		return 4
	case c.Description != nil:
		return 5
	}
	return 6
}

func (p *printer) entityClauses(cs []*EntityClause) {
	cs = append([]*EntityClause(nil), cs...)
	sort.SliceStable(cs, func(i, j int) bool { return entityOrder(cs[i]) < entityOrder(cs[j]) })
	for _, c := range cs {
		switch {
		case c.Path != nil:
			p.kv("path", c.Path)
		case c.Groups != nil:
			p.word("in", "group")
			p.list(c.Groups)
		case c.Trust != nil:
			p.word("trust")
			p.body(c.Trust)
		case c.MaxSession != nil:
			p.kv("max-session", c.MaxSession)
		case c.Boundary != nil:
			p.kv("boundary", c.Boundary)
		case c.Description != nil:
			p.kv("description", c.Description)
		case c.Tags != nil:
			p.word("tags")
			p.tags(c.Tags)
		}
	}
}

// stsOrder is the canonical order of STS clauses.
func stsOrder(c *STSClause) int {
	switch {
	case c.Region != nil:
		return 0
	case c.Password != nil:
		return 1
	case c.Session != nil:
		return 2
	case c.WebIdentity != nil, c.SAML != nil:
		return 3
	case c.Via != nil:
		return 4
	case c.ExternalID != nil:
		return 5
	case c.Duration != nil:
		return 6
	case c.Policy != nil:
		return 7
	case c.PolicyARNs != nil:
		return 8
	case c.Tags != nil:
		return 9
	case c.Transitive != nil:
		return 10
	case c.SourceIdentity != nil:
		return 11
	}
	return 12 // with mfa: last, as the code is typed last
}

func (p *printer) stsClauses(cs []*STSClause) {
	cs = append([]*STSClause(nil), cs...)
	sort.SliceStable(cs, func(i, j int) bool { return stsOrder(cs[i]) < stsOrder(cs[j]) })
	for _, c := range cs {
		switch {
		case c.Region != nil:
			p.kv("in", c.Region)
		case c.Password != nil:
			p.kv("password", c.Password)
		case c.Session != nil:
			p.kv("session", c.Session)
		case c.WebIdentity != nil:
			p.word("with", "web-identity")
			p.val(c.WebIdentity)
		case c.SAML != nil:
			p.word("with", "saml")
			p.val(c.SAML)
		case c.Via != nil:
			p.kv("via", c.Via)
		case c.ExternalID != nil:
			p.kv("external-id", c.ExternalID)
		case c.Duration != nil:
			p.kv("duration", c.Duration)
		case c.Policy != nil:
			p.word("policy")
			p.body(c.Policy)
		case c.PolicyARNs != nil:
			p.word("policy-arns")
			p.list(c.PolicyARNs)
		case c.Tags != nil:
			p.word("tags")
			p.tags(c.Tags)
		case c.Transitive != nil:
			p.word("transitive")
			p.list(c.Transitive)
		case c.SourceIdentity != nil:
			p.kv("source-identity", c.SourceIdentity)
		case c.MFA != nil:
			p.word("with", "mfa")
			p.kv("device", c.MFA.Device)
			p.word("code")
			p.code(c.MFA.Code)
		}
	}
}

func requestOrder(c *RequestClause) int {
	switch {
	case c.Owner != nil:
		return 0
	case c.From != nil:
		return 1
	case c.Insecure:
		return 2
	case c.Tags != nil:
		return 3
	case c.ResourceTags != nil:
		return 4
	}
	return 5
}

func (p *printer) request(r *Request) {
	p.val(r.Action)
	p.kv("on", r.Resource)
	cs := append([]*RequestClause(nil), r.Clauses...)
	sort.SliceStable(cs, func(i, j int) bool { return requestOrder(cs[i]) < requestOrder(cs[j]) })
	for _, c := range cs {
		switch {
		case c.Owner != nil:
			p.kv("owner", c.Owner)
		case c.From != nil:
			p.kv("from", c.From)
		case c.Insecure:
			p.word("insecure")
		case c.Tags != nil:
			p.word("tags")
			p.tags(c.Tags)
		case c.ResourceTags != nil:
			p.word("resource-tags")
			p.tags(c.ResourceTags)
		default:
			p.word("context")
			p.json(c.Context)
		}
	}
}

func (p *printer) stmt(s Statement) {
	switch s := s.(type) {
	case *As:
		p.word("as")
		p.principal(s.Who)
		p.kv("in", s.Region)
		if s.Request != nil {
			p.word(":")
			p.request(s.Request)
		} else {
			p.stmt(s.Op)
		}
	case *Expect:
		p.word("expect")
		if s.Code != nil {
			p.kv("error", s.Code)
		} else {
			p.word(s.Outcome)
		}
		p.stmt(s.Stmt)
	case *Explain:
		p.word("explain")
		if s.Stmt != nil {
			p.stmt(s.Stmt)
		}
	case *Start:
		p.kv("start", s.At)
	case *Seed:
		p.kv("seed", s.N)
	case *Propagation:
		p.kv("propagation", s.Delay)
		p.kv("to", s.Region)
	case *Region:
		p.kv("region", s.Name)
	case *Account:
		p.kv("account", s.ID)
		p.kv("alias", s.Alias)
		switch {
		case s.InOrg:
			p.word("in", "organization")
		case s.OU != nil:
			p.word("in")
			p.kv("ou", s.OU)
		}
	case *Use:
		p.kv("use", s.Account)
	case *Organization:
		p.word("organization")
	case *OU:
		p.kv("ou", s.Name)
		p.kv("under", s.Parent)
	case *Move:
		p.kv("move", s.Account)
		p.word("to")
		p.target(s.Target)
	case *OrgPolicy:
		p.word(s.Kind)
		p.val(s.Name)
		p.word("=")
		p.body(s.Body)
	case *Clock:
		p.kv("clock", s.To)
	case *Partition:
		p.word("partition")
		for _, r := range s.Regions {
			p.val(r)
		}
	case *Heal:
		p.word("heal")
		for _, r := range s.Regions {
			p.val(r)
		}
	case *Status:
		p.word("status")
	case *Resource:
		p.kv("resource", s.ARN)
		p.kv("owner", s.Owner)
		if s.Tags != nil {
			p.word("tags")
			p.tags(s.Tags)
		}
		p.word("policy")
		p.body(s.Policy)
	case *IdP:
		p.word("idp", s.Kind)
		p.val(s.Name)
		p.val(s.URL)
	case *Token:
		p.kv("token", s.Name)
		p.kv("from", s.IdP)
		p.body(s.Claims)
	case *Assertion:
		p.kv("assertion", s.Name)
		p.kv("from", s.IdP)
		p.body(s.Input)
	case *STS:
		p.word("sts")
		if s.Tokens != "" {
			p.word("global-tokens", s.Tokens)
		} else {
			p.val(s.Region)
			p.word(s.State)
		}
	case *Quota:
		p.kv("quota", s.Name)
		p.val(s.Limit)
	case *Plugin:
		p.kv("plugin", s.Name)
		p.kv("from", s.Path)
	case *Import:
		p.kv("import", s.Path)
	case *User:
		p.kv("user", s.Name)
		p.entityClauses(s.Clauses)
	case *Group:
		p.kv("group", s.Name)
		p.kv("path", s.Path)
	case *Role:
		p.kv("role", s.Name)
		p.entityClauses(s.Clauses)
	case *Policy:
		p.kv("policy", s.Name)
		switch {
		case s.Version:
			p.word("version", "=")
			p.body(s.VersionBody)
			if s.SetDefault {
				p.word("default")
			}
		case s.Default != nil:
			p.kv("default", s.Default)
		default:
			p.kv("path", s.Path)
			p.word("=")
			p.body(s.Body)
		}
	case *Inline:
		p.kv("inline", s.Name)
		p.word("on", s.Kind)
		p.val(s.Target)
		p.word("=")
		p.body(s.Body)
	case *Attach:
		p.kv("attach", s.Policy)
		p.word("to")
		p.target(s.Target)
	case *Detach:
		p.kv("detach", s.Policy)
		p.word("from")
		p.target(s.Target)
	case *Boundary:
		p.kv("boundary", s.Policy)
		p.word("on", s.Kind)
		p.val(s.Target)
	case *Membership:
		p.word(s.Op)
		p.val(s.User)
		if s.Op == "add" {
			p.word("to")
		} else {
			p.word("from")
		}
		p.kv("group", s.Group)
	case *Key:
		p.kv("key", s.Owner)
		p.word(s.Action)
	case *Login:
		p.kv("login", s.User)
		p.kv("password", s.Password)
		if s.Reset {
			p.word("reset-required")
		}
	case *PasswordPolicy:
		p.word("password-policy")
		p.body(s.Body)
	case *MFA:
		p.kv("mfa", s.User)
		switch {
		case s.Virtual:
			p.word("virtual")
			p.kv("device", s.Device)
			if s.Codes != nil {
				p.word("codes")
				p.code(s.Codes.First)
				p.code(s.Codes.Second)
			}
		case s.Resync != nil:
			p.word("resync", "codes")
			p.code(s.Resync.First)
			p.code(s.Resync.Second)
			p.kv("device", s.ResyncDevice)
		case s.Deactivate:
			p.word("deactivate")
			p.kv("device", s.DeactivateDevice)
		case s.Delete:
			p.word("delete")
			p.kv("device", s.DeleteDevice)
		}
	case *TagEntity:
		p.word("tag", s.Kind)
		p.val(s.Name)
		p.tags(s.Tags)
	case *Trust:
		p.kv("trust", s.Role)
		p.word("=")
		p.body(s.Body)
	case *Delete:
		p.word("delete")
		switch {
		case s.Policy != nil:
			p.kv("policy", s.Policy)
			p.kv("version", s.Version)
		case s.Inline != nil:
			p.kv("inline", s.Inline)
			p.word("from", s.InlineKind)
			p.val(s.InlineOf)
		default:
			p.word(s.Kind)
			p.val(s.Name)
		}
	case *Profile:
		p.kv("profile", s.Name)
		p.kv("role", s.Role)
	case *Provider:
		p.word("provider")
		if s.Kind != "" {
			p.word("oidc")
			p.val(s.IdP)
			if len(s.Audiences) > 0 {
				p.word("audience")
				p.list(s.Audiences)
			}
		} else {
			p.word("saml")
			p.val(s.Name)
			p.kv("from", s.SAMLIdP)
		}
	case *Revoke:
		p.word("revoke", "sessions")
		p.val(s.Role)
	case *Assume:
		p.word("assume", "role")
		p.val(s.Role)
		p.stsClauses(s.Clauses)
	case *GetSessionToken:
		p.word("get", "session-token")
		p.stsClauses(s.Clauses)
	case *GetFederationToken:
		p.word("get", "federation-token")
		p.val(s.Name)
		p.stsClauses(s.Clauses)
	case *GetCallerIdentity:
		p.word("get", "caller-identity")
	case *SignIn:
		p.kv("signin", s.User)
		p.stsClauses(s.Clauses)
	case *Launch:
		p.word("launch", "instance")
		p.val(s.Name)
		p.kv("profile", s.Profile)
	default:
		p.credentialStmt(s)
	}
}
