package gen

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/errcat/errcat/internal/catalog"
)

//go:embed site
var siteFS embed.FS

type htmlPage struct {
	Locale, File string
}

type htmlDomain struct {
	ID, Name string
	Codes    int
	Pages    []htmlPage
}

type htmlRow struct {
	Code, Status, Title, Message, Remediation string
	Category                                  catalog.Category
	Retryable, Deprecated                     bool
	ReplacedBy                                string
	Params                                    []string
	Variants                                  []htmlRow
}

type htmlDomainPage struct {
	Locale, Title, Intro, ID, WireFormat, SuccessCode, SubCode string
	WithTitle                                                  bool
	Others                                                     []htmlPage
	Entries                                                    []htmlRow
	L                                                          htmlLabels
}

// htmlLabels are the words of a domain page, in its locale.
type htmlLabels struct {
	AllCodes, Domain, WireFormat, SuccessCode                              string
	Code, Status, Title, Message, Remediation, Category, Retryable, Params string
	Notes, Yes, No, Deprecated, Use, AlsoDocumented                        string
}

// htmlIndexLabels are the words of the index page.
type htmlIndexLabels struct {
	Lang, Title, Search, Placeholder, Domains, Domain, Name, Codes, Pages string
}

// indexLabelsFor returns the index words for the --lang of the site:
// Chinese for zh, else English.
func indexLabelsFor(lang string) htmlIndexLabels {
	if strings.HasPrefix(lang, "zh") {
		return htmlIndexLabels{Lang: lang, Title: "错误码", Search: "搜索错误码和错误信息", Placeholder: "错误码、词语或 word",
			Domains: "域", Domain: "域", Name: "名称", Codes: "错误码数", Pages: "页面"}
	}
	return htmlIndexLabels{Lang: "en", Title: "Error codes", Search: "Search codes and messages", Placeholder: "code, word or 词语",
		Domains: "Domains", Domain: "Domain", Name: "Name", Codes: "Codes", Pages: "Pages"}
}

// labelsFor returns the page words for loc: Chinese for zh locales, else
// English.
func labelsFor(loc string) htmlLabels {
	if strings.HasPrefix(loc, "zh") {
		return htmlLabels{
			AllCodes: "全部错误码", Domain: "域", WireFormat: "传输格式", SuccessCode: "成功码",
			Code: "错误码", Status: "HTTP 状态码", Title: "名称", Message: "错误信息", Remediation: "处理建议",
			Category: "类别", Retryable: "可重试", Params: "参数", Notes: "备注",
			Yes: "是", No: "否", Deprecated: "已弃用", Use: "请改用", AlsoDocumented: "同一错误码的另一说明",
		}
	}
	return htmlLabels{
		AllCodes: "All error codes", Domain: "Domain", WireFormat: "Wire format", SuccessCode: "Success code",
		Code: "Code", Status: "HTTP status", Title: "Title", Message: "Message", Remediation: "Remediation",
		Category: "Category", Retryable: "Retryable", Params: "Params", Notes: "Notes",
		Yes: "yes", No: "no", Deprecated: "deprecated", Use: "use", AlsoDocumented: "also documented",
	}
}

// searchItem is one row of search-index.js.
type searchItem struct {
	Code    string `json:"code"`
	Domain  string `json:"domain"`
	Status  int    `json:"status,omitempty"`
	Message string `json:"message"`
	// Text is every text of the entry in every locale, for matching.
	Text string `json:"text"`
	Href string `json:"href"`
}

// HTML writes a static site: index.html (the domains and a search box),
// DOMAIN.LOCALE.html per domain and locale with an anchor per code
// (DOMAIN.LOCALE.html#CODE) and a table of code, HTTP status (N/A when
// none), title (when any), message, remediation, category, retryable,
// params and notes — a variant is a further row with the same code —, style.css, and search.js with its index
// search-index.js. The index is a script, not fetched JSON, so search
// works when the site is opened from file://. The search matches every
// text of an entry in every locale; results link to the default locale's
// page, or the --lang page when one is chosen.
func HTML(cats []*catalog.Catalog, opts Options) (Files, error) {
	return collect(cats, opts, StreamHTML)
}

