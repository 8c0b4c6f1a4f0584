// Command regex is an iamlab plugin with one condition operator,
// Plugin:RegexMatch: a request value matches when the whole of it matches
// one of the policy's regular expressions.
//
//	"Condition": {"Plugin:RegexMatch": {"aws:username": ["[a-z]+\\.[a-z]+", "svc-[0-9]{4}"]}}
//
// The expressions are Go's RE2 syntax (https://golang.org/s/re2syntax),
// which runs in time linear in the input, so no value can make a match
// slow. Each expression must match the whole request value: "svc-[0-9]+"
// does not match "evil-svc-1", as if it were written ^(?:svc-[0-9]+)$.
// Anchoring by default keeps a forgotten ^ or $ from widening a grant.
//
// Bounds: a request value is at most 4096 bytes and an expression at most
// 1024; a longer request value is an error (the request is denied) and a
// longer expression, or one that does not compile, makes the policy
// malformed.
//
// Build it with `make plugins`, or:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o regex.wasm ./plugins/regex
package main

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/iamlab/iamlab/plugins/guest"
)

// plugin serves the operators through the exports in exports.go.
var plugin = guest.New(guest.Operator{Name: "RegexMatch", Match: matcher.match, Validate: matcher.validate})

// matcher keeps the compiled expressions of this instance.
var matcher = &regexes{compiled: map[string]*regexp.Regexp{}}

// main is not run: the module is a WebAssembly reactor whose exports the
// host calls.
func main() {}

const (
	maxValue   = 4096 // bytes of a request value
	maxPattern = 1024 // bytes of an expression
	maxCached  = 256  // compiled expressions kept
)

// regexes compiles expressions and keeps them, up to maxCached; the cache
// is emptied when full.
type regexes struct{ compiled map[string]*regexp.Regexp }

func (r *regexes) compile(p string) (*regexp.Regexp, error) {
	if re, ok := r.compiled[p]; ok {
		return re, nil
	}
	if len(p) > maxPattern {
		return nil, fmt.Errorf("the expression is longer than %d bytes", maxPattern)
	}
	re, err := regexp.Compile(`^(?:` + p + `)$`)
	if err != nil {
		// Report the expression as written, not the anchored form.
		if _, err2 := regexp.Compile(p); err2 != nil {
			err = err2
		}
		return nil, fmt.Errorf("not an RE2 expression: %v", err)
	}
	if len(r.compiled) >= maxCached {
		clear(r.compiled)
	}
	r.compiled[p] = re
	return re, nil
}

func (r *regexes) match(value string, policy []string) (bool, error) {
	if len(value) > maxValue {
		return false, fmt.Errorf("the request value is longer than %d bytes", maxValue)
	}
	for i, p := range policy {
		re, err := r.compile(p)
		if err != nil {
			return false, fmt.Errorf("policy value [%d] %s: %v", i, quote(p), err)
		}
		if re.MatchString(value) {
			return true, nil
		}
	}
	return false, nil
}

func (r *regexes) validate(policy []string) error {
	for i, p := range policy {
		if _, err := r.compile(p); err != nil {
			return &guest.ValueError{Index: i, Msg: err.Error()}
		}
	}
	return nil
}

func quote(s string) string {
	if len(s) > 64 {
		return strconv.Quote(s[:64]) + "..."
	}
	return strconv.Quote(s)
}
