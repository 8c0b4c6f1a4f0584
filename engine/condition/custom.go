package condition

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Plugin operators live in their own namespace: "Plugin:" and a name.
const (
	pluginNamespace = "Plugin"
	pluginPrefix    = pluginNamespace + ":"
	// MaxPluginName is the longest name a plugin operator may have, without
	// the "Plugin:" prefix.
	MaxPluginName = 64
)

// Custom is a condition operator that comes from outside the engine, such
// as a WebAssembly plugin. It is a positive operator: the engine applies
// IfExists, the set qualifiers and the handling of absent keys exactly as
// for StringEquals, and asks Match about one request value at a time.
//
// Match reports whether value, one of the request's values for the
// condition key, satisfies the operator against the policy's values. An
// error means the operator could not decide; the evaluator then fails
// closed (see the package documentation). Match must be safe for
// concurrent use and must not modify policy, which is the condition's own.
type Custom interface {
	Match(value string, policy []string) (bool, error)
}

// Validator is implemented by a [Custom] operator that checks a
// condition's policy values when the policy is compiled, so a bad value is
// a malformed policy rather than an error at every request. An error that
// has a ValueIndex() int method names the bad value by its index; any
// other error (the values as a whole are wrong, or the operator could not
// check them) also makes the condition fail to compile: a policy whose
// values cannot be checked is not accepted.
type Validator interface {
	Validate(policy []string) error
}

// Operators finds the custom operators a policy may use. name is the part
// after "Plugin:" ("CidrOverlaps" for "Plugin:CidrOverlaps"). A registry
// belongs to an engine value (a plugin host, say) and is passed to the
// policy parser; this package keeps none.
type Operators interface {
	Lookup(name string) (Custom, bool)
}

// ErrOperator is wrapped by every [*OperatorError]: a custom operator failed
// to decide.
var ErrOperator = errors.New("condition operator failed")

// OperatorError is a custom operator that could not decide: its Match
// returned an error (or panicked).
type OperatorError struct {
	Name Name   // the operator, "Plugin:CidrOverlaps"
	Key  string // the condition key
	Err  error  // what the operator said
}

func (e *OperatorError) Error() string {
	return e.Name.String() + " on " + e.Key + ": " + e.Err.Error()
}

// Unwrap gives [ErrOperator] and the operator's error.
func (e *OperatorError) Unwrap() []error { return []error{ErrOperator, e.Err} }

// ValidPluginName says what is wrong with name as the name of a plugin
// operator (the part after "Plugin:"), or returns nil. A name is 1 to
// [MaxPluginName] ASCII letters and digits starting with a capital letter,
// and does not end in "IfExists", so that the suffix is never ambiguous.
func ValidPluginName(name string) error {
	switch {
	case name == "":
		return errors.New("the plugin operator name is empty")
	case len(name) > MaxPluginName:
		return fmt.Errorf("the plugin operator name %s is longer than %d characters", quoteShort(name), MaxPluginName)
	case name[0] < 'A' || name[0] > 'Z':
		return fmt.Errorf("the plugin operator name %s must start with a capital letter A-Z", quoteShort(name))
	case strings.HasSuffix(name, ifExists):
		return fmt.Errorf("the plugin operator name %s must not end in IfExists", quoteShort(name))
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c)) {
			return fmt.Errorf("the plugin operator name %s may hold only ASCII letters and digits, not %s", quoteShort(name), strconv.QuoteRune(rune(c)))
		}
	}
	return nil
}

// parsePluginName reads what follows "Plugin:" in the operator name s.
func parsePluginName(s string, set SetQualifier, rest string) (Name, error) {
	n := Name{Set: set, Plugin: rest}
	if base, ok := strings.CutSuffix(rest, ifExists); ok {
		n.Plugin, n.IfExists = base, true
	}
	if err := ValidPluginName(n.Plugin); err != nil {
		return Name{}, &NameError{Name: s, Msg: "condition operator " + quoteShort(s) + ": " + err.Error()}
	}
	return n, nil
}

