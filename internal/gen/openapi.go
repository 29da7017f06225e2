package gen

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"mime"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/errcat/errcat"
	"github.com/errcat/errcat/defs"
	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/wire"
)

// OpenAPI writes openapi.json: an OpenAPI 3.1 document whose components
// hold a schema per wire format (components.schemas, named after the wire
// format) and a response per error code and HTTP status
// (components.responses, named DOMAIN.CODE, or DOMAIN.CODE.STATUS when the
// code's entry and variants are sent with several statuses). A response
// refers to its domain's wire format schema and carries an example body in
// that format; x-errcat-* extensions give the domain, code, category and
// retryability. The example body and the status are what the runtime
// sends (wire.Format.Append and Status on the entry's errcat.Def, with a
// variant's status and texts for a variant); placeholders stay visible as
// {name}.
func OpenAPI(cats []*catalog.Catalog, opts Options) (Files, error) {
	return collect(cats, opts, StreamOpenAPI)
}

// openAPIDomain is what the responses of one catalog share.
type openAPIDomain struct {
	c         *catalog.Catalog
	dom       *errcat.Domain
	format    wire.Format
	mediaType string
	// first is the index of the first entry of each code: a code's
	// category, retryability, title and params are its first entry's.
	first map[string]int
}

// openAPIRef is one response: its component name and where it comes from.
type openAPIRef struct {
	name   string
	domain int32
	entry  int32
	status int32
}

// openAPIDoc is one row of an entry as the runtime sends it: the entry or
// one of its variants.
type openAPIDoc struct {
	err         *errcat.Error
	message     string
	remediation string
}

// rows returns the rows of entry i by status, and the statuses in order.
func (od *openAPIDomain) rows(i int) (map[int][]openAPIDoc, []int) {
	c, d := od.c, &od.c.Domain
	e := &c.Entries[i]
	ed := &c.Entries[od.first[e.Code]]
	var params []string
	for _, p := range ed.Params {
		params = append(params, p.Name)
	}
	byStatus := map[int][]openAPIDoc{}
	var statuses []int
	addRow := func(st *int, msg, rem catalog.Text) {
		rd := &errcat.Def{Domain: od.dom, Code: ed.Code, Category: string(ed.Category), Retryable: ed.IsRetryable(),
			Title: textMap(ed.Title), Message: textMap(msg), Remediation: textMap(rem), Params: params}
		if st != nil {
			rd.HTTPStatus = *st
		}
		re := rd.New().WithRequestID(exampleRequestID)
		s := od.format.Status(re)
		if _, ok := byStatus[s]; !ok {
			statuses = append(statuses, s)
		}
		byStatus[s] = append(byStatus[s], openAPIDoc{re, textIn(msg, d.DefaultLocale(), d.DefaultLocale()), textIn(rem, d.DefaultLocale(), d.DefaultLocale())})
	}
	addRow(e.HTTPStatus, e.Message, e.Remediation)
	for _, v := range e.Variants {
		addRow(v.HTTPStatus, v.Message, v.Remediation)
	}
	slices.Sort(statuses)
	return byStatus, statuses
}

// textMap is t as the runtime's Def holds it (defs.FromCatalog's copy,
// without copying: the Def is only read).
func textMap(t catalog.Text) map[string]string {
	if t.Len() == 0 {
		return nil
	}
	return t.Map()
}

