package bridge_test

import (
	"encoding/json"
	"testing"

	"github.com/iamlab/iamlab/engine/simulate"
	"github.com/iamlab/iamlab/wasm/js/bridge"
)

// benchRequest is the playground's default example: two statements, one
// action on one resource. The site's browser measurement (site/browser)
// runs the same request in Chromium.
const benchRequest = `{"PolicyInputList":["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadReports\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::reports\",\"arn:aws:s3:::reports/*\"]},{\"Sid\":\"NeverDelete\",\"Effect\":\"Deny\",\"Action\":\"s3:Delete*\",\"Resource\":\"*\"}]}"],"CallerArn":"arn:aws:iam::111122223333:user/alice","ActionNames":["s3:GetObject"],"ResourceArns":["arn:aws:s3:::reports/2026/q3.csv"]}`

// The parts of one decision through the JSON API, each timed alone: run
// natively and under Node (GOOS=js GOARCH=wasm go test -bench, with Go's
// go_js_wasm_exec on PATH) to see where WebAssembly is slower.

func BenchmarkSimulateJSON(b *testing.B) {
	in := []byte(benchRequest)
	b.ReportAllocs()
	for b.Loop() {
		bridge.Simulate(in)
	}
}

func BenchmarkSimulateDecode(b *testing.B) {
	in := []byte(benchRequest)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := simulate.DecodeRequest("request", in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSimulateEngine(b *testing.B) {
	req, err := simulate.DecodeRequest("request", []byte(benchRequest))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := simulate.CustomPolicy(req, simulate.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSimulateEncode(b *testing.B) {
	req, err := simulate.DecodeRequest("request", []byte(benchRequest))
	if err != nil {
		b.Fatal(err)
	}
	resp, err := simulate.CustomPolicy(req, simulate.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := json.Marshal(resp); err != nil {
			b.Fatal(err)
		}
	}
}
