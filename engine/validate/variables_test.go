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
