package condition

// Base64 as BinaryEquals reads it: the standard alphabet of RFC 4648
// (A–Z a–z 0–9 + /), padded with '=' to a multiple of four characters. Line
// breaks are not allowed. As with Go's base64.StdEncoding, the unused bits
// of the last character need not be zero.

// b64Val returns the 6-bit value of a base64 character.
func b64Val(c byte) (byte, bool) {
	switch {
	case c >= 'A' && c <= 'Z':
		return c - 'A', true
	case c >= 'a' && c <= 'z':
		return c - 'a' + 26, true
	case c >= '0' && c <= '9':
		return c - '0' + 52, true
	case c == '+':
		return 62, true
	case c == '/':
		return 63, true
	}
	return 0, false
}

// b64Quad decodes the four characters q, the last quad when last is set
// (only the last may hold padding). n is the number of bytes decoded.
func b64Quad(q string, last bool) (b [3]byte, n int, ok bool) {
	var v [4]byte
	pad := 0
	for i := 0; i < 4; i++ {
		c := q[i]
		if c == '=' {
			if !last || i < 2 {
				return b, 0, false
			}
			pad++
			continue
		}
		if pad > 0 {
			return b, 0, false // data after padding
		}
		x, ok := b64Val(c)
		if !ok {
			return b, 0, false
		}
		v[i] = x
	}
	b[0] = v[0]<<2 | v[1]>>4
	b[1] = v[1]<<4 | v[2]>>2
	b[2] = v[2]<<6 | v[3]
	return b, 3 - pad, true
}

// decodeBase64 decodes s. msg says what is wrong when it is not empty.
func decodeBase64(s string) ([]byte, string) {
	if len(s)%4 != 0 {
		return nil, "not base64: the length must be a multiple of 4 (pad with '=')"
	}
	out := make([]byte, 0, len(s)/4*3)
	for i := 0; i < len(s); i += 4 {
		b, n, ok := b64Quad(s[i:i+4], i+4 == len(s))
		if !ok {
			return nil, "not base64: want the characters A-Z, a-z, 0-9, + and /, with '=' padding only at the end"
		}
		out = append(out, b[:n]...)
	}
	return out, ""
}

// base64Equal reports whether s is base64 (ok) and, if so, whether it
// decodes to want. It does not allocate.
func base64Equal(s string, want []byte) (equal, ok bool) {
	if len(s)%4 != 0 {
		return false, false
	}
	equal = true
	j := 0
	for i := 0; i < len(s); i += 4 {
		b, n, ok := b64Quad(s[i:i+4], i+4 == len(s))
		if !ok {
			return false, false
		}
		for k := 0; k < n; k++ {
			if j >= len(want) || want[j] != b[k] {
				equal = false
			}
			j++
		}
	}
	return equal && j == len(want), true
}
