package account

import (
	"crypto/sha256"
	"crypto/subtle"
	"slices"
	"time"
)

// Status is the status of an access key, SSH public key or signing
// certificate.
type Status string

// The statuses.
const (
	StatusActive   Status = "Active"
	StatusInactive Status = "Inactive"
)

// rootUser is the account's root user: credentials only, no policies.
type rootUser struct {
	login *loginProfile
	keys  []*accessKey
}

// keyOwner says whose an access key or MFA device is: the root user, or a
// user by folded name.
type keyOwner struct {
	root bool
	user string
}

// accessKey is a long-term access key (id_credentials_access-keys.md). The
// secret is kept only as its SHA-256: it is 40 random characters, so a
// fast hash is enough to make it unrecoverable.
type accessKey struct {
	id          string
	secret      [sha256.Size]byte
	status      Status
	created     time.Time
	lastUsed    time.Time
	lastService string
	lastRegion  string
}

// AccessKey is CreateAccessKey's key, the one time its secret is shown.
type AccessKey struct {
	UserName        string // "" for the root user
	AccessKeyId     string
	Status          Status
	SecretAccessKey string
	CreateDate      time.Time
}

// AccessKeyMetadata is an access key without its secret.
type AccessKeyMetadata struct {
	UserName    string
	AccessKeyId string
	Status      Status
	CreateDate  time.Time
}

// keysOf returns the key list of a user, or of the root user for "", and
// the owner. A user name that names nobody is NoSuchEntity.
func (a *Account) keysOf(userName string) (*[]*accessKey, keyOwner, string, error) {
	if userName == "" {
		return &a.s.root.keys, keyOwner{root: true}, "", nil
	}
	u, err := a.lookupUser(userName, maxExistingUserName)
	if err != nil {
		return nil, keyOwner{}, "", err
	}
	return &u.keys, keyOwner{user: fold(u.name)}, u.name, nil
}

// CreateAccessKeyInput is CreateAccessKey's request. An empty UserName
// means the root user: IAM takes the user from the caller's credentials,
// and a caller with root credentials gets a root key.
type CreateAccessKeyInput struct {
	UserName string
}

// CreateAccessKeyOutput is CreateAccessKey's response.
type CreateAccessKeyOutput struct {
	AccessKey AccessKey
}

// CreateAccessKey creates an active access key: an AKIA key ID and a
// 40-character secret drawn from Env.Rand. The secret is in the response
// and nowhere else, ever. A user, and the root user, have at most
// Quotas.AccessKeysPerUser (2) keys.
func (a *Account) CreateAccessKey(in CreateAccessKeyInput) (*CreateAccessKeyOutput, error) {
	keys, owner, name, err := a.keysOf(in.UserName)
	if err != nil {
		return nil, err
	}
	if len(*keys) >= a.s.quotas.AccessKeysPerUser {
		return nil, quotaError("AccessKeysPerUser", a.s.quotas.AccessKeysPerUser)
	}
	id, err := a.newAccessKeyID()
	if err != nil {
		return nil, err
	}
	secret, err := NewSecretAccessKey(a.env.Rand)
	if err != nil {
		return nil, err
	}
	k := &accessKey{id: id, secret: sha256.Sum256([]byte(secret)), status: StatusActive, created: a.now()}
	a.s.issued[id] = true
	a.s.keys[id] = owner
	*keys = append(slices.Clone(*keys), k)
	return &CreateAccessKeyOutput{AccessKey: AccessKey{UserName: name, AccessKeyId: id, Status: StatusActive, SecretAccessKey: secret, CreateDate: k.created}}, nil
}

// findKey finds an access key of a user (or the root user).
func (a *Account) findKey(userName, keyID string) (*[]*accessKey, int, error) {
	var c checks
	if userName != "" {
		c.name(userName, "userName", maxExistingUserName)
	}
	c.accessKeyID(keyID, "accessKeyId")
	if err := c.err(); err != nil {
		return nil, 0, err
	}
	keys, _, _, err := a.keysOf(userName)
	if err != nil {
		return nil, 0, err
	}
	i := slices.IndexFunc(*keys, func(k *accessKey) bool { return k.id == keyID })
	if i < 0 {
		return nil, 0, errorf(ErrNoSuchEntity, "The Access Key with id %s cannot be found.", keyID)
	}
	return keys, i, nil
}

