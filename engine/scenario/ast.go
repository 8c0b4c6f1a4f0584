package scenario

import (
	"strconv"

	"github.com/alecthomas/participle/v2/lexer"
)

// The syntax tree of a scenario. The struct tags are the grammar, read by
// participle; doc.go describes the language in words.

// File is a parsed scenario: its lines, in order.
type File struct {
	Name  string
	Lines []*Line
}

// Line is one statement (possibly spanning lines through a JSON block or
// a trailing backslash), a comment, both, or neither (a blank line).
type Line struct {
	Pos     lexer.Position
	Stmt    Statement `parser:"@@"`
	Comment string    `parser:"@Comment? EOL"`
}

// Statement is one statement of the language. Its implementations are the
// pointer types of this file; the set is closed.
type Statement interface{ stmt() }

// Value is a word or a quoted string.
type Value struct {
	Pos lexer.Position
	Raw string `parser:"@(Word | String)"`
}

// Text is the value: a word as written, a string unquoted.
func (v *Value) Text() string {
	if v == nil {
		return ""
	}
	if len(v.Raw) >= 2 && v.Raw[0] == '"' {
		if s, err := strconv.Unquote(v.Raw); err == nil {
			return s
		}
		return v.Raw[1 : len(v.Raw)-1]
	}
	return v.Raw
}

// Body is a document: an inline JSON block or a file.
type Body struct {
	Pos  lexer.Position
	JSON string `parser:"@JSON"`
	File *Value `parser:"| 'file' @@"`
}

// Tag is KEY=VALUE.
type Tag struct {
	Key   *Value `parser:"@@ '='"`
	Value *Value `parser:"@@"`
}

// TagList is KEY=VALUE, KEY=VALUE ….
type TagList struct {
	Tags []*Tag `parser:"@@ ( ',' @@ )*"`
}

// Code is an MFA code: a literal, or totp(NAME [, OFFSET]), the code NAME's
// device shows at the simulated time (plus OFFSET).
type Code struct {
	Pos     lexer.Position
	TOTP    *Value `parser:"( 'totp' '(' @@"`
	Offset  *Value `parser:"( ',' @@ )? ')'"`
	Literal *Value `parser:"| @@ )"`
}

// Principal names who makes a request: a user or root (of the current
// account, or "of" another), or a session obtained earlier.
type Principal struct {
	Pos     lexer.Position
	Session *Value `parser:"( 'session' @@"`
	Name    *Value `parser:"| @@ ( 'of'"`
	Of      *Value `parser:"@@ )? )"`
}

// Target is what a policy is attached to.
type Target struct {
	Kind string `parser:"( @( 'user' | 'group' | 'role' | 'ou' | 'account' )"`
	Name *Value `parser:"@@"`
	Root bool   `parser:"| @'root' )"`
}

// --- Settings of the simulation, before the first account.

// Start sets the simulated clock's starting instant.
type Start struct {
	At *Value `parser:"'start' @@"`
}

// Seed sets the seed of the simulation's randomness.
type Seed struct {
	N *Value `parser:"'seed' @@"`
}

// Propagation sets how long IAM changes take to reach the regions (or one
// region).
type Propagation struct {
	Delay  *Value `parser:"'propagation' @@"`
	Region *Value `parser:"( 'to' @@ )?"`
}

// --- The world.

// Region sets the region requests go to when they name none.
type Region struct {
	Name *Value `parser:"'region' @@"`
}

// Account creates an account and makes it the current one.
type Account struct {
	ID    *Value `parser:"'account' @@"`
	Alias *Value `parser:"( 'alias' @@ )?"`
	InOrg bool   `parser:"( 'in' ( @'organization'"`
	OU    *Value `parser:"| 'ou' @@ ) )?"`
}

// Use makes an existing account the current one.
type Use struct {
	Account *Value `parser:"'use' @@"`
}

// Organization creates the organization, managed by the current account.
type Organization struct {
	Keyword bool `parser:"@'organization'"`
}

// OU creates an organizational unit.
type OU struct {
	Name   *Value `parser:"'ou' @@"`
	Parent *Value `parser:"( 'under' @@ )?"`
}

