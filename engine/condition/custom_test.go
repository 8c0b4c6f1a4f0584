package condition

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// prefixOp is a custom operator for tests: a request value matches when it
// starts with one of the policy values. "boom" as a request value makes it
// fail, "panic" makes it panic. It counts its calls.
type prefixOp struct{ calls atomic.Int32 }

func (p *prefixOp) Match(v string, policy []string) (bool, error) {
	p.calls.Add(1)
	switch v {
	case "boom":
		return false, errors.New("boom is not a value")
	case "panic":
		panic("the operator lost its mind")
	}
	for _, pv := range policy {
		if strings.HasPrefix(v, pv) {
			return true, nil
		}
	}
	return false, nil
}

// checkedOp is prefixOp with a Validator that refuses empty policy values
// and "panic".
type checkedOp struct{ prefixOp }

type indexError struct{ i int }

func (e indexError) Error() string   { return "an empty prefix matches everything" }
func (e indexError) ValueIndex() int { return e.i }

func (c *checkedOp) Validate(policy []string) error {
	for i, v := range policy {
		switch v {
		case "":
			return indexError{i}
		case "panic":
			panic("validation panicked")
		case "whole":
			return errors.New("the values as a whole are wrong")
		}
	}
	return nil
}

// registry is an Operators for tests.
type registry map[string]Custom

func (r registry) Lookup(name string) (Custom, bool) {
	c, ok := r[name]
	return c, ok
}

func mustCompileCustom(t testing.TB, op Custom, name, key string, values ...string) Condition {
	t.Helper()
	n, err := ParseName(name)
	require.NoError(t, err)
	c, err := CompileCustom(n, key, values, true, op)
	require.NoError(t, err)
	return c
}

// TestParsePluginName checks the Plugin namespace: qualifiers and IfExists
// work as for AWS's operators, and the name round-trips.
func TestParsePluginName(t *testing.T) {
	tests := []struct {
		in   string
		want Name
	}{
		{"Plugin:CidrOverlaps", Name{Plugin: "CidrOverlaps"}},
		{"Plugin:CidrOverlapsIfExists", Name{Plugin: "CidrOverlaps", IfExists: true}},
		{"ForAnyValue:Plugin:RegexMatch", Name{Set: ForAnyValue, Plugin: "RegexMatch"}},
		{"ForAllValues:Plugin:RegexMatchIfExists", Name{Set: ForAllValues, Plugin: "RegexMatch", IfExists: true}},
		{"Plugin:StringEquals", Name{Plugin: "StringEquals"}}, // its own namespace: never AWS's StringEquals
		{"Plugin:X9", Name{Plugin: "X9"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			n, err := ParseName(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, n)
			assert.Equal(t, tt.in, n.String())
			assert.NoError(t, n.valid())
		})
	}
}