// UpdateAccessKeyInput is UpdateAccessKey's request.
type UpdateAccessKeyInput struct {
	UserName    string
	AccessKeyId string
	Status      Status
}

// UpdateAccessKey makes a key Active or Inactive.
func (a *Account) UpdateAccessKey(in UpdateAccessKeyInput) error {
	var c checks
	c.status(in.Status, "status")
	if err := c.err(); err != nil {
		return err
	}
	keys, i, err := a.findKey(in.UserName, in.AccessKeyId)
	if err != nil {
		return err
	}
	k := *(*keys)[i]
	k.status = in.Status
	list := slices.Clone(*keys)
	list[i] = &k
	*keys = list
	return nil
}

// DeleteAccessKeyInput is DeleteAccessKey's request.
type DeleteAccessKeyInput struct {
	UserName    string
	AccessKeyId string
}

// DeleteAccessKey deletes an access key.
func (a *Account) DeleteAccessKey(in DeleteAccessKeyInput) error {
	keys, i, err := a.findKey(in.UserName, in.AccessKeyId)
	if err != nil {
		return err
	}
	delete(a.s.keys, in.AccessKeyId)
	*keys = slices.Delete(slices.Clone(*keys), i, i+1)
	return nil
}

// ListAccessKeysInput is ListAccessKeys' request; "" is the root user.
type ListAccessKeysInput struct {
	UserName string
}

// ListAccessKeysOutput is ListAccessKeys' response.
type ListAccessKeysOutput struct {
	AccessKeyMetadata []AccessKeyMetadata
}

// ListAccessKeys lists a user's keys, in creation order, without secrets.
func (a *Account) ListAccessKeys(in ListAccessKeysInput) (*ListAccessKeysOutput, error) {
	keys, _, name, err := a.keysOf(in.UserName)
	if err != nil {
		return nil, err
	}
	out := &ListAccessKeysOutput{AccessKeyMetadata: []AccessKeyMetadata{}}
	for _, k := range *keys {
		out.AccessKeyMetadata = append(out.AccessKeyMetadata, AccessKeyMetadata{UserName: name, AccessKeyId: k.id, Status: k.status, CreateDate: k.created})
	}
	return out, nil
}

// AccessKeyOwner is whose an access key is.
type AccessKeyOwner struct {
	Root     bool   // the account's root user
	UserName string // the IAM user's name; "" for the root user
	UserId   string // the user's unique ID; the account ID for the root user
	Arn      string // the user's ARN, or arn:aws:iam::ACCOUNT:root
	Status   Status
}

// lookupKey finds an access key anywhere in the account.
func (a *Account) lookupKey(keyID string) (*accessKey, AccessKeyOwner, bool) {
	o, ok := a.s.keys[keyID]
	if !ok {
		return nil, AccessKeyOwner{}, false
	}
	var keys []*accessKey
	var owner AccessKeyOwner
	if o.root {
		keys = a.s.root.keys
		owner = AccessKeyOwner{Root: true, UserId: a.s.id, Arn: a.RootARN()}
	} else {
		u := a.s.users[o.user]
		if u == nil {
			return nil, AccessKeyOwner{}, false
		}
		keys = u.keys
		owner = AccessKeyOwner{UserName: u.name, UserId: u.id, Arn: u.arn}
	}
	for _, k := range keys {
		if k.id == keyID {
			owner.Status = k.status
			return k, owner, true
		}
	}
	return nil, AccessKeyOwner{}, false
}

// LookupAccessKey says whose an access key is; NoSuchEntity if it is
// nobody's in this account.
func (a *Account) LookupAccessKey(keyID string) (AccessKeyOwner, error) {
	_, owner, ok := a.lookupKey(keyID)
	if !ok {
		return AccessKeyOwner{}, errorf(ErrNoSuchEntity, "The Access Key with id %s cannot be found.", keyID)
	}
	return owner, nil
}

// KeyCheck is the outcome of presenting an access key and secret.
type KeyCheck uint8

