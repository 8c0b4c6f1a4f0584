package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// acme is the realistic account snapshot the account model's round-trip
// test uses.
const acme = "../../engine/account/testdata/acme-authorization-details.json"

func TestImport(t *testing.T) {
	code, out, errOut := runCLI(t, "", "import", "file://"+acme)
	require.Equal(t, exitOK, code, errOut)
	golden(t, "testdata/principal/import.text.golden", out)

	code, out, errOut = runCLI(t, "", "import", "--output", "json", acme)
	require.Equal(t, exitOK, code, errOut)
	src, err := os.ReadFile(acme)
	require.NoError(t, err)
	// The account comes back as the snapshot: nothing lost or altered
	// (dates are written in UTC with Z, as Go writes them).
	var want, got any
	require.NoError(t, json.Unmarshal([]byte(strings.ReplaceAll(string(src), "+00:00", "Z")), &want))
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Equal(t, want, got)

	code, _, errOut = runCLI(t, `{"UserDetailList": [{"UserName": "x", "Favourite": 1}]}`, "import", "-")
	assert.Equal(t, exitError, code)
	assert.Contains(t, errOut, "invalid account snapshot")
	code, _, _ = runCLI(t, "", "import")
	assert.Equal(t, exitUsage, code)
}

// TestImportCounts checks the summary's singulars and plurals.
func TestImportCounts(t *testing.T) {
	const doc = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}`
	const trust = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}`
	const date = `"CreateDate": "2024-01-01T00:00:00Z"`
	one := `{
		"UserDetailList": [{"Path": "/", "UserName": "alice", "UserId": "AIDAEXAMPLEALICE00001", "Arn": "arn:aws:iam::123456789012:user/alice", ` + date + `,
			"GroupList": ["devs"], "UserPolicyList": [{"PolicyName": "Read", "PolicyDocument": ` + doc + `}],
			"AttachedManagedPolicies": [{"PolicyName": "Reports", "PolicyArn": "arn:aws:iam::123456789012:policy/Reports"}]}],
		"GroupDetailList": [{"Path": "/", "GroupName": "devs", "GroupId": "AGPAEXAMPLEDEVS000001", "Arn": "arn:aws:iam::123456789012:group/devs", ` + date + `}],
		"RoleDetailList": [{"Path": "/", "RoleName": "web", "RoleId": "AROAEXAMPLEWEB0000001", "Arn": "arn:aws:iam::123456789012:role/web", ` + date + `,
			"AssumeRolePolicyDocument": ` + trust + `,
			"InstanceProfileList": [{"Path": "/", "InstanceProfileName": "web", "InstanceProfileId": "AIPAEXAMPLEWEB0000001", "Arn": "arn:aws:iam::123456789012:instance-profile/web", ` + date + `,
				"Roles": [{"Path": "/", "RoleName": "web", "RoleId": "AROAEXAMPLEWEB0000001", "Arn": "arn:aws:iam::123456789012:role/web", ` + date + `, "AssumeRolePolicyDocument": ` + trust + `}]}]}],
		"Policies": [{"PolicyName": "Reports", "PolicyId": "ANPAEXAMPLEREPORTS001", "Arn": "arn:aws:iam::123456789012:policy/Reports", "Path": "/", "DefaultVersionId": "v1",
			"AttachmentCount": 1, "IsAttachable": true, ` + date + `, "UpdateDate": "2024-01-01T00:00:00Z",
			"PolicyVersionList": [{"Document": ` + doc + `, "VersionId": "v1", "IsDefaultVersion": true, ` + date + `}]}]
	}`
	tests := []struct {
		name, snapshot, want string
	}{
		{"none of anything", `{"UserDetailList": [{"Path": "/", "UserName": "alice", "UserId": "AIDAEXAMPLEALICE00001", "Arn": "arn:aws:iam::123456789012:user/alice", ` + date + `}]}`,
			"account 123456789012: 1 user, 0 groups, 0 roles, 0 instance profiles, 0 customer managed policies (0 versions in all, with AWS managed ones), 0 AWS managed policies in use, 0 inline policies\n"},
		{"one of everything", one,
			"account 123456789012: 1 user, 1 group, 1 role, 1 instance profile, 1 customer managed policy (1 version in all, with AWS managed ones), 0 AWS managed policies in use, 1 inline policy\n"},
		{"one AWS managed policy", strings.Replace(one, `"AttachedManagedPolicies": [`, `"AttachedManagedPolicies": [{"PolicyName": "AdministratorAccess", "PolicyArn": "arn:aws:iam::aws:policy/AdministratorAccess"}, `, 1),
			"account 123456789012: 1 user, 1 group, 1 role, 1 instance profile, 1 customer managed policy (2 versions in all, with AWS managed ones), 1 AWS managed policy in use, 1 inline policy\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.snapshot, "import", "-")
			require.Equal(t, exitOK, code, errOut)
			assert.Equal(t, tt.want, out)
		})
	}
}

