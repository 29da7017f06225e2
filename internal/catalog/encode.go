package catalog

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/token"
)

// SchemaComment is the first line of every catalog file errcat writes: it
// points editors (yaml-language-server) at the catalog format's JSON Schema.
const SchemaComment = "# yaml-language-server: $schema=%s\n"

// DefaultSchemaRef is where the schema sits relative to catalogs/*.yaml.
const DefaultSchemaRef = "../schema/catalog.schema.json"

// Marshal renders c as a catalog file that Parse reads back to an equal
// catalog. The output is deterministic: fields in model order, map keys
// sorted. schemaRef ("" for DefaultSchemaRef) is written in the header.
//
// The text is appended directly, in the layout the YAML library's encoder
// gives the model (two-space indents, indented sequences, multi-line texts
// as literal blocks) and with its choice of quoting for every string, so
// the bytes are those the library writes; the library's node tree of a
// large catalog costs far more time and memory than the text.
func Marshal(c *Catalog, schemaRef string) ([]byte, error) {
	if schemaRef == "" {
		schemaRef = DefaultSchemaRef
	}
	w := yamlWriter{b: make([]byte, 0, 512+len(c.Entries)*384)}
	w.b = fmt.Appendf(w.b, SchemaComment, schemaRef)
	w.key(0, "domain")
	w.domain(&c.Domain, 2)
	if len(c.Entries) == 0 {
		w.b = append(w.b, "entries: []\n"...)
	} else {
		w.b = append(w.b, "entries:\n"...)
		for i := range c.Entries {
			w.dash = true
			w.entry(&c.Entries[i], 4)
		}
	}
	if w.err != nil {
		return nil, fmt.Errorf("marshal catalog %s: %w", c.Domain.ID, w.err)
	}
	return w.b, nil
}

// yamlWriter appends a catalog's YAML text. Every write of a key starts a
// line at an indent; dash asks that the next key open a sequence item
// ("- " in place of the last two spaces of its indent).
type yamlWriter struct {
	b    []byte
	dash bool
	err  error
}

const spaces = "                                                                "

func (w *yamlWriter) indent(n int) {
	for n > len(spaces) {
		w.b = append(w.b, spaces...)
		n -= len(spaces)
	}
	w.b = append(w.b, spaces[:n]...)
}

// open starts the line of a key at indent ind.
func (w *yamlWriter) open(ind int) {
	if w.dash {
		w.indent(ind - 2)
		w.b = append(w.b, "- "...)
		w.dash = false
		return
	}
	w.indent(ind)
}

// key writes "key:" and ends the line: a mapping or sequence follows.
func (w *yamlWriter) key(ind int, k string) {
	w.open(ind)
	w.b = append(w.b, k...)
	w.b = append(w.b, ":\n"...)
}

// str writes "key: value" for a string value.
func (w *yamlWriter) str(ind int, k, v string) {
	w.open(ind)
	w.b = append(w.b, k...)
	w.b = append(w.b, ": "...)
	w.scalar(v, ind+2, true)
	w.b = append(w.b, '\n')
}

// strKey writes "key: value" for a key that is data (a locale, a field
// name), quoted as a value would be.
func (w *yamlWriter) strKey(ind int, k, v string) {
	w.open(ind)
	w.mapKey(k)
	w.b = append(w.b, ": "...)
	w.scalar(v, ind+2, true)
	w.b = append(w.b, '\n')
}

func (w *yamlWriter) mapKey(k string) {
	if strings.ContainsAny(k, "\n\r") {
		// The library would write such a key as a block scalar, which
		// does not read back; quoted, it does.
		w.b = strconv.AppendQuote(w.b, k)
		return
	}
	w.scalar(k, 0, true)
}

// plain writes "key: v" for a value that needs no quoting (numbers, bools).
func (w *yamlWriter) plain(ind int, k, v string) {
	w.open(ind)
	w.b = append(w.b, k...)
	w.b = append(w.b, ": "...)
	w.b = append(w.b, v...)
	w.b = append(w.b, '\n')
}

