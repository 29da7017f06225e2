package importer

import (
	"strings"
	"testing"

	"github.com/errcat/errcat/internal/catalog"
)

// layoutSeeds are a few lines of every layout the importer reads. They are
// small on purpose: the fuzzer mutates and minimizes its seeds thousands
// of times a second, where a whole published page costs it seconds.
var layoutSeeds = []string{
	// Markdown: front matter, a DITA attribute block, a table that is not
	// about errors, then an error table with escapes, status phrases and
	// printf verbs.
	"---\ntitle: Payment errors\nslug: /payments/errors\n---\n\n# Errors {#codes .section}\n\n| Parameter | Type |\n|---|---|\n| amount | int |\n\n" +
		"| Code | HTTP status code | Message (English) |\n|:-----|:------------|:--------|\n| `card_declined` | 402 | The card was declined: %s |\n" +
		"| `amount\\_too\\_small` | Bad Request | At least %d cents \\> 0. |\n",
	// Markdown: an angled placeholder in a code, a repeated code, a word of
	// the message in the code cell, a row without a code and one with an
	// extra cell.
	"| Code | Status | Message |\n|---|---|---|\n| Invalid<parameter name>.Malformed | 400 | The \"parameter name\" is malformed. |\n| E8 | 200 | Not found: %s. |\n" +
		"| E8 | 402, 403 | Declined by %s. |\n| Account.Duplicate Specified | 409 | account already exists. |\n| | 400 | No code. |\n| E9 | 5xx | Extra. | cell |\n",
	// Markdown: columns that cannot be told apart, a fenced block, a rule.
	"| Error code | 错误码 | Message |\n|---|---|---|\n| E1 | E1 | Failed. |\n\n```\n| a | b |\n```\n\n---\n",
	// Markdown: a table, but not of errors.
	"# Release notes\n\n| Version | Date |\n|---|---|\n| 1.0 | 2024-01-01 |\n",
	// Markdown: a table without outer pipes and with Chinese headings.
	"# 返回码\n\n状态码|说明|处理建议\n---|---|---\n0|操作成功|\n140|参数 <参数名> 异常|检查参数。\n",
	// Markdown: bold codes, each followed by its message paragraph.
	"# Error codes\n\n**96000**\n\nInvalid CloudId. Please use the ListCloudProviders API.\n\n**96001**\n\nThe parameter \"parameter name\" is invalid.\n",
	// Markdown with an HTML table inside.
	"## More\n\n<table>\n<tr><th>Code</th><th>Message</th></tr>\n<tr><td>expired_card</td><td>The card has expired.</td></tr>\n</table>\n",
	// RST: a grid table with a multi-line cell, CJK widths and a row whose
	// cells are merged.
	":original_name: errors.html\n\nError Code\n==========\n\n+--------+----------+----------------+\n| Status | 错误码   | Message        |\n+========+==========+================+\n| 400    | SVC.0001 | Invalid        |\n|        |          | ``name``.      |\n+--------+----------+----------------+\n| NA     | SVC.0002 | 内部错误。     |\n+--------+----------+----------------+\n| 409    | SVC.0003 merged cells      |\n+--------+----------+----------------+\n",
	// RST: an indented grid table whose cells span rows and columns, and a
	// row that is one cell across.
	".. table:: Errors\n\n   +------+-----+----------+\n   | Code | St  | Message  |\n   +======+=====+==========+\n   | Grouped heading        |\n   +------+-----+----------+\n   | E1   | 400 | Bad.     |\n   +      +-----+          +\n   |      | 409 |          |\n   +------+-----+----------+\n   | E2   | Spans two.     |\n   +------+----------------+\n",
	// RST: definition lists, of log messages and of codes with a literal
	// status, a template name and field lines.
	"``Port is not valid``\n   The port is out of range.\n\n``Access Denied``\n   ``403``\n   Not allowed for ``URL``.\n   ``access#denied``\n\n``E_QUOTA``\n   Quota spent.\n\n   :Status: 429\n   :Solution: Wait.\n",
	// RST: sections whose titles are codes, with field lines, bold labels
	// and a literal block.
	"Errors\n======\n\nQueueGone\n---------\n\nNo queue.\n\n:HTTP Status: 404\n\nQ-1: Too Large\n--------------\n\n**Description:** Over the limit.\n\n**Example**::\n\n    POST /q\n\n**How to fix:** Split it.\n",
	// RST: a label and a simple table whose last row goes on over two lines.
	".. _cache_errors:\n\n=====  ======  ==================\nCode   Status  Message\n=====  ======  ==================\nC100   400     The key is invalid.\nC101   404     The key does not\n               exist.\n=====  ======  ==================\n",
	// RST: a list table.
	".. list-table:: Quota errors\n   :header-rows: 1\n\n   * - 错误码\n     - 错误信息\n   * - Q200\n     - ``%s`` 超出范围\n   * - Q201\n     - 请求过于频繁，\n       请稍后重试\n   * - Q202\n",
	// Text: columns separated by gaps, and a line that is not a row.
	"Storage errors\n\nLast updated: 2024-03-01\n\n  Code    Message           Description\n  1001    Bucket not found  The bucket does not exist.\n  oops, a sentence\n  1002    Access denied     The caller may not read it.\n",
	// Text: single spaces, the heading line naming the columns, and a
	// documented module sub-code.
	"Error Code Error Type Description\n4000 Invalid request parameter Required parameters are missing.\n4100 Authentication failed Check the signature.\n\n" +
		"A module error comes as \"message\": \"(100004) incorrect projectId\".\n",
	// Text: no table, lines of "CODE: message".
	"Queue errors\n\n  Q1001: Queue not found.\n  Q1002 - Message too large (the limit is %d bytes).\n",
	// HTML: thead, rowspan, colspan, entities and a <br>.
	"<table><thead><tr><th>错误信息</th><th>错误码</th><th>HTTP 状态码</th></tr></thead>\n<tbody><tr><td>存储桶不存在</td><td>NoSuchBucket</td><td rowspan=\"2\">404</td></tr>\n<tr><td>参数 &lt;参数名&gt;<br>格式错误</td><td>InvalidArgument</td></tr>\n<tr><td colspan=\"3\">Internal error</td></tr></tbody></table>\n",
	// HTML: codes as headings, bold paragraphs and definition terms.
	"<h1>Vector DB errors</h1>\n<h3>65535</h3><p>Internal error. Please retry later.</p>\n<p><strong>1800</strong>: The user has not logged in.</p>\n<dl><dt>1801</dt><dd>Invalid parameter <code>%s</code>.</dd></dl>\n",
	// AsciiDoc: a header option, cell specs, a cell over two lines.
	"= Loader errors\n\n[cols=\"1,3\",options=\"header\"]\n|===\n|Code |Message\n\n|L1\na|The file is `empty`.\n\n|L2\n|The file is\ntoo large.\n|===\n",
	// Markdown: "CODE: Title" sections with bold labels, known and not, and
	// an example code block inside a section.
	"### LDG-1: Account Frozen\n\n**HTTP Status Code:** 423 Locked\n\n**Common causes:**\n- A hold\n\n**Example:**\n```json\n{}\n```\n\n**Solution:** Call us.\n\n---\n\n### LDG-2: 未生成\n\n**原因：** 尚未生成。\n",
	// AsciiDoc: description lists of settings and of codes.
	"timeout:: Seconds.\n\n`RND-1`:: Parse failed.\nHTTP status: 422\n\nRND-2::\nMissing partial.\nSolution: Upload it.\n",
	// Markdown: sections titled by their heading, the code a label line.
	"## Parcel not found\n\n**Error code:** TRK_UNKNOWN\n**HTTP status:** 404\n\nNo parcel.\n\n## 缺失\n\n错误码：TRK_NO\n",
	// AsciiDoc: a headerless table whose first row names the columns.
	"|===\n|Error |description\n|413|Too large.\n|428|Length `missing`.\n|===\n",
	// Markdown: bilingual columns, a numeric alias, a block with labels.
	"| 错误码 | 错误码值 | 中文 | 英文 |\n|---|---|---|---|\n| ACL_X | 100 | 失败 | Failed |\n\n## 201 权限失败\n\n**错误信息**\n\nDenied.\n\nHTTP Status Code: 403\n",
	// HTML: "CODE: Title" sections with bold labels and an example <pre>.
	"<h3>VLT-1: Sealed</h3><p><strong>HTTP Status Code:</strong> 423</p><p><strong>Causes:</strong></p><ul><li>Restart</li></ul><pre>{}</pre><p><b>Fix:</b> Unseal.</p>\n",
	// HTML in GBK, named by its <meta> charset.
	"<meta charset=\"gbk\"><table><tr><th>\xb4\xed\xce\xf3\xc2\xeb</th><th>\xcb\xb5\xc3\xf7</th></tr><tr><td>E1</td><td>\xb2\xce\xca\xfd\xb4\xed\xce\xf3</td></tr></table>",
}

