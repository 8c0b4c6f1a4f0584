package account

import (
	"crypto/md5"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/pem"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"
)

// sshKey is an SSH public key for CodeCommit (id_credentials_ssh-keys.md).
type sshKey struct {
	id          string
	body        string
	fingerprint string
	status      Status
	uploaded    time.Time
}

// SSHPublicKey is an SSH public key of a user.
type SSHPublicKey struct {
	UserName         string
	SSHPublicKeyId   string
	Fingerprint      string
	SSHPublicKeyBody string `json:",omitempty"`
	Status           Status
	UploadDate       time.Time
}

func (k *sshKey) out(user string, body bool) SSHPublicKey {
	o := SSHPublicKey{UserName: user, SSHPublicKeyId: k.id, Fingerprint: k.fingerprint, Status: k.status, UploadDate: k.uploaded}
	if body {
		o.SSHPublicKeyBody = k.body
	}
	return o
}

// sshFingerprint reads an RSA public key in OpenSSH format ("ssh-rsa
// AAAA… comment") or PEM ("-----BEGIN PUBLIC KEY-----") and returns the
// MD5 fingerprint of its SSH wire encoding, as colon-separated hex.
func sshFingerprint(body string) (string, error) {
	body = strings.TrimSpace(body)
	var blob []byte
	switch {
	case strings.HasPrefix(body, "ssh-rsa "):
		fields := strings.Fields(body)
		b, err := base64.StdEncoding.DecodeString(fields[1])
		if err != nil {
			return "", errorf(ErrInvalidPublicKey, "The public key is not valid base64.")
		}
		if !validSSHRSABlob(b) {
			return "", errorf(ErrInvalidPublicKey, "The public key is malformed: it is not an ssh-rsa key.")
		}
		blob = b
	case strings.HasPrefix(body, "-----BEGIN"):
		block, _ := pem.Decode([]byte(body))
		if block == nil {
			return "", errorf(ErrInvalidPublicKey, "The public key is not a valid PEM block.")
		}
		k, err := x509.ParsePKIXPublicKey(block.Bytes)
		if err != nil {
			return "", errorf(ErrInvalidPublicKey, "The public key is malformed: %v.", err)
		}
		rk, ok := k.(*rsa.PublicKey)
		if !ok {
			return "", errorf(ErrInvalidPublicKey, "The public key is not an RSA key.")
		}
		blob = sshRSABlob(rk)
	default:
		return "", errorf(ErrUnrecognizedPublicKeyEncoding, "The public key encoding is not recognized: use ssh-rsa (OpenSSH) or PEM.")
	}
	sum := md5.Sum(blob)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02x", b)
	}
	return strings.Join(parts, ":"), nil
}

// validSSHRSABlob checks the SSH wire form of an RSA key: the string
// "ssh-rsa", then the exponent and the modulus as mpints, and nothing more.
func validSSHRSABlob(b []byte) bool {
	var fields [3][]byte
	for i := range fields {
		if len(b) < 4 {
			return false
		}
		n := binary.BigEndian.Uint32(b)
		if uint64(n) > uint64(len(b)-4) {
			return false
		}
		fields[i], b = b[4:4+n], b[4+n:]
	}
	return len(b) == 0 && string(fields[0]) == "ssh-rsa" && len(fields[1]) > 0 && len(fields[2]) > 0
}

func sshRSABlob(k *rsa.PublicKey) []byte {
	var out []byte
	put := func(b []byte) {
		out = binary.BigEndian.AppendUint32(out, uint32(len(b)))
		out = append(out, b...)
	}
	mpint := func(n *big.Int) []byte {
		b := n.Bytes()
		if len(b) > 0 && b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		return b
	}
	put([]byte("ssh-rsa"))
	put(mpint(big.NewInt(int64(k.E))))
	put(mpint(k.N))
	return out
}

// UploadSSHPublicKeyInput is UploadSSHPublicKey's request.
type UploadSSHPublicKeyInput struct {
	UserName         string
	SSHPublicKeyBody string
}

// SSHPublicKeyOutput is the response of UploadSSHPublicKey and
// GetSSHPublicKey.
type SSHPublicKeyOutput struct {
	SSHPublicKey SSHPublicKey
}

