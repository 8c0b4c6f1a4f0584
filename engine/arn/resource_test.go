package arn_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/arn"
)

// In the Resource element a policy variable is live only after the fifth
// colon (reference_policies_variables.md, "Resource element"); before it,
// the fail-safe reading: literal text, never substituted. ARN condition
// operators (CompilePattern) take variables in every part.
func TestCompileResourceVariablesOnlyInTheResourcePart(t *testing.T) {
	tests := []struct {
		name     string
		pattern  string
		resource string
		matched  bool
		vars     []string
	}{
		{"variable in the resource part", "arn:aws:iam::123456789012:user/${aws:username}", "arn:aws:iam::123456789012:user/David", true, []string{"aws:username"}},
		{"variable with a suffix", "arn:aws:sqs:us-east-2:*:${aws:username}-queue", "arn:aws:sqs:us-east-2:123456789012:David-queue", true, []string{"aws:username"}},
		{"variable in the account is not substituted", "arn:aws:iam::${aws:PrincipalAccount}:role/x", "arn:aws:iam::123456789012:role/x", false, nil},
		{"variable in the region is not substituted", "arn:aws:sqs:${aws:RequestedRegion}:123456789012:q", "arn:aws:sqs:us-east-1:123456789012:q", false, nil},
		{"variable in the service is not substituted", "arn:aws:${aws:username}:::x", "arn:aws:David:::x", false, nil},
		{"literal text matches only itself", "arn:aws:iam::${aws:PrincipalAccount}:role/x", "arn:aws:iam::${aws:PrincipalAccount}:role/x", true, nil},
		{"only the resource part's variables count", "arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}", "arn:aws:iam::123456789012:user/David", false, []string{"aws:username"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := arn.CompileResource(tt.pattern, true)
			require.NoError(t, err)
			matched, resolved := p.Match(tt.resource, david)
			assert.Equal(t, tt.matched, matched)
			assert.True(t, resolved)
			assert.Equal(t, tt.vars, p.Variables())
		})
	}
	t.Run("an ARN condition substitutes the account", func(t *testing.T) {
		p, err := arn.CompilePattern("arn:aws:iam::${aws:PrincipalAccount}:role/x", true)
		require.NoError(t, err)
		matched, _ := p.Match("arn:aws:iam::123456789012:role/x", david)
		assert.True(t, matched)
	})
}
