package mfa

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testAccount = "123456789012"

// t0 is the middle of a 30-second step.
var t0 = time.Date(2024, 6, 1, 12, 0, 10, 0, time.UTC)

// at returns the time k steps after t0.
func at(k int) time.Time { return t0.Add(time.Duration(k) * DefaultStep) }

// testSecret is the fixed "random" secret the tests create devices with.
func testSecret() []byte {
	b := make([]byte, SecretSize)
	for i := range b {
		b[i] = byte(i*37 + 11)
	}
	return b
}

// phone is an authenticator app that scanned a device's QR code.
type phone struct {
	key  Key
	skew time.Duration // how far the phone's clock is ahead of ours
}

// code returns the code the phone shows k steps after now.
func (p phone) code(t *testing.T, now time.Time, k int) string {
	t.Helper()
	c, err := p.key.Code(now.Add(p.skew + time.Duration(k)*DefaultStep))
	require.NoError(t, err)
	return c
}

// newDevice creates a device and the phone that scanned its key URI.
func newDevice(t *testing.T) (*Device, phone) {
	t.Helper()
	d, bs, err := Create(Request{AccountID: testAccount, Name: "alice-phone"}, bytes.NewReader(testSecret()), at(-100))
	require.NoError(t, err)
	k, err := ParseURL(bs.URL)
	require.NoError(t, err)
	return d, phone{key: k}
}

// enabled creates a device and enables it for alice at t0 with the codes of
// steps -1 and 0, which leaves drift 0 and step 0 used.
func enabled(t *testing.T) (*Device, phone) {
	t.Helper()
	d, ph := newDevice(t)
	require.NoError(t, d.Enable("alice", ph.code(t, t0, -1), ph.code(t, t0, 0), t0))
	return d, ph
}

// notCode returns a six-digit string that is not the device's code for any
// step within SyncWindow of now, so tests of wrong codes are not flaky by
// coincidence.
func notCode(t *testing.T, ph phone, now time.Time) string {
	t.Helper()
	seen := map[string]bool{}
	for k := -SyncWindow - 2; k <= SyncWindow+2; k++ {
		seen[ph.code(t, now, k)] = true
	}
	for n := 0; ; n++ {
		c := fmt.Sprintf("%06d", (n*7919)%1000000)
		if !seen[c] {
			return c
		}
	}
}

// unchanged runs op and checks it failed with code and left d as it was.
func unchanged(t *testing.T, d *Device, code ErrorCode, msg string, op func() error) {
	t.Helper()
	before := *d
	err := op()
	require.Error(t, err)
	assert.True(t, errors.Is(err, code), "want %s, got %v", code, err)
	assert.Contains(t, err.Error(), msg)
	assert.Equal(t, before, *d, "a failed operation changed the device")
}

// TestCreate checks CreateVirtualMFADevice's result (iam.json
// CreateVirtualMFADevice, VirtualMFADevice): the serial number is the ARN
// arn:aws:iam::account:mfa/virtual-device-name-with-path
// (reference_identifiers.md), the seed is 64 Base32 characters, and the QR
// code's URI is otpauth://totp/$virtualMFADeviceName@$AccountName.
func TestCreate(t *testing.T) {
	tests := []struct {
		name    string
		req     Request
		serial  string
		path    string
		account string // the key URI's account name
	}{
		{"default path", Request{AccountID: testAccount, Name: "JaneDoeMFA"},
			"arn:aws:iam::123456789012:mfa/JaneDoeMFA", "/", "JaneDoeMFA@123456789012"},
		{"with path", Request{AccountID: testAccount, Path: "/division_abc/subdivision_xyz/", Name: "Jorge"},
			"arn:aws:iam::123456789012:mfa/division_abc/subdivision_xyz/Jorge", "/division_abc/subdivision_xyz/", "Jorge@123456789012"},
		{"every allowed name character", Request{AccountID: testAccount, Name: "aZ09_+=,.@-"},
			"arn:aws:iam::123456789012:mfa/aZ09_+=,.@-", "/", "aZ09_+=,.@-@123456789012"},
		{"for a user", Request{AccountID: testAccount, Name: "phone", UserName: "Richard"},
			"arn:aws:iam::123456789012:mfa/phone", "/", "phone@Richard"},
		{"path with punctuation", Request{AccountID: testAccount, Path: "/!~{}/", Name: "x"},
			"arn:aws:iam::123456789012:mfa/!~{}/x", "/!~{}/", "x@123456789012"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, bs, err := Create(tt.req, bytes.NewReader(testSecret()), t0)
			require.NoError(t, err)
			assert.Equal(t, tt.serial, d.SerialNumber())
			assert.Equal(t, tt.serial, bs.SerialNumber)
			assert.Equal(t, tt.path, d.Path())
			assert.Equal(t, tt.req.Name, d.Name())
			assert.Equal(t, testAccount, d.AccountID())
			assert.Equal(t, Unassigned, d.Status())
			assert.Equal(t, "Unassigned", d.Status().AssignmentStatus())
			assert.Empty(t, d.UserName())
			assert.True(t, d.EnableDate().IsZero())
			assert.Equal(t, t0, d.CreateDate())
			assert.Zero(t, d.Drift())

			assert.Len(t, bs.Base32StringSeed, 64)
			seed, err := DecodeBase32(bs.Base32StringSeed)
			require.NoError(t, err)
			assert.Equal(t, testSecret(), seed)

			k, err := ParseURL(bs.URL)
			require.NoError(t, err)
			assert.Equal(t, Key{Issuer: Issuer, Account: tt.account, Secret: testSecret(),
				Params: Params{Digits: 6, Step: 30 * time.Second, Hash: SHA1}}, k)
		})
	}
}

