package wire_test

import (
	"testing"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/wire"
)

// benchDefs are an entry with a documented status and one whose status is
// its category's (the category table on the render path).
func benchDefs() (documented, byCategory *errcat.Def) {
	dom := &errcat.Domain{ID: "example.bench", Locales: []string{"en", "zh-CN"}, DocsURL: "https://docs.example/errors/{code}?rid={request_id}"}
	msg := map[string]string{"en": "The cluster {cluster} does not exist in {region}.", "zh-CN": "集群 {cluster} 在 {region} 不存在。"}
	documented = &errcat.Def{Domain: dom, Code: "Cluster.NotFound", HTTPStatus: 404, Category: "not_found", Message: msg, Params: []string{"cluster", "region"}}
	byCategory = &errcat.Def{Domain: dom, Code: "Cluster.Invalid", Category: "invalid_argument", Message: msg, Params: []string{"cluster", "region"}}
	return documented, byCategory
}

// BenchmarkAppend renders one error in each format into a reused buffer.
func BenchmarkAppend(b *testing.B) {
	def, _ := benchDefs()
	e := def.New("cluster", "es-1", "region", "cn-north-4").WithRequestID("req-1").WithMeta("project", "p-9")
	o := wire.Options{Locale: "zh-CN", Instance: "/clusters/es-1", Action: "DescribeCluster", HostID: "h-1"}
	for _, name := range wire.Names() {
		f, _ := wire.ByName(name)
		b.Run(name, func(b *testing.B) {
			buf := make([]byte, 0, 4096)
			b.ReportAllocs()
			for b.Loop() {
				buf = f.Append(buf[:0], e, o)
			}
		})
	}
}

// BenchmarkStatus asks each format for the status of an entry whose status
// comes from its category.
func BenchmarkStatus(b *testing.B) {
	_, def := benchDefs()
	e := def.New("cluster", "es-1")
	for _, name := range wire.Names() {
		f, _ := wire.ByName(name)
		b.Run(name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				n += f.Status(e)
			}
			if n == 0 {
				b.Fatal("no status")
			}
		})
	}
}

// BenchmarkFor finds the format of an error's domain, as httperr does for
// every error response.
func BenchmarkFor(b *testing.B) {
	dom := &errcat.Domain{ID: "example.bench", Locales: []string{"en"}, Format: "zilliz"}
	e := (&errcat.Def{Domain: dom, Code: "1", HTTPStatus: 400, Category: "invalid_argument"}).New()
	b.ReportAllocs()
	for b.Loop() {
		if wire.For(e).Name() != "zilliz" {
			b.Fatal("wrong format")
		}
	}
}