func TestValidPluginName(t *testing.T) {
	tests := []struct {
		name string
		err  string // "" for valid
	}{
		{"CidrOverlaps", ""},
		{"A", ""},
		{strings.Repeat("A", MaxPluginName), ""},
		{"", "empty"},
		{strings.Repeat("A", MaxPluginName+1), "longer than 64"},
		{"cidr", "capital letter"},
		{"9Lives", "capital letter"},
		{"MatchIfExists", "must not end in IfExists"},
		{"Cidr_Overlaps", "not '_'"},
		{"Ünïcode", "capital letter"},
		{"AÜ", "only ASCII letters and digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidPluginName(tt.name)
			if tt.err == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
}

// TestCustomEval checks that a plugin operator gets the semantics of a
// positive AWS operator: absent keys, IfExists and the set qualifiers.
func TestCustomEval(t *testing.T) {
	tests := []struct {
		name   string
		op     string
		values []string
		ctx    reqCtx
		ok     bool
		why    Outcome
		err    string
	}{
		{"one value matches", "Plugin:Prefix", []string{"arn:aws:s3:::team-"}, reqCtx{"s3:x": {"arn:aws:s3:::team-a"}}, true, Matched, ""},
		{"one value misses", "Plugin:Prefix", []string{"arn:aws:s3:::team-"}, reqCtx{"s3:x": {"arn:aws:s3:::other"}}, false, NotMatched, ""},
		{"any policy value", "Plugin:Prefix", []string{"a", "b"}, reqCtx{"s3:x": {"bee"}}, true, Matched, ""},
		{"absent key", "Plugin:Prefix", []string{"a"}, reqCtx{}, false, KeyMissing, ""},
		{"key without values is absent", "Plugin:Prefix", []string{"a"}, reqCtx{"s3:x": {}}, false, KeyMissing, ""},
		{"IfExists, absent key", "Plugin:PrefixIfExists", []string{"a"}, reqCtx{}, true, Matched, ""},
		{"IfExists, present key", "Plugin:PrefixIfExists", []string{"a"}, reqCtx{"s3:x": {"b"}}, false, NotMatched, ""},
		{"no qualifier: any request value", "Plugin:Prefix", []string{"a"}, reqCtx{"s3:x": {"b", "a1"}}, true, Matched, ""},
		{"ForAnyValue: one is enough", "ForAnyValue:Plugin:Prefix", []string{"a"}, reqCtx{"s3:x": {"b", "a1"}}, true, Matched, ""},
		{"ForAnyValue: absent key", "ForAnyValue:Plugin:Prefix", []string{"a"}, reqCtx{}, false, KeyMissing, ""},
		{"ForAllValues: every value", "ForAllValues:Plugin:Prefix", []string{"a"}, reqCtx{"s3:x": {"a2", "a1"}}, true, Matched, ""},
		{"ForAllValues: one misses", "ForAllValues:Plugin:Prefix", []string{"a"}, reqCtx{"s3:x": {"a2", "b"}}, false, NotMatched, ""},
		{"ForAllValues: absent key holds", "ForAllValues:Plugin:Prefix", []string{"a"}, reqCtx{}, true, Matched, ""},
		{"an error fails", "Plugin:Prefix", []string{"a"}, reqCtx{"s3:x": {"boom"}}, false, OperatorFailed, "Plugin:Prefix on s3:x: boom is not a value"},
		{"an error fails even after a miss", "ForAnyValue:Plugin:Prefix", []string{"a"}, reqCtx{"s3:x": {"b", "boom", "a"}}, false, OperatorFailed, "boom is not a value"},
		{"a panic fails", "Plugin:Prefix", []string{"a"}, reqCtx{"s3:x": {"panic"}}, false, OperatorFailed, "the operator panicked: the operator lost its mind"},
		{"IfExists does not hide an error", "Plugin:PrefixIfExists", []string{"a"}, reqCtx{"s3:x": {"boom"}}, false, OperatorFailed, "boom"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustCompileCustom(t, &prefixOp{}, tt.op, "s3:x", tt.values...)
			assert.True(t, c.IsCustom())
			ok, why, err := c.EvalErr(tt.ctx)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.why, why)
			assert.Equal(t, ok, why == Matched)
			ok2, why2 := c.Eval(tt.ctx)
			assert.Equal(t, ok, ok2, "Eval agrees with EvalErr")
			assert.Equal(t, why, why2)
			if tt.err == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
			assert.ErrorIs(t, err, ErrOperator)
			var oe *OperatorError
			require.ErrorAs(t, err, &oe)
			assert.Equal(t, "s3:x", oe.Key)
		})
	}
}

// TestBlockCustomOrder checks that built-in conditions are evaluated before
// plugin operators, and that a failing plugin operator is reported only
// when every other condition holds.
func TestBlockCustomOrder(t *testing.T) {
	op := &prefixOp{}
	plugin := mustCompileCustom(t, op, "Plugin:Prefix", "s3:x", "a")
	other := mustCompileCustom(t, op, "Plugin:Prefix", "s3:y", "a")
	region := mustCompile(t, "StringEquals", "aws:RequestedRegion", "eu-west-1")

	tests := []struct {
		name   string
		block  Block
		ctx    reqCtx
		ok     bool
		failed int
		why    Outcome
		err    bool
		calls  int32
	}{
		{"all hold", Block{plugin, region}, reqCtx{"s3:x": {"a"}, "aws:RequestedRegion": {"eu-west-1"}}, true, -1, Matched, false, 1},
		{"a built-in miss spares the plugin", Block{plugin, region}, reqCtx{"s3:x": {"a"}, "aws:RequestedRegion": {"us-east-1"}}, false, 1, NotMatched, false, 0},
		{"a plugin miss", Block{plugin, region}, reqCtx{"s3:x": {"b"}, "aws:RequestedRegion": {"eu-west-1"}}, false, 0, NotMatched, false, 1},
		{"a failure when all else holds", Block{region, plugin}, reqCtx{"s3:x": {"boom"}, "aws:RequestedRegion": {"eu-west-1"}}, false, 1, OperatorFailed, true, 1},
		{"a failure with a built-in miss is a miss", Block{plugin, region}, reqCtx{"s3:x": {"boom"}, "aws:RequestedRegion": {"us-east-1"}}, false, 1, NotMatched, false, 0},
		{"a failure with a later plugin miss is a miss", Block{plugin, other}, reqCtx{"s3:x": {"boom"}, "s3:y": {"b"}}, false, 1, NotMatched, false, 2},
		{"the first failure is reported", Block{region, plugin, other}, reqCtx{"s3:x": {"boom"}, "s3:y": {"boom"}, "aws:RequestedRegion": {"eu-west-1"}}, false, 1, OperatorFailed, true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op.calls.Store(0)
			ok, failed, why, err := tt.block.EvalErr(tt.ctx)
			assert.Equal(t, tt.ok, ok)
			assert.Equal(t, tt.failed, failed)
			assert.Equal(t, tt.why, why)
			assert.Equal(t, tt.err, err != nil, "err = %v", err)
			assert.Equal(t, tt.calls, op.calls.Load(), "calls to the plugin")
			ok2, failed2, why2 := tt.block.Eval(tt.ctx)
			assert.Equal(t, []any{ok, failed, why}, []any{ok2, failed2, why2})
		})
	}
}

