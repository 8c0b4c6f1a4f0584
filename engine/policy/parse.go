package policy

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iamlab/iamlab/engine/arn"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/jsonpos"
	"github.com/iamlab/iamlab/engine/pattern"
)

// Options says what a document is and where it comes from.
type Options struct {
	Type Type
	// Name is the document's source, e.g. a file name or a policy name;
	// it prefixes every error.
	Name string
	// MaxSize, when positive, is the quota the document's size (white space
	// not counted) must not exceed.
	MaxSize int
	// Operators provides the plugin condition operators ("Plugin:Name") the
	// document may use; with nil it may use none. A plugin operator that
	// Operators does not provide is an error, as an unknown operator is.
	Operators condition.Operators
}

// Parse parses, validates and compiles a policy document. On error it
// returns the document it could build with an [ErrorList]; such a document
// must not be evaluated.
func Parse(src []byte, opts Options) (*Document, error) {
	p := &parser{opts: opts}
	doc := &Document{Name: opts.Name, Type: opts.Type, Size: jsonpos.CountNonSpace(src)}
	p.checkCharacters(src)
	root, err := jsonpos.Parse(src)
	if err != nil {
		se, _ := err.(*jsonpos.SyntaxError)
		if se == nil {
			se = &jsonpos.SyntaxError{Pos: jsonpos.Position{Line: 1, Column: 1}, Msg: err.Error()}
		}
		p.errs = append(p.errs, &Error{Source: opts.Name, Pos: se.Pos, Msg: "invalid JSON: " + se.Msg})
		p.errs.sort()
		return doc, p.errs
	}
	if opts.MaxSize > 0 && doc.Size > opts.MaxSize {
		p.errorf(root.Start, "", "the policy is %d characters long (white space not counted), over the quota of %d", doc.Size, opts.MaxSize)
	}
	p.document(root, doc)
	p.errs.sort()
	return doc, p.errs.Err()
}

type parser struct {
	opts Options
	errs ErrorList
}

