package policy

import (
	"cmp"
	"errors"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/engine/jsonpos"
)

// ErrMalformed is wrapped by every [*Error]: it is IAM's
// MalformedPolicyDocument.
var ErrMalformed = errors.New("MalformedPolicyDocument")

// Error is one problem in a policy document.
type Error struct {
	Source string           // the document's name, e.g. a file name; may be empty
	Pos    jsonpos.Position // where the problem is
	Path   string           // the JSON path of the element, e.g. Statement[1].Effect; empty for the whole document
	Msg    string
}

// Error formats the error as "source:line:col path: message".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Source != "" {
		b.WriteString(e.Source)
		b.WriteByte(':')
	}
	b.WriteString(e.Pos.String())
	if e.Path != "" {
		b.WriteByte(' ')
		b.WriteString(e.Path)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap makes every Error an [ErrMalformed].
func (e *Error) Unwrap() error { return ErrMalformed }

// ErrorList is a list of errors sorted by position.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap gives the errors for errors.Is and errors.As.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

func (l ErrorList) sort() {
	slices.SortStableFunc(l, func(a, b *Error) int { return cmp.Compare(a.Pos.Offset, b.Pos.Offset) })
}

// Err returns the list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
