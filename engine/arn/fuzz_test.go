package arn_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/arn"
	"github.com/iamlab/iamlab/engine/pattern"
)

// refARN is the shape of an ARN as reference_identifiers.md describes it,
// with the rules Parse documents for each part.
var refARN = regexp.MustCompile(`(?s)^arn:([a-z-]+):([^:]+):([^:]*):([0-9]{12}|aws)?:(.+)$`)

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/JaneDoe",
		"arn:aws:sts::123456789012:assumed-role/Accounting-Role/JaneDoe",
		"arn:aws:iam::aws:policy/AdministratorAccess",
		"arn:aws-cn:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg",
		"arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
		"arn:aws:iam::account-ID-without-hyphens:user/Bob",
		"arn:aws:iam::123456789012:",
		"arn:AWS:iam::123456789012:root",
		"arn:aws:iam::123456789012",
		"123456789012",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := arn.Parse(s)
		acct, ok := arn.AccountOf(s)
		require.Equal(t, err == nil, arn.IsARN(s))
		require.Equal(t, err == nil, ok)
		m := refARN.FindStringSubmatch(s)
		if err != nil {
			var ae *arn.Error
			require.True(t, errors.As(err, &ae))
			require.Equal(t, s, ae.Input)
			require.NotEmpty(t, ae.Msg)
			require.Nil(t, m, "the reference accepts %q: %v", s, err)
			return
		}
		require.NotNil(t, m, "the reference rejects %q", s)
		require.Equal(t, arn.ARN{Partition: m[1], Service: m[2], Region: m[3], Account: m[4], Resource: m[5]}, a)
		require.Equal(t, a.Account, acct)
		require.Equal(t, s, a.String())
		if a.Account != "" && a.Account != "aws" {
			require.True(t, arn.IsAccountID(a.Account))
		}
	})
}

var refVariableSpan = regexp.MustCompile(`\$\{[^},]*(?:,[ \t]*'[^']*'[ \t]*)?\}`)

// refParts cuts a resource pattern into its six parts at the first five
// colons outside policy variables, or returns nil.
func refParts(s string, variables bool) []string {
	inVar := make([]bool, len(s))
	if variables {
		for _, sp := range refVariableSpan.FindAllStringIndex(s, -1) {
			for i := sp[0]; i < sp[1]; i++ {
				inVar[i] = true
			}
		}
	}
	var parts []string
	start := 0
	for i := 0; i < len(s) && len(parts) < 5; i++ {
		if s[i] == ':' && !inVar[i] {
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	if len(parts) < 5 {
		return nil
	}
	return append(parts, s[start:])
}

// refGlob translates a part without variables into a regular expression;
// in the first five parts nothing matches a colon.
func refGlob(part string, last bool) string {
	var b strings.Builder
	for _, r := range part {
		switch {
		case r == '*' && last:
			b.WriteString(`.*`)
		case r == '*':
			b.WriteString(`[^:]*`)
		case r == '?' && last:
			b.WriteString(`.`)
		case r == '?':
			b.WriteString(`[^:]`)
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	return b.String()
}

func FuzzPatternMatch(f *testing.F) {
	seeds := []struct {
		pattern, resource, user string
		variables               bool
	}{
		{"*", "anything", "", true},
		{"arn:aws:s3:::DOC-EXAMPLE-BUCKET/*/test/*", "arn:aws:s3:::DOC-EXAMPLE-BUCKET/1/2/test/3/object.jpg", "", false},
		{"arn:aws:someservice:*:111122223333:finance/*", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt", "", false},
		{"arn:aws:sqs:us-east-2:*:${aws:username}-queue", "arn:aws:sqs:us-east-2:123456789012:David-queue", "David", true},
		{"arn:aws:iam::${aws:PrincipalAccount}:user/${aws:username}", "arn:aws:iam::123456789012:user/David", "David", true},
		{"arn:aws:s3:::DOC-EXAMPLE-BUCKET-${aws:PrincipalTag/team, 'company-wide'}", "arn:aws:s3:::DOC-EXAMPLE-BUCKET-company-wide", "", true},
		{"arn:aws:s3:::${aws:username}/*", "arn:aws:s3:::a:b/c", "a:b", true},
		{"*:*:*:*:*:*", "a:b:c:d:e:f:g", "", false},
		{"arn:aws:iam::${k, 'a:b'}:x", "arn:aws:iam::a:b:x", "", true},
		{"arn:aws:iam::${aws:PrincipalAccount:role/x", "arn:aws:iam::1:role/x", "", true},
		{"arn:aws:sqs:*:*:queue?", "arn:aws:sqs:a:b:c:queue1", "", true},
	}
	for _, s := range seeds {
		f.Add(s.pattern, s.resource, s.user, s.variables)
	}
	f.Fuzz(func(t *testing.T, src, resource, user string, variables bool) {
		ctx := keys{"aws:username": {user}, "aws:PrincipalAccount": {"123456789012"}}
		p, err := arn.CompilePattern(src, variables)
		parts := refParts(src, variables)
		if err != nil {
			var ae *arn.Error
			var se *pattern.SyntaxError
			switch {
			case errors.As(err, &ae):
				require.Equal(t, src, ae.Input)
				require.Nil(t, parts, "the reference splits %q: %v", src, err)
			case errors.As(err, &se):
				require.GreaterOrEqual(t, se.Offset, 0)
				require.LessOrEqual(t, se.Offset, len(src))
				require.NotNil(t, parts)
			default:
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		require.Equal(t, src, p.String())
		if src == "*" {
			require.True(t, p.IsMatchAll())
			m, r := p.Match(resource, ctx)
			require.True(t, m && r)
			return
		}
		require.Len(t, parts, 6)

		// The reference matches every part, with no shortcut.
		opts := pattern.Options{Wildcards: true, Variables: variables}
		fields := strings.SplitN(resource, ":", 6)
		for _, c := range []pattern.Context{ctx, nil} {
			wantM, wantR := len(fields) == 6, true
			for i, part := range parts {
				pp, err := pattern.Compile(part, opts)
				require.NoError(t, err)
				wantR = wantR && pp.Resolves(c)
				if len(fields) == 6 {
					m, _ := pp.Match(fields[i], c)
					wantM = wantM && m
				}
			}
			m, r := p.Match(resource, c)
			require.Equal(t, wantR, r, "resolved")
			require.Equal(t, wantM && wantR, m, "matched")
			require.Equal(t, r, p.Resolves(c))
		}

		// Without variables, a regular expression is a second reference.
		if !variables && utf8.ValidString(src) && utf8.ValidString(resource) {
			var b strings.Builder
			b.WriteString(`(?s)^`)
			for i, part := range parts {
				if i > 0 {
					b.WriteString(`:`)
				}
				b.WriteString(refGlob(part, i == 5))
			}
			b.WriteString(`$`)
			m, _ := p.Match(resource, nil)
			require.Equal(t, regexp.MustCompile(b.String()).MatchString(resource), m, "regexp disagrees")
		}
	})
}
