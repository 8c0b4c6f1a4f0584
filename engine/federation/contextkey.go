package federation

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/iamlab/iamlab/engine/eval"
)

// ContextKey is one condition context key with its type and values. Its
// fields are those of eval.Entry, in the same order, so eval.Entry(k)
// converts one into the other.
type ContextKey struct {
	Key    string
	Type   eval.ValueType
	Values []string
}

// Tag is a session tag: a key and its single value.
type Tag struct {
	Key   string
	Value string
}

// The limits on session tags (id_session-tags.md, the STS API model's
// tagKeyType and tagValueType).
const (
	MaxSessionTags     = 50
	MaxTagKeyLength    = 128
	MaxTagValueLength  = 256
	minSessionNameLen  = 2
	maxSessionNameLen  = 64
	minSessionDuration = 900
	maxSessionDuration = 43200
)

// keySet collects context keys; the first value set for a key wins, as AWS
// maps "only one claim" per key.
type keySet struct {
	keys []ContextKey
}

func (s *keySet) has(key string) bool {
	for _, k := range s.keys {
		if strings.EqualFold(k.Key, key) {
			return true
		}
	}
	return false
}

func (s *keySet) add(key string, typ eval.ValueType, values ...string) {
	if s.has(key) {
		return
	}
	s.keys = append(s.keys, ContextKey{Key: key, Type: typ, Values: slices.Clone(values)})
}

// sorted returns the keys sorted by name, so the output is deterministic.
func (s *keySet) sorted() []ContextKey {
	slices.SortFunc(s.keys, func(a, b ContextKey) int { return strings.Compare(a.Key, b.Key) })
	return s.keys
}

// addSessionKeys adds the keys a request to assume a role carries for the
// session tags, transitive tag keys and source identity it passes.
func (s *keySet) addSessionKeys(tags []Tag, transitive []string, sourceIdentity string) {
	if len(tags) > 0 {
		keys := make([]string, len(tags))
		for i, t := range tags {
			s.add("aws:RequestTag/"+t.Key, eval.String, t.Value)
			keys[i] = t.Key
		}
		s.add("aws:TagKeys", eval.StringList, keys...)
	}
	if len(transitive) > 0 {
		s.add("sts:TransitiveTagKeys", eval.StringList, transitive...)
	}
	if sourceIdentity != "" {
		s.add("sts:SourceIdentity", eval.String, sourceIdentity)
	}
}

// isTagChar reports whether r may appear in a tag key or value: letters,
// numbers, spaces and _ . : / = + - @ (the tagKeyType pattern
// [\p{L}\p{Z}\p{N}_.:/=+\-@]).
func isTagChar(r rune) bool {
	if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Z, r) {
		return true
	}
	return strings.ContainsRune("_.:/=+-@", r)
}

// checkTags validates session tags and transitive tag keys as AWS's tag
// rules require (id_session-tags.md, id_tags.md). claim names the claim or
// attribute the tags came from, for the error.
func checkTags(tags []Tag, transitive []string, claim, transitiveClaim string) *Error {
	if len(tags) > MaxSessionTags {
		return invalidToken(claim, fmt.Sprintf("%d session tags were passed; at most %d are allowed", len(tags), MaxSessionTags))
	}
	for i, t := range tags {
		if err := checkTagText("key", t.Key, 1, MaxTagKeyLength); err != "" {
			return invalidToken(claim, "session tag key "+quote(t.Key)+": "+err)
		}
		if err := checkTagText("value", t.Value, 0, MaxTagValueLength); err != "" {
			return invalidToken(claim, "session tag "+quote(t.Key)+" value "+quote(t.Value)+": "+err)
		}
		for _, u := range tags[:i] {
			if strings.EqualFold(u.Key, t.Key) {
				return invalidToken(claim, "session tag keys "+quote(u.Key)+" and "+quote(t.Key)+" are the same key: session tag keys are not case sensitive")
			}
		}
	}
	for i, k := range transitive {
		found := false
		for _, t := range tags {
			if strings.EqualFold(t.Key, k) {
				found = true
				break
			}
		}
		if !found {
			return invalidToken(transitiveClaim, "transitive tag key "+quote(k)+" is not the key of a session tag passed with it")
		}
		for _, u := range transitive[:i] {
			if strings.EqualFold(u, k) {
				return invalidToken(transitiveClaim, "transitive tag key "+quote(k)+" is listed twice")
			}
		}
	}
	return nil
}

func checkTagText(what, s string, minLen, maxLen int) string {
	if !utf8.ValidString(s) {
		return "not valid UTF-8"
	}
	n := utf8.RuneCountInString(s)
	if n < minLen {
		return "a tag " + what + " cannot be empty"
	}
	if n > maxLen {
		return fmt.Sprintf("a tag %s can be at most %d characters, this one has %d", what, maxLen, n)
	}
	for _, r := range s {
		if !isTagChar(r) {
			return fmt.Sprintf("a tag %s can contain only letters, numbers, spaces and _ . : / = + - @, not %q", what, r)
		}
	}
	if len(s) >= 4 && strings.EqualFold(s[:4], "aws:") {
		return "the prefix aws: is reserved for AWS"
	}
	return ""
}

// isSessionNameChar reports whether r matches [\w+=,.@-], the pattern of
// roleSessionNameType and sourceIdentityType.
func isSessionNameChar(r rune) bool {
	return r < utf8.RuneSelf && (r == '_' || r == '+' || r == '=' || r == ',' || r == '.' || r == '@' || r == '-' ||
		'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
}

// validSessionName reports whether s matches [\w+=,.@-]{2,64}.
func validSessionName(s string) bool {
	if len(s) < minSessionNameLen || len(s) > maxSessionNameLen {
		return false
	}
	for _, r := range s {
		if !isSessionNameChar(r) {
			return false
		}
	}
	return true
}

// checkSourceIdentity applies AWS's rule for a source identity
// (troubleshoot_saml.md): [\w+=,.@-]{2,64}, not beginning with "aws:".
func checkSourceIdentity(s, claim string) *Error {
	if !validSessionName(s) || len(s) >= 4 && strings.EqualFold(s[:4], "aws:") {
		return invalidToken(claim, "Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\", got "+quote(s))
	}
	return nil
}

// quote quotes s for a message, shortening it if it is long so an
// attacker's megabyte claim does not become a megabyte error.
func quote(s string) string {
	const max = 80
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return fmt.Sprintf("%q…", s[:cut])
	}
	return fmt.Sprintf("%q", s)
}
