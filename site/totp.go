package site

import (
	"encoding/base32"
	"fmt"
	"html/template"
	"strings"
)

// A TOTP block is a fenced ```iam-totp block of a page: the seed of a
// virtual MFA device, in base32 as AWS shows it, and optionally the name
// of the account it is for.
//
//	seed: JBSWY3DPEHPK3PXP
//	account: alice@prod
//
// It renders as <div class="iam-totp" data-seed="…">: with JavaScript the
// playground's TOTP component shows the codes an authenticator app would
// show for that seed; without it the page shows the seed and says so.
type totpBlock struct {
	seed, account string
}

// parseTOTP reads a block; a problem comes with its line in the block
// (0-based).
func parseTOTP(src []byte) (*totpBlock, int, error) {
	b := &totpBlock{}
	seedLine := -1
	for i, l := range strings.Split(strings.TrimRight(string(src), "\n"), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		key, value, ok := strings.Cut(l, ":")
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(key) {
		case "seed":
			if b.seed != "" {
				return nil, i, fmt.Errorf("a second seed line")
			}
			b.seed, seedLine = strings.ToUpper(strings.ReplaceAll(value, " ", "")), i
		case "account":
			b.account = value
		default:
			if !ok {
				return nil, i, fmt.Errorf("write seed: BASE32SEED (and, if you like, account: NAME), got %q", l)
			}
			return nil, i, fmt.Errorf("unknown line %q: want seed or account", l)
		}
	}
	if b.seed == "" {
		return nil, 0, fmt.Errorf("no seed: write seed: BASE32SEED, the device's secret as AWS shows it")
	}
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.TrimRight(b.seed, "="))
	if err != nil {
		return nil, seedLine, fmt.Errorf("seed %q is not base32 (letters A–Z and digits 2–7): %v", b.seed, err)
	}
	if len(key) < 10 {
		return nil, seedLine, fmt.Errorf("seed %q is %d bytes: a TOTP secret has at least 10 (16 base32 characters)", b.seed, len(key))
	}
	return b, 0, nil
}

// renderTOTP renders a TOTP block. blockLine is the file line of the
// block's first line.
func (m *markdown) renderTOTP(src []byte, blockLine int) string {
	b, line, err := parseTOTP(src)
	if err != nil {
		m.errs = append(m.errs, &Error{File: m.page.File, Line: blockLine + line, Msg: "iam-totp: " + err.Error()})
		return ""
	}
	var w strings.Builder
	fmt.Fprintf(&w, `<div class="iam-totp" data-testid="iam-totp" data-seed="%s"`, template.HTMLEscapeString(b.seed))
	if b.account != "" {
		fmt.Fprintf(&w, ` data-account="%s"`, template.HTMLEscapeString(b.account))
	}
	w.WriteString(`><div class="totp-static">`)
	fmt.Fprintf(&w, `<p class="ipg-label">Virtual MFA device%s</p>`, map[bool]string{true: " for <code>" + template.HTMLEscapeString(b.account) + "</code>", false: ""}[b.account != ""])
	fmt.Fprintf(&w, `<p>Seed (base32): <code class="totp-seed">%s</code></p>`, template.HTMLEscapeString(b.seed))
	w.WriteString(`<p class="totp-note">With JavaScript on, this shows the six-digit code an authenticator app computes from this seed, a new one every 30 seconds, and a QR code to scan into a real app.</p>`)
	w.WriteString(`</div></div>`)
	return w.String()
}
