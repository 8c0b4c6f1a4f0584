package account

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/policy"
)

// AuthorizationDetails is what GetAccountAuthorizationDetails returns (and
// `aws iam get-account-authorization-details` prints): the account's
// users, groups, roles and managed policies with every policy document.
type AuthorizationDetails struct {
	UserDetailList  []UserDetail          `json:"UserDetailList"`
	GroupDetailList []GroupDetail         `json:"GroupDetailList"`
	RoleDetailList  []RoleDetail          `json:"RoleDetailList"`
	Policies        []ManagedPolicyDetail `json:"Policies"`
	IsTruncated     bool                  `json:"IsTruncated,omitempty"`
	Marker          string                `json:"Marker,omitempty"`
}

// UserDetail is a user in [AuthorizationDetails].
type UserDetail struct {
	Path                    string                       `json:"Path"`
	UserName                string                       `json:"UserName"`
	UserId                  string                       `json:"UserId"`
	Arn                     string                       `json:"Arn"`
	CreateDate              time.Time                    `json:"CreateDate"`
	UserPolicyList          []PolicyDetail               `json:"UserPolicyList,omitempty"`
	GroupList               []string                     `json:"GroupList"`
	AttachedManagedPolicies []AttachedPolicy             `json:"AttachedManagedPolicies"`
	PermissionsBoundary     *AttachedPermissionsBoundary `json:"PermissionsBoundary,omitempty"`
	Tags                    []Tag                        `json:"Tags,omitempty"`
}

// GroupDetail is a group in [AuthorizationDetails].
type GroupDetail struct {
	Path                    string           `json:"Path"`
	GroupName               string           `json:"GroupName"`
	GroupId                 string           `json:"GroupId"`
	Arn                     string           `json:"Arn"`
	CreateDate              time.Time        `json:"CreateDate"`
	GroupPolicyList         []PolicyDetail   `json:"GroupPolicyList"`
	AttachedManagedPolicies []AttachedPolicy `json:"AttachedManagedPolicies"`
}

// RoleDetail is a role in [AuthorizationDetails].
type RoleDetail struct {
	Path                     string                       `json:"Path"`
	RoleName                 string                       `json:"RoleName"`
	RoleId                   string                       `json:"RoleId"`
	Arn                      string                       `json:"Arn"`
	CreateDate               time.Time                    `json:"CreateDate"`
	AssumeRolePolicyDocument PolicyDocument               `json:"AssumeRolePolicyDocument"`
	InstanceProfileList      []InstanceProfileDetail      `json:"InstanceProfileList"`
	RolePolicyList           []PolicyDetail               `json:"RolePolicyList"`
	AttachedManagedPolicies  []AttachedPolicy             `json:"AttachedManagedPolicies"`
	PermissionsBoundary      *AttachedPermissionsBoundary `json:"PermissionsBoundary,omitempty"`
	Tags                     []Tag                        `json:"Tags"`
	RoleLastUsed             RoleLastUsedDetail           `json:"RoleLastUsed"`
}

// RoleLastUsedDetail is a role's last use in [RoleDetail]: an empty
// object when it was never used.
type RoleLastUsedDetail struct {
	LastUsedDate *time.Time `json:"LastUsedDate,omitempty"`
	Region       string     `json:"Region,omitempty"`
}

// InstanceProfileDetail is an instance profile in a [RoleDetail].
type InstanceProfileDetail struct {
	Path                string                `json:"Path"`
	InstanceProfileName string                `json:"InstanceProfileName"`
	InstanceProfileId   string                `json:"InstanceProfileId"`
	Arn                 string                `json:"Arn"`
	CreateDate          time.Time             `json:"CreateDate"`
	Roles               []InstanceProfileRole `json:"Roles"`
	Tags                []Tag                 `json:"Tags,omitempty"`
}

// InstanceProfileRole is a role inside an [InstanceProfileDetail]. Its
// Description and MaxSessionDuration (written when not the default) are
// the role's; the role's tags, boundary and last use, which the API may
// repeat here, are read and left to the role's own [RoleDetail].
type InstanceProfileRole struct {
	Path                     string                       `json:"Path"`
	RoleName                 string                       `json:"RoleName"`
	RoleId                   string                       `json:"RoleId"`
	Arn                      string                       `json:"Arn"`
	CreateDate               time.Time                    `json:"CreateDate"`
	AssumeRolePolicyDocument PolicyDocument               `json:"AssumeRolePolicyDocument"`
	Description              string                       `json:"Description,omitempty"`
	MaxSessionDuration       int                          `json:"MaxSessionDuration,omitempty"`
	PermissionsBoundary      *AttachedPermissionsBoundary `json:"PermissionsBoundary,omitempty"`
	Tags                     []Tag                        `json:"Tags,omitempty"`
	RoleLastUsed             *RoleLastUsedDetail          `json:"RoleLastUsed,omitempty"`
}

