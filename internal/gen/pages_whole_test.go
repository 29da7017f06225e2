package gen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/errcat/errcat/internal/catalog"
)

// The documentation generators as they were before they streamed their
// pages, the reference TestPagesSameAsWhole checks against.

// wholeMarkdown is Markdown as it was before it streamed: every page
// whole in memory, then trimmed.
func wholeMarkdown(cats []*catalog.Catalog, opts Options) (Files, error) {
	style, err := pickStyle("markdown", opts)
	if err != nil {
		return nil, err
	}
	files := Files{}
	for _, c := range sortedCatalogs(cats) {
		for _, loc := range locales(&c.Domain, opts.Lang) {
			var b bytes.Buffer
			frontMatter(&b, c, loc)
			fmt.Fprintf(&b, "# %s\n\n%s\n\n", mdEscape(pageTitle(c, loc)), mdEscape(intro(c, loc)))
			rs := rows(c, loc)
			if style == StyleList {
				wholeMdList(&b, rs)
			} else {
				wholeMdTable(&b, rs, loc)
			}
			if c.Domain.SubCode != nil {
				// A heading ends the list: the note is no code's message.
				fmt.Fprintf(&b, "## %s\n\n", subCodeHeading(loc))
				subCodeNote(&b, c, loc, mdEscape)
			}
			files[docPath(c, loc, "md")] = trimLines(b.Bytes())
		}
	}
	return files, nil
}

func wholeMdTable(b *bytes.Buffer, rs []row, loc string) {
	h := tableHeaders(loc)
	withTitle := has(rs, func(r row) string { return r.Title })
	withRem := has(rs, func(r row) string { return r.Remediation })
	cols := []string{h.code}
	if withTitle {
		cols = append(cols, h.title)
	}
	cols = append(cols, h.message, h.status)
	if withRem {
		cols = append(cols, h.remediation)
	}
	b.WriteString("|" + strings.Join(cols, "|") + "|\n|")
	for range cols {
		b.WriteString(":---|")
	}
	b.WriteString("\n")
	for _, r := range rs {
		cells := []string{mdCell(r.Code)}
		if withTitle {
			cells = append(cells, mdCell(r.Title))
		}
		cells = append(cells, mdCell(r.Message), statusText(r.Status, ""))
		if withRem {
			cells = append(cells, mdCell(r.Remediation))
		}
		b.WriteString("|" + strings.Join(cells, "|") + "|\n")
	}
	b.WriteString("\n")
}

func wholeMdList(b *bytes.Buffer, rs []row) {
	for _, r := range rs {
		fmt.Fprintf(b, "**%s**\n\n%s\n\n", mdEscape(r.Code), mdParagraph(r.Message))
	}
}

// wholeText is Text as it was before it streamed.
func wholeText(cats []*catalog.Catalog, opts Options) (Files, error) {
	if _, err := pickStyle("text", opts); err != nil {
		return nil, err
	}
	files := Files{}
	for _, c := range sortedCatalogs(cats) {
		for _, loc := range locales(&c.Domain, opts.Lang) {
			var b bytes.Buffer
			fmt.Fprintf(&b, "%s\n\n", pageTitle(c, loc))
			fmt.Fprintf(&b, "    %s\n\n", oneLine(intro(c, loc)))
			rs := rows(c, loc)
			withStatus := false
			for _, r := range rs {
				withStatus = withStatus || r.Status != nil
			}
			withTitle := every(rs, func(r row) string { return r.Title })
			withRem := every(rs, func(r row) string { return r.Remediation })
			head := []string{"Error Code"}
			if withStatus {
				head = append(head, "HTTP Status")
			}
			if withTitle {
				head = append(head, "Error Type")
			}
			head = append(head, "Description")
			if withRem {
				head = append(head, "Remediation")
			}
			table := [][]string{head}
			for _, r := range rs {
				cells := []string{r.Code}
				if withStatus {
					cells = append(cells, statusText(r.Status, "NA"))
				}
				if withTitle {
					cells = append(cells, oneLine(r.Title))
				}
				cells = append(cells, oneLine(r.Message))
				if withRem {
					cells = append(cells, oneLine(r.Remediation))
				}
				table = append(table, cells)
			}
			wholeAlignedTable(&b, "    ", table)
			b.WriteString("\n")
			var note bytes.Buffer
			subCodeNote(&note, c, loc, oneLine)
			for _, l := range strings.Split(note.String(), "\n") {
				if l != "" {
					l = "    " + l
				}
				b.WriteString(l + "\n")
			}
			files[docPath(c, loc, "txt")] = trimLines(b.Bytes())
		}
	}
	return files, nil
}

