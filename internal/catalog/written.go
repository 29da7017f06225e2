package catalog

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// A value is what is written in the file. The YAML library reads a plain
// scalar that looks like a number as one, even into a string field
// (code: 010 became "8", 0x10 "16"), and reads into an integer field
// anything that parses as a number ("400", 400.0, 0x190). checkWritten
// puts the text back into string fields and rejects integers not written
// as plain decimal digits.

// checkWritten walks the document's node n alongside v, the value
// NodeToValue decoded from it, and returns the problems found.
func checkWritten(name string, n ast.Node, v any) ErrorList {
	w := &writtenWalker{name: name}
	w.walk(n, reflect.ValueOf(v), "")
	w.list.sort()
	return w.list
}

type writtenWalker struct {
	name   string
	list   ErrorList
	fields map[reflect.Type]map[string]int // struct fields by YAML key
}

func (w *writtenWalker) walk(n ast.Node, v reflect.Value, field string) {
	n = unwrapNode(n)
	if n == nil || !v.IsValid() {
		return
	}
	if v.Type() == textType && v.CanAddr() {
		// A Text is a map of strings in the file.
		t := v.Addr().Interface().(*Text)
		for _, mv := range mappingPairs(n) {
			if tk := mv.Value.GetToken(); tk != nil && readAsNonString(mv.Value) && t.Has(keyString(mv)) {
				t.Set(keyString(mv), tk.Value)
			}
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			w.walk(n, v.Elem(), field)
		}
	case reflect.Struct:
		fields := w.yamlFields(v.Type())
		for _, mv := range mappingPairs(n) {
			k := keyString(mv)
			if i, ok := fields[k]; ok {
				w.walk(mv.Value, v.Field(i), k)
			}
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		elem := v.Type().Elem()
		for _, mv := range mappingPairs(n) {
			switch elem.Kind() {
			case reflect.Interface:
				continue // free-form values: no type to be true to
			case reflect.String:
				if !readAsNonString(mv.Value) {
					continue // the common case: the text as written
				}
			}
			key := reflect.ValueOf(keyString(mv)).Convert(v.Type().Key())
			old := v.MapIndex(key)
			if !old.IsValid() {
				continue
			}
			// Map values cannot be set in place: walk a copy.
			cp := reflect.New(elem).Elem()
			cp.Set(old)
			w.walk(mv.Value, cp, field)
			v.SetMapIndex(key, cp)
		}
	case reflect.Slice:
		seq, ok := n.(*ast.SequenceNode)
		if !ok {
			return
		}
		for i := 0; i < len(seq.Values) && i < v.Len(); i++ {
			w.walk(seq.Values[i], v.Index(i), field)
		}
	case reflect.String:
		// A plain scalar the library read as something else: keep the text.
		if readAsNonString(n) {
			if tk := n.GetToken(); tk != nil && v.String() != tk.Value {
				v.SetString(tk.Value)
			}
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		tk := n.GetToken()
		if tk == nil {
			return
		}
		text := tk.Value
		switch tk.Type {
		case token.DoubleQuoteType:
			text = fmt.Sprintf("%q", tk.Value)
		case token.SingleQuoteType:
			text = "'" + strings.ReplaceAll(tk.Value, "'", "''") + "'"
		}
		if why := integerProblem(text, "an integer"); why != "" {
			w.list = append(w.list, &Error{File: w.name, Line: tk.Position.Line, Col: tk.Position.Column, Msg: field + " " + text + ": " + why})
		}
	}
}

// readAsNonString reports whether the library reads the scalar n as a
// number, a bool or infinity, and so turns it into other text in a string.
func readAsNonString(n ast.Node) bool {
	switch unwrapNode(n).(type) {
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return true
	}
	return false
}

// unwrapNode returns the value under tags and anchors.
func unwrapNode(n ast.Node) ast.Node {
	for {
		switch t := n.(type) {
		case *ast.TagNode:
			n = t.Value
		case *ast.AnchorNode:
			n = t.Value
		default:
			return n
		}
	}
}

// mappingPairs returns the key-value pairs of a mapping node.
func mappingPairs(n ast.Node) []*ast.MappingValueNode {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}
	}
	return nil
}

