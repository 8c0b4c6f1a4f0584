package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/site"
)

// syncBuffer is a buffer the server's goroutines and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestSiteServe starts the site server on a course whose first build
// fails: it says why and serves a page that waits; fixing the page
// rebuilds and serves it, with one line for the rebuild.
func TestSiteServe(t *testing.T) {
	dir := writeFiles(t, map[string]string{"content/_index.md": "---\ntitle: Home\n---\nSee [nowhere](nowhere.md).\n"})
	out := filepath.Join(dir, "public")
	g, err := site.New(site.WithContent(filepath.Join(dir, "content")), site.WithOutput(out))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- serveSite(ctx, g, out, "127.0.0.1:0", 20*time.Millisecond, &stdout, &stderr) }()

	serving := regexp.MustCompile(`Serving the site at (http://127\.0\.0\.1:\d+/)`)
	eventually(t, "the server", func() bool { return serving.MatchString(stdout.String()) })
	assert.Contains(t, stderr.String(), `_index.md:4: link "nowhere.md": no such page`)
	url := serving.FindStringSubmatch(stdout.String())[1]
	get := func() (int, string) {
		resp, err := http.Get(url)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	code, body := get()
	assert.Equal(t, http.StatusNotFound, code)
	assert.Contains(t, body, "The site has not built yet")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte("---\ntitle: Home\n---\nFixed.\n"), 0o644))
	eventually(t, "the rebuild", func() bool { return strings.Contains(stdout.String(), "rebuilt (content changed) 1 pages in ") })
	code, body = get()
	assert.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, "Fixed.")

	cancel()
	select {
	case rc := <-done:
		assert.Equal(t, exitOK, rc)
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
}