func (w *yamlWriter) int(ind int, k string, v int64) {
	w.open(ind)
	w.b = append(w.b, k...)
	w.b = append(w.b, ": "...)
	w.b = strconv.AppendInt(w.b, v, 10)
	w.b = append(w.b, '\n')
}

// strs writes a sequence of strings under key, or "key: []".
func (w *yamlWriter) strs(ind int, k string, vs []string) {
	if len(vs) == 0 {
		w.plain(ind, k, "[]")
		return
	}
	w.key(ind, k)
	for _, v := range vs {
		w.indent(ind + 2)
		w.b = append(w.b, "- "...)
		w.scalar(v, ind+4, false)
		w.b = append(w.b, '\n')
	}
}

// text writes a Text as a mapping of locale to string under key.
func (w *yamlWriter) text(ind int, k string, t Text) {
	if t.Len() == 0 {
		w.plain(ind, k, "{}")
		return
	}
	w.key(ind, k)
	for _, l := range t.Locales() {
		w.strKey(ind+2, l, t.Get(l))
	}
}

// stringMap writes a map of strings under key, keys sorted.
func stringMap[V ~string](w *yamlWriter, ind int, k string, m map[string]V) {
	if len(m) == 0 {
		w.plain(ind, k, "{}")
		return
	}
	w.key(ind, k)
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	for _, key := range keys {
		w.strKey(ind+2, key, string(m[key]))
	}
}

// scalar appends s as the library writes a string: plain where it reads
// back as the same string, double-quoted (Go escapes) where it would not,
// and a literal block (|, |-) for a multi-line text, whose lines are
// indented by pad spaces. In a mapping (inMap) the block's empty lines
// carry the indent too; in a sequence they are empty.
func (w *yamlWriter) scalar(s string, pad int, inMap bool) {
	if strings.ContainsAny(s, "\n\r") {
		if awkward(s) {
			w.b = strconv.AppendQuote(w.b, s)
			return
		}
		w.literal(s, pad, inMap)
		return
	}
	switch {
	case needQuote(s):
		w.b = strconv.AppendQuote(w.b, s)
	case awkward(s), isInfNaN(s):
		// (The YAML library writes .inf and .nan bare; they read back as
		// numbers, not as the text.)
		w.b = strconv.AppendQuote(w.b, s)
	default:
		w.b = append(w.b, s...)
	}
}

// literal appends s, a text holding newlines and no carriage return, as
// a literal block scalar: the header (| keeps one final newline, |- none,
// |+ all), then each line indented by pad spaces.
func (w *yamlWriter) literal(s string, pad int, inMap bool) {
	switch {
	case strings.HasSuffix(s, "\n\n"):
		w.b = append(w.b, "|+"...)
	case strings.HasSuffix(s, "\n"):
		w.b = append(w.b, '|')
	default:
		w.b = append(w.b, "|-"...)
	}
	w.b = append(w.b, '\n')
	start := len(w.b)
	for i, line := 0, ""; ; i++ {
		end := strings.IndexByte(s, '\n')
		if end < 0 {
			line = s
		} else {
			line = s[:end]
		}
		if i > 0 {
			w.b = append(w.b, '\n')
		}
		if line != "" || inMap {
			w.indent(pad)
		}
		w.b = append(w.b, line...)
		if end < 0 {
			break
		}
		s = s[end+1:]
	}
	// The library trims the last line's indent, with the newline before it
	// when there is one.
	block := w.b[start:]
	padded := func(n int) bool {
		if len(block) < n {
			return false
		}
		for _, c := range block[len(block)-n:] {
			if c != ' ' {
				return false
			}
		}
		return true
	}
	if inMap {
		if padded(pad) && len(block) > pad && block[len(block)-pad-1] == '\n' {
			block = block[:len(block)-pad-1]
		}
		if padded(pad) {
			block = block[:len(block)-pad]
		}
	} else if len(block) > 0 && block[len(block)-1] == '\n' {
		block = block[:len(block)-1]
	}
	w.b = w.b[:start+len(block)]
}

