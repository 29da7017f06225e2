package diff

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/source"
)

// entry returns a clean entry; edit tweaks it.
func entry(code string, edit ...func(*catalog.Entry)) catalog.Entry {
	e := catalog.Entry{
		Code:       code,
		HTTPStatus: catalog.IntPtr(404),
		Category:   catalog.NotFound,
		Message:    catalog.T("en", "The cluster {cluster} does not exist in this region."),
		Params:     []catalog.Param{{Name: "cluster"}},
	}
	for _, f := range edit {
		f(&e)
	}
	return e
}

func cat(es ...catalog.Entry) []*catalog.Catalog {
	return []*catalog.Catalog{{
		Domain:  catalog.Domain{ID: "example.api", Name: "Example", Locales: []string{"en", "zh-CN"}, WireFormat: "problem", CodeKind: "string"},
		Entries: es,
	}}
}

type change struct {
	Kind     Kind
	Breaking bool
	Code     string
}

func TestCompare(t *testing.T) {
	base := entry("Cluster.NotFound")
	tests := []struct {
		name     string
		old, new []catalog.Entry
		want     []change
	}{
		{"unchanged", []catalog.Entry{base}, []catalog.Entry{base}, nil},
		{"removed", []catalog.Entry{base, entry("Other", func(e *catalog.Entry) { e.Message = catalog.T("en", "Other.") })},
			[]catalog.Entry{base}, []change{{Removed, true, "Other"}}},
		{"tombstone removed", []catalog.Entry{base, entry("Old", func(e *catalog.Entry) { e.Deprecated = true; e.Message = catalog.T("en", "Old.") })},
			[]catalog.Entry{base}, []change{{Removed, true, "Old"}}},
		{"renamed with alias", []catalog.Entry{base},
			[]catalog.Entry{entry("ClusterNotFound", func(e *catalog.Entry) {
				e.Aliases = []string{"Cluster.NotFound"}
				e.Message = catalog.T("en", "Gone.")
			})},
			[]change{{Renamed, true, "Cluster.NotFound"}}},
		{"renamed by mending", []catalog.Entry{entry("Conn.Duplicate Specified")},
			[]catalog.Entry{entry("Conn.Duplicate", func(e *catalog.Entry) {
				e.Message = catalog.T("en", "Specified: it exists.")
				e.Source = &catalog.Source{File: "p.md", Line: 3, Original: map[string]string{"code": "Conn.Duplicate Specified"}}
			})},
			[]change{{Renamed, true, "Conn.Duplicate Specified"}}},
		{"renamed by meaning", []catalog.Entry{base}, []catalog.Entry{entry("Cluster.Missing")},
			[]change{{Renamed, true, "Cluster.NotFound"}}},
		{"status changed", []catalog.Entry{base}, []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) { e.HTTPStatus = catalog.IntPtr(400) })},
			[]change{{StatusChanged, true, "Cluster.NotFound"}}},
		{"status lost", []catalog.Entry{base}, []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) { e.HTTPStatus = nil })},
			[]change{{StatusChanged, true, "Cluster.NotFound"}}},
		{"category changed", []catalog.Entry{base}, []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) { e.Category = catalog.FailedPrecondition })},
			[]change{{CategoryChanged, true, "Cluster.NotFound"}}},
		{"retryable flipped", []catalog.Entry{base}, []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) { e.Retryable = catalog.BoolPtr(true) })},
			[]change{{RetryableFlipped, true, "Cluster.NotFound"}}},
		{"placeholders changed", []catalog.Entry{base}, []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) {
			e.Message = catalog.T("en", "The cluster {cluster_id} does not exist in this region.")
			e.Params = []catalog.Param{{Name: "cluster_id"}}
		})}, []change{{PlaceholdersChanged, true, "Cluster.NotFound"}, {WordingChanged, false, "Cluster.NotFound"}}},
		{"locale removed", []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) { e.Message.Set("zh-CN", "集群 {cluster} 不存在。") })},
			[]catalog.Entry{base}, []change{{LocaleRemoved, true, "Cluster.NotFound"}}},
		{"retired code reused", []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) { e.Deprecated = true })},
			[]catalog.Entry{base}, []change{{Reused, true, "Cluster.NotFound"}}},
		{"reused for another meaning", []catalog.Entry{base}, []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) {
			e.Message = catalog.T("en", "Billing account {cluster} has insufficient balance for purchases.")
		})}, []change{{Reused, true, "Cluster.NotFound"}}},
		{"added", []catalog.Entry{base}, []catalog.Entry{base, entry("Cluster.Busy", func(e *catalog.Entry) {
			e.Category, e.HTTPStatus = catalog.Unavailable, catalog.IntPtr(503)
		})}, []change{{Added, false, "Cluster.Busy"}}},
		{"retired", []catalog.Entry{base}, []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) { e.Deprecated = true; e.ReplacedBy = "X" })},
			[]change{{Deprecated, false, "Cluster.NotFound"}}},
		{"wording changed", []catalog.Entry{base}, []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) {
			e.Message = catalog.T("en", "Cluster {cluster} does not exist in the region.")
		})}, []change{{WordingChanged, false, "Cluster.NotFound"}}},
		{"locale added", []catalog.Entry{base}, []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) { e.Message.Set("zh-CN", "集群 {cluster} 不存在。") })},
			[]change{{LocaleAdded, false, "Cluster.NotFound"}}},
		{"remediation added", []catalog.Entry{base}, []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) { e.Remediation = catalog.T("en", "List your clusters.") })},
			[]change{{RemediationAdded, false, "Cluster.NotFound"}}},
		{"remediation changed", []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) { e.Remediation = catalog.T("en", "A.") })},
			[]catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) { e.Remediation = catalog.T("en", "B.") })},
			[]change{{WordingChanged, false, "Cluster.NotFound"}}},
		{"status added", []catalog.Entry{entry("Cluster.NotFound", func(e *catalog.Entry) { e.HTTPStatus = nil })}, []catalog.Entry{base},
			[]change{{StatusAdded, false, "Cluster.NotFound"}}},
	}
	covered := map[Kind]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []change
			for _, c := range Compare(cat(tt.old...), cat(tt.new...)) {
				got = append(got, change{c.Kind, c.Breaking, c.Code})
				covered[c.Kind] = true
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Compare (-want +got):\n%s", diff)
			}
			if HasBreaking(Compare(cat(tt.old...), cat(tt.new...))) != (len(tt.want) > 0 && tt.want[0].Breaking) {
				t.Errorf("HasBreaking disagrees with the table")
			}
		})
	}
	for _, k := range Kinds() {
		if !covered[k] {
			t.Errorf("no table case produces %s", k)
		}
	}
}

