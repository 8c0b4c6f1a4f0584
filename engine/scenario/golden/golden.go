// Package golden runs golden scenario cases: txtar archives that hold a
// scenario (scenario.iamlab), the files it reads (policy documents), and
// the transcript it must print (transcript).
//
// A case looks like this:
//
//	Alice may read the logs bucket, and nothing else.
//	-- scenario.iamlab --
//	account 111122223333 alias "prod"
//	user alice
//	key alice
//	inline ReadLogs on user alice = file "read-logs.json"
//	expect allow as alice: s3:GetObject on arn:aws:s3:::logs/a.txt
//	-- read-logs.json --
//	{"Version": "2012-10-17", "Statement": […]}
//	-- transcript --
//	> account 111122223333 alias "prod"
//	…
//
// The comment before the first file says what the case checks. [Case.Run]
// runs one case and returns its transcript; [Case.Update] writes a new
// expected transcript; [Diff] shows a mismatch as a unified diff. The same
// function runs a case natively and inside WebAssembly (wasm/wasip1), so
// the two can be compared byte for byte.
//
// # Cases that show failures
//
// A matching transcript is not enough: a case passes only when its run
// did not fail — every expectation held, no statement failed outside an
// expect error, the scenario parsed. Otherwise accepting a diff could write
// a failure into the corpus, and every later run would pass it. A case
// that shows a failure on purpose (what a failed expectation, a syntax
// error or a refused statement looks like) declares it with the line
//
//	failures: expected
//
// in its comment:
//
//	A failed expectation says which line and what happened instead.
//	failures: expected
//	-- scenario.iamlab --
//	…
//
// [Case.Check] compares a run with the declaration: it refuses a run that
// failed in a case without the line, and a case with the line whose run
// did not fail. The runners (iamlab golden, the tests of this package and
// of wasm/wasip1) fail such a case even when its transcript matches, and
// their -update refuses to write its transcript.
package golden

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/txtar"

	"github.com/iamlab/iamlab/engine/scenario"
)

// The names of a case's files.
const (
	ScenarioFile   = "scenario.iamlab"
	TranscriptFile = "transcript"
)

// ErrCase is wrapped by the errors of a malformed case.
var ErrCase = errors.New("golden: malformed case")

// ErrFailures is wrapped by [Case.Check]'s errors: the run failed and the
// case does not declare failures, or it declares them and nothing failed.
var ErrFailures = errors.New("failures not as declared")

// FailuresExpected is the comment line by which a case declares that its
// run fails on purpose (see the package documentation).
const FailuresExpected = "failures: expected"

// Case is one golden case.
type Case struct {
	Name    string
	archive *txtar.Archive
}

// Parse reads a case from its archive's bytes.
func Parse(name string, data []byte) (*Case, error) {
	a := txtar.Parse(data)
	c := &Case{Name: name, archive: a}
	if c.file(ScenarioFile) == nil {
		return nil, fmt.Errorf("%w: %s has no %s section", ErrCase, name, ScenarioFile)
	}
	return c, nil
}

func (c *Case) file(name string) *txtar.File {
	for i := range c.archive.Files {
		if c.archive.Files[i].Name == name {
			return &c.archive.Files[i]
		}
	}
	return nil
}

// Comment is what the case says it checks, without the
// [FailuresExpected] line.
func (c *Case) Comment() string {
	var keep []string
	for _, line := range strings.Split(string(c.archive.Comment), "\n") {
		if strings.TrimSpace(line) != FailuresExpected {
			keep = append(keep, line)
		}
	}
	return strings.TrimSpace(strings.Join(keep, "\n"))
}

// ExpectsFailures reports whether the case declares that its run fails on
// purpose: a line of its comment is [FailuresExpected].
func (c *Case) ExpectsFailures() bool {
	for _, line := range strings.Split(string(c.archive.Comment), "\n") {
		if strings.TrimSpace(line) == FailuresExpected {
			return true
		}
	}
	return false
}

// Scenario is the case's scenario.
func (c *Case) Scenario() []byte { return c.file(ScenarioFile).Data }

