package account

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The patterns of IAM's API model (iam.json), quoted in ValidationError
// messages as AWS quotes them.
const (
	namePattern         = `[\w+=,.@-]+`
	pathPattern         = `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`
	policyPathPattern   = `((/[A-Za-z0-9\.,\+@=_-]+)*)/`
	pathPrefixPattern   = `\u002F[\u0021-\u007F]*`
	aliasPattern        = `^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`
	tagPattern          = `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`
	samlNamePattern     = `[\w._-]+`
	versionIDPattern    = `v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`
	documentPattern     = `[\u0009\u000A\u000D\u0020-\u00FF]+`
	descriptionPattern  = `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*`
	accessKeyIDPattern  = `[\w]+`
	serialNumberPattern = `[\w+=/:,.@-]+`
)

// The length limits of names (reference_iam-quotas.md, iam.json).
const (
	maxUserName            = 64
	maxExistingUserName    = 128 // existingUserNameType: how some operations name a user
	maxGroupName           = 128
	maxRoleName            = 64
	maxPolicyName          = 128
	maxInstanceProfileName = 128
	maxPath                = 512
	maxTagKey              = 128
	maxTagValue            = 256
	maxDescription         = 1000
	maxPolicyDocument      = 131072
	maxPassword            = 128
	maxSAMLName            = 128
	minSAMLMetadata        = 1000
	maxSAMLMetadata        = 10000000
	maxOIDCURL             = 255
	maxClientID            = 255
	thumbprintLen          = 40
)

// maxAWSManagedDocument caps an AWS managed policy's document, which no API
// parameter carries and no quota limits; it only keeps a registered
// document's size sane (AWS's largest is about 150,000 characters).
const maxAWSManagedDocument = 1 << 20

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// isNameByte reports whether c is in [\w+=,.@-], the characters of IAM
// entity names.
func isNameByte(c byte) bool {
	return isWordByte(c) || strings.IndexByte("+=,.@-", c) >= 0
}

// validName reports whether s is an IAM entity name of 1 to max
// characters of [\w+=,.@-].
func validName(s string, max int) bool {
	if len(s) < 1 || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isNameByte(s[i]) {
			return false
		}
	}
	return true
}

// validPath reports whether s is an IAM path: "/", or "/" then one or more
// characters from ! to ~ then "/", at most 512 characters.
func validPath(s string) bool {
	if s == "/" {
		return true
	}
	if len(s) < 3 || len(s) > maxPath || s[0] != '/' || s[len(s)-1] != '/' {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if s[i] < 0x21 || s[i] > 0x7E {
			return false
		}
	}
	return true
}

// validPolicyPath reports whether s is a managed policy's path: "/" or
// "/seg/…/seg/" with segments of [A-Za-z0-9.,+@=_-], at most 512
// characters.
func validPolicyPath(s string) bool {
	if len(s) < 1 || len(s) > maxPath || s[0] != '/' || s[len(s)-1] != '/' {
		return false
	}
	seg := 0
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '/':
			if seg == 0 {
				return false
			}
			seg = 0
		case isWordByte(c) || strings.IndexByte(".,+@=-", c) >= 0:
			seg++
		default:
			return false
		}
	}
	return true
}

// validPathPrefix reports whether s is a path prefix for List operations.
func validPathPrefix(s string) bool {
	if len(s) < 1 || len(s) > maxPath || s[0] != '/' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7F {
			return false
		}
	}
	return true
}

// validAlias reports whether s is an account alias: 3 to 63 characters of
// [a-z0-9-], starting and ending with a letter or digit, with no two
// hyphens in a row, and not a 12-digit number (reference_iam-quotas.md).
func validAlias(s string) bool {
	if !aliasShape(s) {
		return false
	}
	return !isAccountID(s)
}

// aliasShape is the API pattern alone, without the 12-digit rule.
func aliasShape(s string) bool {
	if len(s) < 3 || len(s) > 63 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-':
			if i == 0 || i == len(s)-1 || s[i-1] == '-' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isAccountID reports whether s is 12 decimal digits.
func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isTagRune reports whether r is in [\p{L}\p{Z}\p{N}_.:/=+\-@].
func isTagRune(r rune) bool {
	if r == utf8.RuneError {
		return false
	}
	return unicode.In(r, unicode.L, unicode.Z, unicode.N) || strings.ContainsRune("_.:/=+-@", r)
}

// validTagText reports whether s has min to max characters, each a tag
// character.
func validTagText(s string, min, max int) bool {
	if !utf8.ValidString(s) {
		return false
	}
	n := 0
	for _, r := range s {
		if !isTagRune(r) {
			return false
		}
		n++
	}
	return n >= min && n <= max
}

// validSAMLName reports whether s is a SAML provider name: 1 to 128 of
// [\w._-].
func validSAMLName(s string) bool {
	if len(s) < 1 || len(s) > maxSAMLName {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isWordByte(c) && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// validVersionID reports whether s is a policy version ID:
// v[1-9][0-9]*(\.[A-Za-z0-9-]*)?.
func validVersionID(s string) bool {
	if len(s) < 2 || s[0] != 'v' || s[1] < '1' || s[1] > '9' {
		return false
	}
	i := 2
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i == len(s) {
		return true
	}
	if s[i] != '.' {
		return false
	}
	for i++; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// inLatin1Text reports whether every character of s is a tab, line feed,
// carriage return or in U+0020–U+00FF (the character set of policy
// documents and passwords).
func inLatin1Text(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !(r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xFF)) {
			return false
		}
	}
	return true
}

// validDescription reports whether s is a role description: at most 1,000
// characters of tab, line feed, carriage return, U+0020–U+007E and
// U+00A1–U+00FF.
func validDescription(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	n := 0
	for _, r := range s {
		if !(r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0x7E) || (r >= 0xA1 && r <= 0xFF)) {
			return false
		}
		n++
	}
	return n <= maxDescription
}

// validSerialNumber reports whether s is an MFA serial number: 9 to 256
// of [\w+=/:,.@-].
func validSerialNumber(s string) bool {
	if len(s) < 9 || len(s) > 256 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isNameByte(c) && c != '/' && c != ':' {
			return false
		}
	}
	return true
}

