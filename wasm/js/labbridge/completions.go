package labbridge

import (
	"encoding/json"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/iamlab/iamlab/engine/complete"
	"github.com/iamlab/iamlab/wasm/js/bridge"
)

// CompletionsRequest is what Completions reads: a policy and the cursor
// in it, or a place given by its JSON path.
type CompletionsRequest struct {
	Policy string `json:"policy"` // the policy document's text, as typed so far
	// Offset is the cursor, in UTF-16 code units from the start of the
	// text, as JavaScript and CodeMirror count.
	Offset int `json:"offset"`
	// Path, when set, names the place instead of Offset:
	// "Statement[0].Action" for a value of Action, with Key for the name
	// of a member of the object at Path. Prefix is what is typed there.
	Path   string `json:"path,omitempty"`
	Key    bool   `json:"key,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	// Type is the policy type (identity when empty), as for Analyze: it
	// decides whether Principal is an element to offer.
	Type string `json:"type,omitempty"`
}

// Completion is one [complete.Item], shaped for CodeMirror's
// autocompletion.
type Completion struct {
	Label string `json:"label"`
	// Apply is the text to insert when it differs from Label; with
	// Snippet, it has ${Name} fields to fill in (CodeMirror's snippet
	// syntax, which is also the catalog's notation for variable parts).
	Apply   string `json:"apply,omitempty"`
	Snippet bool   `json:"snippet,omitempty"`
	// Type is CodeMirror's kind of completion, for its icon: keyword,
	// namespace, function, variable, constant, property or type.
	Type   string `json:"type"`
	Detail string `json:"detail,omitempty"` // beside the label: an access level, a key type …
	Info   string `json:"info,omitempty"`   // a sentence shown next to the list
	Boost  int    `json:"boost,omitempty"`  // ranks it above (or below) others that match as well
}

type completionsResult struct {
	OK bool `json:"ok"`
	// Kind names the place ([complete.Place]; "" when nothing is offered
	// there).
	Kind string `json:"kind"`
	// From and To are the text the chosen completion replaces (UTF-16
	// offsets): from the start of the string's content to the cursor.
	From  int           `json:"from"`
	To    int           `json:"to"`
	Items []Completion  `json:"items"`
	Error *bridge.Error `json:"error,omitempty"`
}

// Completions lists what fits at a place in a policy document
// ([complete.At], [complete.AtPath]), given as {"policy": TEXT,
// "offset": N, "type": TYPE} (or {"path": "Statement[0].Action",
// "key": BOOL, "prefix": TEXT, "policy": TEXT}). It returns
// {"ok": true, "kind": KIND, "from": N, "to": N, "items": [...]}; the
// document may be incomplete or malformed. Offsets count UTF-16 code
// units, as JavaScript does.
func (l *Lab) Completions(input []byte) (out []byte) {
	defer bridge.Recover(&out)
	fail := func(code, msg string) []byte {
		return bridge.Encode(completionsResult{Items: []Completion{}, Error: &bridge.Error{Code: code, Message: msg}})
	}
	var in CompletionsRequest
	if err := json.Unmarshal(input, &in); err != nil {
		return fail("InvalidInput", err.Error())
	}
	k, err := kindOf(in.Type)
	if err != nil {
		return fail("InvalidInput", err.Error())
	}
	cat, err := l.catalog.get()
	if err != nil {
		return fail("InternalError", "the action catalog: "+err.Error())
	}
	opts := complete.Options{Type: k.policy, Catalog: cat}
	var r complete.Result
	text := in.Policy // what From and To count in
	if in.Path != "" {
		r, err = complete.AtPath(in.Policy, in.Path, in.Key, in.Prefix, opts)
		text = in.Prefix
	} else {
		r, err = complete.At(in.Policy, byteOffset(in.Policy, in.Offset), opts)
	}
	if err != nil {
		return fail("InvalidInput", err.Error())
	}
	res := completionsResult{OK: true, Kind: r.Place.String(), From: utf16Offset(text, r.From), To: utf16Offset(text, r.To),
		Items: make([]Completion, len(r.Items))}
	for i, it := range r.Items {
		typ := it.Kind.String()
		if it.Kind == complete.Template {
			typ = "type" // CodeMirror's name
		}
		res.Items[i] = Completion{Label: it.Label, Apply: it.Apply, Snippet: it.Snippet, Type: typ, Detail: it.Detail, Info: it.Info, Boost: it.Boost}
	}
	return bridge.Encode(res)
}

// byteOffset turns a UTF-16 offset into a byte offset of s.
func byteOffset(s string, units int) int {
	n := 0
	for i, r := range s {
		if n >= units {
			return i
		}
		n += utf16.RuneLen(r)
	}
	return len(s)
}

// utf16Offset turns a byte offset of s into a UTF-16 offset.
func utf16Offset(s string, b int) int {
	n := 0
	for i, r := range s {
		if i >= b {
			break
		}
		if r == utf8.RuneError {
			n++
			continue
		}
		n += utf16.RuneLen(r)
	}
	return n
}