func wholeAlignedTable(b *bytes.Buffer, indent string, table [][]string) {
	widths := make([]int, len(table[0]))
	for _, r := range table {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range table {
		b.WriteString(indent)
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteString("\n")
	}
}

// wholeRST is RST as it was before it streamed.
func wholeRST(cats []*catalog.Catalog, opts Options) (Files, error) {
	if _, err := pickStyle("rst", opts); err != nil {
		return nil, err
	}
	files := Files{}
	for _, c := range sortedCatalogs(cats) {
		for _, loc := range locales(&c.Domain, opts.Lang) {
			var b bytes.Buffer
			label := strings.NewReplacer(".", "_", "-", "_").Replace(c.Domain.ID + "_" + loc)
			fmt.Fprintf(&b, ".. _%s:\n\n", label)
			title := rstEscape(pageTitle(c, loc))
			fmt.Fprintf(&b, "%s\n%s\n\n", title, strings.Repeat("=", displayWidth(title)))
			fmt.Fprintf(&b, "%s\n\n", rstEscape(intro(c, loc)))
			head := []string{"Status Code", "Error Code", "Error Message", "Measure"}
			if strings.HasPrefix(loc, "zh") {
				head = []string{"状态码", "错误码", "错误信息", "处理措施"}
			}
			var body [][]string
			for _, r := range rows(c, loc) {
				body = append(body, []string{statusText(r.Status, "NA"), rstEscape(r.Code), rstEscape(r.Message), rstEscape(r.Remediation)})
			}
			wholeGridTable(&b, head, body)
			subCodeNote(&b, c, loc, rstEscape)
			files[docPath(c, loc, "rst")] = trimLines(b.Bytes())
		}
	}
	return files, nil
}

func wholeGridTable(b *bytes.Buffer, head []string, body [][]string) {
	widths := make([]int, len(head))
	measure := func(cells []string) {
		for i, c := range cells {
			for _, l := range strings.Split(c, "\n") {
				widths[i] = max(widths[i], displayWidth(l))
			}
		}
	}
	measure(head)
	for _, r := range body {
		measure(r)
	}
	rule := func(ch string) {
		b.WriteString("+")
		for _, w := range widths {
			b.WriteString(strings.Repeat(ch, w+2) + "+")
		}
		b.WriteString("\n")
	}
	line := func(cells []string) {
		split := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			split[i] = strings.Split(c, "\n")
			n = max(n, len(split[i]))
		}
		for k := 0; k < n; k++ {
			b.WriteString("|")
			for i, w := range widths {
				s := ""
				if k < len(split[i]) {
					s = split[i][k]
				}
				b.WriteString(" " + s + strings.Repeat(" ", w-displayWidth(s)) + " |")
			}
			b.WriteString("\n")
		}
	}
	rule("-")
	line(head)
	rule("=")
	for _, r := range body {
		line(r)
		rule("-")
	}
	b.WriteString("\n")
}

