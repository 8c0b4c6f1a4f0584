package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Option configures a [Generator].
type Option func(*config) error

type config struct {
	content  string
	output   string
	web      string
	module   string
	engine   bool
	title    string
	log      io.Writer
	goBinary string
	npm      string
	tmpl     string // the templates' folder; "" for the ones built in
}

// WithContent sets the folder of Markdown pages (default "content").
func WithContent(dir string) Option {
	return func(c *config) error {
		if dir == "" {
			return errors.New("WithContent: empty folder")
		}
		c.content = dir
		return nil
	}
}

// WithOutput sets the folder the site is written to (default "public").
// The build replaces its contents.
func WithOutput(dir string) Option {
	return func(c *config) error {
		if dir == "" || filepath.Clean(dir) == "/" || filepath.Clean(dir) == "." {
			return fmt.Errorf("WithOutput: %q cannot be the output folder: the build replaces its contents", dir)
		}
		c.output = dir
		return nil
	}
}

// WithFrontEnd bundles the TypeScript and styles of dir (a folder with
// package.json, package-lock.json and src/), installing its npm
// dependencies first when they are missing or out of date. Without it the
// pages are built without their scripts and styles.
func WithFrontEnd(dir string) Option {
	return func(c *config) error {
		if _, err := os.Stat(filepath.Join(dir, "package-lock.json")); err != nil {
			return fmt.Errorf("WithFrontEnd: %s has no package-lock.json: %w", dir, err)
		}
		c.web = dir
		return nil
	}
}

// WithEngine compiles the engine's browser build (wasm/js of the Go module
// at moduleRoot) into the site, with wasm_exec.js beside it.
func WithEngine(moduleRoot string) Option {
	return func(c *config) error {
		if _, err := os.Stat(filepath.Join(moduleRoot, "wasm", "js", "main.go")); err != nil {
			return fmt.Errorf("WithEngine: %s is not iamlab's module root: %w", moduleRoot, err)
		}
		c.module = moduleRoot
		c.engine = true
		return nil
	}
}

// WithTemplates reads the page templates from dir (base.html, docs.html,
// playground.html) at each build instead of using the copies built into
// the program, so that a rebuild sees a changed template.
func WithTemplates(dir string) Option {
	return func(c *config) error {
		if _, err := os.Stat(filepath.Join(dir, "base.html")); err != nil {
			return fmt.Errorf("WithTemplates: %s has no base.html: %w", dir, err)
		}
		c.tmpl = dir
		return nil
	}
}

// WithTitle sets the site's name (default "iamlab").
func WithTitle(title string) Option {
	return func(c *config) error { c.title = title; return nil }
}

// WithLog sets where the build reports its steps (default: nowhere).
func WithLog(w io.Writer) Option {
	return func(c *config) error { c.log = w; return nil }
}

// WithTools sets the go and npm commands the build runs (default: "go"
// and "npm" from PATH).
func WithTools(goBinary, npm string) Option {
	return func(c *config) error {
		if goBinary == "" || npm == "" {
			return errors.New("WithTools: both commands are needed")
		}
		c.goBinary, c.npm = goBinary, npm
		return nil
	}
}

// Generator builds the site. It holds only its configuration: each
// [Generator.Build] starts afresh.
type Generator struct {
	cfg config
}

