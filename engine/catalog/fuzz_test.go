package catalog

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

// seedLines gives the first lines of the embedded catalog as a seed.
func seedLines(t testing.TB, data []byte, n int) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(text), "\n", n+1)
	return []byte(strings.Join(lines[:min(n, len(lines))], "\n"))
}

func FuzzParse(f *testing.F) {
	f.Add(seedLines(f, actionsGz, 400))
	f.Add([]byte("iamlab-catalog 1\nsource p v\nS s3\tS3\nR object\tarn:${Partition}:s3:::${BucketName}/${ObjectName}\t\nA GetObject\tR\tobject*=s3:x|s3:y\ts3:z\ts3:ListBucket\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			return
		}
		for _, s := range c.Services() {
			for _, a := range s.Actions {
				_ = a.ConditionKeys()
				_ = a.SupportsKey(c, "aws:SourceIp")
			}
		}
		c.Expand("*:*")
		c.ResourceTypes("arn:aws:s3:::b/k")
	})
}

func FuzzParseManagedPolicies(f *testing.F) {
	f.Add(seedLines(f, policiesGz, 20))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManagedPolicies(data)
		if err == nil {
			m.Lookup("ReadOnlyAccess")
		}
	})
}

// FuzzIntersects checks the glob intersection against a brute force on
// short strings over a small alphabet.
func FuzzIntersects(f *testing.F) {
	f.Add("a*b", "ab*", false)
	f.Add("arn:?*", "arn:aws:s3:::*", false)
	f.Fuzz(func(t *testing.T, a, b string, fold bool) {
		if len(a) > 8 || len(b) > 8 {
			return
		}
		got := intersects(a, b, fold)
		want := false
		// Every candidate string over the alphabet the globs use, up to a
		// length that suffices for globs this short.
		alpha := []byte{'a', 'B', ':', 'x'}
		var try func(s []byte) bool
		try = func(s []byte) bool {
			if globMatch(a, string(s), fold) && globMatch(b, string(s), fold) {
				return true
			}
			if len(s) >= 6 {
				return false
			}
			for _, c := range alpha {
				if try(append(s, c)) {
					return true
				}
			}
			return false
		}
		if strings.Trim(a, "ab:x*?") == "" && strings.Trim(b, "aAbB:xX*?") == "" {
			want = try(nil)
			if want && !got {
				t.Fatalf("intersects(%q, %q) = false, but a common string exists", a, b)
			}
		}
		_ = want
	})
}

// globMatch matches a plain string against a glob, recursively: for tests.
func globMatch(g, s string, fold bool) bool {
	if g == "" {
		return s == ""
	}
	switch g[0] {
	case '*':
		return globMatch(g[1:], s, fold) || (s != "" && globMatch(g, s[1:], fold))
	}
	if s == "" {
		return false
	}
	switch g[0] {
	case '?':
	default:
		if g[0] != s[0] && !(fold && lower(g[0]) == lower(s[0])) {
			return false
		}
	}
	return globMatch(g[1:], s[1:], fold)
}

func TestIntersects(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"arn:aws:s3:::b/*", "arn:*:s3:::*/*", true},
		{"arn:aws:s3:::b", "arn:*:s3:::*/*", false},
		{"*", "anything", true},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"ABC", "abc", false},
		{"", "", true},
		{"*", "", true},
		{"?", "", false},
	}
	for _, tt := range tests {
		if got := intersects(tt.a, tt.b, false); got != tt.want {
			t.Errorf("intersects(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := intersects(tt.b, tt.a, false); got != tt.want {
			t.Errorf("intersects(%q, %q) = %v, want %v (swapped)", tt.b, tt.a, got, tt.want)
		}
	}
	if !intersects("ABC", "abc", true) {
		t.Error("fold")
	}
}
