package policy

import (
	"errors"
	"strings"
	"testing"

	"github.com/iamlab/iamlab/engine/condition"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// suffixOp is a plugin operator for tests: a request value matches when it
// ends with a policy value; it refuses empty policy values.
type suffixOp struct{}

func (suffixOp) Match(v string, policy []string) (bool, error) {
	for _, p := range policy {
		if strings.HasSuffix(v, p) {
			return true, nil
		}
	}
	return false, nil
}

type emptyValue int

func (e emptyValue) Error() string   { return "an empty suffix matches everything" }
func (e emptyValue) ValueIndex() int { return int(e) }

func (suffixOp) Validate(policy []string) error {
	for i, p := range policy {
		if p == "" {
			return emptyValue(i)
		}
	}
	return nil
}

type operators map[string]condition.Custom

func (o operators) Lookup(name string) (condition.Custom, bool) {
	c, ok := o[name]
	return c, ok
}

// TestParsePluginOperators checks that a policy may name a plugin operator
// only when the parser's registry provides it, and that otherwise the error
// is located as for an unknown AWS operator.
func TestParsePluginOperators(t *testing.T) {
	ops := operators{"HasSuffix": suffixOp{}}
	doc := func(cond string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*",
"Condition":` + cond + `}]}`
	}
	tests := []struct {
		name string
		src  string
		ops  condition.Operators
		err  string // "" when it parses
	}{
		{"provided", doc(`{"Plugin:HasSuffix":{"aws:username":["-admin","-root"]}}`), ops, ""},
		{"provided, with qualifier and IfExists", doc(`{"ForAnyValue:Plugin:HasSuffixIfExists":{"aws:TagKeys":"-x"}}`), ops, ""},
		{"no registry", doc(`{"Plugin:HasSuffix":{"aws:username":"-admin"}}`), nil,
			`p.json:2:14 Statement[0].Condition.Plugin:HasSuffix: unknown condition operator "Plugin:HasSuffix": no loaded plugin provides Plugin:HasSuffix`},
		{"not in the registry", doc(`{"StringEquals":{"aws:username":"bob"},"Plugin:HasPrefix":{"aws:username":"adm-"}}`), ops,
			`p.json:2:52 Statement[0].Condition.Plugin:HasPrefix: unknown condition operator "Plugin:HasPrefix": no loaded plugin provides Plugin:HasPrefix`},
		{"a malformed plugin name", doc(`{"Plugin:has_suffix":{"aws:username":"x"}}`), ops,
			`p.json:2:14 Statement[0].Condition.Plugin:has_suffix: condition operator "Plugin:has_suffix": the plugin operator name "has_suffix" must start with a capital letter A-Z`},
		{"a value the plugin refuses", doc(`{"Plugin:HasSuffix":{"aws:username":["-admin",""]}}`), ops,
			`p.json:2:59 Statement[0].Condition.Plugin:HasSuffix.aws:username: value [1] "": Plugin:HasSuffix refuses the value: an empty suffix matches everything`},
		{"a policy variable", doc(`{"Plugin:HasSuffix":{"aws:username":"${aws:PrincipalTag/x}"}}`), ops,
			`p.json:2:49 Statement[0].Condition.Plugin:HasSuffix.aws:username: value [0] "${aws:PrincipalTag/x}": policy variables cannot be used with plugin operators`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse([]byte(tt.src), Options{Type: Identity, Name: "p.json", Operators: tt.ops})
			if tt.err == "" {
				require.NoError(t, err)
				require.Len(t, d.Statements[0].Condition, 1)
				assert.True(t, d.Statements[0].Condition[0].IsCustom())
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
			assert.True(t, errors.Is(err, ErrMalformed))
		})
	}
}
