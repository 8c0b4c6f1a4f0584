package site

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Page is one Markdown file of the content tree.
//
// Its front matter, between two lines of "---" at the top, is YAML:
//
//	---
//	title: Policy grammar        # required
//	description: One line for search results and the page's meta tag
//	keywords: [SCP, service control policy]   # what readers search for; ranked first
//	weight: 20                   # order within its section (then title)
//	layout: playground           # "" for a docs page, or playground
//	nav: false                   # leave the page out of the navigation
//	draft: true                  # do not build the page
//	---
type Page struct {
	File        string // slash-separated, relative to the content folder: "policies/grammar.md"
	URL         string // "/policies/grammar/"
	Title       string
	Description string
	Keywords    []string // the concepts the page is the place for, as readers name them
	Weight      int
	Layout      string
	InNav       bool
	Section     bool // an _index.md: the page of its folder

	body     []byte // the Markdown after the front matter
	bodyLine int    // the line of the file the body starts on
	parent   *Page  // the section the page is in; nil for the home page
	children []*Page
}

type frontMatter struct {
	Title       string   `yaml:"title"`
	Description string   `yaml:"description"`
	Keywords    []string `yaml:"keywords"`
	Weight      int      `yaml:"weight"`
	Layout      string   `yaml:"layout"`
	Nav         *bool    `yaml:"nav"`
	Draft       bool     `yaml:"draft"`
}

// layouts are the page layouts the templates provide.
var layouts = []string{"", "playground"}

// Site is the loaded content tree.
type Site struct {
	Home  *Page   // content/_index.md
	Pages []*Page // every page, in navigation order (home first)
	byURL map[string]*Page
}

// Error is a problem in the content, with where it is.
type Error struct {
	File string // relative to the content folder
	Line int    // 1-based; 0 when the problem is the whole file
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return e.File + ":" + strconv.Itoa(e.Line) + ": " + e.Msg
	}
	return e.File + ": " + e.Msg
}

// ErrorList is every problem found, sorted by file and line.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns the sorted list as an error, or nil when it is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return l
}

// Load reads the content tree under dir.
func Load(dir string) (*Site, error) {
	var errs ErrorList
	pages := map[string]*Page{} // by folder for sections, by file otherwise
	var all []*Page
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pg, perrs := parsePage(rel, src)
		errs = append(errs, perrs...)
		if pg != nil {
			all = append(all, pg)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	s := &Site{byURL: map[string]*Page{}}
	for _, p := range all {
		if p.Section {
			pages[path.Dir(p.File)] = p
		}
		s.byURL[p.URL] = p
	}
	s.Home = pages["."]
	if s.Home == nil {
		errs = append(errs, &Error{File: "_index.md", Msg: "missing: the content folder needs an _index.md, the home page"})
		return nil, errs.Err()
	}
	// Attach each page to the section of its folder, or of the nearest
	// folder above with one.
	for _, p := range all {
		if p == s.Home {
			continue
		}
		dir := path.Dir(p.File)
		if p.Section {
			dir = path.Dir(dir)
		}
		for pages[dir] == nil {
			errs = append(errs, &Error{File: p.File, Msg: fmt.Sprintf("folder %s has no _index.md to name its section", dir)})
			dir = path.Dir(dir)
		}
		p.parent = pages[dir]
		p.parent.children = append(p.parent.children, p)
	}
	var walk func(p *Page)
	walk = func(p *Page) {
		slices.SortStableFunc(p.children, func(a, b *Page) int {
			return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Title, b.Title), cmp.Compare(a.File, b.File))
		})
		s.Pages = append(s.Pages, p)
		for _, c := range p.children {
			walk(c)
		}
	}
	walk(s.Home)
	if err := errs.Err(); err != nil {
		return s, err
	}
	return s, nil
}

// parsePage reads a page's front matter.
func parsePage(rel string, src []byte) (*Page, ErrorList) {
	p := &Page{File: rel, body: src, bodyLine: 1, InNav: true}
	p.Section = path.Base(rel) == "_index.md"
	switch {
	case rel == "_index.md":
		p.URL = "/"
	case p.Section:
		p.URL = "/" + path.Dir(rel) + "/"
	default:
		p.URL = "/" + strings.TrimSuffix(rel, ".md") + "/"
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, ErrorList{{File: rel, Line: 1, Msg: "missing front matter: start the file with a line ---, then title: …, then ---"}}
	}
	end := bytes.Index(src[4:], []byte("\n---\n"))
	if end < 0 {
		if bytes.HasSuffix(src, []byte("\n---")) {
			end = len(src) - 4 - 4
		} else {
			return nil, ErrorList{{File: rel, Line: 1, Msg: "front matter is not closed by a line ---"}}
		}
	}
	head := src[4 : 4+end+1]
	p.bodyLine = 3 + bytes.Count(head, []byte("\n"))
	if 4+end+5 <= len(src) {
		p.body = src[4+end+5:]
	} else {
		p.body = nil
	}
	var fm frontMatter
	dec := yaml.NewDecoder(bytes.NewReader(head))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil {
		return nil, ErrorList{{File: rel, Line: 2, Msg: "front matter: " + err.Error() + " (lines count from the first line after ---)"}}
	}
	var errs ErrorList
	if fm.Draft {
		return nil, nil
	}
	if strings.TrimSpace(fm.Title) == "" {
		errs = append(errs, &Error{File: rel, Line: 1, Msg: "front matter: title is required"})
	}
	if !slices.Contains(layouts, fm.Layout) {
		errs = append(errs, &Error{File: rel, Line: 1, Msg: fmt.Sprintf("front matter: unknown layout %q: want one of %q", fm.Layout, layouts)})
	}
	p.Title, p.Description, p.Weight, p.Keywords = fm.Title, fm.Description, fm.Weight, fm.Keywords
	if slices.Contains(layouts, fm.Layout) {
		p.Layout = fm.Layout
	}
	if fm.Nav != nil {
		p.InNav = *fm.Nav
	}
	return p, errs
}

// Parent is the section the page is in; nil for the home page.
func (p *Page) Parent() *Page { return p.parent }

// Children are the pages of a section, in navigation order.
func (p *Page) Children() []*Page { return p.children }

// Page finds a page by URL.
func (s *Site) Page(url string) *Page { return s.byURL[url] }
