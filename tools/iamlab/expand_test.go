package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExpandGolden expands patterns a learner would try against the real
// catalog and compares the transcripts with testdata/expand. After `make
// catalog`, `go test ./tools/iamlab -update` rewrites them.
func TestExpandGolden(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"s3-get", []string{"s3:Get*"}},
		{"assume-role", []string{"sts:AssumeRole*"}},
		{"several-patterns", []string{"iam:PassRole", "iam:*Policy", "kms:Decrypt"}},
		{"question-mark", []string{"s3:?etObject"}},
		{"level-filter", []string{"--level", "Permissions management", "s3:Put*"}},
		{"case-insensitive", []string{"DynamoDB:getitem"}},
		{"json", []string{"--output", "json", "sts:GetCallerIdentity", "s3:GetObject"}},
		{"no-match", []string{"s3:GetObjects", "nosuchservice:Get*", "GetObject"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append([]string{"expand"}, tt.args...)...)
			transcript := fmt.Sprintf("$ iamlab expand %s\nexit %d\n-- stdout --\n%s-- stderr --\n%s", quoteArgs(tt.args), code, out, errOut)
			golden(t, "testdata/expand/"+tt.name+".golden", transcript)
		})
	}
}

func quoteArgs(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " *?") {
			a = "'" + a + "'"
		}
		q[i] = a
	}
	return strings.Join(q, " ")
}

func TestExpandOnRealData(t *testing.T) {
	code, out, errOut := runCLI(t, "", "expand", "--output", "json", "s3:Get*", "*:ListAllMyBuckets")
	require.Equal(t, exitOK, code, errOut)
	var got []expansion
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Len(t, got, 2)
	assert.Greater(t, len(got[0].Actions), 50, "s3 has dozens of Get actions")
	var getObject *expandedAction
	for i, a := range got[0].Actions {
		assert.True(t, strings.HasPrefix(a.Action, "s3:Get"), a.Action)
		if a.Action == "s3:GetObject" {
			getObject = &got[0].Actions[i]
		}
	}
	require.NotNil(t, getObject)
	assert.Equal(t, "Read", getObject.AccessLevel)
	assert.Contains(t, getObject.ResourceTypes, "object")
	assert.Contains(t, getObject.ConditionKeys, "s3:ExistingObjectTag/<key>")
	assert.Equal(t, "s3:ListAllMyBuckets", got[1].Actions[0].Action)
}

func TestExpandUsage(t *testing.T) {
	for _, args := range [][]string{{"expand"}, {"expand", "--output", "yaml", "s3:*"}, {"expand", "--level", "Admin", "s3:*"}, {"expand", "--nope"}} {
		code, _, _ := runCLI(t, "", args...)
		assert.Equal(t, exitUsage, code, args)
	}
}
