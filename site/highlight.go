package site

import (
	"github.com/alecthomas/chroma/v2"
)

// scenarioKeywords are the scenario language's keywords (engine/scenario).
const scenarioKeywords = `account|add|alias|as|assertion|assume|attach|boundary|clock|code|codes|deactivate|default|delete|` +
	`description|detach|device|duration|expect|explain|external-id|file|from|get|global-tokens|group|heal|idp|import|in|inline|` +
	`key|launch|login|max-session|mfa|move|of|on|organization|ou|owner|partition|password|password-policy|path|plugin|policy|` +
	`policy-arns|profile|propagation|provider|quota|rcp|region|remove|reset-required|resource|resync|revoke|role|root|saml|` +
	`scp|seed|session|session-token|sessions|signin|source-identity|start|status|sts|tag|tags|to|token|totp|transitive|trust|` +
	`under|use|user|version|via|virtual|web-identity|with|caller-identity|federation-token|instance|active|inactive|none|` +
	`change|update|no-reset-required|key-last-used|ssh-key|signing-cert|upload|service-linked-role|suffix|in-use`

// newScenarioLexer is chroma's lexer for the scenario language: comments,
// strings, keywords, decisions, numbers and JSON blocks, as the
// playground's editor highlights it.
func newScenarioLexer() chroma.Lexer {
	word := `(?<![^\s(,=])`
	end := `(?=[\s=,()]|:\s|:$|$)`
	return chroma.MustNewLexer(&chroma.Config{Name: "iamlab-scenario", Aliases: []string{"iamlab"}, EnsureNL: true},
		func() chroma.Rules {
			return chroma.Rules{
				"root": {
					{Pattern: `#.*`, Type: chroma.CommentSingle},
					{Pattern: `\{`, Type: chroma.Punctuation, Mutator: chroma.Push("json")},
					{Pattern: `"(?:[^"\\\n]|\\.)*"?`, Type: chroma.LiteralString},
					{Pattern: `[=,()]`, Type: chroma.Punctuation},
					{Pattern: word + `(?:allow|allowed|deny|explicitDeny|implicitDeny|error|ok)` + end, Type: chroma.KeywordConstant},
					{Pattern: word + `(?:` + scenarioKeywords + `)` + end, Type: chroma.Keyword},
					{Pattern: word + `[+-]?\d[\w.:+-]*` + end, Type: chroma.LiteralNumber},
					{Pattern: `[^\s"{}=,()#][^\s"{}=,()]*`, Type: chroma.Text},
					{Pattern: `\s+`, Type: chroma.TextWhitespace},
				},
				"json": {
					{Pattern: `"(?:[^"\\]|\\.)*"`, Type: chroma.LiteralString},
					{Pattern: `[{\[]`, Type: chroma.Punctuation, Mutator: chroma.Push("json")},
					{Pattern: `[}\]]`, Type: chroma.Punctuation, Mutator: chroma.Pop(1)},
					{Pattern: `-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`, Type: chroma.LiteralNumber},
					{Pattern: `true|false|null`, Type: chroma.KeywordConstant},
					{Pattern: `[^"{}\[\]\d\-tfn]+|.`, Type: chroma.Text},
				},
			}
		})
}

// highlightScenario renders a scenario with the scenario language's lexer.
func (m *markdown) highlightScenario(code string) string {
	if m.lexer == nil {
		m.lexer = newScenarioLexer()
	}
	return highlightWith(m.lexer, "iamlab-scenario", code)
}
