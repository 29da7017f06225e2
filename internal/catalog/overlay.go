package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/errcat/errcat/vocab"
)

// OverlayDir is the directory, next to the catalog files, that holds
// locale overlays named <domain>.<locale>.yaml and the glossary.
const OverlayDir = "i18n"

// GlossaryFile is the glossary's file name inside OverlayDir; it is not an
// overlay.
const GlossaryFile = "glossary.yaml"

// An Overlay holds one domain's texts in one more locale, kept in a file
// of its own (catalogs/i18n/<domain>.<locale>.yaml) so that re-importing
// the provider's page, which rewrites the catalog file, never loses them.
// MergeOverlay adds them to the catalog at load time:
//
//	domain: huaweicloud.css
//	locale: zh-CN
//	origin: translated        # translated, reviewed or source
//	description: …            # optional: the domain's description
//	sub_code_description: …   # optional: its sub_code convention's
//	entries:
//	  - code: CSS.0001
//	    message: 参数错误。
//	    remediation: 请根据返回信息检查参数设置。
//	  - code: CSS.0011
//	    origin: reviewed      # overrides the file's origin for this entry
//	    message: …
//	    variants:
//	      - index: 0          # the entry's first variant
//	        message: …
type Overlay struct {
	Domain string `yaml:"domain" json:"domain"`
	Locale string `yaml:"locale" json:"locale"`
	// Origin is the origin of every text of the overlay unless an entry
	// says otherwise.
	Origin Origin `yaml:"origin" json:"origin"`
	// Description and SubCodeDescription translate the domain's
	// description and its sub_code convention's description.
	Description        string         `yaml:"description,omitempty" json:"description,omitempty"`
	SubCodeDescription string         `yaml:"sub_code_description,omitempty" json:"sub_code_description,omitempty"`
	Entries            []OverlayEntry `yaml:"entries" json:"entries"`

	// File is the path the overlay was loaded from.
	File string `yaml:"-" json:"-"`
	// body is the parsed document, for placing merge errors.
	body ast.Node
}

// OverlayEntry is the texts of one code in the overlay's locale.
type OverlayEntry struct {
	Code        string           `yaml:"code" json:"code"`
	Origin      Origin           `yaml:"origin,omitempty" json:"origin,omitempty"`
	Title       string           `yaml:"title,omitempty" json:"title,omitempty"`
	Message     string           `yaml:"message,omitempty" json:"message,omitempty"`
	Remediation string           `yaml:"remediation,omitempty" json:"remediation,omitempty"`
	Variants    []OverlayVariant `yaml:"variants,omitempty" json:"variants,omitempty"`
}

// OverlayVariant is the texts of one variant, by its 0-based index in the
// entry's variants.
type OverlayVariant struct {
	Index       *int   `yaml:"index" json:"index"`
	Message     string `yaml:"message,omitempty" json:"message,omitempty"`
	Remediation string `yaml:"remediation,omitempty" json:"remediation,omitempty"`
}

// OriginFor returns the origin of the entry's texts.
func (o *Overlay) OriginFor(e *OverlayEntry) Origin {
	if e.Origin != "" {
		return e.Origin
	}
	return o.Origin
}

// ParseOverlay parses one overlay file and checks its structure (header,
// origins, locale tag, duplicate codes). Whether its codes and placeholders
// fit the catalog is MergeOverlay's business. Problems are reported as
// file:line:col: reason; ParseOverlay never panics.
func ParseOverlay(name string, data []byte) (*Overlay, error) {
	o := &Overlay{File: name}
	body, err := decodeDocument(name, data, "overlay", "domain, locale, origin and entries", o)
	if err != nil {
		return nil, err
	}
	o.body = body
	if list := o.problems(validateOverlay(o)); len(list) > 0 {
		return nil, list
	}
	return o, nil
}

func validOrigin(o Origin) bool {
	return o == OriginSource || o == OriginTranslated || o == OriginReviewed
}

