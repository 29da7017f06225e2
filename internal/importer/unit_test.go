package importer

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/vocab"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		in      string
		want    int // 0: none
		keep    bool
		wantErr string
	}{
		{"400", 400, false, ""},
		{"", 0, false, ""},
		{"NA", 0, true, ""},
		{"N/A", 0, true, ""},
		{"n/a", 0, true, ""},
		{"-", 0, true, ""},
		{"—", 0, true, ""},
		{"Bad Request (400)", 400, true, ""},
		{"400 Bad Request", 400, true, ""},
		{"HTTP 404", 404, true, ""},
		{"Not Found", 404, true, ""},
		{"too many requests", 429, true, ""},
		{"Teapot", 0, true, `bad HTTP status "Teapot": no status between 100 and 599`},
		{"4xx", 0, true, `bad HTTP status "4xx": no status between 100 and 599`},
		{"600", 0, true, `bad HTTP status "600": no status between 100 and 599`},
		{"400/403", 0, true, `bad HTTP status "400/403": several statuses (400, 403)`},
		{"1400", 0, true, `bad HTTP status "1400": no status between 100 and 599`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			st, keep, err := parseStatus(tt.in)
			got := 0
			if st != nil {
				got = *st
			}
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff([]any{tt.want, tt.keep, tt.wantErr}, []any{got, keep, gotErr}); diff != "" {
				t.Errorf("parseStatus(%q) [status keep err] (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestRewritePlaceholders(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		params []string
	}{
		{"Failed query instance metrics. %s (details)", "Failed query instance metrics. {detail} (details)", []string{"detail"}},
		{"Got %d items, want %d.", "Got {number} items, want {number_2}.", []string{"number", "number_2"}},
		{"Bad id=%d.", "Bad id={id}.", []string{"id"}},
		{`The parameter "<parameter name>" is not supported.`, `The parameter "{parameter_name}" is not supported.`, []string{"parameter_name"}},
		{`The input parameter "parameter name" is missing.`, `The input parameter "{parameter_name}" is missing.`, []string{"parameter_name"}},
		{`The specified parameter "Action or Version" is not valid.`, `The specified parameter "Action or Version" is not valid.`, nil},
		{`See the "message" field.`, `See the "message" field.`, nil},
		{"Line one<br>line two", "Line one<br>line two", nil},
		{"参数 <参数名> 格式错误", "参数 {param} 格式错误", []string{"param"}},
		{"100% sure", "100% sure", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var pn paramNamer
			got, changed := pn.rewrite(tt.in)
			var names []string
			for _, p := range pn.params {
				names = append(names, p.Name)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("text (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.params, names); diff != "" {
				t.Errorf("params (-want +got):\n%s", diff)
			}
			if changed != (tt.in != tt.want) {
				t.Errorf("changed = %v", changed)
			}
			for _, n := range vocab.Placeholders(got) {
				if snake(n) != n {
					t.Errorf("placeholder %q is not snake case", n)
				}
			}
		})
	}
}

func TestRewriteCode(t *testing.T) {
	var pn paramNamer
	got, changed := pn.rewriteCode("Invalid<parameter name>.Malformed")
	if got != "Invalid{parameter_name}.Malformed" || !changed {
		t.Errorf("rewriteCode = %q, %v", got, changed)
	}
	if diff := cmp.Diff([]catalog.Param{{Name: "parameter_name", Description: "written <parameter name> in the source"}}, pn.params); diff != "" {
		t.Errorf("params (-want +got):\n%s", diff)
	}
}

func TestClassify(t *testing.T) {
	tests := map[string]role{
		"Status Code":      roleStatus,
		"HTTP status code": roleStatus,
		"HTTP 状态码":         roleStatus,
		"状态码":              roleStatus,
		"Error Code":       roleCode,
		"错误码":              roleCode,
		"错误代码":             roleCode,
		"返回码":              roleCode,
		"Retcode":          roleCode,
		"**Code**":         roleCode,
		"Error Message":    roleMessage,
		"错误信息":             roleMessage,
		"错误描述":             roleMessage,
		"Description":      roleDescription,
		"描述":               roleDescription,
		"说明":               roleDescription,
		"Measure":          roleRemediation,
		"Solution":         roleRemediation,
		"处理措施":             roleRemediation,
		"解决方案":             roleRemediation,
		"建议":               roleRemediation,
		"Error Type":       roleTitle,
		"Parameter":        roleNone,
		"Encode":           roleNone,
		"":                 roleNone,
	}
	for h, want := range tests {
		if got := classify(h); got != want {
			t.Errorf("classify(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestInferCategory(t *testing.T) {
	tests := []struct {
		code, msg, rem string
		status         int
		want           catalog.Category
		retryable      bool // explicit retryable set
	}{
		{"Throttling", "Request was denied due to request throttling.", "", 400, catalog.ResourceExhausted, true},
		{"InvalidParameter", "The specified parameter is not valid.", "", 400, catalog.InvalidArgument, false},
		{"X.NotFound", "The cluster does not exist.", "", 404, catalog.NotFound, false},
		{"X.NotFound", "The cluster does not exist.", "", 403, catalog.PermissionDenied, false},
		{"CSS.0011", "Another operation is being performed. Please try again later.", "Try again later.", 202, catalog.Aborted, false},
		{"CSS.6000", "Clusters fail to be created.", "Try again later or contact technical support.", 0, catalog.Internal, true},
		{"96012", "You don't have permission for this project.", "", 0, catalog.PermissionDenied, false},
		{"165", "操作过于频繁请稍后再试", "", 0, catalog.ResourceExhausted, true},
		{"100", "当前状态不可进行操作，请稍后重试", "", 0, catalog.Unavailable, false},
		{"x", "Something.", "", 0, catalog.Unknown, false},
		{"x", "Something.", "", 418, catalog.FailedPrecondition, false},
	}
	for _, tt := range tests {
		t.Run(tt.code+"/"+tt.msg, func(t *testing.T) {
			e := &catalog.Entry{Code: tt.code, Message: catalog.T("en", tt.msg)}
			if tt.rem != "" {
				e.Remediation = catalog.T("en", tt.rem)
			}
			if tt.status != 0 {
				e.HTTPStatus = catalog.IntPtr(tt.status)
			}
			inferCategory(e)
			wantInferred := []string{"category"}
			if tt.retryable {
				wantInferred = append(wantInferred, "retryable")
			}
			if diff := cmp.Diff([]any{tt.want, tt.retryable, wantInferred}, []any{e.Category, e.Retryable != nil && *e.Retryable, e.Inferred}); diff != "" {
				t.Errorf("[category retryable inferred] (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"a.md", "anything", "markdown"},
		{"a.rst", "anything", "rst"},
		{"a.html", "anything", "html"},
		{"a.txt", "---\nslug: x\n---\n**1**\n\nmsg", "markdown"},
		{"a.txt", "| a | b |\n|---|---|\n", "markdown"},
		{"a.txt", "+---+---+\n| a | b |\n+===+===+\n", "rst"},
		{"a.txt", ":original_name: x.html\n", "rst"},
		{"a.txt", "<!DOCTYPE html><table><tr><td>1</td></tr></table>", "html"},
		{"a.txt", "Error Codes\n\n    Error Code Description\n    1 Bad.\n", "text"},
	}
	for _, tt := range tests {
		if got := DetectFormat(tt.name, tt.text); got != tt.want {
			t.Errorf("DetectFormat(%q, %q) = %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}

func TestDomainFromFile(t *testing.T) {
	for in, want := range map[string]string{
		"errors.md":             "errors",
		"dir/Zh_Table.html":     "zh-table",
		"__.txt":                "imported",
		"aliyun.polardb.md":     "aliyun.polardb",
		"a..b.md":               "a.b",
		`C:\docs\api errors.md`: "api-errors",
	} {
		if got := domainFromFile(in); got != want {
			t.Errorf("domainFromFile(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEscapedText checks that text a page escaped as character references
// is never read as a placeholder, and that text written as it stands is.
func TestEscapedText(t *testing.T) {
	tests := []struct {
		name, in string
		read     func(string) string
		want     string
		params   []string
	}{
		{"html script", "Must not contain &lt;script&gt;.", htmlCellText, "Must not contain <script>.", nil},
		{"html braces", "Write &#123;x&#125; or &#x7b;y&#x7D;; fills {z}.", htmlCellText, "Write {x} or {y}; fills {z}.", []string{"z"}},
		{"html percent", "100&#37;s, %d left", htmlCellText, "100%s, {number} left", []string{"number"}},
		{"html one word", "The &lt;name&gt; tag", htmlCellText, "The <name> tag", nil},
		{"html wording", "Bucket &lt;bucket name&gt; and &lt;参数名&gt;", htmlCellText, "Bucket {bucket_name} and {param}", []string{"bucket_name", "param"}},
		{"html without semicolon", "a &lt b &ltscript&gt", htmlCellText, "a < b <script>", nil},
		{"html quotes", "The &quot;field name&quot; is bad", htmlCellText, `The "{field_name}" is bad`, []string{"field_name"}},
		{"html tag as written", "Order <order id> not found", htmlCellText, "Order {order_id} not found", []string{"order_id"}},
		{"markdown script", "Must not contain &lt;script&gt;.", mdCellText, "Must not contain <script>.", nil},
		{"markdown braces", "&#123;x&#125; and {y}", mdCellText, "{x} and {y}", []string{"y"}},
		{"markdown backslash", `\<upload id\> and \{z\}`, mdCellText, "{upload_id} and {z}", []string{"upload_id", "z"}},
		{"markdown escaped ampersand", `\&lt;name&gt;`, mdCellText, "&lt;name>", nil},
		{"markdown reference of an ampersand", `&#38;lt;b&#38;gt;`, mdCellText, "&lt;b&gt;", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pn paramNamer
			got, _ := pn.rewrite(tt.read(tt.in))
			for _, n := range vocab.Placeholders(got) {
				pn.add(n, "{"+n+"}")
			}
			var names []string
			for _, p := range pn.params {
				names = append(names, p.Name)
			}
			if diff := cmp.Diff([]any{tt.want, tt.params}, []any{plainText(got), names}); diff != "" {
				t.Errorf("[text params] (-want +got):\n%s", diff)
			}
		})
	}
}

// htmlCellText is the text parseHTML reads from a table cell holding s.
func htmlCellText(s string) string {
	pg := parseHTML("<table><tr><th>Code</th><th>Message</th></tr><tr><td>A</td><td>"+s+"</td></tr></table>", 0)
	return pg.tables[0].rows[0].cells[1]
}

// mdCellText is the text parseMarkdown reads from a pipe-table cell holding s.
func mdCellText(s string) string {
	pg := parseMarkdown("| Code | Message |\n|---|---|\n| A | " + s + " |\n")
	return pg.tables[0].rows[0].cells[1]
}

func TestRepeatedHeader(t *testing.T) {
	tb := &table{header: []string{"Error Code", "HTTP Status", "Description", "Notes"}}
	tests := []struct {
		cells []string
		want  bool
	}{
		{[]string{"Error Code", "HTTP Status", "Description", "Notes"}, true},
		{[]string{"error  code", "**HTTP status**", "DESCRIPTION", "notes"}, true},
		{[]string{"Code", "Status", "Meaning", "Remarks"}, true},
		{[]string{"错误码", "HTTP 状态码", "说明", ""}, true},
		{[]string{"Code:", "状态码", "`描述`", "x"}, true},
		{[]string{"Code", "Status", "", ""}, false},
		{[]string{"Code", "400", "Bad request.", ""}, false},
		{[]string{"ERR_CODE_1", "400", "The error code is wrong.", ""}, false},
		{[]string{"Widget.NotFound", "404", "Description", ""}, false},
		{[]string{"", "", "", ""}, false},
	}
	hs := newHeadings(tb)
	for _, tt := range tests {
		if got := hs.repeated(row{cells: tt.cells}); got != tt.want {
			t.Errorf("repeated(%q) = %v, want %v", tt.cells, got, tt.want)
		}
	}
	for _, hw := range headingWords {
		for _, w := range hw.words {
			for _, c := range []string{w, strings.ToUpper(w), "**" + w + "**", " " + w + ": "} {
				if !isHeadingWord(c, hw.role) || isHeadingWord(c, hw.role+1) {
					t.Errorf("isHeadingWord(%q) is not only %v", c, roleNames[hw.role])
				}
			}
		}
	}
}

// TestPreviewStubColumn: --preview says the codes were read from the
// list-table's stub column.
func TestPreviewStubColumn(t *testing.T) {
	data, err := os.ReadFile("testdata/layouts/rst_list_table_stub.rst")
	if err != nil {
		t.Fatal(err)
	}
	out, err := Preview("stub.rst", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`column 1 "": code (stub column)`, `column 2 "HTTP status": status (heading)`, `column 4 "中文": message.zh-CN (heading)`} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q:\n%s", want, out)
		}
	}
}