// Want is the expected transcript, and whether the case has one.
func (c *Case) Want() (string, bool) {
	f := c.file(TranscriptFile)
	if f == nil {
		return "", false
	}
	return string(f.Data), true
}

// ReadFile reads one of the case's other files, by the name the scenario
// gives it.
func (c *Case) ReadFile(name string) ([]byte, error) {
	clean := path.Clean(strings.TrimPrefix(name, "./"))
	for _, f := range c.archive.Files {
		if f.Name == clean && f.Name != ScenarioFile && f.Name != TranscriptFile {
			return f.Data, nil
		}
	}
	return nil, fmt.Errorf("%w: the case has no file %q", fs.ErrNotExist, name)
}

// Run runs the case and returns what it printed: the transcript, or the
// parse errors of a scenario that does not parse. ok is false if the run
// failed: the scenario did not parse, a statement failed outside an expect
// error, or an expectation failed.
func (c *Case) Run(opts scenario.Options) (out string, ok bool) {
	o := c.Outcome(opts)
	return o.Transcript, o.Failures() == ""
}

// Outcome is one run of a case: what it printed and how it went.
type Outcome struct {
	Transcript string
	// Error is set when the scenario did not run: it did not parse (the
	// transcript lists its syntax errors), or the transcript could not be
	// written.
	Error error
	// Result counts the statements and expectations of a run, and those
	// that failed.
	scenario.Result
}

// Outcome runs the case.
func (c *Case) Outcome(opts scenario.Options) Outcome {
	if opts.ReadFile == nil {
		opts.ReadFile = c.ReadFile
	}
	var b bytes.Buffer
	res, err := scenario.RunSource(ScenarioFile, c.Scenario(), &b, opts)
	if err != nil {
		var list scenario.ErrorList
		if errors.As(err, &list) {
			return Outcome{Transcript: "syntax errors:\n" + list.Error() + "\n", Error: err}
		}
		return Outcome{Transcript: "error: " + err.Error() + "\n", Error: err}
	}
	return Outcome{Transcript: b.String(), Result: res}
}

// Failures says what failed in the run ("2 expectations failed, 1
// statement failed outside an expect error"), or "" when nothing did.
func (o Outcome) Failures() string {
	var scenarioErrors scenario.ErrorList
	switch {
	case errors.As(o.Error, &scenarioErrors):
		return "the scenario does not parse"
	case o.Error != nil:
		return "the scenario did not run: " + o.Error.Error()
	}
	var parts []string
	if o.Failed > 0 {
		parts = append(parts, count(o.Failed, "expectation")+" failed")
	}
	if o.Errors > 0 {
		parts = append(parts, count(o.Errors, "statement")+" failed outside an expect error")
	}
	return strings.Join(parts, ", ")
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Check compares a run of the case with what the case declares: it
// returns an error wrapping [ErrFailures] when the run failed and the
// case does not declare failures ([FailuresExpected]), or when the case
// declares them and nothing failed; nil otherwise. It does not compare
// transcripts.
func (c *Case) Check(o Outcome) error {
	failures := o.Failures()
	switch {
	case failures != "" && !c.ExpectsFailures():
		return fmt.Errorf("%s: %w: %s, and the case does not declare failures: fix the scenario or what it tests, or, if the case shows the failure on purpose, add the line %q to its comment", c.Name, ErrFailures, failures, FailuresExpected)
	case failures == "" && c.ExpectsFailures():
		return fmt.Errorf("%s: %w: the comment says %q but nothing failed: remove the line", c.Name, ErrFailures, FailuresExpected)
	}
	return nil
}

// Update returns the case's archive with got as its expected transcript.
func (c *Case) Update(got string) []byte {
	a := &txtar.Archive{Comment: c.archive.Comment}
	found := false
	for _, f := range c.archive.Files {
		if f.Name == TranscriptFile {
			f.Data, found = []byte(got), true
		}
		a.Files = append(a.Files, f)
	}
	if !found {
		a.Files = append(a.Files, txtar.File{Name: TranscriptFile, Data: []byte(got)})
	}
	return txtar.Format(a)
}

// Glob lists the cases under dir (files ending in .txtar, at any depth),
// sorted.
func Glob(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == "fuzz" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".txtar") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}