// The outcomes.
const (
	// KeyUnknown: no such access key in the account.
	KeyUnknown KeyCheck = iota
	// KeyWrongSecret: the key exists, the secret does not match.
	KeyWrongSecret
	// KeyInactive: the secret matches but the key is Inactive.
	KeyInactive
	// KeyValid: an active key with its secret.
	KeyValid
)

func (k KeyCheck) String() string {
	switch k {
	case KeyWrongSecret:
		return "WrongSecret"
	case KeyInactive:
		return "Inactive"
	case KeyValid:
		return "Valid"
	}
	return "Unknown"
}

// MarshalText gives the String form.
func (k KeyCheck) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// VerifyAccessKey checks a presented access key ID and secret, comparing
// the secret's hash in constant time. The owner is returned only with
// KeyValid or KeyInactive, when the secret matched.
func (a *Account) VerifyAccessKey(keyID, secret string) (AccessKeyOwner, KeyCheck) {
	sum := sha256.Sum256([]byte(secret))
	k, owner, ok := a.lookupKey(keyID)
	if !ok {
		var zero [sha256.Size]byte
		subtle.ConstantTimeCompare(sum[:], zero[:])
		return AccessKeyOwner{}, KeyUnknown
	}
	if subtle.ConstantTimeCompare(sum[:], k.secret[:]) != 1 {
		return AccessKeyOwner{}, KeyWrongSecret
	}
	if k.status != StatusActive {
		return owner, KeyInactive
	}
	return owner, KeyValid
}

// AccessKeyLastUsed is when, where and with which service a key was last
// used. Before any use LastUsedDate is nil and the others are "N/A", as in
// IAM.
type AccessKeyLastUsed struct {
	LastUsedDate *time.Time `json:",omitempty"`
	ServiceName  string
	Region       string
}

// GetAccessKeyLastUsedInput is GetAccessKeyLastUsed's request.
type GetAccessKeyLastUsedInput struct {
	AccessKeyId string
}

// GetAccessKeyLastUsedOutput is GetAccessKeyLastUsed's response; UserName
// is "" for a root key.
type GetAccessKeyLastUsedOutput struct {
	UserName          string
	AccessKeyLastUsed AccessKeyLastUsed
}

// GetAccessKeyLastUsed reports a key's last use.
func (a *Account) GetAccessKeyLastUsed(in GetAccessKeyLastUsedInput) (*GetAccessKeyLastUsedOutput, error) {
	var c checks
	c.accessKeyID(in.AccessKeyId, "accessKeyId")
	if err := c.err(); err != nil {
		return nil, err
	}
	k, owner, ok := a.lookupKey(in.AccessKeyId)
	if !ok {
		return nil, errorf(ErrNoSuchEntity, "The Access Key with id %s cannot be found.", in.AccessKeyId)
	}
	out := &GetAccessKeyLastUsedOutput{UserName: owner.UserName, AccessKeyLastUsed: AccessKeyLastUsed{ServiceName: "N/A", Region: "N/A"}}
	if !k.lastUsed.IsZero() {
		t := k.lastUsed
		out.AccessKeyLastUsed = AccessKeyLastUsed{LastUsedDate: &t, ServiceName: k.lastService, Region: k.lastRegion}
	}
	return out, nil
}

// RecordAccessKeyUseInput says a key was used at a time, with a service, in
// a Region.
type RecordAccessKeyUseInput struct {
	AccessKeyId string
	Time        time.Time
	ServiceName string
	Region      string
}

// RecordAccessKeyUse records a use of an access key, for the request
// simulation to call. A use earlier than the one recorded is ignored.
func (a *Account) RecordAccessKeyUse(in RecordAccessKeyUseInput) error {
	k, _, ok := a.lookupKey(in.AccessKeyId)
	if !ok {
		return errorf(ErrNoSuchEntity, "The Access Key with id %s cannot be found.", in.AccessKeyId)
	}
	if in.Time.Before(k.lastUsed) {
		return nil
	}
	k.lastUsed, k.lastService, k.lastRegion = in.Time.UTC(), in.ServiceName, in.Region
	return nil
}
