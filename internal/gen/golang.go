package gen

import (
	"bytes"
	"fmt"
	"go/build/constraint"
	"go/doc/comment"
	"go/format"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/catalog"
)

// RuntimeImport is the import path of the runtime the generated code uses.
const RuntimeImport = "github.com/errcat/errcat"

// GoFile is the name of the file the Go generator writes per package.
const GoFile = "errcodes.go"

// Go writes a Go package per domain: with one catalog, GoFile in package
// opts.Package (derived from the domain id when empty); with several,
// PKG/GoFile per domain with PKG derived from the domain id.
//
// The values are those defs.FromCatalog builds from the catalog, written
// as Go literals, so generated code and a catalog loaded at run time agree
// field for field. Each package exports functions only: Domain() (the
// *errcat.Domain), NAME() (the *errcat.Def of a code, named by GoNames),
// NewNAME(params…) (an error of that code with its params filled in),
// IsNAME(err) and Defs() (every Def, sorted by code). The Defs and the
// domain live in one unexported struct built by a function, which wires
// the domain's Internal error (the catalog's InternalEntry) and each Def's
// Domain without init. Doc comments carry the status, category, and
// message and remediation in every locale. The output is gofmt'ed and
// starts with the generated-code marker.
func Go(cats []*catalog.Catalog, opts Options) (Files, error) {
	return collect(cats, opts, StreamGo)
}

// StreamGo is Go writing each package as it goes, goChunk codes at a
// time: every declaration is written already formatted as go/format lays
// it out (doc comments through go/doc/comment, as go/printer does), and
// go/format formats only the file's head and a chunk holding something
// the direct writers do not lay out themselves; so neither the source
// nor its syntax tree is ever whole in memory. The bytes are those
// go/format gives for the whole file.
func StreamGo(cats []*catalog.Catalog, opts Options, create CreateFunc) error {
	if opts.Package != "" && len(cats) != 1 {
		return fmt.Errorf("gen go: --package names one package; pick one domain (have %d)", len(cats))
	}
	sorted := sortedCatalogs(cats)
	pkgs, paths := make([]string, len(sorted)), make([]string, len(sorted))
	seen := map[string]bool{}
	for i, c := range sorted {
		pkg := opts.Package
		path := GoFile
		if pkg == "" {
			pkg = GoPackageName(c.Domain.ID)
		}
		if len(cats) > 1 {
			path = pkg + "/" + GoFile
			if seen[path] {
				return fmt.Errorf("gen go: two domains give the package name %s; generate them one at a time with --package", pkg)
			}
			seen[path] = true
		}
		pkgs[i], paths[i] = pkg, path
	}
	for i, c := range sorted {
		w, err := create(paths[i])
		if err != nil {
			return err
		}
		if err := writeGoPackage(w, c, pkgs[i], goChunk); err != nil {
			return err
		}
	}
	return nil
}

// goChunk is the number of codes whose declarations are written (or
// formatted by go/format) at once.
const goChunk = 256

// What writeGoPackage formats at once: a whole file, declarations, or
// statements of a function body.
const (
	goFile = iota
	goDecls
	goStmts
)

// Identifiers of the generated package besides those GoNames gives out
// (which are exported, so never clash with these).
const (
	goAll      = "all"            // the variable holding the built struct
	goDefsType = "definitions"    // the struct: the domain and a Def per code
	goNewDefs  = "newDefinitions" // the function that builds the struct
	goDomain   = "domain"         // the struct's field holding the domain
)

