// Package federation simulates the identity providers behind
// AssumeRoleWithWebIdentity and AssumeRoleWithSAML. It checks the token or
// assertion a caller presents against the provider registered in the
// account, and turns what the provider asserts into plain data — the
// subject, audience, session name, session tags, source identity — and the
// condition context keys AWS sets for the role's trust policy.
//
// The STS operations call it in two steps: [Verify] or [VerifySAML] to check
// the credential and get a [WebIdentity] or [SAMLIdentity], then that
// identity's ContextKeys to evaluate the trust policy, and SessionContextKeys
// for the keys that stay with the session. A [ContextKey] has the fields of
// eval.Entry in the same order, so eval.Entry(k) converts it.
//
// The package is pure Go and deterministic: it reads no clock, no files and
// no network. Every check takes the time as a time.Time, and the simulated
// identity providers ([NewIssuer], [NewSAMLIdP]) read their keys and IDs from
// an io.Reader the caller supplies, so the same reader mints the same
// tokens. Tokens and assertions are attacker-controlled: their sizes are
// bounded, XML DTDs are refused, JSON nesting is limited, keys that would
// make the crypto packages panic are refused, and every refusal is an
// [*Error] with STS's code and a message that says what is wrong. Nothing
// here panics on any input; fuzz tests hold it to that.
//
// # Web identity (OIDC)
//
// An [OIDCProvider] is an IAM OpenID Connect provider as IAM stores it — the
// account, URL, ClientIDList (audiences) and ThumbprintList — plus the
// provider's public signing keys ([Key]), which AWS fetches from the
// provider's jwks_uri and iamlab, being offline, is given. [ParseJWKS] reads a
// JWKS document into keys and [MarshalJWKS] writes one. Its [OIDCProvider.ARN]
// is arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH and [OIDCProvider.Principal]
// the name a trust policy's Principal Federated uses: the host for the
// providers AWS builds in (accounts.google.com,
// cognito-identity.amazonaws.com, graph.facebook.com, www.amazon.com), the
// ARN for any other (id_roles_create_for-idp_oidc.md).
//
// An [Issuer] is a simulated OIDC identity provider: [NewIssuer] makes one
// with a P-256 key from the reader, [Issuer.Token] mints a compact JWS with
// the header {"alg", "kid", "typ"} and the claims given (iss, iat and exp
// filled in when absent), and [Issuer.Keys] or [Issuer.JWKS] are what to
// register. [SessionTagsClaim] builds the https://aws.amazon.com/tags claim.
//
// [Verify] checks, in order: the token's length (the STS model's 4 to
// 20,000 characters, else ValidationError); three base64url parts with a
// JSON header and payload (no repeated member, at most 32 levels deep); an
// alg among [Algorithms], never "none" or an HMAC; that iss is the
// provider's URL; the signature, with the key the kid names; that sub, aud
// and exp are present; exp, nbf and iat against the time; that the audience
// is a client ID of the provider; and the source identity and session tag
// claims. [FindOIDCProvider] finds the account's provider by the token's
// iss, as AWS does.
//
// [WebIdentity.ContextKeys] gives the keys of
// reference_policies_iam-condition-keys.md ("Available keys for AWS web
// identity federation") and id_roles_providers_oidc_user-id.md: HOST:aud,
// HOST:sub, HOST:azp and HOST:amr for an IAM OIDC provider;
// cognito-identity.amazonaws.com:aud, :sub and :amr; accounts.google.com:aud,
// :oaud and :sub; graph.facebook.com:app_id and :id; www.amazon.com:app_id and
// :user_id; and, for the session tags (id_session-tags.md) and source
// identity (id_credentials_temp_control-access_monitor.md),
// aws:RequestTag/KEY, aws:TagKeys, sts:TransitiveTagKeys and
// sts:SourceIdentity.
//
// # SAML 2.0
//
// A [SAMLProvider] is an IAM SAML provider: its ARN
// (arn:aws:iam::ACCOUNT:saml-provider/NAME) and what its metadata says — the
// IdP's entity ID, its signing keys and when the metadata expires.
// [NewSAMLProvider] makes one from a metadata document, as
// CreateSAMLProvider does. A [SAMLIdP] is a simulated IdP: [NewSAMLIdP] makes
// one with an Ed25519 key, [SAMLIdP.Metadata] writes its metadata document
// (an EntityDescriptor with a self-signed certificate for the key),
// [SAMLIdP.Provider] is its registration, and [SAMLIdP.Assertion] mints a
// base64 SAML Response holding one Assertion: Issuer; Subject with the NameID
// (Format, NameQualifier) and a bearer SubjectConfirmation (Recipient,
// NotOnOrAfter); Conditions (NotBefore, NotOnOrAfter, an AudienceRestriction
// to https://signin.aws.amazon.com/saml); an AuthnStatement; and an
// AttributeStatement with the AWS attributes (Role, RoleSessionName,
// SessionDuration, SourceIdentity, PrincipalTag:KEY, TransitiveTagKeys) and
// any others ([AssertionInput]).
//
// [VerifySAML] checks, in order: the length (4 to 100,000 characters, else
// ValidationError); base64 (line breaks allowed); well-formed XML with no DTD,
// no processing instruction but the XML declaration, and a SAML 2.0 Response
// root; a Success status; exactly one Assertion, not encrypted; the
// signature; the Issuer against the provider's entity ID and the metadata's
// expiry; the Assertion's Version and IssueInstant; one Subject with one
// NameID; exactly one bearer SubjectConfirmation whose
// SubjectConfirmationData has a Recipient that is an AWS sign-in endpoint and
// a NotOnOrAfter (id_roles_providers_create_saml_assertions.md); the
// Conditions' window and audience; that the Role attribute pairs the
// requested role with this provider, in either order; and the
// RoleSessionName, SessionDuration, SourceIdentity and session tag
// attributes.
//
// [SAMLIdentity.ContextKeys] gives the keys of "Available keys for
// SAML-based AWS STS federation": saml:aud (the Recipient, not the Audience),
// saml:iss, saml:sub, saml:sub_type ([SubjectType]), saml:namequalifier
// ([NameQualifier]), saml:doc (ACCOUNT/NAME), the saml: keys of the eduPerson,
// eduOrg, Active Directory and X.500 attributes ([SAMLAttributeKey]),
// sts:RoleSessionName, and the session tag and source identity keys.
//
// # The signature: a simplification
//
// Real IdPs sign assertions with XML Signature (XML-DSig): a ds:Signature
// element inside the Assertion, over its exclusive canonical form, checked
// with the X.509 certificate of the provider's metadata. iamlab does not
// implement XML-DSig or canonicalization. Instead a [SAMLIdP] signs the exact
// bytes of the Assertion element with Ed25519 and carries the signature
// beside it, in the Response, as
//
//	<iamlab:AssertionSignature xmlns:iamlab="urn:iamlab:saml:signature"
//	    Algorithm="urn:iamlab:saml:ed25519-assertion-bytes">BASE64</iamlab:AssertionSignature>
//
// and [VerifySAML] checks it against the provider's Ed25519 keys. Any change
// to the Assertion's bytes — even white space — breaks the signature, where
// XML-DSig would forgive what canonicalization erases. The claims are read
// from the signed bytes alone, parsed on their own, so nothing outside them
// (another Assertion elsewhere in the Response, a namespace declared on the
// Response) can change what they say; the Assertion must declare the SAML
// namespace itself. A ds:Signature in a real IdP's response is ignored, so
// real responses fail with "Response signature invalid": only assertions
// minted by a [SAMLIdP] (or signed the same way) verify.
//
// # Errors
//
// Every error is an [*Error] with an [ErrorCode] usable with errors.Is, a
// message, and the claim, element or attribute to blame (Error.Claim). The
// codes are STS's, with AWS's wording where the user guide quotes it
// (troubleshoot_saml.md, the ExpiredTokenException message):
//
//   - [ErrValidation]: the token or response breaks the STS model's length.
//   - [ErrInvalidIdentityToken]: malformed, wrongly signed, the wrong issuer
//     or audience, or an invalid claim or attribute.
//   - [ErrExpiredToken]: past exp or NotOnOrAfter.
//   - [ErrIDPRejectedClaim]: the IdP's SAML status is not Success, or the
//     credential is not valid yet (nbf, iat, NotBefore, IssueInstant).
//   - [ErrIDPCommunicationError]: an OIDC provider with no keys, as when AWS
//     cannot fetch the JWKS.
//   - [ErrAccessDenied]: the assertion does not pair the role with the
//     provider, or has no NameID ("Not authorized to perform
//     sts:AssumeRoleWithSAML").
//   - [ErrInvalidInput]: a provider registration or metadata document that
//     breaks IAM's rules, or a simulated IdP used without its constructor.
//   - [ErrServiceFailure]: the random source of a simulated IdP failed.
//
// [ErrMalformedPolicyDocument] is defined for the STS operations, which share
// these errors; tokens carry no policy, so this package never returns it.
//
// # Choices where AWS's documentation is silent
//
//   - Clock skew: [Leeway] is 5 minutes, on both sides of every window:
//     exp and NotOnOrAfter are accepted until 5 minutes after, nbf, iat,
//     NotBefore and IssueInstant from 5 minutes before. The
//     AuthnStatement's SessionNotOnOrAfter gets no leeway: it caps the
//     session, not the assertion.
//   - Issuer normalization: iss matches the provider URL with or without
//     https:// (case-insensitive scheme); the host and path must match
//     exactly, case and trailing slash included.
//   - Algorithms: RS256, RS384, RS512, ES256, ES384 and ES512, as the STS
//     model lists. EdDSA (Ed25519) is accepted too, as an iamlab extension
//     AWS would refuse. A key with an Algorithm verifies only that alg, and
//     a key's type must fit the alg, so a token cannot choose how its key
//     is read. [NewIssuer] uses ES256 because AWS accepts it and because
//     Go, since 1.26, makes RSA keys only from its own randomness; an RSA
//     issuer takes a key made once ([NewIssuerWithKey]).
//   - Keys: a token with a kid is checked only with the key of that kid;
//     without one, with every key of the provider that fits its alg. Header
//     parameters that point at keys (jku, jwk, x5u, x5c) are never used,
//     and a crit header is refused.
//   - Required claims: iss, sub, aud and exp; iat and nbf are optional.
//     NumericDates must be integers (the STS model), from 0 to the year
//     9999.
//   - Audience: for Google, the azp when the token has one, else the aud
//     (as accounts.google.com:aud is documented); for every other provider,
//     any aud. The built-in providers need no IAM entity in AWS; in iamlab
//     their ClientIDList may be empty, which accepts any audience and leaves
//     it to the trust policy. An IAM OIDC provider needs at least one client
//     ID.
//   - Thumbprints: iamlab makes no TLS connection, so ThumbprintList is
//     checked for form (0 to 5 SHA-1 fingerprints of 40 hex digits) and
//     otherwise unused.
//   - Facebook and Login with Amazon use OAuth 2.0 access tokens, not JWTs;
//     iamlab simulates them as JWTs whose iss is the provider's host.
//   - Multivalued claims: an aud that is an array gives a stringList key
//     (access-analyzer-reference-policy-checks.md, "Confirm audience claim
//     type"); amr is always a stringList; azp gets a HOST:azp key for any
//     provider but Google, whose azp is its :aud.
//   - Session tags in a token: principal_tags maps each key to an array of
//     exactly one string, as id_session-tags.md shows; a bare string is
//     refused, so learners write what AWS documents. Members other than
//     principal_tags and transitive_tag_keys are refused. Tags follow IAM's
//     rules (50 at most, keys of 1 to 128 and values of up to 256 letters,
//     numbers, spaces and _ . : / = + - @, no aws: prefix, keys unique
//     regardless of case); a transitive tag key must be the key of a tag
//     passed with it. Tags come out sorted by key (JSON objects have no
//     order); SAML's keep the assertion's order.
//   - Cognito: the cross-service keys (SessionContextKeys) stay only for an
//     authenticated user, as the user guide says they are "available when
//     the user is authenticated".
//   - aws:FederatedProvider: the provider's Principal name — the host of a
//     built-in provider, the ARN of an IAM OIDC or SAML provider.
//   - sts:RoleSessionName is set for SAML, whose session name comes from the
//     assertion; for web identity it is a request parameter, the STS
//     operation's business.
//   - SAML audience: at least one AudienceRestriction is required and each
//     must include AWS — an AWS sign-in SAML endpoint or the entity ID of
//     AWS's SAML metadata, urn:amazon:webservices (with its China and
//     GovCloud forms). The Recipient must be an AWS sign-in endpoint:
//     https://signin.aws.amazon.com/saml, its /static/saml form, a regional
//     https://REGION.signin.aws.amazon.com/saml, or the China and GovCloud
//     endpoints.
//   - SAML attribute values, the NameID, Issuer and Audience have their
//     leading and trailing white space trimmed.
//   - An attribute named https://aws.amazon.com/SAML/Attributes/… may appear
//     once (a second RoleSessionName would be ambiguous); each of
//     RoleSessionName, SessionDuration and SourceIdentity must have one
//     value, and each PrincipalTag one value. For other attributes the
//     first one mapped to a key wins ("only one claim will be mapped"), and
//     a key that is not a list takes the first value. Attributes map by
//     their Name only, never their FriendlyName.
//   - A Role value that is not a role ARN and a SAML provider ARN separated
//     by a comma is InvalidIdentityToken; a well-formed Role attribute that
//     does not pair the requested role with this provider is AccessDenied.
//     ARNs compare exactly, case included.
//   - saml:sub_type without a NameID Format is SAML's default,
//     urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified. The NameID's
//     own NameQualifier attribute is kept as data but is not
//     saml:namequalifier, which AWS computes as Base64(SHA1(issuer +
//     account + "/" + name)) — the pseudocode of id_roles_providers_saml.md
//     and the STS model, which the condition-key reference words differently.
//   - Attribute mapping: the user guide's tables misspell three X.500 OIDs
//     (both spellings map) and map the AD primarygroupsid claim to uid
//     where the key list has saml:primaryGroupSID (it maps to
//     saml:primaryGroupSID). Key types follow the key list, where keys
//     marked [] are lists.
//   - SessionDuration must be an integer from 900 to 43200; the STS
//     operation takes the smaller of it, DurationSeconds and
//     SessionNotOnOrAfter.
//   - SAML provider metadata: the keys are Ed25519, carried in X.509
//     certificates in the metadata document; AWS wants RSA certificates of
//     at least 1024 bits, which iamlab's signature cannot use, so
//     [NewSAMLProvider] refuses them. Only signing KeyDescriptors (use
//     "signing" or no use) count. The EntityDescriptor's validUntil is the
//     metadata's expiry, after which assertions are refused; the
//     certificates' own validity periods are not checked, as IAM's
//     documentation does not say it checks them.
package federation
