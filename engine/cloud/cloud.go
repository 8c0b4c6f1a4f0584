// Package cloud puts the pieces of iamlab together into one simulated AWS:
// accounts and an organization, IAM's control plane and regional data
// planes, STS's global and regional endpoints, and requests that are
// authenticated and then authorized like AWS's.
//
// # What happens to a request
//
// A request carries [Credentials] — an access key ID and secret, and for
// temporary credentials a session token — and is sent to a region.
// Authentication reads that region's data plane: it finds whose key it is,
// rejects unknown, inactive or expired credentials with AWS's error codes
// (InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken), and yields a
// [Caller]. Authorization then builds the request context AWS would
// (aws:username, aws:userid, aws:PrincipalArn, aws:MultiFactorAuthPresent …),
// gathers the policies that apply (identity-based and boundary from the data
// plane, session policies from the session, SCPs and RCPs from the
// organization, a resource-based policy if the resource has one) and asks
// the evaluator (package eval).
//
// IAM's own operations are requests too: an IAM user who calls CreateUser
// needs iam:CreateUser on the new user's ARN; the root user needs nothing.
// They go to the control plane, so they fail from a region cut off from
// us-east-1, and their effect reaches each region after its propagation
// delay (package plane). Their requests carry IAM's own condition keys, as
// the service authorization data lists them per action:
// iam:PermissionsBoundary (the boundary CreateUser, CreateRole or
// Put…PermissionsBoundary sets, or the one the user or role acted on has),
// iam:PolicyARN (Attach…Policy, Detach…Policy), aws:RequestTag/… and
// aws:TagKeys (creating with tags, Tag…, Untag…), and aws:ResourceTag/…
// and iam:ResourceTag/… of the user or role acted on; iam:PassRole for an
// instance ([Cloud.RunInstance]) carries iam:PassedToService and
// iam:AssociatedResourceArn. [Cloud.IAM] learns an operation's request by
// running it first on a probe of the account ([account.Account.Probe]).
//
// # Choices where AWS's documentation is silent
//
//   - Temporary credentials are self-contained, as AWS's session tokens
//     are: every region can check them, also when cut off. They are kept
//     in the cloud, not in the replicated IAM state.
//   - A global endpoint token's version is fixed when the token is issued,
//     from the setting of the session's account (the role's, for
//     AssumeRole) in us-east-1's data plane; changing the setting later
//     neither rescues a version 1 token nor restricts a version 2 one.
//   - Resource-based policies belong to other services and are not
//     replicated: a policy put on a resource applies at once everywhere.
//   - MFA codes are checked against the data plane of the region that
//     receives the request; a code accepted once is refused again in every
//     region for the rest of its 30-second step and the drift window.
//   - Management operations that have no IAM action in AWS (creating
//     accounts and the organization, activating STS in a region) are done
//     by the simulation's operator, without authorization.
//   - The operator also holds each account's root credentials
//     ([Cloud.OperatorCredentials]): the root user signed in without an
//     access key, so that a new root user still has both of its access
//     key slots free.
//   - The password policy's AllowUsersToChangePassword gives every IAM
//     user iam:ChangePassword on itself and iam:GetAccountPasswordPolicy
//     as AWS says, at the account level; here that is one more
//     identity-based permission of the user ([PasswordChangePolicyID] in
//     explanations), so an explicit deny, an SCP or a permissions
//     boundary still limits it.
package cloud

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/awserr"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/federation"
	"github.com/iamlab/iamlab/engine/org"
	"github.com/iamlab/iamlab/engine/plane"
	"github.com/iamlab/iamlab/engine/policy"
)

// Config describes a simulated cloud.
type Config struct {
	// Now is the clock. Required.
	Now func() time.Time
	// Rand is the source of every ID, key and secret. Required.
	Rand io.Reader
	// Regions lists the regions; DefaultRegions() when empty. It must
	// include us-east-1, home of IAM's control plane.
	Regions []RegionInfo
	// Propagation is how long an IAM change takes to reach each region's
	// data plane.
	Propagation time.Duration
	// Propagations overrides Propagation for some regions.
	Propagations map[string]time.Duration
	// Operators provides plugin condition operators (Plugin:Name) to every
	// policy of the cloud; nil means none.
	Operators condition.Operators
	// QRCode renders an MFA device's key URI as a PNG for
	// CreateVirtualMFADevice (see account.Env); nil leaves it out.
	QRCode func(text string) ([]byte, error)
	// AWSManagedPolicy gives the current document of an AWS managed
	// policy by ARN (arn:aws:iam::aws:policy/…), for the managed session
	// policies of STS requests (PolicyArns): every account has every AWS
	// managed policy, registered in it or not, and the document given here
	// is used rather than an account's copy. nil: only the AWS managed
	// policies registered in the account are found.
	AWSManagedPolicy func(arn string) (document string, ok bool)
}

