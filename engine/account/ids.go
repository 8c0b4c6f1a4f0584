package account

import (
	"crypto/sha256"
	"io"
	"strings"
)

// The prefixes of IAM's unique IDs (reference_identifiers.md, "Understanding
// unique ID prefixes").
const (
	PrefixUser               = "AIDA"
	PrefixGroup              = "AGPA"
	PrefixRole               = "AROA"
	PrefixPolicy             = "ANPA"
	PrefixInstanceProfile    = "AIPA"
	PrefixAccessKey          = "AKIA"
	PrefixTemporaryAccessKey = "ASIA"
	PrefixPublicKey          = "APKA"
	PrefixPolicyVersion      = "ANVA"
	PrefixServerCertificate  = "ASCA"
	PrefixBearerToken        = "ABIA"
	PrefixContextCredential  = "ACCA"
	uniqueIDRandomLen        = 17 // AIDAJQABLZS4A3QDU576Q: 4 + 17
	accessKeyIDRandomLen     = 16 // AKIAIOSFODNN7EXAMPLE: 4 + 16
	secretAccessKeyLen       = 40
	signingCertificateIDLen  = 28 // TA7SMP42TDN5Z26OBPJE7EXAMPLE
	base32Alphabet           = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	secretAlphabet           = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	maxDraws                 = 8 // attempts to draw an ID not issued before
)

// randomString reads n bytes from r and maps each to alphabet, whose length
// is a power of two no more than 256, so that every character is equally
// likely.
func randomString(r io.Reader, n int, alphabet string) (string, error) {
	if r == nil {
		return "", errorf(ErrServiceFailure, "no source of randomness")
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return "", &Error{Code: ErrServiceFailure, Message: "the source of randomness failed: " + err.Error(), Err: err}
	}
	mask := byte(len(alphabet) - 1)
	for i, b := range buf {
		buf[i] = alphabet[b&mask]
	}
	return string(buf), nil
}

// NewUniqueID draws a unique ID for an IAM entity: prefix (such as
// [PrefixUser]) then 17 characters of [A-Z2-7] read from r, like
// AIDAJQABLZS4A3QDU576Q. Uniqueness within an account is the account's to
// check; [Account] does.
func NewUniqueID(r io.Reader, prefix string) (string, error) {
	s, err := randomString(r, uniqueIDRandomLen, base32Alphabet)
	if err != nil {
		return "", err
	}
	return prefix + s, nil
}

// NewAccessKeyID draws a long-term access key ID: AKIA then 16 characters
// of [A-Z2-7], 20 in all, like AKIAIOSFODNN7EXAMPLE.
func NewAccessKeyID(r io.Reader) (string, error) {
	s, err := randomString(r, accessKeyIDRandomLen, base32Alphabet)
	if err != nil {
		return "", err
	}
	return PrefixAccessKey + s, nil
}

// NewTemporaryAccessKeyID draws an access key ID for temporary (STS)
// credentials: ASIA then 16 characters of [A-Z2-7].
func NewTemporaryAccessKeyID(r io.Reader) (string, error) {
	s, err := randomString(r, accessKeyIDRandomLen, base32Alphabet)
	if err != nil {
		return "", err
	}
	return PrefixTemporaryAccessKey + s, nil
}

// NewSecretAccessKey draws a secret access key: 40 characters of
// [A-Za-z0-9+/], like wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.
func NewSecretAccessKey(r io.Reader) (string, error) {
	return randomString(r, secretAccessKeyLen, secretAlphabet)
}

// IsUniqueID reports whether s has the form of a unique ID with the given
// prefix: the prefix then 17 characters of [A-Z2-7].
func IsUniqueID(s, prefix string) bool {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || len(rest) != uniqueIDRandomLen {
		return false
	}
	return isBase32(rest)
}

// IsAccessKeyID reports whether s has the form of an access key ID this
// package draws: AKIA or ASIA then 16 characters of [A-Z2-7].
func IsAccessKeyID(s string) bool {
	if len(s) != 4+accessKeyIDRandomLen || (s[:4] != PrefixAccessKey && s[:4] != PrefixTemporaryAccessKey) {
		return false
	}
	return isBase32(s[4:])
}

func isBase32(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '2' <= c && c <= '7') {
			return false
		}
	}
	return true
}

// stableID derives an ID from a name, for AWS managed policies, which have
// the same ID in every account: prefix then 17 characters of [A-Z2-7] from
// the SHA-256 of the name.
func stableID(prefix, name string) string {
	sum := sha256.Sum256([]byte(name))
	var b strings.Builder
	b.WriteString(prefix)
	for i := 0; i < uniqueIDRandomLen; i++ {
		b.WriteByte(base32Alphabet[sum[i]&31])
	}
	return b.String()
}

// newID draws a unique ID never issued in this account before. It does not
// record it: the operation does, once it cannot fail any more.
func (a *Account) newID(prefix string, taken ...string) (string, error) {
	for range maxDraws {
		id, err := NewUniqueID(a.env.Rand, prefix)
		if err != nil {
			return "", err
		}
		if !a.s.issued[id] && !contains(taken, id) {
			return id, nil
		}
	}
	return "", errorf(ErrServiceFailure, "could not draw an unused %s ID in %d attempts: is the source of randomness constant?", prefix, maxDraws)
}

// newAccessKeyID is newID for access keys.
func (a *Account) newAccessKeyID() (string, error) {
	for range maxDraws {
		id, err := NewAccessKeyID(a.env.Rand)
		if err != nil {
			return "", err
		}
		if !a.s.issued[id] {
			return id, nil
		}
	}
	return "", errorf(ErrServiceFailure, "could not draw an unused access key ID in %d attempts: is the source of randomness constant?", maxDraws)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
