package mfa

// ErrorCode is an AWS error code, such as "InvalidAuthenticationCode". It is
// itself an error, so the constants below serve as sentinels for errors.Is:
//
//	if errors.Is(err, mfa.ErrInvalidAuthenticationCode) { ... }
//
// The codes and their HTTP statuses are those of the IAM API model
// (EnableMFADevice, ResyncMFADevice, DeactivateMFADevice,
// DeleteVirtualMFADevice, CreateVirtualMFADevice and ListMFADevices), plus
// ValidationError, which AWS returns when a parameter breaks its shape's
// length or pattern constraint.
type ErrorCode string

const (
	// ErrInvalidAuthenticationCode: the authentication code was not
	// recognised, was already used, or the two codes were not consecutive.
	ErrInvalidAuthenticationCode ErrorCode = "InvalidAuthenticationCode"
	// ErrEntityAlreadyExists: the device is already enabled for a user.
	ErrEntityAlreadyExists ErrorCode = "EntityAlreadyExists"
	// ErrNoSuchEntity: the device does not exist (it was deleted), or is not
	// enabled for the named user.
	ErrNoSuchEntity ErrorCode = "NoSuchEntity"
	// ErrDeleteConflict: the device is still enabled for a user.
	ErrDeleteConflict ErrorCode = "DeleteConflict"
	// ErrLimitExceeded: an account quota would be exceeded. This package
	// never returns it; the account model does (see [MaxDevicesPerUser]).
	ErrLimitExceeded ErrorCode = "LimitExceeded"
	// ErrEntityTemporarilyUnmodifiable: the user was deleted and recreated
	// recently. This package never returns it; the account model may.
	ErrEntityTemporarilyUnmodifiable ErrorCode = "EntityTemporarilyUnmodifiable"
	// ErrInvalidInput: a value is out of range, such as a Base32 seed that
	// does not decode or TOTP parameters that make no sense.
	ErrInvalidInput ErrorCode = "InvalidInput"
	// ErrValidation: a request parameter breaks the length or pattern
	// constraint of its shape, such as an authentication code that is not
	// six digits. The message follows AWS's "1 validation error detected"
	// form.
	ErrValidation ErrorCode = "ValidationError"
	// ErrServiceFailure: the random source failed while creating a device.
	ErrServiceFailure ErrorCode = "ServiceFailure"
)

// Error returns the code itself.
func (c ErrorCode) Error() string { return string(c) }

// HTTPStatus returns the HTTP status AWS answers with for the code (from the
// IAM API model), or 400 for a code this package does not know.
func (c ErrorCode) HTTPStatus() int {
	switch c {
	case ErrInvalidAuthenticationCode:
		return 403
	case ErrNoSuchEntity:
		return 404
	case ErrEntityAlreadyExists, ErrDeleteConflict, ErrLimitExceeded, ErrEntityTemporarilyUnmodifiable:
		return 409
	case ErrServiceFailure:
		return 500
	default:
		return 400
	}
}

// Error is the error every function in this package returns: an AWS error
// code and a message saying what is wrong. Err, when set, is the underlying
// cause (for example the random source's error).
//
// errors.Is(err, code) reports whether err carries that [ErrorCode];
// errors.As(err, &e) gives the code and message.
type Error struct {
	Code    ErrorCode
	Message string
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

func newError(code ErrorCode, msg string) *Error {
	return &Error{Code: code, Message: msg}
}