// PolicyDetail is an inline policy.
type PolicyDetail struct {
	PolicyName     string         `json:"PolicyName"`
	PolicyDocument PolicyDocument `json:"PolicyDocument"`
}

// ManagedPolicyDetail is a managed policy with all its versions.
type ManagedPolicyDetail struct {
	PolicyName                    string                `json:"PolicyName"`
	PolicyId                      string                `json:"PolicyId"`
	Arn                           string                `json:"Arn"`
	Path                          string                `json:"Path"`
	DefaultVersionId              string                `json:"DefaultVersionId"`
	AttachmentCount               int                   `json:"AttachmentCount"`
	PermissionsBoundaryUsageCount int                   `json:"PermissionsBoundaryUsageCount"`
	IsAttachable                  bool                  `json:"IsAttachable"`
	Description                   string                `json:"Description,omitempty"`
	CreateDate                    time.Time             `json:"CreateDate"`
	UpdateDate                    time.Time             `json:"UpdateDate"`
	PolicyVersionList             []PolicyVersionDetail `json:"PolicyVersionList"`
}

// PolicyVersionDetail is one version of a managed policy.
type PolicyVersionDetail struct {
	Document         PolicyDocument `json:"Document"`
	VersionId        string         `json:"VersionId"`
	IsDefaultVersion bool           `json:"IsDefaultVersion"`
	CreateDate       time.Time      `json:"CreateDate"`
}

// PolicyDocument is a policy document in [AuthorizationDetails]. It reads
// a JSON object, as the AWS CLI prints documents, or a URL-encoded string,
// as the API returns them, and keeps the document's text with its keys in
// order; it writes the document as a JSON object, as the AWS CLI does.
type PolicyDocument string

// UnmarshalJSON reads an object or a URL-encoded JSON string.
func (d *PolicyDocument) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if dec, err := url.QueryUnescape(s); err == nil && !strings.HasPrefix(strings.TrimSpace(s), "{") {
			s = dec
		}
		*d = PolicyDocument(s)
		return nil
	}
	if len(b) == 0 || b[0] != '{' {
		return errors.New("a policy document must be a JSON object or a URL-encoded string")
	}
	*d = PolicyDocument(b)
	return nil
}

// MarshalJSON writes the document as a JSON object when it is one, and as
// a string otherwise.
func (d PolicyDocument) MarshalJSON() ([]byte, error) {
	if json.Valid([]byte(d)) && strings.HasPrefix(strings.TrimSpace(string(d)), "{") {
		var b bytes.Buffer
		if err := json.Compact(&b, []byte(d)); err == nil {
			return b.Bytes(), nil
		}
	}
	return json.Marshal(string(d))
}

// DecodeAuthorizationDetails reads the JSON of
// `aws iam get-account-authorization-details`. Unknown fields are refused,
// so that nothing in a snapshot is silently dropped.
func DecodeAuthorizationDetails(data []byte) (*AuthorizationDetails, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var d AuthorizationDetails
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSnapshot, err)
	}
	return &d, nil
}

// ErrSnapshot is wrapped by the errors of [Import] and
// [DecodeAuthorizationDetails].
var ErrSnapshot = errors.New("invalid account snapshot")

func snapshotErr(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrSnapshot, fmt.Sprintf(format, args...))
}

// Import builds an account from a snapshot, keeping every name, path, ID,
// ARN, date, document, version, attachment, membership, boundary, tag and
// instance profile as the snapshot has them. The account ID is the one in
// the snapshot's ARNs. AWS managed policies the snapshot attaches but does
// not list come from awsPolicies (package catalog); nil allows none. Every
// document is checked as IAM checks it; the first problem is returned.
func Import(d *AuthorizationDetails, env Env, awsPolicies *catalog.ManagedPolicies) (*Account, error) {
	id, err := snapshotAccount(d)
	if err != nil {
		return nil, err
	}
	a, err := New(id, env)
	if err != nil {
		return nil, err
	}
	if err := a.load(d, awsPolicies); err != nil {
		return nil, err
	}
	return a, nil
}

