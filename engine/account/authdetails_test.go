package account

import (
	"encoding/json"
	"net/url"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/catalog"
)

const acmeSnapshot = "testdata/acme-authorization-details.json"

func loadSnapshot(t testing.TB, data []byte) (*AuthorizationDetails, *Account) {
	t.Helper()
	d, err := DecodeAuthorizationDetails(data)
	require.NoError(t, err)
	env, _ := newTestEnv(1)
	policies, err := catalog.LoadManagedPolicies()
	require.NoError(t, err)
	a, err := Import(d, env, policies)
	require.NoError(t, err)
	return d, a
}

// The snapshot survives the round trip: GetAccountAuthorizationDetails of
// the imported account is the snapshot, field for field
// (id_credentials_getting-report.md's neighbour, the API reference's
// GetAccountAuthorizationDetails, defines the shape).
func TestImportRoundTrip(t *testing.T) {
	data, err := os.ReadFile(acmeSnapshot)
	require.NoError(t, err)
	d, a := loadSnapshot(t, data)
	assert.GreaterOrEqual(t, len(d.UserDetailList), 30)
	assert.GreaterOrEqual(t, len(d.GroupDetailList), 10)
	assert.GreaterOrEqual(t, len(d.RoleDetailList), 20)

	want, err := json.Marshal(d)
	require.NoError(t, err)
	got, err := json.Marshal(a.AuthorizationDetails())
	require.NoError(t, err)
	assert.JSONEq(t, string(want), string(got))

	// And the account behaves as the snapshot says.
	u := must[*GetUserOutput](t)(a.GetUser(GetUserInput{UserName: "mallory"}))
	assert.Equal(t, "arn:aws:iam::123456789012:user/contractors/mallory", u.User.Arn)
	assert.Equal(t, "arn:aws:iam::123456789012:policy/ContractorBoundary", u.User.PermissionsBoundary.PermissionsBoundaryArn)
	v := must[*GetPolicyVersionOutput](t)(a.GetPolicyVersion(GetPolicyVersionInput{PolicyArn: "arn:aws:iam::123456789012:policy/ci/DeployPipeline", VersionId: "v2"}))
	assert.False(t, v.PolicyVersion.IsDefaultVersion, "DeployPipeline's default is v1")
	p := must[*GetPolicyOutput](t)(a.GetPolicy(GetPolicyInput{PolicyArn: "arn:aws:iam::123456789012:policy/DeveloperBase"}))
	assert.Equal(t, "v3", p.Policy.DefaultVersionId)
}

// Documents may come URL-encoded, as the API returns them, rather than as
// objects, as the AWS CLI prints them: the import is the same.
func TestImportURLEncodedDocuments(t *testing.T) {
	data, err := os.ReadFile(acmeSnapshot)
	require.NoError(t, err)
	var raw map[string]any
	require.NoError(t, json.Unmarshal(data, &raw))
	encodeDocuments(raw)
	encoded, err := json.Marshal(raw)
	require.NoError(t, err)
	assert.Contains(t, string(encoded), `"AssumeRolePolicyDocument":"%7B`)

	_, a := loadSnapshot(t, data)
	_, b := loadSnapshot(t, encoded)
	wantJSON, _ := json.Marshal(a.AuthorizationDetails())
	gotJSON, _ := json.Marshal(b.AuthorizationDetails())
	assert.JSONEq(t, string(wantJSON), string(gotJSON))
}

// encodeDocuments replaces every policy document object with its
// URL-encoded text.
func encodeDocuments(v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if k == "PolicyDocument" || k == "AssumeRolePolicyDocument" || k == "Document" {
				if obj, ok := val.(map[string]any); ok {
					b, _ := json.Marshal(obj)
					x[k] = url.QueryEscape(string(b))
					continue
				}
			}
			encodeDocuments(val)
		}
	case []any:
		for _, e := range x {
			encodeDocuments(e)
		}
	}
}

