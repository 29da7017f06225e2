package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/wire"
)

func newRenderCmd(env *Env) *cobra.Command {
	var domain, format, lang, requestID, action, hostID, instance string
	var meta []string
	cmd := &cobra.Command{
		Use:   "render [--format F] [--lang TAG] [--domain ID] CODE [name=value...]",
		Short: "Print the HTTP response a client receives for an error code",
		Long: `Render prints exactly what a client receives when a service returns the
error: the status line, the headers and the body, in the domain's wire
format or the one --format names (` + strings.Join(wire.Names(), ", ") + `).

The params fill the message's {name} placeholders; a missing one stays
visible as {name}. --lang takes a BCP 47 tag or a whole Accept-Language
value and is matched against the domain's locales as the runtime does.`,
		Example: `  errcat render CSS.0001
  errcat render --format problem --lang zh-CN --domain aliyun.polardb MissingParameter parameter=DBClusterId`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			code, kv := args[0], make([]string, 0, 2*(len(args)-1))
			for _, a := range args[1:] {
				name, value, ok := strings.Cut(a, "=")
				if !ok || name == "" {
					return usageError{fmt.Errorf("render: param %q: want name=value", a)}
				}
				kv = append(kv, name, value)
			}
			if err := checkLang(lang, true); err != nil {
				return err
			}
			var metaKV []string
			for _, m := range meta {
				k, v, ok := strings.Cut(m, "=")
				if !ok || k == "" {
					return usageError{fmt.Errorf("render: --meta %q: want key=value", m)}
				}
				metaKV = append(metaKV, k, v)
			}
			var f wire.Format
			if format != "" {
				var ok bool
				if f, ok = wire.ByName(format); !ok {
					return usageError{fmt.Errorf("render: unknown format %q (have: %s)", format, strings.Join(wire.Names(), ", "))}
				}
			}
			set, err := env.LoadSet()
			if err != nil {
				return err
			}
			reg := defs.NewRegistry(set.Catalogs()...)
			if domain != "" && reg.Domain(domain) == nil {
				return exitf(1, "no such domain %q (have: %s)", domain, strings.Join(reg.Domains(), ", "))
			}
			found := reg.Find(code)
			if domain != "" {
				found = nil
				if d := reg.Lookup(domain, code); d != nil {
					found = append(found, d)
				}
			}
			switch len(found) {
			case 0:
				return noSuchCode(set, domain, code)
			case 1:
			default:
				ids := make([]string, len(found))
				for i, d := range found {
					ids[i] = d.Domain.ID
				}
				return usageError{fmt.Errorf("render: %s is a code of several domains (%s); pick one with --domain", code, strings.Join(ids, ", "))}
			}
			def := found[0]
			for i := 0; i < len(kv); i += 2 {
				if !slices.Contains(def.Params, kv[i]) {
					fmt.Fprintf(env.Stderr, "errcat: warning: %s has no param %q (its params: %s); sent in the params only\n", code, kv[i], strings.Join(def.Params, ", "))
				}
			}
			e := def.New(kv...).WithRequestID(requestID)
			for i := 0; i < len(metaKV); i += 2 {
				e.WithMeta(metaKV[i], metaKV[i+1])
			}
			if !f.Valid() {
				f = wire.For(e)
			}
			o := wire.Options{Locale: def.Domain.Negotiate(lang), Instance: instance, Action: action, HostID: hostID}
			_, err = env.Stdout.Write(f.AppendResponse(nil, e, o))
			return err
		},
	}
	cmd.Flags().StringVar(&domain, "domain", "", "the domain `ID` of the code (needed when several domains have it)")
	cmd.Flags().StringVar(&format, "format", "", "the wire format `F` (default: the domain's)")
	cmd.Flags().StringVar(&lang, "lang", "", "the client's language: a BCP 47 `TAG` or an Accept-Language value (default: the domain's default locale)")
	cmd.Flags().StringVar(&requestID, "request-id", "", "the request `ID` to send")
	cmd.Flags().StringArrayVar(&meta, "meta", nil, "add a metadata `key=value` (repeatable)")
	var carry []string
	for _, f := range wire.Formats() {
		if f.Spec().Action {
			carry = append(carry, f.Name())
		}
	}
	cmd.Flags().StringVar(&action, "action", "", "the API `ACTION` (in the bodies of "+strings.Join(carry, ", ")+")")
	cmd.Flags().StringVar(&hostID, "host-id", "", "the answering `HOST` (aliyun's HostId)")
	cmd.Flags().StringVar(&instance, "instance", "", "the request `URI` (problem's instance)")
	return cmd
}
