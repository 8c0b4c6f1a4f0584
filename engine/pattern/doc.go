// Package pattern compiles the text patterns of the policy language: strings
// that may hold the wildcards * and ? and the policy variables ${key},
// ${key, 'default'}, ${*}, ${?} and ${$}.
//
// A [Pattern] is compiled once, when a policy is parsed, and matched many
// times without allocating. Policy variables are resolved at match time from a
// [Context], the request's context keys.
package pattern

// Context gives the values of a request's context keys. Keys are compared
// case-insensitively (aws:username and AWS:UserName are the same key).
// ContextValues returns ok == false when the request has no such key.
//
// The request context in package eval implements Context; so can any test.
type Context interface {
	ContextValues(key string) (values []string, ok bool)
}
