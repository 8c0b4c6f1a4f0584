package mfa

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Issuer is the issuer AWS names in the key URIs of its virtual MFA devices;
// authenticator apps show it above the account name.
const Issuer = "Amazon Web Services"

// Key is what an authenticator app learns from a QR code: a TOTP secret, its
// parameters, and the issuer and account name to show beside the codes. It
// is the parsed form of an otpauth:// key URI (see [ParseURL]).
type Key struct {
	Issuer  string // may be empty
	Account string
	Secret  []byte
	Params  Params
}

// URL returns the otpauth://totp/ key URI of k, the text a QR code for it
// encodes. The label is "issuer:account" (or just "account" when the issuer
// is empty), and the parameters are secret, issuer, algorithm, digits and
// period, in that order, with defaults written out. Everything but the
// unreserved characters of RFC 3986 (and "@" in the label) is
// percent-encoded, spaces as %20. URL does not validate k: a key whose
// issuer or account contains a colon, or whose parameters are out of range,
// gives a URL that [ParseURL] refuses.
func (k Key) URL() string {
	p := k.Params
	if p.Digits == 0 {
		p.Digits = DefaultDigits
	}
	if p.Step == 0 {
		p.Step = DefaultStep
	}
	var b strings.Builder
	b.WriteString("otpauth://totp/")
	if k.Issuer != "" {
		b.WriteString(escape(k.Issuer, true))
		b.WriteByte(':')
	}
	b.WriteString(escape(k.Account, true))
	b.WriteString("?secret=")
	b.WriteString(EncodeBase32(k.Secret))
	if k.Issuer != "" {
		b.WriteString("&issuer=")
		b.WriteString(escape(k.Issuer, false))
	}
	b.WriteString("&algorithm=")
	b.WriteString(escape(p.Hash.String(), false))
	b.WriteString("&digits=")
	b.WriteString(strconv.Itoa(p.Digits))
	b.WriteString("&period=")
	b.WriteString(strconv.FormatInt(int64(p.Step/time.Second), 10))
	return b.String()
}

// Code returns k's code at time t; see [Generate].
func (k Key) Code(t time.Time) (string, error) {
	return Generate(k.Secret, t, k.Params)
}

// URL returns the key URI for a secret with AWS's parameters (HMAC-SHA-1,
// six digits, 30 seconds), labelled "issuer:account". It is
// Key{Issuer: issuer, Account: account, Secret: secret}.URL().
func URL(issuer, account string, secret []byte) string {
	return Key{Issuer: issuer, Account: account, Secret: secret}.URL()
}

// escape percent-encodes everything but RFC 3986's unreserved characters
// (and "@" when keepAt is set), with upper-case hex digits.
func escape(s string, keepAt bool) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || keepAt && c == '@' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// ParseURL reads an otpauth://totp/ key URI, the way an authenticator app
// reads a QR code. The label is "issuer:account" or "account", its colon
// literal or written %3A; the secret parameter is required and read by
// [DecodeBase32]; issuer, algorithm (SHA1, SHA256, SHA512), digits and period
// are optional and take AWS's defaults. An issuer parameter wins over the
// label's prefix. Unknown parameters are ignored; a repeated one is an
// error, and so is an issuer or account name containing a colon, which the
// key URI format forbids. The returned Params have their defaults filled in.
func ParseURL(s string) (Key, error) {
	fail := func(format string, args ...any) (Key, error) {
		return Key{}, newError(ErrInvalidInput, "key URI: "+fmt.Sprintf(format, args...))
	}
	u, err := url.Parse(s)
	if err != nil {
		return Key{}, &Error{Code: ErrInvalidInput, Message: "key URI: " + err.Error(), Err: err}
	}
	if u.Scheme != "otpauth" {
		return fail("scheme is %q, want \"otpauth\"", u.Scheme)
	}
	if u.Opaque != "" || u.User != nil || u.Port() != "" {
		return fail("want otpauth://totp/LABEL?PARAMETERS")
	}
	switch strings.ToLower(u.Host) {
	case "totp":
	case "hotp":
		return fail("HOTP (counter-based) keys are not supported, only TOTP")
	default:
		return fail("type is %q, want \"totp\"", u.Host)
	}

	label, ok := strings.CutPrefix(u.EscapedPath(), "/")
	if !ok || label == "" {
		return fail("no label: want otpauth://totp/ISSUER:ACCOUNT")
	}
	var issuer, account string
	if i := strings.IndexByte(label, ':'); i >= 0 {
		issuer, account = label[:i], label[i+1:]
	} else if i := strings.Index(strings.ToUpper(label), "%3A"); i >= 0 {
		issuer, account = label[:i], label[i+3:]
	} else {
		account = label
	}
	if issuer, err = url.PathUnescape(issuer); err != nil {
		return fail("label: %v", err)
	}
	if account, err = url.PathUnescape(account); err != nil {
		return fail("label: %v", err)
	}
	if account == "" {
		return fail("label has no account name")
	}

	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return fail("parameters: %v", err)
	}
	for name, vs := range q {
		if len(vs) > 1 {
			return fail("parameter %q is given %d times", name, len(vs))
		}
	}
	k := Key{Issuer: issuer, Account: account}
	if v, ok := q["issuer"]; ok && v[0] != "" {
		k.Issuer = v[0]
	}
	if strings.Contains(k.Issuer, ":") || strings.Contains(k.Account, ":") {
		return fail("issuer and account name may not contain a colon")
	}
	sv, ok := q["secret"]
	if !ok {
		return fail("no secret parameter")
	}
	if k.Secret, err = DecodeBase32(sv[0]); err != nil {
		msg := err.Error()
		if e, ok := err.(*Error); ok {
			msg = e.Message
		}
		return Key{}, &Error{Code: ErrInvalidInput, Message: "key URI: secret: " + msg, Err: err}
	}
	if v, ok := q["algorithm"]; ok {
		h, ok := parseHash(v[0])
		if !ok {
			return fail("algorithm is %q, want SHA1, SHA256 or SHA512", v[0])
		}
		k.Params.Hash = h
	}
	if v, ok := q["digits"]; ok {
		n, err := strconv.Atoi(v[0])
		if err != nil || n < MinDigits || n > MaxDigits {
			return fail("digits is %q, want %d to %d", v[0], MinDigits, MaxDigits)
		}
		k.Params.Digits = n
	}
	if v, ok := q["period"]; ok {
		n, err := strconv.ParseInt(v[0], 10, 64)
		if err != nil || n < 1 || n > math.MaxInt64/int64(time.Second) {
			return fail("period is %q, want a positive number of seconds", v[0])
		}
		k.Params.Step = time.Duration(n) * time.Second
	}
	if k.Params, err = k.Params.resolve(); err != nil {
		return Key{}, err
	}
	return k, nil
}
