package plane_test

import (
	"fmt"
	"maps"
	"time"

	"github.com/iamlab/iamlab/engine/plane"
)

type settings map[string]string

func (s settings) Clone() settings { return maps.Clone(s) }

func Example() {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	p, err := plane.New(settings{"mode": "old"}, plane.Config{ControlRegion: "us-east-1",
		Regions: []string{"us-east-1", "eu-west-1"}, Delay: 5 * time.Second, Now: func() time.Time { return now }})
	if err != nil {
		panic(err)
	}
	read := func(region string) string {
		s, _, _ := p.Read(region)
		return s["mode"]
	}
	p.Write("us-east-1", func(s settings) error { s["mode"] = "new"; return nil })
	fmt.Println("at once:", read("eu-west-1"))
	now = now.Add(5 * time.Second)
	fmt.Println("after the delay:", read("eu-west-1"))

	p.Partition("eu-west-1")
	_, err = p.Write("eu-west-1", func(s settings) error { s["mode"] = "x"; return nil })
	fmt.Println(err)
	// Output:
	// at once: old
	// after the delay: new
	// the control plane cannot be reached from this region (eu-west-1 is cut off from us-east-1)
}
