package schema_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"reflect"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/errcat/errcat/catalogs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/schema"
	"github.com/errcat/errcat/vocab"
)

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.Catalog()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("catalog.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("catalog.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// instance reads a YAML catalog file as the JSON value the schema checks.
func instance(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// TestBuiltinCatalogsValidate validates every built-in catalog file.
func TestBuiltinCatalogsValidate(t *testing.T) {
	s := compile(t)
	names, err := fs.Glob(catalogs.FS(), "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < 5 {
		t.Fatalf("found %d built-in catalogs, want 5", len(names))
	}
	for _, n := range names {
		t.Run(n, func(t *testing.T) {
			data, err := fs.ReadFile(catalogs.FS(), n)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte("# yaml-language-server: $schema=../schema/catalog.schema.json\n")) {
				t.Errorf("%s does not reference the schema on its first line", n)
			}
			if err := s.Validate(instance(t, data)); err != nil {
				t.Errorf("%s: %v", n, err)
			}
		})
	}
}

// TestSchemaRejects checks that the schema rejects bad documents, naming
// the place.
func TestSchemaRejects(t *testing.T) {
	s := compile(t)
	const head = "domain: {id: x.y, name: X, locales: [en], wire_format: problem, code_kind: string}\n"
	tests := []struct {
		name, doc, want string
	}{
		{"unknown key", head + "entries: [{code: A, category: internal, message: {en: m}, colour: red}]", "colour"},
		{"unknown category", head + "entries: [{code: A, category: broken, message: {en: m}}]", "/entries/0/category"},
		{"status out of range", head + "entries: [{code: A, http_status: 700, category: internal, message: {en: m}}]", "/entries/0/http_status"},
		{"numeric code", head + "entries: [{code: 96000, category: internal, message: {en: m}}]", "/entries/0/code"},
		{"missing message", head + "entries: [{code: A, category: internal}]", "message"},
		{"bad domain id", "domain: {id: X_Y, name: X, locales: [en], wire_format: problem, code_kind: string}\nentries: []", "/domain/id"},
		{"unknown wire format", "domain: {id: x, name: X, locales: [en], wire_format: soap, code_kind: string}\nentries: []", "/domain/wire_format"},
		{"bad param name", head + "entries: [{code: A, category: internal, message: {en: m}, params: [{name: 1x}]}]", "/entries/0/params/0/name"},
		{"variant without message", head + "entries: [{code: A, category: internal, message: {en: m}, variants: [{http_status: 400}]}]", "/entries/0/variants/0"},
		{"no entries", "domain: {id: x, name: X, locales: [en], wire_format: problem, code_kind: string}", "entries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Validate(instance(t, []byte(tt.doc)))
			if err == nil {
				t.Fatal("schema accepted a bad document")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error does not mention %q:\n%v", tt.want, err)
			}
		})
	}
}

// TestSchemaCoversModel walks the model's types and requires every yaml
// field to be a property of the schema at the same place, and every schema
// property to be a field of the model.
func TestSchemaCoversModel(t *testing.T) {
	var root map[string]any
	if err := json.Unmarshal(schema.Catalog(), &root); err != nil {
		t.Fatal(err)
	}
	defs := root["$defs"].(map[string]any)
	resolve := func(node map[string]any) map[string]any {
		for {
			ref, ok := node["$ref"].(string)
			if !ok {
				return node
			}
			node = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		}
	}
	var walk func(path string, typ reflect.Type, node map[string]any)
	walk = func(path string, typ reflect.Type, node map[string]any) {
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		node = resolve(node)
		switch typ.Kind() {
		case reflect.Slice:
			items, ok := node["items"].(map[string]any)
			if !ok {
				t.Errorf("%s: schema has no items for %s", path, typ)
				return
			}
			walk(path+"[]", typ.Elem(), items)
			return
		case reflect.Map:
			if ap, ok := node["additionalProperties"].(map[string]any); ok && typ.Elem().Kind() == reflect.Struct {
				walk(path+"{}", typ.Elem(), ap)
			}
			return
		case reflect.Struct:
		default:
			return
		}
		props, _ := node["properties"].(map[string]any)
		seen := map[string]bool{}
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "-" || name == "" || !f.IsExported() {
				continue
			}
			seen[name] = true
			p, ok := props[name].(map[string]any)
			if !ok {
				t.Errorf("schema lacks %s.%s (%s.%s)", path, name, typ.Name(), f.Name)
				continue
			}
			walk(path+"."+name, f.Type, p)
		}
		for name := range props {
			if !seen[name] {
				t.Errorf("schema has %s.%s, which %s does not", path, name, typ.Name())
			}
		}
	}
	walk("catalog", reflect.TypeFor[catalog.Catalog](), root)
}

// TestSchemaEnumsFollowVocab: the schema's lists of categories and wire
// formats are vocab's, in vocab's order.
func TestSchemaEnumsFollowVocab(t *testing.T) {
	var root struct {
		Defs struct {
			Category struct {
				Enum []string `json:"enum"`
			} `json:"category"`
			Domain struct {
				Properties struct {
					WireFormat struct {
						Enum []string `json:"enum"`
					} `json:"wire_format"`
				} `json:"properties"`
			} `json:"domain"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(schema.Catalog(), &root); err != nil {
		t.Fatal(err)
	}
	var cats []string
	for _, c := range vocab.Categories() {
		cats = append(cats, string(c))
	}
	if diff := cmp.Diff(cats, root.Defs.Category.Enum); diff != "" {
		t.Errorf("$defs.category.enum differs from vocab.Categories() (-vocab +schema):\n%s", diff)
	}
	if diff := cmp.Diff(vocab.WireFormatNames(), root.Defs.Domain.Properties.WireFormat.Enum); diff != "" {
		t.Errorf("$defs.domain.properties.wire_format.enum differs from vocab.WireFormatNames() (-vocab +schema):\n%s", diff)
	}
}
