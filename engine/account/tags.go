package account

import (
	"slices"
	"strconv"
	"strings"
)

// Tag is a key and value attached to a resource (id_tags.md).
type Tag struct {
	Key   string
	Value string
}

// checkTags validates the tags of a request: each key 1 to 128 and each
// value 0 to 256 characters of letters, numbers, spaces and _.:/=+-@; no key
// or value starting with "aws:"; no key twice (compared ignoring case when
// foldKeys, as for users and roles).
func checkTags(tags []Tag, member string, foldKeys bool) error {
	var c checks
	if len(tags) > 50 {
		c.add("[…]", member, "have length less than or equal to 50")
	}
	for i, t := range tags {
		m := member + "." + itoa(i+1)
		if !validTagText(t.Key, 1, maxTagKey) {
			if runeLen(t.Key) < 1 || runeLen(t.Key) > maxTagKey {
				c.length(t.Key, m+".member.key", 1, maxTagKey)
			} else {
				c.add(t.Key, m+".member.key", "satisfy regular expression pattern: "+tagPattern)
			}
		}
		if !validTagText(t.Value, 0, maxTagValue) {
			if runeLen(t.Value) > maxTagValue {
				c.length(t.Value, m+".member.value", 0, maxTagValue)
			} else {
				c.add(t.Value, m+".member.value", "satisfy regular expression pattern: "+tagPattern)
			}
		}
	}
	if err := c.err(); err != nil {
		return err
	}
	for i, t := range tags {
		if hasAWSPrefix(t.Key) || hasAWSPrefix(t.Value) {
			return errorf(ErrInvalidInput, "Tag keys and values cannot begin with the reserved prefix 'aws:': %q=%q.", t.Key, t.Value)
		}
		for _, u := range tags[:i] {
			if u.Key == t.Key || foldKeys && strings.EqualFold(u.Key, t.Key) {
				msg := "Duplicate tag keys found."
				if foldKeys {
					msg += " Please note that Tag keys are case insensitive."
				}
				return errorf(ErrInvalidInput, "%s", msg)
			}
		}
	}
	return nil
}

// checkTagKeys validates the keys of an Untag request.
func checkTagKeys(keys []string, member string) error {
	var c checks
	if len(keys) > 50 {
		c.add("[…]", member, "have length less than or equal to 50")
	}
	for i, k := range keys {
		m := member + "." + itoa(i+1)
		if runeLen(k) < 1 || runeLen(k) > maxTagKey {
			c.length(k, m, 1, maxTagKey)
		} else if !validTagText(k, 1, maxTagKey) {
			c.add(k, m, "satisfy regular expression pattern: "+tagPattern)
		}
	}
	return c.err()
}

func hasAWSPrefix(s string) bool {
	return len(s) >= 4 && strings.EqualFold(s[:4], "aws:")
}

func sameKey(a, b string, foldKeys bool) bool {
	if foldKeys {
		return strings.EqualFold(a, b)
	}
	return a == b
}

// mergeTags returns existing with add applied: a tag whose key is already
// there replaces it in place (taking the new spelling of the key), others
// are appended.
func mergeTags(existing, add []Tag, foldKeys bool) []Tag {
	out := slices.Clone(existing)
	for _, t := range add {
		i := slices.IndexFunc(out, func(u Tag) bool { return sameKey(u.Key, t.Key, foldKeys) })
		if i >= 0 {
			out[i] = t
		} else {
			out = append(out, t)
		}
	}
	return out
}

// removeTags returns existing without the keys; absent keys are ignored, as
// AWS does.
func removeTags(existing []Tag, keys []string, foldKeys bool) []Tag {
	out := make([]Tag, 0, len(existing))
	for _, t := range existing {
		if !slices.ContainsFunc(keys, func(k string) bool { return sameKey(t.Key, k, foldKeys) }) {
			out = append(out, t)
		}
	}
	return out
}

// tagResource applies TagX to a resource's tags: validates, merges and
// checks the quota, returning the new list without changing the old.
func (a *Account) tagResource(existing, add []Tag, foldKeys bool, kind string) ([]Tag, error) {
	if err := checkTags(add, "tags", foldKeys); err != nil {
		return nil, err
	}
	out := mergeTags(existing, add, foldKeys)
	if len(out) > a.s.quotas.TagsPerResource {
		return nil, quotaError("TagsPer"+kind, a.s.quotas.TagsPerResource)
	}
	return out, nil
}

// newTags validates the tags of a Create request.
func (a *Account) newTags(tags []Tag, foldKeys bool, kind string) ([]Tag, error) {
	return a.tagResource(nil, tags, foldKeys, kind)
}

// sortedTags returns a copy of tags sorted by key.
func sortedTags(tags []Tag) []Tag {
	out := slices.Clone(tags)
	slices.SortStableFunc(out, func(x, y Tag) int { return strings.Compare(x.Key, y.Key) })
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }
