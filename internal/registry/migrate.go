package registry

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

// migrations holds the schema of each dialect as numbered files
// (NNN_name.sql), applied in order, each once, recorded in
// schema_migrations.
//
//go:embed migrations
var migrations embed.FS

type migration struct {
	number int
	name   string
	sql    string
}

func (s *Store) migrationList() ([]migration, error) {
	dir := "migrations/sqlite"
	if s.dialect == postgresDB {
		dir = "migrations/postgres"
	}
	names, err := fs.Glob(migrations, dir+"/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, n := range names {
		base := path.Base(n)
		num, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", n)
		}
		b, err := migrations.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{num, base, string(b)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.number - b.number })
	return out, nil
}

// migrate applies the migrations the database does not have yet, in one
// transaction under the registry's lock, so replicas starting together
// apply each once.
func (s *Store) migrate(ctx context.Context) error {
	list, err := s.migrationList()
	if err != nil {
		return err
	}
	tx, err := s.begin(ctx, "")
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`); err != nil {
		return fmt.Errorf("store: schema_migrations: %w", err)
	}
	applied := map[int]bool{}
	rows, err := tx.QueryContext(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return err
		}
		applied[v] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, m := range list {
		if applied[m.number] {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"),
			m.number, m.name, s.stamp()); err != nil {
			return fmt.Errorf("store: migration %s: %w", m.name, err)
		}
	}
	return tx.Commit()
}

// SchemaVersion returns the number of the latest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.db.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	return v, err
}