// ImportSnapshot adds a snapshot's managed policies, groups, users, roles
// and instance profiles to the account, keeping them as [Import] does. The
// snapshot must be of this account (its ARNs name the account's ID) and
// must not name a user, group, role or customer managed policy the account
// already has. Like every operation, a failed import changes nothing.
func (a *Account) ImportSnapshot(d *AuthorizationDetails, awsPolicies *catalog.ManagedPolicies) error {
	id, err := snapshotAccount(d)
	if err != nil {
		return err
	}
	if id != a.s.id {
		return snapshotErr("the snapshot is of account %s, not of account %s", id, a.s.id)
	}
	c := a.Clone()
	if err := c.load(d, awsPolicies); err != nil {
		return err
	}
	a.s = c.s
	return nil
}

// load adds a snapshot's entities to the account.
func (a *Account) load(d *AuthorizationDetails, awsPolicies *catalog.ManagedPolicies) error {
	for _, p := range d.Policies {
		if err := a.importPolicy(p); err != nil {
			return err
		}
	}
	attach := func(list []AttachedPolicy, who string) ([]string, error) {
		var arns []string
		for _, ap := range list {
			if a.s.policies[ap.PolicyArn] == nil {
				if err := a.importAWSPolicy(awsPolicies, ap.PolicyArn); err != nil {
					return nil, fmt.Errorf("%s: %w", who, err)
				}
			}
			arns = append(arns, ap.PolicyArn)
		}
		return arns, nil
	}
	boundary := func(b *AttachedPermissionsBoundary, who string) (string, error) {
		if b == nil {
			return "", nil
		}
		if a.s.policies[b.PermissionsBoundaryArn] == nil {
			if err := a.importAWSPolicy(awsPolicies, b.PermissionsBoundaryArn); err != nil {
				return "", fmt.Errorf("%s: %w", who, err)
			}
		}
		return b.PermissionsBoundaryArn, nil
	}
	for _, g := range d.GroupDetailList {
		if err := a.claim(g.GroupId, g.Arn, "group", g.Path, g.GroupName); err != nil {
			return err
		}
		inline, err := importInline(g.GroupPolicyList, g.GroupName)
		if err != nil {
			return err
		}
		attached, err := attach(g.AttachedManagedPolicies, "group "+g.GroupName)
		if err != nil {
			return err
		}
		if a.s.groups[fold(g.GroupName)] != nil {
			return snapshotErr("group %s twice", g.GroupName)
		}
		a.s.groups[fold(g.GroupName)] = &group{name: g.GroupName, path: g.Path, id: g.GroupId, arn: g.Arn, created: g.CreateDate, inline: inline, attached: attached}
	}
	for _, u := range d.UserDetailList {
		if err := a.claim(u.UserId, u.Arn, "user", u.Path, u.UserName); err != nil {
			return err
		}
		inline, err := importInline(u.UserPolicyList, u.UserName)
		if err != nil {
			return err
		}
		attached, err := attach(u.AttachedManagedPolicies, "user "+u.UserName)
		if err != nil {
			return err
		}
		b, err := boundary(u.PermissionsBoundary, "user "+u.UserName)
		if err != nil {
			return err
		}
		var groups []string
		for _, g := range u.GroupList {
			if a.s.groups[fold(g)] == nil {
				return snapshotErr("user %s is in group %s, which the snapshot does not have", u.UserName, g)
			}
			groups = append(groups, fold(g))
		}
		if a.s.users[fold(u.UserName)] != nil {
			return snapshotErr("user %s twice", u.UserName)
		}
		a.s.users[fold(u.UserName)] = &user{name: u.UserName, path: u.Path, id: u.UserId, arn: u.Arn, created: u.CreateDate,
			boundary: b, tags: slices.Clone(u.Tags), inline: inline, attached: attached, groups: groups}
	}
	for _, r := range d.RoleDetailList {
		if err := a.claim(r.RoleId, r.Arn, "role", r.Path, r.RoleName); err != nil {
			return err
		}
		trust, err := policy.Parse([]byte(r.AssumeRolePolicyDocument), policy.Options{Type: policy.Trust, Name: r.RoleName})
		if err != nil {
			return snapshotErr("role %s: trust policy: %v", r.RoleName, err)
		}
		inline, err := importInline(r.RolePolicyList, r.RoleName)
		if err != nil {
			return err
		}
		attached, err := attach(r.AttachedManagedPolicies, "role "+r.RoleName)
		if err != nil {
			return err
		}
		b, err := boundary(r.PermissionsBoundary, "role "+r.RoleName)
		if err != nil {
			return err
		}
		if a.s.roles[fold(r.RoleName)] != nil {
			return snapshotErr("role %s twice", r.RoleName)
		}
		ro := &role{name: r.RoleName, path: r.Path, id: r.RoleId, arn: r.Arn, created: r.CreateDate,
			trust: string(r.AssumeRolePolicyDocument), trustDoc: trust, maxSession: DefaultMaxSessionDuration,
			boundary: b, tags: slices.Clone(r.Tags), inline: inline, attached: attached, lastUsedRegion: r.RoleLastUsed.Region}
		if r.RoleLastUsed.LastUsedDate != nil {
			ro.lastUsed = *r.RoleLastUsed.LastUsedDate
		}
		if strings.HasPrefix(r.Path, "/aws-service-role/") {
			ro.service = serviceOfLinkedRole(trust)
		}
		a.s.roles[fold(r.RoleName)] = ro
		for _, ip := range r.InstanceProfileList {
			key := fold(ip.InstanceProfileName)
			p := a.s.profiles[key]
			if p == nil {
				if err := a.claim(ip.InstanceProfileId, ip.Arn, "instance-profile", ip.Path, ip.InstanceProfileName); err != nil {
					return err
				}
				p = &instanceProfile{name: ip.InstanceProfileName, path: ip.Path, id: ip.InstanceProfileId, arn: ip.Arn, created: ip.CreateDate, tags: slices.Clone(ip.Tags)}
				a.s.profiles[key] = p
			}
			if !slices.Contains(p.roles, fold(r.RoleName)) {
				p.roles = append(p.roles, fold(r.RoleName))
			}
			for _, pr := range ip.Roles {
				if strings.EqualFold(pr.RoleName, r.RoleName) {
					ro.description = pr.Description
					if pr.MaxSessionDuration != 0 {
						ro.maxSession = pr.MaxSessionDuration
					}
				}
			}
		}
	}
	return nil
}

