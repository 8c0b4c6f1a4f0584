//go:build browser

package browser

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/simulate"
	"github.com/iamlab/iamlab/wasm/js/bridge"
)

// measureRequest is the playground's default example as one
// SimulateCustomPolicy request: two statements, one action on one
// resource (wasm/js/bridge's benchmarks time the same request).
const measureRequest = `{"PolicyInputList":["{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReadReports\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::reports\",\"arn:aws:s3:::reports/*\"]},{\"Sid\":\"NeverDelete\",\"Effect\":\"Deny\",\"Action\":\"s3:Delete*\",\"Resource\":\"*\"}]}"],"CallerArn":"arn:aws:iam::111122223333:user/alice","ActionNames":["s3:GetObject"],"ResourceArns":["arn:aws:s3:::reports/2026/q3.csv"]}`

// spread is a median with its range.
type spread struct{ median, min, max float64 }

func spreadOf(xs []float64) spread {
	s := slices.Clone(xs)
	slices.Sort(s)
	return spread{s[len(s)/2], s[0], s[len(s)-1]}
}

func (s spread) String() string {
	return fmt.Sprintf("median %.1f (%.1f–%.1f)", s.median, s.min, s.max)
}

// TestMeasure records the engine modules' sizes, the time from navigation
// to the first decision, and a decision's time in the browser and
// natively, compared like with like, into measurements.txt beside the
// screenshots (README.md reports them).
func TestMeasure(t *testing.T) {
	var b strings.Builder
	fmt.Fprintf(&b, "site build: %s\n", shared.buildDur.Round(time.Millisecond))
	for _, a := range shared.assets {
		fmt.Fprintf(&b, "%-22s %9d bytes raw, %9d gzip\n", a.Path, a.Size, a.Gzip)
	}

	// Start-up: fresh tabs (their own storage and cache), each navigated
	// once.
	const loads = 9
	marks := []string{"iamlab:editors-ready", "iamlab:wasm-compiled", "iamlab:wasm-instantiated", "iamlab:engine-ready", "iamlab:first-decision", "iamlab:lab-start", "iamlab:lab-ready"}
	files := []string{"playground.js", "/chunks/editing-", "/iamlab.wasm", "/wasm_exec.js"} // editing-HASH.js: the CodeMirror editors' chunk
	times := map[string][]float64{}
	for range loads {
		ctx := tab(t)
		openPlayground(t, ctx, "")
		waitFor(t, ctx, `performance.getEntriesByName('iamlab:lab-ready').length > 0`)
		for _, m := range marks {
			times[m] = append(times[m], eval[float64](t, ctx, fmt.Sprintf(`performance.getEntriesByName(%q)[0].startTime`, m)))
		}
		times["first call"] = append(times["first call"], eval[float64](t, ctx, `parseFloat(document.querySelector('[data-testid=timing]').textContent.match(/in ([0-9.]+) ms/)[1])`))
		for _, f := range files {
			times[f] = append(times[f], eval[float64](t, ctx, fmt.Sprintf(`performance.getEntriesByType('resource').find(e => new URL(e.name).pathname.includes(%q))?.responseEnd ?? -1`, f)))
		}
	}
	for _, f := range files {
		fmt.Fprintf(&b, "navigation to %-22s %d fresh loads, ms: %s\n", f+" received", loads, spreadOf(times[f]))
	}
	fmt.Fprintf(&b, "the first decision's call (decide, while the browser compiles what it runs), %d fresh loads, ms: %s\n", loads, spreadOf(times["first call"]))
	for _, m := range marks {
		fmt.Fprintf(&b, "navigation to %-22s %d fresh loads, ms: %s\n", strings.TrimPrefix(m, "iamlab:"), loads, spreadOf(times[m]))
	}
	// The target is 500 ms (README.md); the machine is shared, so only a
	// collapse fails the test.
	assert.Less(t, spreadOf(times["iamlab:first-decision"]).median, 10000.0, "the first decision comes within seconds even on a loaded machine")

	// One decision, in rounds, in the browser: a call that does nothing
	// (simulate(0), answered at once with an InvalidInput error: the cost
	// of crossing between JavaScript and Go), the JSON
	// API (iamlab.simulate: decode, simulate with explanations, encode),
	// and the engine alone (iamlab.benchmark: simulate.CustomPolicy on a
	// decoded request, in a Go loop).
	ctx := tab(t)
	openPlayground(t, ctx, "")
	const rounds, n = 7, 1000
	js := fmt.Sprintf(`(() => {
		const req = %q, n = %d, out = {call: [], json: [], decide: [], engine: []};
		const time = (f) => { const t0 = performance.now(); for (let i = 0; i < n; i++) f(); return (performance.now() - t0) * 1000 / n; };
		const bench = JSON.stringify({request: JSON.parse(req), n});
		for (let i = 0; i < 3 * n; i++) iamlab.simulate(req); // warm up: let the compiler tier up
		for (let r = 0; r < %d; r++) {
			out.call.push(time(() => iamlab.simulate(0)));
			out.json.push(time(() => iamlab.simulate(req)));
			out.decide.push(time(() => iamlab.decide(req)));
			out.engine.push(JSON.parse(iamlab.benchmark(bench)).nsPerOp / 1000);
		}
		return out;
	})()`, measureRequest, n, rounds)
	var browser struct{ Call, JSON, Decide, Engine []float64 }
	raw := eval[map[string][]float64](t, ctx, js)
	browser.Call, browser.JSON, browser.Decide, browser.Engine = raw["call"], raw["json"], raw["decide"], raw["engine"]
	require.Len(t, browser.JSON, rounds)

	// The same functions natively, as Go benchmarks: with every core, and
	// on one core as a browser tab has (the collector then gets no second
	// core either).
	req, err := simulate.DecodeRequest("request", []byte(measureRequest))
	require.NoError(t, err)
	var r struct{ OK bool }
	require.NoError(t, json.Unmarshal(bridge.Simulate([]byte(measureRequest)), &r))
	require.True(t, r.OK)
	nativeOf := func(fn func([]byte) []byte) func() float64 {
		return func() float64 {
			res := testing.Benchmark(func(b *testing.B) {
				in := []byte(measureRequest)
				for b.Loop() {
					fn(in)
				}
			})
			return float64(res.NsPerOp()) / 1000
		}
	}
	nativeJSON, nativeDecide := nativeOf(bridge.Simulate), nativeOf(bridge.Decide)
	nativeEngine := func() float64 {
		res := testing.Benchmark(func(b *testing.B) {
			for b.Loop() {
				if _, err := simulate.CustomPolicy(req, simulate.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
		return float64(res.NsPerOp()) / 1000
	}
	var jsonAll, decideAll, engineAll, jsonOne, decideOne, engineOne []float64
	for range 5 {
		jsonAll = append(jsonAll, nativeJSON())
		decideAll = append(decideAll, nativeDecide())
		engineAll = append(engineAll, nativeEngine())
	}
	procs := runtime.GOMAXPROCS(1)
	for range 5 {
		jsonOne = append(jsonOne, nativeJSON())
		decideOne = append(decideOne, nativeDecide())
		engineOne = append(engineOne, nativeEngine())
	}
	runtime.GOMAXPROCS(procs)

	bc, bj, be := spreadOf(browser.Call), spreadOf(browser.JSON), spreadOf(browser.Engine)
	nj, ne, nj1, ne1 := spreadOf(jsonAll), spreadOf(engineAll), spreadOf(jsonOne), spreadOf(engineOne)
	fmt.Fprintf(&b, "a call that does nothing (iamlab.simulate(0)), browser, %d rounds of %d, µs: %s\n", rounds, n, bc)
	fmt.Fprintf(&b, "one decision through the JSON API (bridge.Simulate), µs: browser %s (%d rounds of %d); native %s, on one core %s; ratio of medians %.1f× (%.1f× one core)\n",
		bj, rounds, n, nj, nj1, bj.median/nj.median, bj.median/nj1.median)
	bd, nd, nd1 := spreadOf(browser.Decide), spreadOf(decideAll), spreadOf(decideOne)
	fmt.Fprintf(&b, "one decision and its words, as the playground asks (bridge.Decide), µs: browser %s; native %s, on one core %s; ratio of medians %.1f× (%.1f× one core)\n",
		bd, nd, nd1, bd.median/nd.median, bd.median/nd1.median)
	fmt.Fprintf(&b, "one decision, the engine alone (simulate.CustomPolicy on a decoded request), µs: browser %s; native %s, on one core %s; ratio of medians %.1f× (%.1f× one core)\n",
		be, ne, ne1, be.median/ne.median, be.median/ne1.median)
	t.Log("\n" + b.String())
	require.NoError(t, os.WriteFile(filepath.Join(shared.shots, "measurements.txt"), []byte(b.String()), 0o644))
}

// TestLabModuleWaitsForTheFirstDecision: the playground's first decision
// needs the light module only; the lab module starts loading after it,
// and a docs page fetches it only when one of its scenarios is opened to
// run.
func TestLabModuleWaitsForTheFirstDecision(t *testing.T) {
	ctx := tab(t)
	openPlayground(t, ctx, "")
	waitFor(t, ctx, `performance.getEntriesByName('iamlab:lab-ready').length > 0`)
	first := eval[float64](t, ctx, `performance.getEntriesByName('iamlab:first-decision')[0].startTime`)
	labStart := eval[float64](t, ctx, `performance.getEntriesByName('iamlab:lab-start')[0].startTime`)
	assert.GreaterOrEqual(t, labStart, first, "the lab module starts after the first decision")
	assert.Equal(t, "function", eval[string](t, ctx, `typeof iamlabLab.runScenario`))

	do(t, ctx, chromedp.Navigate(shared.url+"/basics/what-is-iam/"), chromedp.WaitVisible(`[data-testid=iam-playground]`))
	do(t, ctx, chromedp.Click(`[data-testid=iam-playground-edit]`))
	waitFor(t, ctx, `document.querySelector('[data-testid=iam-playground-result]') !== null`)
	fetched := `performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)`
	assert.Contains(t, eval[[]string](t, ctx, fetched), "/iamlab.wasm")
	assert.NotContains(t, eval[[]string](t, ctx, fetched), "/iamlab-lab.wasm", "not before a scenario runs")

	// Its scenario block fetches the lab module when it is opened to run.
	do(t, ctx, chromedp.Click(`[data-testid=iam-scenario-edit]`))
	waitFor(t, ctx, fetched+`.includes('/iamlab-lab.wasm')`)
}
