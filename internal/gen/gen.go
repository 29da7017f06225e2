// Package gen owns errcat's generators: pure, deterministic functions that
// turn catalogs into files — Go definitions, documentation pages in the
// styles of the seed pages (Markdown table, Markdown bold-number list, RST
// grid table, plain text table), a static HTML site, the catalog as JSON for
// front ends, the OpenAPI components of the error responses, and the JSON
// Schema of the catalog format.
//
// A generator never touches the disk: it returns Files, a map from a
// slash-separated path to content. The command writes them, or compares
// them with the files on disk (`errcat gen --check`), with the same code.
// Output is byte-for-byte deterministic: same catalogs, same options,
// same bytes.
package gen

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/schema"
)

// Files is a generator's output: a slash-separated relative path → content.
type Files map[string][]byte

// Paths returns the paths of f, sorted.
func (f Files) Paths() []string {
	ps := make([]string, 0, len(f))
	for p := range f {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}

// Options tune a generator. The zero value gives every generator's defaults.
type Options struct {
	// Lang restricts documentation to the domain locale that best serves
	// this BCP 47 tag; "" generates every locale of each domain.
	Lang string
	// Style picks a documentation style (see Generator.Styles); "" takes
	// the generator's default.
	Style string
	// Package names the Go package when a single domain is generated;
	// "" derives it from the domain id.
	Package string
}

// Generator is one kind of output.
type Generator struct {
	// Name is the `errcat gen NAME` argument.
	Name string
	// Summary says what the generator writes.
	Summary string
	// Styles are the styles it accepts, the default first; nil when it has none.
	Styles []string
	// Run generates the files for cats.
	Run func(cats []*catalog.Catalog, opts Options) (Files, error)
	// Stream, when set, writes the same files as Run, one after the
	// other, each through the writer create returns for its path, so
	// that no file is ever whole in memory.
	Stream func(cats []*catalog.Catalog, opts Options, create CreateFunc) error
	// OneFile is the path of the only file the generator writes, when it
	// always writes one.
	OneFile string
}

// CreateFunc opens the file at path (slash-separated, relative) for a
// streaming generator; the generator writes it until it creates the
// next one or returns.
type CreateFunc func(path string) (io.Writer, error)

// collect runs a streaming generator into Files.
func collect(cats []*catalog.Catalog, opts Options, stream func([]*catalog.Catalog, Options, CreateFunc) error) (Files, error) {
	files := Files{}
	var cur *bytes.Buffer
	var path string
	flush := func() {
		if cur != nil {
			files[path] = cur.Bytes()
		}
	}
	err := stream(cats, opts, func(p string) (io.Writer, error) {
		flush()
		cur, path = &bytes.Buffer{}, p
		return cur, nil
	})
	if err != nil {
		return nil, err
	}
	flush()
	return files, nil
}

// Generators returns every generator, in the order the CLI lists them.
func Generators() []Generator {
	return []Generator{
		{Name: "go", Summary: "a Go package per domain: one *errcat.Def per code, typed constructors, IsX predicates", Run: Go, Stream: StreamGo},
		{Name: "markdown", Summary: "a Markdown page per domain and locale", Styles: []string{StyleTable, StyleList}, Run: Markdown, Stream: StreamMarkdown},
		{Name: "rst", Summary: "a reStructuredText page per domain and locale (grid table: status, code, message, measure)", Styles: []string{StyleGrid}, Run: RST, Stream: StreamRST},
		{Name: "text", Summary: "a plain text page per domain and locale (aligned table)", Styles: []string{StylePlain}, Run: Text, Stream: StreamText},
		{Name: "html", Summary: "a static HTML site: index, a page per domain and locale, an anchor per code, client-side search", Run: HTML, Stream: StreamHTML},
		{Name: "json", Summary: "the catalogs as JSON for front ends: a file per domain and an index", Run: JSON, Stream: StreamJSON},
		{Name: "openapi", Summary: "OpenAPI 3.1 components: a schema per wire format, a response per error code and status", Run: OpenAPI, Stream: StreamOpenAPI, OneFile: "openapi.json"},
		{Name: "schema", Summary: "the JSON Schema of the catalog format", Run: Schema},
		{Name: "ts", Summary: "an npm package per domain: an error class per category and code, a union on code, fromResponse", Run: TypeScript, Stream: StreamTypeScript},
		{Name: "python", Summary: "a typed Python package per domain: an exception class per category and code, from_response", Run: Python, Stream: StreamPython},
		{Name: "java", Summary: "a Java 17 package per domain: an exception class per category and code, fromResponse", Run: Java, Stream: StreamJava},
		{Name: "vectors", Summary: "shared test vectors: per code, wire format and locale, the runtime's response and the error to read back", Run: Vectors, Stream: StreamVectors},
	}
}

// Lookup returns the generator called name.
func Lookup(name string) (Generator, bool) {
	for _, g := range Generators() {
		if g.Name == name {
			return g, true
		}
	}
	return Generator{}, false
}

// Documentation styles.
const (
	// StyleTable is a Markdown table with Docusaurus front matter
	// (the Aliyun and private-cloud pages).
	StyleTable = "table"
	// StyleList is a Markdown list of bold codes, each followed by its
	// message paragraph (the Zilliz page).
	StyleList = "list"
	// StyleGrid is an RST grid table: status, code, message, measure
	// (the Huawei page).
	StyleGrid = "grid"
	// StylePlain is an indented plain text table (the Tencent page).
	StylePlain = "plain"
)

// pickStyle checks opts.Style against the generator's styles.
func pickStyle(name string, opts Options) (string, error) {
	g, _ := Lookup(name)
	if opts.Style == "" {
		return g.Styles[0], nil
	}
	if !slices.Contains(g.Styles, opts.Style) {
		return "", fmt.Errorf("gen %s: unknown style %q (want one of %s)", name, opts.Style, strings.Join(g.Styles, ", "))
	}
	return opts.Style, nil
}

// locales returns the locales to document a domain in: all of them, or the
// one that best serves lang.
func locales(d *catalog.Domain, lang string) []string {
	ls := d.Locales
	if len(ls) == 0 {
		ls = []string{d.DefaultLocale()}
	}
	if lang == "" {
		return ls
	}
	return []string{catalog.MatchLocale(ls, lang, d.DefaultLocale())}
}

// textIn returns t in locale, falling back to the default locale and then
// to the first locale that has a text.
func textIn(t catalog.Text, locale, def string) string {
	if s, ok := t.Lookup(locale); ok {
		return s
	}
	if s, ok := t.Lookup(def); ok {
		return s
	}
	for _, s := range t.All() {
		return s
	}
	return ""
}

// row is one documented (code, status, texts) line of a page: an entry or
// one of its variants.
type row struct {
	Code        string
	Status      *int
	Title       string
	Message     string
	Remediation string
}

// rows flattens a catalog into page rows in locale: each entry, then its
// variants, in catalog order.
func rows(c *catalog.Catalog, locale string) []row {
	def := c.Domain.DefaultLocale()
	var out []row
	for i := range c.Entries {
		e := &c.Entries[i]
		out = append(out, row{
			Code:        e.Code,
			Status:      e.HTTPStatus,
			Title:       textIn(e.Title, locale, def),
			Message:     textIn(e.Message, locale, def),
			Remediation: textIn(e.Remediation, locale, def),
		})
		for _, v := range e.Variants {
			out = append(out, row{
				Code:        e.Code,
				Status:      v.HTTPStatus,
				Message:     textIn(v.Message, locale, def),
				Remediation: textIn(v.Remediation, locale, def),
			})
		}
	}
	return out
}

// docPath is the path of a domain's page in locale.
func docPath(c *catalog.Catalog, locale, ext string) string {
	return c.Domain.ID + "." + locale + "." + ext
}

// pageTitle is the heading of a domain's page.
func pageTitle(c *catalog.Catalog, locale string) string {
	name := c.Domain.Name
	low := strings.ToLower(name)
	if strings.Contains(low, "error code") || strings.Contains(name, "错误码") || strings.Contains(name, "状态码") {
		return name
	}
	if strings.HasPrefix(locale, "zh") {
		return name + " 错误码"
	}
	return name + " error codes"
}

// intro is the paragraph under the heading: the domain's description, or
// a sentence saying where the codes come from.
func intro(c *catalog.Catalog, locale string) string {
	if s := textIn(c.Domain.Description, locale, c.Domain.DefaultLocale()); s != "" {
		return s
	}
	if strings.HasPrefix(locale, "zh") {
		return fmt.Sprintf("本页列出 %s（%s）的错误码。", c.Domain.Name, c.Domain.ID)
	}
	return fmt.Sprintf("The error codes of %s (%s).", c.Domain.Name, c.Domain.ID)
}

func statusText(s *int, none string) string {
	if s == nil {
		return none
	}
	return fmt.Sprint(*s)
}

// has reports whether any row has a non-empty field.
func has(rs []row, field func(row) string) bool {
	for _, r := range rs {
		if field(r) != "" {
			return true
		}
	}
	return false
}

// sortedCatalogs returns cats sorted by domain id.
func sortedCatalogs(cats []*catalog.Catalog) []*catalog.Catalog {
	out := slices.Clone(cats)
	slices.SortStableFunc(out, func(a, b *catalog.Catalog) int { return strings.Compare(a.Domain.ID, b.Domain.ID) })
	return out
}

// pageWriter writes a page to w as trimLines would leave it, as it goes:
// the page is written into the embedded buffer, and maybeFlush hands its
// complete lines on once it holds flushSize bytes, each without trailing
// spaces and tabs; newlines are held back until more text follows, so
// that close ends the page with exactly one.
type pageWriter struct {
	bytes.Buffer
	w       io.Writer
	err     error
	nl      int    // newlines held back
	scratch []byte // the trimmed lines being handed on
}

// maybeFlush hands the complete lines of the buffer on once it holds
// flushSize bytes or more.
func (p *pageWriter) maybeFlush() {
	if p.Len() >= flushSize {
		p.pass(false)
	}
}

// pass hands on the complete lines of the buffer, or all of it when final.
func (p *pageWriter) pass(final bool) {
	n := p.Len()
	if !final {
		n = bytes.LastIndexByte(p.Bytes(), '\n') + 1
	}
	chunk := p.Next(n)
	out := p.scratch[:0]
	for len(chunk) > 0 {
		line, rest, found := bytes.Cut(chunk, []byte("\n"))
		if t := bytes.TrimRight(line, " \t"); len(t) > 0 {
			for ; p.nl > 0; p.nl-- {
				out = append(out, '\n')
			}
			out = append(out, t...)
		}
		if found {
			p.nl++
		}
		chunk = rest
	}
	if len(out) > 0 && p.err == nil {
		_, p.err = p.w.Write(out)
	}
	p.scratch = out
}

// close hands the rest of the page on, ends it with one newline and
// returns the first error of w.
func (p *pageWriter) close() error {
	p.pass(true)
	if p.err == nil {
		_, p.err = p.w.Write([]byte("\n"))
	}
	return p.err
}

// trimLines removes trailing spaces from every line and ends the text with
// exactly one newline.
func trimLines(b []byte) []byte {
	lines := bytes.Split(b, []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimRight(l, " \t")
	}
	out := bytes.TrimRight(bytes.Join(lines, []byte("\n")), "\n")
	return append(out, '\n')
}

// Schema writes catalog.schema.json, the JSON Schema of the catalog
// format (package schema), which every catalog file names on its first
// line. It does not depend on the catalogs.
func Schema(cats []*catalog.Catalog, opts Options) (Files, error) {
	return Files{"catalog.schema.json": schema.Catalog()}, nil
}
