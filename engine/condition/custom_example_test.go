package condition_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/engine/condition"
)

// hasPrefix is a custom operator: a request value matches when it starts
// with one of the policy values. An empty request value is an error.
type hasPrefix struct{}

func (hasPrefix) Match(v string, policy []string) (bool, error) {
	if v == "" {
		return false, errors.New("an empty value has no prefix")
	}
	for _, p := range policy {
		if strings.HasPrefix(v, p) {
			return true, nil
		}
	}
	return false, nil
}

// operators is a registry of custom operators, as a plugin host would hold.
type operators map[string]condition.Custom

func (o operators) Lookup(name string) (condition.Custom, bool) {
	c, ok := o[name]
	return c, ok
}

// A plugin operator is named in its own namespace, Plugin:Name, and takes
// the set qualifiers and IfExists as AWS's operators do.
func ExampleCompileCustom() {
	ops := operators{"HasPrefix": hasPrefix{}}

	name, _ := condition.ParseName("ForAllValues:Plugin:HasPrefix")
	op, ok := ops.Lookup(name.Plugin)
	if !ok {
		fmt.Println("no plugin provides", name)
		return
	}
	c, err := condition.CompileCustom(name, "aws:TagKeys", []string{"team-", "cost-"}, true, op)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c)
	fmt.Println(c.Eval(request{"aws:TagKeys": {"team-name", "cost-center"}}))
	fmt.Println(c.Eval(request{"aws:TagKeys": {"team-name", "owner"}}))
	fmt.Println(c.EvalErr(request{"aws:TagKeys": {""}}))
	// Output:
	// "ForAllValues:Plugin:HasPrefix": {"aws:TagKeys": ["team-", "cost-"]}
	// true Matched
	// false NotMatched
	// false OperatorFailed ForAllValues:Plugin:HasPrefix on aws:TagKeys: an empty value has no prefix
}
