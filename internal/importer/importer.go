// Package importer turns published error-code pages into catalogs. It owns
// one parser per source layout and the rules that turn a page's rows into
// catalog entries:
//
//   - markdown: pipe tables (yuin/goldmark with extension.Table), HTML
//     tables inside Markdown, and "bold code, then message paragraph" lists;
//     Docusaurus front matter and DITA {#id .class} attribute blocks.
//   - rst: reStructuredText grid tables (multi-line cells, CJK widths,
//     cells spanning rows and columns), simple tables and list-table
//     directives; definition lists and sections whose term or title is a
//     code.
//   - text: plain-text tables whose columns are separated by gaps or by
//     single spaces (code, multi-word type, description), headed by a line
//     naming the columns.
//   - html: <table> elements (golang.org/x/net/html), colspan and rowspan;
//     codes written as headings, definition terms or bold paragraphs.
//   - asciidoc: |=== tables (header options, cell specs, cells over
//     several lines) and CODE:: message description lists.
//
// Pages with no table but lines of "CODE: message" are read as a list.
// UTF-16 pages with a byte-order mark are decoded; pages that are not UTF-8
// are decoded from the charset their <meta> names, or from GB18030 when
// that yields clean Chinese text. A few stray invalid bytes in a UTF-8 page
// cost the rows that hold them (reported), not the page.
//
// Every parser yields tables of cells with their line numbers; the shared
// row builder then matches columns by their heading (English or Chinese),
// never by position, and turns each row into an entry, or into a variant
// when the code was seen before. A row it cannot read becomes a Diagnostic
// naming file:line and why; no row is ever dropped silently. A repeated
// header row is skipped with a note.
//
// Placeholders in the source become named {params}: printf verbs (%s →
// {detail}, %d → {number}, %v → {value}, or the name of the key in front,
// "id=%d" → {id}), angled <parameter name> → {parameter_name}, and quoted
// generic wording such as "parameter name" → "{parameter_name}". Names are
// snake case; a repeated name in one text is one param. A code with a
// placeholder becomes a code pattern (Invalid{parameter_name}.Malformed).
// The text as published stays in source.original. Text the page escaped as
// character references (&#123;x&#125;, &lt;script&gt;) is literal, not a
// placeholder (see literal).
//
// Where the page is silent, category and retryable are inferred from the
// HTTP status and the wording of code and message, and listed in the
// entry's inferred fields.
package importer

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/errcat/errcat/internal/catalog"
)

// Formats are the source layouts Import reads ("auto" picks one).
var formats = []string{"markdown", "rst", "text", "html", "asciidoc"}

// Formats returns the names of the source layouts Import reads.
func Formats() []string { return slices.Clone(formats) }

// Options tune an import. Zero values mean "detect" or a default.
type Options struct {
	// Format is auto (or ""), markdown, rst, text, html or asciidoc.
	Format string
	// Domain is the domain id; by default derived from the file name.
	Domain string
	// Name is the domain's display name; by default the page title.
	Name string
	// Provider names the API's provider (optional).
	Provider string
	// Locale is the BCP 47 tag of the page's texts; by default zh-CN when
	// the entries' texts are mostly Chinese, else en.
	Locale string
	// WireFormat is the domain's wire format; default "problem".
	WireFormat string
	// CodeKind is integer or string; by default integer when every code is
	// a number.
	CodeKind string
	// SuccessCode is the code that means success. By default a code "0"
	// whose message says success (成功) is taken as the success code.
	SuccessCode string
	// InternalCode names the entry that stands for failures that are not
	// catalog errors (domain.internal_code); it must be on the page.
	InternalCode string
	// DocsURL is the domain's docs URL template ({code} is replaced).
	DocsURL string
	// Description describes the domain (default locale).
	Description string
	// SubCodeDescription describes a detected module sub-code convention.
	SubCodeDescription string
	// SourceURL is where the page is published (domain.source.url).
	SourceURL string
	// Map overrides the roles of columns, named by heading or by number
	// (1-based): "code=错误码,message.en=英文,message.zh-CN=中文,status=3".
	// Roles: code, message, message.LOCALE, status, title, description,
	// remediation, alias, ignore.
	Map string
	// MaxBytes bounds the size of a page Import reads; 0 means
	// DefaultMaxBytes. Error-code pages are small: the bound keeps a wrong
	// file (a log, a dump) from being read whole.
	MaxBytes int
}

