package decode

import "strings"

// errcatFormats are the formats errcat's runtime writes: any catalog
// domain may be rendered in any of them. A body in another provider's own
// format (AWS, Azure, …) joins only domains that declare that format.
func errcatFormat(f string) bool {
	switch f {
	case FormatProblem, FormatGoogle, FormatTencent, FormatTencentV2, FormatAliyun,
		FormatAliyunXML, FormatHuawei, FormatZilliz, FormatUCloud,
		FormatCodeMessage, FormatErrorObject:
		return true
	}
	return false
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
		if isPattern(e.Code) {
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
	if isPattern(e.Code) && n.Code != e.Code {
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
		if !isPattern(t) {
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

// isPattern reports whether s has a {name} placeholder.
func isPattern(s string) bool {
	for i := strings.IndexByte(s, '{'); i >= 0; {
		if j := placeholderEnd(s, i); j > 0 {
			return true
		}
		k := strings.IndexByte(s[i+1:], '{')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// placeholderEnd returns the index just past the placeholder {name}
// starting at i, or -1. A name is a letter or underscore followed by
// letters, digits or underscores.
func placeholderEnd(s string, i int) int {
	j := i + 1
	for j < len(s) {
		c := s[j]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > i+1 && c >= '0' && c <= '9' {
			j++
			continue
		}
		break
	}
	if j > i+1 && j < len(s) && s[j] == '}' {
		return j + 1
	}
	return -1
}

// MatchPattern matches s against pattern, a text with {name}
// placeholders, and returns the placeholder values. Each placeholder
// matches at least one byte; a name used twice must match the same text.
func MatchPattern(pattern, s string) (Params, bool) {
	var segs []seg
	last := 0
	for i := 0; i < len(pattern); i++ {
		if pattern[i] != '{' {
			continue
		}
		if j := placeholderEnd(pattern, i); j > 0 {
			segs = append(segs, seg{lit: pattern[last:i]}, seg{name: pattern[i+1 : j-1]})
			last = j
			i = j - 1
		}
	}
	segs = append(segs, seg{lit: pattern[last:]})
	budget := 10000
	var ps Params
	if !matchSegs(segs, s, &ps, &budget) {
		return nil, false
	}
	return ps, true
}

type seg struct{ lit, name string }

func matchSegs(segs []seg, s string, ps *Params, budget *int) bool {
	*budget--
	if *budget < 0 {
		return false
	}
	if len(segs) == 0 {
		return s == ""
	}
	sg := segs[0]
	if sg.name == "" {
		if !strings.HasPrefix(s, sg.lit) {
			return false
		}
		return matchSegs(segs[1:], s[len(sg.lit):], ps, budget)
	}
	if v, ok := ps.Get(sg.name); ok {
		return strings.HasPrefix(s, v) && matchSegs(segs[1:], s[len(v):], ps, budget)
	}
	// Try each end for the value, shortest first; the next literal anchors it.
	next := ""
	if len(segs) > 1 {
		next = segs[1].lit
	}
	mark := len(*ps)
	for end := 1; end <= len(s); end++ {
		if next != "" {
			k := strings.Index(s[end:], next)
			if k < 0 {
				return false
			}
			end += k
			if end == 0 {
				continue
			}
		} else if len(segs) == 2 {
			end = len(s) // the placeholder ends the pattern
		}
		*ps = append((*ps)[:mark], Param{sg.name, s[:end]})
		if matchSegs(segs[1:], s[end:], ps, budget) {
			return true
		}
	}
	*ps = (*ps)[:mark]
	return false
}