// UploadSSHPublicKey adds an active SSH public key (RSA, in OpenSSH or PEM
// form) to a user, at most Quotas.SSHPublicKeysPerUser (5). The same key
// twice is DuplicateSSHPublicKey.
func (a *Account) UploadSSHPublicKey(in UploadSSHPublicKeyInput) (*SSHPublicKeyOutput, error) {
	var c checks
	c.name(in.UserName, "userName", maxUserName)
	if c.length(in.SSHPublicKeyBody, "sSHPublicKeyBody", 1, 16384) && !inLatin1Text(in.SSHPublicKeyBody) {
		c.add(in.SSHPublicKeyBody, "sSHPublicKeyBody", "satisfy regular expression pattern: "+documentPattern)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	u, err := a.lookupUser(in.UserName, maxUserName)
	if err != nil {
		return nil, err
	}
	fp, err := sshFingerprint(in.SSHPublicKeyBody)
	if err != nil {
		return nil, err
	}
	if slices.ContainsFunc(u.ssh, func(k *sshKey) bool { return k.fingerprint == fp }) {
		return nil, errorf(ErrDuplicateSSHPublicKey, "The SSH public key is already associated with user %s.", u.name)
	}
	if len(u.ssh) >= a.s.quotas.SSHPublicKeysPerUser {
		return nil, quotaError("PublicKeysPerUser", a.s.quotas.SSHPublicKeysPerUser)
	}
	id, err := a.newID(PrefixPublicKey)
	if err != nil {
		return nil, err
	}
	k := &sshKey{id: id, body: in.SSHPublicKeyBody, fingerprint: fp, status: StatusActive, uploaded: a.now()}
	a.s.issued[id] = true
	u.ssh = append(slices.Clone(u.ssh), k)
	return &SSHPublicKeyOutput{SSHPublicKey: k.out(u.name, true)}, nil
}

// SSHPublicKeyInput names an SSH public key of a user.
type SSHPublicKeyInput struct {
	UserName       string
	SSHPublicKeyId string
}

func (a *Account) findSSH(in SSHPublicKeyInput) (*user, int, error) {
	var c checks
	c.name(in.UserName, "userName", maxUserName)
	if c.length(in.SSHPublicKeyId, "sSHPublicKeyId", 20, 128) && !validAccessKeyID(in.SSHPublicKeyId) {
		c.add(in.SSHPublicKeyId, "sSHPublicKeyId", "satisfy regular expression pattern: [\\w]+")
	}
	if err := c.err(); err != nil {
		return nil, 0, err
	}
	u, err := a.lookupUser(in.UserName, maxUserName)
	if err != nil {
		return nil, 0, err
	}
	i := slices.IndexFunc(u.ssh, func(k *sshKey) bool { return k.id == in.SSHPublicKeyId })
	if i < 0 {
		return nil, 0, errorf(ErrNoSuchEntity, "The Public Key with id %s cannot be found.", in.SSHPublicKeyId)
	}
	return u, i, nil
}

// GetSSHPublicKey returns an SSH public key, with its body as uploaded.
func (a *Account) GetSSHPublicKey(in SSHPublicKeyInput) (*SSHPublicKeyOutput, error) {
	u, i, err := a.findSSH(in)
	if err != nil {
		return nil, err
	}
	return &SSHPublicKeyOutput{SSHPublicKey: u.ssh[i].out(u.name, true)}, nil
}

// UpdateSSHPublicKeyInput is UpdateSSHPublicKey's request.
type UpdateSSHPublicKeyInput struct {
	UserName       string
	SSHPublicKeyId string
	Status         Status
}

// UpdateSSHPublicKey makes a key Active or Inactive.
func (a *Account) UpdateSSHPublicKey(in UpdateSSHPublicKeyInput) error {
	var c checks
	c.status(in.Status, "status")
	if err := c.err(); err != nil {
		return err
	}
	u, i, err := a.findSSH(SSHPublicKeyInput{UserName: in.UserName, SSHPublicKeyId: in.SSHPublicKeyId})
	if err != nil {
		return err
	}
	k := *u.ssh[i]
	k.status = in.Status
	u.ssh = slices.Clone(u.ssh)
	u.ssh[i] = &k
	return nil
}

// DeleteSSHPublicKey deletes an SSH public key.
func (a *Account) DeleteSSHPublicKey(in SSHPublicKeyInput) error {
	u, i, err := a.findSSH(in)
	if err != nil {
		return err
	}
	u.ssh = slices.Delete(slices.Clone(u.ssh), i, i+1)
	return nil
}

// ListSSHPublicKeysInput is ListSSHPublicKeys' request.
type ListSSHPublicKeysInput struct {
	UserName string
}

// ListSSHPublicKeysOutput is ListSSHPublicKeys' response: the keys without
// bodies.
type ListSSHPublicKeysOutput struct {
	SSHPublicKeys []SSHPublicKey
}

// ListSSHPublicKeys lists a user's SSH public keys.
func (a *Account) ListSSHPublicKeys(in ListSSHPublicKeysInput) (*ListSSHPublicKeysOutput, error) {
	u, err := a.lookupUser(in.UserName, maxUserName)
	if err != nil {
		return nil, err
	}
	out := &ListSSHPublicKeysOutput{SSHPublicKeys: []SSHPublicKey{}}
	for _, k := range u.ssh {
		out.SSHPublicKeys = append(out.SSHPublicKeys, k.out(u.name, false))
	}
	return out, nil
}