func TestCompileCustomErrors(t *testing.T) {
	op := &checkedOp{}
	tests := []struct {
		name   string
		n      Name
		key    string
		values []string
		op     Custom
		msg    string
		is     error
		index  int // for a *ValueError
	}{
		{"not a plugin name", Name{Op: StringEquals}, "s3:x", []string{"a"}, op, "is not a plugin operator", ErrUnknownOperator, 0},
		{"a bad plugin name", Name{Plugin: "lower"}, "s3:x", []string{"a"}, op, "capital letter", ErrUnknownOperator, 0},
		{"both kinds", Name{Op: StringEquals, Plugin: "X"}, "s3:x", []string{"a"}, op, "no built-in Operator", ErrUnknownOperator, 0},
		{"no operator", Name{Plugin: "X"}, "s3:x", []string{"a"}, nil, "no operator provides Plugin:X", ErrUnknownOperator, 0},
		{"bad key", Name{Plugin: "X"}, "nocolon", []string{"a"}, op, "want a service prefix", ErrBadKey, 0},
		{"policy variable", Name{Plugin: "X"}, "s3:x", []string{"a", "${aws:username}"}, op, "policy variables cannot be used with plugin operators", ErrBadValue, 1},
		{"refused value", Name{Plugin: "X"}, "s3:x", []string{"a", "b", ""}, op, `value [2] "": Plugin:X refuses the value: an empty prefix matches everything`, ErrBadValue, 2},
		{"refused values", Name{Plugin: "X"}, "s3:x", []string{"whole"}, op, "Plugin:X: the values as a whole are wrong", ErrBadValue, -1},
		{"validation panics", Name{Plugin: "X"}, "s3:x", []string{"panic"}, op, "Plugin:X: the operator panicked: validation panicked", ErrBadValue, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := CompileCustom(tt.n, tt.key, tt.values, true, tt.op)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.msg)
			assert.ErrorIs(t, err, tt.is)
			var ve *ValueError
			if errors.As(err, &ve) {
				assert.Equal(t, tt.index, ve.Index)
			}
		})
	}

	t.Run("Compile refuses plugin names", func(t *testing.T) {
		_, err := Compile(Name{Plugin: "X"}, "s3:x", []string{"a"}, true)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrUnknownOperator)
		assert.Contains(t, err.Error(), "use CompileCustom")
	})
	t.Run("variables are text in 2008-10-17 policies", func(t *testing.T) {
		_, err := CompileCustom(Name{Plugin: "X"}, "s3:x", []string{"${aws:username}"}, false, op)
		assert.NoError(t, err)
	})
	t.Run("values are copied", func(t *testing.T) {
		values := []string{"a"}
		c, err := CompileCustom(Name{Plugin: "X"}, "s3:x", values, true, op)
		require.NoError(t, err)
		values[0] = "z"
		assert.Equal(t, []string{"a"}, c.Values())
		assert.Equal(t, `"Plugin:X": {"s3:x": ["a"]}`, c.String())
		assert.Equal(t, []string{"s3:x"}, Block{c}.Keys())
	})
}

func TestOutcomeOperatorFailed(t *testing.T) {
	b, err := OperatorFailed.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "OperatorFailed", string(b))
	var o Outcome
	require.NoError(t, o.UnmarshalText(b))
	assert.Equal(t, OperatorFailed, o)
	assert.Greater(t, OperatorFailed.rank(), Unresolved.rank())
}

// TestEvalAllocatesNothingWithoutPlugins guards the fast path: a block of
// built-in operators allocates nothing through EvalErr either.
func TestEvalAllocatesNothingWithoutPlugins(t *testing.T) {
	b := Block{
		mustCompile(t, "StringEquals", "aws:RequestedRegion", "eu-west-1"),
		mustCompile(t, "IpAddress", "aws:SourceIp", "203.0.113.0/24"),
	}
	ctx := reqCtx{"aws:RequestedRegion": {"eu-west-1"}, "aws:SourceIp": {"203.0.113.9"}}
	allocs := testing.AllocsPerRun(100, func() { b.EvalErr(ctx) })
	assert.Zero(t, allocs)
}
