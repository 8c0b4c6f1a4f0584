package catalog_test

import (
	"fmt"

	"github.com/iamlab/iamlab/engine/catalog"
)

func ExampleCatalog_Expand() {
	c, err := catalog.Load()
	if err != nil {
		panic(err)
	}
	for _, a := range c.Expand("sts:AssumeRole*") {
		fmt.Println(a, a.Level)
	}
	// Output:
	// sts:AssumeRole Write
	// sts:AssumeRoleWithSAML Write
	// sts:AssumeRoleWithWebIdentity Write
}

func ExampleCatalog_ResourceTypes() {
	c, err := catalog.Load()
	if err != nil {
		panic(err)
	}
	types := c.ResourceTypes("arn:aws:s3:::amzn-s3-demo-bucket/photos/cat.jpg")
	fmt.Println(types[0].Name, types[0].ARNFormats[0])
	// Output:
	// object arn:${Partition}:s3:::${BucketName}/${ObjectName}
}

func ExampleAction_SupportsKey() {
	c, err := catalog.Load()
	if err != nil {
		panic(err)
	}
	pass, _ := c.Action("iam:PassRole")
	fmt.Println(pass.SupportsKey(c, "iam:PassedToService"), pass.SupportsKey(c, "s3:prefix"))
	// Output:
	// true false
}
