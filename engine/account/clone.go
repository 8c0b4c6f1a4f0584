package account

import (
	"maps"
	"slices"
)

// clone deep-copies the state. Parsed documents and MFA secrets are shared:
// nothing changes them once made.
func (s *state) clone() state {
	c := *s
	c.root = rootUser{login: s.root.login.clone(), keys: cloneKeys(s.root.keys)}
	c.users = make(map[string]*user, len(s.users))
	for k, u := range s.users {
		c.users[k] = u.clone()
	}
	c.groups = make(map[string]*group, len(s.groups))
	for k, g := range s.groups {
		cg := *g
		cg.inline = slices.Clone(g.inline)
		cg.attached = slices.Clone(g.attached)
		c.groups[k] = &cg
	}
	c.roles = make(map[string]*role, len(s.roles))
	for k, r := range s.roles {
		cr := *r
		cr.tags = slices.Clone(r.tags)
		cr.inline = slices.Clone(r.inline)
		cr.attached = slices.Clone(r.attached)
		cr.inUse = slices.Clone(r.inUse)
		c.roles[k] = &cr
	}
	c.policies = make(map[string]*managedPolicy, len(s.policies))
	for k, p := range s.policies {
		cp := *p
		cp.tags = slices.Clone(p.tags)
		cp.versions = clonePtrs(p.versions)
		c.policies[k] = &cp
	}
	c.profiles = make(map[string]*instanceProfile, len(s.profiles))
	for k, p := range s.profiles {
		cp := *p
		cp.roles = slices.Clone(p.roles)
		cp.tags = slices.Clone(p.tags)
		c.profiles[k] = &cp
	}
	c.oidc = make(map[string]*oidcProvider, len(s.oidc))
	for k, p := range s.oidc {
		cp := *p
		cp.clientIDs = slices.Clone(p.clientIDs)
		cp.thumbprints = slices.Clone(p.thumbprints)
		cp.tags = slices.Clone(p.tags)
		c.oidc[k] = &cp
	}
	c.saml = make(map[string]*samlProvider, len(s.saml))
	for k, p := range s.saml {
		cp := *p
		cp.tags = slices.Clone(p.tags)
		c.saml[k] = &cp
	}
	c.devices = make(map[string]*mfaDevice, len(s.devices))
	for k, d := range s.devices {
		cd := *d
		dev := *d.dev
		cd.dev = &dev
		cd.tags = slices.Clone(d.tags)
		c.devices[k] = &cd
	}
	c.keys = maps.Clone(s.keys)
	if s.passwordPolicy != nil {
		p := *s.passwordPolicy
		c.passwordPolicy = &p
	}
	c.tasks = make(map[string]*deletionTask, len(s.tasks))
	for k, t := range s.tasks {
		ct := *t
		ct.usage = slices.Clone(t.usage)
		c.tasks[k] = &ct
	}
	c.issued = maps.Clone(s.issued)
	return c
}

func (u *user) clone() *user {
	c := *u
	c.tags = slices.Clone(u.tags)
	c.inline = slices.Clone(u.inline)
	c.attached = slices.Clone(u.attached)
	c.groups = slices.Clone(u.groups)
	c.login = u.login.clone()
	c.keys = cloneKeys(u.keys)
	c.ssh = clonePtrs(u.ssh)
	c.certs = clonePtrs(u.certs)
	return &c
}

func (lp *loginProfile) clone() *loginProfile {
	if lp == nil {
		return nil
	}
	c := *lp
	c.history = slices.Clone(lp.history)
	return &c
}

func cloneKeys(keys []*accessKey) []*accessKey { return clonePtrs(keys) }

// clonePtrs copies a slice of pointers and what they point to; nil stays
// nil.
func clonePtrs[T any](list []*T) []*T {
	if list == nil {
		return nil
	}
	out := make([]*T, len(list))
	for i, p := range list {
		c := *p
		out[i] = &c
	}
	return out
}
