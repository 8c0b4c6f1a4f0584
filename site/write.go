package site

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

//go:embed templates
var templateFS embed.FS

// Assets are the URLs of the bundled files, with a version in the query
// so that browsers fetch a changed file anew.
type Assets struct {
	CSS        string
	Docs       string
	DocsChunks []string // the chunks docs.js imports: every page preloads them
	Playground string
	// PlaygroundChunks are the chunks playground.js imports, statically
	// or dynamically (its CodeMirror editors): the playground preloads
	// them.
	PlaygroundChunks []string
	Chroma           string
	Engine           bool // iamlab.wasm and wasm_exec.js are in the site
}

type navItem struct {
	Page     *Page
	Current  bool
	Open     bool
	Children []navItem
}

type pageData struct {
	SiteTitle  string
	Page       *Page
	IsHome     bool
	Content    template.HTML
	TOC        []Heading
	Nav        []navItem
	Crumbs     []*Page
	Children   []*Page
	Prev, Next *Page
	Assets     Assets
}

// searchEntry is one page in search-index.json.
type searchEntry struct {
	Title       string   `json:"t"`
	URL         string   `json:"u"`
	Section     string   `json:"s,omitempty"`
	Description string   `json:"d,omitempty"`
	Keywords    []string `json:"k,omitempty"`
	Headings    []string `json:"h,omitempty"`
	Text        string   `json:"x"`
}

func parseTemplates(dir fs.FS) (map[string]*template.Template, error) {
	out := map[string]*template.Template{}
	for _, name := range []string{"docs", "playground"} {
		t, err := template.New(name).ParseFS(dir, "base.html", name+".html")
		if err != nil {
			return nil, err
		}
		out[name] = t
	}
	return out, nil
}

// write renders every page into dir, with the search index and the
// highlighting style sheet.
func (s *Site) write(dir, title string, assets Assets, templates fs.FS) error {
	tmpls, err := parseTemplates(templates)
	if err != nil {
		return err
	}
	css, err := chromaCSS()
	if err != nil {
		return err
	}
	assets.Chroma = "/assets/chroma.css?v=" + version([]byte(css))
	if err := writeFile(filepath.Join(dir, "assets", "chroma.css"), []byte(css)); err != nil {
		return err
	}
	md := newMarkdown(s)
	var nav []*Page
	for _, p := range s.Pages {
		if p.InNav {
			nav = append(nav, p)
		}
	}
	var index []searchEntry
	for _, p := range s.Pages {
		r := md.render(p)
		d := pageData{SiteTitle: title, Page: p, IsHome: p == s.Home, Content: r.HTML, TOC: r.TOC,
			Nav: navTree(s.Home, p), Assets: assets}
		for a := p.parent; a != nil && a != s.Home; a = a.parent {
			d.Crumbs = append([]*Page{a}, d.Crumbs...)
		}
		if p.Section {
			for _, c := range p.children {
				if c.InNav {
					d.Children = append(d.Children, c)
				}
			}
		}
		for i, n := range nav {
			if n == p {
				if i > 0 {
					d.Prev = nav[i-1]
				}
				if i+1 < len(nav) {
					d.Next = nav[i+1]
				}
			}
		}
		layout := "docs"
		if p.Layout != "" {
			layout = p.Layout
		}
		var b bytes.Buffer
		if err := tmpls[layout].ExecuteTemplate(&b, "base", d); err != nil {
			md.errs = append(md.errs, &Error{File: p.File, Msg: "template: " + err.Error()})
			continue
		}
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(p.URL), "index.html"), b.Bytes()); err != nil {
			return err
		}
		e := searchEntry{Title: p.Title, URL: p.URL, Description: p.Description, Keywords: p.Keywords, Text: r.Text}
		if p.parent != nil && p.parent != s.Home {
			e.Section = p.parent.Title
		}
		for _, h := range r.TOC {
			e.Headings = append(e.Headings, h.Text)
		}
		index = append(index, e)
	}
	if err := md.errs.Err(); err != nil {
		return err
	}
	notFound := &Page{Title: "Page not found", URL: "/404.html", InNav: false}
	var b bytes.Buffer
	if err := tmpls["docs"].ExecuteTemplate(&b, "base", pageData{SiteTitle: title, Page: notFound, Nav: navTree(s.Home, notFound), Assets: assets,
		Content: `<p>There is no page at this address. Try the search above, the <a href="/">course</a> or the <a href="/playground/">playground</a>.</p>`}); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "404.html"), b.Bytes()); err != nil {
		return err
	}
	data, err := json.Marshal(index)
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(dir, "search-index.json"), data)
}

// navTree is the navigation as seen from page current: the home page's
// sections, with the path to current open.
func navTree(home, current *Page) []navItem {
	var items func(p *Page) []navItem
	items = func(p *Page) []navItem {
		var out []navItem
		for _, c := range p.children {
			if !c.InNav {
				continue
			}
			it := navItem{Page: c, Current: c == current}
			for a := current; a != nil; a = a.parent {
				if a == c {
					it.Open = true
				}
			}
			it.Children = items(c)
			out = append(out, it)
		}
		return out
	}
	return append([]navItem{{Page: home, Current: home == current}}, items(home)...)
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

// version is a short content hash for cache busting.
func version(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:6])
}

// assetURL is the URL of a file in the output folder, with its version.
func assetURL(rel string, data []byte) string {
	return "/" + path.Clean(rel) + "?v=" + version(data)
}
