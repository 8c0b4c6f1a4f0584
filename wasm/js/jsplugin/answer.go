package jsplugin

import "github.com/iamlab/iamlab/plugins/abi"

// The exports of an ABI v1 module (package abi).
const (
	ExportMemory     = abi.ExportMemory
	ExportVersion    = abi.ExportVersion
	ExportAlloc      = abi.ExportAlloc
	ExportFree       = abi.ExportFree
	ExportOperators  = abi.ExportOperators
	ExportMatch      = abi.ExportMatch
	ExportValidate   = abi.ExportValidate
	ExportInitialize = abi.ExportInitialize
)

// Limits on what crosses the boundary (package abi).
const (
	MaxAnswer  = abi.MaxAnswer // bytes of an answer or of the list of names
	MaxRequest = abi.MaxInput  // bytes of a request written into a module
)

// AnswerKind says which answers a call may give: [MatchAnswer] or
// [ValidateAnswer].
type AnswerKind = abi.Kind

// The kinds of answer.
const (
	MatchAnswer    = abi.MatchAnswer
	ValidateAnswer = abi.ValidateAnswer
)

// Answer is a parsed answer.
type Answer = abi.Answer

// ParseAnswer reads an answer as strictly as the CLI's host does
// ([abi.ParseAnswer]).
func ParseAnswer(b []byte, kind AnswerKind) (Answer, error) { return abi.ParseAnswer(b, kind) }

// CleanMessage makes a plugin's error message safe to show
// ([abi.CleanMessage]).
func CleanMessage(s string) string { return abi.CleanMessage(s) }

// ParseOperators reads the answer of iamlab_operators
// ([abi.ParseOperators]).
func ParseOperators(b []byte) ([]string, error) { return abi.ParseOperators(b) }
