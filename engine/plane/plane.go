// Package plane models how IAM spreads a change around the world: one
// control plane takes every write, and each region serves reads from its own
// read-only data plane, which receives the control plane's changes after a
// propagation delay (troubleshoot_general.md, "changes that I make are not
// always immediately visible"; disaster-recovery-resiliency.md).
//
// A [Plane] is generic over the state it replicates: anything that can
// clone itself. Every successful write makes a new version of the state;
// a failed write leaves no trace, because it runs on a copy.
//
// # Partitions
//
// Regions stand on islands: regions on the same island can reach each
// other, regions on different islands cannot. At the start every region is
// on one island. [Plane.Partition] moves regions to an island of their own
// and [Plane.Heal] brings them back. A region cut off from the control
// region cannot write (its IAM calls fail) and receives no new versions, but
// its data plane keeps serving the last state it received — which is why
// authentication and authorization keep working there. When it heals, every
// version it missed arrives one propagation delay after the healing.
//
// # Time
//
// The plane reads time only from the clock it is given, so delays are
// exact and tests deterministic. Replication is computed lazily: a read at
// time t sees every version whose delivery time is at or before t.
package plane

import (
	"errors"
	"fmt"
	"slices"
	"time"
)

// Cloner is a state that can make a deep copy of itself.
type Cloner[S any] interface {
	Clone() S
}

// Config describes the regions and the delay.
type Config struct {
	// ControlRegion hosts the control plane; IAM's is us-east-1.
	ControlRegion string
	// Regions lists every region with a data plane, the control region
	// included.
	Regions []string
	// Delay is how long a change takes to reach a region's data plane.
	Delay time.Duration
	// Delays overrides Delay for some regions.
	Delays map[string]time.Duration
	// Now is the clock.
	Now func() time.Time
}

// ErrUnreachable is returned by a write from a region that cannot reach
// the control plane.
var ErrUnreachable = errors.New("the control plane cannot be reached from this region")

// ErrUnknownRegion is returned for a region the plane does not have.
var ErrUnknownRegion = errors.New("unknown region")

type version[S any] struct {
	n     int
	at    time.Time
	state S
}

type region[S any] struct {
	name    string
	delay   time.Duration
	island  int
	upSince time.Time // when the region last became able to reach the control region
	applied int       // the newest version its data plane has
	state   S
}

// Plane is a replicated state. It is not safe for concurrent use.
type Plane[S Cloner[S]] struct {
	control    string
	now        func() time.Time
	versions   []version[S] // versions some region has not received yet, oldest first
	latest     int
	current    S
	regions    map[string]*region[S]
	order      []string
	nextIsland int
}

// New makes a plane whose every region starts with initial.
func New[S Cloner[S]](initial S, cfg Config) (*Plane[S], error) {
	if cfg.Now == nil {
		return nil, errors.New("plane: a clock is required")
	}
	if cfg.Delay < 0 {
		return nil, errors.New("plane: the delay cannot be negative")
	}
	if !slices.Contains(cfg.Regions, cfg.ControlRegion) {
		return nil, fmt.Errorf("plane: the control region %q must be one of the regions", cfg.ControlRegion)
	}
	p := &Plane[S]{control: cfg.ControlRegion, now: cfg.Now, current: initial, regions: map[string]*region[S]{}, nextIsland: 1}
	for _, name := range cfg.Regions {
		if _, dup := p.regions[name]; dup {
			return nil, fmt.Errorf("plane: region %q is listed twice", name)
		}
		d := cfg.Delay
		if o, ok := cfg.Delays[name]; ok {
			if o < 0 {
				return nil, fmt.Errorf("plane: the delay of %q cannot be negative", name)
			}
			d = o
		}
		p.regions[name] = &region[S]{name: name, delay: d, state: initial.Clone()}
		p.order = append(p.order, name)
	}
	for name := range cfg.Delays {
		if _, ok := p.regions[name]; !ok {
			return nil, fmt.Errorf("plane: a delay is set for %q, which is not a region", name)
		}
	}
	return p, nil
}

// ControlRegion names the region of the control plane.
func (p *Plane[S]) ControlRegion() string { return p.control }

// Regions lists the regions in the order they were configured.
func (p *Plane[S]) Regions() []string { return slices.Clone(p.order) }

