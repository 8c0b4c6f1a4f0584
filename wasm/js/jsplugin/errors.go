package jsplugin

import (
	"errors"

	"github.com/iamlab/iamlab/plugins/abi"
)

// The sentinel errors, the CLI's host's (plugins/host): every error of a
// plugin wraps one of them. All but ErrUnavailable are the ABI's kinds of
// failure (package abi).
var (
	// ErrABI: the module does not follow the plugin ABI v1 ([Inspect]), or
	// its name, ABI version or operator names are bad.
	ErrABI = abi.ErrABI
	// ErrConflict: a plugin declares an operator another loaded plugin
	// already provides, or its name is taken.
	ErrConflict = abi.ErrConflict
	// ErrDeadline: a call did not finish within its deadline.
	ErrDeadline = abi.ErrDeadline
	// ErrMemory: the plugin ran out of memory under the limit.
	ErrMemory = abi.ErrMemory
	// ErrTrap: the plugin trapped or exited (a Go panic, an unreachable
	// instruction, an out-of-bounds access …).
	ErrTrap = abi.ErrTrap
	// ErrAnswer: the plugin's answer is not one the ABI allows, or points
	// outside its memory.
	ErrAnswer = abi.ErrAnswer
	// ErrReported: the plugin answered with an error of its own.
	ErrReported = abi.ErrReported
	// ErrUnavailable: the operator is only declared here; the plugin runs
	// in the page's plugin worker.
	ErrUnavailable = errors.New("the plugin does not run here")
)

// Error is a failure of a plugin, or of loading one: which plugin, the
// sentinel error it wraps, and what happened.
type Error = abi.Error

// ValueError is a policy value a plugin refused when it validated a
// condition's values. It wraps [ErrReported].
type ValueError = abi.ValueError
