package condition

import "strconv"

// maxIntDigits bounds the digits before the decimal point of a number, so
// that a number too large for a float64 is refused before strconv sees it
// (its range error would allocate).
const maxIntDigits = 300

// parseNumber reads an integer or a decimal: an optional sign, digits, and
// optionally a point and more digits ("10", "-3", "2.5"). Exponents, "Inf"
// and "NaN" are not numbers here. msg says what is wrong when ok is false.
// parseNumber does not allocate.
func parseNumber(s string) (f float64, msg string) {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	start, lead := i, true
	sig := 0
	for i < len(s) && isDigit(s[i]) {
		if s[i] != '0' || !lead {
			lead = false
			sig++
		}
		i++
	}
	if i == start {
		return 0, "not a number: want an integer or a decimal such as 10 or 2.5"
	}
	if i < len(s) && s[i] == '.' {
		i++
		frac := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == frac {
			return 0, "not a number: a decimal point must be followed by digits"
		}
	}
	if i != len(s) {
		if s[i] == 'e' || s[i] == 'E' {
			return 0, "not a number: exponents are not allowed; write the number out, such as 1000"
		}
		return 0, "not a number: want an integer or a decimal such as 10 or 2.5"
	}
	if sig > maxIntDigits {
		return 0, "number out of range"
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, "number out of range"
	}
	return f, ""
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// compareFloat returns -1, 0 or +1 as a is less than, equal to or greater
// than b. Neither is NaN.
func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