// wholeHTML is HTML as it was before it streamed: every page and the
// search index whole in memory.
func wholeHTML(cats []*catalog.Catalog, opts Options) (Files, error) {
	siteTemplates, err := template.ParseFS(siteFS, "site/*.tmpl")
	if err != nil {
		return nil, err
	}
	files := Files{}
	var domains []htmlDomain
	items := []searchItem{}
	for _, c := range sortedCatalogs(cats) {
		locs := locales(&c.Domain, opts.Lang)
		var pages []htmlPage
		for _, loc := range locs {
			pages = append(pages, htmlPage{Locale: loc, File: docPath(c, loc, "html")})
		}
		domains = append(domains, htmlDomain{ID: c.Domain.ID, Name: c.Domain.Name, Codes: len(c.Entries), Pages: pages})
		for i, loc := range locs {
			p := domainPage(c, loc)
			for j, o := range pages {
				if j != i {
					p.Others = append(p.Others, o)
				}
			}
			var b bytes.Buffer
			if err := siteTemplates.ExecuteTemplate(&b, "domain.html.tmpl", p); err != nil {
				return nil, fmt.Errorf("gen html %s: %w", c.Domain.ID, err)
			}
			files[pages[i].File] = trimLines(b.Bytes())
		}
		def := c.Domain.DefaultLocale()
		for i := range c.Entries {
			e := &c.Entries[i]
			text := ""
			for _, t := range []catalog.Text{e.Title, e.Message, e.Remediation} {
				for _, s := range t.All() {
					text += s + "\n"
				}
			}
			for _, v := range e.Variants {
				for _, l := range v.Message.Locales() {
					text += v.Message.Get(l) + "\n"
				}
			}
			items = append(items, searchItem{
				Code: e.Code, Domain: c.Domain.ID, Status: e.Status(),
				Message: textIn(e.Message, locs[0], def),
				Text:    text,
				Href:    pages[0].File + "#" + e.Code,
			})
		}
	}
	var b bytes.Buffer
	index := struct {
		Domains []htmlDomain
		L       htmlIndexLabels
	}{domains, indexLabelsFor(opts.Lang)}
	if err := siteTemplates.ExecuteTemplate(&b, "index.html.tmpl", index); err != nil {
		return nil, fmt.Errorf("gen html index: %w", err)
	}
	files["index.html"] = trimLines(b.Bytes())
	// encoding/json escapes <, > and & inside strings, so the index cannot
	// close the script element.
	idx, err := json.MarshalIndent(items, "", " ")
	if err != nil {
		return nil, err
	}
	files["search-index.js"] = []byte("// The search index of the error code site.\nwindow.errcatIndex = " + string(idx) + ";\n")
	for _, name := range []string{"search.js", "style.css"} {
		data, err := siteFS.ReadFile("site/" + name)
		if err != nil {
			return nil, err
		}
		files[name] = data
	}
	return files, nil
}

// TestPagesSameAsWhole checks that the streaming Markdown (both styles),
// Text, RST and HTML writers write the pages the whole-page writers did, on
// every built-in catalog at once, each alone, none, and synthetic ones,
// in every locale and in one.
func TestPagesSameAsWhole(t *testing.T) {
	sets := catalogSets(t, 1, 300, 3000)
	gens := []struct {
		name          string
		whole, stream func([]*catalog.Catalog, Options) (Files, error)
		opts          Options
	}{
		{"markdown", wholeMarkdown, Markdown, Options{}},
		{"markdown list", wholeMarkdown, Markdown, Options{Style: StyleList}},
		{"markdown en", wholeMarkdown, Markdown, Options{Lang: "en"}},
		{"text", wholeText, Text, Options{}},
		{"text zh", wholeText, Text, Options{Lang: "zh-CN"}},
		{"rst", wholeRST, RST, Options{}},
		{"html", wholeHTML, HTML, Options{}},
		{"html zh", wholeHTML, HTML, Options{Lang: "zh"}},
	}
	for name, cats := range sets {
		for _, g := range gens {
			want, err := g.whole(cats, g.opts)
			if err != nil {
				t.Fatal(err)
			}
			got, err := g.stream(cats, g.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(want.Paths(), got.Paths()) {
				t.Fatalf("%s %s: files %v, want %v", g.name, name, got.Paths(), want.Paths())
			}
			for _, p := range want.Paths() {
				if !bytes.Equal(want[p], got[p]) {
					t.Errorf("%s %s: %s differs from the whole-page writer's", g.name, name, p)
				}
			}
		}
	}
}

// TestPageWriterMatchesTrimLines checks pageWriter against trimLines on
// random pages of spaces, tabs, newlines and letters, handed on at random
// points.
func TestPageWriterMatchesTrimLines(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "a \t\n\n"
	for range 2000 {
		page := make([]byte, r.IntN(40))
		for i := range page {
			page[i] = alphabet[r.IntN(len(alphabet))]
		}
		var got bytes.Buffer
		p := &pageWriter{w: &got}
		for i := 0; i < len(page); {
			k := i + 1 + r.IntN(5)
			p.Write(page[i:min(k, len(page))])
			if r.IntN(2) == 0 {
				p.pass(false)
			}
			i = k
		}
		if err := p.close(); err != nil {
			t.Fatal(err)
		}
		if want := trimLines(page); !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("page %q: got %q, want %q", page, got.Bytes(), want)
		}
	}
}
