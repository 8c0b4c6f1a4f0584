package cloud

import (
	"fmt"
	"strings"
	"time"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/engine/principal"
)

// IAM runs an IAM management operation for a caller: it authenticates the
// caller at IAM's endpoint in us-east-1, authorizes action on resource (the
// ARN of what the operation touches) and then applies op to the caller's
// account on the control plane. A caller in a region cut off from us-east-1
// cannot reach the endpoint (ServiceUnavailable). A refused or failed
// operation changes nothing. The Result explains the authorization either
// way.
func (c *Cloud) IAM(region string, creds Credentials, action, resource string, op func(*account.Account) error) (*Result, error) {
	return c.IAMWithContext(region, creds, action, resource, nil, op)
}

// IAMWithContext is IAM for an operation whose request carries further
// condition keys, such as iam:AWSServiceName for CreateServiceLinkedRole;
// they override keys of the same name.
//
// Both add the keys IAM itself sets from the request and from the user or
// role acted on: iam:PermissionsBoundary, iam:PolicyARN, aws:RequestTag/…,
// aws:TagKeys, aws:ResourceTag/… and iam:ResourceTag/… (see iamKeys). To
// learn the request they first run op on a probe of the account
// ([account.Account.Probe]), which changes nothing.
func (c *Cloud) IAMWithContext(region string, creds Credentials, action, resource string, keys []eval.Entry, op func(*account.Account) error) (*Result, error) {
	res, id, err := c.iamAuthorize(region, creds, action, resource, op, keys...)
	if err != nil {
		return res, err
	}
	acct := id.caller.Principal.Account
	_, err = c.plane.Write(region, func(s *State) error {
		a := s.Accounts[acct]
		if a == nil {
			return &Error{Code: "NoSuchEntity", Message: "The account " + acct + " does not exist."}
		}
		return op(a)
	})
	return res, err
}

// IAMRead runs a read-only IAM operation (Get…, List…) the same way,
// reading the control plane's state. op must not change the account.
func (c *Cloud) IAMRead(region string, creds Credentials, action, resource string, op func(*account.Account) error) (*Result, error) {
	res, id, err := c.iamAuthorize(region, creds, action, resource, nil)
	if err != nil {
		return res, err
	}
	a := c.Control().Accounts[id.caller.Principal.Account]
	if a == nil {
		return res, &Error{Code: "NoSuchEntity", Message: "The account does not exist."}
	}
	return res, op(a)
}

func (c *Cloud) iamAuthorize(region string, creds Credentials, action, resource string, op func(*account.Account) error, keys ...eval.Entry) (*Result, *identity, error) {
	r, err := c.endpointRegion(region)
	if err != nil {
		return nil, nil, err
	}
	if !c.plane.Connected(r.Name, ControlRegion) {
		return nil, nil, &Error{Code: "ServiceUnavailable", Message: fmt.Sprintf("IAM's endpoint in %s cannot be reached from %s: IAM changes go to the control plane, and this region is cut off from it.", ControlRegion, r.Name)}
	}
	if !strings.HasPrefix(action, "iam:") {
		return nil, nil, fmt.Errorf("cloud: %q is not an IAM action", action)
	}
	// IAM's endpoint is in us-east-1: its data plane authenticates.
	control, _ := c.endpointRegion(ControlRegion)
	view, version, err := c.plane.Read(ControlRegion)
	if err != nil {
		return nil, nil, err
	}
	id, err := c.authenticate(control, view, creds)
	if err != nil {
		return nil, nil, err
	}
	if s := id.session; s != nil {
		switch {
		case s.kind == FromGetFederationToken:
			return nil, id, &Error{Code: "AccessDenied", Message: "Federated user sessions (GetFederationToken) cannot call IAM API operations."}
		case s.kind == FromGetSessionToken && s.caller.MFAAt.IsZero():
			return nil, id, &Error{Code: "AccessDenied", Message: "Credentials from GetSessionToken can call IAM API operations only when MFA was used to get them."}
		}
	}
	keys = append(iamKeys(view.Accounts[id.caller.Principal.Account], action, resource, op), keys...)
	res := c.decide(control, view, version, id, Call{Action: action, Resource: resource, Context: keys})
	if res.Decision != eval.Allowed {
		return res, id, deniedError(res, action, resource)
	}
	return res, id, nil
}

// ARNs of the IAM entities a caller's operations touch.

// UserARN is arn:aws:iam::ACCOUNT:user/PATH/NAME.
func UserARN(accountID, path, name string) string { return iamARN(accountID, "user", path, name) }

// RoleARN is arn:aws:iam::ACCOUNT:role/PATH/NAME.
func RoleARN(accountID, path, name string) string { return iamARN(accountID, "role", path, name) }

// GroupARN is arn:aws:iam::ACCOUNT:group/PATH/NAME.
func GroupARN(accountID, path, name string) string { return iamARN(accountID, "group", path, name) }

// PolicyARN is arn:aws:iam::ACCOUNT:policy/PATH/NAME.
func PolicyARN(accountID, path, name string) string { return iamARN(accountID, "policy", path, name) }

func iamARN(accountID, kind, path, name string) string {
	if path == "" {
		path = "/"
	}
	return "arn:aws:iam::" + accountID + ":" + kind + path + name
}

// AccountOf returns the account of an authenticated caller, for building
// ARNs before a call.
func (c *Cloud) AccountOf(region string, creds Credentials) (principal.Principal, error) {
	r, err := c.endpointRegion(region)
	if err != nil {
		return principal.Principal{}, err
	}
	view, _, err := c.plane.Read(r.Name)
	if err != nil {
		return principal.Principal{}, err
	}
	id, err := c.authenticate(r, view, creds)
	if err != nil {
		return principal.Principal{}, err
	}
	return id.caller.Principal, nil
}

// RevokeRoleSessions revokes every session of a role issued before now, as
// the IAM console's "Revoke active sessions" does: it puts the inline policy
// AWSRevokeOlderSessions on the role, denying everything to sessions whose
// aws:TokenIssueTime is earlier (id_roles_use_revoke-sessions.md). Like any
// IAM change it takes effect in each region after the propagation delay.
func (c *Cloud) RevokeRoleSessions(region string, creds Credentials, roleName string) error {
	p, err := c.AccountOf(region, creds)
	if err != nil {
		return err
	}
	cutoff := c.now().UTC().Format(time.RFC3339)
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],"Condition":{"DateLessThan":{"aws:TokenIssueTime":"` + cutoff + `"}}}]}`
	_, err = c.IAM(region, creds, "iam:PutRolePolicy", RoleARN(p.Account, "/", roleName), func(a *account.Account) error {
		return a.PutRolePolicy(account.PutRolePolicyInput{RoleName: roleName, PolicyName: "AWSRevokeOlderSessions", PolicyDocument: doc})
	})
	return err
}
