package scenario

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/iamlab/iamlab/engine/mfa"
)

// TestResultClockAndDevices checks what a run reports beyond its counts:
// the clock where it ended and every virtual MFA device it made, whose
// seed gives the codes the scenario itself used.
func TestResultClockAndDevices(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		clock   time.Time
		devices []string // user: serial
	}{
		{
			name:  "nothing happens",
			src:   "# only a comment\n",
			clock: DefaultStart(),
		},
		{
			name:  "the clock moves",
			src:   "start 2026-03-31T23:59:00Z\naccount 111122223333\nclock +90s\n",
			clock: time.Date(2026, 4, 1, 0, 0, 30, 0, time.UTC),
		},
		{
			name: "two devices",
			src: "account 111122223333\nuser alice\nuser bob\nkey alice\n" +
				"mfa alice virtual\nmfa bob virtual device bobs-phone\nclock +30s\n",
			clock:   DefaultStart().Add(30 * time.Second),
			devices: []string{"alice: arn:aws:iam::111122223333:mfa/alice", "bob: arn:aws:iam::111122223333:mfa/bobs-phone"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, res := run(t, tt.src, Options{})
			assert.Equal(t, tt.clock, res.Clock)
			var got []string
			for _, d := range res.Devices {
				got = append(got, d.User+": "+d.SerialNumber)
				assert.Contains(t, out, "seed "+d.Seed)
				secret, err := mfa.DecodeBase32(d.Seed)
				require.NoError(t, err)
				assert.Contains(t, out, mfa.Code(secret, DefaultStart()), "the code enabling the device")
			}
			assert.Equal(t, tt.devices, got)
		})
	}
}
