package org

import (
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/policy"
)

// Limits of Organizations' quotas that this model enforces.
const (
	MaxOUDepth           = 5    // levels of OUs under the root
	MaxPoliciesPerTarget = 5    // SCPs (and, separately, RCPs) attached to one root, OU or account
	MaxPolicySize        = 5120 // characters of an SCP or RCP document, white space included
	MaxPolicies          = 1000 // customer policies of each type
	MaxOUs               = 1000 // OUs in the organization
	maxName              = 128  // names of OUs and policies
)

// PolicyType is the kind of an Organizations policy.
type PolicyType string

// The policy types this model holds.
const (
	ServiceControlPolicy  PolicyType = "SERVICE_CONTROL_POLICY"
	ResourceControlPolicy PolicyType = "RESOURCE_CONTROL_POLICY"
)

func (t PolicyType) valid() bool { return t == ServiceControlPolicy || t == ResourceControlPolicy }

func (t PolicyType) doc() policy.Type {
	if t == ResourceControlPolicy {
		return policy.RCP
	}
	return policy.SCP
}

func (t PolicyType) short() string {
	if t == ResourceControlPolicy {
		return "RCP"
	}
	return "SCP"
}

// The AWS managed policies every node gets.
const (
	FullAWSAccessID    = "p-FullAWSAccess"
	RCPFullAWSAccessID = "p-RCPFullAWSAccess"
)

// Env is what an organization takes from the world: randomness, for IDs.
type Env struct {
	Rand io.Reader
}

// Organization is an AWS organization: its root, OUs, accounts and their
// SCPs and RCPs. It is not safe for concurrent use; a failed operation
// changes nothing.
type Organization struct {
	env Env
	s   state
}

type state struct {
	id, rootID, management string
	ous                    map[string]*ou        // by ID
	accounts               map[string]string     // account ID → parent ID
	policies               map[string]*orgPolicy // by ID
	attached               map[string][]string   // target ID → policy IDs, in attachment order
	issued                 map[string]bool       // every ID drawn
}

type ou struct {
	id, name, parent string
}

type orgPolicy struct {
	id, name, description, content string
	typ                            PolicyType
	awsManaged                     bool
	doc                            *policy.Document
}

func fullAccess(t PolicyType) string {
	if t == ResourceControlPolicy {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
	}
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
}

// New creates an organization whose management account is mgmt, with its
// root, the management account in the root, and FullAWSAccess and
// RCPFullAWSAccess attached to both.
func New(mgmt string, env Env) (*Organization, error) {
	if !isAccountID(mgmt) {
		return nil, errorf(ErrInvalidInput, "account ID %q is not 12 digits", mgmt)
	}
	if env.Rand == nil {
		return nil, errorf(ErrInvalidInput, "an organization needs a source of randomness (Env.Rand)")
	}
	o := &Organization{env: env, s: state{
		management: mgmt,
		ous:        map[string]*ou{},
		accounts:   map[string]string{},
		policies:   map[string]*orgPolicy{},
		attached:   map[string][]string{},
		issued:     map[string]bool{},
	}}
	id, err := o.draw("o-", 10)
	if err != nil {
		return nil, err
	}
	root, err := o.draw("r-", 4)
	if err != nil {
		return nil, err
	}
	o.s.id, o.s.rootID = id, root
	for _, p := range []*orgPolicy{
		{id: FullAWSAccessID, name: "FullAWSAccess", description: "Allows access to every operation", typ: ServiceControlPolicy},
		{id: RCPFullAWSAccessID, name: "RCPFullAWSAccess", description: "Allows access to every resource", typ: ResourceControlPolicy},
	} {
		p.awsManaged = true
		p.content = fullAccess(p.typ)
		doc, err := policy.Parse([]byte(p.content), policy.Options{Type: p.typ.doc(), Name: p.name})
		if err != nil {
			return nil, &Error{Code: ErrService, Message: err.Error(), Err: err}
		}
		p.doc = doc
		o.s.policies[p.id] = p
	}
	o.s.accounts[mgmt] = root
	o.s.attached[root] = defaults()
	o.s.attached[mgmt] = defaults()
	return o, nil
}

func defaults() []string { return []string{FullAWSAccessID, RCPFullAWSAccessID} }

// ID returns the organization's ID, o-….
func (o *Organization) ID() string { return o.s.id }

