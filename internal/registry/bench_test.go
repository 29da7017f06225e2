package registry

import (
	"context"
	"fmt"
	"testing"

	"github.com/errcat/errcat/internal/registry/regtest"
)

// BenchmarkPublish1000 publishes a 1,000-entry catalog as a domain's next
// version: parse and validate, lint against the previous version, diff,
// store. Every iteration changes every message (a compatible change).
func BenchmarkPublish1000(b *testing.B) {
	for _, kind := range []string{"sqlite", "postgres"} {
		b.Run(kind, func(b *testing.B) {
			url := "sqlite:" + b.TempDir() + "/registry.db"
			if kind == "postgres" {
				url = regtest.NewDatabase(b)
			}
			ctx := context.Background()
			s, err := Open(ctx, url)
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			docs := make([][]byte, 64)
			for i := range docs {
				docs[i] = regtest.Catalog("example.big", 1000, 404, fmt.Sprintf(" (rev %d)", i))
			}
			b.SetBytes(int64(len(docs[0])))
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				r, err := s.Publish(ctx, Publication{Domain: "example.big", Content: docs[i%len(docs)], CreateDomain: true, Publisher: "bench"})
				if err != nil || (!r.Created && i > 0) {
					b.Fatalf("publish %d: %v (created %v)", i, err, r.Created)
				}
			}
		})
	}
}
