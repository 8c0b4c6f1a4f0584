// Command cidr is an iamlab plugin with one condition operator,
// Plugin:CidrOverlaps: a request value, an IP address range in CIDR
// notation, matches when it overlaps any of the policy's ranges.
//
//	"Condition": {"Plugin:CidrOverlaps": {"ec2:Vpc/CidrBlock": ["10.0.0.0/8", "192.168.0.0/16"]}}
//
// Values are CIDR ranges, IPv4 or IPv6 ("10.1.0.0/16", "2001:db8::/32"), or
// bare addresses, which are one-address ranges. Ranges are compared by their
// network address (10.1.2.3/16 is 10.1.0.0/16); an IPv4-mapped IPv6 range
// (::ffff:10.0.0.0/104) is the IPv4 range, as AWS's IpAddress compares
// addresses. An IPv4 range never overlaps an IPv6 one. A policy value that
// is not a range makes the policy malformed; a request value that is not
// one is an error, and the request is denied.
//
// Build it with `make plugins`, or:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o cidr.wasm ./plugins/cidr
package main

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/plugins/guest"
)

// plugin serves the operators through the exports in exports.go.
var plugin = guest.New(guest.Operator{Name: "CidrOverlaps", Match: overlaps, Validate: validateRanges})

// policyRanges keeps the policy values already read, up to maxCached; it is
// emptied when full. (This instance's own state: the host runs one call at
// a time.)
var policyRanges = map[string]netip.Prefix{}

const maxCached = 256

// main is not run: the module is a WebAssembly reactor whose exports the
// host calls.
func main() {}

// maxValue bounds the text of one value: the longest IPv6 range is 49
// bytes ("ffff:…:ffff/128"), with room for an IPv4-mapped form.
const maxValue = 64

func overlaps(value string, policy []string) (bool, error) {
	r, err := parseRange(value)
	if err != nil {
		return false, fmt.Errorf("request value %s: %v", quote(value), err)
	}
	for i, p := range policy {
		q, ok := policyRanges[p]
		if !ok {
			if q, err = parseRange(p); err != nil {
				return false, fmt.Errorf("policy value [%d] %s: %v", i, quote(p), err)
			}
			if len(policyRanges) >= maxCached {
				clear(policyRanges)
			}
			policyRanges[p] = q
		}
		if r.Overlaps(q) {
			return true, nil
		}
	}
	return false, nil
}

func validateRanges(policy []string) error {
	for i, p := range policy {
		if _, err := parseRange(p); err != nil {
			return &guest.ValueError{Index: i, Msg: err.Error()}
		}
	}
	return nil
}

// parseRange reads a CIDR range or a bare address.
func parseRange(s string) (netip.Prefix, error) {
	if len(s) > maxValue {
		return netip.Prefix{}, fmt.Errorf("longer than %d bytes", maxValue)
	}
	var p netip.Prefix
	if strings.Contains(s, "/") {
		var err error
		if p, err = netip.ParsePrefix(s); err != nil {
			return netip.Prefix{}, errors.New("not a CIDR range such as 10.0.0.0/8 or 2001:db8::/32")
		}
	} else {
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" {
			return netip.Prefix{}, errors.New("not an IP address or CIDR range such as 10.0.0.0/8 or 2001:db8::/32")
		}
		p = netip.PrefixFrom(a, a.BitLen())
	}
	if a := p.Addr(); a.Is4In6() {
		if p.Bits() < 96 {
			return netip.Prefix{}, errors.New("an IPv4-mapped range must be /96 or longer")
		}
		p = netip.PrefixFrom(a.Unmap(), p.Bits()-96)
	}
	return p.Masked(), nil
}

func quote(s string) string {
	if len(s) > maxValue {
		return strconv.Quote(s[:maxValue]) + "..."
	}
	return strconv.Quote(s)
}
