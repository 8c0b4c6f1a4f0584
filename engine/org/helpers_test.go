package org

import (
	"testing"

	"github.com/iamlab/iamlab/engine/policy"
	"github.com/stretchr/testify/require"
)

func mustParse(t testing.TB, src string) *policy.Document {
	t.Helper()
	d, err := policy.Parse([]byte(src), policy.Options{Type: policy.Identity})
	require.NoError(t, err)
	return d
}
