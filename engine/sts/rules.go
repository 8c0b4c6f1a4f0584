// Package sts holds the rules of AWS Security Token Service requests and
// mints temporary credentials: what a valid role session name, duration,
// external ID, source identity, MFA serial number and token code are; how
// session policies and session tags are checked, merged across role chains
// and measured against the packed-size limit; and what a set of temporary
// credentials looks like.
//
// The operations themselves — AssumeRole, AssumeRoleWithWebIdentity,
// AssumeRoleWithSAML, GetFederationToken, GetSessionToken and
// GetCallerIdentity — need the account model, the evaluator and the regional
// endpoints, and live in package cloud, which calls these rules. Every limit
// here comes from STS's API reference (the sts service model) and
// id_credentials_temp_request.md.
//
// # Packed size
//
// STS compresses the session policies and tags into a packed binary form
// with a separate limit, and reports how close a request came to it as
// PackedPolicySize, a percentage. AWS does not document the format. iamlab
// measures the DEFLATE-compressed size of the inline policy (white space
// between tokens removed), the managed policy ARNs and the tags against a
// budget of [PackedBudget] bytes, so that a request near AWS's plaintext
// limits lands near 100 % — an approximation, chosen and tested here.
package sts

import (
	"bytes"
	"compress/flate"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/iamlab/iamlab/engine/awserr"
)

// Error is an STS error with its code (ValidationError, AccessDenied,
// PackedPolicyTooLarge, MalformedPolicyDocument, RegionDisabledException,
// ExpiredToken, InvalidClientTokenId …).
type Error = awserr.Error

// Sentinel errors, one per code, for errors.Is.
var (
	ErrValidation           = awserr.New("ValidationError", "")
	ErrAccessDenied         = awserr.New("AccessDenied", "")
	ErrPackedPolicyTooLarge = awserr.New("PackedPolicyTooLarge", "")
	ErrMalformedPolicy      = awserr.New("MalformedPolicyDocument", "")
)

func validation(format string, args ...any) error {
	return &Error{Code: "ValidationError", Message: fmt.Sprintf(format, args...)}
}

// Limits of STS requests.
const (
	MinDuration               = 900 * time.Second
	DefaultRoleDuration       = time.Hour
	MaxRoleDuration           = 12 * time.Hour
	RoleChainingMax           = time.Hour
	DefaultFederationTTL      = 12 * time.Hour
	MaxFederationTTL          = 36 * time.Hour
	RootSessionMax            = time.Hour
	MaxSessionPolicyText      = 2048
	MaxManagedSessionPolicies = 10
	MaxSessionTags            = 50
	PackedBudget              = 1024
)

// isNameChar reports whether r is in STS's name pattern [\w+=,.@-].
func isNameChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_+=,.@-", r)
}

func checkPattern(field, value string, lo, hi int, ok func(rune) bool, pattern string) error {
	n := len([]rune(value))
	if n < lo || n > hi {
		return validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length between %d and %d", value, field, lo, hi)
	}
	for _, r := range value {
		if !ok(r) {
			return validation("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy regular expression pattern: %s", value, field, pattern)
		}
	}
	return nil
}

// CheckRoleSessionName checks RoleSessionName: 2 to 64 characters of [\w+=,.@-].
func CheckRoleSessionName(name string) error {
	return checkPattern("roleSessionName", name, 2, 64, isNameChar, `[\w+=,.@-]*`)
}

// CheckFederatedName checks GetFederationToken's Name: 2 to 32 characters of [\w+=,.@-].
func CheckFederatedName(name string) error {
	return checkPattern("name", name, 2, 32, isNameChar, `[\w+=,.@-]*`)
}

// CheckExternalID checks ExternalId: 2 to 1,224 characters of [\w+=,.@:/-].
func CheckExternalID(id string) error {
	return checkPattern("externalId", id, 2, 1224, func(r rune) bool { return isNameChar(r) || r == ':' || r == '/' }, `[\w+=,.@:\/-]*`)
}

// CheckSourceIdentity checks SourceIdentity: 2 to 64 characters of
// [\w+=,.@-], not starting with "aws:" (id_credentials_temp_control-access_monitor.md).
func CheckSourceIdentity(id string) error {
	if err := checkPattern("sourceIdentity", id, 2, 64, isNameChar, `[\w+=,.@-]*`); err != nil {
		return err
	}
	if strings.HasPrefix(strings.ToLower(id), "aws:") {
		return validation("SourceIdentity cannot start with the reserved prefix aws:")
	}
	return nil
}

// CheckMFA checks SerialNumber (9 to 256 characters of [\w+=/:,.@-]) and
// TokenCode (six digits); both or neither must be given.
func CheckMFA(serial, code string) error {
	switch {
	case serial == "" && code == "":
		return nil
	case serial == "":
		return validation("TokenCode was given without SerialNumber: both are needed to use MFA")
	case code == "":
		return &Error{Code: "AccessDenied", Message: "MultiFactorAuthentication failed, TokenCode is required with SerialNumber"}
	}
	if err := checkPattern("serialNumber", serial, 9, 256, func(r rune) bool { return isNameChar(r) || r == '/' || r == ':' }, `[\w+=/:,.@-]*`); err != nil {
		return err
	}
	return checkPattern("tokenCode", code, 6, 6, unicode.IsDigit, `[\d]*`)
}

// DurationRequest is what decides how long temporary credentials may last.
type DurationRequest struct {
	Requested time.Duration // DurationSeconds; zero when not given
	Default   time.Duration // the operation's default
	Max       time.Duration // the operation's (or the role's) maximum
	// Chained is true when a role session assumes a role: role chaining
	// limits the session to one hour (id_roles_terms-and-concepts.md).
	// The session of an EC2 instance's role, from its instance profile,
	// is not role chaining.
	Chained bool
	// Root is true for the root user, whose GetSessionToken and
	// GetFederationToken sessions last at most one hour.
	Root bool
}

