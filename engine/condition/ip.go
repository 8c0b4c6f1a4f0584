package condition

import "net/netip"

// parseAddr reads an IPv4 address in dotted-decimal form or an IPv6 address
// in the forms of RFC 4291 (with "::" and an optional dotted IPv4 tail). It
// accepts what netip.ParseAddr accepts except zones ("fe80::1%eth0"), which
// a request's source address never has. An IPv4-mapped IPv6 address
// (::ffff:203.0.113.5) comes back as the IPv4 address. parseAddr does not
// allocate, even for bad input, which netip.ParseAddr cannot promise.
func parseAddr(s string) (netip.Addr, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			a, ok := parseIPv6(s)
			if !ok {
				return netip.Addr{}, false
			}
			return netip.AddrFrom16(a).Unmap(), true
		}
	}
	a, ok := parseIPv4(s)
	if !ok {
		return netip.Addr{}, false
	}
	return netip.AddrFrom4(a), true
}

// parseIPv4 reads exactly four decimal fields of 0 to 255, without leading
// zeros.
func parseIPv4(s string) (ip [4]byte, ok bool) {
	field, n, digitsIn := 0, 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if digitsIn == 0 || field > 3 {
				return ip, false
			}
			ip[field] = byte(n)
			field, n, digitsIn = field+1, 0, 0
			continue
		}
		c := s[i]
		if !isDigit(c) {
			return ip, false
		}
		if digitsIn > 0 && n == 0 {
			return ip, false // leading zero
		}
		n = n*10 + int(c-'0')
		digitsIn++
		if n > 255 {
			return ip, false
		}
	}
	return ip, field == 4
}

// parseIPv6 reads up to eight groups of one to four hex digits, at most one
// "::" standing for one or more zero groups, and optionally a dotted IPv4
// address in place of the last two groups.
func parseIPv6(s string) (ip [16]byte, ok bool) {
	ellipsis := -1 // byte index in ip where "::" stands
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		ellipsis = 0
		s = s[2:]
		if s == "" {
			return ip, true
		}
	}
	i := 0 // bytes of ip filled
	for i < 16 {
		// One group: hex digits.
		off, acc := 0, 0
		for off < len(s) && off < 5 {
			v, isHex := hexVal(s[off])
			if !isHex {
				break
			}
			acc = acc<<4 + v
			off++
		}
		if off == 0 || off > 4 {
			return ip, false
		}
		if off < len(s) && s[off] == '.' {
			// A dotted IPv4 tail: it must end the address and fill 4 bytes.
			if ellipsis < 0 && i != 12 || i+4 > 16 {
				return ip, false
			}
			v4, ok := parseIPv4(s)
			if !ok {
				return ip, false
			}
			copy(ip[i:], v4[:])
			i += 4
			s = ""
			break
		}
		ip[i], ip[i+1] = byte(acc>>8), byte(acc)
		i += 2
		s = s[off:]
		if s == "" {
			break
		}
		if s[0] != ':' || len(s) == 1 {
			return ip, false
		}
		s = s[1:]
		if s[0] == ':' {
			if ellipsis >= 0 {
				return ip, false // a second "::"
			}
			ellipsis = i
			s = s[1:]
			if s == "" {
				break
			}
		}
	}
	if s != "" {
		return ip, false
	}
	if i < 16 {
		if ellipsis < 0 {
			return ip, false
		}
		n := 16 - i
		for j := i - 1; j >= ellipsis; j-- {
			ip[j+n] = ip[j]
		}
		for j := ellipsis + n - 1; j >= ellipsis; j-- {
			ip[j] = 0
		}
	} else if ellipsis >= 0 {
		return ip, false // "::" must stand for at least one group
	}
	return ip, true
}

func hexVal(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}

// parsePrefix reads a policy's IP value: an address or a CIDR range. A bare
// address is a range of one (/32 or /128). Host bits after the prefix are
// ignored (203.0.113.9/24 is 203.0.113.0/24). An IPv4-mapped IPv6 range of
// /96 or longer becomes the IPv4 range it maps.
func parsePrefix(s string) (netip.Prefix, string) {
	addr, bitsText, hasBits := cut(s, '/')
	a, ok := parseAddr(addr)
	if !ok {
		return netip.Prefix{}, "not an IP address or CIDR range: want such as 203.0.113.0/24, 203.0.113.7 or 2001:DB8:1234:5678::/64"
	}
	if !hasBits {
		return netip.PrefixFrom(a, a.BitLen()), ""
	}
	mapped := false
	if a.Is4() && isMapped(addr) {
		mapped = true
	}
	if bitsText == "" || len(bitsText) > 3 || !allDigits(bitsText) || len(bitsText) > 1 && bitsText[0] == '0' {
		return netip.Prefix{}, "bad prefix length after '/': want a number such as 24"
	}
	bits, _ := digits(bitsText)
	if mapped {
		// ::ffff:a.b.c.d/n: n counts the 96 bits of the ::ffff: prefix.
		if bits > 128 {
			return netip.Prefix{}, "prefix length out of range: at most 128 for IPv6"
		}
		if bits < 96 {
			return netip.PrefixFrom(netip.AddrFrom16(a.As16()), int(bits)).Masked(), ""
		}
		bits -= 96
	}
	if int(bits) > a.BitLen() {
		if a.Is4() {
			return netip.Prefix{}, "prefix length out of range: at most 32 for IPv4"
		}
		return netip.Prefix{}, "prefix length out of range: at most 128 for IPv6"
	}
	return netip.PrefixFrom(a, int(bits)).Masked(), ""
}

// isMapped reports whether s is written as IPv6 (it holds a colon); after
// parseAddr such an address is IPv4 only when it was IPv4-mapped.
func isMapped(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			return true
		}
	}
	return false
}

// cut is strings.Cut for a byte.
func cut(s string, sep byte) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