// DefaultMaxBytes is the page size Import reads when Options.MaxBytes is 0.
const DefaultMaxBytes = 16 << 20

// maxBytes is the page size limit the options set.
func (o Options) maxBytes() int {
	if o.MaxBytes == 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Check reports options that cannot make a valid domain header: a bad
// domain id, locale tag, wire format or code kind, or an unknown format.
func (o Options) Check() error {
	if o.Format != "" && o.Format != "auto" && !slices.Contains(formats, o.Format) {
		return fmt.Errorf("format %q: want auto, %s", o.Format, strings.Join(formats, ", "))
	}
	d := catalog.Domain{ID: o.Domain, Name: "x", Locales: []string{o.Locale}, WireFormat: o.WireFormat, CodeKind: o.CodeKind}
	if d.ID == "" {
		d.ID = "x"
	}
	if _, err := parseMap(o.Map); err != nil {
		return err
	}
	if o.MaxBytes < 0 {
		return fmt.Errorf("max bytes %d: want 0 (the default, %d) or more", o.MaxBytes, DefaultMaxBytes)
	}
	if o.Locale == "" {
		d.Locales = []string{"en"}
	}
	if d.WireFormat == "" {
		d.WireFormat = "problem"
	}
	if d.CodeKind == "" {
		d.CodeKind = "string"
	}
	var msgs []string
	for _, p := range catalog.Validate(&catalog.Catalog{Domain: d}) {
		msgs = append(msgs, p.Msg)
	}
	if len(msgs) > 0 {
		return errors.New(strings.Join(msgs, "; "))
	}
	return nil
}

// Diagnostic is something to say about a line of a source page: a row
// that could not be read, or a value that could not be taken as it stands
// (SeverityError); or, as a note, something the import left out on
// purpose, such as a repeated header row (SeverityNote).
type Diagnostic struct {
	File     string
	Line     int
	Severity Severity
	Msg      string
}

// Severity says whether a Diagnostic reports a problem or is a note.
type Severity int

const (
	// SeverityError is a row not imported, or imported only in part.
	SeverityError Severity = iota
	// SeverityNote is a row left out as the page means it to be, such as
	// a repeated header row; nothing the page documents is lost.
	SeverityNote
)

func (d Diagnostic) String() string {
	msg := d.Msg
	if d.Severity == SeverityNote {
		msg = "note: " + msg
	}
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", d.File, d.Line, msg)
	}
	return d.File + ": " + msg
}

// Errors counts the diagnostics that report problems (not notes).
func Errors(diags []Diagnostic) int {
	n := 0
	for _, d := range diags {
		if d.Severity == SeverityError {
			n++
		}
	}
	return n
}

// Error is a page Import cannot read at all.
type Error struct {
	File string
	Msg  string
}

func (e *Error) Error() string { return e.File + ": " + e.Msg }

// Import reads one error-code page and returns its catalog, the
// diagnostics of rows it could not read (or read only in part), and an
// error when the page cannot be imported at all: empty, binary, an unknown
// format, or no error table. name is the file name recorded as provenance.
func Import(name string, data []byte, opts Options) (*catalog.Catalog, []Diagnostic, error) {
	return importPage(name, data, opts, nil)
}