func (p *parser) errorf(pos jsonpos.Position, path, format string, args ...any) {
	p.errs = append(p.errs, &Error{Source: p.opts.Name, Pos: pos, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// checkCharacters enforces IAM's character set for policy documents: tab,
// line feed, carriage return and U+0020 through U+00FF (the pattern of the
// PolicyDocument parameters in IAM's API reference). Resource-based policies
// belong to other services, which set their own rules, so they are exempt.
func (p *parser) checkCharacters(src []byte) {
	if p.opts.Type == Resource {
		return
	}
	for off, r := range string(src) {
		if r != '\t' && r != '\n' && r != '\r' && (r < 0x20 || r > 0xFF) && r != utf8.RuneError {
			p.errorf(jsonpos.PositionAt(src, off), "",
				"character %U is not allowed: IAM policies may contain only tab, line feed, carriage return and U+0020 to U+00FF", r)
			return
		}
	}
}

func (p *parser) document(root *jsonpos.Value, doc *Document) {
	if root.Kind != jsonpos.Object {
		p.errorf(root.Start, "", "a policy document must be a JSON object, got %s", root.Kind)
		return
	}
	p.noDuplicateKeys(root, "")
	var statement *jsonpos.Member
	for i := range root.Members {
		m := &root.Members[i]
		switch m.Key {
		case "Version":
			doc.Version = p.version(m.Value)
		case "Id":
			if m.Value.Kind != jsonpos.String {
				p.errorf(m.Value.Start, "Id", "must be a string, got %s", m.Value.Kind)
			} else {
				doc.ID = m.Value.Text
			}
		case "Statement":
			statement = m
		default:
			p.errorf(m.KeyPos, "", "unknown element %q: a policy document has Version, Id and Statement (names are case-sensitive)", m.Key)
		}
	}
	if statement == nil {
		p.errorf(root.Start, "", "missing required element Statement")
		return
	}
	variables := doc.Version == Version2012
	v := statement.Value
	switch v.Kind {
	case jsonpos.Object:
		doc.Statements = append(doc.Statements, p.statement(v, "Statement", 0, variables))
	case jsonpos.Array:
		if len(v.Elems) == 0 {
			p.errorf(v.Start, "Statement", "must contain at least one statement")
		}
		for i, e := range v.Elems {
			path := "Statement[" + strconv.Itoa(i) + "]"
			if e.Kind != jsonpos.Object {
				p.errorf(e.Start, path, "a statement must be a JSON object, got %s", e.Kind)
				continue
			}
			doc.Statements = append(doc.Statements, p.statement(e, path, i, variables))
		}
	default:
		p.errorf(v.Start, "Statement", "must be a statement object or an array of them, got %s", v.Kind)
	}
	p.uniqueSids(doc, v)
}

func (p *parser) version(v *jsonpos.Value) Version {
	if v.Kind == jsonpos.String {
		switch v.Text {
		case "2012-10-17":
			return Version2012
		case "2008-10-17":
			return Version2008
		}
	}
	p.errorf(v.Start, "Version", `must be "2012-10-17" or "2008-10-17", got %s`, describe(v))
	return VersionNone
}

// uniqueSids reports Sids used twice in one document ("In IAM, the Sid
// value must be unique within a JSON policy", reference_policies_elements_sid.md).
func (p *parser) uniqueSids(doc *Document, list *jsonpos.Value) {
	seen := map[string]bool{}
	for i := range doc.Statements {
		s := &doc.Statements[i]
		if s.Sid == "" {
			continue
		}
		if seen[s.Sid] {
			path := "Statement"
			if list.Kind == jsonpos.Array {
				path += "[" + strconv.Itoa(s.Index) + "]"
			}
			p.errorf(s.Span.Start, path+".Sid", "duplicate Sid %q: statement IDs must be unique within a policy", s.Sid)
		}
		seen[s.Sid] = true
	}
}

func (p *parser) noDuplicateKeys(obj *jsonpos.Value, path string) {
	seen := make(map[string]bool, len(obj.Members))
	for _, m := range obj.Members {
		if seen[m.Key] {
			p.errorf(m.KeyPos, join(path, m.Key), "duplicate key %q", m.Key)
		}
		seen[m.Key] = true
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func describe(v *jsonpos.Value) string {
	switch v.Kind {
	case jsonpos.String:
		return strconv.Quote(v.Text)
	case jsonpos.Number, jsonpos.Bool:
		return v.Text
	}
	return v.Kind.String()
}

func (p *parser) statement(obj *jsonpos.Value, path string, index int, variables bool) Statement {
	st := Statement{Index: index, Span: Span{Start: obj.Start, End: obj.End}}
	p.noDuplicateKeys(obj, path)
	var effect, action, notAction, resource, notResource, principal, notPrincipal, cond *jsonpos.Member
	for i := range obj.Members {
		m := &obj.Members[i]
		switch m.Key {
		case "Sid":
			st.Sid = p.sid(m.Value, join(path, "Sid"))
		case "Effect":
			effect = m
		case "Action":
			action = m
		case "NotAction":
			notAction = m
		case "Resource":
			resource = m
		case "NotResource":
			notResource = m
		case "Principal":
			principal = m
		case "NotPrincipal":
			notPrincipal = m
		case "Condition":
			cond = m
		default:
			p.errorf(m.KeyPos, path, "unknown element %q: a statement has Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition (names are case-sensitive)", m.Key)
		}
	}

	if effect == nil {
		p.errorf(obj.Start, path, "missing required element Effect")
	} else if effect.Value.Kind == jsonpos.String && effect.Value.Text == "Allow" {
		st.Effect = Allow
	} else if effect.Value.Kind == jsonpos.String && effect.Value.Text == "Deny" {
		st.Effect = Deny
	} else {
		p.errorf(effect.Value.Start, join(path, "Effect"), `must be "Allow" or "Deny", got %s`, describe(effect.Value))
	}

	st.Action = p.actions(obj, path, action, notAction)
	st.Resource = p.resources(obj, path, resource, notResource, variables)
	st.Principal = p.principals(obj, path, principal, notPrincipal, st.Effect)
	if cond != nil {
		st.Condition = p.conditions(cond.Value, join(path, "Condition"), variables)
	}
	st.ContextKeys = contextKeys(&st)
	return st
}

// contextKeys lists the context keys a statement reads.
func contextKeys(st *Statement) []string {
	var keys []string
	add := func(k string) {
		for _, have := range keys {
			if strings.EqualFold(have, k) {
				return
			}
		}
		keys = append(keys, k)
	}
	for _, p := range st.Resource.Patterns {
		for _, k := range p.Variables() {
			add(k)
		}
	}
	for _, k := range st.Condition.Keys() {
		add(k)
	}
	return keys
}

func (p *parser) sid(v *jsonpos.Value, path string) string {
	if v.Kind != jsonpos.String {
		p.errorf(v.Start, path, "must be a string, got %s", v.Kind)
		return ""
	}
	// reference_policies_elements_sid.md: IAM's Sid "supports ASCII
	// uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)".
	// Other services' resource policies allow more, so only IAM's own
	// policy types are held to it.
	if p.opts.Type != Resource {
		for i, r := range v.Text {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				p.errorf(v.Start, path, "Sid %q has %q at index %d: IAM statement IDs may contain only A-Z, a-z and 0-9", v.Text, r, i)
				break
			}
		}
	}
	return v.Text
}

// stringList reads an element that is a string or a non-empty array of
// strings, reporting anything else.
func (p *parser) stringList(v *jsonpos.Value, path string) ([]string, []*jsonpos.Value) {
	switch v.Kind {
	case jsonpos.String:
		return []string{v.Text}, []*jsonpos.Value{v}
	case jsonpos.Array:
		if len(v.Elems) == 0 {
			p.errorf(v.Start, path, "must not be an empty array")
			return nil, nil
		}
		out := make([]string, 0, len(v.Elems))
		vals := make([]*jsonpos.Value, 0, len(v.Elems))
		for i, e := range v.Elems {
			if e.Kind != jsonpos.String {
				p.errorf(e.Start, path+"["+strconv.Itoa(i)+"]", "must be a string, got %s", describe(e))
				continue
			}
			out = append(out, e.Text)
			vals = append(vals, e)
		}
		return out, vals
	}
	p.errorf(v.Start, path, "must be a string or an array of strings, got %s", describe(v))
	return nil, nil
}

func elemPath(path string, i int, array bool) string {
	if !array {
		return path
	}
	return path + "[" + strconv.Itoa(i) + "]"
}

func (p *parser) actions(obj *jsonpos.Value, path string, action, notAction *jsonpos.Member) Actions {
	var a Actions
	m := action
	switch {
	case action != nil && notAction != nil:
		p.errorf(notAction.KeyPos, path, "a statement cannot have both Action and NotAction")
	case action == nil && notAction == nil:
		p.errorf(obj.Start, path, "missing required element Action or NotAction: a statement must contain actions")
		return a
	case notAction != nil:
		m, a.Not = notAction, true
	}
	if p.opts.Type == RCP && a.Not {
		p.errorf(m.KeyPos, path, "resource control policies do not support NotAction")
	}
	epath := join(path, m.Key)
	names, vals := p.stringList(m.Value, epath)
	array := m.Value.Kind == jsonpos.Array
	for i, name := range names {
		if msg := checkAction(name); msg != "" {
			p.errorf(vals[i].Start, elemPath(epath, i, array), "%s", msg)
			continue
		}
		pat, err := pattern.Compile(name, pattern.Options{Wildcards: true, FoldCase: true})
		if err != nil {
			p.errorf(vals[i].Start, elemPath(epath, i, array), "%v", err)
			continue
		}
		a.add(name, pat)
	}
	return a
}

// checkAction says what is wrong with an action name, or "" when it is "*"
// or "prefix:name" with a service prefix of letters, digits and hyphens and
// a name of letters, digits and the wildcards * and ?.
func checkAction(s string) string {
	if s == "*" {
		return ""
	}
	prefix, name, ok := strings.Cut(s, ":")
	if !ok || prefix == "" {
		return fmt.Sprintf("action %q must be prefixed by a service, as in \"s3:GetObject\" (or be \"*\")", s)
	}
	for _, r := range prefix {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return fmt.Sprintf("action %q: the service prefix %q may contain only letters, digits and hyphens", s, prefix)
		}
	}
	if name == "" {
		return fmt.Sprintf("action %q has no action name after the service prefix", s)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '*' || r == '?' || r == '-' || r == '_') {
			return fmt.Sprintf("action %q: the action name may contain only letters, digits and the wildcards * and ?", s)
		}
	}
	return ""
}

func (p *parser) resources(obj *jsonpos.Value, path string, resource, notResource *jsonpos.Member, variables bool) Resources {
	var r Resources
	m := resource
	switch {
	case resource != nil && notResource != nil:
		p.errorf(notResource.KeyPos, path, "a statement cannot have both Resource and NotResource")
	case resource == nil && notResource == nil:
		if p.opts.Type != Trust {
			p.errorf(obj.Start, path, "missing required element Resource or NotResource: a statement must contain resources")
		}
		return r
	case notResource != nil:
		m, r.Not = notResource, true
	}
	if p.opts.Type == Trust {
		p.errorf(m.KeyPos, path, "a role trust policy cannot have %s: it always applies to its role", m.Key)
		return r
	}
	if r.Not && (p.opts.Type == SCP || p.opts.Type == RCP) {
		p.errorf(m.KeyPos, path, "%ss do not support NotResource", strings.ToUpper(p.opts.Type.String()))
	}
	r.Present = true
	epath := join(path, m.Key)
	names, vals := p.stringList(m.Value, epath)
	array := m.Value.Kind == jsonpos.Array
	for i, name := range names {
		pat, err := arn.CompileResource(name, variables)
		if err != nil {
			p.errorf(vals[i].Start, elemPath(epath, i, array), "%v", err)
			continue
		}
		r.Patterns = append(r.Patterns, pat)
	}
	return r
}

// withArticle puts "a" or "an" before a policy type's title.
func withArticle(title string) string {
	if title != "" && strings.ContainsRune("aeiou", rune(title[0])) {
		return "an " + title
	}
	return "a " + title
}

func (p *parser) principals(obj *jsonpos.Value, path string, principal, notPrincipal *jsonpos.Member, effect Effect) Principals {
	var pr Principals
	m := principal
	switch {
	case principal != nil && notPrincipal != nil:
		p.errorf(notPrincipal.KeyPos, path, "a statement cannot have both Principal and NotPrincipal")
		return pr
	case principal == nil && notPrincipal == nil:
		if p.opts.Type.allowsPrincipal() {
			p.errorf(obj.Start, path, "missing required element Principal: %s must say whom it applies to", withArticle(p.opts.Type.Title()))
		}
		return pr
	case notPrincipal != nil:
		m, pr.Not = notPrincipal, true
	}
	if !p.opts.Type.allowsPrincipal() {
		p.errorf(m.KeyPos, path, "%s must not specify %s: it applies to the identity it is attached to", withArticle(p.opts.Type.Title()), m.Key)
		return pr
	}
	if pr.Not && (p.opts.Type == Trust || p.opts.Type == RCP) {
		p.errorf(m.KeyPos, path, "NotPrincipal cannot be used in %s", withArticle(p.opts.Type.Title()))
		return pr
	}
	pr.Present = true
	epath := join(path, m.Key)
	v := m.Value
	if v.Kind == jsonpos.String {
		if v.Text != "*" {
			p.errorf(v.Start, epath, `must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}, got %q`, v.Text)
		}
		pr.Any = true
		return pr
	}
	if v.Kind != jsonpos.Object {
		p.errorf(v.Start, epath, `must be "*" or an object with AWS, Service, Federated or CanonicalUser, got %s`, describe(v))
		return pr
	}
	if len(v.Members) == 0 {
		p.errorf(v.Start, epath, "must name at least one principal")
	}
	p.noDuplicateKeys(v, epath)
	for i := range v.Members {
		mm := &v.Members[i]
		kpath := join(epath, mm.Key)
		names, vals := p.stringList(mm.Value, kpath)
		array := mm.Value.Kind == jsonpos.Array
		for j, name := range names {
			var msg string
			switch mm.Key {
			case "AWS":
				msg = checkAWSPrincipal(name)
			case "Service", "Federated", "CanonicalUser":
				if name == "" {
					msg = "must not be empty"
				}
			default:
				p.errorf(mm.KeyPos, epath, "unknown principal type %q: use AWS, Service, Federated or CanonicalUser", mm.Key)
				goto next
			}
			if msg != "" {
				p.errorf(vals[j].Start, elemPath(kpath, j, array), "invalid principal %q: %s", name, msg)
			}
		}
		switch mm.Key {
		case "AWS":
			pr.AWS = append(pr.AWS, names...)
		case "Service":
			pr.Service = append(pr.Service, names...)
		case "Federated":
			pr.Federated = append(pr.Federated, names...)
		case "CanonicalUser":
			pr.CanonicalUser = append(pr.CanonicalUser, names...)
		}
	next:
	}
	if p.opts.Type == RCP && !pr.Any {
		p.errorf(v.Start, epath, `resource control policies must use "Principal": "*" and narrow it with conditions`)
	}
	return pr
}

// checkAWSPrincipal validates an "AWS" principal: "*", an account ID, an
// IAM or STS ARN without wildcards, or an IAM unique ID (which IAM shows in
// place of a deleted principal).
func checkAWSPrincipal(s string) string {
	switch {
	case s == "*", arn.IsAccountID(s):
		return ""
	case isUniqueID(s):
		return ""
	case strings.ContainsAny(s, "*?"):
		return `wildcards are not allowed in principal ARNs (use "*" with an aws:PrincipalArn condition)`
	}
	a, err := arn.Parse(s)
	if err != nil {
		return "must be \"*\", a 12-digit account ID or an IAM or STS ARN: " + err.Error()
	}
	if a.Service != "iam" && a.Service != "sts" {
		return "an AWS principal ARN must be an iam or sts ARN"
	}
	if !arn.IsAccountID(a.Account) {
		return "the ARN must contain a 12-digit account ID"
	}
	return ""
}

// isUniqueID reports whether s looks like an IAM unique ID: a four-letter
// prefix such as AIDA or AROA and 17 or more capitals and digits.
func isUniqueID(s string) bool {
	if len(s) < 16 || len(s) > 128 || !(strings.HasPrefix(s, "AIDA") || strings.HasPrefix(s, "AROA") || strings.HasPrefix(s, "ANPA") || strings.HasPrefix(s, "AGPA")) {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

func (p *parser) conditions(v *jsonpos.Value, path string, variables bool) condition.Block {
	if v.Kind != jsonpos.Object {
		p.errorf(v.Start, path, "must be an object of condition operators, got %s", describe(v))
		return nil
	}
	p.noDuplicateKeys(v, path)
	var block condition.Block
	for i := range v.Members {
		op := &v.Members[i]
		opPath := join(path, op.Key)
		name, err := condition.ParseName(op.Key)
		if err != nil {
			p.errorf(op.KeyPos, opPath, "%v", err)
			continue
		}
		var custom condition.Custom
		if name.Plugin != "" {
			custom = p.pluginOperator(name)
			if custom == nil {
				p.errorf(op.KeyPos, opPath, "unknown condition operator %q: no loaded plugin provides Plugin:%s", op.Key, name.Plugin)
				continue
			}
		}
		if op.Value.Kind != jsonpos.Object {
			p.errorf(op.Value.Start, opPath, "must be an object of condition keys and values, got %s", describe(op.Value))
			continue
		}
		if len(op.Value.Members) == 0 {
			p.errorf(op.Value.Start, opPath, "must contain at least one condition key")
		}
		p.noDuplicateKeys(op.Value, opPath)
		for j := range op.Value.Members {
			kv := &op.Value.Members[j]
			keyPath := join(opPath, kv.Key)
			values, vals := p.conditionValues(kv.Value, keyPath)
			if values == nil {
				continue
			}
			var c condition.Condition
			if custom != nil {
				c, err = condition.CompileCustom(name, kv.Key, values, variables, custom)
			} else {
				c, err = condition.Compile(name, kv.Key, values, variables)
			}
			if err != nil {
				pos := kv.KeyPos
				var ve *condition.ValueError
				if errors.As(err, &ve) && ve.Index >= 0 && ve.Index < len(vals) {
					pos = vals[ve.Index].Start
				}
				p.errorf(pos, keyPath, "%v", err)
				continue
			}
			block = append(block, c)
		}
	}
	return block
}

// pluginOperator looks a plugin operator up in the parser's registry; nil
// when there is none.
func (p *parser) pluginOperator(name condition.Name) condition.Custom {
	if p.opts.Operators == nil {
		return nil
	}
	c, ok := p.opts.Operators.Lookup(name.Plugin)
	if !ok {
		return nil
	}
	return c
}

// conditionValues reads a condition's values: a string, number or boolean,
// or a non-empty array of them. Numbers and booleans become their JSON text.
func (p *parser) conditionValues(v *jsonpos.Value, path string) ([]string, []*jsonpos.Value) {
	scalar := func(e *jsonpos.Value, path string) bool {
		switch e.Kind {
		case jsonpos.String, jsonpos.Number, jsonpos.Bool:
			return true
		}
		p.errorf(e.Start, path, "a condition value must be a string, number or boolean, got %s", e.Kind)
		return false
	}
	if v.Kind != jsonpos.Array {
		if !scalar(v, path) {
			return nil, nil
		}
		return []string{v.Text}, []*jsonpos.Value{v}
	}
	if len(v.Elems) == 0 {
		p.errorf(v.Start, path, "must have at least one value")
		return nil, nil
	}
	out := make([]string, 0, len(v.Elems))
	vals := make([]*jsonpos.Value, 0, len(v.Elems))
	for i, e := range v.Elems {
		if !scalar(e, path+"["+strconv.Itoa(i)+"]") {
			return nil, nil
		}
		out = append(out, e.Text)
		vals = append(vals, e)
	}
	return out, vals
}
