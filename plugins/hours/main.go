// Command hours is an iamlab plugin with one condition operator,
// Plugin:WithinHours: a request value, a time (usually aws:CurrentTime),
// matches when it falls inside one of the policy's weekly windows.
//
//	"Condition": {"Plugin:WithinHours": {"aws:CurrentTime": "Mon-Fri 09:00-17:00 +01:00"}}
//
// A window is days, a time range and an optional UTC offset, separated by
// spaces:
//
//   - Days: Mon, Tue, Wed, Thu, Fri, Sat, Sun, a range of them ("Mon-Fri",
//     or "Fri-Mon", which wraps over the weekend), or a comma-separated list
//     of both ("Mon,Wed-Fri").
//   - Time range: HH:MM-HH:MM, 24-hour clock, from 00:00 to 24:00. The start
//     is included and the end is not. When the end is not after the start
//     the window runs past midnight ("22:00-06:00"), and the days name the
//     day it starts: "Fri 22:00-06:00" covers Friday night until Saturday
//     06:00.
//   - Offset: Z, UTC, or +HH:MM / -HH:MM; UTC when left out. The days and
//     times are read at that offset.
//
// There is no time-zone database inside the sandbox, so zones are fixed
// offsets, not names such as Europe/Berlin: a window that follows daylight
// saving time needs one policy value per offset, or a policy that is
// changed when the clocks change.
//
// The request value is an RFC 3339 time, as aws:CurrentTime is
// ("2026-11-23T10:00:00Z", "2026-11-23T11:00:00.5+01:00"), or epoch
// seconds ("1795428000"). A request value that is neither is an error, and
// the request is denied. A malformed window makes the policy malformed.
//
// Build it with `make plugins`, or:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o hours.wasm ./plugins/hours
package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/iamlab/iamlab/plugins/guest"
)

// plugin serves the operators through the exports in exports.go.
var plugin = guest.New(guest.Operator{Name: "WithinHours", Match: within, Validate: validateWindows})

// windows keeps the policy values already read, up to maxCached; it is
// emptied when full. (This instance's own state: the host runs one call at
// a time.)
var windows = map[string]window{}

const maxCached = 256

// main is not run: the module is a WebAssembly reactor whose exports the
// host calls.
func main() {}

const maxValue = 128 // bytes of a value

// window is one parsed policy value.
type window struct {
	days       [7]bool // by time.Weekday
	start, end int     // minutes since midnight; end may be 24*60
	offset     int     // seconds east of UTC
}

// contains reports whether t falls in the window.
func (w window) contains(t time.Time) bool {
	local := t.UTC().Add(time.Duration(w.offset) * time.Second) // the wall clock at the offset, read as UTC
	day := local.Weekday()
	m := local.Hour()*60 + local.Minute()
	if w.start < w.end {
		return w.days[day] && m >= w.start && m < w.end
	}
	// Past midnight: the evening of a listed day, or the morning after one.
	return w.days[day] && m >= w.start || w.days[(day+6)%7] && m < w.end
}

func within(value string, policy []string) (bool, error) {
	t, err := parseTime(value)
	if err != nil {
		return false, fmt.Errorf("request value %s: %v", quote(value), err)
	}
	for i, p := range policy {
		w, ok := windows[p]
		if !ok {
			if w, err = parseWindow(p); err != nil {
				return false, fmt.Errorf("policy value [%d] %s: %v", i, quote(p), err)
			}
			if len(windows) >= maxCached {
				clear(windows)
			}
			windows[p] = w
		}
		if w.contains(t) {
			return true, nil
		}
	}
	return false, nil
}

func validateWindows(policy []string) error {
	for i, p := range policy {
		if _, err := parseWindow(p); err != nil {
			return &guest.ValueError{Index: i, Msg: err.Error()}
		}
	}
	return nil
}

// parseTime reads an RFC 3339 time or epoch seconds.
func parseTime(s string) (time.Time, error) {
	if len(s) > maxValue {
		return time.Time{}, fmt.Errorf("longer than %d bytes", maxValue)
	}
	if s != "" && strings.Trim(s, "0123456789") == "" && len(s) <= 12 {
		n, err := strconv.ParseInt(s, 10, 64)
		if err == nil {
			return time.Unix(n, 0).UTC(), nil
		}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, errors.New("not a time: want RFC 3339, such as 2026-11-23T10:00:00Z, or epoch seconds")
	}
	return t, nil
}

