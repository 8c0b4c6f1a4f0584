package complete_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/complete"
	"github.com/iamlab/iamlab/engine/policy"
)

func loadCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	cat, err := catalog.Load()
	require.NoError(t, err)
	return cat
}

// at asks what fits where the document has "|", which is taken out.
func at(t *testing.T, cat *catalog.Catalog, doc string, typ policy.Type) complete.Result {
	t.Helper()
	i := strings.Index(doc, "|")
	require.GreaterOrEqual(t, i, 0, "the case marks the cursor with |")
	r, err := complete.At(doc[:i]+doc[i+1:], i, complete.Options{Type: typ, Catalog: cat})
	require.NoError(t, err)
	require.NotNil(t, r.Items)
	require.LessOrEqual(t, r.From, r.To)
	return r
}

func labels(items []complete.Item) []string {
	out := make([]string, len(items))
	for i, c := range items {
		out[i] = c.Label
	}
	return out
}

func find(items []complete.Item, label string) (complete.Item, bool) {
	for _, c := range items {
		if c.Label == label {
			return c, true
		}
	}
	return complete.Item{}, false
}

func TestAt(t *testing.T) {
	cat := loadCatalog(t)
	tests := []struct {
		name     string
		doc      string
		typ      policy.Type
		kind     string
		contains []string
		lacks    []string
		check    func(t *testing.T, r complete.Result)
	}{
		{
			name: "top-level element", doc: `{"Ver|"}`, kind: "element",
			contains: []string{"Version", "Statement", "Id"},
		},
		{
			name: "statement element in an identity policy", doc: `{"Statement": [{"Effect": "Allow", "|"}]}`, kind: "element",
			contains: []string{"Action", "NotAction", "Resource", "Condition", "Sid"}, lacks: []string{"Principal"},
		},
		{
			name: "statement element in a resource policy", doc: `{"Statement": {"|`, typ: policy.Resource, kind: "element",
			contains: []string{"Principal", "NotPrincipal", "Action"},
		},
		{
			name: "principal type", doc: `{"Statement": [{"Principal": {"|"}}]}`, typ: policy.Trust, kind: "element",
			contains: []string{"AWS", "Service", "Federated"},
		},
		{
			name: "version", doc: `{"Version": "|"}`, kind: "version", contains: []string{"2012-10-17", "2008-10-17"},
		},
		{
			name: "effect", doc: "{\"Statement\": [\n  {\"Effect\": \"Al|\"}\n]}", kind: "effect", contains: []string{"Allow", "Deny"},
			check: func(t *testing.T, r complete.Result) {
				assert.Equal(t, 30, r.From, "the string's content starts there")
				assert.Equal(t, 32, r.To, "up to the cursor")
			},
		},
		{
			name: "service prefixes before the colon", doc: `{"Statement": [{"Action": "s|"}]}`, kind: "service",
			contains: []string{"s3:", "iam:", "ec2:", "*"},
		},
		{
			name: "actions of the service", doc: `{"Statement": [{"Action": ["s3:Get|"]}]}`, kind: "action",
			contains: []string{"s3:GetObject", "s3:PutObject", "s3:*"},
			check: func(t *testing.T, r complete.Result) {
				c, _ := find(r.Items, "s3:GetObject")
				assert.Equal(t, "Read", c.Detail)
				assert.Contains(t, c.Info, "object")
				c, _ = find(r.Items, "s3:ListBucket")
				assert.Equal(t, "List", c.Detail)
			},
		},
		{
			name: "NotAction, second element, the document left unfinished", doc: `{"Statement": [{"NotAction": ["s3:GetObject", "iam:Pass|`, kind: "action",
			contains: []string{"iam:PassRole"},
		},
		{
			name: "an unknown service offers nothing", doc: `{"Statement": [{"Action": "nosuch:|"}]}`, kind: "action",
		},
		{
			name: "operators", doc: `{"Statement": [{"Condition": {"|": {}}}]}`, kind: "operator",
			contains: []string{"StringEquals", "StringEqualsIfExists", "ForAllValues:StringLike", "ForAnyValue:StringEqualsIfExists", "Null", "Bool", "IpAddress", "ArnLike", "DateGreaterThan", "NumericLessThan", "BinaryEquals"},
			lacks:    []string{"NullIfExists", "ForAllValues:Null"},
			check: func(t *testing.T, r complete.Result) {
				for _, c := range r.Items {
					assert.NotContains(t, c.Label, "Plugin:")
				}
				assert.Len(t, r.Items, 26*6+1)
			},
		},
		{
			name: "condition keys: global and the statement's actions'", kind: "conditionKey",
			doc:      `{"Statement": [{"Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"|"}}}]}`,
			contains: []string{"aws:SourceIp", "aws:PrincipalTag/${TagKey}", "s3:ExistingObjectTag/${Key}", "s3:authType"},
			lacks:    []string{"ec2:Region", "iam:PassedToService"},
			check: func(t *testing.T, r complete.Result) {
				c, ok := find(r.Items, "aws:SourceIp")
				require.True(t, ok)
				assert.Equal(t, "IPAddress", c.Detail)
				assert.Zero(t, c.Boost, "an IP key does not suit StringEquals")
				c, _ = find(r.Items, "aws:PrincipalTag/${TagKey}")
				assert.True(t, c.Snippet)
				assert.Equal(t, 1, c.Boost)
			},
		},
		{
			name: "condition keys of an action that comes after the cursor", kind: "conditionKey",
			doc:      `{"Statement": [{"Condition": {"StringEquals": {"iam:|": "x"}}, "Action": "iam:PassRole"}]}`,
			contains: []string{"iam:PassedToService", "aws:RequestedRegion"},
		},
		{
			name: "resources: the ARN formats of the statement's actions", kind: "resource",
			doc:      `{"Statement": [{"Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["|"]}]}`,
			contains: []string{"*", "arn:aws:s3:::${BucketName}/${ObjectName}", "arn:aws:s3:::${BucketName}"},
			check: func(t *testing.T, r complete.Result) {
				c, _ := find(r.Items, "arn:aws:s3:::${BucketName}")
				assert.True(t, c.Snippet)
				assert.Equal(t, "s3 bucket", c.Detail)
			},
		},
		{
			name: "Bool's values", doc: `{"Statement": [{"Condition": {"BoolIfExists": {"aws:SecureTransport": "|"}}}]}`, kind: "value",
			contains: []string{"true", "false"},
		},
		{
			name: "AWS principals", doc: `{"Statement": [{"Principal": {"AWS": ["arn:|"]}}]}`, typ: policy.Resource, kind: "principal",
			contains: []string{"*", "arn:aws:iam::${Account}:root", "arn:aws:iam::${Account}:role/${RoleName}"},
			check: func(t *testing.T, r complete.Result) {
				c, _ := find(r.Items, "arn:aws:iam::${Account}:root")
				assert.True(t, c.Snippet)
			},
		},
		{
			name: "service principals", doc: `{"Statement": [{"Principal": {"Service": "ec2|"}}]}`, typ: policy.Trust, kind: "principal",
			contains: []string{"ec2.amazonaws.com", "lambda.amazonaws.com"},
		},
		{
			name: "a Principal that is a string", doc: `{"Statement": [{"Principal": "|"}]}`, typ: policy.Resource, kind: "principal",
			contains: []string{"*"},
		},
		{
			name: "nothing outside a string", doc: `{"Statement": [{"Action": |}]}`, kind: "",
		},
		{
			name: "nothing in a Sid", doc: `{"Statement": [{"Sid": "a|"}]}`, kind: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := at(t, cat, tt.doc, tt.typ)
			assert.Equal(t, tt.kind, r.Place.String())
			got := labels(r.Items)
			for _, l := range tt.contains {
				assert.Contains(t, got, l)
			}
			for _, l := range tt.lacks {
				assert.NotContains(t, got, l)
			}
			if tt.contains == nil {
				assert.Empty(t, got)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}
}

// TestStatementElements offers only the elements the parser accepts in
// each policy type.
func TestStatementElements(t *testing.T) {
	cat := loadCatalog(t)
	tests := []struct {
		typ  policy.Type
		want []string
	}{
		{policy.Identity, []string{"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"}},
		{policy.Resource, []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}},
		{policy.Trust, []string{"Sid", "Effect", "Principal", "Action", "NotAction", "Condition"}},
		{policy.SCP, []string{"Sid", "Effect", "Action", "NotAction", "Resource", "Condition"}},
		{policy.RCP, []string{"Sid", "Effect", "Principal", "Action", "Resource", "Condition"}},
	}
	for _, tt := range tests {
		t.Run(tt.typ.String(), func(t *testing.T) {
			r := at(t, cat, `{"Statement": [{"|"}]}`, tt.typ)
			assert.Equal(t, complete.Element, r.Place)
			assert.Equal(t, tt.want, labels(r.Items))
		})
	}
}

// TestAtPath names the place by its JSON path instead of a cursor.
func TestAtPath(t *testing.T) {
	cat := loadCatalog(t)
	tests := []struct {
		doc, path string
		key       bool
		prefix    string
		place     complete.Place
		contains  string
	}{
		{path: "Statement[0].Action", prefix: "sts:", place: complete.Action, contains: "sts:AssumeRole"},
		{path: "Statement[0].Action[2]", prefix: "kms", place: complete.Service, contains: "kms:"},
		{path: "Statement[0].Condition", key: true, place: complete.Operator, contains: "StringLike"},
		{path: "Statement[1].Condition.StringEquals", key: true, doc: `{"Statement": [{}, {"Action": "ec2:RunInstances"}]}`, place: complete.ConditionKey, contains: "ec2:InstanceType"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r, err := complete.AtPath(tt.doc, tt.path, tt.key, tt.prefix, complete.Options{Catalog: cat})
			require.NoError(t, err)
			assert.Equal(t, tt.place, r.Place)
			assert.Contains(t, labels(r.Items), tt.contains)
			assert.Equal(t, 0, r.From)
			assert.Equal(t, len(tt.prefix), r.To)
		})
	}
}