// yamlFields returns the fields of struct type t by YAML key.
func (w *writtenWalker) yamlFields(t reflect.Type) map[string]int {
	if m, ok := w.fields[t]; ok {
		return m
	}
	if w.fields == nil {
		w.fields = map[reflect.Type]map[string]int{}
	}
	m := map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = strings.ToLower(f.Name)
		}
		m[name] = i
	}
	w.fields[t] = m
	return m
}

// integerProblem says why text is not an integer written as errcat reads
// one, in plain decimal digits, or returns "" when it is. what names the
// integer: "an integer", "an integer code".
func integerProblem(text, what string) string {
	if text != "" && (text[0] == '"' || text[0] == '\'') {
		return what + " is written without quotes"
	}
	if why := numberProblem(text); why != "" {
		return what + " is written " + why
	}
	if !decimal(strings.TrimPrefix(text, "-")) {
		return what + " is written in decimal digits"
	}
	return ""
}

// decimal reports whether s is decimal digits without a leading zero.
func decimal(s string) bool {
	if s == "" || s[0] == '0' && len(s) > 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// numberProblem says what is wrong with text as a decimal integer when
// YAML or a program would read it as a number in another form (a sign,
// another base, leading zeros, a fraction), or returns "".
func numberProblem(text string) string {
	digits := strings.TrimPrefix(text, "-")
	if decimal(digits) && text != "-0" {
		return "" // the common case, without the regular expression
	}
	base := func(p string) bool { return digits[0] == '0' && strings.ContainsRune(p, rune(digits[1])) }
	switch {
	case !numberLike.MatchString(text) || strings.Contains(digits, "-") && !strings.ContainsAny(digits, "eE"):
		return "" // not a number, or a date
	case text[0] == '+':
		return "without a plus sign"
	case text == "-0":
		return "as 0, without a sign"
	case len(digits) > 2 && base("xX"):
		return "in decimal, not hexadecimal"
	case len(digits) > 2 && base("oO"):
		return "in decimal, not octal"
	case len(digits) > 2 && base("bB"):
		return "in decimal, not binary"
	case strings.Contains(digits, "_"):
		return "without underscores"
	case strings.ContainsAny(digits, ".eE"):
		return "without a fraction or exponent"
	case strings.Contains(digits, ":"):
		return "in decimal, not in base 60"
	case len(digits) > 1 && digits[0] == '0':
		return "in decimal without leading zeros"
	}
	return ""
}

// codeProblems checks the codes of an integer domain: a code written as a
// number in another form than plain decimal digits (010, 0x10, 1e3, +5)
// is rejected, since readers disagree on which number it is. A code that
// is no number at all is lint's business (code-syntax).
func codeProblems(c *Catalog) []Problem {
	if c.Domain.CodeKind != "integer" {
		return nil
	}
	var ps []Problem
	check := func(code string, path ...any) {
		if why := numberProblem(code); why != "" {
			ps = append(ps, Problem{Path: path, Msg: "code " + code + ": an integer code is written " + why})
		}
	}
	if c.Domain.SuccessCode != nil {
		check(*c.Domain.SuccessCode, "domain", "success_code")
	}
	check(c.Domain.InternalCode, "domain", "internal_code")
	for i := range c.Entries {
		e := &c.Entries[i]
		check(e.Code, "entries", i, "code")
		check(e.ReplacedBy, "entries", i, "replaced_by")
		for j, a := range e.Aliases {
			check(a, "entries", i, "aliases", j)
		}
	}
	return ps
}

var textType = reflect.TypeFor[Text]()