// Move moves an account to the root or an OU.
type Move struct {
	Account *Value  `parser:"'move' @@ 'to'"`
	Target  *Target `parser:"@@"`
}

// OrgPolicy creates a service or resource control policy.
type OrgPolicy struct {
	Kind string `parser:"@( 'scp' | 'rcp' )"`
	Name *Value `parser:"@@ '='"`
	Body *Body  `parser:"@@"`
}

// Clock moves the simulated clock: +DURATION, or an RFC 3339 instant.
type Clock struct {
	To *Value `parser:"'clock' @@"`
}

// Partition cuts regions off.
type Partition struct {
	Regions []*Value `parser:"'partition' @@+"`
}

// Heal reconnects regions (all when none is named).
type Heal struct {
	Keyword bool     `parser:"@'heal'"`
	Regions []*Value `parser:"@@*"`
}

// Status prints every region's replication state.
type Status struct {
	Keyword bool `parser:"@'status'"`
}

// Resource puts a resource-based policy on a resource.
type Resource struct {
	ARN    *Value   `parser:"'resource' @@"`
	Owner  *Value   `parser:"( 'owner' @@ )?"`
	Tags   *TagList `parser:"( 'tags' @@ )?"`
	Policy *Body    `parser:"'policy' @@"`
}

// IdP declares a simulated identity provider: an OpenID Connect issuer
// (by URL) or a SAML IdP (by entity ID).
type IdP struct {
	Kind string `parser:"'idp' @( 'oidc' | 'saml' )"`
	Name *Value `parser:"@@"`
	URL  *Value `parser:"@@"`
}

// Token mints a web identity token from an OIDC IdP.
type Token struct {
	Name   *Value `parser:"'token' @@"`
	IdP    *Value `parser:"'from' @@"`
	Claims *Body  `parser:"@@?"`
}

// Assertion mints a SAML assertion from a SAML IdP.
type Assertion struct {
	Name  *Value `parser:"'assertion' @@"`
	IdP   *Value `parser:"'from' @@"`
	Input *Body  `parser:"@@"`
}

// STS activates or deactivates STS in a region for the current account,
// or sets the version of the global endpoint's tokens.
type STS struct {
	Tokens string `parser:"'sts' ( 'global-tokens' @( 'v1' | 'v2' )"`
	Region *Value `parser:"| @@"`
	State  string `parser:"@( 'active' | 'inactive' ) )"`
}

// Quota changes one of the current account's IAM quotas.
type Quota struct {
	Name  *Value `parser:"'quota' @@"`
	Limit *Value `parser:"@@"`
}

// Plugin loads a condition-operator plugin.
type Plugin struct {
	Name *Value `parser:"'plugin' @@"`
	Path *Value `parser:"'from' @@"`
}

// Import loads an account snapshot (the JSON of aws iam
// get-account-authorization-details) into the current account.
type Import struct {
	Path *Value `parser:"'import' @@"`
}

// --- IAM operations: run by the current account's root user, or by the
// principal of an enclosing "as".

// EntityClause is a clause of a user or role.
type EntityClause struct {
	Pos         lexer.Position
	Path        *Value   `parser:"'path' @@"`
	Groups      []*Value `parser:"| 'in' 'group' @@ ( ',' @@ )*"`
	Trust       *Body    `parser:"| 'trust' @@"`
	MaxSession  *Value   `parser:"| 'max-session' @@"`
	Boundary    *Value   `parser:"| 'boundary' @@"`
	Description *Value   `parser:"| 'description' @@"`
	Tags        *TagList `parser:"| 'tags' @@"`
}

// User creates an IAM user.
type User struct {
	Name    *Value          `parser:"'user' @@"`
	Clauses []*EntityClause `parser:"@@*"`
}

// Group creates a group.
type Group struct {
	Name *Value `parser:"'group' @@"`
	Path *Value `parser:"( 'path' @@ )?"`
}

// Role creates a role.
type Role struct {
	Name    *Value          `parser:"'role' @@"`
	Clauses []*EntityClause `parser:"@@*"`
}

