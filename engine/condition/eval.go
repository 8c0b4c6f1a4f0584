package condition

import (
	"fmt"
	"strconv"

	"github.com/iamlab/iamlab/engine/pattern"
)

// Outcome says why a condition held or did not.
type Outcome uint8

// The outcomes. Matched is the only one that comes with ok == true.
const (
	// Matched: the condition holds. This includes the conditions that hold
	// because the key is absent: a negated operator, IfExists, ForAllValues.
	Matched Outcome = iota
	// NotMatched: the key is present and the request's values do not
	// satisfy the operator against the policy's values.
	NotMatched
	// KeyMissing: the key is absent from the request (or has no values),
	// and that makes the condition false: a positive operator without
	// IfExists, ForAnyValue, or Null with "false".
	KeyMissing
	// Unresolved: a policy variable in a policy value had no value in the
	// request, so that value matched nothing, and no other value matched.
	Unresolved
	// BadContextValue: a request value could not be read as the operator's
	// type ("abc" for NumericEquals, "yes" for Bool, "10.0.0.300" for
	// IpAddress), and nothing else made the condition hold.
	BadContextValue
	// OperatorFailed: a plugin operator could not decide (it returned an
	// error, trapped, ran out of time …). The evaluator fails closed on it;
	// see the package documentation.
	OperatorFailed

	numOutcomes = iota
)

var outcomeNames = [...]string{"Matched", "NotMatched", "KeyMissing", "Unresolved", "BadContextValue", "OperatorFailed"}

func (o Outcome) String() string {
	if o < numOutcomes {
		return outcomeNames[o]
	}
	return "Outcome(" + strconv.Itoa(int(o)) + ")"
}

// MarshalText gives the name of the outcome.
func (o Outcome) MarshalText() ([]byte, error) {
	if o >= numOutcomes {
		return nil, fmt.Errorf("condition: cannot marshal %s", o)
	}
	return []byte(o.String()), nil
}

// UnmarshalText reads the name of an outcome.
func (o *Outcome) UnmarshalText(b []byte) error {
	for i, n := range outcomeNames {
		if n == string(b) {
			*o = Outcome(i)
			return nil
		}
	}
	return fmt.Errorf("condition: unknown outcome %q", b)
}

// rank orders the reasons a set of request values failed, most telling
// first: a policy problem, then a request problem, then a plain mismatch.
func (o Outcome) rank() int {
	switch o {
	case OperatorFailed:
		return 4
	case Unresolved:
		return 3
	case BadContextValue:
		return 2
	case NotMatched:
		return 1
	}
	return 0
}

// Eval evaluates the condition against the request's context keys. ok
// reports whether the condition holds; why says why (see [Outcome]). A nil
// ctx is a request without context keys. Eval does not allocate for the
// built-in operators. A plugin operator that fails gives OperatorFailed;
// [Condition.EvalErr] also returns its error.
func (c Condition) Eval(ctx pattern.Context) (ok bool, why Outcome) {
	k := c.c
	if k == nil {
		return false, NotMatched
	}
	var vals []string
	if ctx != nil {
		vals, _ = ctx.ContextValues(k.key)
	}
	if k.custom != nil {
		ok, why, _ := k.evalCustom(vals)
		return ok, why
	}
	present := len(vals) > 0 // a key without values is absent
	op := k.name.Op
	if op == Null {
		return k.evalNull(present)
	}
	neg := op.Negated()
	if !present {
		switch {
		case k.name.IfExists, k.name.Set == ForAllValues:
			return true, Matched
		case k.name.Set == None && neg:
			return true, Matched
		}
		return false, KeyMissing
	}
	// Without a qualifier, a positive operator needs one request value to
	// match (as ForAnyValue) and a negated one needs every request value to
	// match none of the policy values (as ForAllValues).
	all := k.name.Set == ForAllValues || k.name.Set == None && neg
	worst := NotMatched
	for _, v := range vals {
		hit, miss := k.match(v, ctx)
		sat := hit
		if neg {
			// An unreadable value satisfies neither the operator nor its
			// negation.
			sat = !hit && miss != BadContextValue
			if hit {
				miss = NotMatched
			}
		}
		switch {
		case all && !sat:
			return false, miss
		case !all && sat:
			return true, Matched
		case !all && miss.rank() > worst.rank():
			worst = miss
		}
	}
	if all {
		return true, Matched
	}
	return false, worst
}

// EvalErr is [Condition.Eval] with the error of a plugin operator that
// failed: with why OperatorFailed, err is an [*OperatorError]; otherwise it
// is nil.
func (c Condition) EvalErr(ctx pattern.Context) (ok bool, why Outcome, err error) {
	k := c.c
	if k == nil || k.custom == nil {
		ok, why = c.Eval(ctx)
		return ok, why, nil
	}
	var vals []string
	if ctx != nil {
		vals, _ = ctx.ContextValues(k.key)
	}
	return k.evalCustom(vals)
}

// IsCustom reports whether the condition's operator is a plugin's.
func (c Condition) IsCustom() bool { return c.c != nil && c.c.custom != nil }

