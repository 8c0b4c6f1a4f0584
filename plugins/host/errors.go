package host

import (
	"errors"

	"github.com/iamlab/iamlab/plugins/abi"
)

// The sentinel errors. Every error of this package wraps one of them. All
// but ErrClosed are the ABI's kinds of failure (package abi), which the
// browser's host (wasm/js/jsplugin) reports too.
var (
	// ErrABI: the module does not follow the plugin ABI: it is not
	// WebAssembly, lacks an export or has one with the wrong signature,
	// imports what the host does not give, declares another ABI version or
	// bad operator names.
	ErrABI = abi.ErrABI
	// ErrConflict: a plugin declares an operator another loaded plugin
	// already provides.
	ErrConflict = abi.ErrConflict
	// ErrDeadline: a call did not finish within its deadline.
	ErrDeadline = abi.ErrDeadline
	// ErrMemory: the plugin ran out of memory under the host's cap.
	ErrMemory = abi.ErrMemory
	// ErrTrap: the plugin trapped or exited (a Go panic, an unreachable
	// instruction, an out-of-bounds access …).
	ErrTrap = abi.ErrTrap
	// ErrAnswer: the plugin's answer is not one the ABI allows, or points
	// outside its memory.
	ErrAnswer = abi.ErrAnswer
	// ErrReported: the plugin answered with an error of its own ("the
	// request value is not a CIDR range").
	ErrReported = abi.ErrReported
	// ErrClosed: the host was closed.
	ErrClosed = errors.New("the plugin host is closed")
)

// Error is a failure of a plugin, or of loading one: which plugin, the
// sentinel error it wraps, and what happened.
type Error = abi.Error

// ValueError is a policy value a plugin refused when it validated a
// condition's values. It wraps [ErrReported].
type ValueError = abi.ValueError