// StreamHTML is HTML writing each file as it goes: the pages through a
// pageWriter, the search index an entry at a time, never a whole file
// or the whole index in memory.
func StreamHTML(cats []*catalog.Catalog, opts Options, create CreateFunc) error {
	siteTemplates, err := template.ParseFS(siteFS, "site/*.tmpl")
	if err != nil {
		return err
	}
	var domains []htmlDomain
	sorted := sortedCatalogs(cats)
	for _, c := range sorted {
		pages := htmlPages(c, opts)
		domains = append(domains, htmlDomain{ID: c.Domain.ID, Name: c.Domain.Name, Codes: len(c.Entries), Pages: pages})
		for i, loc := range locales(&c.Domain, opts.Lang) {
			p := domainPage(c, loc)
			for j, o := range pages {
				if j != i {
					p.Others = append(p.Others, o)
				}
			}
			w, err := create(pages[i].File)
			if err != nil {
				return err
			}
			pw := &pageWriter{w: w}
			if err := siteTemplates.ExecuteTemplate(flushingWriter{pw}, "domain.html.tmpl", p); err != nil {
				return fmt.Errorf("gen html %s: %w", c.Domain.ID, err)
			}
			if err := pw.close(); err != nil {
				return err
			}
		}
	}
	index := struct {
		Domains []htmlDomain
		L       htmlIndexLabels
	}{domains, indexLabelsFor(opts.Lang)}
	w, err := create("index.html")
	if err != nil {
		return err
	}
	pw := &pageWriter{w: w}
	if err := siteTemplates.ExecuteTemplate(flushingWriter{pw}, "index.html.tmpl", index); err != nil {
		return fmt.Errorf("gen html index: %w", err)
	}
	if err := pw.close(); err != nil {
		return err
	}
	// The index as json.MarshalIndent(items, "", " ") writes the array
	// of every entry's searchItem, an item at a time. encoding/json
	// escapes <, > and & inside strings, so the index cannot close the
	// script element.
	w, err = create("search-index.js")
	if err != nil {
		return err
	}
	out := &errWriter{w: w}
	out.str("// The search index of the error code site.\nwindow.errcatIndex = [")
	n := 0
	for _, c := range sorted {
		locs := locales(&c.Domain, opts.Lang)
		href := htmlPages(c, opts)[0].File + "#"
		def := c.Domain.DefaultLocale()
		for i := range c.Entries {
			e := &c.Entries[i]
			var text strings.Builder
			for _, t := range []catalog.Text{e.Title, e.Message, e.Remediation} {
				for _, s := range t.All() {
					text.WriteString(s + "\n")
				}
			}
			for _, v := range e.Variants {
				for _, l := range v.Message.Locales() {
					text.WriteString(v.Message.Get(l) + "\n")
				}
			}
			item, err := json.MarshalIndent(searchItem{
				Code: e.Code, Domain: c.Domain.ID, Status: e.Status(),
				Message: textIn(e.Message, locs[0], def),
				Text:    text.String(),
				Href:    href + e.Code,
			}, " ", " ")
			if err != nil {
				return err
			}
			if n > 0 {
				out.str(",")
			}
			out.str("\n ")
			out.bytes(item)
			if out.err != nil {
				return out.err
			}
			n++
		}
	}
	if n > 0 {
		out.str("\n")
	}
	out.str("];\n")
	if out.err != nil {
		return out.err
	}
	for _, name := range []string{"search.js", "style.css"} {
		data, err := siteFS.ReadFile("site/" + name)
		if err != nil {
			return err
		}
		if err := createWrite(create, name, data); err != nil {
			return err
		}
	}
	return nil
}

// htmlPages are the pages of c: one per locale.
func htmlPages(c *catalog.Catalog, opts Options) []htmlPage {
	var pages []htmlPage
	for _, loc := range locales(&c.Domain, opts.Lang) {
		pages = append(pages, htmlPage{Locale: loc, File: docPath(c, loc, "html")})
	}
	return pages
}

// flushingWriter is a pageWriter for a writer that writes in many small
// pieces (a template): each write may hand the page on.
type flushingWriter struct{ p *pageWriter }

func (f flushingWriter) Write(b []byte) (int, error) {
	n, _ := f.p.Write(b)
	f.p.maybeFlush()
	return n, f.p.err
}

func domainPage(c *catalog.Catalog, loc string) htmlDomainPage {
	def := c.Domain.DefaultLocale()
	p := htmlDomainPage{
		Locale: loc, Title: pageTitle(c, loc), Intro: intro(c, loc),
		ID: c.Domain.ID, WireFormat: c.Domain.WireFormat, L: labelsFor(loc),
	}
	if c.Domain.SuccessCode != nil {
		p.SuccessCode = *c.Domain.SuccessCode
	}
	if sc := c.Domain.SubCode; sc != nil {
		p.SubCode = textIn(sc.Description, loc, def)
		if sc.Example != "" {
			p.SubCode += " " + sc.Field + ": " + sc.Example
		}
	}
	for i := range c.Entries {
		e := &c.Entries[i]
		r := htmlRow{
			Code: e.Code, Status: statusText(e.HTTPStatus, "N/A"),
			Title:       textIn(e.Title, loc, def),
			Message:     textIn(e.Message, loc, def),
			Remediation: textIn(e.Remediation, loc, def),
			Category:    e.Category, Retryable: e.IsRetryable(),
			Deprecated: e.Deprecated, ReplacedBy: e.ReplacedBy,
		}
		for _, pa := range e.Params {
			r.Params = append(r.Params, pa.Name)
		}
		for _, v := range e.Variants {
			r.Variants = append(r.Variants, htmlRow{
				Code: e.Code, Status: statusText(v.HTTPStatus, "N/A"),
				Message:     textIn(v.Message, loc, def),
				Remediation: textIn(v.Remediation, loc, def),
			})
		}
		p.WithTitle = p.WithTitle || r.Title != ""
		p.Entries = append(p.Entries, r)
	}
	return p
}
