package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
)

// engineModules are the engine's browser builds: the light module every
// playground loads first, and the lab module (the scenario language, the
// account model, the catalog) that pages load only when they need it.
func engineModules() []engineModule {
	return []engineModule{{"./wasm/js", "iamlab.wasm"}, {"./wasm/js/lab", "iamlab-lab.wasm"}}
}

// engineModule is a GOOS=js package and the file it is built into.
type engineModule struct{ pkg, file string }

// buildEngine compiles the engine's browser modules (wasm/js into
// out/iamlab.wasm, wasm/js/lab into out/iamlab-lab.wasm), copies the Go
// installation's wasm_exec.js beside them, and measures all three.
//
// The two modules compile at the same time. The linker's -s -w drop the
// symbol table and DWARF, and -trimpath the file paths: none of them is
// used at run time in a browser.
func buildEngine(ctx context.Context, goBinary, module, out string) ([]Asset, error) {
	modules := engineModules()
	wasm := make([][]byte, len(modules))
	errs := make([]error, len(modules))
	var wg sync.WaitGroup
	for i, m := range modules {
		wg.Go(func() { wasm[i], errs[i] = compileModule(ctx, goBinary, module, m.pkg, filepath.Join(out, m.file)) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	goroot, err := exec.CommandContext(ctx, goBinary, "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %w", err)
	}
	execJS, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, fmt.Errorf("wasm_exec.js of the Go installation: %w", err)
	}
	var list []Asset
	for i, m := range modules {
		a, err := writeAsset(out, m.file, wasm[i])
		if err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	a, err := writeAsset(out, "wasm_exec.js", execJS)
	if err != nil {
		return nil, err
	}
	return append(list, a), nil
}

// compileModule builds one GOOS=js package into path and returns its bytes.
func compileModule(ctx context.Context, goBinary, module, pkg, path string) ([]byte, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, goBinary, "build", "-trimpath", "-ldflags=-s -w", "-o", abs, pkg)
	cmd.Dir = module
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("compiling %s for the browser: %w\n%s", pkg, err, errOut.String())
	}
	return os.ReadFile(abs)
}
