package org

import "fmt"

// Code is an AWS Organizations error code: the exception's name, as
// Organizations' JSON protocol reports it. It is an error itself, for
// errors.Is.
type Code string

// The error codes.
const (
	ErrAccountNotFound             Code = "AccountNotFoundException"
	ErrOrganizationalUnitNotFound  Code = "OrganizationalUnitNotFoundException"
	ErrParentNotFound              Code = "ParentNotFoundException"
	ErrSourceParentNotFound        Code = "SourceParentNotFoundException"
	ErrDestinationParentNotFound   Code = "DestinationParentNotFoundException"
	ErrTargetNotFound              Code = "TargetNotFoundException"
	ErrPolicyNotFound              Code = "PolicyNotFoundException"
	ErrChildNotFound               Code = "ChildNotFoundException"
	ErrDuplicateAccount            Code = "DuplicateAccountException"
	ErrDuplicateOrganizationalUnit Code = "DuplicateOrganizationalUnitException"
	ErrDuplicatePolicy             Code = "DuplicatePolicyException"
	ErrDuplicatePolicyAttachment   Code = "DuplicatePolicyAttachmentException"
	ErrPolicyNotAttached           Code = "PolicyNotAttachedException"
	ErrPolicyInUse                 Code = "PolicyInUseException"
	ErrOrganizationalUnitNotEmpty  Code = "OrganizationalUnitNotEmptyException"
	ErrConstraintViolation         Code = "ConstraintViolationException"
	ErrMalformedPolicyDocument     Code = "MalformedPolicyDocumentException"
	ErrMasterCannotLeave           Code = "MasterCannotLeaveOrganizationException"
	ErrInvalidInput                Code = "InvalidInputException"
	ErrAccessDenied                Code = "AccessDeniedException"
	ErrService                     Code = "ServiceException"
)

// The reasons of a ConstraintViolationException used here.
const (
	ReasonOUDepthLimitExceeded      = "OU_DEPTH_LIMIT_EXCEEDED"
	ReasonOUNumberLimitExceeded     = "OU_NUMBER_LIMIT_EXCEEDED"
	ReasonMaxPolicyTypeAttachment   = "MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
	ReasonMinPolicyTypeAttachment   = "MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED"
	ReasonPolicyContentLimit        = "POLICY_CONTENT_LIMIT_EXCEEDED"
	ReasonPolicyNumberLimitExceeded = "POLICY_NUMBER_LIMIT_EXCEEDED"
)

// Error returns the code.
func (c Code) Error() string { return string(c) }

// Error is what every operation returns when it fails: a code, for a
// ConstraintViolationException its reason, and a message.
type Error struct {
	Code    Code
	Reason  string
	Message string
	Err     error
}

// Error returns "Code: Message" (with the reason in parentheses).
func (e *Error) Error() string {
	s := string(e.Code)
	if e.Reason != "" {
		s += " (" + e.Reason + ")"
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
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

func constraint(reason, format string, args ...any) *Error {
	return &Error{Code: ErrConstraintViolation, Reason: reason, Message: fmt.Sprintf(format, args...)}
}