// State is what IAM replicates: the accounts and the organization, and each
// account's STS settings.
type State struct {
	Accounts map[string]*account.Account
	Org      *org.Organization
	STS      map[string]*STSSettings
}

// STSSettings are an account's regional STS preferences.
type STSSettings struct {
	// Inactive lists default regions where the account deactivated STS.
	Inactive map[string]bool
	// Enabled lists opt-in regions the account enabled.
	Enabled map[string]bool
	// GlobalTokensV2 makes tokens from the global endpoint valid in every
	// region, not only in regions enabled by default.
	GlobalTokensV2 bool
}

func (s *STSSettings) clone() *STSSettings {
	c := &STSSettings{Inactive: map[string]bool{}, Enabled: map[string]bool{}, GlobalTokensV2: s.GlobalTokensV2}
	for k, v := range s.Inactive {
		c.Inactive[k] = v
	}
	for k, v := range s.Enabled {
		c.Enabled[k] = v
	}
	return c
}

// Clone makes a deep copy; the plane keeps one per version.
func (s *State) Clone() *State {
	c := &State{Accounts: make(map[string]*account.Account, len(s.Accounts)), STS: make(map[string]*STSSettings, len(s.STS))}
	for id, a := range s.Accounts {
		c.Accounts[id] = a.Clone()
	}
	for id, st := range s.STS {
		c.STS[id] = st.clone()
	}
	if s.Org != nil {
		c.Org = s.Org.Clone()
	}
	return c
}

// Resource is a resource with a resource-based policy.
type Resource struct {
	ARN     string
	Account string
	Policy  *policy.Document
	Tags    []Tag
}

// Cloud is a simulated AWS. It is not safe for concurrent use.
type Cloud struct {
	now       func() time.Time
	rand      io.Reader
	regions   map[string]RegionInfo
	order     []string
	plane     *plane.Plane[*State]
	sessions  map[string]*session
	resources map[string]*Resource
	operators condition.Operators
	qrCode    func(string) ([]byte, error)
	awsPolicy func(string) (string, bool)
	mfaUsed   map[string]time.Time        // serial + code → when it was accepted
	lastUse   map[string]lastUse          // access key ID → its last use
	instances map[string]instance         // EC2 instances launched with a profile
	oidcKeys  map[string][]federation.Key // OIDC issuer → its published signing keys
	// operatorCreds are the operator's root credentials by key ID, and
	// operatorIssued the same by account (operator.go).
	operatorCreds  map[string]operatorCreds
	operatorIssued map[string]Credentials
}

// Errors of the simulation itself (AWS's errors are [*Error]s).
var (
	ErrConfig        = errors.New("cloud: invalid configuration")
	ErrUnknownRegion = errors.New("unknown region")
)

// New makes an empty cloud: regions, and no accounts yet.
func New(cfg Config) (*Cloud, error) {
	if cfg.Now == nil || cfg.Rand == nil {
		return nil, fmt.Errorf("%w: a clock (Now) and a source of randomness (Rand) are required", ErrConfig)
	}
	regions := cfg.Regions
	if len(regions) == 0 {
		regions = DefaultRegions()
	}
	c := &Cloud{now: cfg.Now, rand: cfg.Rand, operators: cfg.Operators, qrCode: cfg.QRCode, awsPolicy: cfg.AWSManagedPolicy, regions: map[string]RegionInfo{}, sessions: map[string]*session{},
		resources: map[string]*Resource{}, mfaUsed: map[string]time.Time{}}
	for _, r := range regions {
		if r.Name == "" || r.Name == GlobalEndpoint {
			return nil, fmt.Errorf("%w: %q cannot be a region name", ErrConfig, r.Name)
		}
		if r.Partition == "" {
			r.Partition = partitionOf(r.Name)
		}
		if _, dup := c.regions[r.Name]; dup {
			return nil, fmt.Errorf("%w: region %q is listed twice", ErrConfig, r.Name)
		}
		c.regions[r.Name] = r
		c.order = append(c.order, r.Name)
	}
	p, err := plane.New(&State{Accounts: map[string]*account.Account{}, STS: map[string]*STSSettings{}}, plane.Config{
		ControlRegion: ControlRegion, Regions: c.order, Delay: cfg.Propagation, Delays: cfg.Propagations, Now: cfg.Now,
	})
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	c.plane = p
	return c, nil
}

// Regions lists the regions in configured order.
func (c *Cloud) Regions() []RegionInfo {
	out := make([]RegionInfo, 0, len(c.order))
	for _, n := range c.order {
		out = append(out, c.regions[n])
	}
	return out
}

// Now is the cloud's current time.
func (c *Cloud) Now() time.Time { return c.now() }