// TestCreateErrors checks the constraints of CreateVirtualMFADevice's
// parameters in iam.json (virtualMFADeviceName [\w+=,.@-]+, pathType
// (\u002F)|(\u002F[\u0021-\u007E]+\u002F) of at most 512 characters,
// serialNumberType of at most 256) and a failing random source.
func TestCreateErrors(t *testing.T) {
	long := strings.Repeat("a", 600)
	tests := []struct {
		name string
		req  Request
		rand []byte
		code ErrorCode
		msg  string
	}{
		{"empty name", Request{AccountID: testAccount}, testSecret(), ErrValidation,
			"1 validation error detected: Value '' at 'virtualMFADeviceName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"space in name", Request{AccountID: testAccount, Name: "my phone"}, testSecret(), ErrValidation,
			`Value 'my phone' at 'virtualMFADeviceName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\w+=,.@-]+`},
		{"slash in name", Request{AccountID: testAccount, Name: "a/b"}, testSecret(), ErrValidation, "regular expression pattern"},
		{"non-ASCII name", Request{AccountID: testAccount, Name: "télé"}, testSecret(), ErrValidation, "regular expression pattern"},
		{"path without slashes", Request{AccountID: testAccount, Path: "division", Name: "x"}, testSecret(), ErrValidation,
			`Value 'division' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)`},
		{"path without trailing slash", Request{AccountID: testAccount, Path: "/division", Name: "x"}, testSecret(), ErrValidation, "'path'"},
		{"path of two slashes", Request{AccountID: testAccount, Path: "//", Name: "x"}, testSecret(), ErrValidation, "'path'"},
		{"space in path", Request{AccountID: testAccount, Path: "/a b/", Name: "x"}, testSecret(), ErrValidation, "'path'"},
		{"DEL in path", Request{AccountID: testAccount, Path: "/a\x7f/", Name: "x"}, testSecret(), ErrValidation, "'path'"},
		{"path too long", Request{AccountID: testAccount, Path: "/" + long + "/", Name: "x"}, testSecret(), ErrValidation,
			"Member must have length less than or equal to 512"},
		{"name and path both wrong", Request{AccountID: testAccount, Path: "x", Name: "a b"}, testSecret(), ErrValidation,
			"2 validation errors detected: Value 'x' at 'path'"},
		{"bad user name for the label", Request{AccountID: testAccount, Name: "x", UserName: "a b"}, testSecret(), ErrValidation, "'userName'"},
		{"account ID too short", Request{AccountID: "12345", Name: "x"}, testSecret(), ErrInvalidInput, `account ID "12345" is not 12 digits`},
		{"account ID not digits", Request{AccountID: "12345678901a", Name: "x"}, testSecret(), ErrInvalidInput, "not 12 digits"},
		{"serial number too long", Request{AccountID: testAccount, Name: long[:227]}, testSecret(), ErrInvalidInput,
			"the serial number would have 257 characters, and serial numbers have at most 256"},
		{"random source runs dry", Request{AccountID: testAccount, Name: "x"}, testSecret()[:10], ErrServiceFailure, "reading the random source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, bs, err := Create(tt.req, bytes.NewReader(tt.rand), t0)
			require.Error(t, err)
			assert.True(t, errors.Is(err, tt.code), "want %s, got %v", tt.code, err)
			assert.Contains(t, err.Error(), tt.msg)
			assert.Nil(t, d)
			assert.Equal(t, Bootstrap{}, bs)
		})
	}
	t.Run("longest serial number", func(t *testing.T) {
		d, _, err := Create(Request{AccountID: testAccount, Name: long[:226]}, bytes.NewReader(testSecret()), t0)
		require.NoError(t, err)
		assert.Len(t, d.SerialNumber(), 256)
	})
	t.Run("nil random source", func(t *testing.T) {
		_, _, err := Create(Request{AccountID: testAccount, Name: "x"}, nil, t0)
		assert.ErrorIs(t, err, ErrServiceFailure)
	})
}

