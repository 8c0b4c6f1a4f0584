package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFederatedAssumeClauses(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{`assume role R session s with web-identity t duration 15m policy {"a": 1} policy-arns P`, ""},
		{`assume role R with saml a via corp session s duration 1h policy-arns P, Q`, ""},
		{`assume role R session s external-id x`, ""},
		{`assume role R session s with web-identity t tags k=v`, `t:1:45: AssumeRoleWithWebIdentity (with web-identity) takes no tags clause`},
		{`assume role R session s with web-identity t source-identity me`, `t:1:45: AssumeRoleWithWebIdentity (with web-identity) takes no source-identity clause`},
		{`assume role R with saml a via corp external-id x`, `t:1:36: AssumeRoleWithSAML (with saml) takes no external-id clause`},
		{`assume role R with saml a via corp with mfa code "123456"`, `AssumeRoleWithSAML (with saml) takes no with mfa clause`},
		{`as x assume role R session s transitive k with web-identity t`, `t:1:30: AssumeRoleWithWebIdentity (with web-identity) takes no transitive clause`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Parse("t", []byte(tt.src))
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrSyntax)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
