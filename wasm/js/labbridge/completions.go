package labbridge

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/policy"
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

// Completion is one thing that fits the place, shaped for CodeMirror's
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

// The kinds of place Completions knows.
const (
	placeElement      = "element"      // a member name of the document, a statement or Principal
	placeVersion      = "version"      // the value of Version
	placeEffect       = "effect"       // the value of Effect
	placeService      = "service"      // an action before its colon
	placeAction       = "action"       // an action of a service
	placeResource     = "resource"     // a value of Resource or NotResource
	placeOperator     = "operator"     // a member name of Condition
	placeConditionKey = "conditionKey" // a member name of an operator's block
	placeValue        = "value"        // a condition value with fixed choices
	placePrincipal    = "principal"    // a value of Principal or NotPrincipal
)

type completionsResult struct {
	OK bool `json:"ok"`
	// Kind names the place ("" when nothing is offered there).
	Kind string `json:"kind"`
	// From and To are the text the chosen completion replaces (UTF-16
	// offsets): from the start of the string's content to the cursor.
	From  int           `json:"from"`
	To    int           `json:"to"`
	Items []Completion  `json:"items"`
	Error *bridge.Error `json:"error,omitempty"`
}

// maxStatementActions bounds how many actions a statement's patterns
// expand to when Completions gathers their condition keys and resource
// types ("*" would be every action of AWS).
const maxStatementActions = 400

// Completions lists what fits at a place in a policy document, from the
// action catalog and the condition operators, given as {"policy": TEXT,
// "offset": N, "type": TYPE} (or {"path": "Statement[0].Action",
// "key": BOOL, "prefix": TEXT, "policy": TEXT}). Inside a string it
// offers: element names (Version, Statement; Sid, Effect, Action …; AWS,
// Service … in Principal); Version's and Effect's values; service
// prefixes, then the service's actions with their access levels, in
// Action and NotAction; the ARN formats of the statement's actions'
// resource types in Resource and NotResource; every condition operator
// (with IfExists and the ForAllValues:/ForAnyValue: qualifiers; plugin
// operators are the page's own) as a member of Condition; the global
// condition keys and those of the statement's actions, with their types,
// in an operator's block; true and false for Bool and Null; the forms of
// principals (account, role, user and session ARNs, service principals,
// identity providers) in Principal and NotPrincipal. It returns
// {"ok": true, "kind": KIND, "from": N, "to": N, "items": [...]}; the
// document may be incomplete or malformed.
func (l *Lab) Completions(input []byte) (out []byte) {
	defer bridge.Recover(&out)
	var in CompletionsRequest
	if err := json.Unmarshal(input, &in); err != nil {
		return bridge.Encode(completionsResult{Items: []Completion{}, Error: &bridge.Error{Code: "InvalidInput", Message: err.Error()}})
	}
	k, err := kindOf(in.Type)
	if err != nil {
		return bridge.Encode(completionsResult{Items: []Completion{}, Error: &bridge.Error{Code: "InvalidInput", Message: err.Error()}})
	}
	cat, err := l.catalog.get()
	if err != nil {
		return bridge.Encode(completionsResult{Items: []Completion{}, Error: &bridge.Error{Code: "InternalError", Message: "the action catalog: " + err.Error()}})
	}
	tokens, cursor := scanStrings(in.Policy, byteOffset(in.Policy, in.Offset))
	res := completionsResult{OK: true, Items: []Completion{}}
	var place *stringToken
	if in.Path != "" {
		path, err := parsePath(in.Path)
		if err != nil {
			return bridge.Encode(completionsResult{Items: []Completion{}, Error: &bridge.Error{Code: "InvalidInput", Message: err.Error()}})
		}
		place = &stringToken{key: in.Key, path: path, text: in.Prefix}
		res.To = len(utf16.Encode([]rune(in.Prefix)))
	} else if cursor >= 0 {
		place = &tokens[cursor]
		res.From = utf16Offset(in.Policy, place.from)
		res.To = utf16Offset(in.Policy, place.from+len(place.text))
	}
	if place == nil {
		return bridge.Encode(res)
	}
	c := completer{cat: cat, kind: k, tokens: tokens, place: place}
	res.Kind, res.Items = c.complete()
	if res.Items == nil {
		res.Items = []Completion{}
	}
	return bridge.Encode(res)
}

// ---- scanning a policy as typed

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
			t := stringToken{from: start, text: unescape(s[start:end])}
			if top != nil && top.obj && top.expectKey {
				t.key, t.path = true, slices.Clip(top.path)
				top.name, top.expectKey = t.text, false
			} else {
				t.path = valuePath()
			}
			if cursor >= start && cursor <= end {
				t.text = unescape(s[start:cursor])
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
				return nil, fmt.Errorf("path: %q is not a JSON path such as Statement[0].Action", p)
			}
			out = append(out, step{index: i})
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return out, nil
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