// needQuote is the library's token.IsNeedQuoted, with the costly checks
// (number and timestamp parsing, which allocate an error per failure) run
// only on strings that could be a number or a timestamp.
func needQuote(s string) bool {
	if s == "" || maybeNumber(s) {
		return token.IsNeedQuoted(s)
	}
	if len(s) <= 5 && yamlWord(s) || s == "-" {
		return true
	}
	switch s[0] {
	case '*', '&', '[', '{', '}', ']', ',', '!', '|', '>', '%', '\'', '"', '@', ' ', '`':
		return true
	}
	switch s[len(s)-1] {
	case ':', ' ':
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '#', '\\':
			return true
		case ':', '-':
			if i+1 < len(s) && s[i+1] == ' ' {
				return true
			}
		}
	}
	return false
}

// yamlWord reports whether s is one of the words YAML 1.1 or 1.2 reads as
// null or a boolean, which the library quotes.
func yamlWord(s string) bool {
	switch s {
	case "null", "Null", "NULL", "~",
		"true", "True", "TRUE", "false", "False", "FALSE",
		"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"on", "On", "ON", "off", "Off", "OFF":
		return true
	}
	return false
}

// maybeNumber reports whether s could be read as a number or as a
// timestamp: past its signs and underscores, it starts with a digit or a
// point. (An integer too large for 64 bits counts as a number to the
// library whatever follows it.)
func maybeNumber(s string) bool {
	lead := strings.TrimLeft(s, "+-_")
	return lead != "" && (lead[0] == '.' || lead[0] >= '0' && lead[0] <= '9')
}

// isInfNaN reports whether s is one of YAML's infinity or not-a-number
// keywords.
func isInfNaN(s string) bool {
	switch s {
	case ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
		return true
	}
	return false
}

func (w *yamlWriter) domain(d *Domain, ind int) {
	w.str(ind, "id", d.ID)
	w.str(ind, "name", d.Name)
	if d.Provider != "" {
		w.str(ind, "provider", d.Provider)
	}
	w.strs(ind, "locales", d.Locales)
	w.str(ind, "wire_format", d.WireFormat)
	w.str(ind, "code_kind", d.CodeKind)
	if d.SuccessCode != nil {
		w.str(ind, "success_code", *d.SuccessCode)
	}
	if d.InternalCode != "" {
		w.str(ind, "internal_code", d.InternalCode)
	}
	if d.DocsURL != "" {
		w.str(ind, "docs_url", d.DocsURL)
	}
	if d.APIDomain != "" {
		w.str(ind, "api_domain", d.APIDomain)
	}
	if d.Description.Len() > 0 {
		w.text(ind, "description", d.Description)
	}
	if s := d.SubCode; s != nil {
		w.key(ind, "sub_code")
		w.str(ind+2, "field", s.Field)
		w.str(ind+2, "pattern", s.Pattern)
		if s.Example != "" {
			w.str(ind+2, "example", s.Example)
		}
		if s.Description.Len() > 0 {
			w.text(ind+2, "description", s.Description)
		}
	}
	if len(d.Ranges) > 0 {
		w.key(ind, "ranges")
		for _, r := range d.Ranges {
			w.dash = true
			w.int(ind+4, "from", r.From)
			w.int(ind+4, "to", r.To)
			if r.Note != "" {
				w.str(ind+4, "note", r.Note)
			}
		}
	}
	if l := d.Lint; l != nil {
		w.lint(ind, l)
	}
	if s := d.Source; s != nil {
		w.key(ind, "source")
		w.str(ind+2, "file", s.File)
		if s.Format != "" {
			w.str(ind+2, "format", s.Format)
		}
		if s.Title != "" {
			w.str(ind+2, "title", s.Title)
		}
		if s.Updated != "" {
			w.str(ind+2, "updated", s.Updated)
		}
		if s.URL != "" {
			w.str(ind+2, "url", s.URL)
		}
		if len(s.Notes) > 0 {
			w.strs(ind+2, "notes", s.Notes)
		}
	}
}

