package abi

import (
	"errors"
	"strconv"
)

// The kinds of failure both hosts report. Every [*Error] of a host wraps
// one of them, or a kind of that host's own (a closed host, an operator
// that runs elsewhere).
var (
	// ErrABI: the module does not follow the plugin ABI: it is not
	// WebAssembly, lacks an export or has one with the wrong signature,
	// imports what the host does not give, declares another ABI version or
	// bad operator names, or is loaded under a bad name.
	ErrABI = errors.New("the module does not follow the iamlab plugin ABI v1")
	// ErrConflict: a plugin declares an operator another loaded plugin
	// already provides, or its name is taken.
	ErrConflict = errors.New("the operator is already provided")
	// ErrDeadline: a call did not finish within its deadline.
	ErrDeadline = errors.New("the plugin ran out of time")
	// ErrMemory: the plugin ran out of memory under the host's limit.
	ErrMemory = errors.New("the plugin ran out of memory")
	// ErrTrap: the plugin trapped or exited (a Go panic, an unreachable
	// instruction, an out-of-bounds access …).
	ErrTrap = errors.New("the plugin trapped")
	// ErrAnswer: the plugin's answer is not one the ABI allows, or points
	// outside its memory.
	ErrAnswer = errors.New("the plugin gave a malformed answer")
	// ErrReported: the plugin answered with an error of its own ("the
	// request value is not a CIDR range").
	ErrReported = errors.New("the plugin reported an error")
)

// Error is a failure of a plugin, or of loading one.
type Error struct {
	Plugin string // the name the plugin was loaded under
	Kind   error  // one of the kinds of failure
	Msg    string // what happened
}

func (e *Error) Error() string {
	if e.Plugin == "" {
		return e.Msg
	}
	return "plugin " + strconv.Quote(e.Plugin) + ": " + e.Msg
}

// Unwrap returns the kind of failure.
func (e *Error) Unwrap() error { return e.Kind }

// ValueError is a policy value a plugin refused when it validated a
// condition's values. It wraps [ErrReported].
type ValueError struct {
	Plugin string
	Index  int // the refused value's index in the condition's values
	Msg    string
}

func (e *ValueError) Error() string { return e.Msg }

// ValueIndex names the refused value, for the policy parser.
func (e *ValueError) ValueIndex() int { return e.Index }

// Unwrap returns [ErrReported].
func (e *ValueError) Unwrap() error { return ErrReported }