// ---- what fits where

type completer struct {
	cat    *catalog.Catalog
	kind   kind
	tokens []stringToken
	place  *stringToken
}

// statement splits a path into the statement's own path (Statement or
// Statement[i]) and the rest; ok is false outside a statement.
func statement(path []step) (stmt, rest []step, ok bool) {
	if len(path) == 0 || !path[0].is("Statement") {
		return nil, nil, false
	}
	if len(path) > 1 && path[1].index >= 0 {
		return path[:2], path[2:], true
	}
	return path[:1], path[1:], true
}

func (c *completer) complete() (string, []Completion) {
	p := c.place
	stmt, rest, inStatement := statement(p.path)
	if p.key {
		switch {
		case len(p.path) == 0:
			return placeElement, elements([]string{"Version", "Id", "Statement"}, "policy element")
		case inStatement && len(rest) == 0:
			names := []string{"Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"}
			if c.kind.policy == policy.Resource || c.kind.policy == policy.Trust || c.kind.policy == policy.RCP {
				names = append(names[:2], append([]string{"Principal", "NotPrincipal"}, names[2:]...)...)
			}
			return placeElement, elements(names, "statement element")
		case inStatement && len(rest) == 1 && (rest[0].is("Principal") || rest[0].is("NotPrincipal")):
			return placeElement, elements([]string{"AWS", "Service", "Federated", "CanonicalUser"}, "principal type")
		case inStatement && len(rest) == 1 && rest[0].is("Condition"):
			return placeOperator, operators()
		case inStatement && len(rest) == 2 && rest[0].is("Condition"):
			return placeConditionKey, c.conditionKeys(stmt, rest[1].key)
		}
		return "", nil
	}
	if len(p.path) == 1 && p.path[0].is("Version") {
		return placeVersion, []Completion{
			{Label: "2012-10-17", Type: "constant", Detail: "current", Info: "The current version of the policy language: policy variables work.", Boost: 1},
			{Label: "2008-10-17", Type: "constant", Detail: "older", Info: "An older version: policy variables are read as literal text."},
		}
	}
	if !inStatement || len(rest) == 0 {
		return "", nil
	}
	switch {
	case rest[0].is("Effect") && len(rest) == 1:
		return placeEffect, []Completion{{Label: "Allow", Type: "constant"}, {Label: "Deny", Type: "constant"}}
	case (rest[0].is("Action") || rest[0].is("NotAction")) && len(rest) <= 2:
		return c.actions(p.text)
	case (rest[0].is("Resource") || rest[0].is("NotResource")) && len(rest) <= 2:
		return placeResource, c.resources(stmt)
	case (rest[0].is("Principal") || rest[0].is("NotPrincipal")) && len(rest) >= 1:
		if len(rest) == 1 {
			return placePrincipal, []Completion{{Label: "*", Type: "keyword", Detail: "everyone", Info: "Every principal, anonymous ones included: pair it with conditions."}}
		}
		return placePrincipal, c.principals(rest[1].key)
	case rest[0].is("Condition") && len(rest) >= 3:
		op := strings.TrimSuffix(rest[1].key[strings.LastIndex(rest[1].key, ":")+1:], "IfExists")
		if op == "Bool" || op == "Null" {
			return placeValue, []Completion{{Label: "true", Type: "constant"}, {Label: "false", Type: "constant"}}
		}
	}
	return "", nil
}

func elements(names []string, detail string) []Completion {
	out := make([]Completion, len(names))
	for i, n := range names {
		out[i] = Completion{Label: n, Type: "property", Detail: detail}
	}
	return out
}

