package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/printer"
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
func Marshal(c *Catalog, schemaRef string) ([]byte, error) {
	if schemaRef == "" {
		schemaRef = DefaultSchemaRef
	}
	out := []byte(fmt.Sprintf(SchemaComment, schemaRef))
	if len(c.Entries) <= marshalChunk {
		body, err := marshalBody(c, c.Domain.ID)
		if err != nil {
			return nil, err
		}
		return append(out, body...), nil
	}
	// A large catalog is written a chunk of entries at a time: the YAML
	// library's node tree of a whole catalog costs far more memory (and
	// time collecting it) than the text, and the entries of a sequence
	// print the same alone as together.
	head := *c
	head.Entries = nil
	body, err := marshalBody(&head, c.Domain.ID)
	if err != nil {
		return nil, err
	}
	const emptyEntries = "entries: []\n"
	if !bytes.HasSuffix(body, []byte(emptyEntries)) {
		body, err = marshalBody(c, c.Domain.ID)
		return append(out, body...), err
	}
	out = append(out, body[:len(body)-len(emptyEntries)]...)
	out = append(out, "entries:\n"...)
	chunks := make([][]byte, (len(c.Entries)+marshalChunk-1)/marshalChunk)
	errs := make([]error, len(chunks))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(chunks)) {
		wg.Go(func() {
			for i := range next {
				part := struct {
					Entries []Entry `yaml:"entries"`
				}{c.Entries[i*marshalChunk : min(len(c.Entries), (i+1)*marshalChunk)]}
				b, err := marshalBody(&part, c.Domain.ID)
				if err == nil && !bytes.HasPrefix(b, []byte("entries:\n")) {
					err = fmt.Errorf("marshal catalog %s: unexpected entries layout", c.Domain.ID)
				}
				if err != nil {
					errs[i] = err
					continue
				}
				chunks[i] = b[len("entries:\n"):]
			}
		})
	}
	for i := range chunks {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, b := range chunks {
		out = append(out, b...)
	}
	return out, nil
}

// marshalChunk is how many entries Marshal renders at a time.
const marshalChunk = 256

// marshalBody renders v in the catalog file's style, without the schema
// comment.
func marshalBody(v any, id string) ([]byte, error) {
	node, err := yaml.ValueToNode(v,
		yaml.Indent(2),
		yaml.IndentSequence(true),
		yaml.UseLiteralStyleIfMultiline(true),
	)
	if err != nil {
		return nil, fmt.Errorf("marshal catalog %s: %w", id, err)
	}
	// The library writes tabs, carriage returns and a literal block whose
	// first line starts with a space in forms that do not read back as
	// written; such strings go out double-quoted instead.
	ast.Walk(quoteAwkward{}, node)
	var p printer.Printer
	return p.PrintNode(node), nil
}

// awkward reports whether the library's plain or literal style would not
// give s back: control characters other than newline, Unicode line
// separators, a byte-order mark, or a multi-line text whose first line
// starts with a space, whose lines end in spaces, or that ends in more
// than one newline.
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
	if strings.HasPrefix(strings.TrimLeft(s, "\n"), " ") || strings.HasSuffix(s, "\n\n") {
		return true
	}
	for line := range strings.SplitSeq(s, "\n") {
		if strings.HasSuffix(line, " ") {
			return true
		}
	}
	return false
}

// quoteAwkward switches awkward string scalars to the double-quoted style.
type quoteAwkward struct{}

func (q quoteAwkward) Visit(n ast.Node) ast.Visitor {
	sn, ok := n.(*ast.StringNode)
	if !ok || sn.Token == nil || sn.Token.Type != token.StringType {
		return q
	}
	// A value the library quoted itself holds its quoted form already:
	// strconv.Quote's output, which a text such as "\"\r\"" (a bare
	// carriage return between quotes) only resembles.
	if strings.HasPrefix(sn.Value, `"`) {
		if u, err := strconv.Unquote(sn.Value); err == nil && strconv.Quote(u) == sn.Value {
			return q
		}
	}
	if awkward(sn.Value) {
		sn.Token.Type = token.DoubleQuoteType
	}
	return q
}
