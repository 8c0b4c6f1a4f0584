package federation

import (
	"bytes"
	"crypto/ed25519"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/big"
	"time"
)

// NSMetadata and NSXMLDSig are the namespaces of a SAML metadata document and
// of the KeyInfo inside it.
const (
	NSMetadata = "urn:oasis:names:tc:SAML:2.0:metadata"
	NSXMLDSig  = "http://www.w3.org/2000/09/xmldsig#"
)

// The length of a SAML metadata document (IAM's SAMLMetadataDocumentType).
const (
	minMetadataLength = 1000
	MaxMetadataLength = 10000000
)

// DefaultMetadataLifetime is how long the metadata of [SAMLIdP.Metadata] and
// its certificate are valid when no end is given.
const DefaultMetadataLifetime = 10 * 365 * 24 * time.Hour

// Metadata returns the IdP's SAML metadata document, what CreateSAMLProvider
// takes: an EntityDescriptor for the entity ID, valid until validUntil (now
// + [DefaultMetadataLifetime] when zero), with an IDPSSODescriptor whose
// signing KeyDescriptor holds a self-signed X.509 certificate for the IdP's
// Ed25519 key, valid from now to validUntil. The certificate is
// deterministic: the same IdP and times give the same document.
//
// AWS takes RSA certificates of at least 1024 bits; iamlab's are Ed25519,
// for the signature iamlab uses instead of XML-DSig (see the package
// documentation).
func (idp *SAMLIdP) Metadata(now, validUntil time.Time) (string, error) {
	if !idp.ready() {
		return "", errNotReady("SAMLIdP")
	}
	if validUntil.IsZero() {
		validUntil = now.Add(DefaultMetadataLifetime)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          new(big.Int).SetBytes(idp.PublicKey()[:16]),
		Subject:               pkix.Name{CommonName: idp.entityID},
		NotBefore:             now.UTC().Truncate(time.Second),
		NotAfter:              validUntil.UTC().Truncate(time.Second),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
	}
	if len(idp.entityID) > 64 {
		tmpl.Subject.CommonName = idp.entityID[:64] // the X.509 upper bound
	}
	der, err := x509.CreateCertificate(nil, tmpl, tmpl, idp.PublicKey(), idp.key)
	if err != nil {
		return "", &Error{Code: ErrServiceFailure, Message: "making the metadata certificate: " + err.Error(), Err: err}
	}
	var w xmlWriter
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.open("md:EntityDescriptor", "xmlns:md", NSMetadata, "xmlns:ds", NSXMLDSig, "entityID", idp.entityID, "validUntil", xmlTime(validUntil))
	w.open("md:IDPSSODescriptor", "protocolSupportEnumeration", "urn:oasis:names:tc:SAML:2.0:protocol")
	w.open("md:KeyDescriptor", "use", "signing")
	w.open("ds:KeyInfo")
	w.open("ds:X509Data")
	w.leaf("ds:X509Certificate", base64.StdEncoding.EncodeToString(der))
	w.close("ds:X509Data")
	w.close("ds:KeyInfo")
	w.close("md:KeyDescriptor")
	w.leaf("md:NameIDFormat", NameIDPersistent)
	w.leaf("md:NameIDFormat", NameIDTransient)
	w.empty("md:SingleSignOnService", "Binding", "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect", "Location", idp.entityID+"/sso")
	w.close("md:IDPSSODescriptor")
	w.close("md:EntityDescriptor")
	return w.String(), nil
}

type xmlEntityDescriptor struct {
	XMLName    xml.Name
	EntityID   string                `xml:"entityID,attr"`
	ValidUntil string                `xml:"validUntil,attr"`
	IDPs       []xmlIDPSSODescriptor `xml:"urn:oasis:names:tc:SAML:2.0:metadata IDPSSODescriptor"`
}

type xmlIDPSSODescriptor struct {
	Keys []xmlKeyDescriptor `xml:"urn:oasis:names:tc:SAML:2.0:metadata KeyDescriptor"`
}

