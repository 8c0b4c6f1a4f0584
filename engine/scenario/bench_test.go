package scenario

import (
	"io"
	"testing"
)

const benchScenario = `account 111122223333 alias "prod"
group devs
user alice path /eng/ in group devs
key alice
policy ReadLogs = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::logs", "arn:aws:s3:::logs/*"]}]}
attach ReadLogs to group devs
expect allow as alice: s3:GetObject on arn:aws:s3:::logs/2026/01.txt
expect deny as alice: iam:CreateUser on arn:aws:iam::111122223333:user/bob
`

// BenchmarkNewParser is the cost of building the grammar.
func BenchmarkNewParser(b *testing.B) {
	for b.Loop() {
		if _, err := NewParser(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse parses an eight-line scenario with a parser built once.
func BenchmarkParse(b *testing.B) {
	p, err := NewParser()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := p.Parse("bench", []byte(benchScenario)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun parses and runs it: a cloud, an account, a user in a group
// with a managed policy, two decisions.
func BenchmarkRun(b *testing.B) {
	p, err := NewParser()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := RunSource("bench", []byte(benchScenario), io.Discard, Options{Parser: p}); err != nil {
			b.Fatal(err)
		}
	}
}