func validateOverlay(o *Overlay) []Problem {
	var ps []Problem
	add := func(msg string, path ...any) { ps = append(ps, Problem{Path: path, Msg: msg}) }
	switch {
	case o.Domain == "":
		add("domain is required: the id of the catalog the overlay translates")
	case !domainIDRe.MatchString(o.Domain):
		add(fmt.Sprintf("domain %q: want lower-case dotted words such as huaweicloud.css", o.Domain), "domain")
	}
	if o.Locale == "" {
		add("locale is required: the BCP 47 tag of the overlay's texts")
	} else if err := checkLocale(o.Locale); err != nil {
		add(err.Error(), "locale")
	}
	switch {
	case o.Origin == "":
		add("origin is required: translated, reviewed or source")
	case !validOrigin(o.Origin):
		add(fmt.Sprintf("origin %q: want translated, reviewed or source", o.Origin), "origin")
	}
	seen := map[string]int{}
	for i := range o.Entries {
		e := &o.Entries[i]
		if e.Code == "" {
			add("overlay entry has no code", "entries", i)
			continue
		}
		if j, dup := seen[e.Code]; dup {
			add(fmt.Sprintf("code %q is already translated in entry %d of this overlay", e.Code, j+1), "entries", i, "code")
		}
		seen[e.Code] = i
		if e.Origin != "" && !validOrigin(e.Origin) {
			add(fmt.Sprintf("origin %q: want translated, reviewed or source", e.Origin), "entries", i, "origin")
		}
		if e.Title == "" && e.Message == "" && e.Remediation == "" && len(e.Variants) == 0 {
			add("overlay entry "+e.Code+" has no text", "entries", i)
		}
		vseen := map[int]bool{}
		for j, v := range e.Variants {
			switch {
			case v.Index == nil:
				add("variant needs an index: its 0-based position in the entry's variants", "entries", i, "variants", j)
			case *v.Index < 0:
				add(fmt.Sprintf("variant index %d: want 0 or more", *v.Index), "entries", i, "variants", j, "index")
			case vseen[*v.Index]:
				add(fmt.Sprintf("variant %d is translated twice", *v.Index), "entries", i, "variants", j, "index")
			}
			if v.Index != nil {
				vseen[*v.Index] = true
			}
			if v.Message == "" && v.Remediation == "" {
				add("overlay variant has no text", "entries", i, "variants", j)
			}
		}
	}
	return ps
}

// problems places problems in the overlay's file.
func (o *Overlay) problems(ps []Problem) ErrorList {
	var list ErrorList
	for _, p := range ps {
		if o.body == nil {
			list = append(list, &Error{File: o.File, Msg: p.String()})
			continue
		}
		list = append(list, problemError(o.File, o.body, p))
	}
	list.sort()
	return list
}

// MergeOverlay adds the overlay's texts to c: the overlay's locale joins
// domain.locales after the existing ones, and every entry it translates
// records the overlay's origin for that locale. Nothing is changed when
// any text does not fit: an unknown code or variant, a text the catalog
// has no source for, a text the catalog already has in that locale, or a
// placeholder set that differs from the source text's. The error is an
// ErrorList placed in the overlay's file.
func MergeOverlay(c *Catalog, o *Overlay) error {
	if list := o.problems(checkOverlay(c, o)); len(list) > 0 {
		return list
	}
	loc := o.Locale
	if !slices.Contains(c.Domain.Locales, loc) {
		c.Domain.Locales = append(c.Domain.Locales, loc)
	}
	set := func(t *Text, s string) {
		if s == "" {
			return
		}
		t.Set(loc, s)
	}
	set(&c.Domain.Description, o.Description)
	if c.Domain.SubCode != nil {
		set(&c.Domain.SubCode.Description, o.SubCodeDescription)
	}
	for i := range o.Entries {
		oe := &o.Entries[i]
		e := c.Lookup(oe.Code)
		set(&e.Title, oe.Title)
		set(&e.Message, oe.Message)
		set(&e.Remediation, oe.Remediation)
		for _, ov := range oe.Variants {
			v := &e.Variants[*ov.Index]
			set(&v.Message, ov.Message)
			set(&v.Remediation, ov.Remediation)
		}
		if e.Origin == nil {
			e.Origin = map[string]Origin{}
		}
		e.Origin[loc] = o.OriginFor(oe)
	}
	return nil
}

