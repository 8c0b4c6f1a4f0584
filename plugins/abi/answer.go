package abi

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

// Kind says which answers a call may give.
type Kind uint8

// The kinds of answer.
const (
	MatchAnswer    Kind = iota // {"match":bool} or {"error":string}
	ValidateAnswer             // {"ok":true} or {"error":string[,"index":int]}
)

// Answer is a parsed answer.
type Answer struct {
	Match bool   // MatchAnswer: the verdict
	Err   string // the plugin's error message, cleaned; "" when none
	Index int    // ValidateAnswer with Err: the refused value, or -1
}

// ParseAnswer reads an answer strictly: a JSON object with exactly the
// members its kind allows, each once, of the right type, and nothing after
// it. Anything else is an error wrapping [ErrMalformed]: the plugin is not
// following the ABI, and its answer must not be trusted either way.
func ParseAnswer(b []byte, kind Kind) (Answer, error) {
	// The answers of most calls, as the guest library writes them.
	if kind == MatchAnswer {
		switch string(b) {
		case `{"match":true}`:
			return Answer{Match: true, Index: -1}, nil
		case `{"match":false}`:
			return Answer{Index: -1}, nil
		}
	}
	a := Answer{Index: -1}
	members, err := readObject(b)
	if err != nil {
		return Answer{}, err
	}
	var haveMatch, haveOK, haveErr, haveIndex bool
	for _, m := range members {
		switch {
		case m.key == "match" && kind == MatchAnswer:
			haveMatch = true
			switch string(m.value) {
			case "true":
				a.Match = true
			case "false":
				a.Match = false
			default:
				return Answer{}, badAnswer(`"match" must be true or false`)
			}
		case m.key == "ok" && kind == ValidateAnswer:
			haveOK = true
			if string(m.value) != "true" {
				return Answer{}, badAnswer(`"ok" must be true`)
			}
		case m.key == "error":
			haveErr = true
			if err := json.Unmarshal(m.value, &a.Err); err != nil || !isJSONString(m.value) {
				return Answer{}, badAnswer(`"error" must be a string`)
			}
			a.Err = CleanMessage(a.Err)
		case m.key == "index" && kind == ValidateAnswer:
			haveIndex = true
			n, err := strconv.ParseInt(string(m.value), 10, 32)
			if err != nil || n < 0 {
				return Answer{}, badAnswer(`"index" must be a non-negative integer`)
			}
			a.Index = int(n)
		default:
			return Answer{}, badAnswer("unexpected member " + QuoteShort(m.key))
		}
	}
	switch {
	case kind == MatchAnswer && haveMatch == haveErr:
		return Answer{}, badAnswer(`want exactly one of "match" and "error"`)
	case kind == ValidateAnswer && haveOK == haveErr:
		return Answer{}, badAnswer(`want exactly one of "ok" and "error"`)
	case haveIndex && !haveErr:
		return Answer{}, badAnswer(`"index" comes only with "error"`)
	}
	return a, nil
}

func isJSONString(v json.RawMessage) bool { return len(v) > 0 && v[0] == '"' }

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
	if err := strictUnmarshal(b, &names); err != nil {
		return nil, fmt.Errorf("the operator list is not a JSON array of strings: %v", err)
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

// strictUnmarshal decodes exactly one JSON value, with nothing after it.
func strictUnmarshal(b []byte, v any) error {
	if !utf8.Valid(b) {
		return errors.New("not valid UTF-8")
	}
	d := json.NewDecoder(bytes.NewReader(b))
	if err := d.Decode(v); err != nil {
		return err
	}
	if len(bytes.TrimLeft(b[d.InputOffset():], " \t\r\n")) > 0 {
		return errors.New("text after the JSON value")
	}
	return nil
}

type member struct {
	key   string
	value json.RawMessage
}

// readObject reads a JSON object into its members, in order, refusing
// duplicate keys and text after the object.
func readObject(b []byte) ([]member, error) {
	if !utf8.Valid(b) {
		return nil, badAnswer("not valid UTF-8")
	}
	var raw map[string]json.RawMessage
	if err := strictUnmarshal(b, &raw); err != nil || raw == nil {
		return nil, badAnswer("not a JSON object")
	}
	d := json.NewDecoder(bytes.NewReader(b))
	if _, err := d.Token(); err != nil { // {
		return nil, badAnswer("not a JSON object")
	}
	var members []member
	seen := map[string]bool{}
	for d.More() {
		t, err := d.Token()
		if err != nil {
			return nil, badAnswer("not a JSON object")
		}
		k, ok := t.(string)
		if !ok {
			return nil, badAnswer("not a JSON object")
		}
		var v json.RawMessage
		if err := d.Decode(&v); err != nil {
			return nil, badAnswer("not a JSON object")
		}
		if seen[k] {
			return nil, badAnswer("member " + QuoteShort(k) + " appears twice")
		}
		seen[k] = true
		members = append(members, member{k, v})
	}
	return members, nil
}

func badAnswer(msg string) error { return fmt.Errorf("%w: %s", ErrMalformed, msg) }

// ErrMalformed is wrapped by every error of [ParseAnswer]; a host reports
// it as an [ErrAnswer], naming the plugin.
var ErrMalformed = errors.New("malformed answer")

// QuoteShort quotes s, cut to 64 bytes.
func QuoteShort(s string) string {
	if len(s) <= 64 {
		return strconv.Quote(s)
	}
	cut := 64
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "..."
}

// Unpack splits a packed addr<<32|len result.
func Unpack(v uint64) (addr, size uint32) { return uint32(v >> 32), uint32(v) }
