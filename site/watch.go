package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"strings"
	"time"
)

// Rebuild is one build made by [Generator.Watch].
type Rebuild struct {
	First   bool     // the build Watch starts with
	Changed []string // what changed since the last build: "content", "templates", "front end"
	Report  *Report  // nil when the build failed
	Err     error    // why it failed; the output folder keeps the last good build
}

// Watch builds the site, then looks at its sources every interval and
// rebuilds it when one changed (and then stayed the same for an interval),
// until ctx ends; onBuild is called after
// each build. A rebuild does only what the change needs: a changed page
// or template renders the pages again, keeping the bundled front end and
// the compiled engine; a changed script or style sheet bundles the front
// end again; the engine is compiled once, by the first build. A build that
// fails leaves the last good one in the output folder.
func (g *Generator) Watch(ctx context.Context, interval time.Duration, onBuild func(Rebuild)) error {
	c := &g.cfg
	sources := map[string][]string{"content": {c.content}}
	if c.tmpl != "" {
		sources["templates"] = []string{c.tmpl}
	}
	if c.web != "" {
		sources["front end"] = []string{filepath.Join(c.web, "src"), filepath.Join(c.web, "styles"),
			filepath.Join(c.web, "package-lock.json"), filepath.Join(c.web, "tsconfig.json")}
	}
	stamp := func() map[string]string {
		out := map[string]string{}
		for kind, paths := range sources {
			out[kind] = fingerprint(paths)
		}
		return out
	}
	last := stamp()
	rep, assets, err := g.build(ctx, reuse{})
	onBuild(Rebuild{First: true, Report: rep, Err: err})
	// What the output folder holds: whether there is a good build in it,
	// its assets, and the front end its bundle was made from.
	have, bundled := err == nil, last["front end"]
	var list []Asset
	if have {
		list = rep.Assets
	}
	settling := last
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
		now := stamp()
		if !maps.Equal(now, settling) {
			// Wait until the sources stay the same for one interval, so
			// that a file being written is not built half-written.
			settling = now
			continue
		}
		var changed []string
		for _, kind := range []string{"content", "templates", "front end"} {
			if now[kind] != last[kind] {
				changed = append(changed, kind)
			}
		}
		if len(changed) == 0 {
			continue
		}
		last = now
		r := reuse{assets: assets, list: list,
			frontEnd: have && c.web != "" && bundled == now["front end"],
			engine:   have && c.engine}
		rep, a, err := g.build(ctx, r)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err == nil {
			have, bundled, assets, list = true, now["front end"], a, rep.Assets
		}
		onBuild(Rebuild{Changed: changed, Report: rep, Err: err})
	}
}

// fingerprint sums the names, sizes and modification times of the files
// under paths (node_modules and hidden folders left out).
func fingerprint(paths []string) string {
	h := sha256.New()
	for _, root := range paths {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(h, "%s: %v\n", p, err)
				return nil
			}
			if d.IsDir() {
				if p != root && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			fmt.Fprintf(h, "%s %d %d\n", p, info.Size(), info.ModTime().UnixNano())
			return nil
		})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// String is the rebuild in one line, then its errors, one a line.
func (r Rebuild) String() string {
	what := "built"
	if !r.First {
		what = "rebuilt (" + strings.Join(r.Changed, ", ") + " changed)"
	}
	if r.Err != nil {
		return fmt.Sprintf("%s: FAILED, still serving the last good build:\n%v", strings.Replace(what, "built", "build", 1), r.Err)
	}
	return fmt.Sprintf("%s %d pages in %s", what, r.Report.Pages, r.Report.Duration.Round(time.Millisecond))
}
