package importer_test

import (
	"fmt"

	"github.com/errcat/errcat/internal/importer"
)

func ExampleImport() {
	page := `# Errors

| 错误码 | HTTP 状态码 | 错误信息 |
|--------|-------------|----------|
| InvalidName | 400 Bad Request | The parameter "<parameter name\>" is not valid: %s |
| Busy | N/A | Service busy, try again later. |
|      | 500 | A row without a code. |
`
	c, diags, err := importer.Import("errors.md", []byte(page), importer.Options{Domain: "example.api"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range c.Entries {
		fmt.Println(e.Code, e.Status(), e.Category, e.Inferred, e.Message.Get("en"))
		for _, p := range e.Params {
			fmt.Println("  param", p.Name+":", p.Description)
		}
		fmt.Println("  original:", e.Source.Original)
	}
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// InvalidName 400 invalid_argument [category] The parameter "{parameter_name}" is not valid: {detail}
	//   param parameter_name: written <parameter name> in the source
	//   param detail: written %s in the source
	//   original: map[http_status:400 Bad Request message:The parameter "<parameter name>" is not valid: %s]
	// Busy 0 unavailable [category] Service busy, try again later.
	//   original: map[http_status:N/A]
	// errors.md:7: row has no error code (cells: "", "500", "A row without a code.")
}
