package account

import (
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/engine/mfa"
)

// Code is an IAM error code, such as "NoSuchEntity". It is itself an error,
// so the constants serve as sentinels for errors.Is:
//
//	if errors.Is(err, account.ErrNoSuchEntity) { … }
type Code string

// The error codes, with the names and meanings of IAM's API model
// (iam.json). ValidationError is what AWS answers when a parameter breaks
// the length or pattern constraint of its shape.
const (
	ErrNoSuchEntity                  Code = "NoSuchEntity"
	ErrEntityAlreadyExists           Code = "EntityAlreadyExists"
	ErrLimitExceeded                 Code = "LimitExceeded"
	ErrMalformedPolicyDocument       Code = "MalformedPolicyDocument"
	ErrDeleteConflict                Code = "DeleteConflict"
	ErrInvalidInput                  Code = "InvalidInput"
	ErrValidation                    Code = "ValidationError"
	ErrPasswordPolicyViolation       Code = "PasswordPolicyViolation"
	ErrUnmodifiableEntity            Code = "UnmodifiableEntity"
	ErrEntityTemporarilyUnmodifiable Code = "EntityTemporarilyUnmodifiable"
	ErrPolicyNotAttachable           Code = "PolicyNotAttachable"
	ErrInvalidUserType               Code = "InvalidUserType"
	ErrInvalidAuthenticationCode     Code = "InvalidAuthenticationCode"
	ErrDuplicateSSHPublicKey         Code = "DuplicateSSHPublicKey"
	ErrInvalidPublicKey              Code = "InvalidPublicKey"
	ErrUnrecognizedPublicKeyEncoding Code = "UnrecognizedPublicKeyEncoding"
	ErrDuplicateCertificate          Code = "DuplicateCertificate"
	ErrMalformedCertificate          Code = "MalformedCertificate"
	ErrServiceFailure                Code = "ServiceFailure"
)

// Error returns the code itself.
func (c Code) Error() string { return string(c) }

// HTTPStatus is the HTTP status IAM answers the code with (iam.json), or
// 400 for a code it does not list.
func (c Code) HTTPStatus() int {
	switch c {
	case ErrNoSuchEntity:
		return 404
	case ErrInvalidAuthenticationCode:
		return 403
	case ErrEntityAlreadyExists, ErrLimitExceeded, ErrDeleteConflict, ErrEntityTemporarilyUnmodifiable, ErrDuplicateCertificate:
		return 409
	case ErrServiceFailure:
		return 500
	}
	return 400
}

// Error is what every operation of the package returns when it fails: an
// IAM error code and a message worded like AWS's ("The user with name bob
// cannot be found."). Err, when set, is the cause: the [policy.ErrorList]
// of a MalformedPolicyDocument, or the random source's error.
//
// errors.Is(err, code) reports whether err carries that [Code].
type Error struct {
	Code    Code
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

// Is reports whether target is e's [Code].
func (e *Error) Is(target error) bool {
	c, ok := target.(Code)
	return ok && c == e.Code
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

func errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// fromMFA turns an error of engine/mfa into an *Error with the same code.
func fromMFA(err error) error {
	if err == nil {
		return nil
	}
	if e, ok := err.(*mfa.Error); ok {
		return &Error{Code: Code(e.Code), Message: e.Message, Err: e.Err}
	}
	return &Error{Code: ErrServiceFailure, Message: err.Error(), Err: err}
}

// violation is one broken shape constraint of a request parameter.
type violation struct {
	value, member, constraint string
	secret                    bool // a password: never echoed
}

// checks collects the violations of a request's parameters, so a request
// is refused once with all of them, as AWS does.
type checks struct {
	vs []violation
}

func (c *checks) add(value, member, constraint string) {
	c.vs = append(c.vs, violation{value: value, member: member, constraint: constraint})
}

// addSecret records a violation without the value, as AWS does for
// passwords.
func (c *checks) addSecret(member, constraint string) {
	c.vs = append(c.vs, violation{member: member, constraint: constraint, secret: true})
}

// err returns AWS's "N validation error(s) detected: …" as a
// ValidationError, or nil.
func (c *checks) err() error {
	if len(c.vs) == 0 {
		return nil
	}
	var b strings.Builder
	if len(c.vs) == 1 {
		b.WriteString("1 validation error detected: ")
	} else {
		fmt.Fprintf(&b, "%d validation errors detected: ", len(c.vs))
	}
	for i, v := range c.vs {
		if i > 0 {
			b.WriteString("; ")
		}
		if v.secret {
			fmt.Fprintf(&b, "Value at '%s' failed to satisfy constraint: Member must %s", v.member, v.constraint)
			continue
		}
		val := v.value
		if n := 0; len(val) > 128 {
			for i := range val {
				if n == 128 {
					val = val[:i] + "…"
					break
				}
				n++
			}
		}
		fmt.Fprintf(&b, "Value '%s' at '%s' failed to satisfy constraint: Member must %s", val, v.member, v.constraint)
	}
	return &Error{Code: ErrValidation, Message: b.String()}
}
