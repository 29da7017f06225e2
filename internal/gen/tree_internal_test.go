package gen

import (
	"encoding/json"
	"fmt"
	"mime"
	"slices"
	"strconv"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/wire"
)

// The generators json and openapi as they were when they built the whole
// document as a tree of values and marshalled it at once: the reference
// the streaming writers must match byte for byte (TestStreamSameBytes).

func jsonTree(cats []*catalog.Catalog, opts Options) (Files, error) {
	files := Files{}
	index := []JSONIndexItem{}
	for _, c := range sortedCatalogs(cats) {
		d := JSONDomain{Domain: c.JSON(), Entries: []catalog.EntryJSON{}}
		for i := range c.Entries {
			d.Entries = append(d.Entries, c.Entries[i].JSON(&c.Domain))
		}
		name := c.Domain.ID + ".json"
		b, err := marshalJSON(d)
		if err != nil {
			return nil, err
		}
		files[name] = b
		index = append(index, JSONIndexItem{ID: c.Domain.ID, Name: c.Domain.Name, Locales: c.Domain.Locales, Codes: len(c.Entries), File: name})
	}
	b, err := marshalJSON(index)
	if err != nil {
		return nil, err
	}
	files["index.json"] = b
	return files, nil
}

func openAPITree(cats []*catalog.Catalog, opts Options) (Files, error) {
	schemas := map[string]any{}
	for _, f := range wire.Formats() {
		var schema any
		if err := json.Unmarshal([]byte(f.Schema()), &schema); err != nil {
			return nil, fmt.Errorf("gen openapi: the schema of wire format %s: %w", f.Name(), err)
		}
		schemas[f.Name()] = schema
	}
	responses := map[string]any{}
	for _, c := range sortedCatalogs(cats) {
		d := &c.Domain
		format, ok := wire.ByName(d.WireFormat)
		if !ok {
			return nil, fmt.Errorf("gen openapi: %s: unknown wire format %q", d.ID, d.WireFormat)
		}
		mediaType, _, err := mime.ParseMediaType(format.ContentType())
		if err != nil {
			return nil, fmt.Errorf("gen openapi: %s: wire format %s: %w", d.ID, d.WireFormat, err)
		}
		_, rdefs := defs.FromCatalog(c)
		byCode := map[string]*errcat.Def{}
		for _, rd := range rdefs {
			byCode[rd.Code] = rd
		}
		for i := range c.Entries {
			e := &c.Entries[i]
			if d.IsSuccess(e.Code) || byCode[e.Code] == nil {
				continue
			}
			if format.Spec().IntegerCodes {
				if _, err := strconv.ParseInt(e.Code, 10, 64); err != nil {
					return nil, fmt.Errorf("gen openapi: %s %s: wire format %s carries integer codes, and code %q is not one", d.ID, e.Code, d.WireFormat, e.Code)
				}
			}
			// A row is the entry or one of its variants, as the runtime
			// sends it: the entry's Def with the variant's status and texts.
			type doc struct {
				err         *errcat.Error
				message     string
				remediation string
			}
			byStatus := map[int][]doc{}
			var statuses []int
			addRow := func(st *int, msg, rem catalog.Text) {
				ed := byCode[e.Code]
				rd := &errcat.Def{Domain: ed.Domain, Code: ed.Code, Category: ed.Category, Retryable: ed.Retryable,
					Title: ed.Title, Message: textMap(msg), Remediation: textMap(rem), Params: ed.Params}
				if st != nil {
					rd.HTTPStatus = *st
				}
				re := rd.New().WithRequestID(exampleRequestID)
				s := format.Status(re)
				if _, ok := byStatus[s]; !ok {
					statuses = append(statuses, s)
				}
				byStatus[s] = append(byStatus[s], doc{re, textIn(msg, d.DefaultLocale(), d.DefaultLocale()), textIn(rem, d.DefaultLocale(), d.DefaultLocale())})
			}
			addRow(e.HTTPStatus, e.Message, e.Remediation)
			for _, v := range e.Variants {
				addRow(v.HTTPStatus, v.Message, v.Remediation)
			}
			slices.Sort(statuses)
			for _, s := range statuses {
				name := componentName(d.ID + "." + e.Code)
				if len(statuses) > 1 {
					name += "." + strconv.Itoa(s)
				}
				if _, dup := responses[name]; dup {
					return nil, fmt.Errorf("gen openapi: %s: two codes give the response name %q", d.ID, name)
				}
				docs := byStatus[s]
				desc := docs[0].message
				if docs[0].remediation != "" {
					desc += "\n\n" + docs[0].remediation
				}
				body := format.Append(nil, docs[0].err, wire.Options{Instance: "/example", HostID: "example-host", Action: "Example"})
				example, err := exampleValue(mediaType, body)
				if err != nil {
					return nil, fmt.Errorf("gen openapi: %s %s: the %s body: %w", d.ID, e.Code, d.WireFormat, err)
				}
				media := map[string]any{
					"schema":  map[string]any{"$ref": "#/components/schemas/" + d.WireFormat},
					"example": example,
				}
				resp := map[string]any{
					"description":         desc,
					"content":             map[string]any{mediaType: media},
					"x-errcat-domain":     d.ID,
					"x-errcat-code":       e.Code,
					"x-errcat-status":     s,
					"x-errcat-category":   string(e.Category),
					"x-errcat-retryable":  e.IsRetryable(),
					"x-errcat-documented": e.HTTPStatus != nil,
				}
				if format.Spec().RequestIDHeader {
					resp["headers"] = map[string]any{"X-Request-Id": map[string]any{
						"description": "The request id.",
						"schema":      map[string]any{"type": "string"},
					}}
				}
				if url := d.DocsURLFor(e.Code); url != "" {
					resp["x-errcat-docs"] = url
				}
				responses[name] = resp
			}
		}
	}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":       "Error responses",
			"version":     "1.0.0",
			"description": "The documented error responses of the catalogs' domains, one per error code and HTTP status. Refer to them from operations with $ref: '#/components/responses/DOMAIN.CODE'.",
		},
		"components": map[string]any{"schemas": schemas, "responses": responses},
	}
	b, err := marshalJSON(doc)
	if err != nil {
		return nil, err
	}
	return Files{"openapi.json": b}, nil
}
