package host_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/plugins/host"
)

type matchCase struct {
	name   string
	value  string
	policy []string
	want   bool
	err    string // the start of the plugin's error; "" for none
}

func runMatchCases(t *testing.T, plugin, operator string, cases []matchCase) {
	t.Helper()
	h := newHost(t)
	load(t, h, plugin)
	op := lookup(t, h, operator)
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := op.Match(tt.value, tt.policy)
			if tt.err != "" {
				require.Error(t, err)
				assert.ErrorIs(t, err, host.ErrReported)
				assert.Contains(t, err.Error(), `plugin "`+plugin+`": `+tt.err)
				assert.False(t, got)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

type validateCase struct {
	name   string
	policy []string
	index  int    // the refused value; -1 for none
	err    string // part of the message; "" when the values are fine
}

func runValidateCases(t *testing.T, plugin, operator string, cases []validateCase) {
	t.Helper()
	h := newHost(t)
	load(t, h, plugin)
	op := lookup(t, h, operator)
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			err := op.Validate(tt.policy)
			if tt.err == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
			assert.ErrorIs(t, err, host.ErrReported)
			var ve *host.ValueError
			if tt.index >= 0 {
				require.ErrorAs(t, err, &ve)
				assert.Equal(t, tt.index, ve.ValueIndex())
			} else {
				assert.False(t, errors.As(err, &ve))
			}
		})
	}
}

func TestCidrOverlaps(t *testing.T) {
	runMatchCases(t, "cidr", "Plugin:CidrOverlaps", []matchCase{
		{"inside a policy range", "10.1.0.0/16", []string{"10.0.0.0/8"}, true, ""},
		{"containing a policy range", "10.0.0.0/8", []string{"10.1.2.0/24"}, true, ""},
		{"the second policy range", "172.16.5.0/24", []string{"10.0.0.0/8", "172.16.0.0/12"}, true, ""},
		{"disjoint", "192.168.1.0/24", []string{"10.0.0.0/8", "172.16.0.0/12"}, false, ""},
		{"adjacent ranges do not overlap", "10.0.1.0/24", []string{"10.0.0.0/24"}, false, ""},
		{"a bare address", "203.0.113.7", []string{"203.0.113.0/24"}, true, ""},
		{"host bits are ignored", "10.1.2.3/16", []string{"10.1.200.0/24"}, true, ""},
		{"IPv6", "2001:db8::/48", []string{"2001:db8:0:1::/64"}, true, ""},
		{"IPv4-mapped is IPv4", "::ffff:10.1.0.0/112", []string{"10.0.0.0/8"}, true, ""},
		{"IPv4 never overlaps IPv6", "10.0.0.0/8", []string{"::/0"}, false, ""},
		{"no policy values", "10.0.0.0/8", nil, false, ""},
		{"a request value that is no range", "not-a-cidr", []string{"10.0.0.0/8"}, false, `request value "not-a-cidr": not an IP address or CIDR range`},
		{"a zone is no address", "fe80::1%eth0", []string{"fe80::/10"}, false, `request value "fe80::1%eth0"`},
		{"an overlong request value", strings.Repeat("1", 100), []string{"10.0.0.0/8"}, false, "request value"},
	})
	runValidateCases(t, "cidr", "Plugin:CidrOverlaps", []validateCase{
		{"ranges", []string{"10.0.0.0/8", "2001:db8::/32", "192.0.2.1"}, -1, ""},
		{"not a range", []string{"10.0.0.0/8", "nope"}, 1, "not an IP address or CIDR range"},
		{"a bad prefix length", []string{"10.0.0.0/33"}, 0, "not a CIDR range"},
		{"a short IPv4-mapped range", []string{"::ffff:0:0/90"}, 0, "an IPv4-mapped range must be /96 or longer"},
	})
}

