package policy

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAcceptsAWSForms(t *testing.T) {
	tests := []struct {
		name  string
		doc   string // the AWS documentation page the form comes from
		typ   Type
		src   string
		check func(t *testing.T, d *Document)
	}{
		{"statement as a single object", "reference_policies_elements_statement.md", Identity,
			`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}}`,
			func(t *testing.T, d *Document) {
				require.Len(t, d.Statements, 1)
				assert.Equal(t, Version2012, d.Version)
				assert.Equal(t, Allow, d.Statements[0].Effect)
			}},
		{"statement array with Sid and Id", "reference_policies_elements_id.md", Identity,
			`{"Version":"2012-10-17","Id":"cd3ad3d9-2776-4ef1-a904-4c229d1642ee","Statement":[{"Sid":"A1","Effect":"Deny","Action":["s3:*","ec2:*"],"Resource":["*"]}]}`,
			func(t *testing.T, d *Document) {
				assert.Equal(t, "cd3ad3d9-2776-4ef1-a904-4c229d1642ee", d.ID)
				assert.Equal(t, "A1", d.Statements[0].Sid)
				assert.Equal(t, Deny, d.Statements[0].Effect)
				assert.Len(t, d.Statements[0].Action.Patterns, 2)
			}},
		{"version 2008-10-17 keeps variables literal", "reference_policies_elements_version.md", Identity,
			`{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}`,
			func(t *testing.T, d *Document) {
				assert.Equal(t, Version2008, d.Version)
				assert.False(t, d.Statements[0].Resource.Patterns[0].HasVariables())
			}},
		{"missing version keeps variables literal", "reference_policies_elements_version.md", Identity,
			`{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}`,
			func(t *testing.T, d *Document) {
				assert.Equal(t, VersionNone, d.Version)
				assert.False(t, d.Statements[0].Resource.Patterns[0].HasVariables())
			}},
		{"version 2012-10-17 reads variables", "reference_policies_variables.md", Identity,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}`,
			func(t *testing.T, d *Document) {
				assert.True(t, d.Statements[0].Resource.Patterns[0].HasVariables())
			}},
		{"NotAction and NotResource", "reference_policies_elements_notaction.md", Identity,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotAction":"iam:*","NotResource":"arn:aws:s3:::keep/*"}]}`,
			func(t *testing.T, d *Document) {
				assert.True(t, d.Statements[0].Action.Not)
				assert.True(t, d.Statements[0].Resource.Not)
			}},
		{"principal star", "reference_policies_elements_principal.md#principal-anonymous", Resource,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]}`,
			func(t *testing.T, d *Document) { assert.True(t, d.Statements[0].Principal.Any) }},
		{"principal of every kind", "reference_policies_elements_principal.md", Resource,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{
				"AWS":["123456789012","arn:aws:iam::123456789012:root","arn:aws:iam::123456789012:user/alice","arn:aws:iam::123456789012:role/path/Admin","arn:aws:sts::123456789012:assumed-role/Admin/s1","arn:aws:sts::123456789012:federated-user/bob","*","AIDACKCEVSQ6C2EXAMPLE"],
				"Service":["ec2.amazonaws.com"],
				"Federated":"cognito-identity.amazonaws.com",
				"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},
				"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`,
			func(t *testing.T, d *Document) {
				p := d.Statements[0].Principal
				assert.Len(t, p.AWS, 8)
				assert.Equal(t, []string{"ec2.amazonaws.com"}, p.Service)
				assert.Equal(t, []string{"cognito-identity.amazonaws.com"}, p.Federated)
				assert.Len(t, p.CanonicalUser, 1)
			}},
		{"trust policy has no Resource", "id_roles_terms-and-concepts.md", Trust,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`,
			func(t *testing.T, d *Document) { assert.False(t, d.Statements[0].Resource.Present) }},
		{"condition values as string, number, boolean and list", "reference_policies_elements_condition.md", Identity,
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{
				"NumericLessThanEquals":{"s3:max-keys":10},
				"Bool":{"aws:SecureTransport":true},
				"StringEquals":{"aws:PrincipalTag/team":["red","blue"]},
				"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}`,
			func(t *testing.T, d *Document) {
				require.Len(t, d.Statements[0].Condition, 4)
				assert.Equal(t, []string{"10"}, d.Statements[0].Condition[0].Values())
				assert.Equal(t, []string{"true"}, d.Statements[0].Condition[1].Values())
			}},
		{"resource policy Sid may have spaces", "reference_policies_elements_sid.md", Resource,
			`{"Version":"2012-10-17","Statement":[{"Sid":"Public read","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`,
			func(t *testing.T, d *Document) { assert.Equal(t, "Public read", d.Statements[0].Sid) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse([]byte(tt.src), Options{Type: tt.typ, Name: "p.json"})
			require.NoError(t, err, tt.doc)
			tt.check(t, d)
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		typ  Type
		src  string
		want string // the whole error text: where and what
	}{
		{"effect in wrong case", Identity,
			"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},\n    {\"Effect\": \"allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"}\n  ]\n}",
			`p.json:5:16 Statement[1].Effect: must be "Allow" or "Deny", got "allow"`},
		{"invalid JSON", Identity, "{\"Version\": \"2012-10-17\",\n \"Statement\": [}",
			`p.json:2:16: invalid JSON: unexpected '}', expected a value`},
		{"unknown top-level key", Identity, `{"Version":"2012-10-17","Statment":[]}`,
			`p.json:1:25: unknown element "Statment": a policy document has Version, Id and Statement (names are case-sensitive)`},
		{"unknown version", Identity, `{"Version":"2012-10-18","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`,
			`p.json:1:12 Version: must be "2012-10-17" or "2008-10-17", got "2012-10-18"`},
		{"unknown statement key", Identity, `{"Statement":{"Effect":"Allow","Actions":"s3:*","Resource":"*"}}`,
			`p.json:1:14 Statement: missing required element Action or NotAction: a statement must contain actions`},
		{"duplicate sid", Identity, `{"Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"}]}`,
			`p.json:1:75 Statement[1].Sid: duplicate Sid "A": statement IDs must be unique within a policy`},
		{"empty action list", Identity, `{"Statement":{"Effect":"Allow","Action":[],"Resource":"*"}}`,
			`p.json:1:41 Statement.Action: must not be an empty array`},
		{"action without service", Identity, `{"Statement":{"Effect":"Allow","Action":"GetObject","Resource":"*"}}`,
			`p.json:1:41 Statement.Action: action "GetObject" must be prefixed by a service, as in "s3:GetObject" (or be "*")`},
		{"both Action and NotAction", Identity, `{"Statement":{"Effect":"Allow","Action":"s3:*","NotAction":"s3:Get*","Resource":"*"}}`,
			`p.json:1:48 Statement: a statement cannot have both Action and NotAction`},
		{"missing resource", Identity, `{"Statement":{"Effect":"Allow","Action":"s3:*"}}`,
			`p.json:1:14 Statement: missing required element Resource or NotResource: a statement must contain resources`},
		{"malformed resource ARN", Identity, `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":["*","arn:aws:s3"]}}`,
			`p.json:1:64 Statement.Resource[1]: `},
		{"principal in identity policy", Identity, `{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}}`,
			`p.json:1:32 Statement: an identity-based policy must not specify Principal: it applies to the identity it is attached to`},
		{"resource policy without principal", Resource, `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`,
			`p.json:1:14 Statement: missing required element Principal: a resource-based policy must say whom it applies to`},
		{"wildcard in principal ARN", Resource, `{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/*"},"Action":"s3:*","Resource":"*"}}`,
			`p.json:1:51 Statement.Principal.AWS: invalid principal "arn:aws:iam::123456789012:user/*": wildcards are not allowed in principal ARNs (use "*" with an aws:PrincipalArn condition)`},
		{"unknown principal type", Resource, `{"Statement":{"Effect":"Allow","Principal":{"Aws":"*"},"Action":"s3:*","Resource":"*"}}`,
			`p.json:1:45 Statement.Principal: unknown principal type "Aws": use AWS, Service, Federated or CanonicalUser`},
		{"NotPrincipal in trust policy", Trust, `{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":"123456789012"},"Action":"sts:AssumeRole"}}`,
			`p.json:1:31 Statement: NotPrincipal cannot be used in a role trust policy`},
		{"resource in trust policy", Trust, `{"Statement":{"Effect":"Allow","Principal":{"AWS":"123456789012"},"Action":"sts:AssumeRole","Resource":"*"}}`,
			`p.json:1:93 Statement: a role trust policy cannot have Resource: it always applies to its role`},
		{"unknown condition operator", Identity, `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqual":{"aws:username":"a"}}}}`,
			`p.json:1:76 Statement.Condition.StringEqual: `},
		{"condition value null", Identity, `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":null}}}}`,
			`p.json:1:107 Statement.Condition.StringEquals.aws:username: a condition value must be a string, number or boolean, got null`},
		{"bad numeric condition value", Identity, `{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":["10","ten"]}}}}`,
			`p.json:1:115 Statement.Condition.NumericLessThan.s3:max-keys: `},
		{"duplicate key", Identity, `{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"s3:*","Resource":"*"}}`,
			`p.json:1:32 Statement.Effect: duplicate key "Effect"`},
		{"sid with punctuation in IAM policy", Identity, `{"Statement":{"Sid":"no-dash","Effect":"Allow","Action":"s3:*","Resource":"*"}}`,
			`p.json:1:21 Statement.Sid: Sid "no-dash" has '-' at index 2: IAM statement IDs may contain only A-Z, a-z and 0-9`},
		{"character outside IAM's set", Identity, "{\"Statement\":{\"Sid\":\"\u4e2d\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
			`p.json:1:22: character U+4E2D is not allowed: IAM policies may contain only tab, line feed, carriage return and U+0020 to U+00FF`},
		{"not an object", Identity, `["Statement"]`, `p.json:1:1: a policy document must be a JSON object, got array`},
		{"RCP principal must be star", RCP, `{"Statement":{"Effect":"Deny","Principal":{"AWS":"123456789012"},"Action":"s3:*","Resource":"*"}}`,
			`p.json:1:43 Statement.Principal: resource control policies must use "Principal": "*" and narrow it with conditions`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), Options{Type: tt.typ, Name: "p.json"})
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrMalformed), "errors wrap ErrMalformed")
			var list ErrorList
			require.ErrorAs(t, err, &list)
			require.NotEmpty(t, list)
			found := false
			for _, e := range list {
				found = found || strings.HasPrefix(e.Error(), tt.want)
			}
			assert.True(t, found, "got  %s\nwant %s…", list.Error(), tt.want)
		})
	}
}

