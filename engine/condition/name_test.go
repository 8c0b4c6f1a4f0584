package condition

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseName checks the operator names of
// reference_policies_elements_condition_operators.md with the set qualifiers
// of reference_policies_multi-value-conditions.md ("Using multiple keys and
// values") and the IfExists suffix ("...IfExists condition operators").
func TestParseName(t *testing.T) {
	tests := []struct {
		in   string
		want Name
	}{
		{"StringEquals", Name{Op: StringEquals}},
		{"StringLikeIfExists", Name{Op: StringLike, IfExists: true}},
		{"ForAnyValue:StringLikeIfExists", Name{Set: ForAnyValue, Op: StringLike, IfExists: true}},
		{"ForAllValues:StringEquals", Name{Set: ForAllValues, Op: StringEquals}},
		{"BoolIfExists", Name{Op: Bool, IfExists: true}},
		{"NotIpAddress", Name{Op: NotIpAddress}},
		{"Null", Name{Op: Null}},
		// Access Analyzer's "Null with qualifier" check implies IAM accepts it.
		{"ForAllValues:Null", Name{Set: ForAllValues, Op: Null}},
		{"ArnNotLikeIfExists", Name{Op: ArnNotLike, IfExists: true}},
		{"DateGreaterThanEquals", Name{Op: DateGreaterThanEquals}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseName(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.in, got.String())
		})
	}
}

// TestParseNameAllOperators checks that every operator of the operators page
// round-trips through String and ParseName, with and without the qualifiers
// and IfExists.
func TestParseNameAllOperators(t *testing.T) {
	for o := StringEquals; o < numOperators; o++ {
		for _, set := range []SetQualifier{None, ForAllValues, ForAnyValue} {
			for _, ie := range []bool{false, true} {
				n := Name{Set: set, Op: o, IfExists: ie}
				t.Run(n.String(), func(t *testing.T) {
					got, err := ParseName(n.String())
					if o == Null && ie {
						require.Error(t, err)
						return
					}
					require.NoError(t, err)
					assert.Equal(t, n, got)
				})
			}
		}
	}
}

// TestParseNameErrors checks that unknown names are refused, as IAM refuses
// them with MalformedPolicyDocument ("Invalid Condition type"), and that
// names are case-sensitive (reference_policies_grammar.md lists one
// spelling); NullIfExists is refused as the "...IfExists condition
// operators" section excludes Null.
func TestParseNameErrors(t *testing.T) {
	tests := []struct {
		in, msg string
	}{
		{"", `unknown condition operator ""`},
		{"StringEqual", `unknown condition operator "StringEqual"`},
		{"stringEquals", `unknown condition operator "stringEquals" (names are case-sensitive: did you mean "StringEquals"?)`},
		{"STRINGLIKEIFEXISTS", `did you mean "StringLikeIfExists"?`},
		{"StringEqualsIfexists", `did you mean "StringEqualsIfExists"?`},
		{"NullIfExists", "the Null operator cannot take the IfExists suffix"},
		{"ForAnyValues:StringEquals", `unknown set qualifier "ForAnyValues"`},
		{"forallvalues:StringEquals", `did you mean "ForAllValues"?`},
		{"Plugin:", `the plugin operator name is empty`},
		{"Plugin:cidrOverlaps", `must start with a capital letter`},
		{"Plugin:IfExists", `the plugin operator name is empty`},
		{"Plugin:FooIfExistsIfExists", `must not end in IfExists`},
		{"Plugin:Cidr-Overlaps", `may hold only ASCII letters and digits, not '-'`},
		{"Plugin:Plugin:Foo", `may hold only ASCII letters and digits, not ':'`},
		{"ForAllValues:Plugin:", `the plugin operator name is empty`},
		{"plugin:Foo", `unknown set qualifier "plugin"`},
		{"Plugin:" + strings.Repeat("A", MaxPluginName+1), "longer than 64 characters"},
		{"ForAnyValue:", `unknown condition operator ""`},
		{"ForAnyValue:ForAllValues:StringEquals", `unknown condition operator "ForAllValues:StringEquals"`},
		{"IfExists", `unknown condition operator "IfExists"`},
		{"StringEqualsIfExistsIfExists", `unknown condition operator "StringEqualsIfExistsIfExists"`},
		{"StringEquals ", `unknown condition operator "StringEquals "`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := ParseName(tt.in)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
			assert.True(t, errors.Is(err, ErrUnknownOperator))
			var ne *NameError
			require.ErrorAs(t, err, &ne)
			assert.Equal(t, tt.in, ne.Name)
		})
	}
}

// TestOperatorNegated checks the negated operators the operators page
// lists, per family.
func TestOperatorNegated(t *testing.T) {
	negated := map[Operator]bool{
		StringNotEquals: true, StringNotEqualsIgnoreCase: true, StringNotLike: true,
		NumericNotEquals: true, DateNotEquals: true, NotIpAddress: true,
		ArnNotEquals: true, ArnNotLike: true,
	}
	for o := StringEquals; o < numOperators; o++ {
		t.Run(o.String(), func(t *testing.T) {
			assert.Equal(t, negated[o], o.Negated())
		})
	}
	assert.False(t, Operator(0).Negated())
}

func TestOperatorString(t *testing.T) {
	assert.Equal(t, "IpAddress", IpAddress.String())
	assert.Equal(t, "Operator(0)", Operator(0).String())
	assert.Equal(t, "Operator(200)", Operator(200).String())
	assert.False(t, Operator(0).Valid())
	assert.True(t, Null.Valid())
	assert.Equal(t, "", None.String())
	assert.Equal(t, "ForAnyValue", ForAnyValue.String())
	assert.Equal(t, "SetQualifier(9)", SetQualifier(9).String())
}

func TestNameJSON(t *testing.T) {
	type doc struct {
		N  Name         `json:"n"`
		O  Operator     `json:"o"`
		Q  SetQualifier `json:"q"`
		Oc Outcome      `json:"oc"`
	}
	in := doc{Name{Set: ForAllValues, Op: StringLike, IfExists: true}, NumericLessThan, ForAnyValue, BadContextValue}
	b, err := json.Marshal(in)
	require.NoError(t, err)
	assert.JSONEq(t, `{"n":"ForAllValues:StringLikeIfExists","o":"NumericLessThan","q":"ForAnyValue","oc":"BadContextValue"}`, string(b))
	var out doc
	require.NoError(t, json.Unmarshal(b, &out))
	assert.Equal(t, in, out)

	for _, bad := range []string{`{"n":"stringLike"}`, `{"o":"StringLikeIfExists"}`, `{"q":"ForAny"}`, `{"oc":"Nope"}`} {
		assert.Error(t, json.Unmarshal([]byte(bad), &out), bad)
	}
	_, err = json.Marshal(doc{N: Name{Op: Null, IfExists: true}, O: Bool})
	assert.Error(t, err)
	_, err = json.Marshal(doc{N: Name{Op: Bool}})
	assert.Error(t, err, "the zero Operator does not marshal")
	_, err = Outcome(99).MarshalText()
	assert.Error(t, err)
	_, err = SetQualifier(7).MarshalText()
	assert.Error(t, err)
}
