package arn_test

import (
	"fmt"

	"github.com/iamlab/iamlab/engine/arn"
)

func ExampleParse() {
	a, err := arn.Parse("arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("partition=%s service=%s region=%q account=%s resource=%s\n",
		a.Partition, a.Service, a.Region, a.Account, a.Resource)
	// Output:
	// partition=aws service=iam region="" account=123456789012 resource=user/division_abc/subdivision_xyz/JaneDoe
}

func ExampleParse_error() {
	_, err := arn.Parse("arn:aws:iam::account-id:user/Bob")
	fmt.Println(err)
	// Output:
	// arn: "arn:aws:iam::account-id:user/Bob": account "account-id" is neither a 12-digit account ID nor "aws"
}

func ExampleAccountOf() {
	fmt.Println(arn.AccountOf("arn:aws:sts::123456789012:assumed-role/Accounting-Role/Mary"))
	fmt.Println(arn.AccountOf("arn:aws:s3:::DOC-EXAMPLE-BUCKET"))
	fmt.Println(arn.AccountOf("Mary"))
	fmt.Println(arn.IsAccountID("123456789012"), arn.IsAccountID("1234-5678-9012"))
	// Output:
	// 123456789012 true
	//  true
	//  false
	// true false
}

func ExampleCompilePattern() {
	p, err := arn.CompilePattern("arn:aws:someservice:*:111122223333:finance/*", true)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Each part is matched separately: the '*' in the region cannot
	// swallow the account and the colons around it.
	fmt.Println(p.Match("arn:aws:someservice:us-east-2:111122223333:finance/document.txt", nil))
	fmt.Println(p.Match("arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", nil))

	_, err = arn.CompilePattern("mybucket/*", true)
	fmt.Println(err)
	// Output:
	// true true
	// false true
	// arn: "mybucket/*": a resource must be "*" or an ARN ("arn:partition:service:region:account:resource")
}

func ExamplePattern_Match() {
	p, err := arn.CompilePattern("arn:aws:s3:::mybucket/${aws:username}/*", true)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Variables())
	fmt.Println(p.Match("arn:aws:s3:::mybucket/David/notes.txt", keys{"aws:username": {"David"}}))
	fmt.Println(p.Match("arn:aws:s3:::mybucket/David/notes.txt", keys{}))
	fmt.Println(p.Expand(keys{"aws:username": {"David"}}))
	// Output:
	// [aws:username]
	// true true
	// false false
	// arn:aws:s3:::mybucket/David/* true
}