// writeGoPackage writes the package of c to w, the declarations of chunk
// codes at a time.
func writeGoPackage(w io.Writer, c *catalog.Catalog, pkg string, chunk int) error {
	names, err := GoNames(c)
	if err != nil {
		return fmt.Errorf("gen go: %w", err)
	}
	// One entry per code (its first), sorted by code; their Defs are
	// built chunk entries at a time (chunkDefs), never all at once.
	order := make([]int, len(c.Entries))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return compareCodes(c.Entries[a].Code, c.Entries[b].Code) })
	order = slices.CompactFunc(order, func(a, b int) bool { return c.Entries[a].Code == c.Entries[b].Code })
	dom, _ := defs.FromCatalog(&catalog.Catalog{Domain: c.Domain})
	if e := c.InternalEntry(); e != nil {
		// defs.FromCatalog makes it the domain's Internal when it is the
		// first entry of its code; only its code is written.
		k, _ := slices.BinarySearchFunc(order, e.Code, func(i int, code string) int { return compareCodes(c.Entries[i].Code, code) })
		if k < len(order) && &c.Entries[order[k]] == e {
			dom.Internal = &errcat.Def{Domain: dom, Code: e.Code}
		}
	}
	chunkDefs := func(part []int) []*errcat.Def {
		sub := &catalog.Catalog{Domain: c.Domain, Entries: make([]catalog.Entry, len(part))}
		for k, i := range part {
			sub.Entries[k] = c.Entries[i]
		}
		_, ds := defs.FromCatalog(sub)
		for _, d := range ds {
			d.Domain = dom
		}
		return ds
	}
	chunks := func(yield func(part []int) bool) {
		for start := 0; start < len(order); start += chunk {
			if !yield(order[start:min(start+chunk, len(order))]) {
				return
			}
		}
	}
	ref := func(v reflect.Value) (string, bool) {
		switch p := v.Interface().(type) {
		case *errcat.Domain:
			if p == dom {
				return "&d." + goDomain, true
			}
		case *errcat.Def:
			if n, ok := names[p.Code]; ok && p.Domain == dom {
				return "&d." + n, true
			}
		}
		return "", false
	}

	out := &errWriter{w: w}
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	// flush formats the source in b and writes it: a whole file (the
	// package clause on), declarations, or statements of a function
	// body. Declarations and statements are formatted inside a file (a
	// package clause before them, a function around the statements)
	// and cut out of it: go/format's own partial mode formats doc
	// comments differently from a whole file.
	flush := func(kind int) error {
		var head, tail string
		switch kind {
		case goDecls:
			head = "package p\n\n"
		case goStmts:
			head, tail = "package p\n\nfunc _() {\n", "}\n"
		}
		src, err := format.Source(append([]byte(head), append(b.Bytes(), tail...)...))
		if err != nil {
			return fmt.Errorf("gen go %s: formatting the generated code: %w", dom.ID, err)
		}
		if !bytes.HasPrefix(src, []byte(head)) || !bytes.HasSuffix(src, []byte(tail)) {
			return fmt.Errorf("gen go %s: formatting the generated code: unexpected layout", dom.ID)
		}
		b.Reset()
		out.bytes(src[len(head) : len(src)-len(tail)])
		if kind != goStmts {
			out.str("\n")
		}
		return out.err
	}
	p("// Code generated by errcat. DO NOT EDIT.\n\n")
	p("// Package %s holds the error codes of %s (domain %s) as errcat\n", pkg, commentText(oneLine(dom.Name)), dom.ID)
	p("// definitions: per code, a function returning its *errcat.Def, a\n")
	p("// constructor of its errors and a predicate.\n")
	p("package %s\n\n", pkg)
	p("import (\n\"errors\"\n\n%q\n)\n\n", RuntimeImport)
	p("// Domain returns the %s error domain.\n", dom.ID)
	p("func Domain() *errcat.Domain { return &%s.%s }\n", goAll, goDomain)
	if err := flush(goFile); err != nil {
		return err
	}
	// The declarations of each code are written already formatted
	// (goDeclsFormatted); a chunk holding anything that formatter does
	// not know how to lay out is formatted by go/format instead.
	var direct bytes.Buffer
	for part := range chunks {
		ok := true
		direct.Reset()
		for k, d := range chunkDefs(part) {
			n, e := names[d.Code], &c.Entries[part[k]]
			code := commentText(oneLine(d.Code))
			status := "no documented HTTP status"
			if d.HTTPStatus != 0 {
				status = fmt.Sprintf("HTTP %d", d.HTTPStatus)
			}
			start := b.Len()
			p("// %s returns the definition of code %s (%s, %s", n, code, status, commentText(d.Category))
			if d.Retryable {
				p(", retryable")
			}
			p(").\n")
			docTexts(&b, &c.Domain, e)
			deprecated := func() {
				if e.Deprecated {
					p("//\n// Deprecated: the code is retired")
					if e.ReplacedBy != "" {
						p("; use %s instead", commentText(oneLine(e.ReplacedBy)))
					}
					p(".\n")
				}
			}
			deprecated()
			ok = ok && writeGoDoc(&direct, b.Bytes()[start:])
			p("func %s() *errcat.Def { return &%s.%s }\n\n", n, goAll, n)
			ok = ok && writeGoDefFunc(&direct, n)

			args := goParamNames(e.Params)
			var decl, kv []string
			for i, name := range d.Params {
				decl = append(decl, args[i]+" string")
				kv = append(kv, strconv.Quote(name), args[i])
			}
			start = b.Len()
			if len(d.Params) > 0 {
				p("// New%s returns an error with code %s and its parameters filled in.\n", n, code)
			} else {
				p("// New%s returns an error with code %s.\n", n, code)
			}
			deprecated()
			ok = ok && writeGoDoc(&direct, b.Bytes()[start:])
			p("func New%s(%s) *errcat.Error {\nreturn %s().New(%s)\n}\n\n", n, strings.Join(decl, ", "), n, strings.Join(kv, ", "))
			fmt.Fprintf(&direct, "func New%s(%s) *errcat.Error {\n\treturn %s().New(%s)\n}\n\n", n, strings.Join(decl, ", "), n, strings.Join(kv, ", "))
			start = b.Len()
			p("// Is%s reports whether err is, or wraps, an error with code %s.\n", n, code)
			ok = ok && writeGoDoc(&direct, b.Bytes()[start:])
			p("func Is%s(err error) bool {\nreturn errors.Is(err, %s())\n}\n\n", n, n)
			fmt.Fprintf(&direct, "func Is%s(err error) bool {\n\treturn errors.Is(err, %s())\n}\n\n", n, n)
		}
		if ok {
			b.Reset()
			out.bytes(direct.Bytes())
			continue
		}
		if err := flush(goDecls); err != nil {
			return err
		}
	}

	// The declarations over every code, as go/format writes them: a
	// tab per level of indentation, struct field types aligned one
	// space after the longest name.
	out.str("// Defs returns every definition of the domain, sorted by code.\n")
	out.str("func Defs() []*errcat.Def {\n\treturn []*errcat.Def{")
	if len(order) > 0 {
		out.str("\n")
		for _, i := range order {
			out.str("\t\t&" + goAll + "." + names[c.Entries[i].Code] + ",\n")
		}
		out.str("\t")
	}
	out.str("}\n}\n\n")
	out.str("// " + goAll + " holds the domain and its definitions.\n")
	out.str("var " + goAll + " = " + goNewDefs + "()\n\n")
	out.str("// " + goDefsType + " is the domain and one errcat.Def per code, held together so\n")
	out.str("// that the domain's internal error and each Def's domain refer to\n")
	out.str("// one another.\n")
	out.str("type " + goDefsType + " struct {\n")
	width := utf8.RuneCountInString(goDomain)
	for _, i := range order {
		width = max(width, utf8.RuneCountInString(names[c.Entries[i].Code]))
	}
	field := func(name, typ string) {
		out.str("\t" + name + strings.Repeat(" ", width+1-utf8.RuneCountInString(name)) + typ + "\n")
	}
	field(goDomain, "errcat.Domain")
	for _, i := range order {
		field(names[c.Entries[i].Code], "errcat.Def")
	}
	out.str("}\n\n")
	out.str("// " + goNewDefs + " builds the domain and its definitions.\n")
	out.str("func " + goNewDefs + "() *" + goDefsType + " {\n\td := new(" + goDefsType + ")\n")
	lit, err := goLiteral(reflect.ValueOf(dom).Elem(), ref)
	if err != nil {
		return fmt.Errorf("gen go %s: %w", dom.ID, err)
	}
	// The statements are written already formatted too (writeGoStmt),
	// a chunk at a time, or formatted by go/format when one of them is
	// not of the layout writeGoStmt knows.
	p("d.%s = %s\n", goDomain, lit)
	direct.Reset()
	ok := writeGoStmt(&direct, goDomain, lit)
	flushStmts := func() error {
		defer func() { direct.Reset(); ok = true }()
		if ok {
			b.Reset()
			out.bytes(direct.Bytes())
			return out.err
		}
		return flush(goStmts)
	}
	for part := range chunks {
		for _, d := range chunkDefs(part) {
			lit, err := goLiteral(reflect.ValueOf(d).Elem(), ref)
			if err != nil {
				return fmt.Errorf("gen go %s %s: %w", dom.ID, d.Code, err)
			}
			p("d.%s = %s\n", names[d.Code], lit)
			ok = ok && writeGoStmt(&direct, names[d.Code], lit)
		}
		if err := flushStmts(); err != nil {
			return err
		}
	}
	if b.Len() > 0 {
		if err := flushStmts(); err != nil {
			return err
		}
	}
	out.str("\treturn d\n}\n")
	return out.err
}

