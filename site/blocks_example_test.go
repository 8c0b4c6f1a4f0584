package site_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/iamlab/iamlab/engine/scenario"
	"github.com/iamlab/iamlab/engine/scenario/golden"
	"github.com/iamlab/iamlab/site"
)

// ExampleScenarioBlocks finds the ```iam-scenario blocks of a course and
// runs one as a golden case, as the golden corpus does.
func ExampleScenarioBlocks() {
	dir, _ := os.MkdirTemp("", "course-")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "_index.md"), []byte("---\ntitle: Home\n---\nA new user can do nothing:\n\n"+
		"```iam-scenario\naccount 111122223333\nuser alice\nkey alice\nexpect implicitDeny as alice: s3:ListAllMyBuckets on *\n```\n"), 0o644)

	blocks, err := site.ScenarioBlocks(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, b := range blocks {
		archive, _ := b.Case()
		c, _ := golden.Parse(b.String(), archive)
		_, ok := c.Run(scenario.Options{})
		fmt.Printf("%s: every expectation holds: %v\n", b, ok)
	}
	// Output:
	// _index.md:7: every expectation holds: true
}
