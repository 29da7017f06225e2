package importer

import (
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/goccy/go-yaml"

	"github.com/errcat/errcat/internal/catalog"
)

// ManifestName is the manifest's file name inside a sources directory.
const ManifestName = "import.yaml"

// Manifest lists source pages and, for each, the domain header its catalog
// gets: the import recipe of a directory of catalogs (catalogs/sources/
// import.yaml for the built-in ones).
type Manifest struct {
	Pages []ManifestPage `yaml:"pages"`
}

// ManifestPage is one page of a Manifest: its file (relative to the
// manifest) and its import options.
type ManifestPage struct {
	File               string `yaml:"file"`
	Format             string `yaml:"format,omitempty"`
	Domain             string `yaml:"domain"`
	Name               string `yaml:"name,omitempty"`
	Provider           string `yaml:"provider,omitempty"`
	Locale             string `yaml:"locale,omitempty"`
	WireFormat         string `yaml:"wire_format,omitempty"`
	CodeKind           string `yaml:"code_kind,omitempty"`
	SuccessCode        string `yaml:"success_code,omitempty"`
	InternalCode       string `yaml:"internal_code,omitempty"`
	DocsURL            string `yaml:"docs_url,omitempty"`
	Description        string `yaml:"description,omitempty"`
	SubCodeDescription string `yaml:"sub_code_description,omitempty"`
}

// Options returns the page's import options.
func (p ManifestPage) Options() Options {
	return Options{
		Format: p.Format, Domain: p.Domain, Name: p.Name, Provider: p.Provider,
		Locale: p.Locale, WireFormat: p.WireFormat, CodeKind: p.CodeKind,
		SuccessCode: p.SuccessCode, InternalCode: p.InternalCode, DocsURL: p.DocsURL, Description: p.Description,
		SubCodeDescription: p.SubCodeDescription,
	}
}

// ParseManifest reads a manifest; unknown keys are errors.
func ParseManifest(name string, data []byte) (*Manifest, error) {
	var m Manifest
	if err := yaml.UnmarshalWithOptions(data, &m, yaml.DisallowUnknownField()); err != nil {
		return nil, fmt.Errorf("%s: %s", name, yaml.FormatError(err, false, false))
	}
	seen := map[string]bool{}
	for i, p := range m.Pages {
		switch {
		case p.File == "":
			return nil, fmt.Errorf("%s: pages[%d]: file is required", name, i)
		case p.Domain == "":
			return nil, fmt.Errorf("%s: pages[%d] (%s): domain is required", name, i, p.File)
		case seen[p.Domain]:
			return nil, fmt.Errorf("%s: pages[%d] (%s): domain %s is listed twice", name, i, p.File, p.Domain)
		}
		seen[p.Domain] = true
	}
	if len(m.Pages) == 0 {
		return nil, fmt.Errorf("%s: no pages", name)
	}
	return &m, nil
}

// BuildDir imports every page of dir/sources/import.yaml and returns the
// catalog files to write into dir, by file name (<domain>.yaml), with the
// diagnostics of all pages.
func BuildDir(fsys fs.FS, dir string) (map[string][]byte, []Diagnostic, error) {
	srcDir := path.Join(dir, "sources")
	mname := path.Join(srcDir, ManifestName)
	data, err := fs.ReadFile(fsys, mname)
	if err != nil {
		return nil, nil, err
	}
	m, err := ParseManifest(mname, data)
	if err != nil {
		return nil, nil, err
	}
	out := map[string][]byte{}
	var diags []Diagnostic
	for _, p := range m.Pages {
		page, err := fs.ReadFile(fsys, path.Join(srcDir, p.File))
		if err != nil {
			return nil, diags, err
		}
		c, ds, err := Import(p.File, page, p.Options())
		diags = append(diags, ds...)
		if err != nil {
			return nil, diags, err
		}
		b, err := catalog.Marshal(c, "")
		if err != nil {
			return nil, diags, err
		}
		out[c.Domain.ID+".yaml"] = b
	}
	return out, diags, nil
}

// Merge adds the entries of src to dst: new codes as entries, codes dst
// already has as variants of them (nothing is merged away).
func Merge(dst, src *catalog.Catalog) {
	for _, e := range src.Entries {
		d := dst.Lookup(e.Code)
		if d == nil {
			dst.Entries = append(dst.Entries, e)
			continue
		}
		d.Variants = append(d.Variants, catalog.Variant{HTTPStatus: e.HTTPStatus, Message: e.Message, Remediation: e.Remediation, Source: e.Source})
		d.Variants = append(d.Variants, e.Variants...)
		for _, p := range e.Params {
			if !slices.ContainsFunc(d.Params, func(q catalog.Param) bool { return q.Name == p.Name }) {
				d.Params = append(d.Params, p)
			}
		}
	}
	for _, l := range src.Domain.Locales {
		if !slices.Contains(dst.Domain.Locales, l) {
			dst.Domain.Locales = append(dst.Domain.Locales, l)
		}
	}
	if src.Domain.Source != nil && dst.Domain.Source != nil {
		dst.Domain.Source.Notes = append(dst.Domain.Source.Notes, "also imported from "+src.Domain.Source.File)
	}
	if src.Domain.SuccessCode != nil && dst.Domain.SuccessCode == nil {
		dst.Domain.SuccessCode = src.Domain.SuccessCode
	}
}