// writeGoDoc writes the doc comment src (whole "//" lines) to w as gofmt
// lays out the doc comment of a top-level declaration: its text
// reformatted by go/doc/comment (go/printer's formatDocComment), each line
// without trailing white space. It reports false, writing nothing, for a
// comment gofmt treats otherwise: a directive or a build constraint line.
func writeGoDoc(w *bytes.Buffer, src []byte) bool {
	var text strings.Builder
	for line := range strings.Lines(string(src)) {
		line = strings.TrimSuffix(line, "\n")
		after, found := strings.CutPrefix(line, "//")
		if !found || goDirective(after) || constraint.IsGoBuild(line) || constraint.IsPlusBuild(line) || strings.HasPrefix(line, "//line ") {
			return false
		}
		text.WriteString(strings.TrimPrefix(after, " "))
		text.WriteString("\n")
	}
	if text.Len() == 0 {
		return false
	}
	var parser comment.Parser
	var printer comment.Printer
	formatted := string(printer.Comment(parser.Parse(text.String())))
	for line := range strings.Lines(formatted) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "":
			line = "//"
		case strings.HasPrefix(line, "\t"):
			line = "//" + line
		default:
			line = "// " + line
		}
		w.WriteString(strings.TrimRightFunc(line, unicode.IsSpace))
		w.WriteString("\n")
	}
	return true
}

