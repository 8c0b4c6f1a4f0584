package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestComplete(t *testing.T) {
	doc := `{"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda`
	code, out, errOut := runCLI(t, doc, "complete", "--offset", "99", "--policy-type", "trust", "-")
	require.Equal(t, exitOK, code, errOut)
	var r struct {
		Place    string
		From, To int
		Items    []struct{ Label, Kind string }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &r), out)
	assert.Equal(t, "principal", r.Place)
	assert.Equal(t, doc[r.From:r.To], "lambda")
	assert.Contains(t, r.Items, struct{ Label, Kind string }{"lambda.amazonaws.com", "constant"})

	for _, args := range [][]string{{"complete", "-"}, {"complete", "--offset", "1"}, {"complete", "--offset", "1", "--policy-type", "bucket", "-"}} {
		code, _, _ := runCLI(t, doc, args...)
		assert.Equal(t, exitUsage, code, args)
	}
}
