package federation

import "testing"

func BenchmarkVerify(b *testing.B) {
	is, p := fuzzIssuer(b)
	tok := mint(b, is, githubClaims())
	for b.Loop() {
		if _, err := Verify(p, tok, t0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifySAML(b *testing.B) {
	idp, p := fuzzSAML(b)
	s := assertion(b, idp, goodInput())
	for b.Loop() {
		if _, err := VerifySAML(p, samlRoleARN, s, t0); err != nil {
			b.Fatal(err)
		}
	}
}
