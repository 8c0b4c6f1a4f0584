// Package principal describes who makes a request: the root user, an IAM
// user, a role session, a federated user, an AWS service, a web-identity or
// SAML federated caller, or nobody at all (anonymous).
//
// A [Principal] is what the evaluator matches against a policy's Principal
// element. [FromARN] reads the ARN forms that IAM's policy simulator accepts
// as a caller, so a simulation can say only "who" and get the rest.
//
// # The chain of a principal
//
// AWS authorizes a principal through the identities it stands on: a role
// session stands on its role, which stands on its account. [Principal.Chain]
// lists them from the account down, which is how a Deny with NotPrincipal
// decides whether a caller is exempt (reference_policies_elements_notprincipal.md).
package principal

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/engine/arn"
)

// Type is the kind of principal. Its String form is the value of the
// aws:PrincipalType condition key where AWS defines one.
type Type uint8

// The principal types.
const (
	Anonymous Type = iota
	Root
	User
	RoleSession
	FederatedUser
	Service
	WebIdentity
	SAML
)

var typeNames = [...]string{"Anonymous", "Account", "User", "AssumedRole", "FederatedUser", "Service", "WebIdentityUser", "SAMLUser"}

func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// MarshalText gives the aws:PrincipalType form.
func (t Type) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// IsSession reports whether the principal is a session principal: a role
// session or a federated user session, the two that session policies limit.
func (t Type) IsSession() bool { return t == RoleSession || t == FederatedUser }

// HasIdentity reports whether the principal has IAM identity-based policies
// of its own; anonymous, service and web/SAML-federated callers do not.
func (t Type) HasIdentity() bool {
	return t == Root || t == User || t == RoleSession || t == FederatedUser
}

// Principal is the caller of a request.
type Principal struct {
	Type Type
	// ARN is the principal's own ARN: arn:aws:iam::111122223333:root,
	// …:user/path/name, arn:aws:sts::111122223333:assumed-role/Role/session,
	// arn:aws:sts::111122223333:federated-user/name. Empty for anonymous
	// and service callers.
	ARN string
	// Account is the 12-digit account the principal belongs to.
	Account string
	// Issuer is the identity behind a session: the role's ARN for a role
	// session, the IAM user's ARN for a federated user, the identity
	// provider (its ARN or, for OIDC, its name such as
	// accounts.google.com) for web-identity and SAML callers.
	Issuer string
	// Service is the service principal name, e.g. ec2.amazonaws.com.
	Service string
	// CanonicalUser is the S3 canonical user ID, when the caller has one.
	CanonicalUser string
	// ServiceLinked marks a session of a service-linked role, which SCPs
	// and RCPs do not restrict.
	ServiceLinked bool
}

// ErrCaller is wrapped by the errors of [FromARN].
var ErrCaller = errors.New("invalid caller")

// FromARN reads a caller given by ARN, as the policy simulator's CallerArn:
// an account root, an IAM user, a role (taken as a session of that role
// named after the role), an assumed-role session or a federated user.
func FromARN(s string) (Principal, error) {
	a, err := arn.Parse(s)
	if err != nil {
		return Principal{}, fmt.Errorf("%w: %v", ErrCaller, err)
	}
	if !arn.IsAccountID(a.Account) {
		return Principal{}, fmt.Errorf("%w: %q has no 12-digit account ID", ErrCaller, s)
	}
	kind, rest, _ := strings.Cut(a.Resource, "/")
	switch {
	case a.Service == "iam" && a.Resource == "root":
		return Principal{Type: Root, ARN: s, Account: a.Account}, nil
	case a.Service == "iam" && kind == "user" && rest != "":
		return Principal{Type: User, ARN: s, Account: a.Account}, nil
	case a.Service == "iam" && kind == "role" && rest != "":
		name := rest[strings.LastIndexByte(rest, '/')+1:]
		session := "arn:" + a.Partition + ":sts::" + a.Account + ":assumed-role/" + name + "/" + name
		return Principal{Type: RoleSession, ARN: session, Account: a.Account, Issuer: s}, nil
	case a.Service == "sts" && kind == "assumed-role":
		role, session, ok := strings.Cut(rest, "/")
		if !ok || role == "" || session == "" || strings.Contains(session, "/") {
			return Principal{}, fmt.Errorf("%w: %q: an assumed-role ARN is arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION", ErrCaller, s)
		}
		issuer := "arn:" + a.Partition + ":iam::" + a.Account + ":role/" + role
		return Principal{Type: RoleSession, ARN: s, Account: a.Account, Issuer: issuer}, nil
	case a.Service == "sts" && kind == "federated-user" && rest != "":
		issuer := "arn:" + a.Partition + ":iam::" + a.Account + ":user/" + rest
		return Principal{Type: FederatedUser, ARN: s, Account: a.Account, Issuer: issuer}, nil
	}
	return Principal{}, fmt.Errorf("%w: %q is not the ARN of a root user, IAM user, role, role session or federated user", ErrCaller, s)
}

// Chain lists the identities the principal stands on, from its account
// down to itself: the account ID, then (for a role session) the role's ARN,
// then the principal's own ARN. Service and federated callers return their
// service or provider; anonymous callers have none.
func (p Principal) Chain() []string {
	ids, n := p.ChainIDs()
	if n == 0 {
		return nil
	}
	return ids[:n:n]
}

// ChainIDs is [Principal.Chain] without allocating: up to three identities
// in an array, and how many there are.
func (p *Principal) ChainIDs() (ids [3]string, n int) {
	switch p.Type {
	case Root:
		return [3]string{p.Account}, 1
	case User, FederatedUser:
		return [3]string{p.Account, p.ARN}, 2
	case RoleSession:
		return [3]string{p.Account, p.Issuer, p.ARN}, 3
	case Service:
		return [3]string{p.Service}, 1
	case WebIdentity, SAML:
		return [3]string{p.Issuer}, 1
	}
	return ids, 0
}

// RoleName returns the role's name for a role session, or "".
func (p Principal) RoleName() string {
	if p.Type != RoleSession {
		return ""
	}
	return p.Issuer[strings.LastIndexByte(p.Issuer, '/')+1:]
}
