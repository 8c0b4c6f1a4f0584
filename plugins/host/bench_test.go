package host_test

import (
	"context"
	"testing"

	"github.com/iamlab/iamlab/engine/eval"
	"github.com/iamlab/iamlab/plugins/host"
)

// BenchmarkMatch measures one call of a plugin operator through the host:
// encoding the request, alloc, writing it into the module's memory, the
// call, reading and parsing the answer, free.
func BenchmarkMatch(b *testing.B) {
	cases := []struct {
		plugin, op, value string
		policy            []string
	}{
		{"cidr", "CidrOverlaps", "10.20.0.0/16", []string{"192.168.0.0/16", "10.0.0.0/8"}},
		{"regex", "RegexMatch", "alice.smith", []string{`[a-z]+\.[a-z]+`}},
		{"hours", "WithinHours", "2026-11-23T10:00:00Z", []string{"Mon-Fri 09:00-17:00 +01:00"}},
		{"misbehave", "Fine", "x", []string{"x"}},
	}
	wasmFiles["tiny"] = tiny(nil) // answers {"match":true} at once: the host's own cost
	cases = append(cases, struct {
		plugin, op, value string
		policy            []string
	}{"tiny", "Tiny", "x", []string{"x"}})
	for _, c := range cases {
		b.Run(c.op, func(b *testing.B) {
			h := newHost(b)
			load(b, h, c.plugin)
			op, _ := h.Lookup(c.op)
			b.ReportAllocs()
			for b.Loop() {
				if ok, err := op.Match(c.value, c.policy); !ok || err != nil {
					b.Fatal(ok, err)
				}
			}
		})
	}
}

// BenchmarkEvaluate measures a decision whose policy has a plugin
// condition, against the same policy with a built-in condition instead.
func BenchmarkEvaluate(b *testing.B) {
	for _, c := range []struct{ name, cond string }{
		{"builtin", `"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}`},
		{"plugin", `"Plugin:CidrOverlaps":{"aws:SourceIp":"10.0.0.0/8"}`},
	} {
		b.Run(c.name, func(b *testing.B) {
			h := newHost(b)
			load(b, h, "cidr")
			ps := &eval.Policies{Identity: []eval.Policy{parse(b, h, "p", `{"Version":"2012-10-17","Statement":[
				{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{`+c.cond+`}}]}`)}}
			r := request(b, [2]string{"aws:SourceIp", "10.1.2.3"})
			b.ReportAllocs()
			for b.Loop() {
				if eval.Evaluate(ps, r) != eval.Allowed {
					b.Fatal("not allowed")
				}
			}
		})
	}
}

// BenchmarkRestart measures what a failure costs the next call: a fresh
// instance of the module (its Go runtime starting) before the call.
func BenchmarkRestart(b *testing.B) {
	h := newHost(b)
	load(b, h, "misbehave")
	fine, _ := h.Lookup("Fine")
	panics, _ := h.Lookup("Panic")
	b.ReportAllocs()
	for b.Loop() {
		panics.Match("x", nil)
		if ok, err := fine.Match("x", []string{"x"}); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkLoad measures loading a plugin whose compiled code is in the
// cache: checking the module, starting an instance, reading its names.
func BenchmarkLoad(b *testing.B) {
	ctx := context.Background()
	wasm := wasmFiles["cidr"]
	warm := newHost(b)
	load(b, warm, "cidr") // keeps the compiled module in the cache
	b.ReportAllocs()
	for b.Loop() {
		h, err := host.New(ctx, host.WithCompilationCache(cache))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := h.Load(ctx, "cidr", wasm); err != nil {
			b.Fatal(err)
		}
		h.Close(ctx)
	}
}
