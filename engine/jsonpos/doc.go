// Package jsonpos reads JSON into a tree of [Value]s that remember where they
// came from: the line, column and byte offset of every value and object key.
//
// IAM reports policy problems by position, and the policy language has rules
// that encoding/json cannot see (duplicate keys, the order of keys). This
// package is the strict RFC 8259 reader underneath: it keeps object members
// in source order, reports duplicate keys, keeps numbers as their source
// text, and limits nesting depth so hostile input cannot exhaust the stack.
// It never panics; a syntax error is a [*SyntaxError] with a [Position].
package jsonpos
