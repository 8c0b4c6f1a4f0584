package mfa

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"
)

// The clock-drift windows, in time steps of 30 seconds.
const (
	// VerifyWindow is how many steps either side of the expected one
	// [Device.Verify] accepts: one, so a code is good for about 30 s before
	// and after its own step (RFC 6238 §5.2 recommends at most one step of
	// delay).
	VerifyWindow = 1
	// SyncWindow is how many steps either side of the current time
	// [Device.Enable] and [Device.Resync] search for two consecutive codes:
	// ten, or five minutes each way. The drift they record is therefore at
	// most SyncWindow steps.
	SyncWindow = 10
)

// MaxDevicesPerUser is the number of MFA devices an IAM user or the root
// user may have in use (reference_iam-quotas.md). The account model enforces
// it with [ErrLimitExceeded].
const MaxDevicesPerUser = 8

// Status is where a virtual MFA device is in its life.
type Status int

const (
	// Unassigned: created and never enabled.
	Unassigned Status = iota + 1
	// Enabled: bound to one user, who must give its codes to sign in.
	Enabled
	// Deactivated: was enabled, and has been unbound. Like an unassigned
	// device it can be enabled again, for the same or another user.
	Deactivated
	// Deleted: gone; every operation answers NoSuchEntity.
	Deleted
)

