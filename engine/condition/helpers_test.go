package condition

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// reqCtx is a request's context keys for tests. Keys are compared
// case-insensitively, as pattern.Context requires; a test must not hold two
// keys that differ only in case.
type reqCtx map[string][]string

func (c reqCtx) ContextValues(key string) ([]string, bool) {
	for k, v := range c {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

// mustCompile parses the operator name and compiles the condition with
// policy variables live, failing the test on error.
func mustCompile(t testing.TB, name, key string, values ...string) Condition {
	t.Helper()
	n, err := ParseName(name)
	require.NoError(t, err)
	c, err := Compile(n, key, values, true)
	require.NoError(t, err)
	return c
}

// set sets key to values, replacing any key that differs only in case.
func (c reqCtx) set(key string, values ...string) {
	for k := range c {
		if strings.EqualFold(k, key) {
			delete(c, k)
		}
	}
	c[key] = values
}
