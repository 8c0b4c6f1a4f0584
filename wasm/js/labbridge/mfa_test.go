package labbridge_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/mfa"
	"github.com/iamlab/iamlab/wasm/js/labbridge"
)

type totpResult struct {
	OK    bool            `json:"ok"`
	TOTP  *labbridge.TOTP `json:"totp"`
	Error *struct{ Code, Message string }
}

func totp(t *testing.T, req labbridge.TOTPRequest) totpResult {
	t.Helper()
	in, err := json.Marshal(req)
	require.NoError(t, err)
	var r totpResult
	out := labbridge.New().TOTP(in)
	require.NoError(t, json.Unmarshal(out, &r), "not JSON: %s", out)
	return r
}

// rfcSeed is RFC 6238's SHA-1 test secret, "12345678901234567890", in
// Base32.
const rfcSeed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

func TestTOTP(t *testing.T) {
	tests := []struct {
		name  string
		req   labbridge.TOTPRequest
		code  string
		left  int
		qr    bool
		label string
	}{
		// RFC 6238 Appendix B, SHA-1, at 59 s: 94287082 in eight digits,
		// so 287082 in AWS's six.
		{name: "RFC 6238 at 59 s", req: labbridge.TOTPRequest{Seed: rfcSeed, At: 59_000}, code: "287082", left: 1, label: "otpauth://totp/Amazon%20Web%20Services:iamlab?"},
		{name: "at 1111111109 s", req: labbridge.TOTPRequest{Seed: strings.ToLower(rfcSeed), At: 1111111109_000}, code: "081804", left: 1},
		{name: "a step starts", req: labbridge.TOTPRequest{Seed: rfcSeed, At: 1111111110_000, QR: true, Account: "alice@111122223333"}, code: "050471", left: 30, qr: true,
			label: "otpauth://totp/Amazon%20Web%20Services:alice@111122223333?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := totp(t, tt.req)
			require.True(t, r.OK, "%+v", r.Error)
			assert.Equal(t, tt.code, r.TOTP.Code)
			assert.Equal(t, tt.left, r.TOTP.SecondsLeft)
			assert.Equal(t, rfcSeed, r.TOTP.Seed)
			if tt.label != "" {
				assert.True(t, strings.HasPrefix(r.TOTP.URL, tt.label), r.TOTP.URL)
			}
			if tt.qr {
				png, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(r.TOTP.QR, "data:image/png;base64,"))
				require.NoError(t, err)
				assert.Equal(t, "\x89PNG", string(png[:4]))
			} else {
				assert.Empty(t, r.TOTP.QR)
			}
		})
	}
}

func TestTOTPGenerate(t *testing.T) {
	r := totp(t, labbridge.TOTPRequest{Generate: true, At: 1_700_000_000_000, QR: true})
	require.True(t, r.OK, "%+v", r.Error)
	assert.Len(t, r.TOTP.Seed, 64, "40 bytes, as AWS's seeds")
	secret, err := mfa.DecodeBase32(r.TOTP.Seed)
	require.NoError(t, err)
	assert.Equal(t, mfa.Code(secret, time.Unix(1_700_000_000, 0)), r.TOTP.Code)
	assert.NotEmpty(t, r.TOTP.QR)
}

func TestTOTPRefuses(t *testing.T) {
	for name, req := range map[string]labbridge.TOTPRequest{
		"not Base32":  {Seed: "not base32!", At: 1},
		"no seed":     {At: 1},
		"before 1970": {Seed: rfcSeed, At: -1},
	} {
		t.Run(name, func(t *testing.T) {
			r := totp(t, req)
			assert.False(t, r.OK)
			require.NotNil(t, r.Error)
			assert.Equal(t, "InvalidInput", r.Error.Code)
		})
	}
}

// TestRunScenarioDevices lists a run's virtual MFA devices with the code
// at the scenario's clock: the code the scenario itself would type.
func TestRunScenarioDevices(t *testing.T) {
	src := "account 111122223333\nuser alice\nmfa alice virtual\nclock +45s\n"
	in, err := json.Marshal(labbridge.ScenarioRequest{Source: src})
	require.NoError(t, err)
	var r struct {
		OK         bool                  `json:"ok"`
		Transcript string                `json:"transcript"`
		Clock      string                `json:"clock"`
		Devices    []labbridge.MFADevice `json:"devices"`
	}
	require.NoError(t, json.Unmarshal(labbridge.New().RunScenario(in), &r))
	assert.Equal(t, "2026-01-01T09:00:45Z", r.Clock)
	require.Len(t, r.Devices, 1)
	d := r.Devices[0]
	assert.Equal(t, "arn:aws:iam::111122223333:mfa/alice", d.SerialNumber)
	assert.Equal(t, "alice", d.User)
	assert.Contains(t, r.Transcript, "seed "+d.TOTP.Seed)
	secret, err := mfa.DecodeBase32(d.TOTP.Seed)
	require.NoError(t, err)
	assert.Equal(t, mfa.Code(secret, time.Date(2026, 1, 1, 9, 0, 45, 0, time.UTC)), d.TOTP.Code)
	assert.Equal(t, 15, d.TOTP.SecondsLeft)
	assert.True(t, strings.HasPrefix(d.TOTP.URL, "otpauth://totp/Amazon%20Web%20Services:alice@111122223333?"), d.TOTP.URL)
	assert.True(t, strings.HasPrefix(d.TOTP.QR, "data:image/png;base64,"))
}