type xmlKeyDescriptor struct {
	Use          string    `xml:"use,attr"`
	Certificates []xmlText `xml:"http://www.w3.org/2000/09/xmldsig# KeyInfo>X509Data>X509Certificate"`
}

// NewSAMLProvider creates the IAM SAML provider arn
// (arn:aws:iam::ACCOUNT:saml-provider/NAME) from an IdP's metadata document,
// as CreateSAMLProvider does: it reads the entity ID, the validUntil, and
// the signing certificates. The document must be UTF-8 without a byte order
// mark, 1,000 to 10,000,000 characters, with no DTD, and its certificates
// must parse (Go's parser refuses repeated extensions, as IAM does). iamlab
// verifies only Ed25519 signatures, so a certificate for another kind of key
// is refused. Errors are ErrInvalidInput, "Could not parse metadata" and
// why.
func NewSAMLProvider(arn, metadata string) (*SAMLProvider, error) {
	fail := func(why string) error {
		return newError(ErrInvalidInput, "", "Could not parse metadata: "+why)
	}
	if n := len(metadata); n < minMetadataLength || n > MaxMetadataLength {
		return nil, newError(ErrValidation, "", fmt.Sprintf("1 validation error detected: Value at 'sAMLMetadataDocument' failed to satisfy constraint: Member must have length between %d and %d, got %d", minMetadataLength, MaxMetadataLength, n))
	}
	if bytes.HasPrefix([]byte(metadata), []byte("\xef\xbb\xbf")) {
		return nil, fail("the document starts with a byte order mark; save it as UTF-8 without one")
	}
	if err := checkNoDirectives([]byte(metadata)); err != nil {
		return nil, fail(err.Error())
	}
	var ed xmlEntityDescriptor
	d := xml.NewDecoder(bytes.NewReader([]byte(metadata)))
	d.Strict = true
	if err := d.Decode(&ed); err != nil {
		return nil, fail(xmlError(err).Error())
	}
	if ed.XMLName.Space != NSMetadata || ed.XMLName.Local != "EntityDescriptor" {
		return nil, fail("the root element is " + xmlName(ed.XMLName) + ", not an EntityDescriptor (" + NSMetadata + ")")
	}
	p := &SAMLProvider{ARN: arn, EntityID: trimXML(ed.EntityID)}
	if ed.ValidUntil != "" {
		t, e := parseXMLTime(ed.ValidUntil, "validUntil")
		if e != nil {
			return nil, fail(e.Message)
		}
		p.ValidUntil = t
	}
	if len(ed.IDPs) == 0 {
		return nil, fail("the EntityDescriptor has no IDPSSODescriptor")
	}
	for _, idp := range ed.IDPs {
		for _, kd := range idp.Keys {
			if kd.Use != "" && kd.Use != "signing" {
				continue
			}
			for _, c := range kd.Certificates {
				der, err := base64.StdEncoding.DecodeString(stripSpace(c.Value))
				if err != nil {
					return nil, fail("an X509Certificate is not base64")
				}
				cert, err := x509.ParseCertificate(der)
				if err != nil {
					return nil, fail("an X509Certificate cannot be parsed: " + err.Error())
				}
				k, ok := cert.PublicKey.(ed25519.PublicKey)
				if !ok {
					return nil, fail(fmt.Sprintf("the certificate for %q holds a key of type %s; iamlab verifies only Ed25519 signatures (see the federation package documentation)", cert.Subject.CommonName, cert.PublicKeyAlgorithm))
				}
				p.SigningKeys = append(p.SigningKeys, k)
			}
		}
	}
	if len(p.SigningKeys) == 0 {
		return nil, fail("the IDPSSODescriptor has no signing certificate")
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// checkNoDirectives refuses a document with a DTD or another directive, so
// no entity can be declared.
func checkNoDirectives(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		tok, err := d.RawToken()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return xmlError(err)
		}
		if _, ok := tok.(xml.Directive); ok {
			return errors.New("the document has a <!DOCTYPE> or other directive, which is not allowed")
		}
	}
}
