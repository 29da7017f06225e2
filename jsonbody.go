package errcat

import (
	"slices"
	"sync/atomic"
)

// JSONBody is the shape of a JSON error body made of a Def's code and one
// of its texts between constant pieces: Head, the code (a JSON string, or
// a number when CodeAsNumber is set and the code is a JSON integer, as
// Def.AppendJSONCode writes it), Mid, the text of Field as a JSON string
// (as Error.AppendJSONText fills and escapes it), then Tail. For example
// Huawei Cloud's {"error_code":"CSS.0015","error_msg":"…"} is
//
//	var huawei = &errcat.JSONBody{Head: `{"error_code":`, Mid: `,"error_msg":`, Tail: `}`, Field: errcat.Message}
//
// Error.AppendJSONBody writes it with everything but the param values
// precompiled into one text, once per Def, JSONBody and locale. Each Def
// keeps that per *JSONBody: declare one value per shape, in a package
// variable, and do not modify it once used. A Def keeps at most 8 of
// them; others are written piece by piece, to the same bytes.
type JSONBody struct {
	Head, Mid, Tail string
	Field           Field
	CodeAsNumber    bool
}

// maxBodies bounds the JSONBody values a Def keeps precompiled.
const maxBodies = 8

// bodyTemplates is a JSONBody precompiled for a Def: a template per
// locale of the domain, indexed like Domain.Locales.
type bodyTemplates struct {
	body     *JSONBody
	byLocale []*template
}

// AppendJSONBody appends the body b of e in locale: the same bytes as
// appending b.Head, e.Def().AppendJSONCode(…, b.CodeAsNumber), b.Mid, the
// text of b.Field in locale as a JSON string (e.AppendJSONText between
// quotes), and b.Tail. For a locale of the Def's domain, all but the
// param values are one precompiled text.
func (e *Error) AppendJSONBody(dst []byte, b *JSONBody, locale string) []byte {
	// The common case in one function: b already precompiled, locale
	// the same string as one of the domain's.
	if d := e.def; d != nil && d.Domain != nil {
		if c := d.comp.Load(); c != nil {
			if list := c.bodies.Load(); list != nil {
				for j := range *list {
					if bt := &(*list)[j]; bt.body == b {
						for i, l := range d.Domain.Locales {
							if sameData(l, locale) && i < len(bt.byLocale) {
								return e.appendFilled(dst, bt.byLocale[i])
							}
						}
						break
					}
				}
			}
		}
	}
	return e.appendJSONBody(dst, b, locale)
}

func (e *Error) appendJSONBody(dst []byte, b *JSONBody, locale string) []byte {
	d := e.def
	if d == nil || b.Field >= numFields {
		return dst
	}
	if tp := d.bodyTemplate(b, locale); tp != nil {
		return e.appendFilled(dst, tp)
	}
	dst = append(dst, b.Head...)
	dst = d.AppendJSONCode(dst, b.CodeAsNumber)
	dst = append(dst, b.Mid...)
	dst = append(dst, '"')
	dst = e.AppendJSONText(dst, b.Field, locale)
	dst = append(dst, '"')
	return append(dst, b.Tail...)
}

// bodyTemplate returns b precompiled for d in locale, or nil when locale
// is not one of the domain's or d keeps maxBodies bodies already.
func (d *Def) bodyTemplate(b *JSONBody, locale string) *template {
	i := d.localeIndex(locale)
	if i < 0 {
		return nil
	}
	c := d.compiled()
	if list := c.bodies.Load(); list != nil {
		for j := range *list {
			if bt := &(*list)[j]; bt.body == b {
				return bt.byLocale[i]
			}
		}
	}
	if bt := d.compileBody(c, b); bt != nil {
		return bt.byLocale[i]
	}
	return nil
}

// compileBody precompiles b for d and adds it to the Def's list (copied
// on write); nil when the list is full.
func (d *Def) compileBody(c *compiled, b *JSONBody) *bodyTemplates {
	bt := bodyTemplates{body: b, byLocale: make([]*template, len(d.Domain.Locales))}
	code := string(d.AppendJSONCode(nil, b.CodeAsNumber))
	for i := range bt.byLocale {
		tp := c.byLocale[b.Field]
		head := b.Head + code + b.Mid + `"`
		if i >= len(tp) || tp[i] == nil {
			bt.byLocale[i] = &template{tail: head + `"` + b.Tail}
			continue
		}
		t := tp[i]
		body := &template{tail: t.tail + `"` + b.Tail, locale: t.locale, localeValue: t.localeValue}
		body.holes = slices.Clone(t.holes)
		if len(body.holes) > 0 {
			body.holes[0].lit = head + body.holes[0].lit
		} else {
			body.tail = head + body.tail
		}
		bt.byLocale[i] = body
	}
	return addBody(&c.bodies, bt)
}

// addBody adds bt to list unless it is full, and returns the entry for
// bt.body in the list (another goroutine's, when it added it first).
func addBody(list *atomic.Pointer[[]bodyTemplates], bt bodyTemplates) *bodyTemplates {
	for {
		old := list.Load()
		var cur []bodyTemplates
		if old != nil {
			cur = *old
		}
		for j := range cur {
			if cur[j].body == bt.body {
				return &cur[j]
			}
		}
		if len(cur) >= maxBodies {
			return nil
		}
		next := append(cur[:len(cur):len(cur)], bt)
		if list.CompareAndSwap(old, &next) {
			return &next[len(next)-1]
		}
	}
}
