package federation

// The SAML attributes AWS reads itself (id_roles_providers_create_saml_assertions.md).
// Their names are case-sensitive.
const (
	// AttrRole lists "roleArn,providerArn" pairs (either order): the roles
	// the IdP maps the user to.
	AttrRole = "https://aws.amazon.com/SAML/Attributes/Role"
	// AttrRoleSessionName is the role session name, [\w+=,.@-]{2,64}.
	AttrRoleSessionName = "https://aws.amazon.com/SAML/Attributes/RoleSessionName"
	// AttrSessionDuration is the requested session length in seconds, 900
	// to 43200.
	AttrSessionDuration = "https://aws.amazon.com/SAML/Attributes/SessionDuration"
	// AttrSourceIdentity is the source identity.
	AttrSourceIdentity = "https://aws.amazon.com/SAML/Attributes/SourceIdentity"
	// AttrPrincipalTagPrefix followed by a tag key names a session tag.
	AttrPrincipalTagPrefix = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:"
	// AttrTransitiveTagKeys lists the session tag keys that are transitive.
	AttrTransitiveTagKeys = "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys"
)

// SAMLAttributeKey returns the condition key an assertion attribute maps to,
// by the attribute's Name, and whether the key holds a list
// (id_roles_providers_create_saml_assertions.md, "Mapping SAML attributes to
// AWS trust policy context keys"; the key types are those of
// reference_policies_iam-condition-keys.md, where keys marked [] are lists).
// ok is false for an attribute that maps to no key.
//
// The user guide's X.500 table misspells three OIDs (2.4.5.42,
// 0.9.2342.19200300100.1.1 and 0.9.2342.19200300100.1.3); both the
// misspelled and the correct forms map. Its Active Directory table maps the
// primarygroupsid claim to uid, but the key list has saml:primaryGroupSID
// and nothing else would set it, so the claim maps to saml:primaryGroupSID.
func SAMLAttributeKey(name string) (key string, list bool, ok bool) {
	switch name {
	// eduPerson and eduOrg attributes.
	case "urn:oid:1.3.6.1.4.1.5923.1.1.1.1":
		return "saml:edupersonaffiliation", true, true
	case "urn:oid:1.3.6.1.4.1.5923.1.1.1.2":
		return "saml:edupersonnickname", true, true
	case "urn:oid:1.3.6.1.4.1.5923.1.1.1.3":
		return "saml:edupersonorgdn", false, true
	case "urn:oid:1.3.6.1.4.1.5923.1.1.1.4":
		return "saml:edupersonorgunitdn", true, true
	case "urn:oid:1.3.6.1.4.1.5923.1.1.1.5":
		return "saml:edupersonprimaryaffiliation", false, true
	case "urn:oid:1.3.6.1.4.1.5923.1.1.1.6":
		return "saml:edupersonprincipalname", false, true
	case "urn:oid:1.3.6.1.4.1.5923.1.1.1.7":
		return "saml:edupersonentitlement", true, true
	case "urn:oid:1.3.6.1.4.1.5923.1.1.1.8":
		return "saml:edupersonprimaryorgunitdn", false, true
	case "urn:oid:1.3.6.1.4.1.5923.1.1.1.9":
		return "saml:edupersonscopedaffiliation", true, true
	case "urn:oid:1.3.6.1.4.1.5923.1.1.1.10":
		return "saml:edupersontargetedid", true, true
	case "urn:oid:1.3.6.1.4.1.5923.1.1.1.11":
		return "saml:edupersonassurance", true, true
	case "urn:oid:1.3.6.1.4.1.5923.1.2.1.2":
		return "saml:eduorghomepageuri", true, true
	case "urn:oid:1.3.6.1.4.1.5923.1.2.1.3":
		return "saml:eduorgidentityauthnpolicyuri", true, true
	case "urn:oid:1.3.6.1.4.1.5923.1.2.1.4":
		return "saml:eduorglegalname", true, true
	case "urn:oid:1.3.6.1.4.1.5923.1.2.1.5":
		return "saml:eduorgsuperioruri", true, true
	case "urn:oid:1.3.6.1.4.1.5923.1.2.1.6":
		return "saml:eduorgwhitepagesuri", true, true
	case "urn:oid:2.5.4.3":
		return "saml:cn", true, true
	// Active Directory attributes.
	case "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name":
		return "saml:name", true, true
	case "http://schemas.xmlsoap.org/claims/CommonName":
		return "saml:commonName", true, true
	case "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname":
		return "saml:givenName", true, true
	case "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname":
		return "saml:surname", true, true
	case "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress":
		return "saml:mail", true, true
	case "http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid":
		return "saml:primaryGroupSID", true, true
	// X.500 attributes.
	case "2.5.4.3":
		return "saml:commonName", true, true
	case "2.5.4.4":
		return "saml:surname", true, true
	case "2.4.5.42", "2.5.4.42":
		return "saml:givenName", true, true
	case "2.5.4.45":
		return "saml:x500UniqueIdentifier", true, true
	case "0.9.2342.19200300100.1.1", "0.9.2342.19200300.100.1.1":
		return "saml:uid", true, true
	case "0.9.2342.19200300100.1.3", "0.9.2342.19200300.100.1.3":
		return "saml:mail", true, true
	case "0.9.2342.19200300.100.1.45":
		return "saml:organizationStatus", true, true
	}
	return "", false, false
}
