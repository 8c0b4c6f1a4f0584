package mfa_test

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/iamlab/iamlab/engine/mfa"
)

// The SHA-1 row for T = 59 s of RFC 6238 Appendix B is 94287082; AWS's six
// digits are its last six.
func ExampleCode() {
	secret := []byte("12345678901234567890")
	fmt.Println(mfa.Code(secret, time.Unix(59, 0)))
	// Output: 287082
}

func ExampleGenerate() {
	secret := []byte("12345678901234567890123456789012")
	code, err := mfa.Generate(secret, time.Unix(1111111109, 0), mfa.Params{Digits: 8, Hash: mfa.SHA256})
	fmt.Println(code, err)
	// Output: 68084774 <nil>
}

func ExampleDecodeBase32() {
	secret, err := mfa.DecodeBase32("gezd gnbv gy3t qojq")
	fmt.Printf("%q %v\n", secret, err)
	fmt.Println(mfa.EncodeBase32(secret))
	// Output:
	// "1234567890" <nil>
	// GEZDGNBVGY3TQOJQ
}

func ExampleURL() {
	fmt.Println(mfa.URL(mfa.Issuer, "phone@123456789012", []byte("1234567890")))
	// Output: otpauth://totp/Amazon%20Web%20Services:phone@123456789012?secret=GEZDGNBVGY3TQOJQ&issuer=Amazon%20Web%20Services&algorithm=SHA1&digits=6&period=30
}

// An authenticator app reads the key URI of a QR code and shows codes.
func ExampleParseURL() {
	key, err := mfa.ParseURL("otpauth://totp/ACME:jo?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME")
	if err != nil {
		fmt.Println(err)
		return
	}
	code, _ := key.Code(time.Unix(59, 0))
	fmt.Println(key.Issuer, key.Account, key.Params.Hash, key.Params.Digits, key.Params.Step, code)
	// Output: ACME jo SHA1 6 30s 287082
}

// The life of a virtual MFA device, from CreateVirtualMFADevice to
// DeleteVirtualMFADevice. The random source and the times are fixed, as in
// a test.
func ExampleCreate() {
	rand := bytes.NewReader(make([]byte, mfa.SecretSize)) // use crypto/rand.Reader for real
	now := time.Date(2024, 6, 1, 12, 0, 10, 0, time.UTC)

	dev, boot, err := mfa.Create(mfa.Request{AccountID: "123456789012", Name: "alice-phone"}, rand, now)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(boot.SerialNumber)
	fmt.Println(boot.Base32StringSeed)
	fmt.Println(boot.URL)

	// The user scans the QR code and types two consecutive codes.
	phone, _ := mfa.ParseURL(boot.URL)
	code := func(t time.Time) string { c, _ := phone.Code(t); return c }
	err = dev.Enable("alice", code(now.Add(-30*time.Second)), code(now), now)
	fmt.Println("enable:", err, dev.Status(), dev.UserName())

	// Signing in a minute later; the same code cannot be used twice.
	later := now.Add(time.Minute)
	fmt.Println("sign-in:", dev.Verify(code(later), later))
	err = dev.Verify(code(later), later)
	fmt.Println("replay is InvalidAuthenticationCode:", errors.Is(err, mfa.ErrInvalidAuthenticationCode))

	// A device enabled for a user cannot be deleted until deactivated.
	fmt.Println("delete:", dev.Delete())
	fmt.Println("deactivate:", dev.Deactivate("alice"), dev.Status())
	fmt.Println("delete:", dev.Delete(), dev.Status())
	// Output:
	// arn:aws:iam::123456789012:mfa/alice-phone
	// AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
	// otpauth://totp/Amazon%20Web%20Services:alice-phone@123456789012?secret=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&issuer=Amazon%20Web%20Services&algorithm=SHA1&digits=6&period=30
	// enable: <nil> Enabled alice
	// sign-in: <nil>
	// replay is InvalidAuthenticationCode: true
	// delete: DeleteConflict: MFA device arn:aws:iam::123456789012:mfa/alice-phone is enabled for user alice; deactivate it before deleting it
	// deactivate: <nil> Deactivated
	// delete: <nil> Deleted
}

// A device whose clock runs ahead is out of step until Resync measures the
// drift (id_credentials_mfa_sync.md).
func ExampleDevice_Resync() {
	now := time.Date(2024, 6, 1, 12, 0, 10, 0, time.UTC)
	dev, boot, _ := mfa.Create(mfa.Request{AccountID: "123456789012", Name: "token"}, bytes.NewReader(make([]byte, 40)), now)
	phone, _ := mfa.ParseURL(boot.URL)
	code := func(t time.Time) string { c, _ := phone.Code(t); return c }
	_ = dev.Enable("bob", code(now.Add(-30*time.Second)), code(now), now)

	// Months later the phone's clock is two minutes fast.
	later := now.Add(90 * 24 * time.Hour)
	fast := later.Add(2 * time.Minute)
	fmt.Println(dev.Verify(code(fast), later))

	// The user types the code shown and the next one; four steps of drift.
	next := fast.Add(30 * time.Second)
	err := dev.Resync("bob", code(fast), code(next), later.Add(30*time.Second))
	fmt.Println(err, dev.Drift())
	fmt.Println(dev.Verify(code(fast.Add(time.Minute)), later.Add(time.Minute)))
	// Output:
	// InvalidAuthenticationCode: Authentication code for device is not valid: 598233 is not the device's code for now (within 1 step of 30s); if the device's clock has drifted, resync it
	// <nil> 4
	// <nil>
}
