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

// Comment is what the case says it checks.
func (c *Case) Comment() string { return strings.TrimSpace(string(c.archive.Comment)) }

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
// parse errors of a scenario that does not parse. ok is false if the
// scenario did not parse or an expectation failed.
func (c *Case) Run(opts scenario.Options) (out string, ok bool) {
	if opts.ReadFile == nil {
		opts.ReadFile = c.ReadFile
	}
	var b bytes.Buffer
	res, err := scenario.RunSource(ScenarioFile, c.Scenario(), &b, opts)
	if err != nil {
		var list scenario.ErrorList
		if errors.As(err, &list) {
			return "syntax errors:\n" + list.Error() + "\n", false
		}
		return "error: " + err.Error() + "\n", false
	}
	return b.String(), res.OK()
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
