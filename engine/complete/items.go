package complete

import (
	"fmt"
	"slices"
	"strings"

	"github.com/iamlab/iamlab/engine/catalog"
	"github.com/iamlab/iamlab/engine/condition"
	"github.com/iamlab/iamlab/engine/policy"
)

// maxStatementActions bounds how many actions a statement's patterns
// expand to when gathering their condition keys and resource types ("*"
// would be every action of AWS).
const maxStatementActions = 400

// completer finds what fits at one place of a document.
type completer struct {
	cat    *catalog.Catalog
	typ    policy.Type
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

func (c *completer) complete() (Place, []Item) {
	p := c.place
	stmt, rest, inStatement := statement(p.path)
	if p.key {
		switch {
		case len(p.path) == 0:
			return Element, elements([]string{"Version", "Id", "Statement"}, "policy element")
		case inStatement && len(rest) == 0:
			return Element, elements(statementElements(c.typ), "statement element")
		case inStatement && len(rest) == 1 && (rest[0].is("Principal") || rest[0].is("NotPrincipal")):
			return Element, elements([]string{"AWS", "Service", "Federated", "CanonicalUser"}, "principal type")
		case inStatement && len(rest) == 1 && rest[0].is("Condition"):
			return Operator, operators()
		case inStatement && len(rest) == 2 && rest[0].is("Condition"):
			return ConditionKey, c.conditionKeys(stmt, rest[1].key)
		}
		return Nowhere, nil
	}
	if len(p.path) == 1 && p.path[0].is("Version") {
		return Version, []Item{
			{Label: "2012-10-17", Kind: Constant, Detail: "current", Info: "The current version of the policy language: policy variables work.", Boost: 1},
			{Label: "2008-10-17", Kind: Constant, Detail: "older", Info: "An older version: policy variables are read as literal text."},
		}
	}
	if !inStatement || len(rest) == 0 {
		return Nowhere, nil
	}
	switch {
	case rest[0].is("Effect") && len(rest) == 1:
		return Effect, []Item{{Label: "Allow", Kind: Constant}, {Label: "Deny", Kind: Constant}}
	case (rest[0].is("Action") || rest[0].is("NotAction")) && len(rest) <= 2:
		return c.actions(p.text)
	case (rest[0].is("Resource") || rest[0].is("NotResource")) && len(rest) <= 2:
		return Resource, c.resources(stmt)
	case (rest[0].is("Principal") || rest[0].is("NotPrincipal")) && len(rest) >= 1:
		if len(rest) == 1 {
			return Principal, []Item{{Label: "*", Kind: Keyword, Detail: "everyone", Info: "Every principal, anonymous ones included: pair it with conditions."}}
		}
		return Principal, c.principals(rest[1].key)
	case rest[0].is("Condition") && len(rest) >= 3:
		op := strings.TrimSuffix(rest[1].key[strings.LastIndex(rest[1].key, ":")+1:], "IfExists")
		if op == "Bool" || op == "Null" {
			return Value, []Item{{Label: "true", Kind: Constant}, {Label: "false", Kind: Constant}}
		}
	}
	return Nowhere, nil
}

// statementElements lists the elements a statement of a policy type may
// have, as the parser accepts them: Principal only where a policy names
// principals, no NotPrincipal in trust policies and RCPs, no Resource in
// trust policies (they apply to their role), no NotResource in SCPs and
// RCPs, no NotAction in RCPs.
func statementElements(t policy.Type) []string {
	names := []string{"Sid", "Effect"}
	switch t {
	case policy.Resource:
		names = append(names, "Principal", "NotPrincipal")
	case policy.Trust, policy.RCP:
		names = append(names, "Principal")
	}
	names = append(names, "Action")
	if t != policy.RCP {
		names = append(names, "NotAction")
	}
	if t != policy.Trust {
		names = append(names, "Resource")
	}
	if t != policy.Trust && t != policy.SCP && t != policy.RCP {
		names = append(names, "NotResource")
	}
	return append(names, "Condition")
}

func elements(names []string, detail string) []Item {
	out := make([]Item, len(names))
	for i, n := range names {
		out[i] = Item{Label: n, Kind: Property, Detail: detail}
	}
	return out
}

// principals offers the forms of a principal of a type: AWS account,
// user, role and session ARNs (snippets with ${…} fields) and "*";
// service principals by the catalog's prefixes; the usual identity
// providers for Federated.
func (c *completer) principals(typ string) []Item {
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
		out := []Item{{Label: "*", Kind: Keyword, Detail: "everyone", Boost: -1}}
		for _, f := range forms {
			out = append(out, Item{Label: f.arn, Apply: f.arn, Snippet: true, Kind: Template, Detail: f.what})
		}
		return out
	case "Service":
		var out []Item
		for _, s := range c.cat.Services() {
			out = append(out, Item{Label: s.Prefix + ".amazonaws.com", Kind: Constant, Detail: s.Name})
		}
		return out
	case "Federated":
		return []Item{
			{Label: "cognito-identity.amazonaws.com", Kind: Constant, Detail: "Amazon Cognito"},
			{Label: "accounts.google.com", Kind: Constant, Detail: "Google"},
			{Label: "www.amazon.com", Kind: Constant, Detail: "Login with Amazon"},
			{Label: "graph.facebook.com", Kind: Constant, Detail: "Facebook"},
			{Label: "arn:aws:iam::${Account}:saml-provider/${Name}", Apply: "arn:aws:iam::${Account}:saml-provider/${Name}", Snippet: true, Kind: Template, Detail: "a SAML provider"},
			{Label: "arn:aws:iam::${Account}:oidc-provider/${Host}", Apply: "arn:aws:iam::${Account}:oidc-provider/${Host}", Snippet: true, Kind: Template, Detail: "an OIDC provider"},
		}
	}
	return nil
}

