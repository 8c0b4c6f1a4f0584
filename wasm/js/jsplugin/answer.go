package jsplugin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/engine/condition"
)

// Limits on what crosses the boundary (plugins/README.md).
const (
	MaxOperators    = 64      // operators in one module
	MaxAnswer       = 1 << 16 // bytes of an answer or of the list of names
	MaxRequest      = 1 << 20 // bytes of a request written into a module
	MaxErrorMessage = 512     // bytes of a plugin's error message kept
)

// AnswerKind says which answers a call may give.
type AnswerKind uint8

// The kinds of answer.
const (
	MatchAnswer    AnswerKind = iota // {"match":bool} or {"error":string}
	ValidateAnswer                   // {"ok":true} or {"error":string[,"index":int]}
)

// Answer is a parsed answer.
type Answer struct {
	Match bool   // MatchAnswer: the verdict
	Err   string // the plugin's error message, cleaned; "" when none
	Index int    // ValidateAnswer with Err: the refused value, or -1
}

// errMalformed is wrapped by every error of ParseAnswer.
var errMalformed = errors.New("malformed answer")

func malformed(msg string) error { return fmt.Errorf("%w: %s", errMalformed, msg) }

// ParseAnswer reads an answer as strictly as the CLI's host does: a JSON
// object with exactly the members its kind allows, each once, of the
// right type, and nothing after it. Anything else is an error: the plugin
// is not following the ABI, and its answer is not trusted either way.
func ParseAnswer(b []byte, kind AnswerKind) (Answer, error) {
	if kind == MatchAnswer { // the answers of most calls
		switch string(b) {
		case `{"match":true}`:
			return Answer{Match: true, Index: -1}, nil
		case `{"match":false}`:
			return Answer{Index: -1}, nil
		}
	}
	if !utf8.Valid(b) {
		return Answer{}, malformed("not valid UTF-8")
	}
	d := json.NewDecoder(bytes.NewReader(b))
	if t, err := d.Token(); err != nil || t != json.Delim('{') {
		return Answer{}, malformed("not a JSON object")
	}
	a := Answer{Index: -1}
	seen := map[string]bool{}
	for d.More() {
		t, err := d.Token()
		key, ok := t.(string)
		if err != nil || !ok {
			return Answer{}, malformed("not a JSON object")
		}
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			return Answer{}, malformed("not a JSON object")
		}
		if seen[key] {
			return Answer{}, malformed("member " + strconv.Quote(key) + " appears twice")
		}
		seen[key] = true
		switch {
		case key == "match" && kind == MatchAnswer:
			switch string(v) {
			case "true":
				a.Match = true
			case "false":
			default:
				return Answer{}, malformed(`"match" must be true or false`)
			}
		case key == "ok" && kind == ValidateAnswer:
			if string(v) != "true" {
				return Answer{}, malformed(`"ok" must be true`)
			}
		case key == "error":
			if len(v) == 0 || v[0] != '"' || json.Unmarshal(v, &a.Err) != nil {
				return Answer{}, malformed(`"error" must be a string`)
			}
			a.Err = CleanMessage(a.Err)
		case key == "index" && kind == ValidateAnswer:
			n, err := strconv.ParseInt(string(v), 10, 32)
			if err != nil || n < 0 {
				return Answer{}, malformed(`"index" must be a non-negative integer`)
			}
			a.Index = int(n)
		default:
			return Answer{}, malformed("unexpected member " + strconv.Quote(key))
		}
	}
	if t, err := d.Token(); err != nil || t != json.Delim('}') {
		return Answer{}, malformed("not a JSON object")
	}
	if len(bytes.TrimLeft(b[d.InputOffset():], " \t\r\n")) > 0 {
		return Answer{}, malformed("text after the JSON object")
	}
	switch {
	case kind == MatchAnswer && seen["match"] == seen["error"]:
		return Answer{}, malformed(`want exactly one of "match" and "error"`)
	case kind == ValidateAnswer && seen["ok"] == seen["error"]:
		return Answer{}, malformed(`want exactly one of "ok" and "error"`)
	case seen["index"] && !seen["error"]:
		return Answer{}, malformed(`"index" comes only with "error"`)
	}
	return a, nil
}

// CleanMessage makes a plugin's error message safe to show: valid UTF-8,
// no control characters, at most MaxErrorMessage bytes, never empty.
func CleanMessage(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if len(s) > MaxErrorMessage {
		cut := MaxErrorMessage
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	if s == "" {
		s = "(no message)"
	}
	return s
}

// ParseOperators reads the answer of iamlab_operators: a JSON array of 1 to
// MaxOperators distinct names, each valid in the Plugin namespace.
func ParseOperators(b []byte) ([]string, error) {
	var names []string
	d := json.NewDecoder(bytes.NewReader(b))
	if !utf8.Valid(b) || d.Decode(&names) != nil || len(bytes.TrimLeft(b[d.InputOffset():], " \t\r\n")) > 0 {
		return nil, errors.New("the operator list is not a JSON array of strings")
	}
	switch {
	case len(names) == 0:
		return nil, errors.New("the module declares no operators")
	case len(names) > MaxOperators:
		return nil, fmt.Errorf("the module declares %d operators, over the limit of %d", len(names), MaxOperators)
	}
	seen := make(map[string]bool, len(names))
	for i, n := range names {
		if err := condition.ValidPluginName(n); err != nil {
			return nil, fmt.Errorf("operator [%d]: %v", i, err)
		}
		if seen[n] {
			return nil, fmt.Errorf("operator [%d]: %s is declared twice", i, n)
		}
		seen[n] = true
	}
	return names, nil
}
