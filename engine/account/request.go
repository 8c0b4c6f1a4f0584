package account

import "errors"

// Request is what an IAM operation's request says that IAM's own condition
// keys read (reference_policies_iam-condition-keys.md): the simulator
// above this package turns it into iam:PermissionsBoundary, iam:PolicyARN,
// aws:RequestTag/… and aws:TagKeys before it authorizes the operation.
type Request struct {
	// PermissionsBoundary is the boundary the request sets: CreateUser or
	// CreateRole with one, PutUserPermissionsBoundary,
	// PutRolePermissionsBoundary.
	PermissionsBoundary string
	// PolicyARN is the managed policy an Attach…Policy or Detach…Policy
	// request names.
	PolicyARN string
	// Tags are the tags the request sets: CreateUser, CreateRole, TagUser,
	// TagRole.
	Tags []Tag
	// TagKeys are the keys of the tags the request removes: UntagUser,
	// UntagRole.
	TagKeys []string
}

// ErrProbed is what an operation on a probe ([Account.Probe]) returns
// after noting its request.
var ErrProbed = errors.New("account: the operation was noted by a probe, not run")

type probe struct {
	req   Request
	noted bool
}

// Probe returns a probe of the account and a function that reports what
// the probe noted. A probe is a deep copy whose operations that carry a
// [Request] — CreateUser, CreateRole, Put…PermissionsBoundary,
// Attach…Policy, Detach…Policy, Tag…, Untag… of users, groups and roles —
// note it before checking anything and return [ErrProbed], changing
// nothing; only the first is noted. Its other operations run on the copy
// with a random source of its own, so nothing a probe does reaches the
// account or draws from its Env.Rand. The simulator runs an operation on a
// probe to learn its request before it authorizes the operation.
func (a *Account) Probe() (*Account, func() (Request, bool)) {
	c := a.Clone()
	c.env.Rand = &counter{}
	p := &probe{}
	c.probe = p
	return c, func() (Request, bool) { return p.req, p.noted }
}

// note records r on a probe and returns ErrProbed; on an account that is
// not a probe it does nothing.
func (a *Account) note(r Request) error {
	if a.probe == nil {
		return nil
	}
	if !a.probe.noted {
		a.probe.req, a.probe.noted = r, true
	}
	return ErrProbed
}

// counter is a probe's source of "random" bytes: a xorshift generator
// from a fixed seed, so that IDs a probe draws do not repeat.
type counter struct{ x uint64 }

func (c *counter) Read(b []byte) (int, error) {
	for i := range b {
		if c.x == 0 {
			c.x = 0x9e3779b97f4a7c15
		}
		c.x ^= c.x << 13
		c.x ^= c.x >> 7
		c.x ^= c.x << 17
		b[i] = byte(c.x)
	}
	return len(b), nil
}
