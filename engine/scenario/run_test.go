package scenario

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const allowAll = `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`

func run(t testing.TB, src string, opts Options) (string, Result) {
	t.Helper()
	var b bytes.Buffer
	res, err := RunSource("t.iamlab", []byte(src), &b, opts)
	require.NoError(t, err)
	return b.String(), res
}

func TestRunCountsExpectations(t *testing.T) {
	out, res := run(t, `account 111122223333
user alice
key alice
expect allow as alice: s3:GetObject on arn:aws:s3:::b/k
expect deny as alice: s3:GetObject on arn:aws:s3:::b/k
user alice
`, Options{})
	assert.Equal(t, Result{Statements: 6, Errors: 1, Expectations: 2, Failed: 1, Clock: DefaultStart()}, res)
	assert.False(t, res.OK())
	assert.Contains(t, out, "expect allow: FAILED at t.iamlab:4:1: got implicitDeny")
	assert.Contains(t, out, "expect deny: ok")
	assert.Contains(t, out, "error EntityAlreadyExists: User with name alice already exists.")
	assert.True(t, strings.HasSuffix(out, "== 6 statements (1 failed); 2 expectations: 1 met, 1 failed\n"))
}

func TestRunReadsFiles(t *testing.T) {
	read := func(name string) ([]byte, error) {
		if name == "all.json" {
			return []byte(allowAll), nil
		}
		return nil, os.ErrNotExist
	}
	out, res := run(t, `account 111122223333
user alice
key alice
inline All on user alice = file "all.json"
expect allow as alice: s3:GetObject on arn:aws:s3:::b/k
inline Missing on user alice = file "missing.json"
`, Options{ReadFile: read})
	assert.Equal(t, 0, res.Failed)
	assert.Equal(t, 1, res.Errors)
	assert.Contains(t, out, `error: t.iamlab:6:37: cannot read "missing.json"`)

	out, _ = run(t, "account 111122223333\ninline All on user x = file \"all.json\"\n", Options{})
	assert.Contains(t, out, "this run reads no files")
}

func TestRunPluginHook(t *testing.T) {
	var loaded []string
	opts := Options{
		ReadFile: func(string) ([]byte, error) { return []byte("\x00asm"), nil },
		Plugin: func(name string, module []byte) error {
			loaded = append(loaded, name)
			if name == "bad" {
				return errors.New("not a plugin")
			}
			return nil
		},
	}
	out, res := run(t, "plugin cidr from \"cidr.wasm\"\nplugin bad from \"bad.wasm\"\n", opts)
	assert.Equal(t, []string{"cidr", "bad"}, loaded)
	assert.Contains(t, out, "loaded plugin cidr from cidr.wasm")
	assert.Contains(t, out, "error: not a plugin")
	assert.Equal(t, 1, res.Errors)
}

func TestSettingsComeFirst(t *testing.T) {
	out, res := run(t, "start 2030-05-01T00:00:00Z\nseed 7\npropagation 2s\naccount 111122223333\nseed 8\nclock +1s\n", Options{})
	assert.Equal(t, 1, res.Errors)
	assert.Contains(t, out, "the clock starts at 2030-05-01T00:00:00Z")
	assert.Contains(t, out, "they come before every other statement")
	assert.Contains(t, out, "it is now 2030-05-01T00:00:01Z")
}

func TestSeedChangesIDs(t *testing.T) {
	a, _ := run(t, "account 111122223333\nuser alice\n", Options{})
	b, _ := run(t, "seed 2\naccount 111122223333\nuser alice\n", Options{})
	c, _ := run(t, "account 111122223333\nuser alice\n", Options{})
	assert.Equal(t, a, c, "the same scenario, the same transcript")
	assert.NotEqual(t, a[strings.Index(a, "(AIDA"):], b[strings.Index(b, "(AIDA"):])
}

func TestRunRefusesWhatDoesNotParse(t *testing.T) {
	var b bytes.Buffer
	_, err := RunSource("t", []byte("user"), &b, Options{})
	require.ErrorIs(t, err, ErrSyntax)
	assert.Empty(t, b.String())
}

func TestNoAccountYet(t *testing.T) {
	out, res := run(t, "user alice\nas alice: s3:GetObject on x\norganization\n", Options{})
	assert.Equal(t, 3, res.Errors)
	assert.Contains(t, out, "no account yet")
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, io.ErrShortWrite }

func TestRunReportsTheWritersError(t *testing.T) {
	_, err := RunSource("t", []byte("status\n"), failingWriter{}, Options{})
	assert.ErrorIs(t, err, io.ErrShortWrite)
}

// FuzzRun runs whatever parses: the interpreter reports bad statements and
// never panics.
func FuzzRun(f *testing.F) {
	for _, src := range corpusScenarios(f) {
		f.Add(src)
	}
	opts := Options{ReadFile: func(string) ([]byte, error) { return []byte(allowAll), nil }}
	p, err := NewParser()
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, src []byte) {
		if testing.Short() {
			t.Skip("the golden corpus runs the same scenarios")
		}
		file, err := p.Parse("fuzz", src)
		if err != nil {
			return
		}
		if _, err := Run(file, io.Discard, opts); err != nil {
			t.Fatal(err)
		}
	})
}
