package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/iamlab/iamlab/engine/scenario"
	corpus "github.com/iamlab/iamlab/engine/scenario/golden"
	"github.com/iamlab/iamlab/plugins/host"
)

// The usages of the scenario commands.
const (
	runUsage    = "iamlab run FILE|-"
	fmtUsage    = "iamlab fmt [-w] FILE…|-"
	goldenUsage = "iamlab golden [-update] [-run SUBSTRING] DIR"
)

// runScenario runs `iamlab run FILE`: a scenario's transcript on standard
// output; exit status 1 when the scenario does not parse or an
// expectation fails.
func runScenario(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		printUsage(stderr, runUsage)
		return exitUsage
	}
	name, src, err := readScenario(fs.Arg(0), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	dir := filepath.Dir(name)
	opts := scenario.Options{ReadFile: func(file string) ([]byte, error) {
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		return os.ReadFile(file)
	}}
	// Scenarios may load condition-operator plugins (plugin NAME from
	// "FILE"): they run in a sandboxed host, as with simulate-custom-policy.
	ctx := context.Background()
	h, err := host.New(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	defer h.Close(ctx)
	opts.Operators = h
	opts.Plugin = func(name string, module []byte) error {
		_, err := h.Load(ctx, name, module)
		return err
	}
	res, err := scenario.RunSource(name, src, stdout, opts)
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return exitError
	}
	if !res.OK() {
		fmt.Fprintf(stderr, "iamlab: %d of %s failed\n", res.Failed, plural(res.Expectations, "expectation"))
		return exitError
	}
	return exitOK
}

// readScenario reads a file, or standard input for "-".
func readScenario(name string, stdin io.Reader) (string, []byte, error) {
	if name == "-" {
		b, err := io.ReadAll(stdin)
		return "stdin", b, err
	}
	b, err := os.ReadFile(name)
	return name, b, err
}

// runFmt runs `iamlab fmt [-w] FILE…`: scenarios formatted canonically.
func runFmt(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fmt", flag.ContinueOnError)
	fs.SetOutput(stderr)
	write := fs.Bool("w", false, "rewrite the files instead of printing them")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		printUsage(stderr, fmtUsage)
		return exitUsage
	}
	status := exitOK
	for _, name := range fs.Args() {
		shown, src, err := readScenario(name, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "iamlab: %v\n", err)
			status = exitError
			continue
		}
		f, err := scenario.Parse(shown, src)
		if err != nil {
			fmt.Fprintf(stderr, "%v\n", err)
			status = exitError
			continue
		}
		out := scenario.Format(f)
		if *write && name != "-" {
			if !bytes.Equal(out, src) {
				if err := os.WriteFile(name, out, 0o644); err != nil {
					fmt.Fprintf(stderr, "iamlab: %v\n", err)
					status = exitError
				}
			}
			continue
		}
		stdout.Write(out)
	}
	return status
}

// runGolden runs `iamlab golden [-update] [-run SUBSTRING] DIR`: every case
// under DIR, with a unified diff for each transcript that differs. A case
// whose run failed (an expectation, a statement outside an expect error,
// the parse) fails too, even when its transcript matches, unless it
// declares failures (corpus.FailuresExpected); -update does not write its
// transcript, and says why.
func runGolden(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("golden", flag.ContinueOnError)
	fs.SetOutput(stderr)
	update := fs.Bool("update", false, "rewrite the expected transcripts with what the cases print now")
	only := fs.String("run", "", "run only the cases whose path contains this")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		printUsage(stderr, goldenUsage)
		return exitUsage
	}
	paths, err := corpus.Glob(fs.Arg(0))
	if err == nil && len(paths) == 0 {
		err = errors.New("no cases (*.txtar) under " + fs.Arg(0))
	}
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	parser, err := scenario.NewParser()
	if err != nil {
		fmt.Fprintf(stderr, "iamlab: %v\n", err)
		return exitError
	}
	ran, differ, failed, updated, refused := 0, 0, 0, 0, 0
	for _, p := range paths {
		if *only != "" && !bytes.Contains([]byte(p), []byte(*only)) {
			continue
		}
		ran++
		data, err := os.ReadFile(p)
		if err != nil {
			fmt.Fprintf(stderr, "iamlab: %v\n", err)
			differ++
			continue
		}
		c, err := corpus.Parse(p, data)
		if err != nil {
			fmt.Fprintf(stderr, "iamlab: %v\n", err)
			differ++
			continue
		}
		o := c.Outcome(scenario.Options{Parser: parser})
		got := o.Transcript
		want, _ := c.Want()
		checkErr := c.Check(o)
		if *update {
			if checkErr != nil {
				refused++
				fmt.Fprintf(stdout, "not updated: %v\n", checkErr)
				continue
			}
			if got == want {
				continue
			}
			if err := os.WriteFile(p, c.Update(got), 0o644); err != nil {
				fmt.Fprintf(stderr, "iamlab: %v\n", err)
				differ++
				continue
			}
			updated++
			fmt.Fprintf(stdout, "updated %s\n", p)
			continue
		}
		switch {
		case got != want:
			differ++
			fmt.Fprint(stdout, corpus.Diff(p, want, got))
			if checkErr != nil {
				fmt.Fprintf(stdout, "%v\n", checkErr)
			}
		case checkErr != nil:
			failed++
			fmt.Fprintf(stdout, "%v\n", checkErr)
		}
	}
	if *update {
		line := fmt.Sprintf("golden: %s, %s rewritten", plural(ran, "case"), plural(updated, "transcript"))
		if refused > 0 {
			line += fmt.Sprintf(", %d not updated (failures not as declared)", refused)
		}
		fmt.Fprintln(stdout, line)
	} else {
		verb := "differ"
		if differ == 1 {
			verb = "differs"
		}
		line := fmt.Sprintf("golden: %s, %d as expected, %d %s", plural(ran, "case"), ran-differ-failed, differ, verb)
		if failed > 0 {
			line += fmt.Sprintf(", %d with failures not as declared", failed)
		}
		fmt.Fprintln(stdout, line)
	}
	if differ > 0 || failed > 0 || refused > 0 {
		return exitError
	}
	return exitOK
}