// TestEnable checks EnableMFADevice: "type the one-time password that
// currently appears … wait up to 30 seconds … type the second one-time
// password" (id_credentials_mfa_enable_virtual.md), within SyncWindow steps;
// codes submitted late still enable the device (id_credentials_mfa_enable_cliapi.md,
// Important). Failures leave the device as it was.
func TestEnable(t *testing.T) {
	tests := []struct {
		name           string
		step1, step2   int // steps, relative to now, of the codes the user types
		skew           time.Duration
		wantDrift      int64
		wantStatusUser string
	}{
		{"previous and current code", -1, 0, 0, 0, "alice"},
		{"current and next code", 0, 1, 0, 1, "alice"},
		{"submitted a minute late", -3, -2, 0, -2, "alice"},
		{"submitted at the edge of the window", -SyncWindow - 1, -SyncWindow, 0, -SyncWindow, "alice"},
		{"phone clock ahead at the edge of the window", SyncWindow - 1, SyncWindow, 0, SyncWindow, "alice"},
		{"phone clock 4 minutes ahead", -1, 0, 4 * time.Minute, 8, "alice"},
		{"phone clock 2 minutes behind", -1, 0, -2 * time.Minute, -4, "alice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ph := newDevice(t)
			ph.skew = tt.skew
			require.NoError(t, d.Enable("alice", ph.code(t, t0, tt.step1), ph.code(t, t0, tt.step2), t0))
			assert.Equal(t, Enabled, d.Status())
			assert.Equal(t, "Assigned", d.Status().AssignmentStatus())
			assert.Equal(t, tt.wantStatusUser, d.UserName())
			assert.Equal(t, t0, d.EnableDate())
			assert.Equal(t, tt.wantDrift, d.Drift())
		})
	}
}

// TestEnableErrors checks EnableMFADevice's failures (iam.json: the
// authenticationCodeType of six digits, EntityAlreadyExists,
// InvalidAuthenticationCode, NoSuchEntity) and that each leaves the device
// unchanged.
func TestEnableErrors(t *testing.T) {
	type codes func(t *testing.T, ph phone) (string, string)
	steps := func(a, b int) codes {
		return func(t *testing.T, ph phone) (string, string) { return ph.code(t, t0, a), ph.code(t, t0, b) }
	}
	literal := func(a, b string) codes {
		return func(*testing.T, phone) (string, string) { return a, b }
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, d *Device, ph phone)
		user  string
		codes codes
		code  ErrorCode
		msg   string
	}{
		{"codes just too old", nil, "alice", steps(-SyncWindow-2, -SyncWindow-1), ErrInvalidAuthenticationCode,
			"Authentication code for device is not valid: neither code is one the device shows within 10 steps (5m0s) of now"},
		{"codes too far ahead", nil, "alice", steps(SyncWindow, SyncWindow+1), ErrInvalidAuthenticationCode, "the codes are consecutive, but not within 10 steps (5m0s) of now"},
		{"codes an hour old", nil, "alice", steps(-120, -119), ErrInvalidAuthenticationCode, "neither code"},
		{"same code twice", nil, "alice", steps(0, 0), ErrInvalidAuthenticationCode, "are the same code"},
		{"codes swapped", nil, "alice", steps(0, -1), ErrInvalidAuthenticationCode, "wrong order"},
		{"codes a step apart", nil, "alice", steps(-2, 0), ErrInvalidAuthenticationCode, "not consecutive"},
		{"second code wrong", nil, "alice", func(t *testing.T, ph phone) (string, string) {
			return ph.code(t, t0, -1), notCode(t, ph, t0)
		}, ErrInvalidAuthenticationCode, "authenticationCode2 is not the code that follows authenticationCode1"},
		{"first code wrong", nil, "alice", func(t *testing.T, ph phone) (string, string) {
			return notCode(t, ph, t0), ph.code(t, t0, 0)
		}, ErrInvalidAuthenticationCode, "authenticationCode1 is not the code that precedes authenticationCode2"},
		{"code of five digits", nil, "alice", literal("12345", "123456"), ErrValidation,
			"1 validation error detected: Value '12345' at 'authenticationCode1' failed to satisfy constraint: Member must have length greater than or equal to 6"},
		{"code of seven digits", nil, "alice", literal("123456", "1234567"), ErrValidation,
			"Value '1234567' at 'authenticationCode2' failed to satisfy constraint: Member must have length less than or equal to 6"},
		{"code with a letter", nil, "alice", literal("12a456", "123456"), ErrValidation,
			`Value '12a456' at 'authenticationCode1' failed to satisfy constraint: Member must satisfy regular expression pattern: [\d]+`},
		{"code with spaces", nil, "alice", literal("123 456", "123456"), ErrValidation, "authenticationCode1"},
		{"empty codes", nil, "alice", literal("", ""), ErrValidation, "4 validation errors detected"},
		{"Arabic-Indic digits", nil, "alice", literal("١٢٣٤٥٦", "123456"), ErrValidation, `[\d]+`},
		{"bad user name", nil, "al ice", steps(-1, 0), ErrValidation, "Value 'al ice' at 'userName'"},
		{"empty user name", nil, "", steps(-1, 0), ErrValidation, "'userName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"already enabled for another user", func(t *testing.T, d *Device, ph phone) {
			require.NoError(t, d.Enable("bob", ph.code(t, t0, -3), ph.code(t, t0, -2), t0))
		}, "alice", steps(-1, 0), ErrEntityAlreadyExists, "is already in use: it is enabled for user bob"},
		{"already enabled for the same user", func(t *testing.T, d *Device, ph phone) {
			require.NoError(t, d.Enable("alice", ph.code(t, t0, -3), ph.code(t, t0, -2), t0))
		}, "alice", steps(-1, 0), ErrEntityAlreadyExists, "already in use"},
		{"deleted", func(t *testing.T, d *Device, ph phone) {
			require.NoError(t, d.Delete())
		}, "alice", steps(-1, 0), ErrNoSuchEntity, "was deleted"},
		{"codes used before deactivation", func(t *testing.T, d *Device, ph phone) {
			require.NoError(t, d.Enable("bob", ph.code(t, t0, -1), ph.code(t, t0, 0), t0))
			require.NoError(t, d.Deactivate("bob"))
		}, "alice", steps(-1, 0), ErrInvalidAuthenticationCode, "already used"},
		{"codes older than a code used before deactivation", func(t *testing.T, d *Device, ph phone) {
			require.NoError(t, d.Enable("bob", ph.code(t, t0, -1), ph.code(t, t0, 0), t0))
			require.NoError(t, d.Deactivate("bob"))
		}, "alice", steps(-3, -2), ErrInvalidAuthenticationCode, "already used"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ph := newDevice(t)
			if tt.setup != nil {
				tt.setup(t, d, ph)
			}
			c1, c2 := tt.codes(t, ph)
			unchanged(t, d, tt.code, tt.msg, func() error { return d.Enable(tt.user, c1, c2, t0) })
		})
	}
	t.Run("re-enable after deactivation with new codes", func(t *testing.T) {
		d, ph := newDevice(t)
		require.NoError(t, d.Enable("bob", ph.code(t, t0, -1), ph.code(t, t0, 0), t0))
		require.NoError(t, d.Deactivate("bob"))
		require.NoError(t, d.Enable("alice", ph.code(t, at(2), -1), ph.code(t, at(2), 0), at(2)))
		assert.Equal(t, "alice", d.UserName())
		assert.Equal(t, at(2), d.EnableDate())
	})
}