// Write applies change to a copy of the control plane's state, on behalf
// of a caller in region from. If change fails, nothing changes. If it
// succeeds, the copy becomes the new version, which every region receives
// after its delay.
func (p *Plane[S]) Write(from string, change func(S) error) (int, error) {
	r, ok := p.regions[from]
	if !ok {
		return 0, fmt.Errorf("%w %q", ErrUnknownRegion, from)
	}
	if !p.connected(r, p.regions[p.control]) {
		return 0, fmt.Errorf("%w (%s is cut off from %s)", ErrUnreachable, from, p.control)
	}
	p.pump()
	next := p.current.Clone()
	if err := change(next); err != nil {
		return 0, err
	}
	p.latest++
	p.current = next
	p.versions = append(p.versions, version[S]{n: p.latest, at: p.now(), state: next})
	return p.latest, nil
}

// Control returns the control plane's state, the newest version. Callers
// must not change it.
func (p *Plane[S]) Control() (S, int) {
	return p.current, p.latest
}

// Read returns what a region's data plane holds now, and its version.
// Callers must not change it.
func (p *Plane[S]) Read(regionName string) (S, int, error) {
	r, ok := p.regions[regionName]
	if !ok {
		var zero S
		return zero, 0, fmt.Errorf("%w %q", ErrUnknownRegion, regionName)
	}
	p.pump()
	return r.state, r.applied, nil
}

// Partition cuts the given regions off from every other region (they can
// still reach each other).
func (p *Plane[S]) Partition(regions ...string) error {
	if err := p.known(regions); err != nil {
		return err
	}
	island := p.nextIsland
	p.nextIsland++
	p.reshape(func() {
		for _, name := range regions {
			p.regions[name].island = island
		}
	})
	return nil
}

// Heal brings the given regions back to the main island, or every region
// when none is named.
func (p *Plane[S]) Heal(regions ...string) error {
	if err := p.known(regions); err != nil {
		return err
	}
	if len(regions) == 0 {
		regions = p.order
	}
	p.reshape(func() {
		for _, name := range regions {
			p.regions[name].island = 0
		}
	})
	return nil
}

func (p *Plane[S]) known(regions []string) error {
	for _, name := range regions {
		if _, ok := p.regions[name]; !ok {
			return fmt.Errorf("%w %q", ErrUnknownRegion, name)
		}
	}
	return nil
}

// reshape changes who can reach whom. Everything due is delivered first;
// a region that regains the control plane receives what it missed one
// delay after now.
func (p *Plane[S]) reshape(change func()) {
	p.pump()
	control := p.regions[p.control]
	wasCut := map[string]bool{}
	for name, r := range p.regions {
		wasCut[name] = !p.connected(r, control)
	}
	change()
	now := p.now()
	for name, r := range p.regions {
		if wasCut[name] && p.connected(r, control) {
			r.upSince = now
		}
	}
}

// Connected reports whether two regions can reach each other.
func (p *Plane[S]) Connected(a, b string) bool {
	ra, okA := p.regions[a]
	rb, okB := p.regions[b]
	return okA && okB && p.connected(ra, rb)
}

func (p *Plane[S]) connected(a, b *region[S]) bool { return a.island == b.island }

// Status is what one region's data plane holds.
type Status struct {
	Region      string
	Version     int  // the newest version it has
	Behind      int  // how many versions it lacks
	CutOff      bool // it cannot reach the control plane
	IsControl   bool
	Propagation time.Duration
}

// Status describes every region, in configured order.
func (p *Plane[S]) Status() []Status {
	p.pump()
	control := p.regions[p.control]
	out := make([]Status, 0, len(p.order))
	for _, name := range p.order {
		r := p.regions[name]
		out = append(out, Status{Region: name, Version: r.applied, Behind: p.latest - r.applied,
			CutOff: !p.connected(r, control), IsControl: name == p.control, Propagation: r.delay})
	}
	return out
}

// pump delivers every version whose time has come, and forgets versions
// every region has.
func (p *Plane[S]) pump() {
	now := p.now()
	control := p.regions[p.control]
	oldest := p.latest
	for _, r := range p.regions {
		if p.connected(r, control) {
			for _, v := range p.versions {
				if v.n <= r.applied {
					continue
				}
				due := v.at
				if r.upSince.After(due) {
					due = r.upSince
				}
				if now.Before(due.Add(r.delay)) {
					break
				}
				r.applied, r.state = v.n, v.state
			}
		}
		oldest = min(oldest, r.applied)
	}
	i := 0
	for i < len(p.versions) && p.versions[i].n <= oldest {
		i++
	}
	p.versions = p.versions[i:]
}
