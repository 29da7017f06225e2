package cli

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errcat/errcat/decode"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/decodecat"
)

func newDecodeCmd(env *Env) *cobra.Command {
	var status int
	var headers []string
	var domain string
	var human bool
	cmd := &cobra.Command{
		Use:   "decode [--status N] [--header K:V]... [--domain ID] [--human] [FILE|-]",
		Short: "Decode an API error response: format, code, request id, catalog entry, retry verdict",
		Long: `Decode reads an error response body (from FILE, or stdin when FILE is - or
absent), recognises its format (problem, google, tencent, aliyun, huawei,
zilliz, ucloud, AWS, Azure, Kubernetes, kratos, docker registry, …), joins
its code to the catalogs and decides whether the request is worth retrying.
It prints the normalized error as JSON, or a short summary with --human.

The input may also be a whole response as curl -i prints it (status line,
headers, blank line, body): its status and headers are used, and --status
and --header override them.

A body that cannot be read as an error (empty, truncated, an HTML page from a
proxy) is still printed, built from --status and --header, and exits 1.`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			h := http.Header{}
			for _, kv := range headers {
				k, v, ok := strings.Cut(kv, ":")
				if !ok || strings.TrimSpace(k) == "" {
					return usageError{fmt.Errorf("--header %q: want NAME:VALUE", kv)}
				}
				h.Add(strings.TrimSpace(k), strings.TrimSpace(v))
			}
			if status != 0 && (status < 100 || status > 599) {
				return usageError{fmt.Errorf("--status %d: want an HTTP status 100–599", status)}
			}
			set, err := env.LoadSet()
			if err != nil {
				return err
			}
			if domain != "" && set.Domain(domain) == nil {
				return exitf(1, "no such domain %q (have: %s)", domain, strings.Join(domainIDs(set), ", "))
			}
			name, body, err := readInput(env, args)
			if err != nil {
				return exitf(1, "%v", err)
			}
			// A response as `curl -i` prints it: the status and headers
			// come from it, flags win.
			if st, dh, rest, ok := decodecat.SplitResponse(body); ok {
				if status == 0 {
					status = st
				}
				for k, v := range dh {
					if _, set := h[k]; !set {
						h[k] = v
					}
				}
				body = rest
			}
			d := decode.Decoder{Catalog: decodecat.New(set), Domain: domain}
			n, derr := d.Decode(status, h, body)
			if domain != "" && n.Entry == nil && n.Code != "" && !n.NotError {
				if near := nearestCodes(set, domain, n.Code, 5); len(near) > 0 {
					fmt.Fprintf(env.Stderr, "errcat: %s has no code %q; nearest: %s\n", domain, escapeControl(n.Code), escapeControl(strings.Join(near, ", ")))
				} else {
					fmt.Fprintf(env.Stderr, "errcat: %s has no code %q\n", domain, escapeControl(n.Code))
				}
			}
			if human {
				writeHuman(env.Stdout, n)
			} else if err := writeJSON(env.Stdout, n); err != nil {
				return err
			}
			if derr != nil {
				return exitf(1, "%s: %v", name, derr)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&status, "status", 0, "the response's HTTP status `N` (0: unknown)")
	cmd.Flags().StringArrayVar(&headers, "header", nil, "a response header `NAME:VALUE` (repeatable)")
	cmd.Flags().StringVar(&domain, "domain", "", "the domain `ID` of the API that answered, when known")
	cmd.Flags().BoolVar(&human, "human", false, "print a short summary instead of JSON")
	return cmd
}

// readInput reads FILE or stdin, at most one byte over decode's limit so
// that an oversized body is reported, not read whole.
func readInput(env *Env, args []string) (string, []byte, error) {
	name, r := "stdin", env.Stdin
	if len(args) == 1 && args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return "", nil, err
		}
		defer f.Close()
		name, r = args[0], f
	}
	if r == nil {
		r = strings.NewReader("")
	}
	body, err := io.ReadAll(io.LimitReader(r, decode.DefaultMaxBody+1))
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", name, err)
	}
	return name, body, nil
}

