package federation

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The SAML elements VerifySAML reads, in the assertion namespace.
type xmlText struct {
	Value string `xml:",chardata"`
}

type xmlAssertion struct {
	XMLName             xml.Name
	ID                  string                  `xml:"ID,attr"`
	Version             string                  `xml:"Version,attr"`
	IssueInstant        string                  `xml:"IssueInstant,attr"`
	Issuers             []xmlText               `xml:"urn:oasis:names:tc:SAML:2.0:assertion Issuer"`
	Subjects            []xmlSubject            `xml:"urn:oasis:names:tc:SAML:2.0:assertion Subject"`
	Conditions          []xmlConditions         `xml:"urn:oasis:names:tc:SAML:2.0:assertion Conditions"`
	AuthnStatements     []xmlAuthnStatement     `xml:"urn:oasis:names:tc:SAML:2.0:assertion AuthnStatement"`
	AttributeStatements []xmlAttributeStatement `xml:"urn:oasis:names:tc:SAML:2.0:assertion AttributeStatement"`
}

type xmlSubject struct {
	NameIDs       []xmlNameID              `xml:"urn:oasis:names:tc:SAML:2.0:assertion NameID"`
	Confirmations []xmlSubjectConfirmation `xml:"urn:oasis:names:tc:SAML:2.0:assertion SubjectConfirmation"`
}

type xmlNameID struct {
	Format          string `xml:"Format,attr"`
	NameQualifier   string `xml:"NameQualifier,attr"`
	SPNameQualifier string `xml:"SPNameQualifier,attr"`
	Value           string `xml:",chardata"`
}

type xmlSubjectConfirmation struct {
	Method string                       `xml:"Method,attr"`
	Data   []xmlSubjectConfirmationData `xml:"urn:oasis:names:tc:SAML:2.0:assertion SubjectConfirmationData"`
}

type xmlSubjectConfirmationData struct {
	NotBefore    string `xml:"NotBefore,attr"`
	NotOnOrAfter string `xml:"NotOnOrAfter,attr"`
	Recipient    string `xml:"Recipient,attr"`
}

type xmlConditions struct {
	NotBefore            string                   `xml:"NotBefore,attr"`
	NotOnOrAfter         string                   `xml:"NotOnOrAfter,attr"`
	AudienceRestrictions []xmlAudienceRestriction `xml:"urn:oasis:names:tc:SAML:2.0:assertion AudienceRestriction"`
}

type xmlAudienceRestriction struct {
	Audiences []xmlText `xml:"urn:oasis:names:tc:SAML:2.0:assertion Audience"`
}

type xmlAuthnStatement struct {
	SessionNotOnOrAfter string `xml:"SessionNotOnOrAfter,attr"`
}

type xmlAttributeStatement struct {
	Attributes []xmlAttribute `xml:"urn:oasis:names:tc:SAML:2.0:assertion Attribute"`
}

type xmlAttribute struct {
	Name         string    `xml:"Name,attr"`
	FriendlyName string    `xml:"FriendlyName,attr"`
	Values       []xmlText `xml:"urn:oasis:names:tc:SAML:2.0:assertion AttributeValue"`
}

type xmlStatus struct {
	Code xmlStatusCode `xml:"urn:oasis:names:tc:SAML:2.0:protocol StatusCode"`
}

type xmlStatusCode struct {
	Value string         `xml:"Value,attr"`
	Sub   *xmlStatusCode `xml:"urn:oasis:names:tc:SAML:2.0:protocol StatusCode"`
}

type xmlSignature struct {
	Algorithm string `xml:"Algorithm,attr"`
	Value     string `xml:",chardata"`
}

// response is a SAML Response as read from XML, before any check.
type response struct {
	issuers  []string
	statuses []xmlStatus
	// assertions holds the exact bytes of each Assertion element: what the
	// signature covers, and all that VerifySAML reads claims from.
	assertions [][]byte
	encrypted  int
	signatures []xmlSignature
}

