package condition

import (
	"errors"
	"strconv"
)

// The sentinel errors. Every error of this package wraps one of them, so a
// caller can test the kind with errors.Is.
var (
	// ErrUnknownOperator: the operator name is not one IAM knows (IAM
	// rejects such a policy as MalformedPolicyDocument).
	ErrUnknownOperator = errors.New("unknown condition operator")
	// ErrBadKey: the condition key is not of the form prefix:name.
	ErrBadKey = errors.New("malformed condition key")
	// ErrBadValue: a condition value cannot be read as the operator's type.
	ErrBadValue = errors.New("invalid condition value")
)

// NameError is an operator name that [ParseName] cannot read.
type NameError struct {
	Name string // the name as written
	Msg  string // what is wrong
}

func (e *NameError) Error() string { return e.Msg }

// Unwrap returns [ErrUnknownOperator].
func (e *NameError) Unwrap() error { return ErrUnknownOperator }

// KeyError is a condition key that is not of the form prefix:name.
type KeyError struct {
	Key string // the key as written
	Msg string // what is wrong
}

func (e *KeyError) Error() string {
	return "condition key " + quoteShort(e.Key) + ": " + e.Msg
}

// Unwrap returns [ErrBadKey].
func (e *KeyError) Unwrap() error { return ErrBadKey }

// ValueError is a condition value that cannot be read as the operator's
// type, or a policy variable where the operator allows none.
type ValueError struct {
	Op    Operator // the operator (zero for a plugin operator)
	Index int      // the value's index in the condition's list of values; -1 for the values as a whole
	Value string   // the value as written
	Msg   string   // what is wrong
}

func (e *ValueError) Error() string {
	if e.Index < 0 {
		return e.Msg
	}
	return "value [" + strconv.Itoa(e.Index) + "] " + quoteShort(e.Value) + ": " + e.Msg
}

// ValueIndex returns the index of the bad value, so a policy parser can
// point at it.
func (e *ValueError) ValueIndex() int { return e.Index }

// Unwrap returns [ErrBadValue].
func (e *ValueError) Unwrap() error { return ErrBadValue }

// maxQuoted bounds how much of an input an error message quotes.
const maxQuoted = 64

// quoteShort quotes s, cut to maxQuoted bytes (on a rune boundary).
func quoteShort(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	cut := maxQuoted
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return strconv.Quote(s[:cut]) + "..."
}
