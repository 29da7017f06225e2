package server

import (
	"encoding/json"

	"github.com/errcat/errcat/internal/catalog"
)

// maxSeeAlso bounds each "see also" list of an entry page.
const maxSeeAlso = 10

// maxSameMessageScan bounds the entries compared for "same message", so
// an entry page of a huge catalog stays quick.
const maxSameMessageScan = 200000

// entryExtras is what an entry page shows besides the entry itself: the
// category and retry verdict in plain words, "see also" lists, the
// published page and the entry's JSON.
func entryExtras(snap *snapshot, lang string, d *catalog.Domain, e *catalog.Entry) map[string]any {
	p := page{Lang: lang}
	retry := p.T("entry.retryno")
	if e.IsRetryable() {
		retry = p.T("entry.retryyes")
	}
	var sameCode, sameMsg []entryRow
	for _, m := range snap.set.Find(e.Code) {
		if m.Entry != e && len(sameCode) < maxSeeAlso {
			sameCode = append(sameCode, row(lang, &m.Catalog.Domain, m.Entry))
		}
	}
	if msg := pick(e.Message, lang, d); msg != "" {
		scanned := 0
	scan:
		for _, c := range snap.set.Catalogs() {
			for i := range c.Entries {
				o := &c.Entries[i]
				if scanned++; scanned > maxSameMessageScan || len(sameMsg) == maxSeeAlso {
					break scan
				}
				if o != e && o.Code != e.Code && pick(o.Message, lang, &c.Domain) == msg {
					sameMsg = append(sameMsg, row(lang, &c.Domain, o))
				}
			}
		}
	}
	out := map[string]any{
		"CategoryLabel": p.T("cat." + string(e.Category)),
		"CategoryDesc":  p.T("catdesc." + string(e.Category)),
		"RetryText":     retry,
		"SameCode":      sameCode,
		"SameMessage":   sameMsg,
		"VariantCount":  len(e.Variants),
	}
	if d.Source != nil {
		out["SourceURL"], out["SourceFile"], out["SourceTitle"] = d.Source.URL, d.Source.File, d.Source.Title
	}
	if b, err := json.MarshalIndent(e.JSON(d), "", "  "); err == nil {
		out["JSON"] = string(b)
	}
	return out
}