// RootID returns the root's ID, r-….
func (o *Organization) RootID() string { return o.s.rootID }

// ManagementAccountID returns the management account's ID.
func (o *Organization) ManagementAccountID() string { return o.s.management }

// Clone returns a deep copy sharing the Env. Parsed documents are shared.
func (o *Organization) Clone() *Organization {
	c := o.s
	c.ous = make(map[string]*ou, len(o.s.ous))
	for k, u := range o.s.ous {
		cu := *u
		c.ous[k] = &cu
	}
	c.accounts = maps.Clone(o.s.accounts)
	c.policies = make(map[string]*orgPolicy, len(o.s.policies))
	for k, p := range o.s.policies {
		cp := *p
		c.policies[k] = &cp
	}
	c.attached = make(map[string][]string, len(o.s.attached))
	for k, v := range o.s.attached {
		c.attached[k] = slices.Clone(v)
	}
	c.issued = maps.Clone(o.s.issued)
	return &Organization{env: o.env, s: c}
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// draw makes prefix + n characters of [a-z0-9] from Env.Rand, by rejection
// sampling so each character is equally likely, never one issued before.
func (o *Organization) draw(prefix string, n int) (string, error) {
	for range 8 {
		b := make([]byte, 0, n)
		buf := make([]byte, 1)
		for tries := 0; len(b) < n; tries++ {
			if tries > 64*n {
				return "", errorf(ErrService, "the source of randomness keeps giving bytes out of range")
			}
			if _, err := io.ReadFull(o.env.Rand, buf); err != nil {
				return "", &Error{Code: ErrService, Message: "the source of randomness failed: " + err.Error(), Err: err}
			}
			if buf[0] < 252 {
				b = append(b, idAlphabet[buf[0]%36])
			}
		}
		id := prefix + string(b)
		if !o.s.issued[id] {
			o.s.issued[id] = true
			return id, nil
		}
	}
	return "", errorf(ErrService, "could not draw an unused ID: is the source of randomness constant?")
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isParent reports whether id is the root or an OU.
func (o *Organization) isParent(id string) bool {
	return id == o.s.rootID || o.s.ous[id] != nil
}

// depth is the number of OUs from the root down to id (0 for the root).
func (o *Organization) depth(id string) int {
	d := 0
	for id != o.s.rootID {
		u := o.s.ous[id]
		if u == nil {
			return d
		}
		d++
		id = u.parent
	}
	return d
}

// path lists the nodes from the root down to the target, itself included.
func (o *Organization) path(target string) []string {
	var rev []string
	if p, ok := o.s.accounts[target]; ok {
		rev = append(rev, target)
		target = p
	}
	for target != o.s.rootID {
		u := o.s.ous[target]
		if u == nil {
			break
		}
		rev = append(rev, target)
		target = u.parent
	}
	rev = append(rev, o.s.rootID)
	slices.Reverse(rev)
	return rev
}

func checkName(name, member string) error {
	n := utf8.RuneCountInString(name)
	if n < 1 || n > maxName || !utf8.ValidString(name) {
		return errorf(ErrInvalidInput, "%s must be 1 to %d characters, got %d.", member, maxName, n)
	}
	for _, r := range name {
		if r < 0x20 || r > 0x7E && r < 0xA0 {
			return errorf(ErrInvalidInput, "%s contains a control character.", member)
		}
	}
	return nil
}

// OrganizationalUnit is an OU.
type OrganizationalUnit struct {
	Id   string
	Arn  string
	Name string
}

func (o *Organization) ouOut(u *ou) OrganizationalUnit {
	return OrganizationalUnit{Id: u.id, Arn: "arn:aws:organizations::" + o.s.management + ":ou/" + o.s.id + "/" + u.id, Name: u.name}
}

// CreateOrganizationalUnitInput is CreateOrganizationalUnit's request.
type CreateOrganizationalUnitInput struct {
	ParentId string
	Name     string
}

// CreateOrganizationalUnit creates an OU under the root or another OU, at
// most MaxOUDepth (5) levels deep, with FullAWSAccess and RCPFullAWSAccess
// attached. OU names are unique among their siblings.
func (o *Organization) CreateOrganizationalUnit(in CreateOrganizationalUnitInput) (*OrganizationalUnit, error) {
	if err := checkName(in.Name, "Name"); err != nil {
		return nil, err
	}
	if !o.isParent(in.ParentId) {
		return nil, errorf(ErrParentNotFound, "We can't find a root or OU with the ParentId %s.", in.ParentId)
	}
	if o.depth(in.ParentId) >= MaxOUDepth {
		return nil, constraint(ReasonOUDepthLimitExceeded, "You can nest OUs at most %d levels deep under the root.", MaxOUDepth)
	}
	for _, u := range o.s.ous {
		if u.parent == in.ParentId && u.name == in.Name {
			return nil, errorf(ErrDuplicateOrganizationalUnit, "An OU with the name %s already exists in that parent.", in.Name)
		}
	}
	if len(o.s.ous) >= MaxOUs {
		return nil, constraint(ReasonOUNumberLimitExceeded, "An organization can have at most %d OUs.", MaxOUs)
	}
	suffix, err := o.draw("", 8)
	if err != nil {
		return nil, err
	}
	u := &ou{id: "ou-" + strings.TrimPrefix(o.s.rootID, "r-") + "-" + suffix, name: in.Name, parent: in.ParentId}
	o.s.ous[u.id] = u
	o.s.attached[u.id] = defaults()
	out := o.ouOut(u)
	return &out, nil
}

// UpdateOrganizationalUnitInput is UpdateOrganizationalUnit's request.
type UpdateOrganizationalUnitInput struct {
	OrganizationalUnitId string
	Name                 string
}

// UpdateOrganizationalUnit renames an OU.
func (o *Organization) UpdateOrganizationalUnit(in UpdateOrganizationalUnitInput) (*OrganizationalUnit, error) {
	if err := checkName(in.Name, "Name"); err != nil {
		return nil, err
	}
	u := o.s.ous[in.OrganizationalUnitId]
	if u == nil {
		return nil, errorf(ErrOrganizationalUnitNotFound, "We can't find an OU with the OrganizationalUnitId %s.", in.OrganizationalUnitId)
	}
	for _, v := range o.s.ous {
		if v != u && v.parent == u.parent && v.name == in.Name {
			return nil, errorf(ErrDuplicateOrganizationalUnit, "An OU with the name %s already exists in that parent.", in.Name)
		}
	}
	u.name = in.Name
	out := o.ouOut(u)
	return &out, nil
}

// DeleteOrganizationalUnit deletes an OU with no child OUs and no accounts.
func (o *Organization) DeleteOrganizationalUnit(id string) error {
	u := o.s.ous[id]
	if u == nil {
		return errorf(ErrOrganizationalUnitNotFound, "We can't find an OU with the OrganizationalUnitId %s.", id)
	}
	for _, v := range o.s.ous {
		if v.parent == id {
			return errorf(ErrOrganizationalUnitNotEmpty, "The OU %s still has child OUs.", id)
		}
	}
	for _, p := range o.s.accounts {
		if p == id {
			return errorf(ErrOrganizationalUnitNotEmpty, "The OU %s still has accounts.", id)
		}
	}
	delete(o.s.ous, id)
	delete(o.s.attached, id)
	return nil
}

// AddAccountInput places an account in the organization: in the root when
// ParentId is empty. It stands for InviteAccountToOrganization or
// CreateAccount followed by MoveAccount.
type AddAccountInput struct {
	AccountId string
	ParentId  string
}

// AddAccount adds a member account, with FullAWSAccess and
// RCPFullAWSAccess attached.
func (o *Organization) AddAccount(in AddAccountInput) error {
	if !isAccountID(in.AccountId) {
		return errorf(ErrInvalidInput, "The account ID %q is not 12 digits.", in.AccountId)
	}
	parent := in.ParentId
	if parent == "" {
		parent = o.s.rootID
	}
	if !o.isParent(parent) {
		return errorf(ErrParentNotFound, "We can't find a root or OU with the ParentId %s.", parent)
	}
	if _, ok := o.s.accounts[in.AccountId]; ok {
		return errorf(ErrDuplicateAccount, "The account %s is already a member of the organization.", in.AccountId)
	}
	o.s.accounts[in.AccountId] = parent
	o.s.attached[in.AccountId] = defaults()
	return nil
}

// RemoveAccountFromOrganization removes a member account and its policy
// attachments. The management account cannot leave.
func (o *Organization) RemoveAccountFromOrganization(accountID string) error {
	if _, ok := o.s.accounts[accountID]; !ok {
		return errorf(ErrAccountNotFound, "We can't find an account with the AccountId %s.", accountID)
	}
	if accountID == o.s.management {
		return errorf(ErrMasterCannotLeave, "You can't remove the management account from its organization.")
	}
	delete(o.s.accounts, accountID)
	delete(o.s.attached, accountID)
	return nil
}

// MoveAccountInput is MoveAccount's request.
type MoveAccountInput struct {
	AccountId           string
	SourceParentId      string
	DestinationParentId string
}

// MoveAccount moves an account from its parent to another root or OU.
func (o *Organization) MoveAccount(in MoveAccountInput) error {
	parent, ok := o.s.accounts[in.AccountId]
	switch {
	case !ok:
		return errorf(ErrAccountNotFound, "We can't find an account with the AccountId %s.", in.AccountId)
	case !o.isParent(in.SourceParentId):
		return errorf(ErrSourceParentNotFound, "We can't find a source root or OU with the ParentId %s.", in.SourceParentId)
	case !o.isParent(in.DestinationParentId):
		return errorf(ErrDestinationParentNotFound, "We can't find a destination root or OU with the ParentId %s.", in.DestinationParentId)
	case parent != in.SourceParentId:
		return errorf(ErrAccountNotFound, "The account %s is not in %s.", in.AccountId, in.SourceParentId)
	case parent == in.DestinationParentId:
		return errorf(ErrDuplicateAccount, "The account %s is already in %s.", in.AccountId, in.DestinationParentId)
	}
	o.s.accounts[in.AccountId] = in.DestinationParentId
	return nil
}

// Child is a child of a root or OU.
type Child struct {
	Id   string
	Type string // ACCOUNT or ORGANIZATIONAL_UNIT
}

// ListChildren lists a parent's child OUs then accounts, each sorted by ID.
func (o *Organization) ListChildren(parentID string) ([]Child, error) {
	if !o.isParent(parentID) {
		return nil, errorf(ErrParentNotFound, "We can't find a root or OU with the ParentId %s.", parentID)
	}
	var ous, accts []string
	for id, u := range o.s.ous {
		if u.parent == parentID {
			ous = append(ous, id)
		}
	}
	for id, p := range o.s.accounts {
		if p == parentID {
			accts = append(accts, id)
		}
	}
	slices.Sort(ous)
	slices.Sort(accts)
	out := []Child{}
	for _, id := range ous {
		out = append(out, Child{Id: id, Type: "ORGANIZATIONAL_UNIT"})
	}
	for _, id := range accts {
		out = append(out, Child{Id: id, Type: "ACCOUNT"})
	}
	return out, nil
}

// ParentOf returns the parent of an account or OU.
func (o *Organization) ParentOf(childID string) (string, error) {
	if p, ok := o.s.accounts[childID]; ok {
		return p, nil
	}
	if u := o.s.ous[childID]; u != nil {
		return u.parent, nil
	}
	return "", errorf(ErrChildNotFound, "We can't find an OU or account with the ChildId %s.", childID)
}

// IsMember reports whether an account is in the organization.
func (o *Organization) IsMember(accountID string) bool {
	_, ok := o.s.accounts[accountID]
	return ok
}

// Levels returns the SCPs and RCPs that govern a member account, one
// [eval.Level] per node from the root through its OUs to the account
// (Level.Name is the node's ID: r-…, ou-…, or the account ID), each with
// the policies attached there in attachment order (eval.Policy ID the
// policy's name, Source "none", as IAM's simulator reports organization
// policies). ok is false for the management account, which SCPs and RCPs
// do not restrict, and for an account not in the organization.
func (o *Organization) Levels(accountID string) (scp, rcp []eval.Level, ok bool) {
	if _, member := o.s.accounts[accountID]; !member || accountID == o.s.management {
		return nil, nil, false
	}
	for _, node := range o.path(accountID) {
		s := eval.Level{Name: node, Policies: []eval.Policy{}}
		r := eval.Level{Name: node, Policies: []eval.Policy{}}
		for _, id := range o.s.attached[node] {
			p := o.s.policies[id]
			if p == nil {
				continue
			}
			ep := eval.Policy{ID: p.name, Source: "none", Doc: p.doc}
			if p.typ == ServiceControlPolicy {
				s.Policies = append(s.Policies, ep)
			} else {
				r.Policies = append(r.Policies, ep)
			}
		}
		scp = append(scp, s)
		rcp = append(rcp, r)
	}
	return scp, rcp, true
}
