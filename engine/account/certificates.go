package account

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"slices"
	"time"
)

// signingCert is an X.509 signing certificate of a user.
type signingCert struct {
	id       string
	body     string
	sum      [sha256.Size]byte // of the DER, to find duplicates
	status   Status
	uploaded time.Time
}

// SigningCertificate is a signing certificate of a user.
type SigningCertificate struct {
	UserName        string
	CertificateId   string
	CertificateBody string
	Status          Status
	UploadDate      time.Time
}

func (c *signingCert) out(user string) SigningCertificate {
	return SigningCertificate{UserName: user, CertificateId: c.id, CertificateBody: c.body, Status: c.status, UploadDate: c.uploaded}
}

// UploadSigningCertificateInput is UploadSigningCertificate's request.
// This model keeps signing certificates for IAM users only: UserName is
// required.
type UploadSigningCertificateInput struct {
	UserName        string
	CertificateBody string
}

// SigningCertificateOutput is UploadSigningCertificate's response.
type SigningCertificateOutput struct {
	Certificate SigningCertificate
}

// UploadSigningCertificate adds an active X.509 certificate (PEM) to a
// user, at most Quotas.SigningCertsPerUser (2). A body that is not a
// certificate, or one that has expired, is MalformedCertificate; a
// certificate any user of the account has already is DuplicateCertificate.
func (a *Account) UploadSigningCertificate(in UploadSigningCertificateInput) (*SigningCertificateOutput, error) {
	var c checks
	c.name(in.UserName, "userName", maxExistingUserName)
	if c.length(in.CertificateBody, "certificateBody", 1, 16384) && !inLatin1Text(in.CertificateBody) {
		c.add(in.CertificateBody, "certificateBody", "satisfy regular expression pattern: "+documentPattern)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode([]byte(in.CertificateBody))
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, errorf(ErrMalformedCertificate, "Unable to parse certificate. Please ensure the certificate is in PEM format.")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, errorf(ErrMalformedCertificate, "Unable to parse certificate: %v.", err)
	}
	now := a.now()
	if now.After(cert.NotAfter) {
		return nil, errorf(ErrMalformedCertificate, "The certificate expired on %s.", cert.NotAfter.UTC().Format(time.RFC3339))
	}
	sum := sha256.Sum256(block.Bytes)
	for _, other := range a.s.users {
		if slices.ContainsFunc(other.certs, func(c *signingCert) bool { return c.sum == sum }) {
			return nil, errorf(ErrDuplicateCertificate, "The same certificate is already associated with an IAM user in the account.")
		}
	}
	if len(u.certs) >= a.s.quotas.SigningCertsPerUser {
		return nil, quotaError("CertificatesPerUser", a.s.quotas.SigningCertsPerUser)
	}
	id, err := a.newCertificateID()
	if err != nil {
		return nil, err
	}
	sc := &signingCert{id: id, body: in.CertificateBody, sum: sum, status: StatusActive, uploaded: now}
	a.s.issued[id] = true
	u.certs = append(slices.Clone(u.certs), sc)
	return &SigningCertificateOutput{Certificate: sc.out(u.name)}, nil
}

// SigningCertificateInput names a signing certificate of a user.
type SigningCertificateInput struct {
	UserName      string
	CertificateId string
}

func (a *Account) findCert(in SigningCertificateInput) (*user, int, error) {
	var c checks
	c.name(in.UserName, "userName", maxExistingUserName)
	if c.length(in.CertificateId, "certificateId", 24, 128) && !validAccessKeyID(in.CertificateId) {
		c.add(in.CertificateId, "certificateId", "satisfy regular expression pattern: [\\w]+")
	}
	if err := c.err(); err != nil {
		return nil, 0, err
	}
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return nil, 0, err
	}
	i := slices.IndexFunc(u.certs, func(c *signingCert) bool { return c.id == in.CertificateId })
	if i < 0 {
		return nil, 0, errorf(ErrNoSuchEntity, "The Certificate with id %s cannot be found.", in.CertificateId)
	}
	return u, i, nil
}

// UpdateSigningCertificateInput is UpdateSigningCertificate's request.
type UpdateSigningCertificateInput struct {
	UserName      string
	CertificateId string
	Status        Status
}

// UpdateSigningCertificate makes a certificate Active or Inactive.
func (a *Account) UpdateSigningCertificate(in UpdateSigningCertificateInput) error {
	var c checks
	c.status(in.Status, "status")
	if err := c.err(); err != nil {
		return err
	}
	u, i, err := a.findCert(SigningCertificateInput{UserName: in.UserName, CertificateId: in.CertificateId})
	if err != nil {
		return err
	}
	sc := *u.certs[i]
	sc.status = in.Status
	u.certs = slices.Clone(u.certs)
	u.certs[i] = &sc
	return nil
}

// DeleteSigningCertificate deletes a signing certificate.
func (a *Account) DeleteSigningCertificate(in SigningCertificateInput) error {
	u, i, err := a.findCert(in)
	if err != nil {
		return err
	}
	u.certs = slices.Delete(slices.Clone(u.certs), i, i+1)
	return nil
}

// ListSigningCertificatesInput is ListSigningCertificates' request.
type ListSigningCertificatesInput struct {
	UserName string
}

// ListSigningCertificatesOutput is ListSigningCertificates' response.
type ListSigningCertificatesOutput struct {
	Certificates []SigningCertificate
}

// ListSigningCertificates lists a user's signing certificates.
func (a *Account) ListSigningCertificates(in ListSigningCertificatesInput) (*ListSigningCertificatesOutput, error) {
	u, err := a.lookupUser(in.UserName, maxExistingUserName)
	if err != nil {
		return nil, err
	}
	out := &ListSigningCertificatesOutput{Certificates: []SigningCertificate{}}
	for _, sc := range u.certs {
		out.Certificates = append(out.Certificates, sc.out(u.name))
	}
	return out, nil
}

// newCertificateID draws a signing certificate ID never issued before: 28
// characters of [A-Z2-7], like TA7SMP42TDN5Z26OBPJE7EXAMPLE.
func (a *Account) newCertificateID() (string, error) {
	for range maxDraws {
		id, err := randomString(a.env.Rand, signingCertificateIDLen, base32Alphabet)
		if err != nil {
			return "", err
		}
		if !a.s.issued[id] {
			return id, nil
		}
	}
	return "", errorf(ErrServiceFailure, "could not draw an unused certificate ID in %d attempts: is the source of randomness constant?", maxDraws)
}
