package federation

import (
	"strings"
	"unicode/utf8"
)

// ErrorCode is an AWS error code, such as "InvalidIdentityToken". It is itself
// an error, so the constants below serve as sentinels for errors.Is:
//
//	if errors.Is(err, federation.ErrExpiredToken) { ... }
//
// The codes and HTTP statuses of the STS errors are those of the STS API
// model (AssumeRoleWithWebIdentity and AssumeRoleWithSAML).
type ErrorCode string

const (
	// ErrInvalidIdentityToken: the token or assertion could not be read or
	// trusted: it is malformed, its signature does not verify, its issuer or
	// audience is not the registered provider's, or a claim AWS reads
	// (RoleSessionName, SourceIdentity, session tags …) is not valid.
	ErrInvalidIdentityToken ErrorCode = "InvalidIdentityToken"
	// ErrExpiredToken: the token or assertion is past its expiry (exp,
	// NotOnOrAfter), beyond [Leeway].
	ErrExpiredToken ErrorCode = "ExpiredTokenException"
	// ErrIDPRejectedClaim: the identity provider said no. A SAML response
	// whose Status is not Success, and a token or assertion that is not valid
	// yet (nbf, iat, NotBefore or IssueInstant in the future beyond
	// [Leeway]).
	ErrIDPRejectedClaim ErrorCode = "IDPRejectedClaim"
	// ErrIDPCommunicationError: the provider's signing keys could not be
	// fetched. iamlab is offline, so this means an OIDC provider was
	// registered with no keys at all: its JWKS endpoint "did not answer".
	ErrIDPCommunicationError ErrorCode = "IDPCommunicationError"
	// ErrAccessDenied: the SAML assertion does not map the user to the
	// requested role and provider, or has no Subject NameID
	// (troubleshoot_saml.md, "Not authorized to perform
	// sts:AssumeRoleWithSAML").
	ErrAccessDenied ErrorCode = "AccessDenied"
	// ErrMalformedPolicyDocument: a session policy is malformed. Tokens and
	// assertions carry no policy, so this package never returns it; the
	// code is here for the STS operations that share these errors.
	ErrMalformedPolicyDocument ErrorCode = "MalformedPolicyDocument"
	// ErrValidation: a request parameter breaks its shape's length
	// constraint in the STS model (WebIdentityToken 4 to 20,000 characters,
	// SAMLAssertion 4 to 100,000). The message follows AWS's "1 validation
	// error detected" form.
	ErrValidation ErrorCode = "ValidationError"
	// ErrInvalidInput: a provider registration breaks IAM's rules (a URL
	// that is not https, a client ID too long, a thumbprint that is not 40
	// hex digits …), as CreateOpenIDConnectProvider and CreateSAMLProvider
	// would refuse it.
	ErrInvalidInput ErrorCode = "InvalidInput"
	// ErrServiceFailure: the random source failed while minting.
	ErrServiceFailure ErrorCode = "ServiceFailure"
)

// Error returns the code itself.
func (c ErrorCode) Error() string { return string(c) }

// HTTPStatus returns the HTTP status AWS answers with for the code (from the
// STS and IAM API models), or 400 for a code this package does not know.
func (c ErrorCode) HTTPStatus() int {
	switch c {
	case ErrIDPRejectedClaim, ErrAccessDenied:
		return 403
	case ErrServiceFailure:
		return 500
	default:
		return 400
	}
}

// Error is the error every function in this package returns: an AWS error
// code, a message that says what is wrong, and, when one is to blame, the
// claim or SAML attribute (Claim: "exp", "aud",
// "https://aws.amazon.com/SAML/Attributes/RoleSessionName", "Conditions" …).
// Err, when set, is the underlying cause.
//
// errors.Is(err, code) reports whether err carries that [ErrorCode];
// errors.As(err, &e) gives the code, message and claim.
type Error struct {
	Code    ErrorCode
	Message string
	Claim   string
	Err     error
}

// Error returns "Code: Message".
func (e *Error) Error() string {
	if e.Message == "" {
		return string(e.Code)
	}
	return string(e.Code) + ": " + e.Message
}

// Is reports whether target is e's [ErrorCode].
func (e *Error) Is(target error) bool {
	c, ok := target.(ErrorCode)
	return ok && c == e.Code
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// maxMessage bounds a message, which may echo attacker-controlled input.
const maxMessage = 1000

// newError makes an error whose message and claim are valid UTF-8 and
// bounded, whatever input they quote.
func newError(code ErrorCode, claim, msg string) *Error {
	return &Error{Code: code, Claim: clean(claim), Message: clean(msg)}
}

func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) > maxMessage {
		cut := maxMessage
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func invalidToken(claim, msg string) *Error { return newError(ErrInvalidIdentityToken, claim, msg) }