// TestVerify checks codes at sign-in and for STS: accepted within one step of
// now + drift (RFC 6238 §5.2), each only once, never after a later one, and
// a failure changes nothing (id_credentials_mfa.md: "type a valid code from
// the device").
func TestVerify(t *testing.T) {
	later := at(10)
	tests := []struct {
		name string
		seq  []int // steps, relative to later, verified in order; all but the last succeed
		ok   bool  // whether the last succeeds
		msg  string
	}{
		{"current code", []int{0}, true, ""},
		{"previous code", []int{-1}, true, ""},
		{"next code", []int{1}, true, ""},
		{"two steps old", []int{-2}, false, "is not the device's code for now (within 1 step of 30s)"},
		{"two steps ahead", []int{2}, false, "is not the device's code for now"},
		{"replayed code", []int{0, 0}, false, "was already used"},
		{"code older than the last accepted", []int{1, 0}, false, "was already used, or a later code has been"},
		{"successive codes", []int{-1, 0, 1}, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ph := enabled(t)
			last := len(tt.seq) - 1
			for _, k := range tt.seq[:last] {
				require.NoError(t, d.Verify(ph.code(t, later, k), later))
			}
			c := ph.code(t, later, tt.seq[last])
			if tt.ok {
				require.NoError(t, d.Verify(c, later))
				return
			}
			unchanged(t, d, ErrInvalidAuthenticationCode, tt.msg, func() error { return d.Verify(c, later) })
		})
	}
}

