package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/errcat/errcat/internal/catalog"
)

// A layout fixture is a page, testdata/layouts/NAME.EXT, and what its
// import must give, NAME.want:
//
//	rows 4             entries plus variants
//	errors 1           diagnostics that report problems (default 0)
//	notes 2            notes (optional; not checked when absent)
//	diag TEXT          a diagnostic, as Diagnostic.String prints it (optional, repeated)
//	locales en zh-CN   the domain's locales (optional)
//	success 0          the domain's success code (optional)
//	CODE | key=value | key=value ...
//
// A sample line names a code (of an entry or a variant) and fields it
// must have exactly: status (a number or -), message.LOC, title.LOC,
// remediation.LOC, description (an entry's source.original.description), alias (an entry's aliases, joined with a comma), or
// pattern (yes when the code is a range). \| is a | in a value, \n a
// line break.
type layoutWant struct {
	rows, errors int
	notes        int
	diags        []string
	locales      string
	success      string
	samples      [][]string
}

func readWant(t *testing.T, path string) layoutWant {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	w := layoutWant{rows: -1, notes: -1}
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		k, v, _ := strings.Cut(l, " ")
		switch k {
		case "diag":
			w.diags = append(w.diags, v)
		case "rows", "errors", "notes":
			n, err := strconv.Atoi(v)
			if err != nil {
				t.Fatalf("%s:%d: %v", path, i+1, err)
			}
			switch k {
			case "rows":
				w.rows = n
			case "errors":
				w.errors = n
			default:
				w.notes = n
			}
		case "locales":
			w.locales = v
		case "success":
			w.success = v
		default:
			var parts []string
			for p := range strings.SplitSeq(strings.ReplaceAll(l, `\|`, "\x00"), " | ") {
				parts = append(parts, strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(p), "\x00", "|"), `\n`, "\n"))
			}
			w.samples = append(w.samples, parts)
		}
	}
	if w.rows < 0 {
		t.Fatalf("%s: no rows line", path)
	}
	return w
}

// sampleProblem checks one sample against the catalog; "" when right.
func sampleProblem(c *catalog.Catalog, s []string) string {
	code := s[0]
	type found struct {
		e      *catalog.Entry
		status *int
		msg    catalog.Text
		rem    catalog.Text
	}
	var cands []found
	for i := range c.Entries {
		e := &c.Entries[i]
		if e.Code == code || slices.Contains(e.Aliases, code) {
			cands = append(cands, found{e, e.HTTPStatus, e.Message, e.Remediation})
			for _, v := range e.Variants {
				cands = append(cands, found{e, v.HTTPStatus, v.Message, v.Remediation})
			}
		}
	}
	if len(cands) == 0 {
		return fmt.Sprintf("code %s not imported", code)
	}
	var why []string
	for _, f := range cands {
		why = why[:0]
		for _, kv := range s[1:] {
			k, want, _ := strings.Cut(kv, "=")
			var got string
			switch {
			case k == "status":
				got = "-"
				if f.status != nil {
					got = strconv.Itoa(*f.status)
				}
			case strings.HasPrefix(k, "message."):
				got = f.msg.Get(strings.TrimPrefix(k, "message."))
			case strings.HasPrefix(k, "title."):
				got = f.e.Title.Get(strings.TrimPrefix(k, "title."))
			case strings.HasPrefix(k, "remediation."):
				got = f.rem.Get(strings.TrimPrefix(k, "remediation."))
			case k == "description":
				if f.e.Source != nil {
					got = f.e.Source.Original["description"]
				}
			case k == "alias":
				got = strings.Join(f.e.Aliases, ",")
			case k == "pattern":
				got = "no"
				if strings.Contains(f.e.Code, "{") {
					got = "yes"
				}
			default:
				return "unknown sample field " + k
			}
			if got != want {
				why = append(why, fmt.Sprintf("%s = %q, want %q", k, got, want))
			}
		}
		if len(why) == 0 {
			return ""
		}
	}
	return fmt.Sprintf("code %s: %s", code, strings.Join(why, "; "))
}

// TestLayouts imports every layout fixture and checks its row count and
// samples exactly; it prints a table of fixture, rows expected and read,
// and whether the samples are right.
func TestLayouts(t *testing.T) {
	pages, err := filepath.Glob("testdata/layouts/*.*")
	if err != nil {
		t.Fatal(err)
	}
	var report strings.Builder
	fmt.Fprintf(&report, "%-28s %8s %5s %s\n", "fixture", "expected", "read", "samples")
	n := 0
	for _, p := range pages {
		if strings.HasSuffix(p, ".want") {
			continue
		}
		n++
		name := filepath.Base(p)
		w := readWant(t, strings.TrimSuffix(p, filepath.Ext(p))+".want")
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c, diags, err := Import(name, data, Options{})
		read := 0
		var problems []string
		if err != nil {
			problems = append(problems, err.Error())
		} else {
			for _, e := range c.Entries {
				read += 1 + len(e.Variants)
			}
			for _, s := range w.samples {
				if pr := sampleProblem(c, s); pr != "" {
					problems = append(problems, pr)
				}
			}
			if got := strings.Join(c.Domain.Locales, " "); w.locales != "" && got != w.locales {
				problems = append(problems, fmt.Sprintf("locales %q, want %q", got, w.locales))
			}
			got := ""
			if c.Domain.SuccessCode != nil {
				got = *c.Domain.SuccessCode
			}
			if got != w.success {
				problems = append(problems, fmt.Sprintf("success code %q, want %q", got, w.success))
			}
		}
		if read != w.rows {
			problems = append(problems, fmt.Sprintf("rows %d, want %d", read, w.rows))
		}
		if got := Errors(diags); got != w.errors {
			var ds []string
			for _, d := range diags {
				ds = append(ds, d.String())
			}
			problems = append(problems, fmt.Sprintf("%d error diagnostic(s), want %d: %s", got, w.errors, strings.Join(ds, "; ")))
		}
		var got []string
		for _, d := range diags {
			got = append(got, d.String())
		}
		if n := len(diags) - Errors(diags); w.notes >= 0 && n != w.notes {
			problems = append(problems, fmt.Sprintf("%d note(s), want %d: %s", n, w.notes, strings.Join(got, "; ")))
		}
		for _, d := range w.diags {
			if !slices.Contains(got, name+":"+d) {
				problems = append(problems, fmt.Sprintf("no diagnostic %q among: %s", name+":"+d, strings.Join(got, "; ")))
			}
		}
		ok := fmt.Sprintf("%d/%d", len(w.samples)-countSampleProblems(problems), len(w.samples))
		fmt.Fprintf(&report, "%-28s %8d %5d %s\n", name, w.rows, read, ok)
		for _, pr := range problems {
			t.Errorf("%s: %s", name, pr)
		}
	}
	t.Log("\n" + report.String())
	if n < 30 {
		t.Errorf("%d layout fixtures, want at least 30", n)
	}
}

func countSampleProblems(problems []string) int {
	n := 0
	for _, p := range problems {
		if strings.HasPrefix(p, "code ") {
			n++
		}
	}
	return n
}
