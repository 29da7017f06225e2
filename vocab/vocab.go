// Package vocab owns the facts every part of errcat shares, each written
// once:
//
//   - the categories and their one table: name, usual HTTP status, gRPC
//     status name and numeric code, and whether errors of the category are
//     retryable by default; lookups by name and by gRPC name, the category
//     an HTTP status most likely means, and the statuses that fit a
//     category;
//   - the {name} placeholder syntax of templates and code patterns
//     (NextPlaceholder), and the matching of a text against a pattern
//     (MatchPattern: Invalid{parameter}.Malformed matches
//     InvalidName.Malformed);
//   - the wire formats errcat writes, as descriptors in one ordered list:
//     name, provider, content type, how the HTTP status is chosen, whether
//     codes are integers in the body.
//
// The runtime (errcat), wire, decode, the catalog model, lint, the
// generators and the JSON Schema of catalogs all read these facts here.
// vocab imports only the standard library, so every package may import it.
package vocab