// importPage is Import; with preview set it also describes each table
// found there.
func importPage(name string, data []byte, opts Options, preview *strings.Builder) (*catalog.Catalog, []Diagnostic, error) {
	if err := opts.Check(); err != nil {
		return nil, nil, &Error{name, "bad options: " + err.Error()}
	}
	maps, _ := parseMap(opts.Map) // checked by opts.Check
	text, note, bad, err := pageText(name, data, opts.maxBytes())
	if err != nil {
		return nil, nil, err
	}
	format := opts.Format
	if format == "" || format == "auto" {
		format = DetectFormat(name, text)
	}
	var pg *page
	switch format {
	case "markdown":
		pg = parseMarkdown(text)
	case "rst":
		pg = parseRST(text)
	case "text":
		pg = parseText(text)
	case "html":
		pg = parseHTML(text, 0)
	case "asciidoc":
		pg = parseAsciiDoc(text)
	default:
		return nil, nil, &Error{name, fmt.Sprintf("unknown format %q: want auto, %s", format, strings.Join(formats, ", "))}
	}
	pg.format = format
	for _, t := range pg.tables {
		reshape(t)
	}
	pg.plainOutsideCells()
	if note != "" {
		pg.notes = append(pg.notes, note)
	}
	if len(maps) > 0 {
		if missing := applyMap(pg.tables, maps); len(missing) > 0 {
			return nil, nil, &Error{name, fmt.Sprintf("--map names column(s) %s that no table has", quoteAll(missing))}
		}
	}
	b := newBuilder(name, opts)
	b.bad = bad
	for _, d := range pg.diags {
		b.diag(d.line, "%s", d.msg)
	}
	for _, d := range pg.lineNotes {
		b.note(d.line, "%s", plainText(d.msg))
	}
	if preview != nil {
		fmt.Fprintf(preview, "%s: read as %s; %d table(s) or list(s)\n", name, format, len(pg.tables))
	}
	errTables := 0
	for _, t := range pg.tables {
		ne, nv, nd := len(b.entries), b.variants, len(b.diags)
		if b.addTable(t, pg.tables) {
			errTables++
		}
		if preview != nil {
			cols, ok, err := tableColumns(t)
			describeTable(preview, t, cols, ok, err, len(b.entries)-ne, b.variants-nv, len(b.diags)-nd)
		}
	}
	b.reportBad()
	if errTables > 0 {
		b.diags = append(b.diags, b.skipped...)
	}
	if errTables == 0 {
		return nil, b.sortedDiags(), &Error{name, noTableMessage(pg)}
	}
	c, err := b.catalog(pg)
	if err != nil {
		return nil, b.sortedDiags(), err
	}
	return c, b.sortedDiags(), nil
}

func noTableMessage(pg *page) string {
	if len(pg.tables) == 0 {
		return fmt.Sprintf("no error table found (read as %s): no table, and no list of codes with messages", pg.format)
	}
	var hs []string
	for _, t := range pg.tables {
		hs = append(hs, fmt.Sprintf("line %d [%s]", t.line, strings.Join(t.header, " | ")))
	}
	return fmt.Sprintf("no error table found (read as %s): %d table(s), none with an error-code column: %s",
		pg.format, len(pg.tables), strings.Join(hs, "; "))
}

