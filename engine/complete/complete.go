package complete

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/policy"
)

// Place is the kind of place a cursor is in, which decides what fits.
type Place uint8

// The places. Nowhere is a place where nothing is offered: outside a
// string, or in a string such as a Sid.
const (
	Nowhere      Place = iota
	Element            // a member name of the document, a statement or Principal
	Version            // the value of Version
	Effect             // the value of Effect
	Service            // an action before its colon
	Action             // an action of a service
	Resource           // a value of Resource or NotResource
	Operator           // a member name of Condition
	ConditionKey       // a member name of an operator's block
	Value              // a condition value with fixed choices
	Principal          // a value of Principal or NotPrincipal
)

var placeNames = [...]string{"", "element", "version", "effect", "service", "action", "resource", "operator", "conditionKey", "value", "principal"}

// String names the place as the JSON answers do: "element",
// "conditionKey" …; Nowhere is "".
func (p Place) String() string {
	if int(p) < len(placeNames) {
		return placeNames[p]
	}
	return "Place(" + strconv.Itoa(int(p)) + ")"
}

// MarshalText gives the name.
func (p Place) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// Kind is what an item is, for an editor's icon.
type Kind uint8

// The kinds of item.
const (
	Keyword   Kind = iota // a wildcard or an operator: *, s3:*, StringEquals
	Namespace             // a service prefix: s3:
	Function              // an action: s3:GetObject
	Variable              // a condition key
	Constant              // a fixed value: Allow, 2012-10-17, ec2.amazonaws.com
	Property              // an element name: Statement, Effect, AWS
	Template              // a form to fill in: an ARN format, a principal's ARN
)

var kindNames = [...]string{"keyword", "namespace", "function", "variable", "constant", "property", "template"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText gives the name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Item is one thing that fits the place.
type Item struct {
	Label string
	// Apply is the text to insert when it differs from Label; with
	// Snippet, it has ${Name} fields to fill in.
	Apply   string `json:",omitempty"`
	Snippet bool   `json:",omitempty"`
	Kind    Kind
	Detail  string `json:",omitempty"` // beside the label: an access level, a key type …
	Info    string `json:",omitempty"` // a sentence to show next to the list
	Boost   int    `json:",omitempty"` // ranks it above (or below) others that match as well
}

// Result is what fits at a place.
type Result struct {
	Place Place
	// From and To are the byte offsets of the text the chosen item
	// replaces: from the start of the string's content to the cursor (for
	// AtPath, of the prefix).
	From, To int
	Items    []Item // never nil
}

// Options are what completion reads besides the document.
type Options struct {
	// Type is the policy type; it decides whether Principal is an element
	// to offer. The zero value is an identity-based policy.
	Type policy.Type
	// Catalog is the action catalog (catalog.Load); required.
	Catalog *catalog.Catalog
}

// ErrNoCatalog is returned when Options has no catalog.
var ErrNoCatalog = errors.New("complete: no action catalog in Options")

// ErrPath is returned, wrapped, for a path AtPath cannot read.
var ErrPath = errors.New("not a JSON path such as Statement[0].Action")

// At says what fits at the cursor, a byte offset of doc (clamped to the
// text). The document may be incomplete or malformed.
func At(doc string, offset int, opts Options) (Result, error) {
	if opts.Catalog == nil {
		return Result{Items: []Item{}}, ErrNoCatalog
	}
	offset = min(max(offset, 0), len(doc))
	for offset > 0 && offset < len(doc) && !runeStart(doc[offset]) {
		offset-- // not inside a character
	}
	tokens, cursor := scanStrings(doc, offset)
	res := Result{Items: []Item{}}
	if cursor < 0 {
		return res, nil
	}
	place := &tokens[cursor]
	res.From, res.To = place.from, place.to
	c := completer{cat: opts.Catalog, typ: opts.Type, tokens: tokens, place: place}
	res.Place, res.Items = c.complete()
	if res.Items == nil {
		res.Items = []Item{}
	}
	return res, nil
}

// AtPath says what fits at a place named by its JSON path instead of a
// cursor: "Statement[0].Action" for a value of Action, or with key for
// the name of a member of the object at path. prefix is what is typed
// there; doc, when given, supplies the rest of the statement (its
// actions, for condition keys and resource types).
func AtPath(doc, path string, key bool, prefix string, opts Options) (Result, error) {
	if opts.Catalog == nil {
		return Result{Items: []Item{}}, ErrNoCatalog
	}
	steps, err := parsePath(path)
	if err != nil {
		return Result{Items: []Item{}}, err
	}
	tokens, _ := scanStrings(doc, -1)
	place := &stringToken{key: key, path: steps, text: prefix}
	c := completer{cat: opts.Catalog, typ: opts.Type, tokens: tokens, place: place}
	res := Result{To: len(prefix)}
	res.Place, res.Items = c.complete()
	if res.Items == nil {
		res.Items = []Item{}
	}
	return res, nil
}

func runeStart(b byte) bool { return b&0xC0 != 0x80 }

// parsePath reads "Statement[0].Condition.StringEquals".
func parsePath(p string) ([]step, error) {
	var out []step
	for _, part := range strings.Split(p, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if name != "" {
			out = append(out, step{key: name, index: -1})
		}
		for rest != "" {
			n, after, ok := strings.Cut(rest, "]")
			i, err := strconv.Atoi(n)
			if !ok || err != nil || i < 0 {
				return nil, fmt.Errorf("path %q: %w", p, ErrPath)
			}
			out = append(out, step{index: i})
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return out, nil
}