// parseResponse reads a SAML Response. It refuses DTDs and other directives
// (so no entity can be declared, let alone expanded), processing
// instructions other than the XML declaration, and character data outside
// the root element. For each Assertion it keeps the element's exact bytes,
// which the signature covers; decodeAssertion reads them.
func parseResponse(data []byte) (*response, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var r response
	depth := 0
	seenRoot := false
	for {
		before := d.InputOffset()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, xmlError(err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, errors.New("the XML has a <!DOCTYPE> or other directive, which SAML does not allow")
		case xml.ProcInst:
			if t.Target != "xml" || seenRoot || before != 0 {
				return nil, fmt.Errorf("the XML has a processing instruction <?%s?>, which is not allowed", t.Target)
			}
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return nil, errors.New("the XML has text outside its root element")
			}
		case xml.StartElement:
			switch {
			case depth == 0:
				if seenRoot {
					return nil, errors.New("the XML has more than one root element")
				}
				if t.Name.Space != NSProtocol || t.Name.Local != "Response" {
					return nil, fmt.Errorf("the root element is %s, not a SAML 2.0 Response (%s Response)", xmlName(t.Name), NSProtocol)
				}
				seenRoot = true
				depth++
			default: // a child of the Response, which child reads whole
				if err := r.child(d, data, t, before); err != nil {
					return nil, err
				}
			}
		case xml.EndElement:
			depth--
		}
	}
	if !seenRoot {
		return nil, errors.New("the XML has no root element")
	}
	return &r, nil
}

// child reads one child element of the Response.
func (r *response) child(d *xml.Decoder, data []byte, t xml.StartElement, start int64) error {
	var err error
	switch t.Name {
	case xml.Name{Space: NSAssertion, Local: "Issuer"}:
		var v xmlText
		err = d.DecodeElement(&v, &t)
		r.issuers = append(r.issuers, v.Value)
	case xml.Name{Space: NSProtocol, Local: "Status"}:
		var v xmlStatus
		err = d.DecodeElement(&v, &t)
		r.statuses = append(r.statuses, v)
	case xml.Name{Space: NSAssertion, Local: "Assertion"}:
		err = d.Skip()
		end := d.InputOffset()
		if err == nil && (start < 0 || end < start || end > int64(len(data))) {
			err = errors.New("cannot locate the Assertion's bytes")
		}
		if err == nil {
			r.assertions = append(r.assertions, data[start:end])
		}
	case xml.Name{Space: NSAssertion, Local: "EncryptedAssertion"}:
		r.encrypted++
		err = d.Skip()
	case xml.Name{Space: NSSignature, Local: "AssertionSignature"}:
		var v xmlSignature
		err = d.DecodeElement(&v, &t)
		r.signatures = append(r.signatures, v)
	default:
		err = d.Skip()
	}
	if err != nil {
		return xmlError(err)
	}
	return nil
}

// decodeAssertion reads a signed Assertion from its own bytes alone, so
// that nothing outside the signature — a namespace declared on the Response,
// say — can change what it means. The Assertion must therefore declare the
// SAML assertion namespace itself, as IdPs do.
func decodeAssertion(b []byte) (xmlAssertion, error) {
	var a xmlAssertion
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	if err := d.Decode(&a); err != nil {
		return a, xmlError(err)
	}
	if a.XMLName.Space != NSAssertion || a.XMLName.Local != "Assertion" {
		return a, fmt.Errorf("the signed Assertion must declare its namespace itself (xmlns:saml=%q on the Assertion element)", NSAssertion)
	}
	return a, nil
}

func xmlName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + " " + n.Local
}

// xmlError words an encoding/xml error for the message.
func xmlError(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("the XML is not well-formed: line %d: %s", se.Line, se.Msg)
	}
	return fmt.Errorf("the XML cannot be read: %v", err)
}

// trimXML trims XML white space (space, tab, CR, LF) from both ends.
func trimXML(s string) string { return strings.Trim(s, " \t\r\n") }