// principals offers the forms of a principal of a type: AWS account,
// user, role and session ARNs (snippets with ${…} fields) and "*";
// service principals by the catalog's prefixes; the usual identity
// providers for Federated.
func (c *completer) principals(typ string) []Completion {
	switch typ {
	case "AWS":
		forms := []struct{ arn, what string }{
			{"arn:aws:iam::${Account}:root", "an account (every principal it allows)"},
			{"${Account}", "an account, by its ID"},
			{"arn:aws:iam::${Account}:role/${RoleName}", "a role"},
			{"arn:aws:iam::${Account}:user/${UserName}", "an IAM user"},
			{"arn:aws:sts::${Account}:assumed-role/${RoleName}/${SessionName}", "a role session"},
			{"arn:aws:sts::${Account}:federated-user/${UserName}", "a federated user"},
		}
		out := []Completion{{Label: "*", Type: "keyword", Detail: "everyone", Boost: -1}}
		for _, f := range forms {
			out = append(out, Completion{Label: f.arn, Apply: f.arn, Snippet: true, Type: "type", Detail: f.what})
		}
		return out
	case "Service":
		var out []Completion
		for _, s := range c.cat.Services() {
			out = append(out, Completion{Label: s.Prefix + ".amazonaws.com", Type: "constant", Detail: s.Name})
		}
		return out
	case "Federated":
		return []Completion{
			{Label: "cognito-identity.amazonaws.com", Type: "constant", Detail: "Amazon Cognito"},
			{Label: "accounts.google.com", Type: "constant", Detail: "Google"},
			{Label: "www.amazon.com", Type: "constant", Detail: "Login with Amazon"},
			{Label: "graph.facebook.com", Type: "constant", Detail: "Facebook"},
			{Label: "arn:aws:iam::${Account}:saml-provider/${Name}", Apply: "arn:aws:iam::${Account}:saml-provider/${Name}", Snippet: true, Type: "type", Detail: "a SAML provider"},
			{Label: "arn:aws:iam::${Account}:oidc-provider/${Host}", Apply: "arn:aws:iam::${Account}:oidc-provider/${Host}", Snippet: true, Type: "type", Detail: "an OIDC provider"},
		}
	}
	return nil
}

// actions offers service prefixes until a colon is typed, then the
// service's actions.
func (c *completer) actions(typed string) (string, []Completion) {
	prefix, _, ok := strings.Cut(typed, ":")
	if !ok {
		out := []Completion{{Label: "*", Type: "keyword", Detail: "every action", Info: "Every action of every service."}}
		for _, s := range c.cat.Services() {
			out = append(out, Completion{Label: s.Prefix + ":", Type: "namespace", Detail: s.Name,
				Info: fmt.Sprintf("%s: %d actions.", s.Name, len(s.Actions))})
		}
		return placeService, out
	}
	svc, ok := c.cat.Service(prefix)
	if !ok {
		return placeAction, nil
	}
	out := []Completion{{Label: svc.Prefix + ":*", Type: "keyword", Detail: "every action", Info: "Every action of " + svc.Name + "."}}
	for _, a := range svc.Actions {
		out = append(out, Completion{Label: svc.Prefix + ":" + a.Name, Type: "function", Detail: a.Level.String(), Info: actionInfo(a)})
	}
	return placeAction, out
}

// actionInfo describes an action in a sentence: its access level and the
// resource types it applies to (the catalog has no prose descriptions).
func actionInfo(a *catalog.Action) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s action of %s.", a.Level, a.Service.Name)
	if len(a.Resources) == 0 {
		b.WriteString(" Resource: * only.")
		return b.String()
	}
	b.WriteString(" Resource types: ")
	for i, r := range a.Resources {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(r.Type.Name)
		if r.Required {
			b.WriteString(" (required)")
		}
	}
	b.WriteString(".")
	return b.String()
}