// String returns "Unassigned", "Enabled", "Deactivated" or "Deleted".
func (s Status) String() string {
	switch s {
	case Unassigned:
		return "Unassigned"
	case Enabled:
		return "Enabled"
	case Deactivated:
		return "Deactivated"
	case Deleted:
		return "Deleted"
	}
	return "Status(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText returns the String form; it fails for an unknown Status.
func (s Status) MarshalText() ([]byte, error) {
	if s < Unassigned || s > Deleted {
		return nil, newError(ErrInvalidInput, "unknown MFA device status "+s.String())
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads the String form.
func (s *Status) UnmarshalText(text []byte) error {
	for v := Unassigned; v <= Deleted; v++ {
		if string(text) == v.String() {
			*s = v
			return nil
		}
	}
	return newError(ErrInvalidInput, fmt.Sprintf("unknown MFA device status %q", text))
}

// AssignmentStatus returns "Assigned" for an enabled device and "Unassigned"
// otherwise: the values ListVirtualMFADevices filters on.
func (s Status) AssignmentStatus() string {
	if s == Enabled {
		return "Assigned"
	}
	return "Unassigned"
}

// Request is what CreateVirtualMFADevice asks for.
type Request struct {
	// AccountID is the 12-digit ID of the account that owns the device.
	AccountID string
	// Path is the device's IAM path; "" means "/".
	Path string
	// Name is VirtualMFADeviceName: 1 or more of [\w+=,.@-].
	Name string
	// UserName, if set, is the user the device is being made for. It only
	// changes the key URI's label, which is "Name@UserName" instead of
	// "Name@AccountID", as the API model describes QRCodePNG.
	UserName string
}

// Bootstrap is what CreateVirtualMFADevice returns, and the only place the
// device's secret ever appears. Show it once and let it go.
type Bootstrap struct {
	// SerialNumber is the device's ARN, arn:aws:iam::ACCOUNT:mfa/PATH/NAME.
	SerialNumber string
	// Base32StringSeed is the secret in Base32, 64 characters, unpadded.
	// (The IAM API sends it base64-encoded, as a blob; that is the API
	// layer's business.)
	Base32StringSeed string
	// URL is the otpauth:// key URI that QRCodePNG encodes, with issuer
	// [Issuer] and account "Name@AccountID" (or "Name@UserName"). Render it
	// as a QR code, or give it to [ParseURL] to simulate an authenticator.
	URL string
}

// Device is a virtual MFA device: the IAM entity CreateVirtualMFADevice
// makes. Its secret is set at creation and never leaves it: no accessor, no
// String or Format verb, no JSON returns it.
//
// Every method that can fail checks everything before it changes anything,
// so a failed call leaves the device exactly as it was. A Device is not safe
// for concurrent use; the account model that owns it serialises calls.
// Methods take the current time as a parameter; the caller decides where it
// comes from. A nil or zero Device answers NoSuchEntity.
type Device struct {
	accountID string
	path      string
	name      string
	serial    string
	secret    []byte
	status    Status
	user      string
	created   time.Time
	enabled   time.Time
	drift     int64 // steps the device's clock is ahead of ours
	lastStep  int64 // the last step whose code was accepted; -1 for none
}

// Create makes a virtual MFA device, reading its secret from rand (use
// crypto/rand.Reader in production). It validates the name and path as
// CreateVirtualMFADevice does, and fails with ErrValidation if they break
// their patterns, ErrInvalidInput if the account ID is not 12 digits or the
// serial number would exceed the 256 characters serialNumberType allows, and
// ErrServiceFailure if rand fails. Name uniqueness and the account quota are
// the account model's to check.
func Create(req Request, rand io.Reader, now time.Time) (*Device, Bootstrap, error) {
	path := req.Path
	if path == "" {
		path = "/"
	}
	var vs []violation
	vs = append(vs, checkPath(path)...)
	vs = append(vs, checkName(req.Name, "virtualMFADeviceName", 0)...)
	if req.UserName != "" {
		vs = append(vs, checkUser(req.UserName)...)
	}
	if err := validationError(vs); err != nil {
		return nil, Bootstrap{}, err
	}
	if !checkAccountID(req.AccountID) {
		return nil, Bootstrap{}, newError(ErrInvalidInput, fmt.Sprintf("account ID %q is not 12 digits", req.AccountID))
	}
	serial := "arn:aws:iam::" + req.AccountID + ":mfa" + path + req.Name
	if len(serial) > maxSerialNumberLen {
		return nil, Bootstrap{}, newError(ErrInvalidInput, fmt.Sprintf(
			"path and name are too long: the serial number would have %d characters, and serial numbers have at most %d", len(serial), maxSerialNumberLen))
	}
	secret, err := NewSecret(rand)
	if err != nil {
		return nil, Bootstrap{}, err
	}
	d := &Device{
		accountID: req.AccountID,
		path:      path,
		name:      req.Name,
		serial:    serial,
		secret:    secret,
		status:    Unassigned,
		created:   now,
		lastStep:  -1,
	}
	holder := req.AccountID
	if req.UserName != "" {
		holder = req.UserName
	}
	return d, Bootstrap{
		SerialNumber:     serial,
		Base32StringSeed: EncodeBase32(secret),
		URL:              URL(Issuer, req.Name+"@"+holder, secret),
	}, nil
}

// SerialNumber returns the device's ARN, which IAM uses as its serial number.
func (d *Device) SerialNumber() string {
	if d == nil {
		return ""
	}
	return d.serial
}

// AccountID returns the ID of the account that owns the device.
func (d *Device) AccountID() string {
	if d == nil {
		return ""
	}
	return d.accountID
}

// Path returns the device's IAM path.
func (d *Device) Path() string {
	if d == nil {
		return ""
	}
	return d.path
}

// Name returns the device's name (VirtualMFADeviceName).
func (d *Device) Name() string {
	if d == nil {
		return ""
	}
	return d.name
}

// Status returns where the device is in its life; 0 for a nil or zero Device.
func (d *Device) Status() Status {
	if d == nil {
		return 0
	}
	return d.status
}

// UserName returns the user the device is enabled for, or "".
func (d *Device) UserName() string {
	if d == nil {
		return ""
	}
	return d.user
}

// EnableDate returns when the device was enabled for its user, or the zero
// time if it is not enabled.
func (d *Device) EnableDate() time.Time {
	if d == nil {
		return time.Time{}
	}
	return d.enabled
}

// CreateDate returns when the device was created.
func (d *Device) CreateDate() time.Time {
	if d == nil {
		return time.Time{}
	}
	return d.created
}

// Drift returns how many 30-second steps the device's clock is ahead of ours
// (negative: behind), as the last Enable or Resync measured it. Verify
// expects codes around now + Drift steps.
func (d *Device) Drift() int64 {
	if d == nil {
		return 0
	}
	return d.drift
}

// String describes the device without its secret.
func (d Device) String() string {
	s := "VirtualMFADevice(" + d.serial + " " + d.status.String()
	if d.user != "" {
		s += " user=" + d.user
	}
	return s + ")"
}

// Format writes String for every verb, so that no fmt verb (%v, %+v, %#v,
// %x, %d …) prints the secret.
func (d Device) Format(f fmt.State, verb rune) {
	_, _ = io.WriteString(f, d.String())
}

// MarshalJSON writes the device's public attributes: SerialNumber, Status,
// UserName and EnableDate (when enabled) and CreateDate. Never the secret.
func (d Device) MarshalJSON() ([]byte, error) {
	v := struct {
		SerialNumber string     `json:"SerialNumber"`
		Status       Status     `json:"Status"`
		UserName     string     `json:"UserName,omitempty"`
		EnableDate   *time.Time `json:"EnableDate,omitempty"`
		CreateDate   time.Time  `json:"CreateDate"`
	}{SerialNumber: d.serial, Status: d.status, UserName: d.user, CreateDate: d.created}
	if d.status == 0 {
		return []byte("null"), nil
	}
	if !d.enabled.IsZero() {
		v.EnableDate = &d.enabled
	}
	return json.Marshal(v)
}

// exists fails with NoSuchEntity for a nil, zero or deleted device.
func (d *Device) exists() error {
	switch {
	case d == nil || d.status == 0 || (d.secret == nil && d.status != Deleted):
		return newError(ErrNoSuchEntity, "no such MFA device")
	case d.status == Deleted:
		return newError(ErrNoSuchEntity, "MFA device "+d.serial+" was deleted")
	}
	return nil
}

// Enable binds the device to user, as EnableMFADevice does. code1 and code2
// must be two consecutive codes the device showed within [SyncWindow] steps
// of now (id_credentials_mfa_enable_virtual.md: type one code, wait for the
// next, type that). Enable records where the codes were found as the
// device's drift and both codes as used. Codes that are valid but stale (the
// user waited before submitting) still enable the device but leave it out of
// sync, as the user guide warns, until [Device.Resync].
//
// Errors: ErrValidation for a user name or code of the wrong form,
// ErrNoSuchEntity for a deleted device, ErrEntityAlreadyExists if the device
// is already enabled (for anyone), ErrInvalidAuthenticationCode if the codes
// are not two consecutive unused codes within the window.
func (d *Device) Enable(user, code1, code2 string, now time.Time) error {
	if err := validationError(checkUser(user),
		checkCode(code1, "authenticationCode1", authCodePattern),
		checkCode(code2, "authenticationCode2", authCodePattern)); err != nil {
		return err
	}
	if err := d.exists(); err != nil {
		return err
	}
	if d.status == Enabled {
		return newError(ErrEntityAlreadyExists, "MFA device "+d.serial+" is already in use: it is enabled for user "+d.user)
	}
	n, p, err := d.sync(code1, code2, now)
	if err != nil {
		return err
	}
	d.status = Enabled
	d.user = user
	d.enabled = now
	d.drift = p - n
	d.lastStep = p
	return nil
}

// Resync re-synchronises an enabled device with its user, as
// ResyncMFADevice does (id_credentials_mfa_sync.md): code1 and code2 must be
// two consecutive unused codes within [SyncWindow] steps of now, and where
// they are found becomes the new drift, around which Verify then looks.
//
// Errors: ErrValidation for a user name or code of the wrong form,
// ErrNoSuchEntity if the device is deleted or not enabled for user,
// ErrInvalidAuthenticationCode if the codes do not fit.
func (d *Device) Resync(user, code1, code2 string, now time.Time) error {
	if err := validationError(checkUser(user),
		checkCode(code1, "authenticationCode1", authCodePattern),
		checkCode(code2, "authenticationCode2", authCodePattern)); err != nil {
		return err
	}
	if err := d.exists(); err != nil {
		return err
	}
	if err := d.enabledFor(user); err != nil {
		return err
	}
	n, p, err := d.sync(code1, code2, now)
	if err != nil {
		return err
	}
	d.drift = p - n
	d.lastStep = p
	return nil
}

// Verify checks a code given at sign-in or to STS. It must be the device's
// code for a step within [VerifyWindow] of now + Drift, and newer than the
// last code accepted: a code is good once, and never after a later one
// (RFC 6238 §5.2). On success Verify records the code's step as used; on
// failure it changes nothing.
//
// Verify does not know who is asking: the caller checks that
// [Device.UserName] is the user signing in.
//
// Errors: ErrValidation for a code that is not six digits, ErrNoSuchEntity
// if the device is deleted or not enabled, ErrInvalidAuthenticationCode for
// a wrong or used code.
func (d *Device) Verify(code string, now time.Time) error {
	if err := validationError(checkCode(code, "tokenCode", tokenCodePattern)); err != nil {
		return err
	}
	if err := d.exists(); err != nil {
		return err
	}
	if d.status != Enabled {
		return newError(ErrNoSuchEntity, "MFA device "+d.serial+" is not enabled for any user")
	}
	n, ok := step(now)
	if !ok {
		return badCode("the current time is before the Unix epoch, when no code is valid")
	}
	centre := n + d.drift
	used := false
	for i := int64(0); i <= 2*VerifyWindow; i++ {
		p := centre + around(i)
		if p < 0 || !d.codeIs(p, code) {
			continue
		}
		if p <= d.lastStep {
			used = true
			continue
		}
		d.lastStep = p
		return nil
	}
	if used {
		return badCode("code " + code + " was already used, or a later code has been; wait for the device to show a new code")
	}
	return badCode(fmt.Sprintf("%s is not the device's code for now (within %d step of %v); if the device's clock has drifted, resync it", code, VerifyWindow, DefaultStep))
}

// Deactivate unbinds the device from user, as DeactivateMFADevice does
// (id_credentials_mfa_disable.md). The device then is [Deactivated]: it
// still exists, can no longer sign anyone in, and can be enabled again or
// deleted. Codes used before stay used.
//
// Errors: ErrValidation for a malformed user name, ErrNoSuchEntity if the
// device is deleted or not enabled for user.
func (d *Device) Deactivate(user string) error {
	if err := validationError(checkUser(user)); err != nil {
		return err
	}
	if err := d.exists(); err != nil {
		return err
	}
	if err := d.enabledFor(user); err != nil {
		return err
	}
	d.status = Deactivated
	d.user = ""
	d.enabled = time.Time{}
	d.drift = 0
	return nil
}

// Delete deletes the device, as DeleteVirtualMFADevice does: it fails with
// ErrDeleteConflict while the device is enabled for a user (deactivate it
// first) and with ErrNoSuchEntity if it is already deleted. Afterwards the
// device forgets its secret and every operation answers NoSuchEntity; the
// account model drops it from its records.
func (d *Device) Delete() error {
	if err := d.exists(); err != nil {
		return err
	}
	if d.status == Enabled {
		return newError(ErrDeleteConflict, "MFA device "+d.serial+" is enabled for user "+d.user+"; deactivate it before deleting it")
	}
	d.status = Deleted
	d.secret = nil
	return nil
}

// enabledFor fails with NoSuchEntity unless the device is enabled for user.
func (d *Device) enabledFor(user string) error {
	switch {
	case d.status != Enabled:
		return newError(ErrNoSuchEntity, "MFA device "+d.serial+" is not enabled for any user")
	case d.user != user:
		return newError(ErrNoSuchEntity, "MFA device "+d.serial+" is not enabled for user "+user)
	}
	return nil
}

// sync looks for code1 and code2 as the codes of two consecutive unused
// steps p-1 and p, p within SyncWindow steps of now's step n, nearest first.
// It returns n and p, or an InvalidAuthenticationCode error that says what
// is wrong with the codes. It changes nothing.
func (d *Device) sync(code1, code2 string, now time.Time) (n, p int64, err error) {
	n, ok := step(now)
	if !ok {
		return 0, 0, badCode("the current time is before the Unix epoch, when no code is valid")
	}
	used := false
	for i := int64(0); i <= 2*SyncWindow; i++ {
		p := n + around(i)
		if p < 1 || !d.codeIs(p, code2) || !d.codeIs(p-1, code1) {
			continue
		}
		if p-1 <= d.lastStep {
			used = true
			continue
		}
		return n, p, nil
	}
	if used {
		return 0, 0, badCode("these codes were already used; wait for the device to show two new codes")
	}
	// Say why the codes do not fit.
	s1, ok1 := d.find(code1, n)
	s2, ok2 := d.find(code2, n)
	window := fmt.Sprintf("within %d steps (%v) of now", SyncWindow, SyncWindow*DefaultStep)
	switch {
	case code1 == code2:
		return 0, 0, badCode("authenticationCode1 and authenticationCode2 are the same code; wait for the device to show the next code and give that as authenticationCode2")
	case ok1 && s1 >= 0 && d.codeIs(s1+1, code2), ok2 && s2 >= 1 && d.codeIs(s2-1, code1):
		return 0, 0, badCode("the codes are consecutive, but not " + window + "; the device's clock is too far off, or the codes were submitted too late")
	case ok1 && ok2 && s2+1 == s1:
		return 0, 0, badCode("the codes are in the wrong order: authenticationCode1 must be the earlier of the two")
	case ok1 && ok2:
		return 0, 0, badCode("both codes are the device's, but they are not consecutive; give one code and then the very next one")
	case ok1:
		return 0, 0, badCode("authenticationCode2 is not the code that follows authenticationCode1")
	case ok2:
		return 0, 0, badCode("authenticationCode1 is not the code that precedes authenticationCode2")
	}
	return 0, 0, badCode("neither code is one the device shows " + window + "; check the device's clock and that it holds this device's secret")
}

// find returns a step within SyncWindow of n whose code is code.
func (d *Device) find(code string, n int64) (int64, bool) {
	for i := int64(0); i <= 2*SyncWindow; i++ {
		p := n + around(i)
		if p >= 0 && d.codeIs(p, code) {
			return p, true
		}
	}
	return 0, false
}

// codeIs reports, in constant time, whether code is the device's code for
// step p (p >= 0).
func (d *Device) codeIs(p int64, code string) bool {
	want := hotp(d.secret, uint64(p), Params{Digits: DefaultDigits, Step: DefaultStep})
	return subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1
}

// step returns the 30-second step of t, or false before the Unix epoch.
func step(t time.Time) (int64, bool) {
	return Params{Step: DefaultStep}.step(t)
}

// around maps 0, 1, 2, 3, 4 … to 0, -1, +1, -2, +2 …, the order in which
// steps near the expected one are tried: nearest first, the past before the
// future (a code typed a moment ago is likelier than one from a fast clock).
func around(i int64) int64 {
	d := (i + 1) / 2
	if i%2 == 1 {
		return -d
	}
	return d
}

func badCode(why string) error {
	return newError(ErrInvalidAuthenticationCode, "Authentication code for device is not valid: "+why)
}
