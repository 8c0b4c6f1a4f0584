package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/tetratelabs/wazero/sys"

	"github.com/iamlab/iamlab/engine/scenario"
	"github.com/iamlab/iamlab/engine/scenario/golden"
)

const corpus = "../../testdata"

// buildWasm builds this command for GOOS=wasip1 GOARCH=wasm.
func buildWasm(t testing.TB) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "iamlab-case.wasm")
	cmd := exec.Command("go", "build", "-o", out, ".")
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	msg, err := cmd.CombinedOutput()
	require.NoError(t, err, "building for wasip1: %s", msg)
	wasm, err := os.ReadFile(out)
	require.NoError(t, err)
	return wasm
}

// guest runs cases in wazero: one runtime with a compilation cache, the
// module compiled once, a fresh instance per case.
type guest struct {
	ctx      context.Context
	runtime  wazero.Runtime
	compiled wazero.CompiledModule
}

func newGuest(t testing.TB, wasm []byte) *guest {
	t.Helper()
	ctx := context.Background()
	cfg := wazero.NewRuntimeConfig().WithCompilationCache(wazero.NewCompilationCache())
	if dir := os.Getenv("IAMLAB_WAZERO_CACHE"); dir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(dir)
		require.NoError(t, err)
		cfg = wazero.NewRuntimeConfig().WithCompilationCache(cache)
	}
	r := wazero.NewRuntimeWithConfig(ctx, cfg)
	t.Cleanup(func() { r.Close(ctx) })
	wasi_snapshot_preview1.MustInstantiate(ctx, r)
	compiled, err := r.CompileModule(ctx, wasm)
	require.NoError(t, err)
	return &guest{ctx: ctx, runtime: r, compiled: compiled}
}

// run runs one case and returns what the guest printed.
func (g *guest) run(archive []byte) (string, string, error) {
	var stdout, stderr bytes.Buffer
	cfg := wazero.NewModuleConfig().WithName("").WithStdin(bytes.NewReader(archive)).WithStdout(&stdout).WithStderr(&stderr).WithArgs("iamlab-case")
	mod, err := g.runtime.InstantiateModule(g.ctx, g.compiled, cfg)
	if mod != nil {
		mod.Close(g.ctx)
	}
	var exit *sys.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 0 {
		err = nil
	}
	return stdout.String(), stderr.String(), err
}

type goldenCase struct {
	path string
	data []byte
	c    *golden.Case
}

func loadCorpus(t testing.TB) []goldenCase {
	t.Helper()
	paths, err := golden.Glob(corpus)
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	var out []goldenCase
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		c, err := golden.Parse(p, data)
		require.NoError(t, err)
		out = append(out, goldenCase{path: p, data: data, c: c})
	}
	return out
}

// TestCorpusUnderWazero runs every golden case natively and inside
// WebAssembly under wazero, and requires the same transcript, byte for
// byte, and the expected one, from a run whose failures are the ones the
// case declares (golden.Case.Check), as iamlab golden does.
func TestCorpusUnderWazero(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command for wasip1")
	}
	if runtime.GOOS == "wasip1" || runtime.GOOS == "js" {
		t.Skip("the host side of this test runs natively")
	}
	cases := loadCorpus(t)
	parser, err := scenario.NewParser()
	require.NoError(t, err)
	g := newGuest(t, buildWasm(t))
	var native, wasm time.Duration
	for _, gc := range cases {
		rel, _ := filepath.Rel(corpus, gc.path)
		t.Run(rel, func(t *testing.T) {
			start := time.Now()
			o := gc.c.Outcome(scenario.Options{Parser: parser})
			want := o.Transcript
			native += time.Since(start)
			if err := gc.c.Check(o); err != nil {
				t.Errorf("%v", err)
			}
			start = time.Now()
			got, stderr, err := g.run(gc.data)
			wasm += time.Since(start)
			require.NoError(t, err, "stderr: %s", stderr)
			if got != want {
				t.Errorf("wasip1 and native transcripts differ:\n%s", golden.Diff(rel, want, got))
			}
			if expected, ok := gc.c.Want(); ok && expected != got {
				t.Errorf("the transcript is not the expected one:\n%s", golden.Diff(rel, expected, got))
			}
		})
	}
	t.Logf("%d cases: native %s, wazero %s (%.1f×)", len(cases), native.Round(time.Millisecond), wasm.Round(time.Millisecond), float64(wasm)/float64(max(native, 1)))
}

// TestBadInput checks the guest's answer to something that is not a case.
func TestBadInput(t *testing.T) {
	var out, errOut bytes.Buffer
	require.Equal(t, 2, run(strings.NewReader("no scenario here"), &out, &errOut))
	require.Contains(t, errOut.String(), "scenario.iamlab")
	data, err := os.ReadFile(filepath.Join(corpus, "new-user-has-no-permissions.txtar"))
	require.NoError(t, err)
	require.Equal(t, 0, run(bytes.NewReader(data), &out, &errOut))
}

// BenchmarkCorpus measures the whole corpus natively and under wazero.
func BenchmarkCorpus(b *testing.B) {
	cases := loadCorpus(b)
	parser, err := scenario.NewParser()
	require.NoError(b, err)
	b.Run("native", func(b *testing.B) {
		for b.Loop() {
			for _, gc := range cases {
				gc.c.Run(scenario.Options{Parser: parser})
			}
		}
	})
	g := newGuest(b, buildWasm(b))
	b.Run("wazero", func(b *testing.B) {
		for b.Loop() {
			for _, gc := range cases {
				if _, _, err := g.run(gc.data); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
