// Package awserr is the error an AWS API answers with: a code such as
// AccessDenied or ValidationError, and a message. Packages that speak for
// AWS's APIs (sts, cloud) return it, so callers test the code one way:
//
//	if errors.Is(err, awserr.New("AccessDenied", "")) { … }
package awserr

import "fmt"

// Error is an AWS API error.
type Error struct {
	Code    string
	Message string
}

// New makes an error with a code and a message.
func New(code, message string) *Error { return &Error{Code: code, Message: message} }

// Newf makes an error with a code and a formatted message.
func Newf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Is matches by code an *Error target that has no message, so an error
// with only a code serves as a sentinel.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Code == e.Code
}
