// Package pattern compiles the text patterns of the policy language: strings
// that may hold the wildcards * and ? and the policy variables ${key},
// ${key, 'default'}, ${*}, ${?} and ${$}.
//
// A [Pattern] is compiled once, when a policy is parsed, and matched many
// times without allocating. Policy variables are resolved at match time from a
// [Context], the request's context keys.
//
// # Options
//
// [Options] say which parts of the syntax are live. StringLike and the
// Resource element turn wildcards on; StringEquals leaves them off, so * and ?
// are plain characters there. Variables exist only in policies of version
// 2012-10-17; in older policies "${aws:username}" is literal text. FoldCase
// is for the IgnoreCase operators.
//
// # Wildcards
//
// With wildcards on, * matches any run of characters, including the empty run
// and runs holding '/' and ':', and ? matches exactly one character (a rune;
// a byte that is not valid UTF-8 counts as one character). Matching uses the
// classic single-backtrack-point algorithm, so its cost is at most the product
// of the lengths and never exponential.
//
// # Policy variables
//
// ${key} is replaced by the single value of the context key (keys are
// case-insensitive). A key that is absent, has no value or has several values
// (multivalued keys cannot be variables) is unresolved; ${key, 'default'} then
// stands for its default, and a pattern with an unresolved variable and no
// default matches nothing: [Pattern.Match] reports resolved == false. A
// substituted value is always literal text: a '*' in a user name is not a
// wildcard. ${*}, ${?} and ${$} stand for the characters *, ? and $.
//
// A malformed variable (an unterminated "${", an empty "${}", a default that
// is not in single quotes) is a [*SyntaxError] with the byte offset of the
// problem.
package pattern

// Context gives the values of a request's context keys. Keys are compared
// case-insensitively (aws:username and AWS:UserName are the same key).
// ContextValues returns ok == false when the request has no such key.
//
// The request context in package eval implements Context; so can any test.
type Context interface {
	ContextValues(key string) (values []string, ok bool)
}
