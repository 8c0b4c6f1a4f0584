package site

import (
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