func TestRegexMatch(t *testing.T) {
	runMatchCases(t, "regex", "Plugin:RegexMatch", []matchCase{
		{"a match", "alice.smith", []string{`[a-z]+\.[a-z]+`}, true, ""},
		{"the whole value must match", "evil-svc-1", []string{`svc-[0-9]+`}, false, ""},
		{"the second expression", "svc-0042", []string{"nope", `svc-[0-9]{4}`}, true, ""},
		{"an alternation is anchored as a whole", "xb", []string{"a|b"}, false, ""},
		{"the empty value", "", []string{".*"}, true, ""},
		{"case matters", "Alice", []string{"alice"}, false, ""},
		{"(?i) is RE2's", "Alice", []string{"(?i)alice"}, true, ""},
		{"no catastrophic backtracking", strings.Repeat("a", 4000) + "!", []string{"(a+)+$"}, false, ""},
		{"an overlong request value", strings.Repeat("a", 4097), []string{"a*"}, false, "the request value is longer than 4096 bytes"},
		{"a bad expression at match time", "x", []string{"("}, false, `policy value [0] "(": not an RE2 expression`},
	})
	runValidateCases(t, "regex", "Plugin:RegexMatch", []validateCase{
		{"expressions", []string{`^a$`, `[0-9]{3}`}, -1, ""},
		{"unclosed", []string{"ok", "(unclosed"}, 1, "missing closing )"},
		{"a repeat too large", []string{"a{2000}"}, 0, "invalid repeat count"},
		{"no lookahead in RE2", []string{"(?=x)"}, 0, "not an RE2 expression"},
		{"an overlong expression", []string{strings.Repeat("a", 1025)}, 0, "longer than 1024 bytes"},
	})
}

func TestWithinHours(t *testing.T) {
	office := []string{"Mon-Fri 09:00-17:00"}
	runMatchCases(t, "hours", "Plugin:WithinHours", []matchCase{
		{"Monday morning", "2026-11-23T10:00:00Z", office, true, ""},
		{"before opening", "2026-11-23T08:59:59Z", office, false, ""},
		{"the start is included", "2026-11-23T09:00:00Z", office, true, ""},
		{"the end is not", "2026-11-23T17:00:00Z", office, false, ""},
		{"Sunday", "2026-11-22T10:00:00Z", office, false, ""},
		{"an offset moves the window", "2026-11-23T08:30:00Z", []string{"Mon-Fri 09:00-17:00 +01:00"}, true, ""},
		{"the request's own offset counts", "2026-11-23T10:30:00+02:00", office, false, ""},
		{"a negative offset changes the day", "2026-11-23T02:00:00Z", []string{"Sun 20:00-23:00 -05:00"}, true, ""},
		{"past midnight: the evening", "2026-11-27T23:00:00Z", []string{"Fri 22:00-06:00"}, true, ""},
		{"past midnight: the morning after", "2026-11-28T03:00:00Z", []string{"Fri 22:00-06:00"}, true, ""},
		{"past midnight: not the evening after", "2026-11-28T23:00:00Z", []string{"Fri 22:00-06:00"}, false, ""},
		{"days that wrap", "2026-11-22T12:00:00Z", []string{"Fri-Mon 00:00-24:00"}, true, ""},
		{"a list of days", "2026-11-25T12:00:00Z", []string{"Mon,Wed 12:00-13:00"}, true, ""},
		{"epoch seconds", "1795428000", office, true, ""},
		{"fractional seconds", "2026-11-23T16:59:59.999Z", office, true, ""},
		{"not a time", "next tuesday", office, false, `request value "next tuesday": not a time`},
	})
	runValidateCases(t, "hours", "Plugin:WithinHours", []validateCase{
		{"windows", []string{"Mon-Fri 09:00-17:00", "Sat,Sun 10:00-14:00 +05:30", "Fri 22:00-06:00 Z"}, -1, ""},
		{"a zone name", []string{"Mon-Fri 09:00-17:00 Europe/Berlin"}, 0, "no time-zone database"},
		{"a one-digit hour", []string{"Mon-Fri 09:00-17:00", "Mon-Fri 9:00-17:00"}, 1, `"9:00" is not a time of day`},
		{"an unknown day", []string{"Funday 09:00-17:00"}, 0, `"Funday" is not a day`},
		{"an empty range", []string{"Mon 10:00-10:00"}, 0, "is empty"},
		{"no time range", []string{"Mon-Fri"}, 0, "want days, a time range"},
		{"minutes past 59", []string{"Mon 09:60-10:00"}, 0, "not a time of day"},
		{"after 24:00", []string{"Mon 09:00-24:01"}, 0, "not a time of day"},
	})
}
