package lint

import (
	"bytes"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/vocab"
)

func quote(s string) string { return strconv.Quote(s) }

// eachLocale calls f for each locale of t in sorted order, without
// allocating: the rules call it for every text of every entry.
func eachLocale(t catalog.Text, f func(l, s string)) {
	for l, s := range t.All() {
		f(l, s)
	}
}

// normalMessage folds a message for comparison: lower case, single spaces,
// no final punctuation. It appends to buf and returns the result.
func normalMessage(buf []byte, s string) []byte {
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = len(buf) > 0
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

func sameMessage() Rule {
	return Rule{
		ID: "same-message", Severity: Warning, Default: true,
		Summary: "different codes have the same message",
		Rationale: `The message is what a person reads to tell errors apart. Two codes with
one text are either the same error (retire one code and alias it) or
different errors described too vaguely; either way users cannot tell which
happened. Messages are compared in the default locale, ignoring case, spacing
and final punctuation, through a map of texts, so the rule is linear.`,
		Example: `  - code: CSS.5009
    message: {en: Failed to obtain the cluster information.}
  - code: CSS.5078               # same-message: as CSS.5009
    message: {en: Failed to obtain the cluster information.}`,
		check: func(p *pass) {
			loc := p.cat.Domain.DefaultLocale()
			// Index messages by a 64-bit hash of their folded text; a hit is
			// confirmed on the text itself, and true collisions go to an
			// exact map. A million messages cost no string copies.
			seed := maphash.MakeSeed()
			first := make(map[uint64]int32, len(p.cat.Entries))
			var exact map[string]int32
			var buf, other []byte
			for i := range p.cat.Entries {
				e := &p.cat.Entries[i]
				buf = normalMessage(buf[:0], e.Message.Get(loc))
				if len(buf) == 0 {
					continue
				}
				h := maphash.Bytes(seed, buf)
				j, ok := first[h]
				if !ok {
					first[h] = int32(i)
					continue
				}
				if other = normalMessage(other[:0], p.cat.Entries[j].Message.Get(loc)); !bytes.Equal(buf, other) {
					if exact == nil {
						exact = map[string]int32{}
					}
					if j, ok = exact[string(buf)]; !ok {
						exact[string(buf)] = int32(i)
						continue
					}
				}
				if o := &p.cat.Entries[j]; o.Code != e.Code {
					p.report(e, catalog.Pos{}, "code %s has the same message as %s (line %d): %s", e.Code, o.Code, o.Pos.Line, quote(e.Message.Get(loc)))
				}
			}
		},
	}
}

func texts(e *catalog.Entry, f func(field string, pos catalog.Pos, t catalog.Text)) {
	f("title", catalog.Pos{}, e.Title)
	f("message", catalog.Pos{}, e.Message)
	f("remediation", catalog.Pos{}, e.Remediation)
	for i := range e.Variants {
		v := &e.Variants[i]
		f("variant message", v.Pos, v.Message)
		f("variant remediation", v.Pos, v.Remediation)
	}
}

func placeholderMismatch() Rule {
	return Rule{
		ID: "placeholder-mismatch", Severity: Error, Default: true,
		Summary: "{name} placeholders differ between locales, or between the texts and params",
		Rationale: `A placeholder is filled at run time from the error's params. If the
Chinese text lacks a placeholder the English one has, Chinese users lose the
detail; if a text uses a placeholder that params do not declare, generated
code has no argument for it and the reader sees a raw {name}. Every locale of
a text must use the same placeholders, and params must be exactly the
placeholders the texts use.`,
		Example: `  - code: InvalidName
    message: {en: "Name {name} is invalid.", zh-CN: "名称无效。"}   # placeholder-mismatch
    params: [{name: name}]`,
		check: func(p *pass) {
			var used, cur, ref []string // reused across entries
			p.entries(func(e *catalog.Entry) {
				// A code pattern's placeholders (Invalid{parameter}.Malformed)
				// are params too.
				used = appendPlaceholders(used[:0], e.Code)
				texts(e, func(field string, pos catalog.Pos, t catalog.Text) {
					refLoc := ""
					eachLocale(t, func(l, s string) {
						cur = appendPlaceholders(cur[:0], s)
						for _, n := range cur {
							if !slices.Contains(used, n) {
								used = append(used, n)
							}
						}
						if refLoc == "" {
							ref, refLoc = append(ref[:0], cur...), l
							return
						}
						if !slices.Equal(cur, ref) {
							p.report(e, pos, "the %s of %s has placeholders %v in %s but %v in %s", field, e.Code, slices.Clone(cur), l, slices.Clone(ref), refLoc)
						}
					})
				})
				for _, prm := range e.Params {
					if !slices.Contains(used, prm.Name) {
						p.report(e, catalog.Pos{}, "param %s of %s is used in no text", prm.Name, e.Code)
					}
				}
				slices.Sort(used)
				for _, n := range used {
					if !slices.ContainsFunc(e.Params, func(prm catalog.Param) bool { return prm.Name == n }) {
						p.report(e, catalog.Pos{}, "placeholder {%s} of %s is not declared in params", n, e.Code)
					}
				}
			})
		},
	}
}

// appendPlaceholders appends the sorted, distinct {name} placeholders of s.
func appendPlaceholders(dst []string, s string) []string {
	start := len(dst)
	dst = vocab.AppendPlaceholders(dst, s)
	slices.Sort(dst[start:])
	return dst
}

// isPlaceholderNoun reports whether w marks quoted or angled text as a
// template slot someone forgot to fill: "parameter name", <instance id>.
func isPlaceholderNoun(w string) bool {
	switch w {
	case "name", "names", "value", "values", "parameter", "param", "id", "ids", "xxx", "n", "number", "type", "key", "field":
		return true
	}
	return false
}

// leftovers returns the unfilled placeholders in s: printf verbs (%s, %d,
// %v …), and quoted or angled lower-case text naming a slot.
func leftovers(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '%':
			j := i + 1
			for j < len(s) && strings.IndexByte("-+# 0123456789.", s[j]) >= 0 && j-i < 6 {
				j++
			}
			if j < len(s) && strings.IndexByte("sdvqxXfgeEtbcoU", s[j]) >= 0 && (j+1 == len(s) || !isWordByte(s[j+1])) {
				if j == i+1 || s[i+1] != ' ' {
					out = append(out, s[i:j+1])
					i = j
				}
			}
		case '"', '<':
			closing := byte('"')
			if s[i] == '<' {
				closing = '>'
			}
			end := strings.IndexByte(s[i+1:], closing)
			if end < 0 || end > 40 {
				continue
			}
			inner := s[i+1 : i+1+end]
			if isSlotText(inner) {
				out = append(out, s[i:i+2+end])
				i += 1 + end
			}
		}
	}
	return out
}

func isWordByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// isSlotText reports whether the text between quotes or angle brackets
// reads like a template slot: lower-case words, one of them a slot noun.
func isSlotText(s string) bool {
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '_' || r == '-' })
	if len(words) == 0 {
		return false
	}
	noun := false
	for _, w := range words {
		for _, r := range w {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
				return false
			}
		}
		if isPlaceholderNoun(w) {
			noun = true
		}
	}
	return noun
}

func unfilledPlaceholder() Rule {
	return Rule{
		ID: "unfilled-placeholder", Severity: Error, Default: true,
		Summary: `a text contains a placeholder nobody fills: %s, "parameter name", <parameter name>`,
		Rationale: `Published error pages are full of template slots copied out of the
formatting code: printf verbs and quoted or angled slot names. errcat fills
only {name} placeholders from params; anything else reaches the user
verbatim ("The parameter <parameter name> is not supported."). Rewrite the
slot as {parameter_name} and declare it in params.`,
		Example: `  - code: UnsupportedParameter
    message: {en: 'The parameter "<parameter name>" is not supported.'}   # unfilled-placeholder`,
		check: func(p *pass) {
			p.entries(func(e *catalog.Entry) {
				texts(e, func(field string, pos catalog.Pos, t catalog.Text) {
					eachLocale(t, func(l, s string) {
						if !strings.ContainsAny(s, "%\"<") {
							return
						}
						for _, x := range leftovers(s) {
							p.report(e, pos, "the %s of %s (%s) contains the unfilled placeholder %s; write {name} and declare it in params", field, e.Code, l, x)
						}
					})
				})
				// The importer may have rewritten the slots as {name}
				// placeholders; the source page still publishes them.
				mended := func(what string, pos catalog.Pos, src *catalog.Source) {
					for _, field := range []string{"title", "message", "remediation"} {
						if xs := leftovers(src.OriginalOf(field)); len(xs) > 0 {
							p.report(e, pos, "the source publishes the %s%s of %s with the unfilled placeholder %s (imported as {name} placeholders) — fix the source page", what, field, e.Code, strings.Join(xs, ", "))
						}
					}
				}
				mended("", catalog.Pos{}, e.Source)
				for i := range e.Variants {
					mended("variant ", e.Variants[i].Pos, e.Variants[i].Source)
				}
			})
		},
	}
}

