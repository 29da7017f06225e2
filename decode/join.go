package decode

import "github.com/errcat/errcat/vocab"

// errcatFormat reports whether f is a format errcat's runtime writes
// (vocab's list of wire formats) or a generic shape: any catalog domain
// may be rendered in any of them. A body in another provider's own format
// (AWS, Azure, …) joins only domains that declare that format.
func errcatFormat(f string) bool {
	if f == FormatCodeMessage || f == FormatErrorObject {
		return true
	}
	_, ok := vocab.LookupWireFormat(f)
	return ok
}

// join finds n.Code's catalog entry: in the named domain, else among all
// domains, preferring a single exact match, then a single domain writing
// the body's format.
func (d *Decoder) join(n *Normalized) {
	if n.Domain != "" {
		if !d.Catalog.HasDomain(n.Domain) {
			return
		}
		if es := d.Catalog.Lookup(n.Domain, n.Code); len(es) > 0 {
			d.take(n, es[0])
		}
		return
	}
	es := d.Catalog.Lookup("", n.Code)
	if !errcatFormat(n.Format) {
		kept := es[:0:0]
		for _, e := range es {
			if e.WireFormat == n.Format {
				kept = append(kept, e)
			}
		}
		es = kept
	}
	if len(es) == 0 {
		return
	}
	for _, e := range es {
		if !containsString(n.Candidates, e.Domain) {
			n.Candidates = append(n.Candidates, e.Domain)
		}
	}
	// Exact codes win over patterns.
	tier := es
	for i, e := range es {
		if vocab.HasPlaceholder(e.Code) {
			if i > 0 {
				tier = es[:i]
			}
			break
		}
	}
	if one, ok := single(tier, func(Entry) bool { return true }); ok {
		switch {
		case one.WireFormat == n.Format:
			n.Confidence = High // the only domain, and it writes this format
		case n.Confidence == High:
			n.Confidence = Medium
		}
		d.take(n, one)
		return
	}
	if one, ok := single(tier, func(e Entry) bool { return e.WireFormat == n.Format }); ok {
		n.Confidence = Medium
		d.take(n, one)
		return
	}
	n.Confidence = Low
}

// single returns the entry of the only domain among es that keep accepts.
func single(es []Entry, keep func(Entry) bool) (Entry, bool) {
	var found Entry
	n := 0
	for _, e := range es {
		if !keep(e) {
			continue
		}
		if n == 0 || e.Domain != found.Domain {
			if n > 0 {
				return Entry{}, false
			}
			found = e
			n++
		}
	}
	return found, n == 1
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// take records e as n's entry and reads the params back.
func (d *Decoder) take(n *Normalized, e Entry) {
	n.Entry = &e
	n.Domain = e.Domain
	if n.Provider == "" || formatConfidence(n.Format) != High {
		// A generic shape: the provider family of the format the domain writes.
		if p := providerOf(e.WireFormat); p != "" {
			n.Provider = p
		}
	}
	if len(n.Params) > 0 {
		return // the body gave them
	}
	if vocab.HasPlaceholder(e.Code) && n.Code != e.Code {
		if ps, ok := MatchPattern(e.Code, n.Code); ok {
			n.Params = ps
		}
	}
	msg := n.Message
	if _, rest, ok := subCode(msg); ok {
		msg = rest
	}
	for _, t := range e.Texts {
		if t == msg || t == n.Message {
			return // a documented text without params
		}
		if !vocab.HasPlaceholder(t) {
			continue
		}
		ps, ok := MatchPattern(t, msg)
		if !ok && msg != n.Message {
			ps, ok = MatchPattern(t, n.Message)
		}
		if ok {
			for _, p := range ps {
				if _, dup := n.Params.Get(p.Name); !dup {
					n.Params = append(n.Params, p)
				}
			}
			return
		}
	}
}

// MatchPattern matches s against pattern, a text with {name}
// placeholders, and returns the placeholder values (vocab.MatchPattern).
// Each placeholder matches at least one byte; a name used twice must match
// the same text.
func MatchPattern(pattern, s string) (Params, bool) {
	ps, ok := vocab.MatchPattern(pattern, s)
	return Params(ps), ok
}
