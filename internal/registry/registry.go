// Package registry owns the catalog registry: the store of every published
// version of each domain's catalog, on an embedded SQLite file or on
// PostgreSQL; its schema and the migrations applied at start-up; the
// publish gate (parse and validate, lint, compatibility diff against the
// latest version); the append-only numbering of versions; the tokens that
// may publish; and the notice of new versions that replicas act on.
//
// Versions are immutable: the schema refuses every UPDATE and DELETE of a
// version, and a publish is one transaction under a per-domain lock, so a
// domain's versions are numbered 1, 2, 3… with no gap and never a partial
// one.
package registry

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // the "sqlite" database/sql driver

	"github.com/errcat/errcat/internal/catalog"
	"github.com/errcat/errcat/internal/diff"
	"github.com/errcat/errcat/internal/lint"
)

// MaxCatalogBytes is the largest catalog a publish accepts (8 MiB).
const MaxCatalogBytes = 8 << 20

type dialect int

const (
	sqliteDB dialect = iota
	postgresDB
)

// Store is a registry on one database. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect dialect
	url     string // the PostgreSQL URL, for LISTEN
	now     func() time.Time

	// cache holds, by content hash, recent versions parsed and their lint
	// errors: the next publish of a domain compares with them.
	cacheMu sync.Mutex
	cache   map[string]*checked
}

// checked is a version's catalog with its lint errors by key.
type checked struct {
	cat  *catalog.Catalog
	errs map[string]bool
}

// maxCached bounds the versions kept parsed.
const maxCached = 64

func (s *Store) cached(hash string) *checked {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	return s.cache[hash]
}

func (s *Store) remember(hash string, c *checked) {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.cache == nil || len(s.cache) >= maxCached {
		s.cache = map[string]*checked{}
	}
	s.cache[hash] = c
}

// lintErrors returns the keys of c's lint errors.
func lintErrors(c *catalog.Catalog) map[string]bool {
	out := map[string]bool{}
	for _, f := range lint.Run([]*catalog.Catalog{c}, lint.Config{}) {
		if f.Severity == lint.Error {
			out[findingKey(f)] = true
		}
	}
	return out
}

// findingKey matches a finding across versions: by rule, code and
// message, not by line.
func findingKey(f lint.Finding) string {
	return f.Rule + "\x00" + f.Domain + "\x00" + f.Code + "\x00" + f.Message
}

// Version is one published version of a domain's catalog.
type Version struct {
	Domain    string    `json:"domain"`
	Number    int       `json:"number"`
	Hash      string    `json:"hash"` // sha256:HEX of Content
	Entries   int       `json:"entries"`
	Publisher string    `json:"publisher"`
	Reason    string    `json:"reason,omitempty"`
	Created   time.Time `json:"created"`
	Content   []byte    `json:"-"` // the catalog's YAML
}

// ErrNotFound is a domain or version that is not in the registry.
var ErrNotFound = errors.New("not in the registry")

// IsPostgres reports whether url names a PostgreSQL store.
func IsPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// Open opens the store at url — sqlite:PATH or postgres://… — creating
// the SQLite file and its directory when missing, and brings its schema
// up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	s := &Store{url: url, now: time.Now}
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		path := strings.TrimPrefix(url, "sqlite:")
		if path == "" || strings.ContainsAny(path, "?#") {
			return nil, fmt.Errorf("store %q: want sqlite:PATH (a file name without ? or #)", url)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("store %s: %w", url, err)
		}
		dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)" +
			"&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_txlock=immediate"
		db, err := sql.Open("sqlite", dsn)
		if err != nil {
			return nil, fmt.Errorf("store %s: %w", url, err)
		}
		// One connection: writes are serialized in the process, and no
		// transaction ever waits on SQLite's file lock for another of ours.
		db.SetMaxOpenConns(1)
		s.db, s.dialect = db, sqliteDB
	case IsPostgres(url):
		db, err := sql.Open("pgx", url)
		if err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		db.SetMaxOpenConns(16)
		db.SetMaxIdleConns(4)
		s.db, s.dialect = db, postgresDB
	default:
		return nil, fmt.Errorf("store %q: want sqlite:PATH or postgres://…", url)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Kind is "sqlite" or "postgres".
