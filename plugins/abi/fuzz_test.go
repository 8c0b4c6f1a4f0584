package abi

import (
	"encoding/json"
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzParseAnswer checks that no answer a plugin gives can panic the host,
// that a malformed answer is always ErrMalformed, and that an accepted answer
// is exactly one verdict: a match answer has no index, an error is
// non-empty, printable UTF-8, and a validate answer never matches.
func FuzzParseAnswer(f *testing.F) {
	for _, c := range answerCases {
		f.Add([]byte(c.in), c.kind == ValidateAnswer)
	}
	f.Fuzz(func(t *testing.T, b []byte, validate bool) {
		kind := MatchAnswer
		if validate {
			kind = ValidateAnswer
		}
		a, err := ParseAnswer(b, kind)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("ParseAnswer(%q): error %v is not ErrMalformed", b, err)
			}
			if a != (Answer{}) {
				t.Fatalf("ParseAnswer(%q): error with answer %+v", b, a)
			}
			return
		}
		if !json.Valid(b) {
			t.Fatalf("ParseAnswer(%q) accepted invalid JSON", b)
		}
		if a.Err != "" {
			if a.Match {
				t.Fatalf("ParseAnswer(%q) = %+v: both an error and a match", b, a)
			}
			if !utf8.ValidString(a.Err) || len(a.Err) > MaxErrorMessage+len("…") {
				t.Fatalf("ParseAnswer(%q): message %q not clean", b, a.Err)
			}
			for _, r := range a.Err {
				if r < 0x20 || r == 0x7f {
					t.Fatalf("ParseAnswer(%q): control character in %q", b, a.Err)
				}
			}
		}
		if kind == MatchAnswer && a.Index != -1 {
			t.Fatalf("ParseAnswer(%q) = %+v: an index in a match answer", b, a)
		}
		if kind == ValidateAnswer && a.Match {
			t.Fatalf("ParseAnswer(%q) = %+v: a validate answer matched", b, a)
		}
		if a.Index >= 0 && a.Err == "" {
			t.Fatalf("ParseAnswer(%q) = %+v: an index without an error", b, a)
		}
	})
}

// FuzzParseOperators checks that no operator list can panic the host and
// that what is accepted is a list of valid, distinct names.
func FuzzParseOperators(f *testing.F) {
	for _, s := range []string{`["CidrOverlaps"]`, `["A","B"]`, `[]`, `["a"]`, `["A","A"]`, `["XIfExists"]`, `null`, `{}`, `["A"] x`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		names, err := ParseOperators(b)
		if err != nil {
			if names != nil {
				t.Fatalf("ParseOperators(%q): error with names %q", b, names)
			}
			return
		}
		if len(names) == 0 || len(names) > MaxOperators {
			t.Fatalf("ParseOperators(%q) = %d names", b, len(names))
		}
		seen := map[string]bool{}
		for _, n := range names {
			if seen[n] {
				t.Fatalf("ParseOperators(%q): %q twice", b, n)
			}
			seen[n] = true
			if n == "" || n[0] < 'A' || n[0] > 'Z' {
				t.Fatalf("ParseOperators(%q): bad name %q", b, n)
			}
		}
	})
}
