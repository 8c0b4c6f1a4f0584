package federation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The bounds on a web identity token: the WebIdentityToken parameter's
// length in the STS API model (clientTokenType), and how deeply its JSON may
// nest.
const (
	MaxTokenLength = 20000
	minTokenLength = 4
	maxJSONDepth   = 32
)

// header is a JWS protected header.
type header struct {
	Alg string
	Kid string
	Typ string
}

// jws is a parsed compact JWS whose signature is not checked yet.
type jws struct {
	header       header
	claims       Claims
	signingInput []byte
	signature    []byte
}

// checkTokenLength applies the STS model's length constraint on
// WebIdentityToken.
func checkTokenLength(token string) *Error {
	if len(token) < minTokenLength || len(token) > MaxTokenLength {
		return newError(ErrValidation, "", fmt.Sprintf("1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length between %d and %d, got %d", minTokenLength, MaxTokenLength, len(token)))
	}
	return nil
}

// parseJWS splits and decodes a compact JWS (RFC 7515): three base64url
// parts, a JSON header and a JSON payload. It checks the header's alg is one
// this package verifies, but not the signature.
func parseJWS(token string) (*jws, *Error) {
	if err := checkTokenLength(token); err != nil {
		return nil, err
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, invalidToken("", fmt.Sprintf("a JWT has three parts separated by dots (header.payload.signature); this token has %d", len(parts)))
	}
	hb, err := b64url.DecodeString(parts[0])
	if err != nil {
		return nil, invalidToken("", "the JWT header is not base64url (without padding)")
	}
	hv, derr := decodeJSON(hb)
	if derr != nil {
		return nil, invalidToken("", "the JWT header is not valid JSON: "+derr.Error())
	}
	hm, ok := hv.(map[string]any)
	if !ok {
		return nil, invalidToken("", "the JWT header is not a JSON object")
	}
	var h header
	for _, f := range []struct {
		name string
		dst  *string
	}{{"alg", &h.Alg}, {"kid", &h.Kid}, {"typ", &h.Typ}} {
		v, present := hm[f.name]
		if !present {
			continue
		}
		s, ok := v.(string)
		if !ok {
			return nil, invalidToken("", "the JWT header's "+f.name+" is not a string")
		}
		*f.dst = s
	}
	if _, present := hm["crit"]; present {
		return nil, invalidToken("", "the JWT header lists critical extensions (crit), which are not supported")
	}
	switch {
	case h.Alg == "":
		return nil, invalidToken("", "the JWT header has no alg")
	case strings.EqualFold(h.Alg, "none"):
		return nil, invalidToken("", "the token is unsigned (alg none); tokens must be signed with RS256, RS384, RS512, ES256, ES384 or ES512")
	case !slices.Contains(Algorithms(), h.Alg):
		return nil, invalidToken("", "the token's algorithm "+quote(h.Alg)+" is not supported; tokens must be signed with RS256, RS384, RS512, ES256, ES384 or ES512 (or EdDSA in iamlab)")
	}
	pb, err := b64url.DecodeString(parts[1])
	if err != nil {
		return nil, invalidToken("", "the JWT payload is not base64url (without padding)")
	}
	pv, derr := decodeJSON(pb)
	if derr != nil {
		return nil, invalidToken("", "the JWT payload is not valid JSON: "+derr.Error())
	}
	pm, ok := pv.(map[string]any)
	if !ok {
		return nil, invalidToken("", "the JWT payload is not a JSON object")
	}
	sig, err := b64url.DecodeString(parts[2])
	if err != nil {
		return nil, invalidToken("", "the JWT signature is not base64url (without padding)")
	}
	if len(sig) == 0 {
		return nil, invalidToken("", "the token has no signature")
	}
	return &jws{
		header:       h,
		claims:       Claims(pm),
		signingInput: []byte(parts[0] + "." + parts[1]),
		signature:    sig,
	}, nil
}

// decodeJSON decodes one JSON value strictly: numbers stay json.Number,
// objects may not repeat a member name, nesting is at most maxJSONDepth, and
// nothing may follow the value.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("data follows the JSON value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder, depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("nested more than %d levels deep", maxJSONDepth)
	}
	tok, err := dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("unexpected end of JSON")
		}
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			m := map[string]any{}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, ok := kt.(string)
				if !ok {
					return nil, errors.New("object key is not a string")
				}
				if _, dup := m[k]; dup {
					return nil, fmt.Errorf("member %s appears twice", quote(k))
				}
				v, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				m[k] = v
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return m, nil
		case '[':
			a := []any{}
			for dec.More() {
				v, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return a, nil
		}
		return nil, fmt.Errorf("unexpected %v", t)
	default:
		return t, nil
	}
}

// numericDate reads a NumericDate claim (exp, nbf, iat): an integer number of
// seconds since the Unix epoch. AWS requires integers ("Timestamps in the
// token must be formatted as either an integer or a long integer").
func numericDate(c Claims, name string) (int64, bool, *Error) {
	v, present := c[name]
	if !present {
		return 0, false, nil
	}
	n, ok := v.(json.Number)
	if !ok {
		return 0, false, invalidToken(name, "the "+name+" claim is not a number")
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		return 0, false, invalidToken(name, "the "+name+" claim "+quote(string(n))+" is not an integer number of seconds")
	}
	if i < 0 || i > maxUnix {
		return 0, false, invalidToken(name, "the "+name+" claim "+string(n)+" is out of range")
	}
	return i, true, nil
}

// maxUnix is 9999-12-31T23:59:59Z, the last second a NumericDate may name.
const maxUnix = 253402300799

// stringClaim reads an optional string claim.
func stringClaim(c Claims, name string) (string, *Error) {
	v, present := c[name]
	if !present {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", invalidToken(name, "the "+name+" claim is not a string")
	}
	return s, nil
}

// stringsClaim reads a claim that is a string or an array of strings, and
// says which it was.
func stringsClaim(c Claims, name string) (values []string, list bool, err *Error) {
	v, present := c[name]
	if !present {
		return nil, false, nil
	}
	switch t := v.(type) {
	case string:
		return []string{t}, false, nil
	case []any:
		out := make([]string, 0, len(t))
		for _, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, true, invalidToken(name, "the "+name+" claim is an array with an element that is not a string")
			}
			out = append(out, s)
		}
		return out, true, nil
	}
	return nil, false, invalidToken(name, "the "+name+" claim is neither a string nor an array of strings")
}
