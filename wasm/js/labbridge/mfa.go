package labbridge

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"

	"rsc.io/qr"

	"github.com/iamlab/iamlab/engine/mfa"
	"github.com/iamlab/iamlab/engine/scenario"
	"github.com/iamlab/iamlab/wasm/js/bridge"
)

// TOTPRequest is what TOTP reads.
type TOTPRequest struct {
	// Seed is the device's Base32 seed, as people type it (case, spaces
	// and padding forgiven). Empty with Generate: a new seed is made.
	Seed     string `json:"seed"`
	Generate bool   `json:"generate,omitempty"`
	// At is the moment to compute the code for, in milliseconds since
	// the Unix epoch, as JavaScript's Date.now() gives it. Required: the
	// bridge reads no clock.
	At int64 `json:"at"`
	// Account and Issuer label the key in an authenticator app; the
	// account defaults to "iamlab", the issuer to AWS's.
	Account string `json:"account,omitempty"`
	Issuer  string `json:"issuer,omitempty"`
	// QR asks for the key URI's QR code too (a PNG as a data URL); a page
	// refreshing the code every second leaves it out.
	QR bool `json:"qr,omitempty"`
}

// TOTP is a seed's code at a moment, and how to hand the seed to a real
// authenticator app.
type TOTP struct {
	Seed        string `json:"seed"`         // canonical: upper case, unpadded
	Code        string `json:"code"`         // six digits
	SecondsLeft int    `json:"secondsLeft"`  // before the code changes
	URL         string `json:"url"`          // the otpauth://totp/ key URI
	QR          string `json:"qr,omitempty"` // data:image/png;base64,… of URL
}

type totpResult struct {
	OK    bool          `json:"ok"`
	TOTP  *TOTP         `json:"totp,omitempty"`
	Error *bridge.Error `json:"error,omitempty"`
}

// TOTP computes the code an authenticator app shows for a virtual MFA
// device's seed at a moment (engine/mfa: RFC 6238 with AWS's parameters,
// HMAC-SHA-1, six digits, 30 seconds), given as {"seed": BASE32, "at":
// MILLISECONDS, "account", "issuer", "qr": BOOL}, or {"generate": true,
// "at": …} for a new random seed. It returns {"ok": true, "totp": {"seed",
// "code", "secondsLeft", "url", "qr"}}; a seed that is not Base32 is an
// InvalidInput error saying why.
func (l *Lab) TOTP(input []byte) (out []byte) {
	defer bridge.Recover(&out)
	var in TOTPRequest
	if err := json.Unmarshal(input, &in); err != nil {
		return bridge.Encode(totpResult{Error: &bridge.Error{Code: "InvalidInput", Message: err.Error()}})
	}
	var secret []byte
	var err error
	if in.Generate && strings.TrimSpace(in.Seed) == "" {
		// The edge of the engine: the browser's own randomness.
		secret, err = mfa.NewSecret(rand.Reader)
	} else {
		secret, err = mfa.DecodeBase32(in.Seed)
	}
	if err != nil {
		return bridge.Encode(totpResult{Error: &bridge.Error{Code: "InvalidInput", Message: "seed: " + err.Error()}})
	}
	if in.At < 0 {
		return bridge.Encode(totpResult{Error: &bridge.Error{Code: "InvalidInput", Message: "at: TOTP counts from 1970-01-01; want milliseconds since then"}})
	}
	account, issuer := in.Account, in.Issuer
	if account == "" {
		account = "iamlab"
	}
	if issuer == "" {
		issuer = mfa.Issuer
	}
	t, err := totpAt(secret, issuer, account, time.UnixMilli(in.At).UTC(), in.QR)
	if err != nil {
		return bridge.Encode(totpResult{Error: &bridge.Error{Code: "InvalidInput", Message: err.Error()}})
	}
	return bridge.Encode(totpResult{OK: true, TOTP: t})
}

// totpAt is a secret's code at t, its key URI and, when asked, its QR code.
func totpAt(secret []byte, issuer, account string, t time.Time, withQR bool) (*TOTP, error) {
	code, err := mfa.Generate(secret, t, mfa.Params{})
	if err != nil {
		return nil, err
	}
	step := int64(mfa.DefaultStep / time.Second)
	out := &TOTP{
		Seed:        mfa.EncodeBase32(secret),
		Code:        code,
		SecondsLeft: int(step - t.Unix()%step),
		URL:         mfa.URL(issuer, account, secret),
	}
	if withQR {
		if out.QR, err = qrDataURL(out.URL); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// qrDataURL renders text as a QR code (error correction M, as `iamlab mfa
// qr` does) in a PNG data URL.
func qrDataURL(text string) (string, error) {
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		return "", err
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(c.PNG()), nil
}

// MFADevice is a virtual MFA device a scenario made, with its code at the
// scenario's clock, for the page that shows the run.
type MFADevice struct {
	SerialNumber string `json:"serialNumber"`
	User         string `json:"user"`
	// TOTP is the device's code at the scenario's simulated clock, its
	// key URI and QR code; a real authenticator app scanning it shows the
	// codes of the real time instead.
	TOTP *TOTP `json:"totp"`
}

// scenarioDevices gives the devices of a run, each with its code at the
// run's clock. A device whose seed does not read is left out.
func scenarioDevices(res scenario.Result) []MFADevice {
	out := []MFADevice{}
	for _, d := range res.Devices {
		secret, err := mfa.DecodeBase32(d.Seed)
		if err != nil {
			continue
		}
		t, err := totpAt(secret, mfa.Issuer, deviceAccount(d.SerialNumber), res.Clock, true)
		if err != nil {
			continue
		}
		out = append(out, MFADevice{SerialNumber: d.SerialNumber, User: d.User, TOTP: t})
	}
	return out
}

// deviceAccount labels a device as AWS does in its key URIs,
// "NAME@ACCOUNT", from its serial number arn:aws:iam::ACCOUNT:mfa/PATH/NAME.
func deviceAccount(serial string) string {
	parts := strings.SplitN(serial, ":", 6)
	if len(parts) < 6 {
		return serial
	}
	name := parts[5][strings.LastIndex(parts[5], "/")+1:]
	return name + "@" + parts[4]
}