func checkOverlay(c *Catalog, o *Overlay) []Problem {
	var ps []Problem
	add := func(msg string, path ...any) { ps = append(ps, Problem{Path: path, Msg: msg}) }
	if o.Domain != c.Domain.ID {
		add(fmt.Sprintf("overlay of domain %q cannot merge into catalog %q", o.Domain, c.Domain.ID), "domain")
		return ps
	}
	src := c.Domain.DefaultLocale()
	loc := o.Locale
	if loc == src {
		add(fmt.Sprintf("locale %s is the catalog's source locale; an overlay adds another locale", loc), "locale")
		return ps
	}
	// checkText compares one overlay text with the catalog's text of the
	// same field in the source locale.
	checkText := func(what, owner string, have Text, s string, path ...any) {
		if s == "" {
			return
		}
		if strings.TrimSpace(s) == "" {
			add(what+" is blank", path...)
			return
		}
		orig, ok := have.Lookup(src)
		switch {
		case !ok:
			add(fmt.Sprintf("%s has no %s %s to translate", owner, src, what), path...)
			return
		case have.Get(loc) != "":
			add(fmt.Sprintf("%s already has a %s %s in the catalog file; an overlay adds a locale, it does not replace text", owner, loc, what), path...)
			return
		}
		want, got := placeholderSet(orig), placeholderSet(s)
		if !slices.Equal(want, got) {
			add(fmt.Sprintf("placeholders %s differ from the %s text's %s", braced(got), src, braced(want)), path...)
		}
	}
	checkText("description", "domain "+c.Domain.ID, c.Domain.Description, o.Description, "description")
	if o.SubCodeDescription != "" && c.Domain.SubCode == nil {
		add(fmt.Sprintf("domain %s has no sub_code convention to describe", c.Domain.ID), "sub_code_description")
	} else if c.Domain.SubCode != nil {
		checkText("sub_code description", "domain "+c.Domain.ID, c.Domain.SubCode.Description, o.SubCodeDescription, "sub_code_description")
	}
	for i := range o.Entries {
		oe := &o.Entries[i]
		e := c.Lookup(oe.Code)
		if e == nil {
			add(fmt.Sprintf("unknown code %q: domain %s has no such entry", oe.Code, c.Domain.ID), "entries", i, "code")
			continue
		}
		checkText("title", "entry "+e.Code, e.Title, oe.Title, "entries", i, "title")
		checkText("message", "entry "+e.Code, e.Message, oe.Message, "entries", i, "message")
		checkText("remediation", "entry "+e.Code, e.Remediation, oe.Remediation, "entries", i, "remediation")
		for j, ov := range oe.Variants {
			if *ov.Index >= len(e.Variants) {
				add(fmt.Sprintf("entry %s has %d variants; there is no variant %d", e.Code, len(e.Variants), *ov.Index), "entries", i, "variants", j, "index")
				continue
			}
			v := &e.Variants[*ov.Index]
			what := fmt.Sprintf("variant %d", *ov.Index)
			checkText(what+" message", "entry "+e.Code, v.Message, ov.Message, "entries", i, "variants", j, "message")
			checkText(what+" remediation", "entry "+e.Code, v.Remediation, ov.Remediation, "entries", i, "variants", j, "remediation")
		}
	}
	return ps
}

func placeholderSet(s string) []string {
	names := vocab.Placeholders(s)
	slices.Sort(names)
	return names
}

func braced(names []string) string {
	if len(names) == 0 {
		return "(none)"
	}
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{" + n + "}"
	}
	return strings.Join(out, " ")
}

// LoadOverlays reads the overlays in dir of fsys (normally the i18n
// directory beside the catalog files) in name order and merges each into
// the catalog of its domain. A missing dir is no error. Each overlay file
// must be named <domain>.<locale>.yaml after its header; the glossary
// file is skipped. All problems of all files are returned together.
func LoadOverlays(fsys fs.FS, dir string, cats []*Catalog) error {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	byID := map[string]*Catalog{}
	for _, c := range cats {
		byID[c.Domain.ID] = c
	}
	var list ErrorList
	for _, de := range ents {
		if de.IsDir() || !isYAML(de.Name()) || de.Name() == GlossaryFile {
			continue
		}
		name := path.Join(dir, de.Name())
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		o, err := ParseOverlay(name, data)
		if err != nil {
			list = appendErr(list, name, err)
			continue
		}
		ext := path.Ext(de.Name())
		if want := o.Domain + "." + o.Locale + ext; de.Name() != want {
			list = append(list, o.problems([]Problem{{Path: []any{"domain"},
				Msg: fmt.Sprintf("an overlay of %s in %s must be named %s", o.Domain, o.Locale, want)}})...)
			continue
		}
		c := byID[o.Domain]
		if c == nil {
			list = append(list, o.problems([]Problem{{Path: []any{"domain"},
				Msg: fmt.Sprintf("no catalog of domain %q beside the overlay", o.Domain)}})...)
			continue
		}
		if err := MergeOverlay(c, o); err != nil {
			list = appendErr(list, name, err)
		}
	}
	if len(list) > 0 {
		list.sort()
		return list
	}
	return nil
}
