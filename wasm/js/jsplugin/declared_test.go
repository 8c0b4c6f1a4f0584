package jsplugin_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/wasm/js/jsplugin"
)

func TestDeclaredOperatorsFailClosed(t *testing.T) {
	d, err := jsplugin.NewDeclared([]string{"Plugin:CidrOverlaps", "RegexMatch"})
	require.NoError(t, err)
	op, ok := d.Lookup("CidrOverlaps")
	require.True(t, ok)
	matched, err := op.Match("10.0.0.0/8", []string{"10.0.0.0/8"})
	assert.False(t, matched)
	assert.ErrorIs(t, err, jsplugin.ErrUnavailable)
	_, ok = d.Lookup("Hours")
	assert.False(t, ok)
	_, err = jsplugin.NewDeclared([]string{"Plugin:bad"})
	assert.Error(t, err)
}
