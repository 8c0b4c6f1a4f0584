package site

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/iamlab/iamlab/engine/scenario"
)

// Heading is an entry of a page's table of contents.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// rendered is a page turned into HTML.
type rendered struct {
	HTML template.HTML
	TOC  []Heading // the h2 and h3 headings
	Text string    // the page's words, for the search index
}

// markdown renders the pages of one site. It is not safe for concurrent
// use: it keeps the page being rendered, for the link checker.
type markdown struct {
	md     goldmark.Markdown
	site   *Site
	page   *Page
	errs   ErrorList
	parser *scenario.Parser // made by the first scenario block
	lexer  chroma.Lexer     // the scenario language's, made by the first scenario block
}

func newMarkdown(s *Site) *markdown {
	m := &markdown{site: s}
	m.md = goldmark.New(
		goldmark.WithExtensions(extension.GFM, &docs{m: m}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	return m
}

// render converts one page; problems are added to m.errs.
func (m *markdown) render(p *Page) rendered {
	m.page = p
	doc := m.md.Parser().Parse(text.NewReader(p.body))
	var out rendered
	var words strings.Builder
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 2 || n.Level == 3 {
				id, _ := n.AttributeString("id")
				idText, _ := id.([]byte)
				out.TOC = append(out.TOC, Heading{Level: n.Level, ID: string(idText), Text: plainText(n, p.body)})
			}
		case *ast.Text:
			words.Write(n.Segment.Value(p.body))
			if n.SoftLineBreak() || n.HardLineBreak() {
				words.WriteByte(' ')
			}
		case *ast.String:
			words.Write(n.Value)
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				words.Write(seg.Value(p.body))
			}
		}
		if n.Type() == ast.TypeBlock {
			words.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	var b bytes.Buffer
	if err := m.md.Renderer().Render(&b, p.body, doc); err != nil {
		m.errs = append(m.errs, &Error{File: p.File, Msg: "rendering: " + err.Error()})
	}
	out.HTML = template.HTML(b.String())
	out.Text = strings.Join(strings.Fields(words.String()), " ")
	return out
}

// plainText is the text of an inline container, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// lineOf is the file line of a byte offset in the page's body.
func (m *markdown) lineOf(off int) int {
	if off > len(m.page.body) {
		off = len(m.page.body)
	}
	return m.page.bodyLine + bytes.Count(m.page.body[:off], []byte("\n"))
}

// docs is the goldmark extension for iamlab's pages: links between pages
// are checked and rewritten, headings get anchors, code is highlighted.
type docs struct{ m *markdown }

func (d *docs) Extend(md goldmark.Markdown) {
	md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(&linkChecker{m: d.m}, 100)))
	md.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(&docsRenderer{m: d.m}, 100)))
}

// linkChecker rewrites links to .md files into the pages' URLs and
// reports links to pages that do not exist.
type linkChecker struct{ m *markdown }

func (l *linkChecker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		link, ok := n.(*ast.Link)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		dest := string(link.Destination)
		target, frag, _ := strings.Cut(dest, "#")
		switch {
		case target == "", strings.Contains(target, "://"), strings.HasPrefix(target, "mailto:"):
			return ast.WalkContinue, nil
		}
		line := l.m.lineOf(linkOffset(link))
		var p *Page
		if strings.HasPrefix(target, "/") {
			p = l.m.site.Page(target)
			if p == nil && !strings.HasSuffix(target, "/") {
				p = l.m.site.Page(target + "/")
			}
		} else if strings.HasSuffix(target, ".md") {
			file := path.Join(path.Dir(l.m.page.File), target)
			for _, c := range l.m.site.Pages {
				if c.File == file {
					p = c
				}
			}
		} else {
			l.m.errs = append(l.m.errs, &Error{File: l.m.page.File, Line: line,
				Msg: fmt.Sprintf("link %q: link to another page by its .md file (e.g. ../policies/grammar.md) or by its URL (/policies/grammar/)", dest)})
			return ast.WalkContinue, nil
		}
		if p == nil {
			l.m.errs = append(l.m.errs, &Error{File: l.m.page.File, Line: line, Msg: fmt.Sprintf("link %q: no such page", dest)})
			return ast.WalkContinue, nil
		}
		if frag != "" {
			frag = "#" + frag
		}
		link.Destination = []byte(p.URL + frag)
		return ast.WalkContinue, nil
	})
}

