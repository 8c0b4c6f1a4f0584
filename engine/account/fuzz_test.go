package account

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// The validators are checked against regular expressions written from
// iam.json's patterns (reference_iam-quotas.md has the rules in words).

func FuzzValidName(f *testing.F) {
	re := regexp.MustCompile(`^[\w+=,.@-]+$`)
	for _, s := range []string{"bob", "Bob.Smith@example.com", "a b", "", "x/y", "é", strings.Repeat("a", 65)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, max := range []int{maxUserName, maxGroupName} {
			want := re.MatchString(s) && len(s) <= max
			if got := validName(s, max); got != want {
				t.Fatalf("validName(%q, %d) = %v, want %v", s, max, got, want)
			}
		}
	})
}

func FuzzValidPath(f *testing.F) {
	re := regexp.MustCompile(`^(/|/[\x{21}-\x{7E}]+/)$`)
	for _, s := range []string{"/", "/a/", "/a/b/", "//", "///", "a/", "/a", "/a b/", "/é/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := re.MatchString(s) && len(s) <= maxPath
		if got := validPath(s); got != want {
			t.Fatalf("validPath(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzValidPolicyPath(f *testing.F) {
	re := regexp.MustCompile(`^((/[A-Za-z0-9\.,\+@=_-]+)*)/$`)
	for _, s := range []string{"/", "/a/", "/a/b/", "//", "/a//b/", "/a b/", "/a*/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := re.MatchString(s) && len(s) <= maxPath
		if got := validPolicyPath(s); got != want {
			t.Fatalf("validPolicyPath(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzValidPathPrefix(f *testing.F) {
	re := regexp.MustCompile(`^/[\x{21}-\x{7F}]*$`)
	for _, s := range []string{"/", "/a", "a", "/a b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := re.MatchString(s) && len(s) <= maxPath
		if got := validPathPrefix(s); got != want {
			t.Fatalf("validPathPrefix(%q) = %v, want %v", s, got, want)
		}
	})
}

// aliasOracle spells out the alias pattern, whose (?!-) Go's regexp lacks:
// [a-z0-9] at both ends, [a-z0-9-] between, no "--"; 3 to 63 long; and not
// 12 digits (reference_iam-quotas.md).
func aliasOracle(s string) bool {
	re := regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)
	digits := regexp.MustCompile(`^[0-9]{12}$`)
	return re.MatchString(s) && !strings.Contains(s, "--") && !digits.MatchString(s)
}

func FuzzValidAlias(f *testing.F) {
	for _, s := range []string{"my-company", "ab", "abc", "-ab", "ab-", "a--b", "123456789012", "1234567890123", "Upper"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validAlias(s), aliasOracle(s); got != want {
			t.Fatalf("validAlias(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzValidTagText(f *testing.F) {
	re := regexp.MustCompile(`^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`)
	for _, s := range []string{"CostCenter", "a b", "ünïcode", "tab\t", "emoji😀", "", "x*y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := utf8.RuneCountInString(s)
		want := utf8.ValidString(s) && re.MatchString(s) && n >= 1 && n <= maxTagKey
		if got := validTagText(s, 1, maxTagKey); got != want {
			t.Fatalf("validTagText(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzValidSAMLName(f *testing.F) {
	re := regexp.MustCompile(`^[\w._-]+$`)
	for _, s := range []string{"MyIdP", "my.idp-1", "a b", "a@b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := re.MatchString(s) && len(s) <= maxSAMLName
		if got := validSAMLName(s); got != want {
			t.Fatalf("validSAMLName(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzValidVersionID(f *testing.F) {
	re := regexp.MustCompile(`^v[1-9][0-9]*(\.[A-Za-z0-9-]*)?$`)
	for _, s := range []string{"v1", "v10", "v0", "v1.", "v1.a-b", "1", "v"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validVersionID(s), re.MatchString(s); got != want {
			t.Fatalf("validVersionID(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzValidSerialNumber(f *testing.F) {
	re := regexp.MustCompile(`^[\w+=/:,.@-]+$`)
	for _, s := range []string{"arn:aws:iam::111122223333:mfa/bob", "short", "GAHT12345678"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := re.MatchString(s) && len(s) >= 9 && len(s) <= 256
		if got := validSerialNumber(s); got != want {
			t.Fatalf("validSerialNumber(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzValidDescription(f *testing.F) {
	re := regexp.MustCompile(`^[\x{09}\x{0A}\x{0D}\x{20}-\x{7E}\x{A1}-\x{FF}]*$`)
	for _, s := range []string{"Role for the app", "tab\there", "é", "\x7f", "€"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := utf8.ValidString(s) && re.MatchString(s) && utf8.RuneCountInString(s) <= maxDescription
		if got := validDescription(s); got != want {
			t.Fatalf("validDescription(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzIDs(f *testing.F) {
	unique := regexp.MustCompile(`^AIDA[A-Z2-7]{17}$`)
	key := regexp.MustCompile(`^(AKIA|ASIA)[A-Z2-7]{16}$`)
	for _, s := range []string{"AIDAJQABLZS4A3QDU576Q", "AKIAIOSFODNN7EXAMPLE", "ASIAIOSFODNN7EXAMPLE", "AIDA0", "akiaiosfodnn7example"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsUniqueID(s, PrefixUser), unique.MatchString(s); got != want {
			t.Fatalf("IsUniqueID(%q) = %v, want %v", s, got, want)
		}
		if got, want := IsAccessKeyID(s), key.MatchString(s); got != want {
			t.Fatalf("IsAccessKeyID(%q) = %v, want %v", s, got, want)
		}
	})
}

// FuzzGeneratedIDs checks that whatever the random bytes, the drawn IDs
// have AWS's forms (reference_identifiers.md).
func FuzzGeneratedIDs(f *testing.F) {
	f.Add([]byte("0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEF"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := strings.NewReader(string(b))
		id, err := NewUniqueID(r, PrefixRole)
		if err != nil {
			return
		}
		if !IsUniqueID(id, PrefixRole) {
			t.Fatalf("NewUniqueID gave %q", id)
		}
		k, err := NewAccessKeyID(r)
		if err == nil && !IsAccessKeyID(k) {
			t.Fatalf("NewAccessKeyID gave %q", k)
		}
		s, err := NewSecretAccessKey(r)
		if err == nil && !regexp.MustCompile(`^[A-Za-z0-9+/]{40}$`).MatchString(s) {
			t.Fatalf("NewSecretAccessKey gave %q", s)
		}
	})
}

// FuzzCreateUser feeds arbitrary names, paths and tags to CreateUser: it
// never panics, and when it fails the account is unchanged.
func FuzzCreateUser(f *testing.F) {
	f.Add("bob", "/", "team", "blue")
	f.Add("a b", "//", "aws:x", "")
	f.Add("Bob", "/a/b/", "", "v")
	f.Fuzz(func(t *testing.T, name, path, key, value string) {
		a, _ := newTestAccount(t)
		_, err := a.CreateUser(CreateUserInput{UserName: "bob"})
		if err != nil {
			t.Fatal(err)
		}
		before := a.s.clone()
		_, err = a.CreateUser(CreateUserInput{UserName: name, Path: path, Tags: []Tag{{Key: key, Value: value}}})
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %v is not an *Error", err)
			}
			if !equalState(before, a.s) {
				t.Fatalf("failed CreateUser(%q, %q) changed the account", name, path)
			}
		}
	})
}

// FuzzPutUserPolicy feeds arbitrary documents: never a panic, and a failure
// is MalformedPolicyDocument, LimitExceeded or ValidationError.
func FuzzPutUserPolicy(f *testing.F) {
	f.Add(allowS3)
	f.Add(`{"Statement":[]}`)
	f.Add(`{`)
	f.Fuzz(func(t *testing.T, doc string) {
		a, _ := newTestAccount(t)
		if _, err := a.CreateUser(CreateUserInput{UserName: "bob"}); err != nil {
			t.Fatal(err)
		}
		err := a.PutUserPolicy(PutUserPolicyInput{UserName: "bob", PolicyName: "p", PolicyDocument: doc})
		if err != nil {
			e, ok := err.(*Error)
			if !ok || (e.Code != ErrMalformedPolicyDocument && e.Code != ErrLimitExceeded && e.Code != ErrValidation) {
				t.Fatalf("unexpected error %v", err)
			}
		}
	})
}

func FuzzValidAccessKeyID(f *testing.F) {
	re := regexp.MustCompile(`^\w+$`)
	for _, s := range []string{"AKIAIOSFODNN7EXAMPLE", "AKIA", "AKIA-IOSFODNN7EXAMPLE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := re.MatchString(s) && len(s) >= 16 && len(s) <= 128
		if got := validAccessKeyID(s); got != want {
			t.Fatalf("validAccessKeyID(%q) = %v, want %v", s, got, want)
		}
	})
}

// FuzzInLatin1Text checks the character set of policy documents and
// passwords: tab, line feed, carriage return and U+0020–U+00FF
// (reference_iam-quotas.md).
func FuzzInLatin1Text(f *testing.F) {
	re := regexp.MustCompile(`^[\x{09}\x{0A}\x{0D}\x{20}-\x{FF}]*$`)
	for _, s := range []string{`{"a": "é"}`, "tab\t", "\x00", "€", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := utf8.ValidString(s) && re.MatchString(s)
		if got := inLatin1Text(s); got != want {
			t.Fatalf("inLatin1Text(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzIsAccountID(f *testing.F) {
	re := regexp.MustCompile(`^[0-9]{12}$`)
	for _, s := range []string{"111122223333", "11112222333", "١١١١٢٢٢٢٣٣٣٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isAccountID(s), re.MatchString(s); got != want {
			t.Fatalf("isAccountID(%q) = %v, want %v", s, got, want)
		}
	})
}
