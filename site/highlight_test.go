package site

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestScenarioHighlighting(t *testing.T) {
	m := &markdown{}
	html := m.highlightScenario("expect allow as app#2: s3:GetObject on * # a comment\ninline P on user app = {\"Effect\": \"Allow\", \"n\": 1}\n")
	tests := []struct{ name, want string }{
		{"keywords", `<span class="k">expect</span>`},
		{"decisions", `<span class="kc">allow</span>`},
		{"a # inside a word is not a comment", `app#2:`},
		{"a comment", `<span class="c1"># a comment</span>`},
		{"JSON strings", `<span class="s">&#34;Effect&#34;</span>`},
		{"JSON numbers", `<span class="m">1</span>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assert.Contains(t, html, tt.want) })
	}
}