// Policy creates a customer managed policy, a new version of one, or sets
// its default version.
type Policy struct {
	Name        *Value `parser:"'policy' @@"`
	Path        *Value `parser:"( ( 'path' @@ )?"`
	Body        *Body  `parser:"'=' @@"`
	Version     bool   `parser:"| @'version'"`
	VersionBody *Body  `parser:"'=' @@"`
	SetDefault  bool   `parser:"@'default'?"`
	Default     *Value `parser:"| 'default' @@ )"`
}

// Inline puts an inline policy on a user, group or role.
type Inline struct {
	Name   *Value `parser:"'inline' @@ 'on'"`
	Kind   string `parser:"@( 'user' | 'group' | 'role' )"`
	Target *Value `parser:"@@ '='"`
	Body   *Body  `parser:"@@"`
}

// Attach attaches a managed policy to a user, group or role, or an SCP or
// RCP to the root, an OU or an account.
type Attach struct {
	Policy *Value  `parser:"'attach' @@ 'to'"`
	Target *Target `parser:"@@"`
}

// Detach undoes Attach.
type Detach struct {
	Policy *Value  `parser:"'detach' @@ 'from'"`
	Target *Target `parser:"@@"`
}

// Boundary sets (or, with "none", removes) a permissions boundary.
type Boundary struct {
	Policy *Value `parser:"'boundary' @@ 'on'"`
	Kind   string `parser:"@( 'user' | 'role' )"`
	Target *Value `parser:"@@"`
}

// Membership adds a user to a group or removes it.
type Membership struct {
	Op    string `parser:"@( 'add' | 'remove' )"`
	User  *Value `parser:"@@ ( 'to' | 'from' ) 'group'"`
	Group *Value `parser:"@@"`
}

// Key creates an access key for a user (or root), or changes its latest
// key.
type Key struct {
	Owner  *Value `parser:"'key' @@"`
	Action string `parser:"@( 'active' | 'inactive' | 'delete' )?"`
}

// Login gives a user a console password.
type Login struct {
	User     *Value `parser:"'login' @@"`
	Password *Value `parser:"'password' @@"`
	Reset    bool   `parser:"@'reset-required'?"`
}

// PasswordPolicy sets the account's password policy.
type PasswordPolicy struct {
	Body *Body `parser:"'password-policy' @@"`
}

// Codes are the two consecutive codes that enable or resync a device.
type Codes struct {
	First  *Code `parser:"@@"`
	Second *Code `parser:"@@"`
}

// MFA creates and enables a virtual MFA device for a user (or root),
// resyncs it, deactivates it, or deletes it; "device NAME" picks one of
// the user's devices by name (mfa_devices.go), else the newest is meant.
type MFA struct {
	User             *Value `parser:"'mfa' @@"`
	Virtual          bool   `parser:"( @'virtual'"`
	Device           *Value `parser:"( 'device' @@ )?"`
	Codes            *Codes `parser:"( 'codes' @@ )?"`
	Resync           *Codes `parser:"| 'resync' 'codes' @@"`
	ResyncDevice     *Value `parser:"( 'device' @@ )?"`
	Deactivate       bool   `parser:"| @'deactivate'"`
	DeactivateDevice *Value `parser:"( 'device' @@ )?"`
	Delete           bool   `parser:"| @'delete'"`
	DeleteDevice     *Value `parser:"( 'device' @@ )? )"`
}

// TagEntity tags a user or role.
type TagEntity struct {
	Kind string   `parser:"'tag' @( 'user' | 'role' )"`
	Name *Value   `parser:"@@"`
	Tags *TagList `parser:"@@"`
}

// Trust replaces a role's trust policy.
type Trust struct {
	Role *Value `parser:"'trust' @@ '='"`
	Body *Body  `parser:"@@"`
}

// Delete deletes an entity, a policy version, an inline policy or a login
// profile.
type Delete struct {
	Kind       string `parser:"'delete' ( @( 'user' | 'group' | 'role' | 'profile' | 'login' )"`
	Name       *Value `parser:"@@"`
	Policy     *Value `parser:"| 'policy' @@"`
	Version    *Value `parser:"( 'version' @@ )?"`
	Inline     *Value `parser:"| 'inline' @@ 'from'"`
	InlineKind string `parser:"@( 'user' | 'group' | 'role' )"`
	InlineOf   *Value `parser:"@@ )"`
}