// addSeeds adds layoutSeeds and then extra to a fuzz corpus.
func addSeeds(f *testing.F, extra ...string) {
	f.Helper()
	for _, s := range layoutSeeds {
		f.Add(s)
	}
	for _, s := range extra {
		f.Add(s)
	}
}

func FuzzMarkdown(f *testing.F) {
	addSeeds(f, "| Code | Message |\n|---|---|\n| `A | \\_b\\> |\n", "---\ntitle: [\n---\n**1**\n", "<table><tr><td rowspan=9>x")
	f.Fuzz(func(t *testing.T, s string) { parseMarkdown(s) })
}

func FuzzRST(f *testing.F) {
	addSeeds(f, "+--+\n| a|\n+==+\n|错误|\n+--+\n", "+-+-+\n|a\n", "Title\n=====\n+---+\n", "==  ==\nA   B\n==  ==\n1   x\n  y\n==  ==\n", ".. list-table::\n   :header-rows: 2\n\n   * - Code\n     - Message\n   * - 1\n")
	f.Fuzz(func(t *testing.T, s string) { parseRST(s) })
}

func FuzzText(f *testing.F) {
	addSeeds(f, "Error Code Error Type Description\n1 a B\n  more\n", "Code  Message\n1  a  b\n")
	f.Fuzz(func(t *testing.T, s string) { parseText(s) })
}

