package sts

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Limits from STS's API reference (sts service model) and
// id_credentials_temp_request.md.
func TestNames(t *testing.T) {
	tests := []struct {
		name  string
		check func(string) error
		in    string
		ok    bool
	}{
		{"session name", CheckRoleSessionName, "ci-build@42", true},
		{"session name too short", CheckRoleSessionName, "a", false},
		{"session name too long", CheckRoleSessionName, strings.Repeat("a", 65), false},
		{"session name with space", CheckRoleSessionName, "my session", false},
		{"federated name", CheckFederatedName, "bob", true},
		{"federated name too long", CheckFederatedName, strings.Repeat("b", 33), false},
		{"external id", CheckExternalID, "arn:partner/12+=,.@-", true},
		{"external id too short", CheckExternalID, "x", false},
		{"external id with space", CheckExternalID, "a b", false},
		{"source identity", CheckSourceIdentity, "alice@example.com", true},
		{"source identity reserved prefix", CheckSourceIdentity, "aws:alice", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.check(tt.in)
			if tt.ok {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.True(t, errors.Is(err, ErrValidation))
		})
	}
}

func TestCheckMFA(t *testing.T) {
	assert.NoError(t, CheckMFA("", ""))
	assert.NoError(t, CheckMFA("arn:aws:iam::111122223333:mfa/alice", "123456"))
	assert.ErrorIs(t, CheckMFA("arn:aws:iam::111122223333:mfa/alice", ""), ErrAccessDenied)
	assert.ErrorIs(t, CheckMFA("", "123456"), ErrValidation)
	assert.ErrorIs(t, CheckMFA("arn:aws:iam::111122223333:mfa/alice", "12345a"), ErrValidation)
	assert.ErrorIs(t, CheckMFA("arn:aws:iam::111122223333:mfa/alice", "1234567"), ErrValidation)
	assert.ErrorIs(t, CheckMFA("short", "123456"), ErrValidation)
}

// id_roles_use.md and id_credentials_temp_request.md: durations.
func TestDuration(t *testing.T) {
	tests := []struct {
		name string
		req  DurationRequest
		want time.Duration
		err  string
	}{
		{"role default", DurationRequest{Default: DefaultRoleDuration, Max: time.Hour}, time.Hour, ""},
		{"role default capped by a shorter max", DurationRequest{Default: DefaultRoleDuration, Max: time.Hour}, time.Hour, ""},
		{"role up to its max", DurationRequest{Requested: 4 * time.Hour, Default: DefaultRoleDuration, Max: 4 * time.Hour}, 4 * time.Hour, ""},
		{"role over its max", DurationRequest{Requested: 5 * time.Hour, Default: DefaultRoleDuration, Max: 4 * time.Hour}, 0, "exceeds the MaxSessionDuration"},
		{"under 15 minutes", DurationRequest{Requested: 899 * time.Second, Default: time.Hour, Max: time.Hour}, 0, "greater than or equal to 900"},
		{"chaining default", DurationRequest{Default: DefaultRoleDuration, Max: 12 * time.Hour, Chained: true}, time.Hour, ""},
		{"chaining over an hour", DurationRequest{Requested: 2 * time.Hour, Default: DefaultRoleDuration, Max: 12 * time.Hour, Chained: true}, 0, "1 hour session limit for roles assumed by role chaining"},
		{"federation default", DurationRequest{Default: DefaultFederationTTL, Max: MaxFederationTTL}, 12 * time.Hour, ""},
		{"federation 36 hours", DurationRequest{Requested: 36 * time.Hour, Default: DefaultFederationTTL, Max: MaxFederationTTL}, 36 * time.Hour, ""},
		{"federation over 36 hours", DurationRequest{Requested: 37 * time.Hour, Default: DefaultFederationTTL, Max: MaxFederationTTL}, 0, "exceeds"},
		{"root session cut to an hour", DurationRequest{Requested: 12 * time.Hour, Default: DefaultFederationTTL, Max: MaxFederationTTL, Root: true}, time.Hour, ""},
		{"root default is an hour", DurationRequest{Default: DefaultFederationTTL, Max: MaxFederationTTL, Root: true}, time.Hour, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Duration(tt.req)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// id_session-tags.md.
func TestTags(t *testing.T) {
	tags, transitive, err := Tags([]Tag{{"team", "red"}, {"cost-center", "42"}}, []string{"team"}, nil, nil)
	require.NoError(t, err)
	assert.Len(t, tags, 2)
	assert.Equal(t, []string{"team"}, transitive)

	tags, transitive, err = Tags([]Tag{{"project", "x"}}, nil, []Tag{{"team", "red"}, {"temp", "1"}}, []string{"team"})
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"project", "x"}, {"team", "red"}}, tags, "only transitive tags are inherited")
	assert.Equal(t, []string{"team"}, transitive)

	_, _, err = Tags([]Tag{{"Team", "blue"}}, nil, []Tag{{"team", "red"}}, []string{"team"})
	assert.ErrorContains(t, err, "conflicts with a transitive tag key")

	_, _, err = Tags([]Tag{{"a", "1"}, {"A", "2"}}, nil, nil, nil)
	assert.ErrorContains(t, err, "Duplicate tag keys")
	_, _, err = Tags([]Tag{{"a", "1"}}, []string{"b"}, nil, nil)
	assert.ErrorContains(t, err, "transitive tag key b")
	_, _, err = Tags([]Tag{{"aws:x", "1"}}, nil, nil, nil)
	assert.ErrorContains(t, err, "reserved prefix")
	_, _, err = Tags([]Tag{{"bad#key", "1"}}, nil, nil, nil)
	assert.ErrorIs(t, err, ErrValidation)
	many := make([]Tag, 51)
	for i := range many {
		many[i] = Tag{Key: "k" + strings.Repeat("x", i), Value: "v"}
	}
	_, _, err = Tags(many, nil, nil, nil)
	assert.ErrorContains(t, err, "less than or equal to 50")
}

