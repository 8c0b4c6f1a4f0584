package site_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/site"
)

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return string(b)
}

// TestServeRebuildsOnChange serves a course in serve mode, changes a page
// and sees the served page change, breaks it and keeps the last good
// build, and hears both on the events stream the pages listen to.
func TestServeRebuildsOnChange(t *testing.T) {
	dir := writeTree(t, course)
	out := filepath.Join(dir, "public")
	g, err := site.New(site.WithContent(filepath.Join(dir, "content")), site.WithOutput(out))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	builds := make(chan site.Rebuild, 10)
	watched := make(chan error, 1)
	go func() { watched <- g.Watch(ctx, 20*time.Millisecond, func(b site.Rebuild) { builds <- b }) }()
	next := func() site.Rebuild {
		t.Helper()
		select {
		case b := <-builds:
			return b
		case <-time.After(20 * time.Second):
			t.Fatal("no build")
		}
		return site.Rebuild{}
	}
	first := next()
	require.NoError(t, first.Err)
	assert.True(t, first.First)

	reload := site.NewReloader()
	srv := httptest.NewServer(site.LiveHandler(out, reload))
	defer srv.Close()
	page := srv.URL + "/basics/second/"
	html := get(t, page)
	assert.Contains(t, html, "Zebra.")
	assert.Contains(t, html, `new EventSource("/_iamlab/events")`, "serve mode adds the script that reloads the page")

	events, err := http.Get(srv.URL + "/_iamlab/events")
	require.NoError(t, err)
	defer events.Body.Close()
	lines := bufio.NewReader(events.Body)
	line, err := lines.ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, ": listening for rebuilds\n", line)
	line, err = lines.ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "\n", line)
	event := func() string {
		t.Helper()
		var got []string
		for {
			l, err := lines.ReadString('\n')
			require.NoError(t, err)
			if l == "\n" {
				return strings.Join(got, "")
			}
			got = append(got, l)
		}
	}

	name := filepath.Join(dir, "content", "basics", "second.md")
	src, err := os.ReadFile(name)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(name, []byte(strings.Replace(string(src), "Zebra.", "Okapi.", 1)), 0o644))
	b := next()
	require.NoError(t, b.Err)
	assert.Equal(t, []string{"content"}, b.Changed)
	assert.Regexp(t, `^rebuilt \(content changed\) 7 pages in \d+`, b.String())
	reload.Rebuilt(b)
	assert.Equal(t, "event: reload\ndata: rebuilt\n", event())
	html = get(t, page)
	assert.Contains(t, html, "Okapi.")
	assert.NotContains(t, html, "Zebra.")

	// A broken page: the build fails, the last good one is still served.
	require.NoError(t, os.WriteFile(name, []byte("---\ntitle: Second steps\n---\nSee [nowhere](nowhere.md).\n"), 0o644))
	b = next()
	require.Error(t, b.Err)
	assert.Contains(t, b.String(), `basics/second.md:4: link "nowhere.md": no such page`)
	reload.Rebuilt(b)
	assert.Contains(t, event(), "event: failed\ndata: basics/second.md:4:")
	assert.Contains(t, get(t, page), "Okapi.")

	cancel()
	reload.Close()
	assert.ErrorIs(t, <-watched, context.Canceled)
}

// TestServeRebuildsOnATemplateChange reads the templates from a folder, as
// serve mode does, and sees a changed template in the pages.
func TestServeRebuildsOnATemplateChange(t *testing.T) {
	dir := writeTree(t, course)
	tmpl := filepath.Join(dir, "templates")
	require.NoError(t, os.CopyFS(tmpl, os.DirFS("templates")))
	out := filepath.Join(dir, "public")
	g, err := site.New(site.WithContent(filepath.Join(dir, "content")), site.WithOutput(out), site.WithTemplates(tmpl))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	builds := make(chan site.Rebuild, 10)
	go g.Watch(ctx, 20*time.Millisecond, func(b site.Rebuild) { builds <- b })
	require.NoError(t, (<-builds).Err)
	assert.NotContains(t, read(t, filepath.Join(out, "index.html")), "A new footer.")

	base := filepath.Join(tmpl, "base.html")
	src, err := os.ReadFile(base)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(base, []byte(strings.Replace(string(src), "</body>", "<footer>A new footer.</footer>\n</body>", 1)), 0o644))
	select {
	case b := <-builds:
		require.NoError(t, b.Err)
		assert.Equal(t, []string{"templates"}, b.Changed)
	case <-time.After(20 * time.Second):
		t.Fatal("no rebuild")
	}
	assert.Contains(t, read(t, filepath.Join(out, "basics", "first", "index.html")), "<footer>A new footer.</footer>")
}