func missingTranslation() Rule {
	return Rule{
		ID: "missing-translation", Severity: Warning, Default: true,
		Summary: "a locale the domain declares has no text",
		Rationale: `domain.locales promises users those languages. An entry without a
message (or with a title or remediation only in some locales) falls back to
the default locale, so a Chinese user suddenly reads English in the middle of
a localized page. Add the translation and mark its origin translated until it
is reviewed.`,
		Example: `domain:
  locales: [en, zh-CN]
entries:
  - code: InvalidName            # missing-translation: no zh-CN message
    message: {en: The name is not valid.}`,
		check: func(p *pass) {
			locs := p.cat.Domain.Locales
			if len(locs) < 2 {
				return
			}
			p.entries(func(e *catalog.Entry) {
				texts(e, func(field string, pos catalog.Pos, t catalog.Text) {
					if t.Len() == 0 && field != "message" {
						return
					}
					for _, l := range locs {
						if !t.Has(l) {
							p.report(e, pos, "the %s of %s has no %s text", field, e.Code, l)
						}
					}
				})
			})
		},
	}
}

func missingRemediation() Rule {
	return Rule{
		ID: "missing-remediation", Severity: Info, Default: false,
		Summary: "an error code says nothing about what to do (off by default)",
		Rationale: `A message says what went wrong; a remediation says what to do about
it, which is what the reader of an error actually wants. Most published pages
have none, so the rule is off by default: enable it (--enable
missing-remediation, or lint.rules in the domain header) for catalogs you
write yourself.`,
		Example: `  - code: InvalidName            # missing-remediation
    message: {en: The name is not valid.}`,
		check: func(p *pass) {
			p.entries(func(e *catalog.Entry) {
				if e.Remediation.Len() == 0 && e.Category != catalog.OK && !e.Deprecated {
					p.report(e, catalog.Pos{}, "code %s has no remediation", e.Code)
				}
			})
		},
	}
}

func messageWhitespace() Rule {
	return Rule{
		ID: "message-whitespace", Severity: Warning, Default: true,
		Summary: "a text has leading or trailing space, or runs of spaces",
		Rationale: `Stray spaces come from copying table cells; they end up in JSON bodies,
break exact-match tests of clients and look sloppy in rendered docs. The
loader keeps text as written, so lint reports it.`,
		Example: `  - code: InvalidName
    message: {en: " The name is not valid. "}   # message-whitespace`,
		check: func(p *pass) {
			p.entries(func(e *catalog.Entry) {
				texts(e, func(field string, pos catalog.Pos, t catalog.Text) {
					eachLocale(t, func(l, s string) {
						switch {
						case strings.TrimSpace(s) != s:
							p.report(e, pos, "the %s of %s (%s) has leading or trailing space", field, e.Code, l)
						case strings.Contains(s, "  "):
							p.report(e, pos, "the %s of %s (%s) has a run of spaces", field, e.Code, l)
						}
					})
				})
			})
		},
	}
}

