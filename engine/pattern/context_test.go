package pattern_test

import "strings"

// keys is a request context for tests and examples: key to values, looked up
// case-insensitively as IAM looks keys up. Lookups do not allocate.
type keys map[string][]string

func (k keys) ContextValues(key string) ([]string, bool) {
	if vs, ok := k[key]; ok {
		return vs, true
	}
	for name, vs := range k {
		if strings.EqualFold(name, key) {
			return vs, true
		}
	}
	return nil, false
}