var dayNames = map[string]time.Weekday{
	"Sun": time.Sunday, "Mon": time.Monday, "Tue": time.Tuesday, "Wed": time.Wednesday,
	"Thu": time.Thursday, "Fri": time.Friday, "Sat": time.Saturday,
}

// parseWindow reads "DAYS HH:MM-HH:MM [OFFSET]".
func parseWindow(s string) (window, error) {
	var w window
	if len(s) > maxValue {
		return w, fmt.Errorf("longer than %d bytes", maxValue)
	}
	fields := strings.Split(s, " ")
	if len(fields) != 2 && len(fields) != 3 {
		return w, errors.New(`want days, a time range and an optional UTC offset separated by single spaces, such as "Mon-Fri 09:00-17:00 +01:00"`)
	}
	if err := parseDays(fields[0], &w.days); err != nil {
		return w, err
	}
	from, to, ok := strings.Cut(fields[1], "-")
	if !ok {
		return w, fmt.Errorf("time range %s: want HH:MM-HH:MM, such as 09:00-17:00", strconv.Quote(fields[1]))
	}
	var err error
	if w.start, err = parseClock(from); err != nil {
		return w, err
	}
	if w.end, err = parseClock(to); err != nil {
		return w, err
	}
	if w.start == w.end {
		return w, fmt.Errorf("time range %s is empty: the start is included and the end is not", strconv.Quote(fields[1]))
	}
	if w.start == 24*60 {
		return w, errors.New("a time range cannot start at 24:00")
	}
	if len(fields) == 3 {
		if w.offset, err = parseOffset(fields[2]); err != nil {
			return w, err
		}
	}
	return w, nil
}

func parseDays(s string, days *[7]bool) error {
	if s == "" {
		return errors.New("no days: want Mon-Fri, Sat,Sun or similar")
	}
	for _, part := range strings.Split(s, ",") {
		from, to, isRange := strings.Cut(part, "-")
		a, ok := dayNames[from]
		if !ok {
			return fmt.Errorf("%s is not a day: want Mon, Tue, Wed, Thu, Fri, Sat or Sun", strconv.Quote(from))
		}
		b := a
		if isRange {
			if b, ok = dayNames[to]; !ok {
				return fmt.Errorf("%s is not a day: want Mon, Tue, Wed, Thu, Fri, Sat or Sun", strconv.Quote(to))
			}
		}
		for d := a; ; d = (d + 1) % 7 {
			days[d] = true
			if d == b {
				break
			}
		}
	}
	return nil
}

// parseClock reads HH:MM, 00:00 to 24:00, as minutes.
func parseClock(s string) (int, error) {
	bad := fmt.Errorf("%s is not a time of day: want HH:MM from 00:00 to 24:00", strconv.Quote(s))
	if len(s) != 5 || s[2] != ':' {
		return 0, bad
	}
	h, err1 := strconv.Atoi(s[:2])
	m, err2 := strconv.Atoi(s[3:])
	if err1 != nil || err2 != nil || s[0] == '+' || s[3] == '+' || s[0] == '-' || s[3] == '-' || h > 24 || m > 59 || h == 24 && m != 0 {
		return 0, bad
	}
	return h*60 + m, nil
}

// parseOffset reads Z, UTC or ±HH:MM as seconds east of UTC.
func parseOffset(s string) (int, error) {
	if s == "Z" || s == "UTC" {
		return 0, nil
	}
	bad := fmt.Errorf("%s is not a UTC offset: want Z, UTC or +HH:MM / -HH:MM (there is no time-zone database, so no zone names)", strconv.Quote(s))
	if len(s) != 6 || s[0] != '+' && s[0] != '-' {
		return 0, bad
	}
	m, err := parseClock(s[1:])
	if err != nil || m > 18*60 {
		return 0, bad
	}
	if s[0] == '-' {
		m = -m
	}
	return m * 60, nil
}

func quote(s string) string {
	if len(s) > 64 {
		return strconv.Quote(s[:64]) + "..."
	}
	return strconv.Quote(s)
}