// evalNull evaluates the Null operator. "true" holds when the key is absent
// (or has no values), "false" when it is present. With a set qualifier Null
// is constant, as IAM Access Analyzer's "Null with qualifier" check says:
// ForAllValues:Null always holds and ForAnyValue:Null never does
// (access-analyzer-reference-policy-checks.md).
func (k *compiled) evalNull(present bool) (bool, Outcome) {
	switch k.name.Set {
	case ForAllValues:
		return true, Matched
	case ForAnyValue:
		return false, NotMatched
	}
	for _, wantNull := range k.bools {
		if wantNull != present {
			return true, Matched
		}
	}
	if !present {
		return false, KeyMissing
	}
	return false, NotMatched
}

// match compares one request value with the policy values. hit reports
// whether it matches at least one (the operator, not negated, holds). When
// it does not, miss says why: BadContextValue when v cannot be read as the
// operator's type, Unresolved when a policy value had an unresolved policy
// variable, NotMatched otherwise.
func (k *compiled) match(v string, ctx pattern.Context) (hit bool, miss Outcome) {
	unresolved := false
	switch k.name.Op.family() {
	case famString:
		for _, p := range k.strs {
			m, r := p.Match(v, ctx)
			if m {
				return true, Matched
			}
			unresolved = unresolved || !r
		}
	case famArn:
		// An ARN is compared as text (the operators page: "The ARN is
		// considered a string"), so no request value is unreadable.
		for _, p := range k.arns {
			m, r := p.Match(v, ctx)
			if m {
				return true, Matched
			}
			unresolved = unresolved || !r
		}
	case famNumeric:
		f, msg := parseNumber(v)
		if msg != "" {
			return false, BadContextValue
		}
		cmp := k.name.Op.cmp()
		for _, pv := range k.nums {
			if cmp.holds(compareFloat(f, pv)) {
				return true, Matched
			}
		}
	case famDate:
		t, msg := parseDate(v)
		if msg != "" {
			return false, BadContextValue
		}
		cmp := k.name.Op.cmp()
		for _, pv := range k.dates {
			if cmp.holds(t.compare(pv)) {
				return true, Matched
			}
		}
	case famBool:
		b, ok := parseBool(v)
		if !ok {
			return false, BadContextValue
		}
		for _, pv := range k.bools {
			if b == pv {
				return true, Matched
			}
		}
	case famIP:
		a, ok := parseAddr(v)
		if !ok {
			return false, BadContextValue
		}
		for _, p := range k.nets {
			if p.Contains(a) {
				return true, Matched
			}
		}
	case famBinary:
		if _, ok := base64Equal(v, nil); !ok {
			return false, BadContextValue
		}
		for _, pv := range k.bins {
			if eq, _ := base64Equal(v, pv); eq {
				return true, Matched
			}
		}
	}
	if unresolved {
		return false, Unresolved
	}
	return false, NotMatched
}

// Block is the Condition element of one statement: every condition must
// hold (a logical AND; reference_policies_multi-value-conditions.md).
type Block []Condition

// Eval evaluates the conditions and stops at the first that does not hold:
// failed is its index and why its [Outcome]. When all hold, ok is true,
// failed is -1 and why is Matched. An empty Block holds. Eval does not
// allocate when the block has no plugin operators.
//
// The built-in operators are evaluated first, in order, then the plugin
// operators, in order, so a statement that a built-in condition already
// rules out never calls a plugin. A plugin operator that fails does not end
// the evaluation: when a later condition does not hold, that one is
// reported, since the statement would not apply whatever the plugin said.
// Only when every other condition holds is the failure reported, with why
// OperatorFailed; [Block.EvalErr] also returns the error.
func (b Block) Eval(ctx pattern.Context) (ok bool, failed int, why Outcome) {
	ok, failed, why, _ = b.EvalErr(ctx)
	return ok, failed, why
}

// EvalErr is [Block.Eval] with the error of the plugin operator that
// failed, an [*OperatorError], when why is OperatorFailed.
func (b Block) EvalErr(ctx pattern.Context) (ok bool, failed int, why Outcome, err error) {
	custom := false
	for i, c := range b {
		if c.c != nil && c.c.custom != nil {
			custom = true
			continue
		}
		if ok, why := c.Eval(ctx); !ok {
			return false, i, why, nil
		}
	}
	if !custom {
		return true, -1, Matched, nil
	}
	failed = -1
	for i, c := range b {
		if c.c == nil || c.c.custom == nil {
			continue
		}
		ok, why, cerr := c.EvalErr(ctx)
		switch {
		case why == OperatorFailed:
			if failed < 0 {
				failed, err = i, cerr
			}
		case !ok:
			return false, i, why, nil
		}
	}
	if failed >= 0 {
		return false, failed, OperatorFailed, err
	}
	return true, -1, Matched, nil
}

// Keys returns every context key the block reads, the condition keys and the
// keys used as policy variables in values, in order of first appearance,
// deduplicated case-insensitively and spelled as first written. A request
// that lacks one of them may evaluate differently from one that has it.
func (b Block) Keys() []string {
	var keys []string
	for _, c := range b {
		if c.c == nil {
			continue
		}
		if !containsFold(keys, c.c.key) {
			keys = append(keys, c.c.key)
		}
		for _, v := range c.c.vars {
			if !containsFold(keys, v) {
				keys = append(keys, v)
			}
		}
	}
	return keys
}
