package guest

import (
	"encoding/json"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeRequest reads a request: {"value": string, "policy": [string, …]},
// members in any order, "value" optional. The common case is read by hand,
// which in WebAssembly is several times faster than encoding/json's
// reflection; anything unusual (other members, nulls, duplicates) is left
// to encoding/json, so the two always agree on what they accept.
func decodeRequest(in []byte) (request, error) {
	if req, ok := fastRequest(in); ok {
		return req, nil
	}
	var req request
	err := json.Unmarshal(in, &req)
	return req, err
}

// fastRequest reads the plain form of a request, or reports false.
func fastRequest(in []byte) (request, bool) {
	var req request
	r := reader{b: in}
	if !r.byte('{') {
		return req, false
	}
	seenValue, seenPolicy := false, false
	for first := true; ; first = false {
		if r.byte('}') {
			break
		}
		if !first && !r.byte(',') {
			return req, false
		}
		key, ok := r.str()
		if !ok || !r.byte(':') {
			return req, false
		}
		switch {
		case key == "value" && !seenValue:
			seenValue = true
			v, ok := r.str()
			if !ok {
				return req, false
			}
			req.Value = &v
		case key == "policy" && !seenPolicy:
			seenPolicy = true
			if !r.byte('[') {
				return req, false
			}
			req.Policy = []string{}
			for i := 0; !r.byte(']'); i++ {
				if i > 0 && !r.byte(',') {
					return req, false
				}
				v, ok := r.str()
				if !ok {
					return req, false
				}
				req.Policy = append(req.Policy, v)
			}
		default:
			return req, false
		}
	}
	r.space()
	return req, r.i == len(r.b)
}

type reader struct {
	b []byte
	i int
}

func (r *reader) space() {
	for r.i < len(r.b) && (r.b[r.i] == ' ' || r.b[r.i] == '\t' || r.b[r.i] == '\n' || r.b[r.i] == '\r') {
		r.i++
	}
}

// byte skips white space and c, if c is next.
func (r *reader) byte(c byte) bool {
	r.space()
	if r.i < len(r.b) && r.b[r.i] == c {
		r.i++
		return true
	}
	return false
}

// str reads a JSON string. Invalid UTF-8 and lone surrogates are refused
// (encoding/json would replace them; the slow path does that).
func (r *reader) str() (string, bool) {
	if !r.byte('"') {
		return "", false
	}
	start := r.i
	for r.i < len(r.b) {
		c := r.b[r.i]
		switch {
		case c == '"':
			s := r.b[start:r.i]
			r.i++
			if !utf8.Valid(s) {
				return "", false
			}
			return string(s), true
		case c == '\\':
			return r.escaped(start)
		case c < 0x20:
			return "", false
		}
		r.i++
	}
	return "", false
}

// escaped finishes a string that holds escapes, from its start.
func (r *reader) escaped(start int) (string, bool) {
	out := append([]byte(nil), r.b[start:r.i]...)
	for r.i < len(r.b) {
		c := r.b[r.i]
		switch {
		case c == '"':
			r.i++
			if !utf8.Valid(out) {
				return "", false
			}
			return string(out), true
		case c < 0x20:
			return "", false
		case c != '\\':
			out = append(out, c)
			r.i++
			continue
		}
		if r.i+1 >= len(r.b) {
			return "", false
		}
		e := r.b[r.i+1]
		r.i += 2
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			x, ok := r.hex4()
			if !ok {
				return "", false
			}
			if utf16.IsSurrogate(x) {
				if r.i+1 >= len(r.b) || r.b[r.i] != '\\' || r.b[r.i+1] != 'u' {
					return "", false
				}
				r.i += 2
				y, ok := r.hex4()
				if !ok {
					return "", false
				}
				x = utf16.DecodeRune(x, y)
				if x == utf8.RuneError {
					return "", false
				}
			}
			out = utf8.AppendRune(out, x)
		default:
			return "", false
		}
	}
	return "", false
}

func (r *reader) hex4() (rune, bool) {
	if r.i+4 > len(r.b) {
		return 0, false
	}
	var x rune
	for _, c := range r.b[r.i : r.i+4] {
		x <<= 4
		switch {
		case '0' <= c && c <= '9':
			x |= rune(c - '0')
		case 'a' <= c && c <= 'f':
			x |= rune(c - 'a' + 10)
		case 'A' <= c && c <= 'F':
			x |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	r.i += 4
	return x, true
}