// doubledWordIn returns the first word of s written twice in a row, or "".
// A sentence boundary or an opening quote or bracket between the two
// ("this cluster. Cluster org", `parameter "parameter name"`) is not a slip.
func doubledWordIn(s string) string {
	prev := ""
	i := 0
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' {
			j++
		}
		if i == j {
			break
		}
		w := s[i:j]
		i = j
		r0, _ := utf8.DecodeRuneInString(w)
		opens := strings.ContainsRune("\"'<([{“‘«", r0)
		core := strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if !opens && core != "" && strings.EqualFold(core, prev) && utf8.RuneCountInString(core) > 1 {
			if r, _ := utf8.DecodeRuneInString(core); !unicode.IsDigit(r) {
				return core
			}
		}
		prev = core
		if last, _ := utf8.DecodeLastRuneInString(w); strings.ContainsRune(".!?:;。！？：；", last) {
			prev = ""
		}
	}
	return ""
}

func doubledWord() Rule {
	return Rule{
		ID: "doubled-word", Severity: Warning, Default: true,
		Summary: `a text repeats a word ("the the")`,
		Rationale: `A doubled word is nearly always an editing slip, and error texts are
read by many people in stressful moments; they should read cleanly.`,
		Example: `  - code: InvalidName
    message: {en: The the name is not valid.}   # doubled-word`,
		check: func(p *pass) {
			p.entries(func(e *catalog.Entry) {
				texts(e, func(field string, pos catalog.Pos, t catalog.Text) {
					eachLocale(t, func(l, s string) {
						if w := doubledWordIn(s); w != "" {
							p.report(e, pos, "the %s of %s (%s) repeats the word %q", field, e.Code, l, w)
						}
					})
				})
			})
		},
	}
}

// endsSentence reports whether s ends with sentence-final punctuation.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?。！？…", r)
}

// endsInPlaceholder reports whether s ends with a {name} placeholder,
// after which a full stop is a matter of the filled-in value.
func endsInPlaceholder(s string) bool {
	return strings.HasSuffix(strings.TrimRightFunc(s, unicode.IsSpace), "}")
}

func finalPunctuation() Rule {
	return Rule{
		ID: "final-punctuation", Severity: Info, Default: true,
		Summary: "a message ends differently from most messages of its domain (with or without a full stop)",
		Rationale: `Clients often append context to a message or show several in a list;
messages that sometimes end with a full stop and sometimes not read as if
written by different people. The rule counts, per locale, how the domain's
messages end and reports the minority when it is a quarter or less.`,
		Example: `  - code: A
    message: {en: The name is not valid.}
  - code: B
    message: {en: The name is too long.}
  - code: C
    message: {en: The name is too short.}
  - code: D                      # final-punctuation
    message: {en: The name is empty}`,
		check: func(p *pass) {
			for _, l := range p.cat.Domain.Locales {
				with, without := 0, 0
				p.entries(func(e *catalog.Entry) {
					if s, ok := e.Message.Lookup(l); ok && s != "" && !endsInPlaceholder(s) {
						if endsSentence(s) {
							with++
						} else {
							without++
						}
					}
				})
				total := with + without
				if with == 0 || without == 0 || total < 4 {
					continue
				}
				flagWith := with*4 <= total // the few with a full stop are odd
				if !flagWith && without*4 > total {
					continue
				}
				p.entries(func(e *catalog.Entry) {
					s, ok := e.Message.Lookup(l)
					if !ok || s == "" || endsInPlaceholder(s) || endsSentence(s) != flagWith {
						return
					}
					if flagWith {
						p.report(e, catalog.Pos{}, "the %s message of %s ends with punctuation, unlike %d of the domain's %d", l, e.Code, without, total)
					} else {
						p.report(e, catalog.Pos{}, "the %s message of %s has no final punctuation, unlike %d of the domain's %d", l, e.Code, with, total)
					}
				})
			}
		},
	}
}