// linkOffset is where a link's text starts in the source.
func linkOffset(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	if p := n.Parent(); p != nil && p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
		return p.Lines().At(0).Start
	}
	return 0
}

// docsRenderer renders headings with an anchor link and fenced code with
// chroma's classes (the colours are in the site's style sheet, one set per
// theme).
type docsRenderer struct{ m *markdown }

func (r *docsRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindFencedCodeBlock, r.code)
}

func (r *docsRenderer) heading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	id, _ := n.AttributeString("id")
	idText, _ := id.([]byte)
	if entering {
		fmt.Fprintf(w, "<h%d", n.Level)
		if n.Attributes() != nil {
			html.RenderAttributes(w, node, html.HeadingAttributeFilter)
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if len(idText) > 0 && n.Level > 1 {
		fmt.Fprintf(w, ` <a class="anchor" href="#%s" aria-label="Link to this section">#</a>`, util.EscapeHTML(idText))
	}
	fmt.Fprintf(w, "</h%d>\n", n.Level)
	return ast.WalkContinue, nil
}

func (r *docsRenderer) code(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := string(n.Language(src))
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	line := 0
	if n.Lines().Len() > 0 {
		line = r.m.lineOf(n.Lines().At(0).Start)
	} else if n.Info != nil {
		line = r.m.lineOf(n.Info.Segment.Start) + 1
	}
	switch lang {
	case "iam-playground":
		w.WriteString(r.m.renderExample(code.Bytes(), line))
	case "iam-scenario":
		w.WriteString(r.m.renderScenario(code.Bytes(), line))
	case "iam-totp":
		w.WriteString(r.m.renderTOTP(code.Bytes(), line))
	case "iamlab", "iamlab-scenario", "scenario":
		w.WriteString(r.m.highlightScenario(code.String()))
	default:
		w.WriteString(highlight(lang, code.String()))
		if lang == "json" && n.Info != nil {
			w.WriteString(r.m.policyLink(string(n.Info.Segment.Value(src)), code.String(), line))
		}
	}
	return ast.WalkSkipChildren, nil
}

// highlight renders code with chroma's CSS classes.
func highlight(lang, code string) string {
	lexer := lexers.Get(lang)
	if lexer == nil {
		lexer = lexers.Fallback
	}
	return highlightWith(lexer, lang, code)
}

// highlightWith renders code with a lexer of its own.
func highlightWith(lexer chroma.Lexer, lang, code string) string {
	lexer = chroma.Coalesce(lexer)
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="code" data-lang="%s">`, template.HTMLEscapeString(lang))
	it, err := lexer.Tokenise(nil, code)
	f := chromahtml.New(chromahtml.WithClasses(true))
	if err != nil || f.Format(&b, styles.Fallback, it) != nil {
		b.Reset()
		fmt.Fprintf(&b, `<div class="code" data-lang="%s"><pre class="chroma"><code>%s</code></pre>`, template.HTMLEscapeString(lang), template.HTMLEscapeString(code))
	}
	b.WriteString("</div>\n")
	// A long line scrolls the block sideways: keyboard users reach it with
	// Tab, and scroll it with the arrow keys.
	return strings.Replace(b.String(), `<pre class="chroma"`, `<pre tabindex="0" class="chroma"`, 1)
}

// chromaCSS is the highlighting style sheet: light colours by default,
// dark ones under [data-theme=dark].
func chromaCSS() (string, error) {
	f := chromahtml.New(chromahtml.WithClasses(true))
	var light, dark bytes.Buffer
	if err := f.WriteCSS(&light, styles.Get("github")); err != nil {
		return "", err
	}
	if err := f.WriteCSS(&dark, styles.Get("github-dark")); err != nil {
		return "", err
	}
	scope := func(css, sel string) string {
		css = strings.ReplaceAll(css, ".chroma", sel+" .chroma")
		return strings.ReplaceAll(css, ".bg {", sel+" .bg {")
	}
	l := scope(light.String(), `html:not([data-theme="dark"])`)
	d := scope(dark.String(), `[data-theme="dark"]`)
	return l + d, nil
}
