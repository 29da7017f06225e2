// Package synth writes synthetic error catalogs of any size, for load tests
// and benchmarks of the loader, lint and the error center.
//
// A synthetic catalog is one domain (synthetic.api) of n entries with
// unique, well-formed string codes (Invalid… .NotFound…), statuses that fit
// their categories, English and Chinese messages with a {name} placeholder,
// remediation and params. It is deterministic for a given (n, seed), and it
// is written in the YAML subset errcat itself writes, so the fast loader
// reads it without falling back to the full YAML parser.
//
// A few entries carry the defects lint exists to find, at fixed intervals,
// so a lint run over a synthetic catalog has findings to sort and print:
// every 997th entry has a misspelt code word and every 1009th entry has no
// HTTP status.
package synth

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/errcat/errcat/vocab"
)

// Domain is the domain id of synthetic catalogs.
const Domain = "synthetic.api"

// kind is one kind of synthetic error; its HTTP status is its category's.
type kind struct {
	prefix   string
	category vocab.Category
	en, zh   string // message templates: each %s is the resource noun
	fix      string // remediation: each %s (if any) is the resource noun
}

// Write writes a synthetic catalog of n entries to w. The same n and seed
// always give the same bytes.
func Write(w io.Writer, n int, seed int64) error {
	if n < 0 {
		return fmt.Errorf("synth: negative entry count %d", n)
	}
	kinds := [...]kind{
		{"Invalid", vocab.InvalidArgument, "The specified %s {name} is not valid.", "指定的%s {name} 无效。", "Check the %s and try again."},
		{"Missing", vocab.InvalidArgument, "The %s {name} is required but was not supplied.", "缺少必需的%s {name}。", "Supply the %s."},
		{"Forbidden", vocab.PermissionDenied, "You are not allowed to operate on the %s {name}.", "无权操作%s {name}。", "Ask an administrator for access to the %s."},
		{"NotFound", vocab.NotFound, "The %s {name} does not exist.", "%s {name} 不存在。", "Check that the %s exists."},
		{"Duplicate", vocab.AlreadyExists, "The %s {name} already exists.", "%s {name} 已存在。", "Use another name for the %s."},
		{"QuotaExceeded", vocab.ResourceExhausted, "The quota of %s {name} is exhausted.", "%s {name} 配额已用完。", "Release unused %s resources or raise the quota."},
		{"Unavailable", vocab.Unavailable, "The %s {name} is temporarily unavailable.", "%s {name} 暂时不可用。", "Retry the request later."},
		{"Internal", vocab.Internal, "An internal error occurred while processing the %s {name}.", "处理%s {name} 时发生内部错误。", "Contact technical support."},
	}

	nouns := [...]string{
		"Account", "Address", "Alarm", "Backup", "Bucket", "Certificate", "Cluster", "Connection",
		"Database", "Disk", "Domain", "Endpoint", "Engine", "Function", "Gateway", "Group",
		"Image", "Instance", "Key", "Listener", "Machine", "Member", "Network", "Node",
		"Object", "Order", "Parameter", "Password", "Policy", "Port", "Project", "Queue",
		"Record", "Region", "Replica", "Resource", "Role", "Route", "Rule", "Schedule",
		"Secret", "Service", "Snapshot", "Subnet", "Table", "Tag", "Task", "Template",
		"Token", "Topic", "User", "Version", "Volume", "Zone",
	}

	reasons := [...]string{
		"Format", "Length", "Value", "State", "Status", "Type", "Size", "Count",
		"Name", "Owner", "Region", "Version", "Mode", "Limit", "Period", "Policy",
	}

	// typos are misspellings of code words, for the injected defects.
	typos := [...][2]string{{"Invalid", "Invaild"}, {"Forbidden", "Forbedden"}, {"Missing", "Misssing"}, {"Duplicate", "Duplciate"}}
	rng := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString("# yaml-language-server: $schema=../schema/catalog.schema.json\n")
	bw.WriteString("domain:\n  id: " + Domain + "\n  name: Synthetic API\n  locales: [en, zh-CN]\n  wire_format: problem\n  code_kind: string\n")
	bw.WriteString("  description:\n    en: \"A synthetic catalog of " + strconv.Itoa(n) + " entries (seed " + strconv.FormatInt(seed, 10) + ").\"\n")
	bw.WriteString("entries:\n")
	var buf []byte
	for i := range n {
		k := &kinds[rng.IntN(len(kinds))]
		noun := nouns[rng.IntN(len(nouns))]
		reason := reasons[rng.IntN(len(reasons))]
		prefix := k.prefix
		if i%997 == 996 {
			prefix = typos[rng.IntN(len(typos))][1]
		}
		// The entry number makes every code unique: words, then the
		// number as its own PascalCase-friendly segment.
		buf = buf[:0]
		buf = append(buf, "  - code: "...)
		buf = append(buf, prefix...)
		buf = append(buf, noun...)
		buf = append(buf, '.')
		buf = append(buf, reason...)
		buf = append(buf, '.')
		buf = append(buf, 'E')
		buf = strconv.AppendInt(buf, int64(i), 10)
		buf = append(buf, '\n')
		if i%1009 != 1008 {
			buf = append(buf, "    http_status: "...)
			buf = strconv.AppendInt(buf, int64(k.category.HTTPStatus()), 10)
			buf = append(buf, '\n')
		}
		buf = append(buf, "    category: "...)
		buf = append(buf, k.category...)
		buf = append(buf, '\n')
		lower := lowerWord(noun)
		buf = append(buf, "    message:\n      en: \""...)
		buf = append(buf, strings.ReplaceAll(k.en, "%s", lower+" "+strconv.Itoa(i))...)
		buf = append(buf, "\"\n      zh-CN: \""...)
		buf = append(buf, strings.ReplaceAll(k.zh, "%s", noun+strconv.Itoa(i))...)
		buf = append(buf, "\"\n    remediation:\n      en: \""...)
		buf = append(buf, strings.ReplaceAll(k.fix, "%s", lower)...)
		buf = append(buf, "\"\n      zh-CN: \"请检查后重试。\"\n"...)
		buf = append(buf, "    params:\n      - name: name\n        description: \"the "...)
		buf = append(buf, lower...)
		buf = append(buf, " name\"\n"...)
		buf = append(buf, "    source: {file: synthetic.txt, line: "...)
		buf = strconv.AppendInt(buf, int64(i+1), 10)
		buf = append(buf, "}\n"...)
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func lowerWord(s string) string {
	b := []byte(s)
	if len(b) > 0 && b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
