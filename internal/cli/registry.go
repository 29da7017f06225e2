package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/diff"
	"github.com/errcat/errcat/internal/registry"
	"github.com/errcat/errcat/internal/source"
)

// defaultServer is the error center publish and token talk to without
// --server or $ERRCAT_SERVER.
const defaultServer = "http://127.0.0.1:8080"

// openStore opens the registry store of serve (url "": the default file
// in the user's data directory), seeds it with builtin on its first
// start, and makes sure there is an admin token: $ERRCAT_ADMIN_TOKEN, or
// one written to a file only its owner reads. It returns the store and
// the admin token from the environment.
func openStore(ctx context.Context, log *slog.Logger, url string, builtin []*catalog.Catalog) (*registry.Store, string, error) {
	if url == "" {
		var err error
		if url, err = registry.DefaultURL(); err != nil {
			return nil, "", exitf(1, "--store: %v", err)
		}
	}
	st, err := registry.Open(ctx, url)
	if err != nil {
		return nil, "", exitf(1, "--store: %v", err)
	}
	if len(builtin) > 0 {
		seeded, err := st.Seed(ctx, builtin, "errcat (built-in catalogs)")
		if err != nil {
			st.Close()
			return nil, "", exitf(1, "--store: seeding the built-in catalogs: %v", err)
		}
		if seeded {
			log.Info("registry created and seeded with the built-in catalogs", "domains", len(builtin))
		}
	}
	admin := strings.TrimSpace(os.Getenv("ERRCAT_ADMIN_TOKEN"))
	if admin == "" {
		file, err := registry.AdminTokenFile(url)
		if err == nil {
			var made bool
			if made, err = st.EnsureAdminToken(ctx, file); err == nil {
				if made {
					log.Info("admin token generated", "file", file)
				} else {
					log.Info("admin token", "file", file)
				}
			}
		}
		if err != nil {
			st.Close()
			return nil, "", exitf(1, "--store: admin token: %v", err)
		}
	}
	log.Info("registry store", "kind", st.Kind(), "store", redactURL(url))
	return st, admin, nil
}

// redactURL hides a password in a store URL.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	return u.Redacted()
}

// client is the HTTP client of publish, token and registry: sources.
func client() *http.Client { return &http.Client{Timeout: time.Minute} }

// serverURL is --server, else $ERRCAT_SERVER, else the default.
func serverURL(flag string) string {
	for _, s := range []string{flag, os.Getenv("ERRCAT_SERVER")} {
		if s != "" {
			return strings.TrimRight(s, "/")
		}
	}
	return defaultServer
}

// problemReply is a refusal of the registry API.
type problemReply struct {
	Status      int               `json:"status"`
	Code        string            `json:"code"`
	Detail      string            `json:"detail"`
	Errors      []string          `json:"errors"`
	Breaking    []diff.Change     `json:"breaking"`
	RawFindings []json.RawMessage `json:"findings"`
}

func readProblem(resp *http.Response, body []byte) error {
	var p problemReply
	if json.Unmarshal(body, &p) != nil || p.Detail == "" {
		return fmt.Errorf("%s: %s", resp.Status, strings.TrimSpace(string(body)))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s)", strings.TrimSuffix(p.Detail, "."), resp.Status)
	for _, e := range p.Errors {
		b.WriteString("\n  " + e)
	}
	for _, c := range p.Breaking {
		b.WriteString("\n  " + c.String())
	}
	for _, f := range p.RawFindings {
		var lf struct {
			File, Rule, Message string
			Line, Col           int
		}
		if json.Unmarshal(f, &lf) == nil {
			fmt.Fprintf(&b, "\n  %s:%d:%d: %s [%s]", lf.File, lf.Line, lf.Col, lf.Message, lf.Rule)
		}
	}
	return errors.New(b.String())
}