// serviceOfLinkedRole is the service principal a service-linked role's
// trust policy names.
func serviceOfLinkedRole(trust *policy.Document) string {
	for _, st := range trust.Statements {
		if len(st.Principal.Service) > 0 {
			return st.Principal.Service[0]
		}
	}
	return ""
}

// snapshotAccount finds the account ID in the snapshot's ARNs.
func snapshotAccount(d *AuthorizationDetails) (string, error) {
	var arns []string
	for _, u := range d.UserDetailList {
		arns = append(arns, u.Arn)
	}
	for _, g := range d.GroupDetailList {
		arns = append(arns, g.Arn)
	}
	for _, r := range d.RoleDetailList {
		arns = append(arns, r.Arn)
	}
	for _, p := range d.Policies {
		arns = append(arns, p.Arn)
	}
	id := ""
	for _, arn := range arns {
		f := strings.SplitN(arn, ":", 6)
		if len(f) != 6 || f[4] == "aws" {
			continue
		}
		if id == "" {
			id = f[4]
		} else if f[4] != id {
			return "", snapshotErr("the snapshot mixes accounts %s and %s", id, f[4])
		}
	}
	if id == "" {
		return "", snapshotErr("no ARN in the snapshot names its account")
	}
	return id, nil
}

// claim checks an entity's ID and ARN and records the ID as issued.
func (a *Account) claim(id, arn, kind, path, name string) error {
	if id == "" || a.s.issued[id] {
		return snapshotErr("%s %s: ID %q is empty or used twice", kind, name, id)
	}
	if want := a.arn(kind, orDefaultPath(path), name); arn != want {
		return snapshotErr("%s %s: ARN %s, want %s", kind, name, arn, want)
	}
	a.s.issued[id] = true
	return nil
}

func importInline(list []PolicyDetail, owner string) ([]inlinePolicy, error) {
	var out []inlinePolicy
	for _, p := range list {
		doc, err := policy.Parse([]byte(p.PolicyDocument), policy.Options{Type: policy.Identity, Name: p.PolicyName})
		if err != nil {
			return nil, snapshotErr("%s: inline policy %s: %v", owner, p.PolicyName, err)
		}
		out = append(out, inlinePolicy{name: p.PolicyName, document: string(p.PolicyDocument), doc: doc})
	}
	return out, nil
}