// validAccessKeyID reports whether s is 16 to 128 of [\w].
func validAccessKeyID(s string) bool {
	if len(s) < 16 || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isWordByte(s[i]) {
			return false
		}
	}
	return true
}

// --- checks for request parameters ---

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func (c *checks) length(value, member string, min, max int) bool {
	n := runeLen(value)
	switch {
	case n < min:
		c.add(value, member, "have length greater than or equal to "+strconv.Itoa(min))
		return false
	case max > 0 && n > max:
		c.add(value, member, "have length less than or equal to "+strconv.Itoa(max))
		return false
	}
	return true
}

// name checks a required entity name of at most max characters.
func (c *checks) name(value, member string, max int) {
	if !c.length(value, member, 1, max) {
		if value == "" {
			return
		}
	}
	for i := 0; i < len(value); i++ {
		if !isNameByte(value[i]) {
			c.add(value, member, "satisfy regular expression pattern: "+namePattern)
			return
		}
	}
}

// path checks an optional entity path ("" means "/").
func (c *checks) path(value, member string) {
	if value == "" {
		return
	}
	c.length(value, member, 1, maxPath)
	if len(value) <= maxPath && !validPath(value) {
		c.add(value, member, "satisfy regular expression pattern: "+pathPattern)
	}
}

// policyPath checks an optional managed policy path.
func (c *checks) policyPath(value, member string) {
	if value == "" {
		return
	}
	c.length(value, member, 1, maxPath)
	if len(value) <= maxPath && !validPolicyPath(value) {
		c.add(value, member, "satisfy regular expression pattern: "+policyPathPattern)
	}
}

// pathPrefix checks an optional path prefix.
func (c *checks) pathPrefix(value, member string) {
	if value == "" {
		return
	}
	c.length(value, member, 1, maxPath)
	if len(value) <= maxPath && !validPathPrefix(value) {
		c.add(value, member, "satisfy regular expression pattern: "+pathPrefixPattern)
	}
}

// document checks a policy document parameter's length and characters.
func (c *checks) document(value, member string) { c.documentUpTo(value, member, maxPolicyDocument) }

// documentUpTo checks a document's length, up to max characters, and its
// characters.
func (c *checks) documentUpTo(value, member string, max int) {
	if !c.length(value, member, 1, max) {
		return
	}
	if !inLatin1Text(value) {
		c.add(value, member, "satisfy regular expression pattern: "+documentPattern)
	}
}

// arn checks a required ARN parameter's length (arnType: 20 to 2048).
func (c *checks) arn(value, member string) {
	c.length(value, member, 20, 2048)
}

// password checks a password parameter without echoing it.
func (c *checks) password(value, member string) {
	n := runeLen(value)
	switch {
	case n < 1:
		c.addSecret(member, "have length greater than or equal to 1")
	case n > maxPassword:
		c.addSecret(member, "have length less than or equal to 128")
	case !inLatin1Text(value):
		c.addSecret(member, "satisfy regular expression pattern: "+documentPattern)
	}
}

// description checks a role description.
func (c *checks) description(value, member string) {
	if runeLen(value) > maxDescription {
		c.add(value, member, "have length less than or equal to 1000")
		return
	}
	if !validDescription(value) {
		c.add(value, member, "satisfy regular expression pattern: "+descriptionPattern)
	}
}

// serial checks an MFA serial number.
func (c *checks) serial(value, member string) {
	if c.length(value, member, 9, 256) && !validSerialNumber(value) {
		c.add(value, member, "satisfy regular expression pattern: "+serialNumberPattern)
	}
}

// accessKeyID checks an access key ID.
func (c *checks) accessKeyID(value, member string) {
	if c.length(value, member, 16, 128) && !validAccessKeyID(value) {
		c.add(value, member, "satisfy regular expression pattern: "+accessKeyIDPattern)
	}
}

// versionID checks a policy version ID.
func (c *checks) versionID(value, member string) {
	if !validVersionID(value) {
		c.add(value, member, "satisfy regular expression pattern: "+versionIDPattern)
	}
}

// status checks an Active/Inactive status.
func (c *checks) status(value Status, member string) {
	if value != StatusActive && value != StatusInactive {
		c.add(string(value), member, "satisfy enum value set: [Active, Inactive]")
	}
}

// orDefaultPath returns "/" for an empty path.
func orDefaultPath(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

// fold is the key under which a case-insensitive name is stored.
func fold(s string) string { return strings.ToLower(s) }