func newPublishCmd(env *Env) *cobra.Command {
	var server, token, allow string
	cmd := &cobra.Command{
		Use:   "publish [--server URL] [--token T | $ERRCAT_TOKEN] [--allow-breaking REASON] PATH...",
		Short: "Publish catalogs to an error center's registry as their domains' next versions",
		Long: `Publish sends each catalog file (a directory: each of its catalogs) to the
registry of the error center at --server ($ERRCAT_SERVER, default
` + defaultServer + `) as the next version of its domain. The server
validates it, rejects lint errors the latest version does not have, and
refuses changes that break clients (see errcat diff) unless the domain's
owner gives --allow-breaking REASON, which is recorded with the version.
Publishing a catalog identical to the latest version changes nothing.

The token is --token or $ERRCAT_TOKEN: a domain's owner token (errcat
token create --domain D) or an admin token, which may also create domains.
Exit 1 when any catalog is refused.`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if token == "" {
				token = os.Getenv("ERRCAT_TOKEN")
			}
			if token == "" {
				return usageError{errors.New("publish needs a token: --token T or $ERRCAT_TOKEN")}
			}
			var files []string
			for _, a := range args {
				st, err := os.Stat(a)
				if err != nil {
					return exitf(1, "%v", err)
				}
				if !st.IsDir() {
					files = append(files, a)
					continue
				}
				fs, err := source.List(a)
				if err != nil {
					return exitf(1, "%v", err)
				}
				files = append(files, fs.Catalogs...)
			}
			failed := 0
			for _, f := range files {
				if err := publishFile(env, serverURL(server), token, allow, f); err != nil {
					fmt.Fprintf(env.Stderr, "errcat: %s: %v\n", f, err)
					failed++
				}
			}
			if failed > 0 {
				return &ExitError{Code: 1}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&server, "server", "", "the error center's `URL` (default $ERRCAT_SERVER, else "+defaultServer+")")
	cmd.Flags().StringVar(&token, "token", "", "publish with `TOKEN` (default $ERRCAT_TOKEN)")
	cmd.Flags().StringVar(&allow, "allow-breaking", "", "publish breaking changes, recording `REASON` with the version")
	return cmd
}

func publishFile(env *Env, server, token, allow, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	c, err := catalog.ParseFast(file, data)
	if err != nil {
		return err
	}
	q := url.Values{"file": {filepath.Base(file)}}
	if allow != "" {
		q.Set("allow_breaking", allow)
	}
	req, err := http.NewRequest("POST", server+"/v1/domains/"+url.PathEscape(c.Domain.ID)+"/versions?"+q.Encode(), bytes.NewReader(data))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/yaml")
	resp, err := client().Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		return readProblem(resp, body)
	}
	var res registry.Result
	if err := json.Unmarshal(body, &res); err != nil {
		return fmt.Errorf("unexpected answer: %v", err)
	}
	v := res.Version
	if !res.Created {
		fmt.Fprintf(env.Stdout, "%s: unchanged, version %d (%s)\n", v.Domain, v.Number, v.Hash)
		return nil
	}
	fmt.Fprintf(env.Stdout, "%s: published version %d (%s, %d entries)\n", v.Domain, v.Number, v.Hash, v.Entries)
	for _, ch := range res.Changes {
		fmt.Fprintln(env.Stdout, "  "+ch.String())
	}
	return nil
}

// adminToken is --token, else $ERRCAT_ADMIN_TOKEN, else the admin token
// file a local error center wrote.
func adminToken(flag string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if t := strings.TrimSpace(os.Getenv("ERRCAT_ADMIN_TOKEN")); t != "" {
		return t, nil
	}
	u, err := registry.DefaultURL()
	if err == nil {
		var file string
		if file, err = registry.AdminTokenFile(u); err == nil {
			var b []byte
			if b, err = os.ReadFile(file); err == nil {
				return strings.TrimSpace(string(b)), nil
			}
		}
	}
	return "", usageError{errors.New("an admin token is needed: --token T, $ERRCAT_ADMIN_TOKEN, or the admin-token file of a local errcat serve")}
}

