package mfa

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The length and pattern constraints of the IAM and STS API shapes this
// package checks, from the API models.
const (
	maxPathLen         = 512 // pathType
	maxUserNameLen     = 128 // existingUserNameType
	maxSerialNumberLen = 256 // serialNumberType
	codeLen            = 6   // authenticationCodeType, tokenCodeType

	namePattern      = `[\w+=,.@-]+`                             // virtualMFADeviceName, existingUserNameType
	pathPattern      = `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)` // pathType
	authCodePattern  = `[\d]+`                                   // authenticationCodeType
	tokenCodePattern = `[\d]*`                                   // STS tokenCodeType
)

// violation is one failed constraint, in the words of AWS's ValidationError.
type violation struct {
	value, member, constraint string
}

// validationError joins violations into one ValidationError, the way AWS
// words it: "2 validation errors detected: Value 'x' at 'member' failed to
// satisfy constraint: Member must ...; Value ...". It returns nil for none.
func validationError(vs ...[]violation) error {
	var all []violation
	for _, v := range vs {
		all = append(all, v...)
	}
	if len(all) == 0 {
		return nil
	}
	var b strings.Builder
	if len(all) == 1 {
		b.WriteString("1 validation error detected: ")
	} else {
		fmt.Fprintf(&b, "%d validation errors detected: ", len(all))
	}
	for i, v := range all {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "Value '%s' at '%s' failed to satisfy constraint: Member must %s", v.value, v.member, v.constraint)
	}
	return newError(ErrValidation, b.String())
}

// checkLen checks a length range in characters.
func checkLen(value, member string, lo, hi int) []violation {
	n := utf8.RuneCountInString(value)
	switch {
	case n < lo:
		return []violation{{value, member, fmt.Sprintf("have length greater than or equal to %d", lo)}}
	case hi > 0 && n > hi:
		return []violation{{value, member, fmt.Sprintf("have length less than or equal to %d", hi)}}
	}
	return nil
}

func patternViolation(value, member, pattern string) []violation {
	return []violation{{value, member, "satisfy regular expression pattern: " + pattern}}
}

// isNameByte reports whether c is in [\w+=,.@-].
func isNameByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		strings.IndexByte("_+=,.@-", c) >= 0
}

// checkName checks a name against [\w+=,.@-]+ and a length range.
func checkName(value, member string, hi int) []violation {
	if v := checkLen(value, member, 1, hi); v != nil {
		return v
	}
	for i := 0; i < len(value); i++ {
		if !isNameByte(value[i]) {
			return patternViolation(value, member, namePattern)
		}
	}
	return nil
}

// checkPath checks an IAM path: "/" alone, or "/…/" with printable ASCII
// from "!" to "~" between, at most 512 characters.
func checkPath(value string) []violation {
	const member = "path"
	if v := checkLen(value, member, 1, maxPathLen); v != nil {
		return v
	}
	if value == "/" {
		return nil
	}
	ok := len(value) >= 3 && value[0] == '/' && value[len(value)-1] == '/'
	for i := 0; ok && i < len(value); i++ {
		ok = value[i] >= 0x21 && value[i] <= 0x7e
	}
	if !ok {
		return patternViolation(value, member, pathPattern)
	}
	return nil
}

// checkUser checks a user name parameter (existingUserNameType).
func checkUser(value string) []violation {
	return checkName(value, "userName", maxUserNameLen)
}

// checkCode checks an authentication code: exactly six ASCII digits. The
// pattern named in the message is the one of the parameter's shape.
func checkCode(value, member, pattern string) []violation {
	var vs []violation
	n := utf8.RuneCountInString(value)
	if n < codeLen {
		vs = append(vs, violation{value, member, fmt.Sprintf("have length greater than or equal to %d", codeLen)})
	} else if n > codeLen {
		vs = append(vs, violation{value, member, fmt.Sprintf("have length less than or equal to %d", codeLen)})
	}
	for i := 0; i < len(value); i++ {
		if value[i] < '0' || value[i] > '9' {
			vs = append(vs, patternViolation(value, member, pattern)...)
			break
		}
	}
	if n == 0 && pattern == authCodePattern {
		vs = append(vs, patternViolation(value, member, pattern)...)
	}
	return vs
}

// checkAccountID reports whether s is a 12-digit AWS account ID.
func checkAccountID(s string) bool {
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
