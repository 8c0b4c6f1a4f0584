package complete

import (
	"slices"
	"strconv"
	"strings"
)

// step is one step of a JSON path: a member name, or an index when
// index >= 0.
type step struct {
	key   string
	index int
}

func (s step) is(key string) bool { return s.index < 0 && s.key == key }

// stringToken is a string of the document: a member name (key) or a
// value, with the path of the object it names a member of, or of the
// value it is.
type stringToken struct {
	from int    // the byte offset of its content
	to   int    // the byte offset of its content's end, or of the cursor in it
	text string // its content, up to the cursor for the token at the cursor
	key  bool
	path []step
}

type frame struct {
	obj       bool
	path      []step
	name      string // the member being read (obj)
	expectKey bool   // obj: the next string names a member
	index     int    // arr: the element being read
}

// scanStrings reads every string of a JSON document that may be
// incomplete or malformed, as an editor holds it while someone types,
// with the path of each. It returns them and the index of the one the
// cursor (a byte offset) is in, or -1. The token at the cursor holds its
// content up to the cursor. The scan forgives what it cannot read: a
// stray character is skipped, and a string ends at its line's end.
func scanStrings(s string, cursor int) ([]stringToken, int) {
	var tokens []stringToken
	at := -1
	var stack []*frame
	valuePath := func() []step {
		if len(stack) == 0 {
			return nil
		}
		f := stack[len(stack)-1]
		p := slices.Clip(f.path)
		if f.obj {
			return append(p, step{key: f.name, index: -1})
		}
		return append(p, step{index: f.index})
	}
	for i := 0; i < len(s); i++ {
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch s[i] {
		case '{', '[':
			stack = append(stack, &frame{obj: s[i] == '{', path: valuePath(), expectKey: s[i] == '{'})
		case '}', ']':
			if top != nil {
				stack = stack[:len(stack)-1]
			}
		case ':':
			if top != nil && top.obj {
				top.expectKey = false
			}
		case ',':
			if top != nil && top.obj {
				top.expectKey, top.name = true, ""
			} else if top != nil {
				top.index++
			}
		case '"':
			start := i + 1
			j := start
			for j < len(s) && s[j] != '"' && s[j] != '\n' {
				if s[j] == '\\' && j+1 < len(s) && s[j+1] != '\n' {
					j++
				}
				j++
			}
			end := j
			t := stringToken{from: start, to: end, text: unescape(s[start:end])}
			if top != nil && top.obj && top.expectKey {
				t.key, t.path = true, slices.Clip(top.path)
				top.name, top.expectKey = t.text, false
			} else {
				t.path = valuePath()
			}
			if cursor >= start && cursor <= end {
				t.to, t.text = cursor, unescape(s[start:cursor])
				at = len(tokens)
			}
			tokens = append(tokens, t)
			i = end // the closing quote, or the end of the line
		}
	}
	return tokens, at
}

// unescape reads the escapes a policy's names may hold; others stay as
// written.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	if u, err := strconv.Unquote(`"` + s + `"`); err == nil {
		return u
	}
	return s
}