// Profile creates an instance profile holding a role.
type Profile struct {
	Name *Value `parser:"'profile' @@"`
	Role *Value `parser:"'role' @@"`
}

// Provider registers an identity provider in the current account: an OIDC
// provider for a declared OIDC IdP, or a SAML provider for a SAML IdP.
type Provider struct {
	Kind      string   `parser:"'provider' ( @'oidc'"`
	IdP       *Value   `parser:"@@"`
	Audiences []*Value `parser:"( 'audience' @@ ( ',' @@ )* )?"`
	SAML      string   `parser:"| @'saml'"`
	Name      *Value   `parser:"@@ 'from'"`
	SAMLIdP   *Value   `parser:"@@ )"`
}

// Revoke revokes a role's active sessions.
type Revoke struct {
	Role *Value `parser:"'revoke' 'sessions' @@"`
}

// --- STS and sign-in.

// MFAClause is "with mfa [device NAME] code CODE".
type MFAClause struct {
	Device *Value `parser:"( 'device' @@ )?"`
	Code   *Code  `parser:"'code' @@"`
}

// STSClause is a clause of an STS call or a sign-in.
type STSClause struct {
	Pos            lexer.Position
	Session        *Value     `parser:"'session' @@"`
	ExternalID     *Value     `parser:"| 'external-id' @@"`
	Duration       *Value     `parser:"| 'duration' @@"`
	Policy         *Body      `parser:"| 'policy' @@"`
	PolicyARNs     []*Value   `parser:"| 'policy-arns' @@ ( ',' @@ )*"`
	Tags           *TagList   `parser:"| 'tags' @@"`
	Transitive     []*Value   `parser:"| 'transitive' @@ ( ',' @@ )*"`
	SourceIdentity *Value     `parser:"| 'source-identity' @@"`
	MFA            *MFAClause `parser:"| 'with' ( 'mfa' @@"`
	WebIdentity    *Value     `parser:"| 'web-identity' @@"`
	SAML           *Value     `parser:"| 'saml' @@ )"`
	Via            *Value     `parser:"| 'via' @@"`
	Password       *Value     `parser:"| 'password' @@"`
	Region         *Value     `parser:"| 'in' @@"`
}

// Assume is AssumeRole, or AssumeRoleWithWebIdentity / AssumeRoleWithSAML
// with a "with web-identity" or "with saml" clause.
type Assume struct {
	Role    *Value       `parser:"'assume' 'role' @@"`
	Clauses []*STSClause `parser:"@@*"`
}

// GetSessionToken is STS's GetSessionToken.
type GetSessionToken struct {
	Keyword bool         `parser:"'get' @'session-token'"`
	Clauses []*STSClause `parser:"@@*"`
}

// GetFederationToken is STS's GetFederationToken.
type GetFederationToken struct {
	Name    *Value       `parser:"'get' 'federation-token' @@"`
	Clauses []*STSClause `parser:"@@*"`
}

// GetCallerIdentity is STS's GetCallerIdentity.
type GetCallerIdentity struct {
	Keyword bool `parser:"'get' @'caller-identity'"`
}

// SignIn signs in to the console with a password (and MFA code).
type SignIn struct {
	User    *Value       `parser:"'signin' @@"`
	Clauses []*STSClause `parser:"@@*"`
}

// Launch launches an EC2 instance with an instance profile; the instance's
// credentials become a session named after it.
type Launch struct {
	Name    *Value `parser:"'launch' 'instance' @@"`
	Profile *Value `parser:"'profile' @@"`
}

// --- Requests, expectations and explanations.

// RequestClause is a clause of a request.
type RequestClause struct {
	Pos          lexer.Position
	From         *Value   `parser:"'from' @@"`
	Insecure     bool     `parser:"| @'insecure'"`
	Tags         *TagList `parser:"| 'tags' @@"`
	ResourceTags *TagList `parser:"| 'resource-tags' @@"`
	Owner        *Value   `parser:"| 'owner' @@"`
	Context      string   `parser:"| 'context' @JSON"`
}