func TestImportRefusesBadSnapshots(t *testing.T) {
	env, _ := newTestEnv(1)
	tests := []struct{ name, json string }{
		{"unknown field", `{"UserDetailList": [{"UserName": "a", "Shoe": 1}]}`},
		{"no account", `{"UserDetailList": []}`},
		{"two accounts", `{"UserDetailList": [{"Path": "/", "UserName": "a", "UserId": "AIDAAAAAAAAAAAAAAAAAA", "Arn": "arn:aws:iam::111122223333:user/a", "CreateDate": "2024-01-01T00:00:00Z", "GroupList": [], "AttachedManagedPolicies": []},
			{"Path": "/", "UserName": "b", "UserId": "AIDAAAAAAAAAAAAAAAAAB", "Arn": "arn:aws:iam::444455556666:user/b", "CreateDate": "2024-01-01T00:00:00Z", "GroupList": [], "AttachedManagedPolicies": []}]}`},
		{"unknown group", `{"UserDetailList": [{"Path": "/", "UserName": "a", "UserId": "AIDAAAAAAAAAAAAAAAAAA", "Arn": "arn:aws:iam::111122223333:user/a", "CreateDate": "2024-01-01T00:00:00Z", "GroupList": ["nope"], "AttachedManagedPolicies": []}]}`},
		{"wrong ARN", `{"UserDetailList": [{"Path": "/x/", "UserName": "a", "UserId": "AIDAAAAAAAAAAAAAAAAAA", "Arn": "arn:aws:iam::111122223333:user/a", "CreateDate": "2024-01-01T00:00:00Z", "GroupList": [], "AttachedManagedPolicies": []}]}`},
		{"bad document", `{"UserDetailList": [{"Path": "/", "UserName": "a", "UserId": "AIDAAAAAAAAAAAAAAAAAA", "Arn": "arn:aws:iam::111122223333:user/a", "CreateDate": "2024-01-01T00:00:00Z", "GroupList": [], "AttachedManagedPolicies": [],
			"UserPolicyList": [{"PolicyName": "p", "PolicyDocument": {"Statement": {"Effect": "allow", "Action": "*", "Resource": "*"}}}]}]}`},
		{"unknown customer policy", `{"UserDetailList": [{"Path": "/", "UserName": "a", "UserId": "AIDAAAAAAAAAAAAAAAAAA", "Arn": "arn:aws:iam::111122223333:user/a", "CreateDate": "2024-01-01T00:00:00Z", "GroupList": [],
			"AttachedManagedPolicies": [{"PolicyName": "X", "PolicyArn": "arn:aws:iam::111122223333:policy/X"}]}]}`},
		{"document not an object", `{"RoleDetailList": [{"RoleName": "r", "AssumeRolePolicyDocument": 5}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DecodeAuthorizationDetails([]byte(tt.json))
			if err == nil {
				_, err = Import(d, env, nil)
			}
			assert.ErrorIs(t, err, ErrSnapshot)
		})
	}
}

func FuzzDecodeAuthorizationDetails(f *testing.F) {
	data, err := os.ReadFile(acmeSnapshot)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data[:4000])
	f.Add([]byte(`{"RoleDetailList": [{"Path": "/", "RoleName": "r", "RoleId": "AROAAAAAAAAAAAAAAAAAA", "Arn": "arn:aws:iam::111122223333:role/r", "CreateDate": "2024-01-01T00:00:00Z", "AssumeRolePolicyDocument": "%7B%22Statement%22%3A%5B%5D%7D", "InstanceProfileList": [], "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": [], "RoleLastUsed": {}}]}`))
	env, _ := newTestEnv(1)
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := DecodeAuthorizationDetails(data)
		if err != nil {
			return
		}
		if a, err := Import(d, env, nil); err == nil {
			_ = a.AuthorizationDetails()
		}
	})
}

// The policies SimulatePrincipalPolicy considers: a user's own, then its
// groups'; a role's own; and the boundary.
func TestPrincipalPolicies(t *testing.T) {
	data, err := os.ReadFile(acmeSnapshot)
	require.NoError(t, err)
	_, a := loadSnapshot(t, data)
	pols, boundary, err := a.PrincipalPolicies("arn:aws:iam::123456789012:user/engineering/bob")
	require.NoError(t, err)
	var ids []string
	for _, p := range pols {
		ids = append(ids, p.Type+" "+p.ID)
	}
	assert.Equal(t, []string{
		"user PagerTools",
		"group CodeCommitAccess",
		"user-managed arn:aws:iam::123456789012:policy/DeveloperBase",
		"user-managed arn:aws:iam::123456789012:policy/SelfManageCredentials",
		"aws-managed arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess",
		"group DenyLeavingRegions",
		"aws-managed arn:aws:iam::aws:policy/IAMUserChangePassword",
		"user-managed arn:aws:iam::123456789012:policy/OnCallOperations",
	}, ids)
	assert.Nil(t, boundary)
	_, boundary, err = a.PrincipalPolicies("arn:aws:iam::123456789012:role/contractors/contractor-dev")
	require.NoError(t, err)
	require.NotNil(t, boundary)
	assert.Equal(t, "arn:aws:iam::123456789012:policy/ContractorBoundary", boundary.ID)
	_, _, err = a.PrincipalPolicies("arn:aws:iam::123456789012:role/nobody")
	assert.ErrorIs(t, err, ErrNoSuchEntity)
}

// ImportSnapshot adds a snapshot to an existing account, which keeps what
// it had; a snapshot of another account, or one naming something the
// account has, changes nothing.
func TestImportSnapshotIntoAccount(t *testing.T) {
	data, err := os.ReadFile(acmeSnapshot)
	require.NoError(t, err)
	d, err := DecodeAuthorizationDetails(data)
	require.NoError(t, err)
	policies, err := catalog.LoadManagedPolicies()
	require.NoError(t, err)
	env, _ := newTestEnv(1)

	other, err := New("111122223333", env)
	require.NoError(t, err)
	require.ErrorIs(t, other.ImportSnapshot(d, policies), ErrSnapshot)

	a, err := New("123456789012", env)
	require.NoError(t, err)
	_, err = a.CreateUser(CreateUserInput{UserName: "scenario-only"})
	require.NoError(t, err)
	require.NoError(t, a.ImportSnapshot(d, policies))
	_, err = a.GetUser(GetUserInput{UserName: "scenario-only"})
	require.NoError(t, err)
	got := a.AuthorizationDetails()
	assert.Len(t, got.UserDetailList, len(d.UserDetailList)+1)
	assert.Len(t, got.RoleDetailList, len(d.RoleDetailList))

	// A second import names every user again: refused, and nothing changes.
	before := a.AuthorizationDetails()
	require.ErrorIs(t, a.ImportSnapshot(d, policies), ErrSnapshot)
	assert.Equal(t, before, a.AuthorizationDetails())
}