// actions offers service prefixes until a colon is typed, then the
// service's actions.
func (c *completer) actions(typed string) (Place, []Item) {
	prefix, _, ok := strings.Cut(typed, ":")
	if !ok {
		out := []Item{{Label: "*", Kind: Keyword, Detail: "every action", Info: "Every action of every service."}}
		for _, s := range c.cat.Services() {
			out = append(out, Item{Label: s.Prefix + ":", Kind: Namespace, Detail: s.Name,
				Info: fmt.Sprintf("%s: %d actions.", s.Name, len(s.Actions))})
		}
		return Service, out
	}
	svc, ok := c.cat.Service(prefix)
	if !ok {
		return Action, nil
	}
	out := []Item{{Label: svc.Prefix + ":*", Kind: Keyword, Detail: "every action", Info: "Every action of " + svc.Name + "."}}
	for _, a := range svc.Actions {
		out = append(out, Item{Label: svc.Prefix + ":" + a.Name, Kind: Function, Detail: a.Level.String(), Info: actionInfo(a)})
	}
	return Action, out
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
func (c *completer) resources(stmt []step) []Item {
	out := []Item{{Label: "*", Kind: Keyword, Detail: "every resource", Boost: -1}}
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
				out = append(out, Item{Label: arn, Apply: arn, Snippet: strings.Contains(arn, "${"), Kind: Template,
					Detail: a.Service.Prefix + " " + r.Type.Name, Info: "The " + r.Type.Name + " resource type, for " + a.String() + "."})
			}
		}
	}
	return out
}

// operators lists every condition operator with the IfExists suffix and
// the set qualifiers, the plain ones first.
func operators() []Item {
	var out []Item
	for op := condition.Operator(1); op.Valid(); op++ {
		family := operatorFamily(op)
		add := func(name condition.Name, boost int, info string) {
			out = append(out, Item{Label: name.String(), Kind: Keyword, Detail: family, Info: info, Boost: boost})
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
func (c *completer) conditionKeys(stmt []step, operator string) []Item {
	family := ""
	if n, err := condition.ParseName(operator); err == nil && n.Plugin == "" {
		family = operatorFamily(n.Op)
	}
	var out []Item
	seen := map[string]bool{}
	add := func(k *catalog.Key, info string) {
		l := strings.ToLower(k.Name)
		if seen[l] {
			return
		}
		seen[l] = true
		item := Item{Label: keyTemplate(k.Name), Kind: Variable, Detail: k.Type.String(), Info: info}
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