func TestSessionPolicyLimits(t *testing.T) {
	assert.NoError(t, CheckSessionPolicyText(strings.Repeat("x", 2048), nil))
	assert.ErrorIs(t, CheckSessionPolicyText(strings.Repeat("x", 2049), nil), ErrValidation)
	assert.ErrorIs(t, CheckSessionPolicyText("", make([]string, 11)), ErrValidation)

	small := PackedSize(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`, nil, nil)
	assert.Greater(t, small, 0)
	assert.Less(t, small, 20)
	assert.Zero(t, PackedSize("", nil, nil))
	// Incompressible text near the plaintext limit goes over the budget.
	var noise bytes.Buffer
	x := uint32(1)
	for range 2000 {
		x = x*1664525 + 1013904223
		noise.WriteByte(byte(33 + (x>>24)%90))
	}
	big := PackedSize(noise.String(), nil, nil)
	assert.Greater(t, big, 100)
	assert.ErrorIs(t, CheckPacked(big), ErrPackedPolicyTooLarge)
	assert.NoError(t, CheckPacked(100))
}

func TestMint(t *testing.T) {
	exp := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	a, err := Mint(bytes.NewReader(bytes.Repeat([]byte{7}, 200)), exp)
	require.NoError(t, err)
	assert.Regexp(t, `^ASIA[A-Z2-7]{16}$`, a.AccessKeyID)
	assert.Len(t, a.SecretAccessKey, 40)
	assert.NotEmpty(t, a.SessionToken)
	assert.Equal(t, exp, a.Expiration)
	_, err = Mint(bytes.NewReader(nil), exp)
	assert.Error(t, err, "no randomness, no credentials")
}

func FuzzDuration(f *testing.F) {
	f.Add(int64(3600), int64(3600), int64(43200), true, false)
	f.Fuzz(func(t *testing.T, req, def, max int64, chained, root bool) {
		d := DurationRequest{Requested: time.Duration(req) * time.Second, Default: time.Duration(def) * time.Second, Max: time.Duration(max) * time.Second, Chained: chained, Root: root}
		got, err := Duration(d)
		if err != nil {
			return
		}
		if chained {
			require.LessOrEqual(t, got, RoleChainingMax)
		}
		if root {
			require.LessOrEqual(t, got, RootSessionMax)
		}
		if req != 0 {
			require.LessOrEqual(t, got, d.Requested)
		}
	})
}
