// Package mfa simulates AWS virtual MFA devices: the time-based one-time
// passwords (TOTP, RFC 6238) an authenticator app shows, and the life of the
// IAM entity that holds the shared secret, from CreateVirtualMFADevice to
// DeleteVirtualMFADevice.
//
// The package is deterministic: it reads no clock and no global randomness.
// Every operation that needs the time takes it as a time.Time, and
// [Create] and [NewSecret] read from an io.Reader the caller supplies.
//
// # TOTP
//
// [Code] is the code an AWS virtual device shows: HMAC-SHA-1, six digits, a
// 30-second step counted from the Unix epoch. [Generate] takes [Params] for
// the other variants of RFC 6238 (SHA-256, SHA-512, up to ten digits, other
// steps), enough to check the RFC's Appendix B vectors exactly.
//
// # Secrets and key URIs
//
// [NewSecret] makes a 40-byte secret, which [EncodeBase32] spells as the
// 64-character Base32 seed AWS hands out; [DecodeBase32] reads a seed back,
// forgiving case, spaces and padding. [URL] and [Key.URL] write the
// otpauth://totp/ key URI that a QR code carries, and [ParseURL] reads one
// into a [Key], so a test or the site can play the authenticator app.
//
// # Devices
//
// A [Device] is the IAM entity. [Create] makes one and returns, once, the
// [Bootstrap]: its serial number (arn:aws:iam::ACCOUNT:mfa/PATH/NAME), its
// Base32 seed and its key URI. Nothing else ever reveals the secret.
//
//   - [Device.Enable] binds the device to a user, given two consecutive
//     codes (EnableMFADevice).
//   - [Device.Verify] checks a code at sign-in or for STS. A code is good
//     once: a code already accepted, or older than one accepted, is refused.
//   - [Device.Resync] re-measures the drift of the device's clock
//     (ResyncMFADevice).
//   - [Device.Deactivate] unbinds it (DeactivateMFADevice); the device
//     survives, [Deactivated], and can be enabled again.
//   - [Device.Delete] refuses while the device is enabled
//     (DeleteVirtualMFADevice).
//
// A failing operation changes nothing. The account model owns the devices
// and checks what needs the whole account: name uniqueness, which user is
// asking, and the quota of [MaxDevicesPerUser] devices per user.
//
// # Clock drift
//
// Time is counted in 30-second steps. Enable and Resync search
// [SyncWindow] (10) steps either side of now for the two codes, and record
// where they found them as the device's [Device.Drift]. Verify accepts codes
// [VerifyWindow] (1) step either side of now + drift. So codes submitted
// late to Enable still enable the device but leave it out of sync, as the
// IAM user guide warns, and Resync puts it right.
//
// # Errors
//
// Every error is an [*Error] carrying an AWS [ErrorCode]
// (InvalidAuthenticationCode, EntityAlreadyExists, NoSuchEntity,
// DeleteConflict, ValidationError …) and a message that says what is wrong.
// The codes are sentinels: errors.Is(err, [ErrInvalidAuthenticationCode]).
// Parameters that break their API shape (a code that is not six digits, a
// name with a space) fail with [ErrValidation] and AWS's wording, before the
// device is looked at.
package mfa