func TestParseReportsEveryErrorSorted(t *testing.T) {
	src := `{"Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"},{"Effect":"Allow","Action":"x","Resource":"bad"}]}`
	_, err := Parse([]byte(src), Options{Type: Identity})
	var list ErrorList
	require.ErrorAs(t, err, &list)
	require.Len(t, list, 3)
	for i := 1; i < len(list); i++ {
		assert.Less(t, list[i-1].Pos.Offset, list[i].Pos.Offset)
	}
}

// reference_iam-quotas.md: white space is not counted.
func TestSizeAndQuota(t *testing.T) {
	compact := `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}`
	spaced := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\n    \"Effect\": \"Allow\",\n    \"Action\": \"s3:*\",\n    \"Resource\": \"*\"\n  }\n}\n"
	a, err := Parse([]byte(compact), Options{})
	require.NoError(t, err)
	b, err := Parse([]byte(spaced), Options{})
	require.NoError(t, err)
	assert.Equal(t, len(compact), a.Size)
	assert.Equal(t, a.Size, b.Size)

	_, err = Parse([]byte(spaced), Options{MaxSize: a.Size - 1})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "over the quota of")
	_, err = Parse([]byte(spaced), Options{MaxSize: a.Size})
	assert.NoError(t, err)
}

func TestStatementSpan(t *testing.T) {
	src := "{\"Statement\": [\n  {\"Effect\": \"Allow\",\n   \"Action\": \"s3:*\", \"Resource\": \"*\"}\n]}"
	d, err := Parse([]byte(src), Options{})
	require.NoError(t, err)
	sp := d.Statements[0].Span
	assert.Equal(t, 2, sp.Start.Line)
	assert.Equal(t, 3, sp.Start.Column)
	assert.Equal(t, 3, sp.End.Line)
	assert.Equal(t, 38, sp.End.Column)
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:Get*"],"Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*"]},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`,
		`{"Statement":{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::123456789012:root"]},"NotAction":"s3:*","NotResource":"*"}}`,
		`{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]},"Null":{"aws:MultiFactorAuthAge":true}}}]}`,
		`{"Statement":[]}`, `{}`, `[]`, `{"Version":1}`,
	} {
		for typ := Identity; typ <= RCP; typ++ {
			f.Add([]byte(s), uint8(typ))
		}
	}
	f.Fuzz(func(t *testing.T, src []byte, typ uint8) {
		d, err := Parse(src, Options{Type: Type(typ % 7), Name: "fuzz"})
		require.NotNil(t, d, "Parse always returns a document")
		if err == nil {
			return
		}
		var list ErrorList
		require.ErrorAs(t, err, &list)
		require.NotEmpty(t, list)
		for _, e := range list {
			require.GreaterOrEqual(t, e.Pos.Line, 1)
			require.GreaterOrEqual(t, e.Pos.Column, 1)
			require.LessOrEqual(t, e.Pos.Offset, len(src))
		}
	})
}
