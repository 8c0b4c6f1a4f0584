package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// entryPoints are the front end's bundles: the script of every page, the
// playground's, and the style sheet.
var entryPoints = []api.EntryPoint{
	{InputPath: "src/docs.ts", OutputPath: "docs"},
	{InputPath: "src/playground/main.ts", OutputPath: "playground"},
	{InputPath: "src/plugins/worker.ts", OutputPath: "plugin-worker"}, // the playground's plugin worker (site/README.md)
	{InputPath: "styles/site.css", OutputPath: "site"},
}

// bundle installs the front end's npm dependencies when needed, bundles and
// minifies it with esbuild into out/assets, and returns the assets' URLs.
func bundle(ctx context.Context, web, npm, out string, log io.Writer) (Assets, []Asset, error) {
	var a Assets
	web, err := filepath.Abs(web)
	if err != nil {
		return a, nil, err
	}
	if err := npmInstall(ctx, web, npm, log); err != nil {
		return a, nil, err
	}
	res := api.Build(api.BuildOptions{
		AbsWorkingDir:       web,
		EntryPointsAdvanced: entryPoints,
		Bundle:              true,
		// Code shared by the entry points, and what they import
		// dynamically (the playground's CodeMirror editors), goes to
		// chunks named by their content's hash.
		Splitting:         true,
		ChunkNames:        "chunks/[name]-[hash]",
		Metafile:          true,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Format:            api.FormatESModule,
		Target:            api.ES2022,
		Platform:          api.PlatformBrowser,
		Outdir:            filepath.Join(out, "assets"),
		Write:             false,
		LogLevel:          api.LogLevelSilent,
		Charset:           api.CharsetUTF8,
		LegalComments:     api.LegalCommentsLinked,
		Tsconfig:          filepath.Join(web, "tsconfig.json"),
	})
	if len(res.Errors) > 0 {
		msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		return a, nil, fmt.Errorf("bundling the front end:\n%s", strings.Join(msgs, ""))
	}
	var list []Asset
	for _, f := range res.OutputFiles {
		rel, err := filepath.Rel(out, f.Path)
		if err != nil {
			return a, nil, err
		}
		rel = filepath.ToSlash(rel)
		asset, err := writeAsset(out, rel, f.Contents)
		if err != nil {
			return a, nil, err
		}
		list = append(list, asset)
		switch rel {
		case "assets/docs.js":
			a.Docs = assetURL(rel, f.Contents)
		case "assets/playground.js":
			a.Playground = assetURL(rel, f.Contents)
		case "assets/site.css":
			a.CSS = assetURL(rel, f.Contents)
		}
	}
	if a.Docs == "" || a.Playground == "" || a.CSS == "" {
		return a, nil, errors.New("bundling the front end: esbuild did not write docs.js, playground.js and site.css")
	}
	if a.PlaygroundChunks, err = chunksOf(res.Metafile, web, out, "assets/playground.js", false); err != nil {
		return a, nil, err
	}
	if a.DocsChunks, err = chunksOf(res.Metafile, web, out, "assets/docs.js", true); err != nil {
		return a, nil, err
	}
	return a, list, nil
}

// chunksOf reads esbuild's metafile and returns the URLs of the chunks an
// entry point's output imports (statically, or dynamically too unless
// static is set), and what those import in turn: what its page preloads
// (rel=modulepreload), so that the browser fetches them while it reads
// the page instead of after the entry.
func chunksOf(metafile, web, out, entry string, static bool) ([]string, error) {
	var meta struct {
		Outputs map[string]struct {
			Imports []struct{ Path, Kind string }
		}
	}
	if err := json.Unmarshal([]byte(metafile), &meta); err != nil {
		return nil, fmt.Errorf("reading esbuild's metafile: %w", err)
	}
	byRel := map[string][]string{} // output, relative to out → its imports, likewise
	for path, o := range meta.Outputs {
		rel, err := filepath.Rel(out, filepath.Join(web, path))
		if err != nil {
			return nil, err
		}
		for _, imp := range o.Imports {
			if static && imp.Kind != "import-statement" {
				continue
			}
			to, err := filepath.Rel(out, filepath.Join(web, imp.Path))
			if err != nil {
				return nil, err
			}
			byRel[filepath.ToSlash(rel)] = append(byRel[filepath.ToSlash(rel)], filepath.ToSlash(to))
		}
	}
	var urls []string
	seen := map[string]bool{entry: true}
	queue := []string{entry}
	for len(queue) > 0 {
		next := queue[0]
		queue = queue[1:]
		for _, imp := range byRel[next] {
			if seen[imp] {
				continue
			}
			seen[imp] = true
			urls = append(urls, "/"+imp)
			queue = append(queue, imp)
		}
	}
	return urls, nil
}

// writeAsset writes a file of the output, with a gzip-compressed copy
// beside it when that saves enough to matter, and measures both.
func writeAsset(out, rel string, data []byte) (Asset, error) {
	name := filepath.Join(out, filepath.FromSlash(rel))
	if err := writeFile(name, data); err != nil {
		return Asset{}, err
	}
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return Asset{}, err
	}
	zw.Write(data)
	if err := zw.Close(); err != nil {
		return Asset{}, err
	}
	if len(data) > 1024 {
		if err := writeFile(name+".gz", gz.Bytes()); err != nil {
			return Asset{}, err
		}
	}
	return Asset{Path: rel, Size: int64(len(data)), Gzip: int64(gz.Len())}, nil
}

// npmInstall runs npm ci when node_modules does not match
// package-lock.json (a stamp in node_modules records the lock file it was
// installed from).
func npmInstall(ctx context.Context, web, npm string, log io.Writer) error {
	lock, err := os.ReadFile(filepath.Join(web, "package-lock.json"))
	if err != nil {
		return err
	}
	sum := sha256.Sum256(lock)
	want := hex.EncodeToString(sum[:])
	stamp := filepath.Join(web, "node_modules", ".iamlab-lock-sha256")
	if got, err := os.ReadFile(stamp); err == nil && string(got) == want {
		return nil
	}
	fmt.Fprintf(log, "installing the front end's npm packages (npm ci in %s)\n", web)
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund", "--loglevel=error")
	cmd.Dir = web
	var errOut bytes.Buffer
	cmd.Stdout = log
	cmd.Stderr = &errOut
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm ci in %s: %w\n%s", web, err, errOut.String())
	}
	return os.WriteFile(stamp, []byte(want), 0o644)
}
