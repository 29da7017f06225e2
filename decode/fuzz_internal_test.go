package decode

import (
	"encoding/json"
	"strings"

	"github.com/google/go-cmp/cmp"
	"testing"
	"unicode/utf8"
)

// FuzzParseJSON checks the tape reader against encoding/json: the same
// documents are valid, and strings read back the same.
func FuzzParseJSON(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `{"a":1}`, `{"a":[1,2,{"b":null}],"c":true,"d":false}`, `"\u00e9\ud83d\ude00\n"`,
		`"abcdefghijklmnop\"qrstuvwxyz0123456789\u00e9 tail"`, `"1234567"`, `"12345678"`, `"123456789012345\\"`,
		"\"abcdefghij\x01klm\"", "\"abcdefgh\xff\xfe\x80ijklmnopq\"", `"abcdefghijklmnopqrstuvw`, `"abcdefghijklmnop\`,
		`-0.5e+10`, "[" + strings.Repeat(`{"a":[1,"x"]},`, 60) + `{"Code":"X"}]`, `{"a":"\"\\\/\b\f\n\r\t"}`, `01`, `{"a" 1}`, `[1,]`, `{"a":1,}`, `"\ud800"`, `"\ud800\u0041"`,
		`{"Response":{"Error":{"Code":"X","Message":"y"},"RequestId":"z"}}`, `{"a\u0062":1,"ab":2,"c":3}`, `{"code":1,"code":2,"message":"m"}`, "\"\x01\"", `tru`, `nul`, `1.`, `1e`, `-`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &doc{s: s}
		reason, at := parseJSON(d)
		valid := json.Valid([]byte(s))
		if reason == "JSON nested too deeply" {
			return
		}
		if (reason == "") != valid {
			t.Fatalf("parseJSON ok=%v (%s at %d), json.Valid=%v", reason == "", reason, at, valid)
		}
		if reason != "" {
			if at < 0 || at > len(s) {
				t.Fatalf("offset %d outside the input", at)
			}
			return
		}
		if d.n == 0 || int(d.at(0).next) != d.n {
			t.Fatalf("tape does not cover the document: %d tokens", d.n)
		}
		// get, which skips objects by their key filter, finds the first
		// member of each name a scan of the members finds.
		for k := d.key(0); k >= 0; k = d.next(0, k) {
			name := d.text(k)
			want := -1
			for j := d.key(0); j >= 0; j = d.next(0, j) {
				if d.text(j) == name {
					want = j + 1
					break
				}
			}
			if got := d.get(0, name); got != want {
				t.Fatalf("get(%q) = %d, want %d", name, got, want)
			}
		}
		if d.kind(0) == kStr && utf8.ValidString(s) {
			var want string
			if err := json.Unmarshal([]byte(s), &want); err != nil {
				t.Fatal(err)
			}
			if got := d.text(0); got != want {
				t.Fatalf("text = %q, want %q", got, want)
			}
		}
	})
}

// FuzzRootTable checks the root table against the scans it replaces:
// markers from the table against markers from a pass over the members,
// and each table look-up against get.
func FuzzRootTable(f *testing.F) {
	for _, s := range []string{
		`{"code":1,"message":"m"}`, `{"code":1,"code":2,"message":"m"}`, `{"c\u006fde":1,"message":"m"}`,
		`[{"Response":{"Error":{"Code":"X"}},"RequestId":"r"}]`, `[1,{"code":2}]`, `[]`, `{}`,
		`{"kind":"Status","status":"Failure","message":"m","reason":"NotFound","details":{"name":"x"},"code":404}`,
		`{"RequestId":"r","HostId":"h","Code":"C","Message":"m","Recommend":"u","Success":false}`,
		`{"type":"about:blank","title":"t","status":400,"detail":"d","error":{"code":1},"errors":[{"message":"x"}]}`,
		`{"a":{"code":1},"code":2}`, `RequestId`, `Recommend`, `{"error":{"code":"C","c\u006fde":1,"message":"m","target":"t","details":[{"code":"d"}],"innererror":{"code":"i"},"code":2}}`, `{"type":"/t","title":"x","status":400,"params":{"a":"b"},"traceId":"t","ext":[1],"domain":"d","instance":"i"}`, `{"detail":"d","x":1,"x":2,"requestId":"r"}`, `Rxxxxxxnd`, `ok`, `o`, `{"ok":false,"error":"e","response_metadata":{"messages":["x"]},"warning":"w"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// rootKey, a perfect hash, against a search of the names.
		wantID := -1
		for id := rk(0); id < nRK; id++ {
			if rootKeyName(id) == s {
				wantID = int(id)
			}
		}
		if got := rootKey(s); got != wantID {
			t.Fatalf("rootKey(%q) = %d, want %d", s, got, wantID)
		}
		d := &doc{s: s}
		if reason, _ := parseJSON(d); reason != "" {
			return
		}
		root := 0
		if d.kind(0) == kArr {
			root = d.elem(0)
		}
		if !d.isObj(root) {
			return
		}
		if !d.table(root) {
			if !d.rt.off {
				t.Fatalf("root %d is not the table's %d", root, d.rt.obj-1)
			}
			return
		}
		var got, want markers
		got.find(d, root)
		want.scan(d, root)
		if got != want {
			t.Fatalf("markers from the table %+v, from a scan %+v", got, want)
		}
		for id := rk(0); id < nRK; id++ {
			if got, want := d.rget(root, id), d.get(root, rootKeyName(id)); got != want {
				t.Fatalf("rget(%s) = %d, get = %d", rootKeyName(id), got, want)
			}
			if rootKey(rootKeyName(id)) != int(id) {
				t.Fatalf("rootKey(%q) = %d, want %d", rootKeyName(id), rootKey(rootKeyName(id)), id)
			}
		}
		// The error object's index finds what get finds.
		eNames := []string{"details", "status", "type", "message", "Message", "code", "Code", "error_code", "root_cause", "reason",
			"caused_by", "doc_url", "request_log_url", "decline_code", "param", "innererror", "target", "error_msg", "msg",
			"request_id", "requestId", "RequestId"}
		if len(eNames) != int(nEKeys) {
			t.Fatalf("%d names for %d keys", len(eNames), nEKeys)
		}
		for _, obj := range []int{root, d.get(root, "error")} {
			if !d.isObj(obj) {
				continue
			}
			x := d.eIndex(obj)
			for id, name := range eNames {
				if eKeyOf(name) != id {
					t.Fatalf("eKeyOf(%q) = %d, want %d", name, eKeyOf(name), id)
				}
				if got, want := x[id], d.get(obj, name); got != want {
					t.Fatalf("eIndex(%d)[%s] = %d, get = %d", obj, name, got, want)
				}
			}
		}
		// The problem reader reads the same from the table as by a scan.
		var got2, want2 Normalized
		readProblem(&got2, d, root)
		d.rt.off = true
		readProblem(&want2, d, root)
		d.rt.off = false
		if diff := cmp.Diff(want2, got2); diff != "" {
			t.Fatalf("readProblem from the table (-scan +table):\n%s", diff)
		}
	})
}
