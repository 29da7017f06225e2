package importer

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestBadInput checks the message of every kind of page Import cannot read,
// or reads only in part.
// TestLegacyEncodings imports pages that are not UTF-8.
func TestLegacyEncodings(t *testing.T) {
	page := "| 错误码 | 错误信息 |\n|---|---|\n| 1001 | 存储桶不存在 |\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	html := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><table><tr><th>错误码</th><th>错误信息</th></tr><tr><td>1001</td><td>存储桶不存在</td></tr></table></body></html>`
	htmlGBK, err := simplifiedchinese.GBK.NewEncoder().String(html)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, data, note string }{
		{"errors.md", gbk, "decoded from gb18030"},
		{"errors.html", htmlGBK, "decoded from gbk"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, diags, err := Import(tt.name, []byte(tt.data), Options{})
			if err != nil || len(diags) > 0 {
				t.Fatalf("err %v, diags %v", err, diags)
			}
			got := []any{c.Entries[0].Code, c.Entries[0].Message.Get("zh-CN"), c.Domain.Source.Notes}
			if diff := cmp.Diff([]any{"1001", "存储桶不存在", []string{tt.note}}, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		data      string
		opts      Options
		wantErr   string   // substring of the error; "" for none
		wantDiags []string // exact diagnostics
	}{
		{
			name:    "empty file",
			file:    "empty.md",
			data:    "",
			wantErr: "empty.md: empty page: nothing to import",
		},
		{
			name:    "page over the size limit",
			file:    "big.md",
			data:    "| Code | Message |\n|---|---|\n| A | Fine. |\n",
			opts:    Options{MaxBytes: 40},
			wantErr: "big.md: page is 43 bytes; the limit is 40 (--max-bytes raises it)",
		},
		{
			name:    "negative size limit",
			file:    "neg.md",
			data:    "| Code | Message |\n|---|---|\n| A | Fine. |\n",
			opts:    Options{MaxBytes: -1},
			wantErr: "neg.md: bad options: max bytes -1: want 0 (the default, 16777216) or more",
		},
		{
			name: "page at the size limit",
			file: "fits.md",
			data: "| Code | Message |\n|---|---|\n| A | Fine. |\n",
			opts: Options{MaxBytes: 43},
		},
		{
			name:    "only whitespace",
			file:    "blank.txt",
			data:    " \n\t\n",
			wantErr: "blank.txt: empty page: nothing to import",
		},
		{
			name:    "binary garbage",
			file:    "garbage.bin",
			data:    "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
			wantErr: "garbage.bin: not a text page: NUL byte at offset 8 (binary data?)",
		},
		{
			name:    "invalid UTF-8",
			file:    "latin1.txt",
			data:    "Code Message\n1 caf\xe9\n",
			wantErr: "latin1.txt: not a text page: invalid UTF-8 at offset 18",
		},
		{
			name:    "mostly invalid UTF-8",
			file:    "latin1.md",
			data:    "| Code | Message |\n|---|---|\n| A | caf\xe9 |\n| B | cr\xe8me |\n| C | na\xefve |\n",
			wantErr: "latin1.md: not a text page: invalid UTF-8 at offset 38 (binary data or another encoding?)",
		},
		{
			name:    "UTF-16 with a NUL character",
			file:    "nul16.md",
			data:    "\xff\xfe|\x00 \x00\x00\x00",
			wantErr: "nul16.md: not a text page: NUL character at offset 6 (binary data?)",
		},
		{
			name:    "UTF-16 without a byte-order mark",
			file:    "nobom16.md",
			data:    "|\x00 \x00C\x00",
			wantErr: "nobom16.md: not a text page: NUL byte at offset 1 (binary data?)",
		},
		{
			name: "noncharacters",
			file: "nonchar.md",
			data: "| Code | Message |\n|---|---|\n| A | Fine. |\n| B | Odd \uFDD0 text. |\n| C | Fine. |\n| D | Fine. |\n",
			wantDiags: []string{
				"nonchar.md:4: not text (noncharacter U+FDD0); row not imported",
			},
		},
		{
			name: "invalid UTF-8 in a cell spanning rows",
			file: "span.html",
			data: "<table>\n<tr><th>Code</th><th>Message</th></tr>\n<tr><td>A</td><td rowspan=2>Caf\xe9 closed.</td></tr>\n<tr><td>B</td></tr>\n<tr><td>C</td><td>Fine.</td></tr>\n<tr><td>D</td><td>Fine.</td></tr>\n</table>\n",
			wantDiags: []string{
				"span.html:3: invalid UTF-8 (byte 0xE9); row not imported",
				"span.html:4: invalid UTF-8 at line 3 (byte 0xE9); row not imported",
			},
		},
		{
			name: "invalid UTF-8 in rows of a page of one line",
			file: "oneline.html",
			data: "<html><body><h1>Ratchet service errors</h1><p>Every failed request returns one of the codes below, with its HTTP status and a message.</p><table><tr><th>Code</th><th>Message</th></tr><tr><td>R1</td><td>The ratchet slipped.</td></tr><tr><td>R2</td><td>The pawl \xe9 broke.</td></tr><tr><td>R3</td><td>The ratchet is jammed.</td></tr><tr><td>R4</td><td>The spring \xff is gone.</td></tr><tr><td>R5</td><td>The gear is worn.</td></tr></table></body></html>",
			wantDiags: []string{
				"oneline.html:1: invalid UTF-8 (byte 0xE9, byte 0xFF); row not imported",
				"oneline.html:1: invalid UTF-8 (byte 0xE9, byte 0xFF); row not imported",
			},
		},
		{
			name: "invalid UTF-8 in a heading and a row",
			file: "head.md",
			data: "# Caf\xe9 errors\n\n| Code | Message |\n|---|---|\n| A | Fine. |\n| B | \xf0\x9f\x98 Cut. |\n| C | Fine. |\n| D | Fine. |\n| E | Fine. |\n",
			wantDiags: []string{
				"head.md:1: invalid UTF-8 (byte 0xE9), not in a table row; read as U+FFFD",
				"head.md:6: invalid UTF-8 (bytes 0xF0 0x9F 0x98); row not imported",
			},
		},
		{
			name:    "no table",
			file:    "prose.md",
			data:    "# About\n\nJust prose, no error codes.\n",
			wantErr: "prose.md: no error table found (read as markdown): no table, and no list of codes with messages",
		},
		{
			name:    "only a non-error table",
			file:    "params.md",
			data:    "| Parameter | Type |\n|---|---|\n| id | string |\n",
			wantErr: `params.md: no error table found (read as markdown): 1 table(s), none with an error-code column: line 1 [Parameter | Type]`,
		},
		{
			name: "ambiguous columns",
			file: "twice.md",
			data: "| Error code | Code | Message |\n|---|---|---|\n| A | A | a |\n",
			wantDiags: []string{
				`twice.md:1: table not read: unsure which column is the error code: "Error code" (column 1) or "Code" (column 2); say which with --map 'code=Error code'; its 1 row(s) at line(s) 3 were not imported`,
			},
			wantErr: "twice.md: no error code could be read; see the diagnostics",
		},
		{
			name:    "code but no message column",
			file:    "codes.md",
			data:    "| Code | Status |\n|---|---|\n| A | 400 |\n",
			wantErr: "no error code could be read",
			wantDiags: []string{
				`codes.md:1: table not read: no message column: headings "Code", "Status" name an error code but no message or description; name it with --map 'message=HEADING'; its 1 row(s) at line(s) 3 were not imported`,
			},
		},
		{
			name: "bad status and unreadable rows",
			file: "rows.md",
			data: "| Code | HTTP status | Message |\n|---|---|---|\n| A | 4xx | Bad. |\n|  | 400 | No code. |\n| B | 400 |  |\n| C | 400/403 | Two. |\n| D | 400 | Fine. |\n",
			wantDiags: []string{
				`rows.md:3: code A: bad HTTP status "4xx": no status between 100 and 599; imported without an HTTP status`,
				`rows.md:4: row has no error code (cells: "", "400", "No code.")`,
				`rows.md:5: code B has no message`,
				`rows.md:6: code C: bad HTTP status "400/403": several statuses (400, 403); imported without an HTTP status`,
			},
		},
		{
			name: "unreadable text rows",
			file: "plain.txt",
			data: "Errors\n\nError Code Error Type Description\n100 bad thing happened lowercase only\nnot a row at all\n200 Fine Works fine.\n",
			wantDiags: []string{
				`plain.txt:4: cannot tell where the second column ends and the third begins (no capitalised word); not imported`,
				`plain.txt:5: not a table row: "not" does not look like an error code; not imported`,
			},
		},
		{
			name: "merged RST cells",
			file: "grid.rst",
			data: "+------+---------+\n| Code | Message |\n+======+=========+\n| A    | Fine.   |\n+------+---------+\n| Group heading  |\n+------+---------+\n| B1 no pipe     |\n+------+---------+\n| C    |         |\n+------+---------+\n",
			wantDiags: []string{
				`grid.rst:6: note: grid row "Group heading" spans all columns; read as a group heading, not an error row`,
				`grid.rst:8: grid row "B1 no pipe" is one cell across all columns (a | missing?); row not imported`,
				`grid.rst:10: code C has no message`,
			},
		},
		{
			name: "grid row with a border out of place",
			file: "ragged.rst",
			data: "+------+---------+\n| Code | Message |\n+======+=========+\n| A    | Fine.   |\n+------+---------+\n| B    | Off.     |\n+------+---------+\n| C    | Kept.   |\n+------+---------+\n",
			wantDiags: []string{
				`ragged.rst:6: grid row is not closed by borders (a | or + out of place); row not imported`,
			},
		},
		{
			name: "HTML headings of codes beside a table",
			file: "both.html",
			data: "<table><tr><th>Code</th><th>Message</th></tr><tr><td>E1</td><td>Bad.</td></tr></table>\n<h3>E2_X</h3><p>Two.</p>\n<h3>E3_X</h3><p>Three.</p>\n",
		},
		{
			name:    "unknown format",
			file:    "x.md",
			data:    "# x\n",
			opts:    Options{Format: "pdf"},
			wantErr: `x.md: bad options: format "pdf": want auto, markdown, rst, text, html`,
		},
		{
			name: "broken pipe table",
			file: "broken.md",
			data: "# Errors\n\n| Code | Message | Status |\n|---|---|\n| E1 | Bad. | 400 |\n\n| Code | Message |\n|---|---|\n| E3 | Fine. |\n",
			wantDiags: []string{
				"broken.md:3: lines 3-5 look like a pipe table but are not one (the header has 3 cells but the delimiter row 2); not imported",
			},
		},
		{
			name:    "pipe table without delimiter row",
			file:    "nodelim.md",
			data:    "| Code | Message |\n| E1 | Bad. |\n",
			wantErr: "nodelim.md: no error table found",
			wantDiags: []string{
				"nodelim.md:1: lines 1-2 look like a pipe table but are not one (no delimiter row (|---|) under the header); not imported",
			},
		},
		{
			name:    "bad locale option",
			file:    "x.md",
			data:    "# x\n",
			opts:    Options{Locale: "zh_CN"},
			wantErr: `x.md: bad options: locale tag "zh_CN": write it as "zh-CN"`,
		},
		{
			name:    "success code not documented",
			file:    "ok.md",
			data:    "| Code | Message |\n|---|---|\n| 1 | Failed. |\n",
			opts:    Options{SuccessCode: "0"},
			wantErr: `ok.md: success code "0" is not documented on the page`,
		},
		{
			name:    "front matter never ends",
			file:    "fm.md",
			data:    "---\ntitle: x\n\n| Code | Message |\n|---|---|\n| 1 | Failed. |\n",
			wantErr: "",
			wantDiags: []string{
				"fm.md:1: front matter starts with --- but never ends; read as Markdown",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags, err := Import(tt.file, []byte(tt.data), tt.opts)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if tt.wantErr == "" && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if tt.wantErr != "" && !strings.Contains(gotErr, tt.wantErr) {
				t.Errorf("error = %q, want it to contain %q", gotErr, tt.wantErr)
			}
			if err == nil && c == nil {
				t.Error("no catalog and no error")
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if diff := cmp.Diff(tt.wantDiags, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}
