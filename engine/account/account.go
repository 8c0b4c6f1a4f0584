package account

import (
	"github.com/iamlab/iamlab/engine/condition"
	"io"
	"time"
)

// Env is what an account takes from the world: the time and randomness.
// Both are required; tests pass a fixed clock and a deterministic reader so
// that IDs, keys and dates repeat.
type Env struct {
	// Now returns the current time. Dates in outputs are Now().UTC().
	Now func() time.Time
	// Rand is the source of every random draw: unique IDs, access keys and
	// their secrets, password salts, MFA secrets. Use crypto/rand.Reader
	// outside tests.
	Rand io.Reader
	// Operators provides plugin condition operators (Plugin:Name) to the
	// account's policies; nil means none, and a policy naming one is
	// MalformedPolicyDocument.
	Operators condition.Operators
	// QRCode renders text (an otpauth:// key URI) as a PNG image. When set,
	// CreateVirtualMFADevice returns the QR code of the new device's key,
	// as IAM's QRCodePNG; nil leaves it out. Rendering lives outside
	// engine/, which keeps its dependencies minimal.
	QRCode func(text string) ([]byte, error)
}

// Account is one AWS account's IAM state, and the IAM operations on it.
//
// An Account is not safe for concurrent use: callers serialise operations
// (the simulator does). A failed operation changes nothing.
type Account struct {
	env   Env
	hash  hashParams
	s     state
	probe *probe // set on a probe (Account.Probe) only
}

// state is everything an account holds. Entities refer to each other by
// folded (lower-case) name, or by ARN for managed policies; renames rewrite
// the references.
type state struct {
	id             string
	alias          string
	quotas         Quotas
	root           rootUser
	users          map[string]*user            // by folded name
	groups         map[string]*group           // by folded name
	roles          map[string]*role            // by folded name
	policies       map[string]*managedPolicy   // by ARN
	profiles       map[string]*instanceProfile // by folded name
	oidc           map[string]*oidcProvider    // by ARN
	saml           map[string]*samlProvider    // by ARN
	devices        map[string]*mfaDevice       // by folded serial number
	keys           map[string]keyOwner         // access key ID → owner
	passwordPolicy *PasswordPolicy             // nil: the default policy applies
	tasks          map[string]*deletionTask    // service-linked role deletions
	issued         map[string]bool             // every unique ID and key ID ever issued
}

// New makes an account with the given 12-digit ID, the default [Quotas],
// no alias, a root user without credentials, and the built-in AWS managed
// policies ([BuiltinAWSManagedPolicies]). env.Now and env.Rand must be set.
func New(id string, env Env) (*Account, error) {
	if !isAccountID(id) {
		return nil, errorf(ErrInvalidInput, "account ID %q is not 12 digits", id)
	}
	if env.Now == nil || env.Rand == nil {
		return nil, errorf(ErrInvalidInput, "an account needs a clock (Env.Now) and a source of randomness (Env.Rand)")
	}
	a := &Account{env: env, hash: productionHash(), s: state{
		id:       id,
		quotas:   DefaultQuotas(),
		users:    map[string]*user{},
		groups:   map[string]*group{},
		roles:    map[string]*role{},
		policies: map[string]*managedPolicy{},
		profiles: map[string]*instanceProfile{},
		oidc:     map[string]*oidcProvider{},
		saml:     map[string]*samlProvider{},
		devices:  map[string]*mfaDevice{},
		keys:     map[string]keyOwner{},
		tasks:    map[string]*deletionTask{},
		issued:   map[string]bool{},
	}}
	for _, p := range BuiltinAWSManagedPolicies() {
		if err := a.RegisterAWSManagedPolicy(p); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// ID returns the account's 12-digit ID.
func (a *Account) ID() string { return a.s.id }

// now is the current time in UTC.
func (a *Account) now() time.Time { return a.env.Now().UTC() }

// arn builds an IAM ARN in the account: arn:aws:iam::ID:kind/path/name.
// Every ARN is in the aws partition.
func (a *Account) arn(kind, path, name string) string {
	return "arn:aws:iam::" + a.s.id + ":" + kind + path + name
}

// RootARN is the ARN of the account's root user.
func (a *Account) RootARN() string { return "arn:aws:iam::" + a.s.id + ":root" }

// Clone returns a deep copy of the account sharing its Env: changing one
// never changes the other. Parsed policy documents are shared, since
// nothing modifies a document once parsed.
func (a *Account) Clone() *Account {
	return &Account{env: a.env, hash: a.hash, s: a.s.clone()}
}

// WithEnv returns a deep copy of the account that uses env.
func (a *Account) WithEnv(env Env) (*Account, error) {
	if env.Now == nil || env.Rand == nil {
		return nil, errorf(ErrInvalidInput, "an account needs a clock (Env.Now) and a source of randomness (Env.Rand)")
	}
	c := a.Clone()
	c.env = env
	return c, nil
}