func newTokenCmd(env *Env) *cobra.Command {
	var server, token, domain string
	cmd := &cobra.Command{
		Use:   "token create --domain D | token revoke ID",
		Short: "Create or revoke a domain owner's publish token (needs an admin token)",
		Long: `Token manages the publish tokens of the registry at --server
($ERRCAT_SERVER, default ` + defaultServer + `). "token create --domain D"
creates domain D when it is new and prints a token that may publish D and
only D; it is shown once and stored only as a hash. "token revoke ID"
revokes a token by its id. Both need an admin token: --token,
$ERRCAT_ADMIN_TOKEN, or the admin-token file a local errcat serve wrote.`,
		Args: usageArgs(cobra.RangeArgs(1, 2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			admin, err := adminToken(token)
			if err != nil {
				return err
			}
			var req *http.Request
			switch {
			case args[0] == "create" && len(args) == 1 && domain != "":
				body, _ := json.Marshal(map[string]string{"domain": domain})
				req, err = http.NewRequest("POST", serverURL(server)+"/v1/tokens", bytes.NewReader(body))
			case args[0] == "revoke" && len(args) == 2:
				req, err = http.NewRequest("DELETE", serverURL(server)+"/v1/tokens/"+url.PathEscape(args[1]), nil)
			default:
				return usageError{errors.New("want: errcat token create --domain D, or errcat token revoke ID")}
			}
			if err != nil {
				return err
			}
			req.Header.Set("Authorization", "Bearer "+admin)
			resp, err := client().Do(req)
			if err != nil {
				return exitf(1, "%v", err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
			switch resp.StatusCode {
			case http.StatusCreated:
				var t struct{ ID, Domain, Token string }
				if err := json.Unmarshal(body, &t); err != nil {
					return exitf(1, "unexpected answer: %v", err)
				}
				fmt.Fprintln(env.Stdout, t.Token)
				fmt.Fprintf(env.Stderr, "token %s may publish domain %s; it is shown only this once\n", t.ID, t.Domain)
				return nil
			case http.StatusNoContent:
				fmt.Fprintf(env.Stdout, "token %s revoked\n", args[1])
				return nil
			}
			return exitf(1, "%v", readProblem(resp, body))
		},
	}
	cmd.Flags().StringVar(&server, "server", "", "the error center's `URL` (default $ERRCAT_SERVER, else "+defaultServer+")")
	cmd.Flags().StringVar(&token, "token", "", "the admin `TOKEN` (default $ERRCAT_ADMIN_TOKEN, else the local admin-token file)")
	cmd.Flags().StringVar(&domain, "domain", "", "create a token for `DOMAIN`")
	return cmd
}

// registryPrefix starts a catalog version in a registry:
// registry:URL/DOMAIN@N (@N left out or @latest: the latest version).
const registryPrefix = "registry:"

// isRegistry reports whether spec names a catalog version in a registry.
func isRegistry(spec string) bool { return strings.HasPrefix(spec, registryPrefix) }

// loadRegistry fetches the catalog version spec names.
func loadRegistry(spec string) ([]*catalog.Catalog, error) {
	rest := strings.TrimPrefix(spec, registryPrefix)
	version := "latest"
	if i := strings.LastIndex(rest, "@"); i > strings.LastIndex(rest, "/") {
		rest, version = rest[:i], rest[i+1:]
	}
	i := strings.LastIndex(rest, "/")
	if i < 0 || version == "" || !strings.HasPrefix(rest, "http://") && !strings.HasPrefix(rest, "https://") {
		return nil, usageError{fmt.Errorf("%q: want registry:URL/DOMAIN@N, e.g. registry:http://127.0.0.1:8080/zilliz.cloud@3", spec)}
	}
	base, domain := rest[:i], rest[i+1:]
	if domain == "" || strings.HasSuffix(base, ":/") {
		return nil, usageError{fmt.Errorf("%q: want registry:URL/DOMAIN@N", spec)}
	}
	resp, err := client().Get(base + "/v1/domains/" + url.PathEscape(domain) + "/versions/" + url.PathEscape(version))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", spec, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, registry.MaxCatalogBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", spec, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %w", spec, readProblem(resp, body))
	}
	c, err := catalog.ParseFast(spec, body)
	if err != nil {
		return nil, err
	}
	return []*catalog.Catalog{c}, nil
}

// loadSource loads a catalog source as diff names it: a registry version,
// or anything source.Load reads.
func loadSource(spec string) ([]*catalog.Catalog, error) {
	if isRegistry(spec) {
		return loadRegistry(spec)
	}
	return source.Load(spec)
}
