package condition_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/iamlab/iamlab/engine/condition"
)

// request is a request's context keys; keys are case-insensitive.
type request map[string][]string

func (r request) ContextValues(key string) ([]string, bool) {
	for k, v := range r {
		if strings.EqualFold(k, key) {
			return v, true
		}
	}
	return nil, false
}

// The home-directory condition of the operators page: StringLike with a
// policy variable.
func Example() {
	name, _ := condition.ParseName("StringLike")
	c, err := condition.Compile(name, "s3:prefix", []string{"", "home/", "home/${aws:username}/*"}, true)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Eval(request{"s3:prefix": {"home/David/notes"}, "aws:username": {"David"}}))
	fmt.Println(c.Eval(request{"s3:prefix": {"home/Alice/notes"}, "aws:username": {"David"}}))
	fmt.Println(c.Eval(request{"s3:prefix": {"home/David/notes"}}))
	fmt.Println(c.Eval(request{}))
	// Output:
	// true Matched
	// false NotMatched
	// false Unresolved
	// false KeyMissing
}

func ExampleParseName() {
	n, _ := condition.ParseName("ForAnyValue:StringLikeIfExists")
	fmt.Println(n.Set, n.Op, n.IfExists, n.Op.Negated())

	_, err := condition.ParseName("stringEquals")
	fmt.Println(err)
	fmt.Println(errors.Is(err, condition.ErrUnknownOperator))
	// Output:
	// ForAnyValue StringLike true false
	// unknown condition operator "stringEquals" (names are case-sensitive: did you mean "StringEquals"?)
	// true
}

func ExampleCompile_badValue() {
	_, err := condition.Compile(condition.Name{Op: condition.NumericLessThanEquals}, "s3:max-keys", []string{"10", "ten"}, true)
	fmt.Println(err)
	var ve *condition.ValueError
	if errors.As(err, &ve) {
		fmt.Println("index", ve.Index)
	}
	// Output:
	// value [1] "ten": not a number: want an integer or a decimal such as 10 or 2.5
	// index 1
}

// ForAllValues holds when the key is absent, which is why it is risky with
// Allow; ForAnyValue does not.
func ExampleCondition_Eval_setQualifiers() {
	all, _ := condition.Compile(condition.Name{Set: condition.ForAllValues, Op: condition.StringEquals},
		"dynamodb:Attributes", []string{"ID", "Message", "Tags"}, true)
	anyOf, _ := condition.Compile(condition.Name{Set: condition.ForAnyValue, Op: condition.StringEquals},
		"dynamodb:Attributes", []string{"ID", "PostDateTime"}, true)

	asked := request{"dynamodb:Attributes": {"Message", "UserName"}}
	fmt.Println(all.Eval(asked))
	fmt.Println(anyOf.Eval(asked))
	fmt.Println(all.Eval(request{}))
	fmt.Println(anyOf.Eval(request{}))
	// Output:
	// false NotMatched
	// false NotMatched
	// true Matched
	// false KeyMissing
}

func ExampleBlock_Eval() {
	ip, _ := condition.Compile(condition.Name{Op: condition.IpAddress}, "aws:SourceIp",
		[]string{"203.0.113.0/24", "2001:DB8:1234:5678::/64"}, true)
	mfa, _ := condition.Compile(condition.Name{Op: condition.Bool, IfExists: true}, "aws:MultiFactorAuthPresent",
		[]string{"true"}, true)
	b := condition.Block{ip, mfa}

	fmt.Println(b.Eval(request{"aws:SourceIp": {"203.0.113.9"}}))
	fmt.Println(b.Eval(request{"aws:SourceIp": {"2001:db8:1234:5678::1"}, "aws:MultiFactorAuthPresent": {"false"}}))
	fmt.Println(b.Eval(request{"aws:SourceIp": {"10.0.0.1"}}))
	fmt.Println(b.Keys())
	// Output:
	// true -1 Matched
	// false 1 NotMatched
	// false 0 NotMatched
	// [aws:SourceIp aws:MultiFactorAuthPresent]
}