// importPolicy adds a managed policy with all its versions.
func (a *Account) importPolicy(p ManagedPolicyDetail) error {
	aws := strings.HasPrefix(p.Arn, "arn:aws:iam::aws:policy/")
	if !aws && a.s.policies[p.Arn] != nil {
		return snapshotErr("policy %s already exists", p.Arn)
	}
	if !aws {
		if err := a.claim(p.PolicyId, p.Arn, "policy", p.Path, p.PolicyName); err != nil {
			return err
		}
	} else {
		a.s.issued[p.PolicyId] = true
	}
	mp := &managedPolicy{name: p.PolicyName, path: p.Path, id: p.PolicyId, arn: p.Arn, description: p.Description,
		awsManaged: aws, created: p.CreateDate, updated: p.UpdateDate, defaultVersion: p.DefaultVersionId, nextVersion: 1}
	for _, v := range p.PolicyVersionList {
		doc, err := policy.Parse([]byte(v.Document), policy.Options{Type: policy.Identity, Name: p.PolicyName})
		if err != nil {
			return snapshotErr("policy %s version %s: %v", p.PolicyName, v.VersionId, err)
		}
		mp.versions = append(mp.versions, &policyVersion{id: v.VersionId, document: string(v.Document), doc: doc, created: v.CreateDate})
		var n int
		if _, err := fmt.Sscanf(v.VersionId, "v%d", &n); err == nil && n >= mp.nextVersion {
			mp.nextVersion = n + 1
		}
		if v.IsDefaultVersion != (v.VersionId == p.DefaultVersionId) {
			return snapshotErr("policy %s: version %s's IsDefaultVersion disagrees with DefaultVersionId %s", p.PolicyName, v.VersionId, p.DefaultVersionId)
		}
	}
	// AWS lists versions newest first; the model keeps creation order.
	slices.SortStableFunc(mp.versions, func(x, y *policyVersion) int { return x.created.Compare(y.created) })
	if !slices.ContainsFunc(mp.versions, func(v *policyVersion) bool { return v.id == p.DefaultVersionId }) {
		return snapshotErr("policy %s: no version %s", p.PolicyName, p.DefaultVersionId)
	}
	a.s.policies[p.Arn] = mp
	return nil
}

// importAWSPolicy registers an AWS managed policy a snapshot attaches
// without listing it.
func (a *Account) importAWSPolicy(policies *catalog.ManagedPolicies, arn string) error {
	if !strings.HasPrefix(arn, "arn:aws:iam::aws:policy/") {
		return snapshotErr("policy %s is attached but not in the snapshot's Policies", arn)
	}
	if err := a.RegisterCatalogAWSManagedPolicy(policies, arn); err != nil {
		return snapshotErr("AWS managed policy %s: %v", arn, err)
	}
	return nil
}