// StreamOpenAPI is OpenAPI writing the document as it goes, a response at
// a time. A first pass names every response (and finds the errors); the
// responses are then written in the order of their names, each rendered,
// encoded and dropped before the next.
func StreamOpenAPI(cats []*catalog.Catalog, _ Options, create CreateFunc) error {
	schemas := map[string]any{}
	for _, f := range wire.Formats() {
		var schema any
		if err := json.Unmarshal([]byte(f.Schema()), &schema); err != nil {
			return fmt.Errorf("gen openapi: the schema of wire format %s: %w", f.Name(), err)
		}
		schemas[f.Name()] = schema
	}
	var doms []*openAPIDomain
	var refs []openAPIRef
	names := map[string]struct{}{}
	for _, c := range sortedCatalogs(cats) {
		d := &c.Domain
		format, ok := wire.ByName(d.WireFormat)
		if !ok {
			return fmt.Errorf("gen openapi: %s: unknown wire format %q", d.ID, d.WireFormat)
		}
		mediaType, _, err := mime.ParseMediaType(format.ContentType())
		if err != nil {
			return fmt.Errorf("gen openapi: %s: wire format %s: %w", d.ID, d.WireFormat, err)
		}
		dom, _ := defs.FromCatalog(&catalog.Catalog{Domain: c.Domain})
		od := &openAPIDomain{c: c, dom: dom, format: format, mediaType: mediaType, first: make(map[string]int, len(c.Entries))}
		for i := range c.Entries {
			if _, ok := od.first[c.Entries[i].Code]; !ok {
				od.first[c.Entries[i].Code] = i
			}
		}
		doms = append(doms, od)
		for i := range c.Entries {
			e := &c.Entries[i]
			if d.IsSuccess(e.Code) {
				continue
			}
			if format.Spec().IntegerCodes {
				if _, err := strconv.ParseInt(e.Code, 10, 64); err != nil {
					return fmt.Errorf("gen openapi: %s %s: wire format %s carries integer codes, and code %q is not one", d.ID, e.Code, d.WireFormat, e.Code)
				}
			}
			_, statuses := od.rows(i)
			for _, s := range statuses {
				name := componentName(d.ID + "." + e.Code)
				if len(statuses) > 1 {
					name += "." + strconv.Itoa(s)
				}
				if _, dup := names[name]; dup {
					return fmt.Errorf("gen openapi: %s: two codes give the response name %q", d.ID, name)
				}
				names[name] = struct{}{}
				refs = append(refs, openAPIRef{name: name, domain: int32(len(doms) - 1), entry: int32(i), status: int32(s)})
			}
		}
	}
	names = nil
	slices.SortFunc(refs, func(a, b openAPIRef) int { return strings.Compare(a.name, b.name) })

	w, err := create("openapi.json")
	if err != nil {
		return err
	}
	bw := &errWriter{w: w}
	// The document as marshalJSON writes its map: keys in order.
	bw.str("{\n  \"components\": {\n    \"responses\": {")
	enc := newIndentEncoder("      ")
	for i, ref := range refs {
		od := doms[ref.domain]
		resp, err := od.response(int(ref.entry), int(ref.status))
		if err != nil {
			return err
		}
		if i > 0 {
			bw.str(",")
		}
		bw.str("\n      ")
		bw.bytes(wire.AppendJSONString(nil, ref.name))
		bw.str(": ")
		if err := enc.encode(bw, resp); err != nil {
			return err
		}
		if bw.err != nil {
			return bw.err
		}
	}
	if len(refs) > 0 {
		bw.str("\n    ")
	}
	bw.str("},\n    \"schemas\": ")
	if err := newIndentEncoder("    ").encode(bw, schemas); err != nil {
		return err
	}
	bw.str("\n  },\n  \"info\": ")
	info := map[string]any{
		"title":       "Error responses",
		"version":     "1.0.0",
		"description": "The documented error responses of the catalogs' domains, one per error code and HTTP status. Refer to them from operations with $ref: '#/components/responses/DOMAIN.CODE'.",
	}
	if err := newIndentEncoder("  ").encode(bw, info); err != nil {
		return err
	}
	bw.str(",\n  \"openapi\": \"3.1.0\"\n}\n")
	return bw.err
}

// response is the response object of entry i sent with status s.
func (od *openAPIDomain) response(i, s int) (map[string]any, error) {
	d := &od.c.Domain
	e := &od.c.Entries[i]
	byStatus, _ := od.rows(i)
	docs := byStatus[s]
	desc := docs[0].message
	if docs[0].remediation != "" {
		desc += "\n\n" + docs[0].remediation
	}
	body := od.format.Append(nil, docs[0].err, wire.Options{Instance: "/example", HostID: "example-host", Action: "Example"})
	example, err := exampleValue(od.mediaType, body)
	if err != nil {
		return nil, fmt.Errorf("gen openapi: %s %s: the %s body: %w", d.ID, e.Code, d.WireFormat, err)
	}
	media := map[string]any{
		"schema":  map[string]any{"$ref": "#/components/schemas/" + d.WireFormat},
		"example": example,
	}
	resp := map[string]any{
		"description":         desc,
		"content":             map[string]any{od.mediaType: media},
		"x-errcat-domain":     d.ID,
		"x-errcat-code":       e.Code,
		"x-errcat-status":     s,
		"x-errcat-category":   string(e.Category),
		"x-errcat-retryable":  e.IsRetryable(),
		"x-errcat-documented": e.HTTPStatus != nil,
	}
	if od.format.Spec().RequestIDHeader {
		resp["headers"] = map[string]any{"X-Request-Id": map[string]any{
			"description": "The request id.",
			"schema":      map[string]any{"type": "string"},
		}}
	}
	if url := d.DocsURLFor(e.Code); url != "" {
		resp["x-errcat-docs"] = url
	}
	return resp, nil
}

var componentNameRe = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// componentName makes s a valid component key (^[a-zA-Z0-9._-]+$).
func componentName(s string) string { return componentNameRe.ReplaceAllString(s, "_") }

// exampleRequestID stands for the request id in examples.
const exampleRequestID = "00000000-0000-0000-0000-000000000000"

// exampleValue turns a body of media type mt into an OpenAPI example
// value: the JSON value, or for XML the object of the root's child
// elements, which tools render as XML through the schema's xml name.
func exampleValue(mt string, body []byte) (any, error) {
	if mt != "application/xml" && !strings.HasSuffix(mt, "+xml") {
		var v any
		err := json.Unmarshal(body, &v)
		return v, err
	}
	var root struct {
		Fields []struct {
			XMLName xml.Name
			Value   string `xml:",chardata"`
		} `xml:",any"`
	}
	if err := xml.Unmarshal(body, &root); err != nil {
		return nil, err
	}
	obj := map[string]any{}
	for _, f := range root.Fields {
		obj[f.XMLName.Local] = f.Value
	}
	return obj, nil
}
