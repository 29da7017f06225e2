package schema_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/errcat/errcat/catalogs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/schema"
)

func compileOverlay(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.Overlay()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("overlay.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("overlay.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBuiltinOverlaysValidate validates every locale overlay of the
// built-in catalogs.
func TestBuiltinOverlaysValidate(t *testing.T) {
	s := compileOverlay(t)
	names, err := fs.Glob(catalogs.FS(), path.Join(catalog.OverlayDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	names = slices.DeleteFunc(names, func(n string) bool { return path.Base(n) == catalog.GlossaryFile })
	if len(names) < 5 {
		t.Fatalf("found %d overlays, want one per built-in domain", len(names))
	}
	for _, n := range names {
		t.Run(n, func(t *testing.T) {
			data, err := fs.ReadFile(catalogs.FS(), n)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(data, []byte("# yaml-language-server: $schema=../../schema/overlay.schema.json\n")) {
				t.Errorf("%s does not reference the overlay schema on its first line", n)
			}
			if err := s.Validate(instance(t, data)); err != nil {
				t.Errorf("%s: %v", n, err)
			}
		})
	}
}

func TestOverlaySchemaRejects(t *testing.T) {
	s := compileOverlay(t)
	const head = "domain: x.y\nlocale: zh-CN\norigin: translated\n"
	tests := []struct {
		name, doc, want string
	}{
		{"unknown key", head + "entries: [{code: A, mesage: m}]", "mesage"},
		{"bad origin", "domain: x.y\nlocale: zh-CN\norigin: machine\nentries: []", "/origin"},
		{"no origin", "domain: x.y\nlocale: zh-CN\nentries: []", "origin"},
		{"entry without text", head + "entries: [{code: A}]", "/entries/0"},
		{"variant without index", head + "entries: [{code: A, variants: [{message: m}]}]", "/entries/0/variants/0"},
		{"negative index", head + "entries: [{code: A, variants: [{index: -1, message: m}]}]", "/entries/0/variants/0/index"},
		{"numeric code", head + "entries: [{code: 96000, message: m}]", "/entries/0/code"},
		{"bad domain", "domain: X_Y\nlocale: zh-CN\norigin: translated\nentries: []", "/domain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Validate(instance(t, []byte(tt.doc)))
			if err == nil {
				t.Fatal("schema accepted a bad overlay")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error does not mention %q:\n%v", tt.want, err)
			}
		})
	}
}

// TestOverlaySchemaCoversModel requires the yaml fields of the overlay
// types and the schema's properties to be the same sets.
func TestOverlaySchemaCoversModel(t *testing.T) {
	var root map[string]any
	if err := json.Unmarshal(schema.Overlay(), &root); err != nil {
		t.Fatal(err)
	}
	defs := root["$defs"].(map[string]any)
	props := func(node map[string]any) []string {
		var out []string
		for k := range node["properties"].(map[string]any) {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	fields := func(typ reflect.Type) []string {
		var out []string
		for f := range typ.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name != "" && name != "-" {
				out = append(out, name)
			}
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name string
		typ  reflect.Type
		node map[string]any
	}{
		{"overlay", reflect.TypeFor[catalog.Overlay](), root},
		{"entry", reflect.TypeFor[catalog.OverlayEntry](), defs["entry"].(map[string]any)},
		{"variant", reflect.TypeFor[catalog.OverlayVariant](), defs["variant"].(map[string]any)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := props(tt.node), fields(tt.typ); !slices.Equal(got, want) {
				t.Errorf("schema properties %v, model fields %v", got, want)
			}
		})
	}
}