// AuthorizationDetails returns what GetAccountAuthorizationDetails would
// for the account: every user, group and role, sorted by name, and the
// managed policies in use or defined in the account (customer managed
// policies, and AWS managed policies attached to something), with all
// their versions, newest first.
func (a *Account) AuthorizationDetails() AuthorizationDetails {
	d := AuthorizationDetails{UserDetailList: []UserDetail{}, GroupDetailList: []GroupDetail{}, RoleDetailList: []RoleDetail{}, Policies: []ManagedPolicyDetail{}}
	attached := func(arns []string) []AttachedPolicy {
		out := []AttachedPolicy{}
		for _, arn := range arns {
			name := arn[strings.LastIndexByte(arn, '/')+1:]
			if p := a.s.policies[arn]; p != nil {
				name = p.name
			}
			out = append(out, AttachedPolicy{PolicyName: name, PolicyArn: arn})
		}
		return out
	}
	inline := func(list []inlinePolicy) []PolicyDetail {
		out := []PolicyDetail{}
		for _, p := range list {
			out = append(out, PolicyDetail{PolicyName: p.name, PolicyDocument: PolicyDocument(p.document)})
		}
		return out
	}
	for _, u := range a.sortedUsers() {
		ud := UserDetail{Path: u.path, UserName: u.name, UserId: u.id, Arn: u.arn, CreateDate: u.created,
			GroupList: []string{}, AttachedManagedPolicies: attached(u.attached), PermissionsBoundary: boundaryOut(u.boundary), Tags: slices.Clone(u.tags)}
		if len(u.inline) > 0 {
			ud.UserPolicyList = inline(u.inline)
		}
		for _, g := range u.groups {
			if gr := a.s.groups[g]; gr != nil {
				ud.GroupList = append(ud.GroupList, gr.name)
			}
		}
		d.UserDetailList = append(d.UserDetailList, ud)
	}
	for _, g := range sortedValues(a.s.groups, func(g *group) string { return g.name }) {
		d.GroupDetailList = append(d.GroupDetailList, GroupDetail{Path: g.path, GroupName: g.name, GroupId: g.id, Arn: g.arn, CreateDate: g.created,
			GroupPolicyList: inline(g.inline), AttachedManagedPolicies: attached(g.attached)})
	}
	for _, r := range sortedValues(a.s.roles, func(r *role) string { return r.name }) {
		rd := RoleDetail{Path: r.path, RoleName: r.name, RoleId: r.id, Arn: r.arn, CreateDate: r.created,
			AssumeRolePolicyDocument: PolicyDocument(r.trust), InstanceProfileList: []InstanceProfileDetail{},
			RolePolicyList: inline(r.inline), AttachedManagedPolicies: attached(r.attached), PermissionsBoundary: boundaryOut(r.boundary),
			Tags: slices.Clone(r.tags)}
		if rd.Tags == nil {
			rd.Tags = []Tag{}
		}
		if !r.lastUsed.IsZero() {
			t := r.lastUsed
			rd.RoleLastUsed = RoleLastUsedDetail{LastUsedDate: &t, Region: r.lastUsedRegion}
		}
		for _, p := range sortedValues(a.s.profiles, func(p *instanceProfile) string { return p.name }) {
			if !slices.Contains(p.roles, fold(r.name)) {
				continue
			}
			ipd := InstanceProfileDetail{Path: p.path, InstanceProfileName: p.name, InstanceProfileId: p.id, Arn: p.arn, CreateDate: p.created, Roles: []InstanceProfileRole{}, Tags: slices.Clone(p.tags)}
			for _, key := range p.roles {
				if pr := a.s.roles[key]; pr != nil {
					ipr := InstanceProfileRole{Path: pr.path, RoleName: pr.name, RoleId: pr.id, Arn: pr.arn, CreateDate: pr.created, AssumeRolePolicyDocument: PolicyDocument(pr.trust), Description: pr.description}
					if pr.maxSession != DefaultMaxSessionDuration {
						ipr.MaxSessionDuration = pr.maxSession
					}
					ipd.Roles = append(ipd.Roles, ipr)
				}
			}
			rd.InstanceProfileList = append(rd.InstanceProfileList, ipd)
		}
		d.RoleDetailList = append(d.RoleDetailList, rd)
	}
	for _, p := range sortedValues(a.s.policies, func(p *managedPolicy) string { return p.name }) {
		attachments, boundaries := a.usage(p.arn)
		if p.awsManaged && attachments == 0 && boundaries == 0 {
			continue
		}
		pd := ManagedPolicyDetail{PolicyName: p.name, PolicyId: p.id, Arn: p.arn, Path: p.path, DefaultVersionId: p.defaultVersion,
			AttachmentCount: attachments, PermissionsBoundaryUsageCount: boundaries, IsAttachable: true, Description: p.description,
			CreateDate: p.created, UpdateDate: p.updated, PolicyVersionList: []PolicyVersionDetail{}}
		for i := len(p.versions) - 1; i >= 0; i-- {
			v := p.versions[i]
			pd.PolicyVersionList = append(pd.PolicyVersionList, PolicyVersionDetail{Document: PolicyDocument(v.document), VersionId: v.id, IsDefaultVersion: v.id == p.defaultVersion, CreateDate: v.created})
		}
		d.Policies = append(d.Policies, pd)
	}
	return d
}

// sortedValues lists a map's values sorted by name, ignoring case, as
// IAM's List operations return them.
func sortedValues[V any](m map[string]V, name func(V) string) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	slices.SortFunc(out, func(x, y V) int {
		return strings.Compare(strings.ToLower(name(x)), strings.ToLower(name(y)))
	})
	return out
}
