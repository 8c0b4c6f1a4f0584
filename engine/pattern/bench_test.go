package pattern_test

import (
	"testing"

	"github.com/iamlab/iamlab/engine/pattern"
)

func benchMatch(b *testing.B, src string, o pattern.Options, input string, ctx pattern.Context) {
	p, err := pattern.Compile(src, o)
	if err != nil {
		b.Fatal(err)
	}
	if m, _ := p.Match(input, ctx); !m {
		b.Fatalf("%q does not match %q", src, input)
	}
	b.ReportAllocs()
	for b.Loop() {
		p.Match(input, ctx)
	}
}

func BenchmarkMatchLiteral(b *testing.B) {
	benchMatch(b, "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe", like, "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe", nil)
}

func BenchmarkMatchLiteralFold(b *testing.B) {
	benchMatch(b, "arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe", ignoreCase, "ARN:AWS:IAM::123456789012:USER/DIVISION_ABC/SUBDIVISION_XYZ/JANEDOE", nil)
}

func BenchmarkMatchPrefix(b *testing.B) {
	benchMatch(b, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*", like, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", nil)
}

func BenchmarkMatchAll(b *testing.B) {
	benchMatch(b, "*", like, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", nil)
}

func BenchmarkMatchWildcards(b *testing.B) {
	benchMatch(b, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*.jpg", like, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", nil)
}

func BenchmarkMatchWildcardsFold(b *testing.B) {
	benchMatch(b, "arn:aws:s3:::doc-example-bucket/*/TEST/*.JPG", likeFold, "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", nil)
}

func BenchmarkMatchVariable(b *testing.B) {
	benchMatch(b, "arn:aws:s3:::mybucket/${aws:username}/*", like, "arn:aws:s3:::mybucket/David/notes.txt", david)
}

func BenchmarkMatchVariableDefault(b *testing.B) {
	benchMatch(b, "arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/dept, 'company-wide'}", like, "arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide", david)
}

func BenchmarkMatchHostile(b *testing.B) {
	src, in := "", make([]byte, 1000)
	for range 10 {
		src += "a*"
	}
	for i := range in {
		in[i] = 'a'
	}
	p, err := pattern.Compile(src+"b", like)
	if err != nil {
		b.Fatal(err)
	}
	s := string(in)
	b.ReportAllocs()
	for b.Loop() {
		p.Match(s, nil)
	}
}

func BenchmarkCompile(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = pattern.Compile("arn:aws:s3:::mybucket/${aws:username}/*", like)
	}
}