// TestVerifyErrors checks the STS tokenCodeType (six digits, [\d]*), that a
// device only signs in its user once enabled (id_credentials_mfa_disable.md:
// a removed device "cannot be used to sign in"), and that the two codes that
// enabled the device are spent.
func TestVerifyErrors(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T) (*Device, phone)
		code  func(t *testing.T, ph phone) string
		now   time.Time
		ecode ErrorCode
		msg   string
	}{
		{"five digits", enabled, func(*testing.T, phone) string { return "12345" }, t0, ErrValidation,
			"1 validation error detected: Value '12345' at 'tokenCode' failed to satisfy constraint: Member must have length greater than or equal to 6"},
		{"empty", enabled, func(*testing.T, phone) string { return "" }, t0, ErrValidation,
			"1 validation error detected: Value '' at 'tokenCode'"},
		{"letters", enabled, func(*testing.T, phone) string { return "abcdef" }, t0, ErrValidation,
			`Member must satisfy regular expression pattern: [\d]*`},
		{"wrong code", enabled, func(t *testing.T, ph phone) string { return notCode(t, ph, at(5)) }, at(5), ErrInvalidAuthenticationCode,
			"is not the device's code for now"},
		{"code that enabled the device", enabled, func(t *testing.T, ph phone) string { return ph.code(t, t0, 0) }, t0, ErrInvalidAuthenticationCode,
			"already used"},
		{"unassigned device", newDevice, func(t *testing.T, ph phone) string { return ph.code(t, t0, 0) }, t0, ErrNoSuchEntity,
			"is not enabled for any user"},
		{"deactivated device", func(t *testing.T) (*Device, phone) {
			d, ph := enabled(t)
			require.NoError(t, d.Deactivate("alice"))
			return d, ph
		}, func(t *testing.T, ph phone) string { return ph.code(t, at(3), 0) }, at(3), ErrNoSuchEntity, "is not enabled for any user"},
		{"before the Unix epoch", enabled, func(*testing.T, phone) string { return "123456" }, time.Unix(-100, 0), ErrInvalidAuthenticationCode,
			"before the Unix epoch"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ph := tt.setup(t)
			c := tt.code(t, ph)
			unchanged(t, d, tt.ecode, tt.msg, func() error { return d.Verify(c, tt.now) })
		})
	}
}

// TestOutOfSync checks the warning in id_credentials_mfa_enable_virtual.md:
// codes submitted too long after they were generated still enable the
// device, "but the MFA device is out of sync", until it is resynchronised
// (id_credentials_mfa_sync.md).
func TestOutOfSync(t *testing.T) {
	d, ph := newDevice(t)
	// The user read the codes four minutes before submitting them.
	require.NoError(t, d.Enable("alice", ph.code(t, t0, -9), ph.code(t, t0, -8), t0))
	assert.Equal(t, int64(-8), d.Drift())

	later := at(20)
	before := *d
	err := d.Verify(ph.code(t, later, 0), later)
	require.ErrorIs(t, err, ErrInvalidAuthenticationCode)
	assert.Contains(t, err.Error(), "resync")
	assert.Equal(t, before, *d)

	require.NoError(t, d.Resync("alice", ph.code(t, later, -1), ph.code(t, later, 0), later))
	assert.Equal(t, int64(0), d.Drift())
	assert.NoError(t, d.Verify(ph.code(t, at(21), 0), at(21)))
}

// TestResyncDriftingClock checks ResyncMFADevice for a device whose clock
// drifts (id_credentials_mfa_lost-or-broken.md: a device that "appears to be
// functioning properly" but whose codes are refused "might be out of
// synchronization"; id_credentials_mfa_sync.md: type "the next two
// sequentially generated codes").
func TestResyncDriftingClock(t *testing.T) {
	d, ph := enabled(t)
	ph.skew = 3 * time.Minute // six steps ahead

	now := at(30)
	require.ErrorIs(t, d.Verify(ph.code(t, now, 0), now), ErrInvalidAuthenticationCode)

	require.NoError(t, d.Resync("alice", ph.code(t, now, 0), ph.code(t, now, 1), now))
	assert.Equal(t, int64(7), d.Drift())
	assert.Equal(t, "alice", d.UserName())
	assert.Equal(t, t0, d.EnableDate(), "Resync does not change EnableDate")

	// The two resync codes are spent; the phone's next code works.
	require.ErrorIs(t, d.Verify(ph.code(t, now, 1), now), ErrInvalidAuthenticationCode)
	require.NoError(t, d.Verify(ph.code(t, at(31), 1), at(31)))
}

// TestResyncErrors checks ResyncMFADevice's failures (iam.json:
// InvalidAuthenticationCode, NoSuchEntity; authenticationCodeType) and that
// each leaves the device unchanged.
func TestResyncErrors(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(t *testing.T) (*Device, phone)
		user   string
		c1, c2 func(t *testing.T, ph phone) string
		ecode  ErrorCode
		msg    string
	}{
		{"another user's device", enabled, "bob", stepCode(4), stepCode(5), ErrNoSuchEntity, "is not enabled for user bob"},
		{"unassigned device", newDevice, "alice", stepCode(4), stepCode(5), ErrNoSuchEntity, "is not enabled for any user"},
		{"deleted device", func(t *testing.T) (*Device, phone) {
			d, ph := newDevice(t)
			require.NoError(t, d.Delete())
			return d, ph
		}, "alice", stepCode(4), stepCode(5), ErrNoSuchEntity, "was deleted"},
		{"the codes that enabled the device", enabled, "alice", stepCode(-1), stepCode(0), ErrInvalidAuthenticationCode, "already used"},
		{"codes beyond the window", enabled, "alice", stepCode(5 + SyncWindow), stepCode(6 + SyncWindow), ErrInvalidAuthenticationCode, "consecutive, but not within"},
		{"codes far beyond the window", enabled, "alice", stepCode(7 + SyncWindow), stepCode(8 + SyncWindow), ErrInvalidAuthenticationCode, "neither code"},
		{"malformed code", enabled, "alice", func(*testing.T, phone) string { return "1234567" }, stepCode(5), ErrValidation, "'authenticationCode1'"},
		{"malformed user", enabled, "a b", stepCode(4), stepCode(5), ErrValidation, "'userName'"},
	}
	now := at(5)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ph := tt.setup(t)
			c1, c2 := tt.c1(t, ph), tt.c2(t, ph)
			unchanged(t, d, tt.ecode, tt.msg, func() error { return d.Resync(tt.user, c1, c2, now) })
		})
	}
}

