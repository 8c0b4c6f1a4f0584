package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The credential statements parse, and format to what they were.
func TestCredentialStatementsRoundTrip(t *testing.T) {
	tests := []struct {
		src  string
		want Statement
	}{
		{`as alice change password "Old-Pass-1" to "New-Pass-2"`, &As{}},
		{`change password old to new`, &ChangePassword{}},
		{`update login alice password "Reset-Pass-1" reset-required`, &UpdateLogin{}},
		{`update login alice no-reset-required`, &UpdateLogin{}},
		{`update login alice`, &UpdateLogin{}},
		{`key-last-used alice#1`, &KeyLastUsed{}},
		{`as auditor key-last-used app`, &As{}},
		{`key alice#1 inactive`, &Key{}},
		{`ssh-key alice upload file "keys/alice.pub"`, &SSHKey{}},
		{`ssh-key alice upload "ssh-rsa AAAA"`, &SSHKey{}},
		{`ssh-key alice#2 inactive`, &SSHKey{}},
		{`ssh-key alice delete`, &SSHKey{}},
		{`signing-cert alice upload file "alice.pem"`, &SigningCert{}},
		{`signing-cert alice#1 delete`, &SigningCert{}},
		{`service-linked-role autoscaling.amazonaws.com`, &ServiceLinkedRole{}},
		{`service-linked-role elasticbeanstalk.amazonaws.com suffix blue description "Blue fleet"`, &ServiceLinkedRole{}},
		{`service-linked-role delete AWSServiceRoleForAutoScaling`, &ServiceLinkedRole{}},
		{`service-linked-role in-use AWSServiceRoleForAutoScaling group/web, group/api`, &ServiceLinkedRole{}},
		{`service-linked-role in-use AWSServiceRoleForAutoScaling`, &ServiceLinkedRole{}},
		{`as admin service-linked-role delete AWSServiceRoleForAutoScaling`, &As{}},
		{`expect error UnmodifiableEntity delete role AWSServiceRoleForAutoScaling`, &Expect{}},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			f, err := Parse("t", []byte(tt.src))
			require.NoError(t, err)
			require.Len(t, f.Lines, 1)
			assert.IsType(t, tt.want, f.Lines[0].Stmt)
			assert.Equal(t, tt.src+"\n", string(Format(f)))
			assert.Equal(t, tt.src, Source(f.Lines[0].Stmt))
		})
	}
}

func TestCredentialStatementErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{`change password old`, `t:1:20: unexpected end of the line (expected "to"`},
		{`change password old to`, `t:1:23: unexpected end of the line (expected a name or a "string")`},
		{`ssh-key alice`, `t:1:14: unexpected end of the line (expected upload "…" or upload file "PATH", or active, inactive or delete)`},
		{`ssh-key alice upload`, `t:1:21: unexpected end of the line (expected a "string" or file "PATH")`},
		{`signing-cert alice retire`, `t:1:20: unexpected token "retire"`},
		{`update login alice reset`, `t:1:20: "reset" needs a value after it, or is not a clause of this statement`},
		{`service-linked-role`, `t:1:20: unexpected end of the line (expected SERVICE [suffix S] [description "…"], delete ROLE or in-use ROLE [RESOURCE, …])`},
		{`key-last-used`, `t:1:14: unexpected end of the line (expected a name or a "string")`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Parse("t", []byte(tt.src))
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrSyntax)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// A long SSH key body is shortened in the transcript's echo only.
func TestUploadEchoShortens(t *testing.T) {
	src := `ssh-key alice upload "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 alice@laptop"`
	f, err := Parse("t", []byte(src))
	require.NoError(t, err)
	assert.Equal(t, src+"\n", string(Format(f)))
	assert.Equal(t, `ssh-key alice upload "ssh-rsa AAAAB3NzaC1yc2EAAAADA…"`, Source(f.Lines[0].Stmt))
}

func TestCredentialStatementsRun(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"change password needs a user", "account 111122223333\nchange password a to b\n", "a user changes its own password: as USER change password OLD to NEW"},
		{"root has no login profile", "account 111122223333\nupdate login root password x\n", "the root user has no login profile"},
		{"a key number past the last", "account 111122223333\nuser a\nkey a\nkey-last-used a#2\n", "a has only 1 access keys in this scenario"},
		{"a key number is a number", "account 111122223333\nuser a\nkey a\nkey a#x inactive\n", `"a#x": after # comes a number`},
		{"key USER#N does not create", "account 111122223333\nuser a\nkey a#1\n", "key a#1 creates a key for a user"},
		{"no SSH key yet", "account 111122223333\nuser a\nssh-key a inactive\n", "a has no SSH public key uploaded by this scenario"},
		{"upload names a user", "account 111122223333\nuser a\nsigning-cert a#1 upload \"x\"\n", "upload names a user"},
		{"not a service principal", "account 111122223333\nservice-linked-role autoscaling\n", "error InvalidInput"},
		{"in-use is the operator's", "account 111122223333\nuser a\nkey a\nas a service-linked-role in-use R\n", "in-use stands in for the service itself"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := run(t, tt.src, Options{})
			assert.Contains(t, out, tt.want)
		})
	}
}
