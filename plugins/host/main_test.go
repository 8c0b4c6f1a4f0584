package host_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero"

	"github.com/iamlab/iamlab/plugins/host"
)

// The plugins the tests load, by name, with the package that builds them.
var pluginSources = map[string]string{
	"cidr":      "../cidr",
	"regex":     "../regex",
	"hours":     "../hours",
	"misbehave": "./testdata/misbehave",
	"future":    "./testdata/future",
}

var (
	// wasmFiles are the built plugins, by name.
	wasmFiles = map[string][]byte{}
	// cache is shared by every host of the tests, so each module is
	// compiled once.
	cache = wazero.NewCompilationCache()
)

// TestMain builds every plugin with the Go toolchain (GOOS=wasip1
// GOARCH=wasm -buildmode=c-shared) before the tests run. The tests never
// skip: a plugin that does not build fails them all.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "iamlab-plugins-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	err = buildPlugins(dir)
	if err == nil {
		for name := range pluginSources {
			var b []byte
			if b, err = os.ReadFile(filepath.Join(dir, name+".wasm")); err != nil {
				break
			}
			wasmFiles[name] = b
		}
	}
	os.RemoveAll(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "building the plugins:", err)
		os.Exit(1)
	}
	code := m.Run()
	cache.Close(context.Background())
	os.Exit(code)
}

func buildPlugins(dir string) error {
	gobin, err := exec.LookPath("go")
	if err != nil {
		gobin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(pluginSources))
	for name, src := range pluginSources {
		// Read the sources so that go test's cache notices when they change.
		if err := readSources(src); err != nil {
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(gobin, "build", "-buildmode=c-shared", "-o", filepath.Join(dir, name+".wasm"), src)
			cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
			if out, err := cmd.CombinedOutput(); err != nil {
				errs <- fmt.Errorf("go build %s: %v\n%s", src, err, out)
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

func readSources(dir string) error {
	for _, d := range []string{dir, "../guest"} {
		files, err := filepath.Glob(filepath.Join(d, "*.go"))
		if err != nil {
			return err
		}
		for _, f := range files {
			if _, err := os.ReadFile(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// newHost returns a host for one test, closed when the test ends. The call
// deadline is generous unless the test sets one: CI machines are slow.
func newHost(t testing.TB, opts ...host.Option) *host.Host {
	t.Helper()
	opts = append([]host.Option{host.WithCompilationCache(cache), host.WithCallTimeout(2 * time.Second)}, opts...)
	h, err := host.New(context.Background(), opts...)
	require.NoError(t, err)
	t.Cleanup(func() { h.Close(context.Background()) })
	return h
}

// load loads a built plugin into h.
func load(t testing.TB, h *host.Host, name string) *host.Plugin {
	t.Helper()
	b, ok := wasmFiles[name]
	require.True(t, ok, "no plugin %q was built", name)
	p, err := h.Load(context.Background(), name, b)
	require.NoError(t, err)
	return p
}

// lookup finds an operator by its full name, "Plugin:CidrOverlaps".
func lookup(t testing.TB, h *host.Host, name string) interface {
	Match(string, []string) (bool, error)
	Validate([]string) error
} {
	t.Helper()
	op, ok := h.Lookup(strings.TrimPrefix(name, "Plugin:"))
	require.True(t, ok, "no operator %s", name)
	v, ok := op.(interface {
		Match(string, []string) (bool, error)
		Validate([]string) error
	})
	require.True(t, ok, "%s does not validate", name)
	return v
}