// stepCode returns the phone's code for step k after t0.
func stepCode(k int) func(t *testing.T, ph phone) string {
	return func(t *testing.T, ph phone) string { return ph.code(t, t0, k) }
}

// TestDeactivate checks DeactivateMFADevice (id_credentials_mfa_disable.md):
// the device is removed from the user and "cannot be used to sign in …
// until it is reactivated and associated with" a user; the virtual device
// entity remains until deleted (id_credentials_mfa_enable_cliapi.md).
func TestDeactivate(t *testing.T) {
	d, ph := enabled(t)
	unchanged(t, d, ErrNoSuchEntity, "is not enabled for user bob", func() error { return d.Deactivate("bob") })
	unchanged(t, d, ErrValidation, "'userName'", func() error { return d.Deactivate("") })

	require.NoError(t, d.Deactivate("alice"))
	assert.Equal(t, Deactivated, d.Status())
	assert.Equal(t, "Unassigned", d.Status().AssignmentStatus())
	assert.Empty(t, d.UserName())
	assert.True(t, d.EnableDate().IsZero())
	assert.Equal(t, testAccount, d.AccountID(), "the entity survives")

	unchanged(t, d, ErrNoSuchEntity, "is not enabled for any user", func() error { return d.Deactivate("alice") })
	unchanged(t, d, ErrNoSuchEntity, "is not enabled", func() error { return d.Verify(ph.code(t, at(4), 0), at(4)) })

	// An administrator deactivated it; the user enables it again
	// (id_credentials_mfa_lost-or-broken.md, "Recovering an IAM user MFA device").
	require.NoError(t, d.Enable("alice", ph.code(t, at(4), -1), ph.code(t, at(4), 0), at(4)))
	require.NoError(t, d.Verify(ph.code(t, at(6), 0), at(6)))
}

// TestDelete checks DeleteVirtualMFADevice: "You must deactivate a user's
// virtual MFA device before you can delete it" (iam.json, DeleteConflict),
// and after deletion the device is gone (NoSuchEntity).
func TestDelete(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T) (*Device, phone)
		ok    bool
	}{
		{"unassigned", newDevice, true},
		{"deactivated", func(t *testing.T) (*Device, phone) {
			d, ph := enabled(t)
			require.NoError(t, d.Deactivate("alice"))
			return d, ph
		}, true},
		{"enabled", enabled, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ph := tt.setup(t)
			if !tt.ok {
				unchanged(t, d, ErrDeleteConflict, "is enabled for user alice; deactivate it before deleting it", d.Delete)
				return
			}
			require.NoError(t, d.Delete())
			assert.Equal(t, Deleted, d.Status())
			assert.Nil(t, d.secret, "a deleted device forgets its secret")
			c1, c2 := ph.code(t, at(5), -1), ph.code(t, at(5), 0)
			for name, op := range map[string]func() error{
				"Delete":     d.Delete,
				"Enable":     func() error { return d.Enable("alice", c1, c2, at(5)) },
				"Verify":     func() error { return d.Verify(c2, at(5)) },
				"Resync":     func() error { return d.Resync("alice", c1, c2, at(5)) },
				"Deactivate": func() error { return d.Deactivate("alice") },
			} {
				t.Run(name, func(t *testing.T) {
					unchanged(t, d, ErrNoSuchEntity, "was deleted", op)
				})
			}
		})
	}
}

// TestNilAndZeroDevice checks that a nil or zero Device answers NoSuchEntity
// and never panics.
func TestNilAndZeroDevice(t *testing.T) {
	for name, d := range map[string]*Device{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			ops := map[string]func() error{
				"Enable":     func() error { return d.Enable("alice", "123456", "234567", t0) },
				"Verify":     func() error { return d.Verify("123456", t0) },
				"Resync":     func() error { return d.Resync("alice", "123456", "234567", t0) },
				"Deactivate": func() error { return d.Deactivate("alice") },
				"Delete":     d.Delete,
			}
			for op, f := range ops {
				err := f()
				assert.ErrorIs(t, err, ErrNoSuchEntity, op)
				assert.Contains(t, err.Error(), "no such MFA device", op)
			}
			assert.Empty(t, d.SerialNumber())
			assert.Empty(t, d.Name())
			assert.Empty(t, d.Path())
			assert.Empty(t, d.AccountID())
			assert.Empty(t, d.UserName())
			assert.Zero(t, d.Status())
			assert.Zero(t, d.Drift())
			assert.True(t, d.EnableDate().IsZero())
			assert.True(t, d.CreateDate().IsZero())
			assert.NotPanics(t, func() { _ = fmt.Sprintf("%v %+v %#v %s %d", d, d, d, d, d) })
			b, err := json.Marshal(d)
			require.NoError(t, err)
			assert.Equal(t, "null", string(b))
		})
	}
}

