package labbridge_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"

	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/wasm/js/bridge"
	"github.com/iamlab/iamlab/wasm/js/labbridge"
)

const readPolicy = `{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::reports/*\"}]}`

type scenarioResult struct {
	OK           bool          `json:"ok"`
	Transcript   string        `json:"transcript"`
	Statements   int           `json:"statements"`
	Errors       int           `json:"errors"`
	Expectations int           `json:"expectations"`
	Failed       int           `json:"failed"`
	Error        *bridge.Error `json:"error"`
}

func runScenario(t *testing.T, in labbridge.ScenarioRequest) scenarioResult {
	t.Helper()
	input, err := json.Marshal(in)
	require.NoError(t, err)
	out := labbridge.New().RunScenario(input)
	var r scenarioResult
	require.NoError(t, json.Unmarshal(out, &r), "not JSON: %s", out)
	return r
}

// TestRunScenarioGolden runs a golden scenario through the bridge and gets
// the CLI's transcript, byte for byte.
func TestRunScenarioGolden(t *testing.T) {
	a, err := txtar.ParseFile("../../../testdata/deny-without-mfa.txtar")
	require.NoError(t, err)
	files := map[string]string{}
	for _, f := range a.Files {
		files[f.Name] = string(f.Data)
	}
	r := runScenario(t, labbridge.ScenarioRequest{Source: files["scenario.iamlab"]})
	require.Nil(t, r.Error)
	assert.True(t, r.OK)
	assert.Equal(t, files["transcript"], r.Transcript)
	assert.Equal(t, 10, r.Statements)
	assert.Equal(t, 0, r.Errors)
	assert.Equal(t, 2, r.Expectations)
	assert.Equal(t, 0, r.Failed)
}

func TestRunScenarioFailedExpectation(t *testing.T) {
	r := runScenario(t, labbridge.ScenarioRequest{Source: "account 111122223333\nuser bob\nexpect allow as bob: s3:GetObject on *\n"})
	require.Nil(t, r.Error)
	assert.False(t, r.OK)
	assert.Equal(t, 1, r.Expectations)
	assert.Equal(t, 1, r.Failed)
	assert.True(t, strings.HasSuffix(r.Transcript, "1 expectation: 0 met, 1 failed\n"), r.Transcript)
}

// TestRunScenarioFiles reads "file" bodies from the request's files, and
// a missing file fails its statement, not the run.
func TestRunScenarioFiles(t *testing.T) {
	const src = "account 111122223333\nuser alice\nkey alice\n" +
		"inline Read on user alice = file \"read.json\"\n" +
		"expect allow as alice: s3:GetObject on arn:aws:s3:::reports/q3.pdf\n"
	policy := strings.ReplaceAll(readPolicy, `\"`, `"`)
	r := runScenario(t, labbridge.ScenarioRequest{Source: src, Files: map[string]string{"read.json": policy}})
	require.Nil(t, r.Error)
	assert.True(t, r.OK, r.Transcript)
	assert.Equal(t, 1, r.Expectations)

	r = runScenario(t, labbridge.ScenarioRequest{Source: src})
	require.Nil(t, r.Error)
	assert.False(t, r.OK)
	assert.Equal(t, 1, r.Errors, r.Transcript)
	assert.Contains(t, r.Transcript, "read.json")
}

func TestRunScenarioSyntaxErrors(t *testing.T) {
	r := runScenario(t, labbridge.ScenarioRequest{Name: "s.iamlab", Source: "account 111122223333\nuser\nfrobnicate alice\n"})
	assert.False(t, r.OK)
	require.NotNil(t, r.Error)
	assert.Equal(t, "InvalidInput", r.Error.Code)
	assert.Empty(t, r.Transcript)
	require.Len(t, r.Error.Diagnostics, 2, "%+v", r.Error)
	for i, d := range r.Error.Diagnostics {
		assert.Equal(t, "s.iamlab", d.Source)
		assert.Equal(t, i+2, d.Line)
		assert.Positive(t, d.Column)
		assert.NotEmpty(t, d.Message)
	}
	assert.Contains(t, r.Error.Message, "s.iamlab:2:")
}

func TestRunScenarioBadInput(t *testing.T) {
	var r scenarioResult
	require.NoError(t, json.Unmarshal(labbridge.New().RunScenario([]byte(`{"source":`)), &r))
	assert.False(t, r.OK)
	require.NotNil(t, r.Error)
	assert.Equal(t, "InvalidInput", r.Error.Code)
}

// prefixOperator is a stand-in plugin operator: a request value matches
// when it starts with one of the policy's values.
type prefixOperator struct{}

func (prefixOperator) Match(value string, policy []string) (bool, error) {
	for _, p := range policy {
		if strings.HasPrefix(value, p) {
			return true, nil
		}
	}
	return false, nil
}

// registry is a run's operators: what the stand-in loader registers.
type registry map[string]condition.Custom

func (r registry) Lookup(name string) (condition.Custom, bool) {
	op, ok := r[name]
	return op, ok
}

// TestRunScenarioWithPlugins: a plugin statement's file resolves to a
// plugin file the host holds, by its base name; its module goes to Load
// under the statement's name, and the policies use what Load registered.
// Without plugins the statement fails, as with RunScenario.
func TestRunScenarioWithPlugins(t *testing.T) {
	const src = "account 111122223333\nuser alice\nkey alice\n" +
		"plugin prefix from \"plugins/prefix.wasm\"\n" +
		`inline Read on user alice = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Plugin:Prefix": {"aws:username": ["ali"]}}}]}` + "\n" +
		"expect allow as alice: s3:GetObject on arn:aws:s3:::reports/q3.pdf\n"
	module := []byte("\x00asm\x01\x00\x00\x00")
	var loaded []string
	reg := registry{}
	plugins := &labbridge.Plugins{
		Module: func(file string) ([]byte, bool) {
			if file == "prefix.wasm" {
				return module, true
			}
			return nil, false
		},
		Load: func(name string, m []byte) error {
			loaded = append(loaded, name)
			assert.Equal(t, module, m, "the module's bytes, as the host holds them")
			reg["Prefix"] = prefixOperator{}
			return nil
		},
		Operators: reg,
	}
	input, err := json.Marshal(labbridge.ScenarioRequest{Source: src})
	require.NoError(t, err)
	var r scenarioResult
	require.NoError(t, json.Unmarshal(labbridge.New().RunScenarioWith(input, plugins), &r))
	require.Nil(t, r.Error)
	assert.True(t, r.OK, r.Transcript)
	assert.Equal(t, []string{"prefix"}, loaded)
	assert.Contains(t, r.Transcript, "loaded plugin prefix from plugins/prefix.wasm")

	// A file the host does not hold fails the statement, and so the
	// policy that names its operator; so does a run without plugins.
	clear(reg)
	loaded = nil
	missing := strings.Replace(src, "prefix.wasm", "other.wasm", 1)
	input, err = json.Marshal(labbridge.ScenarioRequest{Source: missing})
	require.NoError(t, err)
	r = scenarioResult{}
	require.NoError(t, json.Unmarshal(labbridge.New().RunScenarioWith(input, plugins), &r))
	assert.False(t, r.OK)
	assert.Positive(t, r.Errors)
	assert.Empty(t, loaded)
	assert.Contains(t, r.Transcript, "other.wasm")
	r = runScenario(t, labbridge.ScenarioRequest{Source: src})
	assert.False(t, r.OK)
	assert.Contains(t, r.Transcript, "no plugin host is configured")
}