// New checks the options and returns a generator.
func New(opts ...Option) (*Generator, error) {
	c := config{content: "content", output: "public", title: "iamlab", log: io.Discard, goBinary: "go", npm: "npm"}
	var errs []error
	for _, o := range opts {
		if err := o(&c); err != nil {
			errs = append(errs, err)
		}
	}
	if st, err := os.Stat(c.content); err != nil || !st.IsDir() {
		errs = append(errs, fmt.Errorf("content folder %s: not a folder", c.content))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &Generator{cfg: c}, nil
}

// Report says what a build made.
type Report struct {
	Pages    int
	Output   string
	Assets   []Asset // the bundled scripts and styles, and the engine
	Duration time.Duration
}

// Asset is one built file and its size, raw and gzip-compressed.
type Asset struct {
	Path string // relative to the output folder, slash-separated
	Size int64
	Gzip int64
}

// Build writes the site. Problems in the content come back together as an
// [ErrorList]; other failures (a missing tool, a compile error in the
// front end) as plain errors.
func (g *Generator) Build(ctx context.Context) (*Report, error) {
	rep, _, err := g.build(ctx, reuse{})
	return rep, err
}

// reuse says which parts of the site already in the output folder are
// current and are kept as they are instead of being built again.
type reuse struct {
	frontEnd bool // the bundled scripts and styles (assets/)
	engine   bool // the engine's WebAssembly and wasm_exec.js (the top folder's files)
	assets   Assets
	list     []Asset
}

// build builds the site, keeping what r says is current, and returns the
// assets' URLs for the next build to reuse.
func (g *Generator) build(ctx context.Context, r reuse) (*Report, Assets, error) {
	start := time.Now()
	c := &g.cfg
	tmpl, err := g.templates()
	if err != nil {
		return nil, Assets{}, err
	}
	s, err := Load(c.content)
	if err != nil {
		var problems ErrorList
		if s == nil || !errors.As(err, &problems) {
			return nil, Assets{}, err
		}
		// Render anyway, into a folder thrown away, so that every problem
		// of the content is reported at once.
		scratch, serr := os.MkdirTemp("", "iamlab-site-check-")
		if serr != nil {
			return nil, Assets{}, serr
		}
		defer os.RemoveAll(scratch)
		var more ErrorList
		if werr := s.write(scratch, c.title, Assets{}, tmpl); errors.As(werr, &more) {
			problems = append(problems, more...)
		}
		return nil, Assets{}, problems.Err()
	}
	if err := os.MkdirAll(filepath.Dir(filepath.Clean(c.output)), 0o755); err != nil {
		return nil, Assets{}, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(c.output)), ".site-build-")
	if err != nil {
		return nil, Assets{}, err
	}
	defer os.RemoveAll(tmp)
	if tmp, err = filepath.Abs(tmp); err != nil {
		return nil, Assets{}, err
	}
	rep := &Report{Pages: len(s.Pages), Output: c.output}
	var assets Assets
	if r.frontEnd || r.engine {
		if err := keep(c.output, tmp, r.frontEnd, r.engine); err != nil {
			return nil, Assets{}, err
		}
		assets = r.assets
		for _, a := range r.list {
			if strings.HasPrefix(a.Path, "assets/") && r.frontEnd || !strings.HasPrefix(a.Path, "assets/") && r.engine {
				rep.Assets = append(rep.Assets, a)
			}
		}
	}
	if c.web != "" && !r.frontEnd {
		g.logf("bundling the front end from %s", c.web)
		a, list, err := bundle(ctx, c.web, c.npm, tmp, c.log)
		if err != nil {
			return nil, Assets{}, err
		}
		a.Engine = assets.Engine // kept from the last build, or set below
		assets = a
		rep.Assets = append(rep.Assets, list...)
	}
	if c.engine && !r.engine {
		g.logf("compiling the engine for the browser (GOOS=js GOARCH=wasm)")
		list, err := buildEngine(ctx, c.goBinary, c.module, tmp)
		if err != nil {
			return nil, Assets{}, err
		}
		rep.Assets = append(rep.Assets, list...)
		assets.Engine = true
	}
	if err := s.write(tmp, c.title, assets, tmpl); err != nil {
		return nil, Assets{}, err
	}
	if err := replaceDir(tmp, c.output); err != nil {
		return nil, Assets{}, err
	}
	rep.Duration = time.Since(start)
	return rep, assets, nil
}

func (g *Generator) logf(format string, args ...any) {
	fmt.Fprintf(g.cfg.log, format+"\n", args...)
}

// templates are the page templates: from the folder WithTemplates gave,
// or the ones built in.
func (g *Generator) templates() (fs.FS, error) {
	if g.cfg.tmpl == "" {
		return fs.Sub(templateFS, "templates")
	}
	return os.DirFS(g.cfg.tmpl), nil
}

// replaceDir moves the finished build into place: the old one is moved
// aside first, so that the folder is missing only between two renames.
func replaceDir(from, to string) error {
	old := to + ".old"
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	if err := os.Rename(to, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(from, to); err != nil {
		return err
	}
	return os.RemoveAll(old)
}

// keep links (or copies) into the new build the parts of the old one that
// are current: the bundle (assets/, but for the highlighting style sheet,
// which every build writes) and the engine (the top folder's files that
// are not pages).
func keep(old, next string, frontEnd, engine bool) error {
	return filepath.WalkDir(old, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(old, p)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		top := !strings.Contains(rel, "/")
		switch {
		case d.IsDir():
			if (rel == "assets" || strings.HasPrefix(rel, "assets/")) && frontEnd {
				return nil // the bundles and their chunks (assets/chunks)
			}
			return filepath.SkipDir
		case top && engine && !strings.HasSuffix(rel, ".html") && !strings.HasPrefix(rel, "search-index.json"):
		case strings.HasPrefix(rel, "assets/") && frontEnd && !strings.HasPrefix(rel, "assets/chroma.css"):
		default:
			return nil
		}
		dst := filepath.Join(next, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if os.Link(p, dst) == nil {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
}