// endpointRegion maps an endpoint name to the region whose data plane
// serves it: the global STS endpoint is served from us-east-1.
func (c *Cloud) endpointRegion(name string) (RegionInfo, error) {
	if name == GlobalEndpoint {
		name = ControlRegion
	}
	r, ok := c.regions[name]
	if !ok {
		return RegionInfo{}, fmt.Errorf("%w %q (known: %s, or %q for STS's global endpoint)", ErrUnknownRegion, name, strings.Join(c.order, ", "), GlobalEndpoint)
	}
	return r, nil
}

// view returns the data plane a request to region reads.
func (c *Cloud) view(region string) (*State, error) {
	r, err := c.endpointRegion(region)
	if err != nil {
		return nil, err
	}
	s, _, err := c.plane.Read(r.Name)
	return s, err
}

// Admin performs an operator's change on the control plane, without
// authorization: creating accounts, the organization, settings. A failed
// change changes nothing.
func (c *Cloud) Admin(change func(*State) error) error {
	_, err := c.plane.Write(ControlRegion, change)
	return err
}

// Control returns the control plane's state, for inspection. Callers must
// not change it.
func (c *Cloud) Control() *State {
	s, _ := c.plane.Control()
	return s
}

// Data returns a region's data plane, for inspection. Callers must not
// change it.
func (c *Cloud) Data(region string) (*State, error) { return c.view(region) }

// CreateAccount adds an account (12-digit ID) with an optional alias.
func (c *Cloud) CreateAccount(id, alias string) error {
	return c.Admin(func(s *State) error {
		if _, ok := s.Accounts[id]; ok {
			return &Error{Code: "EntityAlreadyExists", Message: "Account " + id + " already exists."}
		}
		a, err := account.New(id, account.Env{Now: c.now, Rand: c.rand, Operators: c.operators, QRCode: c.qrCode})
		if err != nil {
			return err
		}
		if alias != "" {
			if err := a.CreateAccountAlias(account.CreateAccountAliasInput{AccountAlias: alias}); err != nil {
				return err
			}
		}
		s.Accounts[id] = a
		s.STS[id] = &STSSettings{Inactive: map[string]bool{}, Enabled: map[string]bool{}}
		return nil
	})
}

// CreateOrganization makes an organization whose management account is
// mgmt (an existing account).
func (c *Cloud) CreateOrganization(mgmt string) error {
	return c.Admin(func(s *State) error {
		if s.Org != nil {
			return &Error{Code: "AlreadyInOrganizationException", Message: "The organization already exists."}
		}
		if _, ok := s.Accounts[mgmt]; !ok {
			return &Error{Code: "AccountNotFoundException", Message: "Account " + mgmt + " does not exist."}
		}
		o, err := org.New(mgmt, org.Env{Rand: c.rand})
		if err != nil {
			return err
		}
		s.Org = o
		return nil
	})
}

// Partition cuts regions off from all others; Heal reconnects them (all,
// when none is named). See package plane.
func (c *Cloud) Partition(regions ...string) error { return c.plane.Partition(regions...) }

// Heal reconnects regions.
func (c *Cloud) Heal(regions ...string) error { return c.plane.Heal(regions...) }

// RegionStatus is one region's replication state.
type RegionStatus = plane.Status

// Status reports every region's replication state.
func (c *Cloud) Status() []RegionStatus { return c.plane.Status() }

// PutResourcePolicy attaches a resource-based policy (a bucket policy, a key
// policy …) to a resource of an account. It applies at once everywhere.
func (c *Cloud) PutResourcePolicy(resourceARN, accountID, document string, tags []Tag) error {
	d, err := policy.Parse([]byte(document), policy.Options{Type: policy.Resource, Name: resourceARN, Operators: c.operators})
	if err != nil {
		return &Error{Code: "MalformedPolicyDocument", Message: err.Error()}
	}
	c.resources[resourceARN] = &Resource{ARN: resourceARN, Account: accountID, Policy: d, Tags: slices.Clone(tags)}
	return nil
}

// resourceFor finds the resource whose policy governs an ARN: the resource
// itself, or the nearest enclosing one (a bucket for its objects).
func (c *Cloud) resourceFor(arn string) *Resource {
	if r, ok := c.resources[arn]; ok {
		return r
	}
	keys := make([]string, 0, len(c.resources))
	for k := range c.resources {
		keys = append(keys, k)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(keys)))
	for _, k := range keys {
		if strings.HasPrefix(arn, k+"/") {
			return c.resources[k]
		}
	}
	return nil
}

// Error is an AWS error: its code and message, as the service returns them.
type Error = awserr.Error

// Sentinels for errors.Is.
var (
	ErrAccessDenied          = awserr.New("AccessDenied", "")
	ErrInvalidClientTokenID  = awserr.New("InvalidClientTokenId", "")
	ErrSignatureDoesNotMatch = awserr.New("SignatureDoesNotMatch", "")
	ErrExpiredToken          = awserr.New("ExpiredToken", "")
	ErrServiceUnavailable    = awserr.New("ServiceUnavailable", "")
)