// TestSecretNotExposed checks CreateVirtualMFADevice's warning (iam.json):
// the seed is secret, and after creation nothing prints or serialises it.
func TestSecretNotExposed(t *testing.T) {
	d, ph := enabled(t)
	seed := EncodeBase32(ph.key.Secret)
	raw := string(ph.key.Secret)
	hexSeed := fmt.Sprintf("%x", ph.key.Secret)
	decSeed := strings.Trim(fmt.Sprint(ph.key.Secret), "[]")

	want := "VirtualMFADevice(arn:aws:iam::123456789012:mfa/alice-phone Enabled user=alice)"
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%08b"} {
		for _, v := range []any{d, *d} {
			out := fmt.Sprintf(verb, v)
			assert.Equal(t, want, out, verb)
		}
	}
	b, err := json.Marshal(d)
	require.NoError(t, err)
	assert.JSONEq(t, `{"SerialNumber":"arn:aws:iam::123456789012:mfa/alice-phone","Status":"Enabled","UserName":"alice",`+
		`"EnableDate":"2024-06-01T12:00:10Z","CreateDate":"2024-06-01T11:10:10Z"}`, string(b))
	for _, out := range []string{want, string(b)} {
		for _, s := range []string{seed, raw, hexSeed, decSeed, strings.ToLower(seed)} {
			assert.NotContains(t, out, s)
		}
	}
}

// TestStatus checks the status names and the AssignmentStatus values of
// ListVirtualMFADevices (iam.json assignmentStatusType: Assigned,
// Unassigned).
func TestStatus(t *testing.T) {
	tests := []struct {
		s          Status
		text, list string
	}{
		{Unassigned, "Unassigned", "Unassigned"},
		{Enabled, "Enabled", "Assigned"},
		{Deactivated, "Deactivated", "Unassigned"},
		{Deleted, "Deleted", "Unassigned"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			assert.Equal(t, tt.text, tt.s.String())
			assert.Equal(t, tt.list, tt.s.AssignmentStatus())
			b, err := tt.s.MarshalText()
			require.NoError(t, err)
			assert.Equal(t, tt.text, string(b))
			var s Status
			require.NoError(t, s.UnmarshalText(b))
			assert.Equal(t, tt.s, s)
		})
	}
	_, err := Status(0).MarshalText()
	assert.ErrorIs(t, err, ErrInvalidInput)
	var s Status
	assert.ErrorIs(t, s.UnmarshalText([]byte("Assigned")), ErrInvalidInput)
	assert.Equal(t, "Status(9)", Status(9).String())
}

// TestErrors checks the error codes and HTTP statuses of iam.json
// (InvalidAuthenticationCodeException 403, NoSuchEntityException 404,
// EntityAlreadyExists, DeleteConflict, LimitExceeded and
// EntityTemporarilyUnmodifiable 409, InvalidInput 400, ServiceFailure 500),
// and that errors.Is and errors.As work through wrapping.
func TestErrors(t *testing.T) {
	tests := []struct {
		code   ErrorCode
		status int
	}{
		{ErrInvalidAuthenticationCode, 403},
		{ErrNoSuchEntity, 404},
		{ErrEntityAlreadyExists, 409},
		{ErrDeleteConflict, 409},
		{ErrLimitExceeded, 409},
		{ErrEntityTemporarilyUnmodifiable, 409},
		{ErrInvalidInput, 400},
		{ErrValidation, 400},
		{ErrServiceFailure, 500},
	}
	for _, tt := range tests {
		t.Run(string(tt.code), func(t *testing.T) {
			assert.Equal(t, tt.status, tt.code.HTTPStatus())
			err := fmt.Errorf("enable: %w", &Error{Code: tt.code, Message: "why"})
			assert.True(t, errors.Is(err, tt.code))
			var e *Error
			require.True(t, errors.As(err, &e))
			assert.Equal(t, tt.code, e.Code)
			assert.Equal(t, string(tt.code)+": why", e.Error())
			for _, other := range tests {
				if other.code != tt.code {
					assert.False(t, errors.Is(err, other.code))
				}
			}
		})
	}
	cause := errors.New("device busy")
	e := &Error{Code: ErrServiceFailure, Err: cause}
	assert.ErrorIs(t, e, cause)
	assert.Equal(t, "ServiceFailure", e.Error())
	assert.Equal(t, 400, ErrorCode("Throttling").HTTPStatus())
}