// pageText checks that data is a non-empty text page and normalises it:
// decoded to UTF-8 (from UTF-16 with a byte-order mark, or from a legacy
// charset), no byte-order mark, \n line ends. bad lists, by line, text that
// could not be decoded and now reads as U+FFFD: stray invalid bytes of an
// otherwise UTF-8 (or UTF-16) page. A page with many is not read at all.
func pageText(name string, data []byte, limit int) (text, note string, bad []badText, err error) {
	if len(data) > limit {
		return "", "", nil, &Error{name, fmt.Sprintf("page is %d bytes; the limit is %d (--max-bytes raises it)", len(data), limit)}
	}
	var w *textWriter // set when the page needed more than a check
	if order := utf16BOM(data); order != "" {
		var nul int
		if w, nul = decodeUTF16(data, order); nul >= 0 {
			return "", "", nil, &Error{name, fmt.Sprintf("not a text page: NUL character at offset %d (binary data?)", nul)}
		}
		note = "decoded from utf-16" + order
	} else {
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if i := bytes.IndexByte(data, 0); i >= 0 {
			return "", "", nil, &Error{name, fmt.Sprintf("not a text page: NUL byte at offset %d (binary data?)", i)}
		}
		if !utf8.Valid(data) {
			w = decodeUTF8(data)
			if dec, enc, ok := decodeLegacy(data, w); ok {
				data, note, w = dec, "decoded from "+enc, nil
			} else if !w.strayBytes() {
				return "", "", nil, &Error{name, fmt.Sprintf("not a text page: invalid UTF-8 at offset %d (binary data or another encoding?)", w.firstBad)}
			}
		}
		if w == nil && hasStandIn(data) {
			w = decodeUTF8(data)
		}
	}
	s := ""
	if w != nil {
		s, bad = w.b.String(), w.bad
	} else {
		s = string(data)
	}
	if len(strings.TrimSpace(s)) == 0 {
		return "", "", nil, &Error{name, "empty page: nothing to import"}
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	ctrl := 0
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' && r != '\f' {
			ctrl++
		}
	}
	if ctrl > 8 && ctrl*20 > utf8.RuneCountInString(s) {
		return "", "", nil, &Error{name, fmt.Sprintf("not a text page: %d control characters (binary data?)", ctrl)}
	}
	return s, note, bad, nil
}

// hasStandIn reports whether UTF-8 data holds a noncharacter of the block
// the parsers take stand-ins from.
func hasStandIn(data []byte) bool {
	if !bytes.Contains(data, []byte("\xef\xb7")) {
		return false
	}
	return bytes.ContainsFunc(data, isStandIn)
}

var (
	rstGridRe     = regexp.MustCompile(`(?m)^[ \t]*\+[-=]{3,}(\+[-=]+)*\+[ \t]*$`)
	rstMarkRe     = regexp.MustCompile(`(?m)^(:[a-z_]+:|\.\. [_a-z|])`)
	mdTableRe     = regexp.MustCompile(`(?m)^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$`)
	mdMarkRe      = regexp.MustCompile(`(?m)^(#{1,6} |\*\*[^*\n]+\*\*[ \t]*$|---[ \t]*$)`)
	htmlStartRe   = regexp.MustCompile(`(?i)^\s*(<!doctype html|<html|<table|<body|<div|<!--)`)
	htmlTableTags = regexp.MustCompile(`(?i)<t[dh][\s>]`)
)

var metaCharsetRe = regexp.MustCompile(`(?i)(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)`)

// decodeLegacy decodes a page that is not UTF-8: in the charset its
// <meta> or XML declaration names, else, unless the page is UTF-8 with a
// few stray bytes (asUTF8, its reading as UTF-8), as GB18030 (GBK, GB2312) when
// that decodes cleanly into Chinese text.
func decodeLegacy(data []byte, asUTF8 *textWriter) ([]byte, string, bool) {
	head := data[:min(len(data), 4096)]
	if m := metaCharsetRe.FindSubmatch(head); m != nil {
		if enc, name := charset.Lookup(string(m[1])); enc != nil && name != "utf-8" {
			if out, err := enc.NewDecoder().Bytes(data); err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
				return out, name, true
			}
		}
	}
	if asUTF8.mostlyUTF8() {
		return nil, "", false
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) || !utf8.Valid(out) {
		return nil, "", false
	}
	for _, r := range string(out) {
		if isHan(r) {
			return out, "gb18030", true
		}
	}
	return nil, "", false
}

// DetectFormat picks a source layout from the file name's extension and,
// for other names (.txt), from the page's content.
func DetectFormat(name string, text string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown", ".mdx":
		return "markdown"
	case ".rst", ".rest":
		return "rst"
	case ".html", ".htm", ".xhtml":
		return "html"
	case ".adoc", ".asciidoc", ".asc":
		return "asciidoc"
	}
	switch {
	case htmlStartRe.MatchString(text) && htmlTableTags.MatchString(text):
		return "html"
	case adocMarkRe.MatchString(text):
		return "asciidoc"
	case rstGridRe.MatchString(text), rstMarkRe.MatchString(text):
		return "rst"
	case mdTableRe.MatchString(text), mdMarkRe.MatchString(text):
		return "markdown"
	case htmlTableTags.MatchString(text):
		return "html"
	}
	return "text"
}