// Request is ACTION on RESOURCE [clauses].
type Request struct {
	Action   *Value           `parser:"@@"`
	Resource *Value           `parser:"'on' @@"`
	Clauses  []*RequestClause `parser:"@@*"`
}

// As runs a request (after a colon) or an operation as a principal.
type As struct {
	Who     *Principal `parser:"'as' @@"`
	Region  *Value     `parser:"( 'in' @@ )?"`
	Request *Request   `parser:"( ':' @@"`
	Op      Statement  `parser:"| @@ )"`
}

// Expect runs a statement and checks its outcome.
type Expect struct {
	Outcome string    `parser:"'expect' ( @( 'allow' | 'deny' | 'implicitDeny' | 'explicitDeny' | 'ok' )"`
	Code    *Value    `parser:"| 'error' @@ )"`
	Stmt    Statement `parser:"@@"`
}

// Explain prints the full trace of a statement's decision, or of the last
// decision when it names no statement.
type Explain struct {
	Keyword bool      `parser:"@'explain'"`
	Stmt    Statement `parser:"@@?"`
}

func (*Start) stmt()              {}
func (*Seed) stmt()               {}
func (*Propagation) stmt()        {}
func (*Region) stmt()             {}
func (*Account) stmt()            {}
func (*Use) stmt()                {}
func (*Organization) stmt()       {}
func (*OU) stmt()                 {}
func (*Move) stmt()               {}
func (*OrgPolicy) stmt()          {}
func (*Clock) stmt()              {}
func (*Partition) stmt()          {}
func (*Heal) stmt()               {}
func (*Status) stmt()             {}
func (*Resource) stmt()           {}
func (*IdP) stmt()                {}
func (*Token) stmt()              {}
func (*Assertion) stmt()          {}
func (*STS) stmt()                {}
func (*Quota) stmt()              {}
func (*Plugin) stmt()             {}
func (*Import) stmt()             {}
func (*User) stmt()               {}
func (*Group) stmt()              {}
func (*Role) stmt()               {}
func (*Policy) stmt()             {}
func (*Inline) stmt()             {}
func (*Attach) stmt()             {}
func (*Detach) stmt()             {}
func (*Boundary) stmt()           {}
func (*Membership) stmt()         {}
func (*Key) stmt()                {}
func (*Login) stmt()              {}
func (*PasswordPolicy) stmt()     {}
func (*MFA) stmt()                {}
func (*TagEntity) stmt()          {}
func (*Trust) stmt()              {}
func (*Delete) stmt()             {}
func (*Profile) stmt()            {}
func (*Provider) stmt()           {}
func (*Revoke) stmt()             {}
func (*Assume) stmt()             {}
func (*GetSessionToken) stmt()    {}
func (*GetFederationToken) stmt() {}
func (*GetCallerIdentity) stmt()  {}
func (*SignIn) stmt()             {}
func (*Launch) stmt()             {}
func (*As) stmt()                 {}
func (*Expect) stmt()             {}
func (*Explain) stmt()            {}

// statementTypes lists every statement, in the order the parser tries them.
func statementTypes() []Statement {
	return append([]Statement{
		&As{}, &Expect{}, &Explain{},
		&Start{}, &Seed{}, &Propagation{}, &Region{},
		&Account{}, &Use{}, &Organization{}, &OU{}, &Move{}, &OrgPolicy{},
		&Clock{}, &Partition{}, &Heal{}, &Status{}, &Resource{},
		&IdP{}, &Token{}, &Assertion{}, &STS{}, &Quota{}, &Plugin{}, &Import{},
		&User{}, &Group{}, &Role{}, &Policy{}, &Inline{}, &Attach{}, &Detach{},
		&Boundary{}, &Membership{}, &Key{}, &Login{}, &PasswordPolicy{}, &MFA{},
		&TagEntity{}, &Trust{}, &Delete{}, &Profile{}, &Provider{}, &Revoke{},
		&Assume{}, &GetSessionToken{}, &GetFederationToken{}, &GetCallerIdentity{},
		&SignIn{}, &Launch{},
	}, credentialStatements()...)
}