// FuzzCheckCode checks the parser of authentication codes against
// authenticationCodeType (six characters, [\d]+): it never panics and
// accepts exactly the strings of six ASCII digits.
func FuzzCheckCode(f *testing.F) {
	for _, s := range []string{"123456", "12345", "1234567", "", "12a456", "١٢٣٤٥٦", "12345\x00", "000000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := strconv.Atoi(s)
		six := len(s) == 6 && err == nil && s[0] != '+' && s[0] != '-'
		for _, pattern := range []string{authCodePattern, tokenCodePattern} {
			vs := checkCode(s, "code", pattern)
			require.Equal(t, six, len(vs) == 0, "%q", s)
			if !six {
				require.ErrorIs(t, validationError(vs), ErrValidation)
			}
		}
	})
}

// FuzzCreate checks that Create never panics on any name, path or account,
// and that what it accepts follows iam.json's patterns for
// virtualMFADeviceName and pathType.
func FuzzCreate(f *testing.F) {
	f.Add(testAccount, "/", "phone", "")
	f.Add(testAccount, "/a b/", "my phone", "al ice")
	f.Add("1", "", "", "")
	f.Add(testAccount, "//", "é", "x")
	f.Fuzz(func(t *testing.T, account, path, name, user string) {
		d, bs, err := Create(Request{AccountID: account, Path: path, Name: name, UserName: user}, bytes.NewReader(testSecret()), t0)
		if err != nil {
			require.Nil(t, d)
			var e *Error
			require.True(t, errors.As(err, &e))
			return
		}
		if path == "" {
			path = "/"
		}
		require.Equal(t, "arn:aws:iam::"+account+":mfa"+path+name, d.SerialNumber())
		require.Equal(t, d.SerialNumber(), bs.SerialNumber)
		require.LessOrEqual(t, len(d.SerialNumber()), 256)
		for i := 0; i < len(name); i++ {
			require.True(t, isNameByte(name[i]))
		}
		require.True(t, path[0] == '/' && path[len(path)-1] == '/')
		k, err := ParseURL(bs.URL)
		require.NoError(t, err, bs.URL)
		require.Equal(t, testSecret(), k.Secret)
	})
}

// FuzzDevice drives a device through random sequences of operations, codes
// and times, and checks the rules of the whole lifecycle: no panic; a
// failing operation changes nothing; a code is never accepted twice, nor
// after a later one (RFC 6238 §5.2); the recorded drift stays within
// SyncWindow; EnableDate is set exactly while enabled.
func FuzzDevice(f *testing.F) {
	f.Add([]byte{0, 10, 11, 1, 12, 1, 12, 2, 3, 4, 0, 10, 11, 5})
	f.Add([]byte{0, 4, 5, 1, 5, 3, 0, 1, 2, 9, 9, 2, 20, 21})
	f.Fuzz(func(t *testing.T, prog []byte) {
		d, ph := newDevice(t)
		now := t0
		var last int64 = -1 // the last step the device accepted
		next := func() byte {
			if len(prog) == 0 {
				return 0
			}
			b := prog[0]
			prog = prog[1:]
			return b
		}
		// code picks a code: usually the phone's code for a step near now,
		// sometimes something malformed.
		code := func() string {
			b := next()
			if b >= 250 {
				return []string{"", "12345", "1234567", "abcdef", "12 456", "000000"}[b-250]
			}
			return ph.code(t, now, int(b%41)-20)
		}
		users := []string{"alice", "bob", "a b"}
		for len(prog) > 0 {
			op := next() % 7
			before := *d
			var err error
			var c1 string
			switch op {
			case 0:
				c1 = code()
				err = d.Enable(users[next()%3], c1, code(), now)
			case 1:
				c1 = code()
				err = d.Verify(c1, now)
			case 2:
				c1 = code()
				err = d.Resync(users[next()%3], c1, code(), now)
			case 3:
				err = d.Deactivate(users[next()%3])
			case 4:
				err = d.Delete()
			case 5:
				now = now.Add(time.Duration(next()) * time.Second)
				continue
			case 6:
				now = now.Add(time.Duration(next()) * DefaultStep)
				continue
			}
			if err != nil {
				require.Equal(t, before, *d, "failed op %d changed the device: %v", op, err)
				var e *Error
				require.True(t, errors.As(err, &e))
				continue
			}
			if op <= 2 {
				require.Greater(t, d.lastStep, last, "op %d accepted an old step", op)
				last = d.lastStep
				if op == 1 {
					after := *d
					require.ErrorIs(t, d.Verify(c1, now), ErrInvalidAuthenticationCode, "a code was accepted twice")
					require.Equal(t, after, *d)
				}
			}
			require.LessOrEqual(t, d.Drift(), int64(SyncWindow))
			require.GreaterOrEqual(t, d.Drift(), int64(-SyncWindow))
			require.Equal(t, d.Status() == Enabled, !d.EnableDate().IsZero())
			require.Equal(t, d.Status() == Enabled, d.UserName() != "")
		}
	})
}
