package site_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"

	"github.com/iamlab/iamlab/site"
)

// course is a small content tree: a home page, two sections, pages with
// weights, links between pages, code, headings, a hidden page.
const course = `
-- _index.md --
---
title: Home
---
Welcome. Read [the first page](basics/first.md#why).
-- basics/_index.md --
---
title: Basics
weight: 1
---
The basics.
-- basics/first.md --
---
title: First steps
description: Where to begin
weight: 1
---
## Why
Because *deny by default* matters.

### Details here
` + "```json" + `
{"Effect": "Allow"}
` + "```" + `

| a | b |
| --- | --- |
| 1 | 2 |
-- basics/second.md --
---
title: Second steps
weight: 2
---
Back to [the start](/) or [first](first.md). Zebra.
-- advanced/_index.md --
---
title: Advanced
weight: 2
---
-- advanced/only.md --
---
title: Only page
---
Text.
-- hidden.md --
---
title: Hidden
nav: false
---
Not in the navigation.
-- draft.md --
---
title: Draft
draft: true
---
`

func writeTree(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		name := filepath.Join(dir, "content", filepath.FromSlash(f.Name))
		require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o755))
		require.NoError(t, os.WriteFile(name, f.Data, 0o644))
	}
	return dir
}

func build(t *testing.T, archive string) (string, error) {
	t.Helper()
	dir := writeTree(t, archive)
	out := filepath.Join(dir, "public")
	g, err := site.New(site.WithContent(filepath.Join(dir, "content")), site.WithOutput(out))
	require.NoError(t, err)
	_, err = g.Build(context.Background())
	return out, err
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	require.NoError(t, err)
	return string(b)
}

func TestBuildWritesEveryPage(t *testing.T) {
	out, err := build(t, course)
	require.NoError(t, err)
	tests := []struct {
		file     string
		contains []string
		lacks    []string
	}{
		{"index.html", []string{`<title>iamlab — Home</title>`, `href="/basics/first/#why"`, `<a href="/basics/">Basics</a>`}, nil},
		{"basics/first/index.html", []string{
			`<h2 id="why">Why <a class="anchor" href="#why"`,                                // heading anchors
			`<li class="toc-h3"><a href="#details-here">Details here`,                       // table of contents
			`<pre tabindex="0" class="chroma">`, `<span class="nt">&#34;Effect&#34;</span>`, // chroma with classes
			`<table>`, // GFM
			`<a href="/basics/first/" aria-current="page">First steps</a>`,
			`rel="prev" href="/basics/"`, `rel="next" href="/basics/second/"`,
			`<meta name="description" content="Where to begin">`,
		}, nil},
		{"basics/second/index.html", []string{`href="/"`, `href="/basics/first/"`, `rel="next" href="/advanced/"`}, nil},
		{"advanced/only/index.html", []string{`rel="prev" href="/advanced/"`}, []string{`rel="next"`}},
		{"hidden/index.html", []string{"Not in the navigation."}, []string{`rel="prev"`, `rel="next"`}},
		{"basics/index.html", []string{`<ul class="section-pages"><li><a href="/basics/first/">First steps</a> — Where to begin</li>`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			html := read(t, filepath.Join(out, tt.file))
			for _, s := range tt.contains {
				assert.Contains(t, strings.Join(strings.Fields(html), " "), strings.Join(strings.Fields(s), " "))
			}
			for _, s := range tt.lacks {
				assert.NotContains(t, html, s)
			}
			assert.NotContains(t, html, "/hidden/\"", "a hidden page is not in the navigation")
		})
	}
	assert.NoFileExists(t, filepath.Join(out, "draft", "index.html"))
	assert.Contains(t, read(t, filepath.Join(out, "404.html")), "There is no page at this address.")
	assert.Contains(t, read(t, filepath.Join(out, "assets", "chroma.css")), `[data-theme="dark"] .chroma`)
}

func TestSearchIndexListsEveryPage(t *testing.T) {
	out, err := build(t, course)
	require.NoError(t, err)
	var index []struct {
		Title, URL, Section, Text string
		Headings                  []string
	}
	raw := read(t, filepath.Join(out, "search-index.json"))
	raw = strings.NewReplacer(`"t":`, `"Title":`, `"u":`, `"URL":`, `"s":`, `"Section":`, `"x":`, `"Text":`, `"h":`, `"Headings":`).Replace(raw)
	require.NoError(t, json.Unmarshal([]byte(raw), &index))
	byURL := map[string]int{}
	for i, e := range index {
		byURL[e.URL] = i
	}
	assert.Len(t, index, 7)
	first := index[byURL["/basics/first/"]]
	assert.Equal(t, "First steps", first.Title)
	assert.Equal(t, "Basics", first.Section)
	assert.Equal(t, []string{"Why", "Details here"}, first.Headings)
	assert.Contains(t, first.Text, "Because deny by default matters.")
	assert.Contains(t, first.Text, `{"Effect": "Allow"}`)
	assert.Contains(t, index[byURL["/basics/second/"]].Text, "Zebra")
}

