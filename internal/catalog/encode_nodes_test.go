package catalog

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/printer"
	"github.com/goccy/go-yaml/token"
)

// marshalNodes renders c as Marshal did before it wrote the text itself:
// through the YAML library's node tree of the whole catalog (with the two
// fixes noted at awkward and quoteAwkward). Tests hold Marshal's bytes to
// it.
func marshalNodes(c *Catalog, schemaRef string) ([]byte, error) {
	if schemaRef == "" {
		schemaRef = DefaultSchemaRef
	}
	body, err := marshalBody(c, c.Domain.ID)
	if err != nil {
		return nil, err
	}
	return append([]byte(fmt.Sprintf(SchemaComment, schemaRef)), body...), nil
}

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

// quoteAwkward switches awkward string scalars to the double-quoted style,
// and texts the library took for YAML's infinity or NaN (which Marshal
// once wrote bare, and which read back as numbers).
type quoteAwkward struct{}

func (q quoteAwkward) Visit(n ast.Node) ast.Visitor {
	sn, ok := n.(*ast.StringNode)
	if ok && sn.Token != nil && (sn.Token.Type == token.InfinityType || sn.Token.Type == token.NanType) {
		sn.Token.Type = token.DoubleQuoteType
		return q
	}
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
