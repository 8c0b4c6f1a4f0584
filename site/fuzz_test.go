package site

import (
	"strings"
	"testing"

	"github.com/iamlab/iamlab/engine/scenario"
)

// FuzzScenarioBlock feeds the scenario block's reader and its check any
// text: they report problems at a line of the block, never panic.
func FuzzScenarioBlock(f *testing.F) {
	f.Add("account 111122223333\nuser alice\nkey alice\nexpect deny as alice: s3:GetObject on *\n")
	f.Add("-- scenario.iamlab --\naccount 1\ninline P on user a = file \"p.json\"\n-- p.json --\n{}\n")
	f.Add("-- other --\nx\n")
	f.Add("-- scenario.iamlab --\n-- scenario.iamlab --\n")
	f.Add("-- ../up --\n")
	p, err := scenario.NewParser()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		b, line, err := parseScenarioBlock([]byte(src))
		if err != nil {
			if line < 0 || line > lines {
				t.Fatalf("line %d outside the block's %d lines", line, lines)
			}
			return
		}
		if len(src) > 4096 {
			return // running is the engine's fuzzing; keep each input quick
		}
		_, errs := b.check(p)
		for _, e := range errs {
			if e.line < 0 || e.line > lines {
				t.Fatalf("line %d outside the block's %d lines: %s", e.line, lines, e.msg)
			}
		}
	})
}

// FuzzTOTPBlock feeds the TOTP block's reader any text.
func FuzzTOTPBlock(f *testing.F) {
	f.Add("seed: JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\naccount: alice\n")
	f.Add("seed: JBSWY3DP\n")
	f.Add("seed: 0189\n")
	f.Add("account: x\n")
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		b, line, err := parseTOTP([]byte(src))
		if err != nil {
			if line < 0 || line > lines {
				t.Fatalf("line %d outside the block's %d lines", line, lines)
			}
			return
		}
		if b.seed == "" {
			t.Fatal("a block without a seed was accepted")
		}
	})
}