func TestErrors(t *testing.T) {
	_, err := complete.At(`{"`, 2, complete.Options{})
	assert.ErrorIs(t, err, complete.ErrNoCatalog)
	_, err = complete.AtPath("", "Statement[x]", false, "", complete.Options{Catalog: loadCatalog(t)})
	assert.ErrorIs(t, err, complete.ErrPath)
	assert.False(t, errors.Is(err, complete.ErrNoCatalog))
}

// TestCursorOutsideOrInsideACharacter clamps the cursor to the text and
// never splits a character.
func TestCursorOutsideOrInsideACharacter(t *testing.T) {
	cat := loadCatalog(t)
	doc := `{"Statement": [{"Effect": "é`
	r, err := complete.At(doc, -5, complete.Options{Catalog: cat})
	require.NoError(t, err)
	assert.Equal(t, complete.Nowhere, r.Place, "before the text")
	for _, offset := range []int{len(doc) - 1, len(doc), len(doc) + 10} {
		r, err := complete.At(doc, offset, complete.Options{Catalog: cat})
		require.NoError(t, err)
		assert.Equal(t, complete.Effect, r.Place, "offset %d", offset)
		assert.LessOrEqual(t, r.To, len(doc))
	}
}

func TestPlaceAndKindNames(t *testing.T) {
	assert.Equal(t, "conditionKey", complete.ConditionKey.String())
	assert.Equal(t, "", complete.Nowhere.String())
	assert.Equal(t, "template", complete.Template.String())
	b, err := complete.Function.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "function", string(b))
}
