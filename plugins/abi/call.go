package abi

import (
	"fmt"
	"strconv"
	"strings"
)

// Call runs one call of a loaded module in a host: fn (ExportMatch or
// ExportValidate) for one operator, with the request req; it returns the
// answer's bytes, or the host's [*Error] (a trap, the deadline, an answer
// outside memory …).
type Call func(fn string, req []byte) ([]byte, error)

// Match asks a plugin's operator, through call, whether value satisfies it
// against the policy's values: the request, the call and the reading of
// the answer, each failure an [*Error] naming the plugin.
func Match(plugin string, call Call, value string, policy []string) (bool, error) {
	in, err := EncodeRequest(&value, policy)
	if err != nil {
		return false, &Error{Plugin: plugin, Kind: ErrAnswer, Msg: err.Error()}
	}
	out, err := call(ExportMatch, in)
	if err != nil {
		return false, err
	}
	a, err := ParseAnswer(out, MatchAnswer)
	if err != nil {
		return false, &Error{Plugin: plugin, Kind: ErrAnswer, Msg: ExportMatch + ": " + err.Error()}
	}
	if a.Err != "" {
		return false, &Error{Plugin: plugin, Kind: ErrReported, Msg: a.Err}
	}
	return a.Match, nil
}

// Validate asks a plugin's operator, through call, to check a condition's
// policy values (for a module that exports iamlab_validate). A value the
// plugin refuses is a [*ValueError] naming it.
func Validate(plugin string, call Call, policy []string) error {
	in, err := EncodeRequest(nil, policy)
	if err != nil {
		return &Error{Plugin: plugin, Kind: ErrAnswer, Msg: err.Error()}
	}
	out, err := call(ExportValidate, in)
	if err != nil {
		return err
	}
	a, err := ParseAnswer(out, ValidateAnswer)
	if err != nil {
		return &Error{Plugin: plugin, Kind: ErrAnswer, Msg: ExportValidate + ": " + err.Error()}
	}
	switch {
	case a.Err == "":
		return nil
	case a.Index >= 0 && a.Index < len(policy):
		return &ValueError{Plugin: plugin, Index: a.Index, Msg: a.Err}
	}
	return &Error{Plugin: plugin, Kind: ErrReported, Msg: a.Err}
}

// CheckPluginName checks the label a plugin is loaded under: 1 to 64
// letters, digits, '-', '_' and '.'.
func CheckPluginName(name string) error {
	if name == "" || len(name) > 64 {
		return fmt.Errorf("plugin name %s: want 1 to 64 characters", QuoteShort(name))
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return fmt.Errorf("plugin name %s: want letters, digits, '-', '_' and '.'", QuoteShort(name))
		}
	}
	return nil
}

// StderrNote quotes the first line of what a plugin wrote to standard
// error (a Go panic's message), for a host's error: ` (it said "…")`, or
// "" when it wrote nothing.
func StderrNote(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return " (it said " + strconv.Quote(CleanMessage(s)) + ")"
}
