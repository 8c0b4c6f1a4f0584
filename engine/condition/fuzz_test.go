package condition

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// FuzzParseName checks that ParseName never panics, that what it accepts
// round-trips exactly (names are case-sensitive, so the spelling is the
// name), and that what it refuses wraps ErrUnknownOperator.
func FuzzParseName(f *testing.F) {
	for o := StringEquals; o < numOperators; o++ {
		f.Add(o.String())
		f.Add("ForAnyValue:" + o.String() + "IfExists")
	}
	for _, s := range []string{"", "stringequals", "NullIfExists", "Plugin:Foo", "ForAllValues:", ":", "IfExists"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseName(s)
		if err != nil {
			if !errors.Is(err, ErrUnknownOperator) {
				t.Fatalf("ParseName(%q): error %v does not wrap ErrUnknownOperator", s, err)
			}
			if n != (Name{}) {
				t.Fatalf("ParseName(%q): error with a non-zero Name %+v", s, n)
			}
			return
		}
		if n.String() != s {
			t.Fatalf("ParseName(%q).String() = %q", s, n.String())
		}
		if n.valid() != nil {
			t.Fatalf("ParseName(%q) = %+v, which is not valid", s, n)
		}
		b, err := n.MarshalText()
		if err != nil || string(b) != s {
			t.Fatalf("MarshalText(%q) = %q, %v", s, b, err)
		}
	})
}

// negation pairs each positive operator with its negated twin.
var negation = map[Operator]Operator{
	StringEquals: StringNotEquals, StringEqualsIgnoreCase: StringNotEqualsIgnoreCase,
	StringLike: StringNotLike, NumericEquals: NumericNotEquals, DateEquals: DateNotEquals,
	IpAddress: NotIpAddress, ArnEquals: ArnNotEquals, ArnLike: ArnNotLike,
}

// FuzzCompileEval checks that Compile and Eval never panic, and the
// invariants of evaluation:
//   - ok is true exactly when why is Matched, and Eval is deterministic;
//   - a key absent from the request makes IfExists, ForAllValues and a bare
//     negated operator true, and any other non-Null operator false with
//     KeyMissing (reference_policies_elements_condition_operators.md);
//   - with one readable request value, an operator and its negated twin
//     disagree (reference_policies_multi-value-conditions.md: negated
//     operators hold when no policy value matches);
//   - every variable a condition uses is among its block's keys.
func FuzzCompileEval(f *testing.F) {
	for _, c := range allEvalCases() {
		n, err := ParseName(c.op)
		if err != nil {
			continue
		}
		v1, v2 := "", ""
		if len(c.values) > 0 {
			v1 = c.values[0]
		}
		if len(c.values) > 1 {
			v2 = c.values[1]
		}
		r1, r2 := "", ""
		present := false
		for k, vs := range c.ctx {
			if strings.EqualFold(k, c.key) {
				present = true
				if len(vs) > 0 {
					r1 = vs[0]
				}
				if len(vs) > 1 {
					r2 = vs[1]
				}
			}
		}
		f.Add(uint8(n.Op), uint8(n.Set), n.IfExists, c.key, v1, v2, r1, r2, present, true)
	}
	f.Fuzz(func(t *testing.T, op, set uint8, ifExists bool, key, v1, v2, r1, r2 string, present, variables bool) {
		name := Name{Set: SetQualifier(set % 4), Op: Operator(op % (uint8(numOperators) + 1)), IfExists: ifExists}
		values := []string{v1, v2}
		c, err := Compile(name, key, values, variables)
		if err != nil {
			var ve *ValueError
			if errors.As(err, &ve) && (ve.Index < 0 || ve.Index >= len(values) || ve.Value != values[ve.Index]) {
				t.Fatalf("ValueError points at %d %q", ve.Index, ve.Value)
			}
			if !errors.Is(err, ErrBadValue) && !errors.Is(err, ErrBadKey) && !errors.Is(err, ErrUnknownOperator) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		ctx := reqCtx{"fuzz:var": {r2}}
		for _, k := range c.Variables() {
			ctx.set(k, r1)
		}
		if present {
			ctx.set(key, r1, r2)
		} else {
			ctx.set(key)
			delete(ctx, key)
		}
		ok, why := c.Eval(ctx)
		ok2, why2 := c.Eval(ctx)
		if ok != (why == Matched) || ok != ok2 || why != why2 {
			t.Fatalf("Eval = %v, %v then %v, %v", ok, why, ok2, why2)
		}
		if why >= numOutcomes {
			t.Fatalf("Eval outcome %d", why)
		}
		if !present && name.Op != Null {
			want := name.IfExists || name.Set == ForAllValues || name.Set == None && name.Op.Negated()
			if ok != want || !ok && why != KeyMissing {
				t.Fatalf("%s with the key absent: %v, %v", name, ok, why)
			}
		}
		keys := Block{c}.Keys()
		for _, v := range append(c.Variables(), key) {
			if !containsFold(keys, v) {
				t.Fatalf("Keys() = %q lacks %q", keys, v)
			}
		}

		// Negation duality, on one request value.
		pos, neg := name.Op, negation[name.Op]
		if neg == 0 {
			return
		}
		pc, err1 := Compile(Name{Op: pos}, key, values, variables)
		nc, err2 := Compile(Name{Op: neg}, key, values, variables)
		if err1 != nil || err2 != nil {
			t.Fatalf("twins compile differently: %v, %v", err1, err2)
		}
		one := reqCtx{}
		for _, k := range c.Variables() {
			one.set(k, r2)
		}
		one.set(key, r1)
		pok, pwhy := pc.Eval(one)
		nok, nwhy := nc.Eval(one)
		if pwhy == BadContextValue || nwhy == BadContextValue {
			if pok || nok || pwhy != nwhy {
				t.Fatalf("unreadable %q: %s = %v, %v; %s = %v, %v", r1, pos, pok, pwhy, neg, nok, nwhy)
			}
			return
		}
		if pok == nok {
			t.Fatalf("%s = %v (%v) and %s = %v (%v) for %q against %q", pos, pok, pwhy, neg, nok, nwhy, r1, values)
		}
	})
}

// FuzzParseAddr checks the allocation-free IP reader against net/netip.
func FuzzParseAddr(f *testing.F) {
	for _, s := range ipSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAddr(t, s)
		_, _ = parsePrefix(s)
	})
}

// FuzzBase64 checks BinaryEquals' reader against encoding/base64.
func FuzzBase64(f *testing.F) {
	for _, s := range b64Seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkBase64(t, s) })
}

// FuzzParseDate checks that parseDate never panics and that it reads every
// RFC 3339 timestamp (the W3C profile with seconds) as the time package
// does.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2020-01-01T00:00:01Z", "2020-01-01T10:30:15.25+02:00", "1577836800", "2020-01-01", "2020-02-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, msg := parseDate(s)
		want, err := time.Parse(time.RFC3339Nano, s)
		if err != nil || strings.ContainsAny(s, ",tz") || len(s) < 20 || s[19] != '.' && s[19] != 'Z' && s[19] != '+' && s[19] != '-' {
			return
		}
		if msg != "" {
			t.Fatalf("parseDate(%q): %s; time reads %v", s, msg, want)
		}
		if got.sec != want.Unix() || got.nsec != int32(want.Nanosecond()) {
			t.Fatalf("parseDate(%q) = %+v; time reads %v", s, got, want)
		}
	})
}