func TestCompareDomains(t *testing.T) {
	a := cat(entry("A"))
	b := []*catalog.Catalog{{Domain: catalog.Domain{ID: "other.api"}, Entries: []catalog.Entry{entry("B")}}}
	got := Compare(a, b)
	want := []string{"example.api removed A", "other.api added B"}
	var gs []string
	for _, c := range got {
		gs = append(gs, c.Domain+" "+string(c.Kind)+" "+c.Code)
	}
	if diff := cmp.Diff(want, gs); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestCompareSeedsWithThemselves: the built-in catalogs have no changes
// against themselves, even with their repeated codes.
func TestCompareSeedsWithThemselves(t *testing.T) {
	a, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	b, err := source.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if got := Compare(a, b); len(got) != 0 {
		t.Errorf("%d changes, want none; first: %v", len(got), got[0])
	}
}

func ExampleCompare() {
	old := cat(entry("Cluster.NotFound"))
	new := cat(entry("Cluster.NotFound", func(e *catalog.Entry) { e.HTTPStatus = catalog.IntPtr(400) }), entry("Cluster.Busy", func(e *catalog.Entry) {
		e.Category, e.HTTPStatus = catalog.Unavailable, catalog.IntPtr(503)
	}))
	for _, c := range Compare(old, new) {
		fmt.Println(c)
	}
	// Output:
	// compatible example.api added: code Cluster.Busy was added
	// BREAKING example.api status-changed: code Cluster.NotFound changed HTTP status from 404 to 400
}