// statementActions expands the Action patterns of a statement (at most
// maxStatementActions actions; a bare "*" names no service in
// particular, so it adds none).
func (c *completer) statementActions(stmt []step) []*catalog.Action {
	var out []*catalog.Action
	seen := map[*catalog.Action]bool{}
	for i := range c.tokens {
		t := &c.tokens[i]
		if t.key || t == c.place || len(t.path) <= len(stmt) || !slices.Equal(t.path[:len(stmt)], stmt) || !t.path[len(stmt)].is("Action") {
			continue
		}
		if t.text == "*" || strings.HasPrefix(t.text, "*:") {
			continue
		}
		for _, a := range c.cat.Expand(t.text) {
			if !seen[a] && len(out) < maxStatementActions {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// resources offers the ARN formats of the statement's actions' resource
// types, and "*".
func (c *completer) resources(stmt []step) []Completion {
	out := []Completion{{Label: "*", Type: "keyword", Detail: "every resource", Boost: -1}}
	index := map[string]int{}
	for _, a := range c.statementActions(stmt) {
		for _, r := range a.Resources {
			for _, f := range r.Type.ARNFormats {
				arn := strings.ReplaceAll(f, "${Partition}", "aws")
				if i, ok := index[arn]; ok {
					if n := strings.Count(out[i].Info, ","); n < 5 {
						out[i].Info = strings.TrimSuffix(out[i].Info, ".") + ", " + a.String() + "."
					}
					continue
				}
				index[arn] = len(out)
				out = append(out, Completion{Label: arn, Apply: arn, Snippet: strings.Contains(arn, "${"), Type: "type",
					Detail: a.Service.Prefix + " " + r.Type.Name, Info: "The " + r.Type.Name + " resource type, for " + a.String() + "."})
			}
		}
	}
	return out
}

// operators lists every condition operator with the IfExists suffix and
// the set qualifiers, the plain ones first.
func operators() []Completion {
	var out []Completion
	for op := condition.Operator(1); op.Valid(); op++ {
		family := operatorFamily(op)
		add := func(name condition.Name, boost int, info string) {
			out = append(out, Completion{Label: name.String(), Type: "keyword", Detail: family, Info: info, Boost: boost})
		}
		add(condition.Name{Op: op}, 1, "")
		if op == condition.Null {
			continue // NullIfExists is not an operator; Null with a qualifier is constant
		}
		add(condition.Name{Op: op, IfExists: true}, 0, "Also true when the request lacks the key.")
		for _, set := range []condition.SetQualifier{condition.ForAllValues, condition.ForAnyValue} {
			add(condition.Name{Set: set, Op: op}, -1, setInfo(set))
			add(condition.Name{Set: set, Op: op, IfExists: true}, -1, setInfo(set)+" Also true when the request lacks the key.")
		}
	}
	return out
}

func setInfo(s condition.SetQualifier) string {
	if s == condition.ForAllValues {
		return "For a multivalued key: every request value must match (true when there is none)."
	}
	return "For a multivalued key: at least one request value must match."
}

// operatorFamily names the kind of values an operator compares.
func operatorFamily(op condition.Operator) string {
	name := op.String()
	for _, f := range []string{"String", "Numeric", "Date", "Bool", "Binary", "Arn", "Null"} {
		if strings.HasPrefix(name, f) {
			return f
		}
	}
	return "IpAddress"
}

// conditionKeys offers the global condition keys and those of the
// statement's actions, with their types; keys whose type fits the
// operator come first.
func (c *completer) conditionKeys(stmt []step, operator string) []Completion {
	family := ""
	if n, err := condition.ParseName(operator); err == nil && n.Plugin == "" {
		family = operatorFamily(n.Op)
	}
	var out []Completion
	seen := map[string]bool{}
	add := func(k *catalog.Key, info string) {
		l := strings.ToLower(k.Name)
		if seen[l] {
			return
		}
		seen[l] = true
		item := Completion{Label: keyTemplate(k.Name), Type: "variable", Detail: k.Type.String(), Info: info}
		if strings.Contains(item.Label, "${") {
			item.Apply, item.Snippet = item.Label, true
		}
		if fits(family, k.Type) {
			item.Boost = 1
		}
		out = append(out, item)
	}
	var users = map[string][]string{}
	var keys []*catalog.Key
	for _, a := range c.statementActions(stmt) {
		for _, name := range a.ConditionKeys() {
			prefix, _, _ := strings.Cut(name, ":")
			svc, ok := c.cat.Service(prefix)
			if !ok {
				continue
			}
			k, ok := svc.Key(name)
			if !ok {
				continue
			}
			l := strings.ToLower(k.Name)
			if _, ok := users[l]; !ok {
				keys = append(keys, k)
			}
			if len(users[l]) < 3 {
				users[l] = append(users[l], a.String())
			}
		}
	}
	for _, k := range keys {
		add(k, "A condition key of "+strings.Join(users[strings.ToLower(k.Name)], ", ")+".")
	}
	for _, k := range c.cat.GlobalKeys() {
		add(k, "A global condition key: every request may carry it.")
	}
	return out
}

// fits reports whether keys of a type suit an operator family (an
// unknown family suits every key).
func fits(family string, t catalog.KeyType) bool {
	switch e := t.Elem(); family {
	case "":
		return true
	case "String":
		return e == catalog.String || e == catalog.ARN
	case "Arn":
		return e == catalog.ARN || e == catalog.String
	case "Numeric":
		return e == catalog.Numeric
	case "Date":
		return e == catalog.Date || e == catalog.Numeric
	case "Bool":
		return e == catalog.Bool
	case "Binary":
		return e == catalog.Binary
	case "IpAddress":
		return e == catalog.IPAddress
	}
	return true // Null suits every key
}

// keyTemplate spells a condition key's variable part one way, as a
// ${Field} to fill in: the catalog writes aws:RequestTag/tag-key,
// s3:ExistingObjectTag/<key> and s3:BucketTag/${TagKey}.
func keyTemplate(name string) string {
	if i := strings.IndexByte(name, '<'); i >= 0 && strings.HasSuffix(name, ">") {
		return name[:i] + "${" + strings.ToUpper(name[i+1:i+2]) + name[i+2:len(name)-1] + "}"
	}
	if strings.HasSuffix(name, "/tag-key") {
		return strings.TrimSuffix(name, "tag-key") + "${TagKey}"
	}
	return name
}