// writeHuman prints a few lines a person reads at a glance.
func writeHuman(w io.Writer, n decode.Normalized) {
	title := escapeControl(n.Code)
	if title == "" {
		title = "(no code)"
	}
	if n.Domain != "" {
		title = escapeControl(n.Domain) + " " + title
	}
	if n.SubCode != "" {
		title += " / " + escapeControl(n.SubCode)
	}
	fmt.Fprintf(w, "%s — %s", title, escapeControl(n.Format))
	if n.Provider != "" && n.Provider != n.Format {
		fmt.Fprintf(w, " (%s)", escapeControl(n.Provider))
	}
	fmt.Fprintf(w, ", confidence %s\n", n.Confidence)
	if n.NotError {
		fmt.Fprintf(w, "  not an error: %s\n", escapeControl(n.Reason))
		return
	}
	st := "HTTP status unknown"
	if n.HTTPStatus != 0 {
		st = fmt.Sprintf("HTTP %d", n.HTTPStatus)
	}
	verdict := "do not retry"
	if n.Retryable {
		verdict = "retry"
	}
	fmt.Fprintf(w, "  %s · %s · %s: %s\n", st, n.Category, verdict, escapeControl(n.RetryReason))
	if n.RetryAfter != "" {
		fmt.Fprintf(w, "  retry after: %s\n", escapeControl(n.RetryAfter))
	}
	if n.Message != "" {
		fmt.Fprintf(w, "  message: %s\n", escapeControl(oneLine(n.Message)))
	}
	if n.Target != "" {
		fmt.Fprintf(w, "  target: %s\n", escapeControl(n.Target))
	}
	if n.RequestID != "" {
		fmt.Fprintf(w, "  request id: %s\n", escapeControl(n.RequestID))
	}
	if n.Type != "" && n.Type != n.Code {
		fmt.Fprintf(w, "  problem type: %s\n", n.Type)
	}
	for i, det := range n.Details {
		line := strings.TrimSpace(strings.Join([]string{det.Code, oneLine(det.Message)}, " "))
		if det.Target != "" {
			line += " (" + det.Target + ")"
		}
		fmt.Fprintf(w, "  detail %d: %s\n", i+1, line)
	}
	if len(n.Params) > 0 {
		parts := make([]string, len(n.Params))
		for i, p := range n.Params {
			parts[i] = escapeControl(p.Name) + "=" + escapeControl(p.Value)
		}
		fmt.Fprintf(w, "  params: %s\n", strings.Join(parts, ", "))
	}
	if n.Entry != nil {
		if ej, ok := n.Entry.JSON.(catalog.EntryJSON); ok {
			if n.Entry.Code != n.Code {
				fmt.Fprintf(w, "  catalog entry: %s\n", escapeControl(n.Entry.Code))
			}
			if t := firstText(ej.Message); t != "" {
				fmt.Fprintf(w, "  documented: %s\n", escapeControl(oneLine(t)))
			}
			if t := firstText(ej.Remediation); t != "" {
				fmt.Fprintf(w, "  remediation: %s\n", escapeControl(oneLine(t)))
			}
			if ej.DocsURL != "" {
				fmt.Fprintf(w, "  docs: %s\n", escapeControl(ej.DocsURL))
			}
		}
	} else if len(n.Candidates) > 0 {
		fmt.Fprintf(w, "  candidate domains: %s (name one with --domain)\n", strings.Join(n.Candidates, ", "))
	}
	if n.Reason != "" {
		fmt.Fprintf(w, "  note: %s\n", escapeControl(n.Reason))
	}
}

// firstText returns the text in "en", else in the first locale.
func firstText(t catalog.Text) string {
	if s, ok := t.Lookup("en"); ok {
		return s
	}
	for _, l := range t.Locales() {
		return t.Get(l)
	}
	return ""
}
