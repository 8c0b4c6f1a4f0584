package account

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testClock is a clock tests move by hand.
type testClock struct{ t time.Time }

func (c *testClock) Now() time.Time { return c.t }

func (c *testClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// testStart is when every test account's clock starts.
func testStart() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }

// newTestEnv returns a deterministic Env: a hand-moved clock and ChaCha8
// seeded with seed.
func newTestEnv(seed byte) (Env, *testClock) {
	clock := &testClock{t: testStart()}
	var s [32]byte
	s[0] = seed
	return Env{Now: clock.Now, Rand: rand.NewChaCha8(s)}, clock
}

// cheapHash makes password tests fast; production parameters are tested
// on their own.
func cheapHash() hashParams {
	return hashParams{memory: 64, time: 1, threads: 1, saltLen: 16, keyLen: 32}
}

// newTestAccount is account 111122223333 with a deterministic Env.
func newTestAccount(t testing.TB) (*Account, *testClock) {
	t.Helper()
	env, clock := newTestEnv(1)
	a, err := New("111122223333", env)
	require.NoError(t, err)
	a.hash = cheapHash()
	return a, clock
}

// mustOK fails the test on an error.
func mustOK(t testing.TB, err error) {
	t.Helper()
	require.NoError(t, err)
}

// must returns v, failing the test on an error.
func must[T any](t testing.TB) func(v T, err error) T {
	return func(v T, err error) T {
		t.Helper()
		require.NoError(t, err)
		return v
	}
}

// assertFailsUnchanged runs op, which must fail with code, and checks the
// account is exactly as before: a failed operation changes nothing.
func assertFailsUnchanged(t *testing.T, a *Account, code Code, op func() error, armed ...**state) {
	t.Helper()
	before := a.s.clone()
	err := op()
	if len(armed) > 0 && *armed[0] != nil {
		before = **armed[0]
	}
	require.Error(t, err)
	assert.ErrorIs(t, err, code, "got %v", err)
	var e *Error
	if assert.ErrorAs(t, err, &e) {
		assert.NotEmpty(t, e.Message)
	}
	assert.Equal(t, before, a.s, "a failed operation changed the account")
}

const (
	allowS3      = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`
	allowEC2     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}`
	trustEC2     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`
	goodPassword = "Correct-Horse-9"
)

// equalState compares two states as assertFailsUnchanged does.
func equalState(x, y state) bool { return assert.ObjectsAreEqual(x, y) }