func TestPlural(t *testing.T) {
	tests := []struct {
		n          int
		noun, want string
	}{
		{0, "case", "0 cases"},
		{1, "case", "1 case"},
		{2, "case", "2 cases"},
		{1, "customer managed policy", "1 customer managed policy"},
		{3, "customer managed policy", "3 customer managed policies"},
		{2, "key", "2 keys"},
		{2, "instance profile", "2 instance profiles"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			assert.Equal(t, tt.want, plural(tt.n, tt.noun))
		})
	}
}

// TestSimulatePrincipalGolden runs every request under testdata/principal
// against the snapshot, in both output formats.
func TestSimulatePrincipalGolden(t *testing.T) {
	reqs, err := filepath.Glob("testdata/principal/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, reqs)
	for _, req := range reqs {
		base := strings.TrimSuffix(req, ".json")
		t.Run(filepath.Base(base), func(t *testing.T) {
			for _, format := range []string{"text", "json"} {
				args := []string{"simulate-principal-policy", "--account", "file://" + acme, "--cli-input-json", "file://" + req, "--output", format}
				code, out, errOut := runCLI(t, "", args...)
				transcript := fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", code, out, errOut)
				golden(t, base+"."+format+".golden", transcript)
			}
		})
	}
}

func TestSimulatePrincipalFlags(t *testing.T) {
	code, out, errOut := runCLI(t, "", "simulate-principal-policy", "--account", acme,
		"--policy-source-arn", "arn:aws:iam::123456789012:role/app/lambda-orders-processor",
		"--action-names", "dynamodb:GetItem,dynamodb:DeleteTable", "--resource-arns", "arn:aws:dynamodb:eu-west-1:123456789012:table/orders")
	require.Equal(t, exitOK, code, errOut)
	var resp struct {
		EvaluationResults []struct {
			EvalActionName    string
			EvalDecision      string
			MatchedStatements []struct{ SourcePolicyId, SourcePolicyType string }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &resp))
	require.Len(t, resp.EvaluationResults, 2)
	assert.Equal(t, "allowed", resp.EvaluationResults[0].EvalDecision)
	assert.Equal(t, "arn:aws:iam::123456789012:policy/app/OrdersTableAccess", resp.EvaluationResults[0].MatchedStatements[0].SourcePolicyId)
	assert.Equal(t, "user-managed", resp.EvaluationResults[0].MatchedStatements[0].SourcePolicyType)
	assert.Equal(t, "implicitDeny", resp.EvaluationResults[1].EvalDecision)

	for _, args := range [][]string{
		{"simulate-principal-policy"},
		{"simulate-principal-policy", "--account", acme},
		{"simulate-principal-policy", "--account", acme, "--policy-source-arn", "x", "--cli-input-json", "y"},
		{"simulate-principal-policy", "--account", acme, "--policy-source-arn", "x", "--output", "yaml"},
	} {
		code, _, _ := runCLI(t, "", args...)
		assert.Equal(t, exitUsage, code, args)
	}
}
