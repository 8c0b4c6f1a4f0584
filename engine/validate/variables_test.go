package validate_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/validate"
)

// The validator reports INVALID_VARIABLE_FOR_OPERATOR exactly where the
// evaluator does not substitute a policy variable: every operator but the
// String and ARN ones (reference_policies_variables.md, "Condition
// element"; package condition).
func TestVariableForOperatorAgreesWithTheEvaluator(t *testing.T) {
	ops := []string{
		"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringLike", "StringNotLike",
		"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike",
		"NumericEquals", "NumericLessThan", "DateEquals", "DateGreaterThan",
		"Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "Null",
	}
	for _, op := range ops {
		t.Run(op, func(t *testing.T) {
			value := "${aws:PrincipalTag/x}"
			if strings.HasPrefix(op, "Arn") {
				value = "arn:aws:iam::111122223333:user/" + value
			}
			name, err := condition.ParseName(op)
			require.NoError(t, err)
			c, err := condition.Compile(name, "svc:key", []string{value}, true)
			require.NoError(t, err, "the evaluator accepts the policy")
			substituted := len(c.Variables()) > 0

			doc := stmt(`{"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*", "Condition": {"` + op + `": {"aws:PrincipalTag/y": "` + value + `"}}}`)
			findings := codesAt(validate.Validate(cat(t), validate.Request{Document: []byte(doc)}))
			flagged := slices.Contains(findings, "INVALID_VARIABLE_FOR_OPERATOR@Statement[0].Condition."+op+".aws:PrincipalTag/y")
			assert.Equal(t, !substituted, flagged, "findings %v", findings)
		})
	}
}

// VARIABLE_UNSUPPORTED_IN_ARN_FIELD, iamlab's own: a policy variable
// before the fifth colon of a Resource or NotResource ARN, which the
// evaluator takes literally (arn.CompileResource); none for one in the
// resource part, nor in an ARN condition operator's value.
func TestVariableUnsupportedInARNField(t *testing.T) {
	tests := []struct {
		name, statement string
		want            []string
		message         string
	}{
		{"account", `{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-2:${aws:PrincipalAccount}:orders"}`,
			[]string{"VARIABLE_UNSUPPORTED_IN_ARN_FIELD@Statement[0].Resource"}, "Remove the policy variable ${aws:PrincipalAccount} from the account field."},
		{"Region", `{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": ["arn:aws:sqs:us-east-2:111122223333:a", "arn:aws:sqs:${aws:RequestedRegion}:111122223333:orders"]}`,
			[]string{"VARIABLE_UNSUPPORTED_IN_ARN_FIELD@Statement[0].Resource[1]"}, "from the Region field."},
		{"service", `{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:${aws:username}:us-east-2:111122223333:orders"}`,
			[]string{"VARIABLE_UNSUPPORTED_IN_ARN_FIELD@Statement[0].Resource"}, "from the service field."},
		{"NotResource", `{"Effect": "Deny", "Action": "sqs:SendMessage", "NotResource": "arn:aws:sqs:us-east-2:${aws:PrincipalAccount}:*"}`,
			[]string{"VARIABLE_UNSUPPORTED_IN_ARN_FIELD@Statement[0].NotResource"}, "from the account field."},
		{"resource part", `{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-2:111122223333:${aws:username}-queue"}`,
			nil, ""},
		{"ARN condition operator", `{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::${aws:PrincipalAccount}:user/*"}}}`,
			nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			findings := validate.Validate(cat(t), validate.Request{Document: []byte(stmt(tt.statement))})
			assert.Equal(t, tt.want, codesAt(findings))
			if tt.message != "" {
				require.Len(t, findings, 1)
				assert.Contains(t, findings[0].FindingDetails, tt.message)
				info, ok := validate.VariableUnsupportedInARNField.Info()
				require.True(t, ok)
				assert.False(t, info.AWS)
				assert.Equal(t, validate.Error, info.Type)
			}
		})
	}
}
