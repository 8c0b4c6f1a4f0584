package site

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestChunksOf reads the chunks an entry imports from esbuild's metafile,
// whose paths are relative to the front end's folder: statically and
// dynamically, and what those import, each once.
func TestChunksOf(t *testing.T) {
	web := filepath.FromSlash("/src/site/web")
	out := filepath.FromSlash("/tmp/public")
	meta := `{"outputs": {
		"../../../tmp/public/assets/playground.js": {"imports": [
			{"path": "../../../tmp/public/assets/chunks/chunk-A.js", "kind": "import-statement"},
			{"path": "../../../tmp/public/assets/chunks/editing-B.js", "kind": "dynamic-import"}]},
		"../../../tmp/public/assets/chunks/editing-B.js": {"imports": [
			{"path": "../../../tmp/public/assets/chunks/chunk-A.js", "kind": "import-statement"},
			{"path": "../../../tmp/public/assets/chunks/chunk-C.js", "kind": "import-statement"}]},
		"../../../tmp/public/assets/chunks/chunk-A.js": {"imports": []},
		"../../../tmp/public/assets/chunks/chunk-C.js": {"imports": []},
		"../../../tmp/public/assets/docs.js": {"imports": [
			{"path": "../../../tmp/public/assets/chunks/chunk-A.js", "kind": "import-statement"}]}
	}}`
	all, err := chunksOf(meta, web, out, "assets/playground.js", false)
	require.NoError(t, err)
	assert.Equal(t, []string{"/assets/chunks/chunk-A.js", "/assets/chunks/editing-B.js", "/assets/chunks/chunk-C.js"}, all)
	static, err := chunksOf(meta, web, out, "assets/playground.js", true)
	require.NoError(t, err)
	assert.Equal(t, []string{"/assets/chunks/chunk-A.js"}, static)
	_, err = chunksOf("not json", web, out, "assets/docs.js", true)
	assert.Error(t, err)
}

// TestKeepCarriesTheChunks: a rebuild that keeps the front end (a page
// changed) carries every bundled file over, the chunks in their folder
// too, and leaves the pages and the engine when it does not keep them.
func TestKeepCarriesTheChunks(t *testing.T) {
	old, next := t.TempDir(), t.TempDir()
	for _, f := range []string{"index.html", "iamlab.wasm", "assets/site.css", "assets/playground.js", "assets/chunks/editing-B.js"} {
		p := filepath.Join(old, filepath.FromSlash(f))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(f), 0o644))
	}
	require.NoError(t, keep(old, next, true, false))
	for _, f := range []string{"assets/site.css", "assets/playground.js", "assets/chunks/editing-B.js"} {
		b, err := os.ReadFile(filepath.Join(next, filepath.FromSlash(f)))
		require.NoError(t, err, f)
		assert.Equal(t, f, string(b))
	}
	for _, f := range []string{"index.html", "iamlab.wasm"} {
		assert.NoFileExists(t, filepath.Join(next, f))
	}
}