// validPlugin is valid for a plugin operator's Name.
func (n Name) validPlugin() error {
	switch {
	case n.Op != 0:
		return &NameError{Name: n.String(), Msg: "a plugin operator has no built-in Operator, got " + n.Op.String()}
	case n.Set > ForAnyValue:
		return &NameError{Name: n.String(), Msg: "no such set qualifier: " + n.Set.String()}
	}
	if err := ValidPluginName(n.Plugin); err != nil {
		return &NameError{Name: n.String(), Msg: err.Error()}
	}
	return nil
}

// CompileCustom compiles a condition whose operator comes from a plugin:
// name is a Plugin name ([Name.Plugin] set), key the condition key and
// values the policy's values, and op the operator that the policy's
// [Operators] gave for the name. Policy values are passed to the operator
// as written: with variables live (Version 2012-10-17) a value holding
// "${" is an error, as for the Numeric operators, rather than text the
// operator might misread. When op is a [Validator] it checks the values
// now; its error becomes a [*ValueError].
func CompileCustom(name Name, key string, values []string, variables bool, op Custom) (c Condition, err error) {
	if name.Plugin == "" {
		return Condition{}, &NameError{Name: name.String(), Msg: name.String() + " is not a plugin operator: use Compile"}
	}
	if err := name.valid(); err != nil {
		return Condition{}, err
	}
	if op == nil {
		return Condition{}, &NameError{Name: name.String(), Msg: "no operator provides " + name.String()}
	}
	if err := checkKey(key); err != nil {
		return Condition{}, err
	}
	for i, v := range values {
		if variables && strings.Contains(v, "${") {
			return Condition{}, &ValueError{Index: i, Value: v, Msg: "policy variables cannot be used with plugin operators, only with String and ARN operators (reference_policies_variables.md)"}
		}
	}
	k := &compiled{name: name, key: key, values: append([]string(nil), values...), custom: op}
	if v, ok := op.(Validator); ok {
		if err := validate(v, k.values); err != nil {
			index := -1
			var ix interface{ ValueIndex() int }
			if errors.As(err, &ix) && ix.ValueIndex() >= 0 && ix.ValueIndex() < len(values) {
				index = ix.ValueIndex()
			}
			ve := &ValueError{Index: index, Msg: name.String() + ": " + err.Error()}
			if index >= 0 {
				ve.Value = values[index]
				ve.Msg = name.String() + " refuses the value: " + err.Error()
			}
			return Condition{}, ve
		}
	}
	return Condition{k}, nil
}

// validate calls v.Validate, turning a panic into an error.
func validate(v Validator, values []string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the operator panicked: %v", r)
		}
	}()
	return v.Validate(append([]string(nil), values...))
}

// evalCustom evaluates a plugin operator over the request's values of the
// key. It is Eval for a positive operator, asking the Custom operator
// instead of comparing values itself. The first error ends it.
func (k *compiled) evalCustom(vals []string) (bool, Outcome, error) {
	if len(vals) == 0 {
		if k.name.IfExists || k.name.Set == ForAllValues {
			return true, Matched, nil
		}
		return false, KeyMissing, nil
	}
	all := k.name.Set == ForAllValues
	for _, v := range vals {
		hit, err := k.callCustom(v)
		if err != nil {
			return false, OperatorFailed, &OperatorError{Name: k.name, Key: k.key, Err: err}
		}
		switch {
		case all && !hit:
			return false, NotMatched, nil
		case !all && hit:
			return true, Matched, nil
		}
	}
	if all {
		return true, Matched, nil
	}
	return false, NotMatched, nil
}

// callCustom asks the operator about one request value. A panic is an
// error: a misbehaving operator must not bring the evaluator down.
func (k *compiled) callCustom(v string) (hit bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			hit, err = false, fmt.Errorf("the operator panicked: %v", r)
		}
	}()
	return k.custom.Match(v, k.values)
}
