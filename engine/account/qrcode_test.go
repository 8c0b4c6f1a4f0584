package account

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// CreateVirtualMFADevice's QRCodePNG (iam.json): the key URI as a QR code,
// returned at creation only, when the account is given a renderer.
func TestCreateVirtualMFADeviceQRCode(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	env := Env{Now: func() time.Time { return now }, Rand: rand.NewChaCha8([32]byte{4}),
		QRCode: func(text string) ([]byte, error) { return []byte("PNG of " + text), nil }}
	a, err := New("111122223333", env)
	require.NoError(t, err)
	out, err := a.CreateVirtualMFADevice(CreateVirtualMFADeviceInput{VirtualMFADeviceName: "alice"})
	require.NoError(t, err)
	assert.Equal(t, "PNG of "+out.VirtualMFADevice.URL, string(out.VirtualMFADevice.QRCodePNG))
	list, err := a.ListVirtualMFADevices(ListVirtualMFADevicesInput{})
	require.NoError(t, err)
	require.Len(t, list.VirtualMFADevices, 1)
	assert.Empty(t, list.VirtualMFADevices[0].QRCodePNG, "shown once, at creation")
	assert.Empty(t, list.VirtualMFADevices[0].Base32StringSeed)

	env.QRCode = func(string) ([]byte, error) { return nil, errors.New("renderer broke") }
	b, err := New("444455556666", env)
	require.NoError(t, err)
	_, err = b.CreateVirtualMFADevice(CreateVirtualMFADeviceInput{VirtualMFADeviceName: "bob"})
	assert.ErrorIs(t, err, ErrServiceFailure)
	list, err = b.ListVirtualMFADevices(ListVirtualMFADevicesInput{})
	require.NoError(t, err)
	assert.Empty(t, list.VirtualMFADevices, "a failed creation leaves no device behind")
}