// goDirective reports whether the text after "//" is a comment directive
// (go/printer's isDirective): gofmt moves those to the end of a doc
// comment.
func goDirective(c string) bool {
	if strings.HasPrefix(c, "line ") || strings.HasPrefix(c, "extern ") || strings.HasPrefix(c, "export ") {
		return true
	}
	colon := strings.Index(c, ":")
	if colon <= 0 || colon+1 >= len(c) {
		return false
	}
	for i := 0; i <= colon+1; i++ {
		if i == colon {
			continue
		}
		if b := c[i]; !('a' <= b && b <= 'z' || '0' <= b && b <= '9') {
			return false
		}
	}
	return true
}

// writeGoDefFunc writes the function returning the Def named n, as gofmt
// lays it out: on one line when its header and body fit in 100 columns
// (go/printer's funcBody), else over three. It reports false, writing
// nothing, for a name that is not ASCII (whose width in columns it does
// not establish).
func writeGoDefFunc(w *bytes.Buffer, n string) bool {
	for i := 0; i < len(n); i++ {
		if n[i] >= utf8.RuneSelf {
			return false
		}
	}
	header := "func " + n + "() *errcat.Def"
	body := "return &" + goAll + "." + n
	if len(header)+len(body) <= 100 {
		w.WriteString(header + " { " + body + " }\n\n")
	} else {
		w.WriteString(header + " {\n\t" + body + "\n}\n\n")
	}
	return true
}

// writeGoStmt writes the statement assigning the composite literal lit
// (as goLiteral writes it) to d.name, inside a function, as gofmt lays it
// out: a field per line indented by two tabs, each value one space after
// the longest key and its colon (go/printer aligns the keys of a literal
// whose elements are each on one line and whose keys are at most 40
// columns). It reports false, writing nothing, for a literal of another
// shape.
func writeGoStmt(w *bytes.Buffer, name, lit string) bool {
	lines := strings.Split(lit, "\n")
	if len(lines) < 3 || lines[len(lines)-1] != "}" || !strings.HasSuffix(lines[0], "{") {
		return false
	}
	fields := lines[1 : len(lines)-1]
	width := 0
	for _, f := range fields {
		k := strings.Index(f, ": ")
		// go/printer stops aligning at an element it does not measure
		// as one line (over a million columns).
		if k <= 0 || k > 40 || !strings.HasSuffix(f, ",") || len(f) > 1e5 {
			return false
		}
		for i := 0; i < k; i++ {
			if c := f[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_') {
				return false
			}
		}
		width = max(width, k)
	}
	w.WriteString("\td." + name + " = " + lines[0] + "\n")
	for _, f := range fields {
		k := strings.Index(f, ": ")
		w.WriteString("\t\t" + f[:k+1] + strings.Repeat(" ", width-k+1) + f[k+2:] + "\n")
	}
	w.WriteString("\t}\n")
	return true
}