func FuzzHTML(f *testing.F) {
	addSeeds(f, "<table><tr><th>Code<th>Message<tr><td colspan=99>1<td>x</table>", "<table><table><tr><td>")
	f.Fuzz(func(t *testing.T, s string) { parseHTML(s, 0) })
}

func FuzzAsciiDoc(f *testing.F) {
	addSeeds(f, "|===\n|a|b\n|===\n", "[%header]\n|===\n2+|x\n|===", "|===\n|", "[cols=\"3*\"]\n|===\n|1|2\n")
	f.Fuzz(func(t *testing.T, s string) { parseAsciiDoc(s) })
}

// FuzzRoles checks the builder's reading of columns by heading and content,
// and --map: whatever the cells, tableColumns never panics and gives each
// role one column at most.
func FuzzRoles(f *testing.F) {
	f.Add("Code|English|中文", "E1|Failed|失败", "200|OK|成功", "code=1")
	f.Add("错误码|错误码值|说明", "A_B|100|说明", "A_C|101|x", "")
	f.Add("Error code|Code|Message", "E1|E1|x", "E2|E2|y", "code=Code,message.zh-CN=3")
	f.Fuzz(func(t *testing.T, header, row1, row2, m string) {
		tb := &table{line: 1, header: strings.Split(header, "|")}
		for i, r := range []string{row1, row2} {
			tb.rows = append(tb.rows, row{line: i + 3, cells: strings.Split(r, "|")})
		}
		reshape(tb)
		if ms, err := parseMap(m); err == nil {
			applyMap([]*table{tb}, ms)
		}
		cols, ok, err := tableColumns(tb)
		if !ok || err != nil {
			return
		}
		seen := map[int]role{}
		for r, i := range cols.idx {
			if o, dup := seen[i]; dup && !(o == roleCode && r == roleStatus || o == roleStatus && r == roleCode) {
				t.Fatalf("column %d holds %v and %v", i, o, r)
			}
			seen[i] = r
		}
		b := newBuilder("fuzz.md", Options{})
		b.addTable(tb, []*table{tb})
	})
}

// FuzzImport checks that whatever Import returns is a valid catalog that
// survives a round trip through its file format.
func FuzzImport(f *testing.F) {
	addSeeds(f, "| Code | HTTP status | Message |\n|---|---|---|\n| 0 | 200 | Success |\n| 0 | 200 | OK again |\n")
	f.Fuzz(func(t *testing.T, s string) {
		for _, format := range []string{"auto", "markdown", "rst", "text", "html", "asciidoc"} {
			c, _, err := Import("fuzz.txt", []byte(s), Options{Format: format})
			if err != nil {
				continue
			}
			out, err := catalog.Marshal(c, "")
			if err != nil {
				t.Fatalf("%s: marshal: %v", format, err)
			}
			if _, err := catalog.Parse("fuzz.yaml", out); err != nil {
				t.Fatalf("%s: the imported catalog does not load: %v\n%s", format, err, out)
			}
		}
	})
}