// page is what a parser reads off a source page.
type page struct {
	format  string
	title   string
	updated string
	notes   []string
	prose   []string // paragraphs outside tables, for conventions such as sub-codes
	tables  []*table
	diags   []lineDiag
	// lineNotes are notes on lines left out on purpose (group headings).
	lineNotes []lineDiag
}

// plainOutsideCells turns the stand-ins of escaped characters back into
// text everywhere but in the rows' cells, which keep them for the
// placeholder rewrite.
func (pg *page) plainOutsideCells() {
	pg.title = plainText(pg.title)
	for i, p := range pg.prose {
		pg.prose[i] = plainText(p)
	}
	for _, t := range pg.tables {
		for i, h := range t.header {
			t.header[i] = plainText(h)
		}
	}
	for i, d := range pg.diags {
		pg.diags[i].msg = plainText(d.msg)
	}
}

type lineDiag struct {
	line int
	msg  string
}

// table is a table of cells with line numbers. When roles is set the
// columns' meaning is known (lists of codes); otherwise the builder reads it
// off header.
type table struct {
	line   int
	end    int // the table's last line; 0 when not known (lists)
	header []string
	roles  []role
	mapped []bool // per column, whether --map gave its role
	// stub is the number of stub columns (row headings) the layout
	// declares; an unnamed first stub column holds the codes.
	stub int
	locs []string // per column, the locale of a message column, when known
	rows []row
	// section is the heading of the page's section that holds the table,
	// when the reader knows it: a vertical table with no code field under
	// a heading that is a code documents that code.
	section string
}

type row struct {
	line  int
	cells []string
	// extra are cells beyond the header's columns (kept, and reported).
	extra []string
	// missing counts the columns, from the last, for which the row has no
	// cell at all (read as empty, and reported).
	missing int
}

// collapseSpace joins the fields of s with single spaces, keeping blank-line
// paragraph breaks as "\n\n". A line break between two wide (CJK)
// characters is dropped, as Chinese text wraps without spaces.
func collapseSpace(s string) string {
	if singleSpaced(s) {
		return s
	}
	return collapseSpaceAll(s)
}

// collapseSpaceAll is collapseSpace for any s.
func collapseSpaceAll(s string) string {
	paras := strings.Split(strings.ReplaceAll(s, "\u00a0", " "), "\n\n")
	out := paras[:0]
	for _, p := range paras {
		var b strings.Builder
		rs := []rune(strings.TrimSpace(p))
		for i := 0; i < len(rs); i++ {
			if !unicode.IsSpace(rs[i]) {
				b.WriteRune(rs[i])
				continue
			}
			j, newline := i, false
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				newline = newline || rs[j] == '\n'
				j++
			}
			if !(newline && i > 0 && j < len(rs) && runeWidth(rs[i-1]) == 2 && runeWidth(rs[j]) == 2) {
				b.WriteByte(' ')
			}
			i = j - 1
		}
		if b.Len() > 0 {
			out = append(out, b.String())
		}
	}
	return strings.Join(out, "\n\n")
}

// singleSpaced reports whether collapseSpace leaves s as it is: printable
// ASCII whose only white space is single spaces between words.
func singleSpaced(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c > '~' || c == ' ' && s[i+1] == ' ' {
			return false
		}
	}
	return true
}

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex []int

func newLineIndex(s string) lineIndex {
	idx := lineIndex{0}
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (li lineIndex) line(off int) int {
	n, found := slices.BinarySearch(li, off)
	if found {
		return n + 1
	}
	return n
}
