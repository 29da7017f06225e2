package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Error is a problem at a place in a catalog file.
type Error struct {
	File string
	Line int // 0 when unknown
	Col  int
	Msg  string
}

func (e *Error) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	case e.File != "":
		return e.File + ": " + e.Msg
	}
	return e.Msg
}

// ErrorList is several problems of one or more files, sorted by place.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap exposes each problem to errors.As.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

func (l ErrorList) sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
}

// LoadFile reads and parses one catalog file.
func LoadFile(name string) (*Catalog, error) {
	data, err := readFile(name)
	if err != nil {
		return nil, err
	}
	return Parse(name, data)
}

// Parse parses and validates one catalog. name is used in error messages.
// Every problem is reported as file:line:col: reason; Parse never panics.
func Parse(name string, data []byte) (*Catalog, error) {
	c := new(Catalog)
	body, err := decodeDocument(name, data, "catalog", "domain and entries", c)
	if err != nil {
		return nil, err
	}
	c.File = name
	recordPositions(body, c)

	var list ErrorList
	for _, p := range Validate(c) {
		list = append(list, problemError(name, body, p))
	}
	for _, p := range codeProblems(c) {
		list = append(list, problemError(name, body, p))
	}
	if len(list) > 0 {
		list.sort()
		return nil, list
	}
	return c, nil
}

// decodeDocument reads data as one YAML document holding a mapping (a
// what with keys) into v, strictly: unknown keys, wrong types and
// duplicate keys are errors at their place, and every value is what is
// written (checkWritten). It returns the document's body for placing
// later problems.
func decodeDocument(name string, data []byte, what, keys string, v any) (body ast.Node, err error) {
	defer func() {
		// The YAML library is third-party code; a panic in it on hostile
		// input must become an error, not a crash.
		if r := recover(); r != nil {
			body, err = nil, &Error{File: name, Msg: fmt.Sprintf("cannot parse: %v", r)}
		}
	}()
	f, err := parseYAML(name, data)
	if err != nil {
		return nil, err
	}
	if len(f.Docs) == 0 || f.Docs[0].Body == nil {
		return nil, &Error{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("empty %s: want a mapping with %s", what, keys)}
	}
	if len(f.Docs) > 1 {
		return nil, tokenError(name, f.Docs[1].GetToken(), fmt.Sprintf("a%s %s file holds one YAML document", article(what), what))
	}
	body = f.Docs[0].Body
	switch body.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
	default:
		return nil, tokenError(name, body.GetToken(), fmt.Sprintf("a%s %s is a mapping with %s", article(what), what, keys))
	}
	if err := yaml.NodeToValue(body, v, yaml.DisallowUnknownField()); err != nil {
		return nil, yamlError(name, err)
	}
	if list := checkWritten(name, body, v); len(list) > 0 {
		return nil, list
	}
	return body, nil
}

// parseYAML parses data with the YAML library, within the loader's
// limits: the bytes are checked before the library reads them (prescan)
// and its tokens before its parser builds a tree of them (checkTokens).
func parseYAML(name string, data []byte) (*ast.File, error) {
	if err := sizeError(name, len(data), false); err != nil {
		return nil, err
	}
	lim := stdLimits()
	if err := prescan(name, data, lim); err != nil {
		return nil, err
	}
	if err := sizeError(name, len(data), true); err != nil {
		return nil, err
	}
	tokens := lexer.Tokenize(string(data))
	if err := checkTokens(name, tokens, lim); err != nil {
		return nil, err
	}
	f, err := parser.Parse(tokens, 0)
	if err != nil {
		return nil, yamlError(name, err)
	}
	return f, nil
}

func article(word string) string {
	if strings.ContainsRune("aeiou", rune(word[0])) {
		return "n"
	}
	return ""
}

func yamlError(name string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		msg := ye.GetMessage()
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			return &Error{File: name, Line: tk.Position.Line, Col: tk.Position.Column, Msg: cleanYAMLMessage(msg)}
		}
		return &Error{File: name, Msg: cleanYAMLMessage(msg)}
	}
	return &Error{File: name, Msg: err.Error()}
}

var typeErrRe = regexp.MustCompile(`cannot unmarshal (.+?) into Go .* of type (\S+)`)

func yamlTypeName(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case strings.HasPrefix(goType, "map["), goType == "catalog.Text", strings.HasPrefix(goType, "catalog."), strings.HasPrefix(goType, "*catalog."):
		return "a mapping"
	case strings.Contains(goType, "int"), strings.Contains(goType, "uint"):
		return "an integer"
	case strings.Contains(goType, "float"):
		return "a number"
	case goType == "bool", goType == "*bool":
		return "true or false"
	case goType == "string":
		return "a string"
	}
	return goType
}

// cleanYAMLMessage turns the library's messages into ours.
func cleanYAMLMessage(msg string) string {
	msg = strings.TrimSpace(msg)
	if m := typeErrRe.FindStringSubmatch(msg); m != nil {
		return "wrong type: got " + yamlTypeName(m[1]) + ", want " + yamlTypeName(m[2])
	}
	return msg
}

func tokenError(name string, tk *token.Token, msg string) error {
	if tk == nil || tk.Position == nil {
		return &Error{File: name, Msg: msg}
	}
	return &Error{File: name, Line: tk.Position.Line, Col: tk.Position.Column, Msg: msg}
}

