package site

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// buildEngine compiles wasm/js for the browser into out/iamlab.wasm,
// copies the Go installation's wasm_exec.js beside it, and measures both.
//
// The linker's -s -w drop the symbol table and DWARF, and -trimpath the
// file paths: none of them is used at run time in a browser.
func buildEngine(ctx context.Context, goBinary, module, out string) ([]Asset, error) {
	wasmPath, err := filepath.Abs(filepath.Join(out, "iamlab.wasm"))
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, goBinary, "build", "-trimpath", "-ldflags=-s -w", "-o", wasmPath, "./wasm/js")
	cmd.Dir = module
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("compiling wasm/js: %w\n%s", err, errOut.String())
	}
	goroot, err := exec.CommandContext(ctx, goBinary, "env", "GOROOT").Output()
	if err != nil {
		return nil, fmt.Errorf("go env GOROOT: %w", err)
	}
	execJS, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, fmt.Errorf("wasm_exec.js of the Go installation: %w", err)
	}
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return nil, err
	}
	var list []Asset
	for _, f := range []struct {
		rel  string
		data []byte
	}{{"iamlab.wasm", wasm}, {"wasm_exec.js", execJS}} {
		a, err := writeAsset(out, f.rel, f.data)
		if err != nil {
			return nil, err
		}
		list = append(list, a)
	}
	return list, nil
}
