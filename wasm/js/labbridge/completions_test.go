package labbridge_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/wasm/js/labbridge"
)

type completionsResult struct {
	OK    bool                   `json:"ok"`
	Kind  string                 `json:"kind"`
	From  int                    `json:"from"`
	To    int                    `json:"to"`
	Items []labbridge.Completion `json:"items"`
	Error *struct{ Code, Message string }
}

// complete asks for completions where the document has "|", which is
// taken out.
func complete(t *testing.T, lab *labbridge.Lab, doc, typ string) completionsResult {
	t.Helper()
	i := strings.Index(doc, "|")
	require.GreaterOrEqual(t, i, 0, "the case marks the cursor with |")
	text := doc[:i] + doc[i+1:]
	in, err := json.Marshal(labbridge.CompletionsRequest{Policy: text, Offset: len(utf16.Encode([]rune(doc[:i]))), Type: typ})
	require.NoError(t, err)
	var r completionsResult
	out := lab.Completions(in)
	require.NoError(t, json.Unmarshal(out, &r), "not JSON: %s", out)
	return r
}

func labels(items []labbridge.Completion) []string {
	out := make([]string, len(items))
	for i, c := range items {
		out[i] = c.Label
	}
	return out
}

func find(items []labbridge.Completion, label string) (labbridge.Completion, bool) {
	for _, c := range items {
		if c.Label == label {
			return c, true
		}
	}
	return labbridge.Completion{}, false
}

func TestCompletions(t *testing.T) {
	lab := labbridge.New()
	tests := []struct {
		name     string
		doc      string
		typ      string
		kind     string
		contains []string
		lacks    []string
		check    func(t *testing.T, r completionsResult)
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
			name: "statement element in a resource policy", doc: `{"Statement": {"|`, typ: "resource", kind: "element",
			contains: []string{"Principal", "NotPrincipal", "Action"},
		},
		{
			name: "principal type", doc: `{"Statement": [{"Principal": {"|"}}]}`, typ: "trust", kind: "element",
			contains: []string{"AWS", "Service", "Federated"},
		},
		{
			name: "version", doc: `{"Version": "|"}`, kind: "version", contains: []string{"2012-10-17", "2008-10-17"},
		},
		{
			name: "effect", doc: "{\"Statement\": [\n  {\"Effect\": \"Al|\"}\n]}", kind: "effect", contains: []string{"Allow", "Deny"},
			check: func(t *testing.T, r completionsResult) {
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
			check: func(t *testing.T, r completionsResult) {
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
			check: func(t *testing.T, r completionsResult) {
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
			check: func(t *testing.T, r completionsResult) {
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
			check: func(t *testing.T, r completionsResult) {
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
			name: "AWS principals", doc: `{"Statement": [{"Principal": {"AWS": ["arn:|"]}}]}`, typ: "resource", kind: "principal",
			contains: []string{"*", "arn:aws:iam::${Account}:root", "arn:aws:iam::${Account}:role/${RoleName}"},
			check: func(t *testing.T, r completionsResult) {
				c, _ := find(r.Items, "arn:aws:iam::${Account}:root")
				assert.True(t, c.Snippet)
			},
		},
		{
			name: "service principals", doc: `{"Statement": [{"Principal": {"Service": "ec2|"}}]}`, typ: "trust", kind: "principal",
			contains: []string{"ec2.amazonaws.com", "lambda.amazonaws.com"},
		},
		{
			name: "a Principal that is a string", doc: `{"Statement": [{"Principal": "|"}]}`, typ: "resource", kind: "principal",
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
			r := complete(t, lab, tt.doc, tt.typ)
			require.True(t, r.OK, "%+v", r.Error)
			assert.Equal(t, tt.kind, r.Kind)
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

// TestCompletionsByPath names the place by its JSON path instead of a
// cursor.
func TestCompletionsByPath(t *testing.T) {
	lab := labbridge.New()
	tests := []struct {
		req      labbridge.CompletionsRequest
		kind     string
		contains string
	}{
		{labbridge.CompletionsRequest{Path: "Statement[0].Action", Prefix: "sts:"}, "action", "sts:AssumeRole"},
		{labbridge.CompletionsRequest{Path: "Statement[0].Action[2]", Prefix: "kms"}, "service", "kms:"},
		{labbridge.CompletionsRequest{Path: "Statement[0].Condition", Key: true}, "operator", "StringLike"},
		{labbridge.CompletionsRequest{Path: "Statement[1].Condition.StringEquals", Key: true, Policy: `{"Statement": [{}, {"Action": "ec2:RunInstances"}]}`}, "conditionKey", "ec2:InstanceType"},
	}
	for _, tt := range tests {
		t.Run(tt.req.Path, func(t *testing.T) {
			in, err := json.Marshal(tt.req)
			require.NoError(t, err)
			var r completionsResult
			require.NoError(t, json.Unmarshal(lab.Completions(in), &r))
			require.True(t, r.OK)
			assert.Equal(t, tt.kind, r.Kind)
			assert.Contains(t, labels(r.Items), tt.contains)
		})
	}
}

func TestCompletionsBadInput(t *testing.T) {
	lab := labbridge.New()
	for _, in := range []string{`nope`, `{"type": "bucket"}`, `{"path": "Statement[x]"}`} {
		var r completionsResult
		require.NoError(t, json.Unmarshal(lab.Completions([]byte(in)), &r))
		assert.False(t, r.OK, in)
		require.NotNil(t, r.Error, in)
		assert.Equal(t, "InvalidInput", r.Error.Code)
	}
}

// TestCompletionsUTF16 counts offsets as JavaScript does, past a
// character outside the Basic Multilingual Plane.
func TestCompletionsUTF16(t *testing.T) {
	r := complete(t, labbridge.New(), `{"Id": "😀", "Statement": [{"Effect": "D|"}]}`, "")
	assert.Equal(t, "effect", r.Kind)
	assert.Equal(t, 39, r.From)
	assert.Equal(t, 40, r.To)
}
