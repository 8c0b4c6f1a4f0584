package pattern_test

import (
	"fmt"

	"github.com/iamlab/iamlab/engine/pattern"
)

func ExampleCompile() {
	_, err := pattern.Compile("home/${aws:username", pattern.Options{Variables: true})
	fmt.Println(err)
	// Output:
	// offset 5: unterminated policy variable "${aws:username"
}

func ExamplePattern_Match() {
	p, err := pattern.Compile("arn:aws:s3:::mybucket/${aws:username}/*",
		pattern.Options{Wildcards: true, Variables: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := keys{"aws:username": {"David"}}
	fmt.Println(p.Match("arn:aws:s3:::mybucket/David/notes.txt", ctx))
	fmt.Println(p.Match("arn:aws:s3:::mybucket/Adele/notes.txt", ctx))
	fmt.Println(p.Match("arn:aws:s3:::mybucket/David/notes.txt", keys{}))
	// Output:
	// true true
	// false true
	// false false
}

func ExamplePattern_Match_default() {
	p, err := pattern.Compile("DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}",
		pattern.Options{Wildcards: true, Variables: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Match("DOC-EXAMPLE-BUCKET-yellow", keys{"aws:PrincipalTag/team": {"yellow"}}))
	fmt.Println(p.Match("DOC-EXAMPLE-BUCKET-company-wide", nil))
	// Output:
	// true true
	// true true
}

func ExamplePattern_Expand() {
	p, err := pattern.Compile("${aws:username}/${*}/*", pattern.Options{Wildcards: true, Variables: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Expand(keys{"AWS:UserName": {"David"}}))
	// Output:
	// David/*/* true
}

func ExamplePattern_Variables() {
	p, err := pattern.Compile("${aws:PrincipalTag/team}/${aws:username}/${AWS:UserName}",
		pattern.Options{Variables: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Variables(), p.HasVariables(), p.HasWildcards())
	// Output:
	// [aws:PrincipalTag/team aws:username] true false
}

func ExamplePattern_IsMatchAll() {
	for _, s := range []string{"*", "arn:*"} {
		p, err := pattern.Compile(s, pattern.Options{Wildcards: true})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(s, p.IsMatchAll())
	}
	// Output:
	// * true
	// arn:* false
}
