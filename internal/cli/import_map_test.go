package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const unsurePage = `# Errors

| Error code | 错误码 | 英文 | 中文 |
|------------|--------|------|------|
| E1 | 1 | Disk full | 磁盘已满 |
| E2 | 2 | Disk missing | 磁盘不存在 |
`

// TestImportUnsureMapPreview: two code columns of names stop the import
// with the --map that settles it; --preview says so and writes nothing;
// with --map the page imports, one message per language.
func TestImportUnsureMapPreview(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "disk.md")
	body := strings.Replace(unsurePage, "| E1 | 1 |", "| E1 | D1 |", 1)
	body = strings.Replace(body, "| E2 | 2 |", "| E2 | D2 |", 1)
	if err := os.WriteFile(page, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "import", page)
	want := page + `:3: table not read: unsure which column is the error code: "Error code" (column 1) or "错误码" (column 2); say which with --map 'code=Error code'; its 2 row(s) at line(s) 5, 6 were not imported`
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant a line %q", code, stderr, want)
	}

	code, stdout, _ := run(t, "import", "--preview", page)
	if code != 1 || !strings.Contains(stdout, "not read: unsure which column is the error code") {
		t.Errorf("preview exit %d:\n%s", code, stdout)
	}

	out := filepath.Join(dir, "disk.yaml")
	code, stdout, stderr = run(t, "import", "--preview", "--map", "code=Error code,alias=2", page)
	wantPreview := page + `: read as markdown; 1 table(s) or list(s)
table at line 3: 2 row(s) → 2 entr(ies), 0 variant(s), 0 diagnostic(s)
  column 1 "Error code": code (--map)
  column 2 "错误码": alias (--map)
  column 3 "英文": message.en (heading)
  column 4 "中文": message.zh-CN (heading)
  line 5: E1 | D1 | Disk full | 磁盘已满
  line 6: E2 | D2 | Disk missing | 磁盘不存在
`
	if code != 0 || stderr != "" {
		t.Errorf("preview with --map: exit %d, stderr %s", code, stderr)
	}
	if diff := cmp.Diff(wantPreview, stdout); diff != "" {
		t.Errorf("preview (-want +got):\n%s", diff)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("--preview wrote %s", out)
	}

	code, _, stderr = run(t, "import", "--map", "code=Error code,alias=2", "--source-url", "https://example.com/disk", "-o", out, page)
	if code != 0 {
		t.Fatalf("import with --map: exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"    - en\n    - zh-CN\n", "url: https://example.com/disk", "aliases:\n      - D1", "en: Disk full\n      zh-CN: 磁盘已满"} {
		if !strings.Contains(string(data), w) {
			t.Errorf("catalog lacks %q:\n%s", w, data)
		}
	}

	code, _, stderr = run(t, "import", "--map", "code=Nope", page)
	if code == 0 || !strings.Contains(stderr, `--map names column(s) "Nope" that no table has`) {
		t.Errorf("unknown --map column: exit %d, stderr %s", code, stderr)
	}
	code, _, stderr = run(t, "import", "--map", "colour=1", page)
	if code != 2 || !strings.Contains(stderr, `unknown role "colour"`) {
		t.Errorf("unknown --map role: exit %d, stderr %s", code, stderr)
	}
}

const fieldsPage = `# Create order

## Request parameters

| Parameter | Type | Required | Description |
|-----------|------|----------|-------------|
| order_id | string | yes | The order's id. |

## Errors

| Error code | Message | HTTP status |
|------------|---------|-------------|
| ORDER_EXISTS | An order with this id exists. | 409 |
`

// TestImportSkipsFieldTables: a table of parameters is not read as error
// rows, and a plain import (not only --preview) says so on stderr with
// file:line and why, without failing.
func TestImportSkipsFieldTables(t *testing.T) {
	page := filepath.Join(t.TempDir(), "orders.md")
	if err := os.WriteFile(page, []byte(fieldsPage), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "import", page)
	want := page + `:5: note: table skipped: no error-code column (headings "Parameter", "Type", "Required", "Description"; a table of parameters or fields); its 1 row(s) are not error rows` + "\n"
	if code != 0 {
		t.Errorf("exit %d, want 0", code)
	}
	if diff := cmp.Diff(want, stderr); diff != "" {
		t.Errorf("stderr (-want +got):\n%s", diff)
	}
	if !strings.Contains(stdout, "ORDER_EXISTS") || strings.Contains(stdout, "order_id") {
		t.Errorf("catalog:\n%s", stdout)
	}
	code, stdout, _ = run(t, "import", "--preview", page)
	if code != 0 || !strings.Contains(stdout, "table at line 5: 1 row(s), not an error table (no code column): skipped") || !strings.Contains(stdout, want) {
		t.Errorf("preview exit %d:\n%s", code, stdout)
	}
}