// goLiteral writes the struct v (an errcat.Domain or errcat.Def) as a
// composite literal of its exported fields that are not zero, in
// declaration order: strings, ints, bools, string slices and string maps
// (sorted keys) as Go literals, and pointers as ref names them. Any other
// field is an error, so a field added to the runtime types is either
// written or noticed.
func goLiteral(v reflect.Value, ref func(reflect.Value) (string, bool)) (string, error) {
	t := v.Type()
	var b strings.Builder
	b.WriteString("errcat." + t.Name() + "{\n")
	for i := range t.NumField() {
		f, fv := t.Field(i), v.Field(i)
		if !f.IsExported() || fv.IsZero() {
			continue
		}
		var s string
		switch {
		case fv.Kind() == reflect.String:
			s = strconv.Quote(fv.String())
		case fv.Kind() == reflect.Int, fv.Kind() == reflect.Int64: // Int64: a time.Duration in nanoseconds
			s = strconv.FormatInt(fv.Int(), 10)
		case fv.Kind() == reflect.Bool:
			s = "true"
		case fv.Type() == reflect.TypeFor[[]string]():
			s = goStrings(fv.Interface().([]string))
		case fv.Type() == reflect.TypeFor[map[string]string]():
			s = goText(fv.Interface().(map[string]string))
		case fv.Kind() == reflect.Pointer:
			var ok bool
			if s, ok = ref(fv); !ok {
				return "", fmt.Errorf("%s.%s points outside the domain", t.Name(), f.Name)
			}
		default:
			return "", fmt.Errorf("cannot write %s.%s of type %s as Go", t.Name(), f.Name, f.Type)
		}
		b.WriteString(f.Name + ": " + s + ",\n")
	}
	b.WriteString("}")
	return b.String(), nil
}

// docTexts writes the title, message, remediation and variants of e in
// every locale as doc comment paragraphs; a translated locale says so.
func docTexts(b *bytes.Buffer, d *catalog.Domain, e *catalog.Entry) {
	locs := slices.Clone(d.Locales)
	for _, t := range []catalog.Text{e.Title, e.Message, e.Remediation} {
		for _, l := range t.Locales() {
			if !slices.Contains(locs, l) {
				locs = append(locs, l)
			}
		}
	}
	para := func(label, text string) {
		if text == "" {
			return
		}
		b.WriteString("//\n")
		lines := strings.Split(strings.TrimSpace(text), "\n")
		fmt.Fprintf(b, "// %s: %s\n", label, commentText(strings.TrimSpace(lines[0])))
		for _, l := range lines[1:] {
			fmt.Fprintf(b, "// %s\n", commentText(strings.TrimSpace(l)))
		}
	}
	for _, l := range locs {
		tag := l
		if o := e.OriginOf(l); o != catalog.OriginSource {
			tag += ", " + string(o)
		}
		para("Title ("+tag+")", e.Title.Get(l))
		para("Message ("+tag+")", e.Message.Get(l))
		para("Remediation ("+tag+")", e.Remediation.Get(l))
	}
	for _, v := range e.Variants {
		st := "no status"
		if v.HTTPStatus != nil {
			st = "HTTP " + strconv.Itoa(*v.HTTPStatus)
		}
		for _, l := range locs {
			para("Also documented ("+st+", "+l+")", v.Message.Get(l))
		}
	}
}

// goText renders a locale → text map as a map literal with sorted keys.
func goText(t map[string]string) string {
	var parts []string
	for _, l := range slices.Sorted(maps.Keys(t)) {
		parts = append(parts, strconv.Quote(l)+": "+strconv.Quote(t[l]))
	}
	return "map[string]string{" + strings.Join(parts, ", ") + "}"
}

func goStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return "[]string{" + strings.Join(q, ", ") + "}"
}

// compareCodes orders numeric codes by value, before other codes, and
// other codes as strings.
func compareCodes(a, b string) int {
	na, nb := isNumber(a), isNumber(b)
	switch {
	case na && nb:
		if len(a) != len(b) {
			return len(a) - len(b)
		}
		return strings.Compare(a, b)
	case na:
		return -1
	case nb:
		return 1
	}
	return strings.Compare(a, b)
}

// commentText makes s safe inside a // comment: control characters
// become spaces, and invalid UTF-8 and byte order marks (which Go source
// may not hold) become U+FFFD.
func commentText(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD"), r == '\uFEFF':
			b.WriteRune('\uFFFD')
		case unicode.IsControl(r) && r != '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
