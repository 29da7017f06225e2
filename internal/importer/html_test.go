package importer

import (
	"fmt"
	"strings"
	"testing"
)

// htmlBenchPage is an HTML page of n error codes: a table with a spanning
// header and, after it, the same codes as a definition list (read, then
// dropped, as the table has the codes).
func htmlBenchPage(n int) string {
	var b strings.Builder
	b.WriteString("<html><head><title>Widget service errors</title><style>td { color: red }</style></head><body>\n")
	b.WriteString("<h1>Error codes</h1>\n<p>Every failed request returns one of these codes.</p>\n<table>\n<thead><tr><th>HTTP status</th><th>Code</th><th colspan=\"2\">Description</th></tr></thead>\n<tbody>\n")
	for i := range n {
		fmt.Fprintf(&b, "<tr><td>%d</td><td><code>Widget.Error%04d</code></td><td>The widget number %d could not be <em>found</em>.<br>Check the id and retry.</td><td>%s</td></tr>\n",
			400+i%5, i, i, "小部件不存在")
	}
	b.WriteString("</tbody>\n</table>\n<h2>Codes in detail</h2>\n<dl>\n")
	for i := range n {
		fmt.Fprintf(&b, "<dt>Widget.Error%04d</dt>\n<dd><p>The widget number %d is <strong>not</strong> there.</p></dd>\n", i, i)
	}
	b.WriteString("</dl>\n</body></html>\n")
	return b.String()
}

// BenchmarkParseHTML reads a page of 500 codes in a table and in a list:
// go test -run XXX -bench ParseHTML ./internal/importer
func BenchmarkParseHTML(b *testing.B) {
	src := htmlBenchPage(500)
	if pg := parseHTML(src, 0); len(pg.tables) != 1 || len(pg.tables[0].rows) != 500 {
		b.Fatalf("read %d tables, want one of 500 rows", len(pg.tables))
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		parseHTML(src, 0)
	}
}