func (w *yamlWriter) lint(ind int, l *LintConfig) {
	if len(l.Disable) == 0 && len(l.Rules) == 0 {
		w.plain(ind, "lint", "{}")
		return
	}
	w.key(ind, "lint")
	if len(l.Disable) > 0 {
		w.strs(ind+2, "disable", l.Disable)
	}
	if len(l.Rules) == 0 {
		return
	}
	w.key(ind+2, "rules")
	ids := make([]string, 0, len(l.Rules))
	for id := range l.Rules {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		r := l.Rules[id]
		if r.Severity == "" && len(r.Options) == 0 {
			w.open(ind + 4)
			w.mapKey(id)
			w.b = append(w.b, ": {}\n"...)
			continue
		}
		w.open(ind + 4)
		w.mapKey(id)
		w.b = append(w.b, ":\n"...)
		if r.Severity != "" {
			w.str(ind+6, "severity", r.Severity)
		}
		if len(r.Options) > 0 {
			w.key(ind+6, "options")
			w.anyMap(ind+8, reflect.ValueOf(r.Options))
		}
	}
}

// anyValue writes v after "key:" (or "- ") as the library writes a value
// of any type: scalars on the line, mappings and sequences below it at
// ind. Values of rule options are what a YAML decoder makes (strings,
// numbers, booleans, null, lists and maps of them).
func (w *yamlWriter) anyValue(ind int, v reflect.Value, inMap bool) {
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() || ((v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && v.IsNil()) {
		w.b = append(w.b, " null\n"...)
		return
	}
	switch v.Kind() {
	case reflect.String:
		w.b = append(w.b, ' ')
		w.scalar(v.String(), ind, inMap)
	case reflect.Bool:
		w.b = append(w.b, ' ')
		w.b = strconv.AppendBool(w.b, v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		w.b = append(w.b, ' ')
		w.b = strconv.AppendInt(w.b, v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		w.b = append(w.b, ' ')
		w.b = strconv.AppendUint(w.b, v.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		w.b = append(w.b, ' ')
		w.b = append(w.b, formatFloat(v.Float(), v.Type().Bits())...)
	case reflect.Map:
		if v.Len() == 0 {
			w.b = append(w.b, " {}\n"...)
			return
		}
		w.b = append(w.b, '\n')
		w.anyMap(ind, v)
		return
	case reflect.Slice, reflect.Array:
		if v.Len() == 0 {
			w.b = append(w.b, " []\n"...)
			return
		}
		w.b = append(w.b, '\n')
		for i := range v.Len() {
			e := v.Index(i)
			for (e.Kind() == reflect.Interface || e.Kind() == reflect.Pointer) && !e.IsNil() {
				e = e.Elem()
			}
			switch e.Kind() {
			case reflect.Map:
				if e.Len() > 0 {
					w.dash = true
					w.anyMap(ind+2, e)
					continue
				}
			case reflect.Slice, reflect.Array:
				if e.Len() > 0 {
					w.err = fmt.Errorf("a list directly inside a list (%s) is not written", v.Type())
					return
				}
			}
			w.indent(ind)
			w.b = append(w.b, '-')
			w.anyValue(ind+2, e, false)
		}
		return
	default:
		w.err = fmt.Errorf("a value of type %s is not written", v.Type())
		return
	}
	w.b = append(w.b, '\n')
}

// anyMap writes the entries of a map, keys sorted, at indent ind.
func (w *yamlWriter) anyMap(ind int, m reflect.Value) {
	keys := m.MapKeys()
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = fmt.Sprint(k.Interface())
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(names[a], names[b]) })
	for _, i := range order {
		w.open(ind)
		w.mapKey(names[i])
		w.b = append(w.b, ':')
		w.anyValue(ind+2, m.MapIndex(keys[i]), true)
	}
}

// formatFloat writes a float as the library does: shortest form, ".0"
// on a whole number, YAML's names for infinities and NaN.
func formatFloat(f float64, bits int) string {
	switch {
	case math.IsInf(f, 1):
		return ".inf"
	case math.IsInf(f, -1):
		return "-.inf"
	case math.IsNaN(f):
		return ".nan"
	}
	s := strconv.FormatFloat(f, 'g', -1, bits)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

func (w *yamlWriter) entry(e *Entry, ind int) {
	w.str(ind, "code", e.Code)
	if e.HTTPStatus != nil {
		w.int(ind, "http_status", int64(*e.HTTPStatus))
	}
	w.str(ind, "category", string(e.Category))
	if e.Reason != "" {
		w.str(ind, "reason", e.Reason)
	}
	if e.Retryable != nil {
		w.plain(ind, "retryable", strconv.FormatBool(*e.Retryable))
	}
	if e.RetryAfter != "" {
		w.str(ind, "retry_after", e.RetryAfter)
	}
	if len(e.Inferred) > 0 {
		w.strs(ind, "inferred", e.Inferred)
	}
	if e.Title.Len() > 0 {
		w.text(ind, "title", e.Title)
	}
	w.text(ind, "message", e.Message)
	if e.Remediation.Len() > 0 {
		w.text(ind, "remediation", e.Remediation)
	}
	if len(e.Origin) > 0 {
		stringMap(w, ind, "origin", e.Origin)
	}
	if len(e.Params) > 0 {
		w.key(ind, "params")
		for _, p := range e.Params {
			w.dash = true
			w.str(ind+4, "name", p.Name)
			if p.Description != "" {
				w.str(ind+4, "description", p.Description)
			}
		}
	}
	if len(e.Variants) > 0 {
		w.key(ind, "variants")
		for i := range e.Variants {
			v := &e.Variants[i]
			w.dash = true
			if v.HTTPStatus != nil {
				w.int(ind+4, "http_status", int64(*v.HTTPStatus))
			}
			w.text(ind+4, "message", v.Message)
			if v.Remediation.Len() > 0 {
				w.text(ind+4, "remediation", v.Remediation)
			}
			if v.Source != nil {
				w.source(ind+4, v.Source)
			}
		}
	}
	if e.Deprecated {
		w.plain(ind, "deprecated", "true")
	}
	if e.ReplacedBy != "" {
		w.str(ind, "replaced_by", e.ReplacedBy)
	}
	if len(e.Aliases) > 0 {
		w.strs(ind, "aliases", e.Aliases)
	}
	if len(e.Exempt) > 0 {
		w.key(ind, "exempt")
		for _, x := range e.Exempt {
			w.dash = true
			w.str(ind+4, "rule", x.Rule)
			w.str(ind+4, "reason", x.Reason)
		}
	}
	if e.Source != nil {
		w.source(ind, e.Source)
	}
}

func (w *yamlWriter) source(ind int, s *Source) {
	w.key(ind, "source")
	w.str(ind+2, "file", s.File)
	w.int(ind+2, "line", int64(s.Line))
	if len(s.Original) > 0 {
		stringMap(w, ind+2, "original", s.Original)
	}
}

// awkward reports whether the library's plain or literal style would not
// give s back: control characters other than newline, Unicode line
// separators, a byte-order mark, or a multi-line text whose first line
// starts with a space, whose lines end in spaces, that ends in more than
// one newline or that is nothing but a newline.
func awkward(s string) bool {
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20, r == 0x7f, r == 0x85, r == 0x2028, r == 0x2029, r == 0xfeff, r == 0xfffd:
			return true
		}
	}
	if !strings.Contains(s, "\n") {
		// A plain scalar must not look like YAML syntax.
		return s != "" && (strings.ContainsRune("?:-,[]{}#&*!|>'\"%@`", rune(s[0])) ||
			strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":") ||
			strings.TrimSpace(s) != s)
	}
	// A literal block: its first text line cannot start with a space, keeps no trailing
	// spaces of a line, and keeps at most one final newline.
	if rest := strings.TrimLeft(s, "\n"); rest == "" || strings.HasPrefix(rest, " ") || strings.HasSuffix(s, "\n\n") {
		return true
	}
	for line := range strings.SplitSeq(s, "\n") {
		if strings.HasSuffix(line, " ") {
			return true
		}
	}
	return false
}
