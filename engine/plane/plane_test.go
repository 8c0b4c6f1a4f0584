package plane

import (
	"errors"
	"maps"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kv is a toy replicated state.
type kv map[string]string

func (m kv) Clone() kv { return maps.Clone(m) }

type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newPlane(t *testing.T) (*Plane[kv], *clock) {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
	p, err := New(kv{"policy": "v0"}, Config{
		ControlRegion: "us-east-1",
		Regions:       []string{"us-east-1", "eu-west-1", "ap-southeast-2"},
		Delay:         5 * time.Second,
		Delays:        map[string]time.Duration{"ap-southeast-2": 10 * time.Second},
		Now:           c.now,
	})
	require.NoError(t, err)
	return p, c
}

func set(v string) func(kv) error {
	return func(m kv) error { m["policy"] = v; return nil }
}

func read(t *testing.T, p *Plane[kv], region string) string {
	t.Helper()
	s, _, err := p.Read(region)
	require.NoError(t, err)
	return s["policy"]
}

// troubleshoot_general.md: a change is not visible everywhere at once.
func TestChangeReachesRegionsAfterTheirDelay(t *testing.T) {
	p, c := newPlane(t)
	v, err := p.Write("eu-west-1", set("v1"))
	require.NoError(t, err)
	assert.Equal(t, 1, v)

	ctl, n := p.Control()
	assert.Equal(t, "v1", ctl["policy"], "the control plane has it at once")
	assert.Equal(t, 1, n)
	assert.Equal(t, "v0", read(t, p, "us-east-1"), "even the control region's data plane waits")
	assert.Equal(t, "v0", read(t, p, "eu-west-1"))

	c.advance(5 * time.Second)
	assert.Equal(t, "v1", read(t, p, "us-east-1"))
	assert.Equal(t, "v1", read(t, p, "eu-west-1"))
	assert.Equal(t, "v0", read(t, p, "ap-southeast-2"), "a slower region still has the old state")

	c.advance(5 * time.Second)
	assert.Equal(t, "v1", read(t, p, "ap-southeast-2"))
}

// disaster-recovery-resiliency.md: a region cut off keeps its data plane.
func TestRegionCutOffKeepsServingItsLastState(t *testing.T) {
	p, c := newPlane(t)
	_, err := p.Write("us-east-1", set("v1"))
	require.NoError(t, err)
	c.advance(10 * time.Second)
	require.NoError(t, p.Partition("eu-west-1"))

	_, err = p.Write("eu-west-1", set("from-eu"))
	assert.ErrorIs(t, err, ErrUnreachable, "IAM changes fail from the cut-off region")

	_, err = p.Write("us-east-1", set("v2"))
	require.NoError(t, err, "the rest of the world can still change IAM")
	c.advance(time.Hour)
	assert.Equal(t, "v1", read(t, p, "eu-west-1"), "the change does not reach the cut-off region")
	assert.Equal(t, "v2", read(t, p, "ap-southeast-2"))
	st := p.Status()
	assert.True(t, st[1].CutOff)
	assert.Equal(t, 1, st[1].Behind)

	require.NoError(t, p.Heal())
	assert.Equal(t, "v1", read(t, p, "eu-west-1"), "healing is not instant either")
	c.advance(5 * time.Second)
	assert.Equal(t, "v2", read(t, p, "eu-west-1"), "what it missed arrives one delay after healing")
	_, err = p.Write("eu-west-1", set("v3"))
	assert.NoError(t, err)
}

func TestControlRegionCutOff(t *testing.T) {
	p, c := newPlane(t)
	require.NoError(t, p.Partition("us-east-1"))
	_, err := p.Write("eu-west-1", set("x"))
	assert.ErrorIs(t, err, ErrUnreachable)
	_, err = p.Write("us-east-1", set("v1"))
	require.NoError(t, err, "the control region can still reach itself")
	c.advance(time.Minute)
	assert.Equal(t, "v1", read(t, p, "us-east-1"))
	assert.Equal(t, "v0", read(t, p, "eu-west-1"))
	assert.True(t, p.Connected("eu-west-1", "ap-southeast-2"), "the other regions still reach each other")
	assert.False(t, p.Connected("eu-west-1", "us-east-1"))
}

func TestDeliveriesDueBeforeAPartitionStillArrive(t *testing.T) {
	p, c := newPlane(t)
	_, err := p.Write("us-east-1", set("v1"))
	require.NoError(t, err)
	c.advance(6 * time.Second)
	// No read happened in between: replication is lazy, but what was due
	// before the cut counts as delivered.
	require.NoError(t, p.Partition("eu-west-1"))
	c.advance(time.Minute)
	assert.Equal(t, "v1", read(t, p, "eu-west-1"))
}

func TestFailedWriteChangesNothing(t *testing.T) {
	p, c := newPlane(t)
	boom := errors.New("boom")
	_, err := p.Write("us-east-1", func(m kv) error {
		m["policy"] = "half-done"
		return boom
	})
	require.ErrorIs(t, err, boom)
	ctl, n := p.Control()
	assert.Equal(t, "v0", ctl["policy"])
	assert.Equal(t, 0, n)
	c.advance(time.Minute)
	assert.Equal(t, "v0", read(t, p, "eu-west-1"))
}

func TestOldVersionsAreForgotten(t *testing.T) {
	p, c := newPlane(t)
	for i := range 5 {
		_, err := p.Write("us-east-1", set(string(rune('a'+i))))
		require.NoError(t, err)
	}
	assert.Len(t, p.versions, 5)
	c.advance(time.Minute)
	p.Status()
	assert.Empty(t, p.versions, "every region has every version")
}

func TestConfigErrors(t *testing.T) {
	now := func() time.Time { return time.Time{} }
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no clock", Config{ControlRegion: "a", Regions: []string{"a"}}},
		{"control not a region", Config{ControlRegion: "a", Regions: []string{"b"}, Now: now}},
		{"duplicate region", Config{ControlRegion: "a", Regions: []string{"a", "a"}, Now: now}},
		{"negative delay", Config{ControlRegion: "a", Regions: []string{"a"}, Delay: -1, Now: now}},
		{"delay for unknown region", Config{ControlRegion: "a", Regions: []string{"a"}, Delays: map[string]time.Duration{"b": 1}, Now: now}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(kv{}, tt.cfg)
			assert.Error(t, err)
		})
	}
	p, _ := newPlane(t)
	_, _, err := p.Read("mars-1")
	assert.ErrorIs(t, err, ErrUnknownRegion)
	assert.ErrorIs(t, p.Partition("mars-1"), ErrUnknownRegion)
	_, err = p.Write("mars-1", set("x"))
	assert.ErrorIs(t, err, ErrUnknownRegion)
}