// recordPositions fills Entry.Pos and Variant.Pos from the document.
func recordPositions(body ast.Node, c *Catalog) {
	seq, ok := child(body, "entries").(*ast.SequenceNode)
	if !ok {
		return
	}
	for i, n := range seq.Values {
		if i >= len(c.Entries) {
			break
		}
		c.Entries[i].Pos = nodePos(n)
		vseq, ok := child(n, "variants").(*ast.SequenceNode)
		if !ok {
			continue
		}
		for j, v := range vseq.Values {
			if j < len(c.Entries[i].Variants) {
				c.Entries[i].Variants[j].Pos = nodePos(v)
			}
		}
	}
}

func nodePos(n ast.Node) Pos {
	if n == nil {
		return Pos{}
	}
	tk := n.GetToken()
	if mv, ok := n.(*ast.MappingNode); ok && len(mv.Values) > 0 {
		tk = mv.Values[0].Key.GetToken()
	}
	if mv, ok := n.(*ast.MappingValueNode); ok {
		tk = mv.Key.GetToken()
	}
	if tk == nil || tk.Position == nil {
		return Pos{}
	}
	return Pos{Line: tk.Position.Line, Col: tk.Position.Column}
}

// child returns the value of key in a mapping node, or nil.
func child(n ast.Node, key string) ast.Node {
	switch m := n.(type) {
	case *ast.MappingNode:
		for _, mv := range m.Values {
			if keyString(mv) == key {
				return mv.Value
			}
		}
	case *ast.MappingValueNode:
		if keyString(m) == key {
			return m.Value
		}
	case *ast.TagNode:
		return child(m.Value, key)
	}
	return nil
}

// childKey returns the key node of key in a mapping node, or nil.
func childKey(n ast.Node, key string) ast.Node {
	switch m := n.(type) {
	case *ast.MappingNode:
		for _, mv := range m.Values {
			if keyString(mv) == key {
				return mv.Key
			}
		}
	case *ast.MappingValueNode:
		if keyString(m) == key {
			return m.Key
		}
	}
	return nil
}

func keyString(mv *ast.MappingValueNode) string {
	if mv == nil || mv.Key == nil || mv.Key.GetToken() == nil {
		return ""
	}
	return mv.Key.GetToken().Value
}

// problemError places a validation problem at the deepest node its path
// reaches. A problem whose last path element is a map key points at the key.
func problemError(name string, body ast.Node, p Problem) *Error {
	n := body
	best := nodePos(body)
	for i, el := range p.Path {
		var next ast.Node
		switch k := el.(type) {
		case string:
			if p.AtKey && i == len(p.Path)-1 {
				next = childKey(n, k)
			} else {
				next = child(n, k)
			}
		case int:
			if s, ok := n.(*ast.SequenceNode); ok && k >= 0 && k < len(s.Values) {
				next = s.Values[k]
			}
		}
		if next == nil {
			break
		}
		n = next
		if pos := nodePos(n); pos.Line > 0 {
			best = pos
		}
	}
	// Point at the value itself for scalars.
	if tk := n.GetToken(); tk != nil && tk.Position != nil {
		if _, isMap := n.(*ast.MappingNode); !isMap {
			if _, isSeq := n.(*ast.SequenceNode); !isSeq {
				best = Pos{Line: tk.Position.Line, Col: tk.Position.Column}
			}
		}
	}
	return &Error{File: name, Line: best.Line, Col: best.Col, Msg: p.Msg}
}

// LoadDir loads every *.yaml and *.yml catalog directly in dir of fsys,
// then merges locale overlays (see LoadOverlays). Files are read in name
// order; all problems of all files are returned together.
func LoadDir(fsys fs.FS, dir string) ([]*Catalog, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var cats []*Catalog
	var list ErrorList
	for _, e := range ents {
		if e.IsDir() || !isYAML(e.Name()) {
			continue
		}
		name := path.Join(dir, e.Name())
		data, err := readFileFS(fsys, name)
		if err != nil {
			var le *Error
			if errors.As(err, &le) {
				list = append(list, le)
				continue
			}
			return nil, err
		}
		c, err := parseOwned(name, data) // Parse's result, faster on errcat's own YAML
		if err != nil {
			list = appendErr(list, name, err)
			continue
		}
		cats = append(cats, c)
	}
	if err := LoadOverlays(fsys, path.Join(dir, OverlayDir), cats); err != nil {
		list = appendErr(list, dir, err)
	}
	if len(list) > 0 {
		list.sort()
		return cats, list
	}
	return cats, nil
}

func isYAML(name string) bool {
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
}

func appendErr(list ErrorList, name string, err error) ErrorList {
	var el ErrorList
	var e *Error
	switch {
	case errors.As(err, &el):
		return append(list, el...)
	case errors.As(err, &e):
		return append(list, e)
	}
	return append(list, &Error{File: name, Msg: err.Error()})
}

// Problem is a validation problem at a path of the document, such as
// ["entries", 3, "category"].
type Problem struct {
	Path  []any
	AtKey bool // the problem is the key itself (e.g. a bad locale tag)
	Msg   string
}

func (p Problem) String() string {
	var b strings.Builder
	for _, el := range p.Path {
		switch k := el.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(k) + "]")
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, k)
		}
	}
	return b.String() + ": " + p.Msg
}
