package cloud

import (
	"crypto/sha256"
	"crypto/subtle"

	"github.com/iamlab/iamlab/engine/account"
	"github.com/iamlab/iamlab/engine/principal"
)

// OperatorKeyPrefix starts the key ID of operator credentials, so that
// they are never taken for an access key (AKIA) or a session's (ASIA).
const OperatorKeyPrefix = "ROOT"

// operatorCreds are an account's root credentials held by whoever runs the
// simulation (see [Cloud.OperatorCredentials]).
type operatorCreds struct {
	account    string
	secretHash [sha256.Size]byte
}

// OperatorCredentials returns the root user's credentials of an account
// for whoever runs the simulation — a scenario's operator, a test. They
// stand for the root user signed in without an access key, as a person
// who holds the account's e-mail address and password is: requests
// signed with them are the root user's in every region whose data plane
// has the account, like those of a root access key, but they are not one.
// They take none of the root user's access key slots (a new account's root
// user has none of its two keys used), ListAccessKeys does not list them,
// they do not expire, and no key's last use is recorded for them. The
// first call draws a key ID (OperatorKeyPrefix then 16 characters) and a
// 40-character secret from Config.Rand, as CreateAccessKey would; later
// calls return the same credentials. An account that does not exist is
// NoSuchEntity.
func (c *Cloud) OperatorCredentials(accountID string) (Credentials, error) {
	if c.Control().Accounts[accountID] == nil {
		return Credentials{}, &Error{Code: "NoSuchEntity", Message: "The account " + accountID + " does not exist."}
	}
	if creds, ok := c.operatorIssued[accountID]; ok {
		return creds, nil
	}
	id, err := account.NewAccessKeyID(c.rand)
	if err != nil {
		return Credentials{}, err
	}
	id = OperatorKeyPrefix + id[len(account.PrefixAccessKey):]
	secret, err := account.NewSecretAccessKey(c.rand)
	if err != nil {
		return Credentials{}, err
	}
	if c.operatorCreds == nil {
		c.operatorCreds, c.operatorIssued = map[string]operatorCreds{}, map[string]Credentials{}
	}
	creds := Credentials{AccessKeyID: id, SecretAccessKey: secret}
	c.operatorCreds[id] = operatorCreds{account: accountID, secretHash: sha256.Sum256([]byte(secret))}
	c.operatorIssued[accountID] = creds
	return creds, nil
}

// authenticateOperator authenticates operator credentials: ok is false
// when the key ID is not one of them.
func (c *Cloud) authenticateOperator(view *State, creds Credentials) (id *identity, ok bool, err error) {
	op, found := c.operatorCreds[creds.AccessKeyID]
	if !found {
		return nil, false, nil
	}
	secret := sha256.Sum256([]byte(creds.SecretAccessKey))
	if subtle.ConstantTimeCompare(secret[:], op.secretHash[:]) != 1 {
		return nil, true, &Error{Code: "SignatureDoesNotMatch", Message: "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."}
	}
	if creds.SessionToken != "" {
		return nil, true, invalidToken()
	}
	// The account reaches a region with the propagation of its creation.
	a := view.Accounts[op.account]
	if a == nil {
		return nil, true, invalidToken()
	}
	p := principal.Principal{Type: principal.Root, ARN: a.RootARN(), Account: op.account}
	caller := Caller{Principal: p, UniqueID: op.account, Via: "operator credentials"}
	if tags, err := a.PrincipalTags(p); err == nil {
		caller.Tags = fromAccountTags(tags)
	}
	return &identity{caller: caller}, true, nil
}