func (s *Store) Kind() string {
	if s.dialect == postgresDB {
		return "postgres"
	}
	return "sqlite"
}

// q rewrites a query written with ? placeholders for the store's dialect.
func (s *Store) q(query string) string {
	if s.dialect != postgresDB {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (s *Store) stamp() string { return s.now().UTC().Format(time.RFC3339Nano) }

// Hash returns the content hash of a catalog's bytes.
func Hash(content []byte) string {
	sum := sha256.Sum256(content)
	return "sha256:" + hex.EncodeToString(sum[:])
}

const versionCols = "domain, number, hash, entries, publisher, reason, created_at"

type scanner interface{ Scan(...any) error }

func scanVersion(row scanner, withContent bool) (Version, error) {
	var v Version
	var created string
	dest := []any{&v.Domain, &v.Number, &v.Hash, &v.Entries, &v.Publisher, &v.Reason, &created}
	if withContent {
		dest = append(dest, &v.Content)
	}
	if err := row.Scan(dest...); err != nil {
		return Version{}, err
	}
	t, err := time.Parse(time.RFC3339Nano, created)
	if err != nil {
		return Version{}, fmt.Errorf("registry: %s version %d: created %q: %w", v.Domain, v.Number, created, err)
	}
	v.Created = t
	return v, nil
}

// Domains returns the ids of the registry's domains, sorted.
func (s *Store) Domains(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM domains ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// Latest returns the latest version of every domain, with its content,
// sorted by domain.
func (s *Store) Latest(ctx context.Context) ([]Version, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT v.domain, v.number, v.hash, v.entries, v.publisher, v.reason, v.created_at, v.content
FROM versions v JOIN (SELECT domain, MAX(number) AS n FROM versions GROUP BY domain) m
ON v.domain = m.domain AND v.number = m.n ORDER BY v.domain`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		v, err := scanVersion(rows, true)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Versions returns a domain's versions, oldest first, without content;
// ErrNotFound when the domain has none.
func (s *Store) Versions(ctx context.Context, domain string) ([]Version, error) {
	rows, err := s.db.QueryContext(ctx, s.q("SELECT "+versionCols+" FROM versions WHERE domain = ? ORDER BY number"), domain)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		v, err := scanVersion(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, ErrNotFound
	}
	return out, nil
}

// Version returns version n of a domain with its content (n = 0: the
// latest); ErrNotFound when there is none.
func (s *Store) Version(ctx context.Context, domain string, n int) (Version, error) {
	query := "SELECT " + versionCols + ", content FROM versions WHERE domain = ? AND number = ?"
	args := []any{domain, n}
	if n == 0 {
		query = "SELECT " + versionCols + ", content FROM versions WHERE domain = ? ORDER BY number DESC LIMIT 1"
		args = args[:1]
	}
	v, err := scanVersion(s.db.QueryRowContext(ctx, s.q(query), args...), true)
	if errors.Is(err, sql.ErrNoRows) {
		return Version{}, ErrNotFound
	}
	return v, err
}

// Count returns the number of versions in the registry. Versions are only
// ever added, so a count that moved means a new version.
func (s *Store) Count(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM versions").Scan(&n)
	return n, err
}

// Parse parses a version's content as the catalog of its domain.
func (v Version) Parse() (*catalog.Catalog, error) {
	return catalog.ParseFast(fmt.Sprintf("registry:%s@%d", v.Domain, v.Number), v.Content)
}

// Seed publishes cats as version 1 of their domains when the registry
// holds no domain at all (its first start), and reports whether it did.
// The catalogs are written as catalog files with their locales merged.
func (s *Store) Seed(ctx context.Context, cats []*catalog.Catalog, publisher string) (bool, error) {
	type doc struct {
		id      string
		content []byte
		entries int
	}
	docs := make([]doc, 0, len(cats))
	for _, c := range cats {
		b, err := catalog.Marshal(c, "https://errcat.dev/schema/catalog.schema.json")
		if err != nil {
			return false, err
		}
		docs = append(docs, doc{c.Domain.ID, b, len(c.Entries)})
	}
	tx, err := s.begin(ctx, "")
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM domains").Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	at := s.stamp()
	for _, d := range docs {
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO domains (id, created_at) VALUES (?, ?)"), d.id, at); err != nil {
			return false, err
		}
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO versions ("+versionCols+", content) VALUES (?, 1, ?, ?, ?, '', ?, ?)"),
			d.id, Hash(d.content), d.entries, publisher, at, d.content); err != nil {
			return false, err
		}
	}
	if err := s.notify(ctx, tx, "*"); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// begin starts a transaction; on PostgreSQL it first takes the
// transaction-scoped lock of key ("" : the whole registry). On SQLite the
// transaction is BEGIN IMMEDIATE: it holds the database's write lock.
func (s *Store) begin(ctx context.Context, key string) (*sql.Tx, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if s.dialect == postgresDB {
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext($1))", "errcat.registry:"+key); err != nil {
			tx.Rollback()
			return nil, err
		}
	}
	return tx, nil
}

// notifyChannel is the PostgreSQL channel a publish notifies.
const notifyChannel = "errcat_versions"

func (s *Store) notify(ctx context.Context, tx *sql.Tx, domain string) error {
	if s.dialect != postgresDB {
		return nil
	}
	_, err := tx.ExecContext(ctx, "SELECT pg_notify($1, $2)", notifyChannel, domain)
	return err
}

// Publication is a catalog offered as a domain's next version.
type Publication struct {
	Domain    string // the domain it is published to
	Name      string // the file name its problems are reported under
	Content   []byte // the catalog's YAML
	Publisher string // who publishes it, as recorded
	// AllowBreaking is the reason a breaking change is published anyway;
	// empty: breaking changes are refused.
	AllowBreaking string
	// CreateDomain allows a domain that is not in the registry yet.
	CreateDomain bool
}

// Result is the outcome of a publish.
type Result struct {
	Version Version       `json:"version"`
	Created bool          `json:"created"` // false: identical to the latest version
	Changes []diff.Change `json:"changes"` // against the previous version
}

// InvalidError is a catalog that does not parse or validate.
type InvalidError struct{ Problems []string }

func (e *InvalidError) Error() string { return strings.Join(e.Problems, "\n") }

// MismatchError is a catalog of another domain than the one published to.
type MismatchError struct{ Want, Got string }

func (e *MismatchError) Error() string {
	return fmt.Sprintf("the catalog is domain %q, published to domain %q", e.Got, e.Want)
}

// LintError lists the lint findings of error severity that the catalog
// has and its previous version did not.
type LintError struct{ Findings []lint.Finding }

func (e *LintError) Error() string {
	return fmt.Sprintf("%d new lint errors (first: %s)", len(e.Findings), e.Findings[0])
}

// BreakingError lists the breaking changes of a publish without a reason.
type BreakingError struct{ Changes []diff.Change }

func (e *BreakingError) Error() string {
	n := 0
	for _, c := range e.Changes {
		if c.Breaking {
			n++
		}
	}
	return fmt.Sprintf("%d breaking changes against the latest version", n)
}

// ErrNoDomain is a publish to a domain that is not in the registry by a
// publisher that may not create it.
var ErrNoDomain = errors.New("no such domain in the registry")

// Check parses and validates a catalog as Publish does, without storing it.
func Check(p Publication) (*catalog.Catalog, error) {
	name := p.Name
	if name == "" {
		name = p.Domain + ".yaml"
	}
	if len(p.Content) > MaxCatalogBytes {
		return nil, &InvalidError{[]string{fmt.Sprintf("%s: larger than %d bytes", name, MaxCatalogBytes)}}
	}
	c, err := catalog.ParseFast(name, p.Content)
	if err != nil {
		var list catalog.ErrorList
		if errors.As(err, &list) {
			ps := make([]string, len(list))
			for i, e := range list {
				ps[i] = e.Error()
			}
			return nil, &InvalidError{ps}
		}
		return nil, &InvalidError{[]string{err.Error()}}
	}
	if c.Domain.ID != p.Domain {
		return nil, &MismatchError{Want: p.Domain, Got: c.Domain.ID}
	}
	return c, nil
}

// Publish gates p and stores it as its domain's next version: it must
// parse and validate, add no lint error its previous version did not
// have, and change nothing that breaks clients unless p.AllowBreaking
// says why. Content identical to the latest version returns that version
// and adds none.
func (s *Store) Publish(ctx context.Context, p Publication) (Result, error) {
	c, err := Check(p)
	if err != nil {
		return Result{}, err
	}
	hash := Hash(p.Content)
	tx, err := s.begin(ctx, p.Domain)
	if err != nil {
		return Result{}, err
	}
	defer tx.Rollback()
	var exists int
	if err := tx.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM domains WHERE id = ?"), p.Domain).Scan(&exists); err != nil {
		return Result{}, err
	}
	if exists == 0 {
		if !p.CreateDomain {
			return Result{}, ErrNoDomain
		}
		if _, err := tx.ExecContext(ctx, s.q("INSERT INTO domains (id, created_at) VALUES (?, ?)"), p.Domain, s.stamp()); err != nil {
			return Result{}, err
		}
	}
	prev, err := scanVersion(tx.QueryRowContext(ctx,
		s.q("SELECT "+versionCols+", content FROM versions WHERE domain = ? ORDER BY number DESC LIMIT 1"), p.Domain), true)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		prev = Version{}
	case err != nil:
		return Result{}, err
	}
	if prev.Number > 0 && prev.Hash == hash {
		return Result{Version: prev, Changes: []diff.Change{}}, nil
	}
	var old []*catalog.Catalog
	var had map[string]bool
	if prev.Number > 0 {
		pc := s.cached(prev.Hash)
		if pc == nil {
			cat, err := prev.Parse()
			if err != nil {
				return Result{}, fmt.Errorf("version %d of %s: %w", prev.Number, p.Domain, err)
			}
			pc = &checked{cat: cat, errs: lintErrors(cat)}
			s.remember(prev.Hash, pc)
		}
		old, had = []*catalog.Catalog{pc.cat}, pc.errs
	}
	cur := []*catalog.Catalog{c}
	// Lint and diff at once: each reads the catalogs only.
	var findings []lint.Finding
	linted := make(chan struct{})
	go func() {
		defer close(linted)
		findings = lint.Run(cur, lint.Config{})
	}()
	changes := diff.Compare(old, cur)
	<-linted
	curErrs := map[string]bool{}
	var fresh []lint.Finding
	for _, f := range findings {
		if f.Severity != lint.Error {
			continue
		}
		curErrs[findingKey(f)] = true
		if !had[findingKey(f)] {
			fresh = append(fresh, f)
		}
	}
	if len(fresh) > 0 {
		return Result{}, &LintError{fresh}
	}
	if prev.Number == 0 {
		changes = nil // a first version adds every code: nothing to review
	}
	if diff.HasBreaking(changes) && strings.TrimSpace(p.AllowBreaking) == "" {
		return Result{}, &BreakingError{changes}
	}
	if changes == nil {
		changes = []diff.Change{}
	}
	v := Version{Domain: p.Domain, Number: prev.Number + 1, Hash: hash, Entries: len(c.Entries),
		Publisher: p.Publisher, Created: s.now().UTC(), Content: p.Content}
	if diff.HasBreaking(changes) {
		v.Reason = strings.TrimSpace(p.AllowBreaking)
	}
	if _, err := tx.ExecContext(ctx, s.q("INSERT INTO versions ("+versionCols+", content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
		v.Domain, v.Number, v.Hash, v.Entries, v.Publisher, v.Reason, v.Created.Format(time.RFC3339Nano), v.Content); err != nil {
		return Result{}, err
	}
	if err := s.notify(ctx, tx, p.Domain); err != nil {
		return Result{}, err
	}
	if err := tx.Commit(); err != nil {
		return Result{}, err
	}
	s.remember(hash, &checked{cat: c, errs: curErrs})
	return Result{Version: v, Created: true, Changes: changes}, nil
}

// Diff returns the changes from version from to version to of a domain.
func (s *Store) Diff(ctx context.Context, domain string, from, to int) ([]diff.Change, error) {
	var cats [2][]*catalog.Catalog
	for i, n := range []int{from, to} {
		v, err := s.Version(ctx, domain, n)
		if err != nil {
			return nil, err
		}
		c, err := v.Parse()
		if err != nil {
			return nil, err
		}
		cats[i] = []*catalog.Catalog{c}
	}
	changes := diff.Compare(cats[0], cats[1])
	if changes == nil {
		changes = []diff.Change{}
	}
	return changes, nil
}