func TestBuildReportsProblemsWithTheirPlace(t *testing.T) {
	home := "-- _index.md --\n---\ntitle: Home\n---\n"
	tests := []struct {
		name    string
		archive string
		want    []string
	}{
		{"no home page", "-- a.md --\n---\ntitle: A\n---\n", []string{"_index.md: missing: the content folder needs an _index.md, the home page"}},
		{"no front matter", home + "-- a.md --\n# A\n", []string{"a.md:1: missing front matter"}},
		{"no title", home + "-- a.md --\n---\nweight: 2\n---\n", []string{"a.md:1: front matter: title is required"}},
		{"unknown field", home + "-- a.md --\n---\ntitle: A\ncolour: red\n---\n", []string{"a.md:2: front matter: yaml: unmarshal errors:\n  line 2: field colour not found"}},
		{"unknown layout", home + "-- a.md --\n---\ntitle: A\nlayout: wide\n---\n", []string{`a.md:1: front matter: unknown layout "wide"`}},
		{"a link to no page", home + "-- a.md --\n---\ntitle: A\n---\n\nSee\n[nothing](missing.md) here.\n", []string{`a.md:6: link "missing.md": no such page`}},
		{"a link to a URL that is no page", home + "-- a.md --\n---\ntitle: A\n---\n[x](/nowhere/)\n", []string{`a.md:4: link "/nowhere/": no such page`}},
		{"a relative link without .md", home + "-- a.md --\n---\ntitle: A\n---\n[x](b)\n", []string{`a.md:4: link "b": link to another page by its .md file`}},
		{"a folder without _index.md", home + "-- x/a.md --\n---\ntitle: A\n---\n", []string{"x/a.md: folder x has no _index.md"}},
		{"every problem at once", home + "-- a.md --\n---\nweight: 1\n---\n-- b.md --\n---\ntitle: B\n---\n[x](c.md)\n",
			[]string{"a.md:1: front matter: title is required", `b.md:4: link "c.md": no such page`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := build(t, tt.archive)
			require.Error(t, err)
			var list site.ErrorList
			require.ErrorAs(t, err, &list)
			require.Len(t, list, len(tt.want), "%v", err)
			for i, w := range tt.want {
				assert.True(t, strings.HasPrefix(list[i].Error(), w), "got %q, want it to start with %q", list[i].Error(), w)
			}
		})
	}
}

func TestNewChecksItsOptions(t *testing.T) {
	dir := writeTree(t, course)
	tests := []struct {
		name string
		opts []site.Option
		want string
	}{
		{"no content folder", []site.Option{site.WithContent(filepath.Join(dir, "none"))}, "not a folder"},
		{"the output is the working folder", []site.Option{site.WithContent(filepath.Join(dir, "content")), site.WithOutput(".")}, "cannot be the output folder"},
		{"a front end without a lock file", []site.Option{site.WithContent(filepath.Join(dir, "content")), site.WithFrontEnd(dir)}, "no package-lock.json"},
		{"not the module root", []site.Option{site.WithContent(filepath.Join(dir, "content")), site.WithEngine(dir)}, "not iamlab's module root"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := site.New(tt.opts...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestHandlerServesCompressedCopies(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("iamlab ", 1000)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "app.wasm"), []byte(big), 0o644))
	f, err := os.Create(filepath.Join(dir, "app.wasm.gz"))
	require.NoError(t, err)
	zw := gzip.NewWriter(f)
	zw.Write([]byte(big))
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())
	require.NoError(t, os.WriteFile(filepath.Join(dir, "404.html"), []byte("not here"), 0o644))
	srv := httptest.NewServer(site.Handler(dir))
	defer srv.Close()

	tests := []struct {
		name, path, encoding string
		status               int
		contentEncoding      string
		contentType          string
	}{
		{"gzip when accepted", "/app.wasm", "gzip", 200, "gzip", "application/wasm"},
		{"plain otherwise", "/app.wasm", "identity", 200, "", "application/wasm"},
		{"the 404 page", "/nothing/", "", 404, "", "text/html; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", srv.URL+tt.path, nil)
			req.Header.Set("Accept-Encoding", tt.encoding)
			resp, err := http.DefaultTransport.RoundTrip(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, tt.contentEncoding, resp.Header.Get("Content-Encoding"))
			assert.Equal(t, tt.contentType, resp.Header.Get("Content-Type"))
			body, _ := io.ReadAll(resp.Body)
			if tt.contentEncoding == "gzip" {
				zr, err := gzip.NewReader(strings.NewReader(string(body)))
				require.NoError(t, err)
				body, _ = io.ReadAll(zr)
			}
			if tt.status == 200 {
				assert.Equal(t, big, string(body))
			}
		})
	}
}