// Duration decides a session's duration, or says why the requested one is
// not allowed.
func Duration(d DurationRequest) (time.Duration, error) {
	limit := d.Max
	if d.Chained && limit > RoleChainingMax {
		limit = RoleChainingMax
	}
	if d.Root && limit > RootSessionMax {
		limit = RootSessionMax
	}
	if d.Requested == 0 {
		return min(d.Default, limit), nil
	}
	if d.Requested%time.Second != 0 {
		return 0, validation("DurationSeconds must be a whole number of seconds")
	}
	if d.Requested < MinDuration {
		return 0, validation("1 validation error detected: Value '%d' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900", int(d.Requested.Seconds()))
	}
	if d.Requested > limit {
		switch {
		case d.Chained && d.Requested <= d.Max:
			return 0, validation("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.")
		case d.Root && d.Requested <= d.Max:
			// The root user's sessions are cut to an hour rather than refused.
			return limit, nil
		}
		return 0, validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role (%d seconds).", int(limit.Seconds()))
	}
	return d.Requested, nil
}

// Tag is a session tag.
type Tag struct {
	Key, Value string
}

// Tags merges a request's session tags with the transitive tags inherited
// from the calling session (id_session-tags.md): at most 50; keys of 1 to
// 128 and values of 0 to 256 characters of letters, digits, spaces and
// _.:/=+-@; keys unique regardless of case; a transitive key must be one of
// the request's tags; and an inherited transitive tag cannot be overridden.
// It returns the session's tags and its transitive keys.
func Tags(tags []Tag, transitive []string, inherited []Tag, inheritedTransitive []string) ([]Tag, []string, error) {
	if len(tags) > MaxSessionTags {
		return nil, nil, validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50")
	}
	tagChar := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || strings.ContainsRune("_.:/=+-@", r)
	}
	seen := map[string]bool{}
	for _, t := range tags {
		if err := checkPattern("tags.member.key", t.Key, 1, 128, tagChar, `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`); err != nil {
			return nil, nil, err
		}
		if len([]rune(t.Value)) > 256 {
			return nil, nil, validation("1 validation error detected: Value at 'tags.member.value' failed to satisfy constraint: Member must have length less than or equal to 256")
		}
		for _, r := range t.Value {
			if !tagChar(r) {
				return nil, nil, validation("1 validation error detected: Value '%s' at 'tags.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*", t.Value)
			}
		}
		k := strings.ToLower(t.Key)
		if seen[k] {
			return nil, nil, validation("Duplicate tag keys found. Please note that Tag keys are case insensitive.")
		}
		seen[k] = true
		if strings.HasPrefix(k, "aws:") {
			return nil, nil, validation("Tag keys cannot start with the reserved prefix aws:")
		}
	}
	for _, k := range transitive {
		if !seen[strings.ToLower(k)] {
			return nil, nil, validation("The transitive tag key %s is not among the session tags of the request", k)
		}
	}
	out := append([]Tag(nil), tags...)
	outTransitive := append([]string(nil), transitive...)
	for _, it := range inherited {
		if !containsFold(inheritedTransitive, it.Key) {
			continue
		}
		if seen[strings.ToLower(it.Key)] {
			return nil, nil, &Error{Code: "InvalidParameterValue", Message: "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session: " + it.Key}
		}
		out = append(out, it)
		outTransitive = append(outTransitive, it.Key)
	}
	if len(out) > MaxSessionTags {
		return nil, nil, validation("The session would have %d tags with the transitive tags of the calling session; the limit is 50", len(out))
	}
	return out, outTransitive, nil
}

func containsFold(list []string, s string) bool {
	for _, e := range list {
		if strings.EqualFold(e, s) {
			return true
		}
	}
	return false
}

// PackedSize measures session policies and tags against STS's packed limit
// and returns the percentage used (see the package documentation). policy
// is the inline session policy with white space between tokens removed.
func PackedSize(policy string, policyARNs []string, tags []Tag) int {
	var raw bytes.Buffer
	raw.WriteString(policy)
	for _, a := range policyARNs {
		raw.WriteByte(0)
		raw.WriteString(a)
	}
	for _, t := range tags {
		raw.WriteByte(0)
		raw.WriteString(t.Key)
		raw.WriteByte('=')
		raw.WriteString(t.Value)
	}
	if raw.Len() == 0 {
		return 0
	}
	var packed bytes.Buffer
	w, err := flate.NewWriter(&packed, flate.BestCompression)
	if err != nil {
		return 100
	}
	w.Write(raw.Bytes())
	w.Close()
	return (packed.Len()*100 + PackedBudget - 1) / PackedBudget
}

// CheckSessionPolicyText checks the plaintext limits of session policies:
// the inline policy's length (2,048 characters, white space counted as
// AWS counts the parameter) and at most 10 managed policy ARNs.
func CheckSessionPolicyText(policy string, policyARNs []string) error {
	if n := len([]rune(policy)); n > MaxSessionPolicyText {
		return validation("1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048 (got %d)", n)
	}
	if len(policyARNs) > MaxManagedSessionPolicies {
		return validation("1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10")
	}
	return nil
}

// CheckPacked fails with PackedPolicyTooLarge when the packed size is over
// 100 %.
func CheckPacked(percent int) error {
	if percent > 100 {
		return &Error{Code: "PackedPolicyTooLarge", Message: fmt.Sprintf("Packed size of the session policies and tags is %d%% of the limit; reduce the policies or tags.", percent)}
	}
	return nil
}
