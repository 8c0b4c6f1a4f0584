package arn_test

import (
	"testing"

	"github.com/iamlab/iamlab/engine/arn"
)

func benchMatch(b *testing.B, src, resource string) {
	p, err := arn.CompilePattern(src, true)
	if err != nil {
		b.Fatal(err)
	}
	if m, _ := p.Match(resource, david); !m {
		b.Fatalf("%q does not match %q", src, resource)
	}
	b.ReportAllocs()
	for b.Loop() {
		p.Match(resource, david)
	}
}

func BenchmarkMatchAll(b *testing.B) {
	benchMatch(b, "*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg")
}

func BenchmarkMatchLiteral(b *testing.B) {
	benchMatch(b, "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe", "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe")
}

func BenchmarkMatchPrefix(b *testing.B) {
	benchMatch(b, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg")
}

func BenchmarkMatchWildcardParts(b *testing.B) {
	benchMatch(b, "arn:aws:sqs:*:*:queue-*", "arn:aws:sqs:us-east-2:123456789012:queue-orders")
}

func BenchmarkMatchVariable(b *testing.B) {
	benchMatch(b, "arn:aws:s3:::mybucket/${aws:username}/*", "arn:aws:s3:::mybucket/David/notes.txt")
}

func BenchmarkMatchMismatch(b *testing.B) {
	p, err := arn.CompilePattern("arn:aws:sqs:*:*:queue-*", true)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p.Match("arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", david)
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = arn.Parse("arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe")
	}
}

func BenchmarkAccountOf(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		arn.AccountOf("arn:aws:sts::123456789012:assumed-role/Accounting-Role/Mary")
	}
}
