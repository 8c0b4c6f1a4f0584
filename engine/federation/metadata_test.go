package federation

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// id_roles_providers_create_saml.md: a SAML provider is created from the
// IdP's metadata document: issuer name, expiry and signing keys.
func TestMetadataRoundTrip(t *testing.T) {
	idp := newSAMLIdP(t, idpEntity, 1)
	doc, err := idp.Metadata(t0, t0.Add(365*24*time.Hour))
	require.NoError(t, err)
	again, err := idp.Metadata(t0, t0.Add(365*24*time.Hour))
	require.NoError(t, err)
	assert.Equal(t, doc, again, "the document is deterministic")

	p, err := NewSAMLProvider(samlARN, doc)
	require.NoError(t, err)
	assert.Equal(t, samlARN, p.ARN)
	assert.Equal(t, idpEntity, p.EntityID)
	assert.Equal(t, t0.Add(365*24*time.Hour), p.ValidUntil)
	require.Len(t, p.SigningKeys, 1)
	assert.Equal(t, idp.PublicKey(), p.SigningKeys[0])

	_, err = VerifySAML(p, samlRoleARN, assertion(t, idp, goodInput()), t0)
	require.NoError(t, err)
	// Once the metadata expires, its assertions are refused.
	_, err = VerifySAML(p, samlRoleARN, assertion(t, idp, goodInput()), t0.Add(366*24*time.Hour))
	requireCode(t, err, ErrInvalidIdentityToken, "")

	// Without an end, the default lifetime.
	doc, err = idp.Metadata(t0, time.Time{})
	require.NoError(t, err)
	p, err = NewSAMLProvider(samlARN, doc)
	require.NoError(t, err)
	assert.Equal(t, t0.Add(DefaultMetadataLifetime), p.ValidUntil)

	// A long entity ID is cut to fit the certificate's common name.
	long := newSAMLIdP(t, "https://idp.example.com/"+strings.Repeat("x", 80), 2)
	doc, err = long.Metadata(t0, time.Time{})
	require.NoError(t, err)
	p, err = NewSAMLProvider(samlARN, doc)
	require.NoError(t, err)
	assert.Equal(t, long.EntityID(), p.EntityID)
}

func TestNewSAMLProviderFailures(t *testing.T) {
	idp := newSAMLIdP(t, idpEntity, 1)
	doc, err := idp.Metadata(t0, time.Time{})
	require.NoError(t, err)
	pad := "<!--" + strings.Repeat(" ", 1000) + "-->"

	rsaKey := testRSAKey(t)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "rsa-idp"}, NotBefore: t0, NotAfter: t0.Add(time.Hour)}
	rsaDER, err := x509.CreateCertificate(nil, tmpl, tmpl, rsaKey.Public(), rsaKey)
	require.NoError(t, err)
	cert := doc[strings.Index(doc, "<ds:X509Certificate>")+len("<ds:X509Certificate>") : strings.Index(doc, "</ds:X509Certificate>")]

	cases := []struct {
		name, arn, doc string
		code           ErrorCode
		msg            string
	}{
		{"too short", samlARN, "<x/>", ErrValidation, "between 1000 and 10000000"},
		{"byte order mark", samlARN, "\xef\xbb\xbf" + doc, ErrInvalidInput, "byte order mark"},
		{"DOCTYPE", samlARN, `<!DOCTYPE x [<!ENTITY e "e">]>` + pad + `<x/>`, ErrInvalidInput, "DOCTYPE"},
		{"not XML", samlARN, pad + "<md:EntityDescriptor", ErrInvalidInput, "Could not parse metadata"},
		{"wrong root", samlARN, pad + `<EntityDescriptor entityID="x"/>`, ErrInvalidInput, "not an EntityDescriptor"},
		{"no IdP descriptor", samlARN, strings.Replace(strings.Replace(doc, "md:IDPSSODescriptor ", "md:SPSSODescriptor ", 1), "</md:IDPSSODescriptor>", "</md:SPSSODescriptor>", 1), ErrInvalidInput, "no IDPSSODescriptor"},
		{"encryption key only", samlARN, strings.Replace(doc, `use="signing"`, `use="encryption"`, 1), ErrInvalidInput, "no signing certificate"},
		{"certificate not base64", samlARN, strings.Replace(doc, cert, "***", 1), ErrInvalidInput, "not base64"},
		{"certificate garbage", samlARN, strings.Replace(doc, cert, "AAAA", 1), ErrInvalidInput, "cannot be parsed"},
		{"RSA certificate", samlARN, strings.Replace(doc, cert, base64.StdEncoding.EncodeToString(rsaDER), 1), ErrInvalidInput, "only Ed25519"},
		{"validUntil garbage", samlARN, strings.Replace(doc, `validUntil="`, `validUntil="x`, 1), ErrInvalidInput, "xs:dateTime"},
		{"no entity ID", samlARN, strings.Replace(doc, `entityID="`+idpEntity+`"`, "", 1), ErrInvalidInput, "entity ID"},
		{"bad ARN", "arn:aws:iam::123456789012:role/X", doc, ErrInvalidInput, "saml-provider/NAME"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			if tc.code != ErrValidation {
				doc += "\n" + pad // keep the document above IAM's minimum length
			}
			p, err := NewSAMLProvider(tc.arn, doc)
			assert.Nil(t, p)
			e := requireCode(t, err, tc.code, "")
			assert.Contains(t, e.Message, tc.msg)
		})
	}
}
