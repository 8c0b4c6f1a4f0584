package condition

// instant is a point in time: seconds since 1970-01-01T00:00:00Z and
// nanoseconds within the second. It covers the years 0000 to 9999 and epoch
// seconds of up to 18 digits, which an int64 of nanoseconds would not.
type instant struct {
	sec  int64
	nsec int32
}

func (a instant) compare(b instant) int {
	switch {
	case a.sec < b.sec:
		return -1
	case a.sec > b.sec:
		return 1
	case a.nsec < b.nsec:
		return -1
	case a.nsec > b.nsec:
		return 1
	}
	return 0
}

// maxEpochDigits bounds epoch seconds so that they fit an int64.
const maxEpochDigits = 18

// parseDate reads the date forms IAM accepts
// (reference_policies_elements_condition_operators.md, "Date condition
// operators": the W3C profile of ISO 8601, or epoch time):
//
//	1577836800                  epoch seconds (digits only)
//	2020-01-01                  a date: midnight UTC
//	2020-01-01T10:30Z           with hours and minutes
//	2020-01-01T10:30:15Z        with seconds
//	2020-01-01T10:30:15.250Z    with a fraction of a second (any number of digits)
//	2020-01-01T10:30:15+02:00   an offset from UTC instead of Z
//
// A time of day needs a zone (Z or ±hh:mm), as in the W3C profile. msg says
// what is wrong when it is not empty. parseDate does not allocate.
func parseDate(s string) (t instant, msg string) {
	if s == "" {
		return t, "not a date: the value is empty"
	}
	if allDigits(s) {
		if len(s) > maxEpochDigits {
			return t, "epoch seconds out of range"
		}
		var n int64
		for i := 0; i < len(s); i++ {
			n = n*10 + int64(s[i]-'0')
		}
		return instant{sec: n}, ""
	}
	const want = "not a date: want ISO 8601 such as 2020-01-01, 2020-01-01T00:00:00Z or 2020-01-01T00:00:00+02:00, or epoch seconds"
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return t, want
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return t, want
	}
	if month < 1 || month > 12 {
		return t, "not a date: month out of range"
	}
	if day < 1 || day > daysIn(year, month) {
		return t, "not a date: day out of range for the month"
	}
	sec := daysFromCivil(year, month, day) * 86400
	if len(s) == 10 {
		return instant{sec: sec}, ""
	}
	// Thh:mm[:ss[.fff]]TZD
	rest := s[10:]
	if len(rest) < 6 || rest[0] != 'T' || rest[3] != ':' {
		return t, want
	}
	hour, ok1 := digits(rest[1:3])
	minute, ok2 := digits(rest[4:6])
	if !ok1 || !ok2 {
		return t, want
	}
	if hour > 23 || minute > 59 {
		return t, "not a date: time of day out of range"
	}
	rest = rest[6:]
	second, nsec := int64(0), int32(0)
	if len(rest) > 0 && rest[0] == ':' {
		if len(rest) < 3 {
			return t, want
		}
		var ok bool
		second, ok = digits(rest[1:3])
		if !ok {
			return t, want
		}
		if second > 59 {
			return t, "not a date: seconds out of range"
		}
		rest = rest[3:]
		if len(rest) > 0 && rest[0] == '.' {
			i := 1
			scale := int32(100_000_000)
			for i < len(rest) && isDigit(rest[i]) {
				nsec += int32(rest[i]-'0') * scale
				scale /= 10
				i++
			}
			if i == 1 {
				return t, "not a date: a decimal point must be followed by digits"
			}
			rest = rest[i:]
		}
	}
	sec += int64(hour)*3600 + int64(minute)*60 + second
	switch {
	case rest == "Z":
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := digits(rest[1:3])
		om, ok2 := digits(rest[4:6])
		if !ok1 || !ok2 {
			return t, want
		}
		if oh > 23 || om > 59 {
			return t, "not a date: zone offset out of range"
		}
		off := oh*3600 + om*60
		if rest[0] == '+' {
			off = -off // 10:00+02:00 is 08:00Z
		}
		sec += off
	case rest == "":
		return t, "not a date: a time of day needs a zone, Z or an offset such as +02:00"
	default:
		return t, want
	}
	return instant{sec: sec, nsec: nsec}, ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// digits reads a short run of decimal digits.
func digits(s string) (int64, bool) {
	var n int64
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int64(s[i]-'0')
	}
	return n, true
}

func isLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y, m int64) int64 {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the days from 1970-01-01 to the proleptic Gregorian
// date y-m-d (Howard Hinnant's algorithm), for years 0 to 9999.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
