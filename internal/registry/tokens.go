package registry

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// AdminDomain is the domain of an admin token: it may create domains and
// tokens and publish to any domain.
const AdminDomain = "*"

// tokenPrefix starts every token, so that secret scanners recognise one.
const tokenPrefix = "ect_"

// Token is a publish token as stored: its id and domain, never its secret.
type Token struct {
	ID      string `json:"id"`
	Domain  string `json:"domain"`
	Revoked bool   `json:"revoked,omitempty"`
}

// Admin reports whether the token is an admin token.
func (t Token) Admin() bool { return t.Domain == AdminDomain }

// ErrBadToken is a token that is malformed, unknown or revoked.
var ErrBadToken = errors.New("bad token")

func hashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func randomText(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return base64.RawURLEncoding.EncodeToString(b)
}

// CreateToken creates a token of domain (AdminDomain: an admin token),
// creating the domain when it is not in the registry, and returns the
// token; only its hash is stored.
func (s *Store) CreateToken(ctx context.Context, domain string) (string, Token, error) {
	if domain == "" || strings.ContainsAny(domain, " /\t\n") {
		return "", Token{}, fmt.Errorf("domain %q: want a domain id", domain)
	}
	id := strings.ReplaceAll(randomText(9), "_", "x")
	id = strings.ReplaceAll(id, "-", "y")
	secret := randomText(32)
	tx, err := s.begin(ctx, domain)
	if err != nil {
		return "", Token{}, err
	}
	defer tx.Rollback()
	at := s.stamp()
	if domain != AdminDomain {
		var n int
		if err := tx.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM domains WHERE id = ?"), domain).Scan(&n); err != nil {
			return "", Token{}, err
		}
		if n == 0 {
			if _, err := tx.ExecContext(ctx, s.q("INSERT INTO domains (id, created_at) VALUES (?, ?)"), domain, at); err != nil {
				return "", Token{}, err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, s.q("INSERT INTO tokens (id, hash, domain, created_at) VALUES (?, ?, ?, ?)"),
		id, hashSecret(secret), domain, at); err != nil {
		return "", Token{}, err
	}
	if err := tx.Commit(); err != nil {
		return "", Token{}, err
	}
	return tokenPrefix + id + "_" + secret, Token{ID: id, Domain: domain}, nil
}

// RevokeToken revokes the token with id; ErrNotFound when there is none.
func (s *Store) RevokeToken(ctx context.Context, id string) error {
	res, err := s.db.ExecContext(ctx, s.q("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"), s.stamp(), id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
	}
	return nil
}

// Authenticate returns the token whose text is token; ErrBadToken when it
// is malformed, unknown or revoked. The secret is compared by its hash in
// constant time.
func (s *Store) Authenticate(ctx context.Context, token string) (Token, error) {
	rest, ok := strings.CutPrefix(token, tokenPrefix)
	if !ok {
		return Token{}, ErrBadToken
	}
	id, secret, ok := strings.Cut(rest, "_")
	if !ok || id == "" || secret == "" {
		return Token{}, ErrBadToken
	}
	var t Token
	var hash string
	var revoked sql.NullString
	err := s.db.QueryRowContext(ctx, s.q("SELECT id, domain, hash, revoked_at FROM tokens WHERE id = ?"), id).Scan(&t.ID, &t.Domain, &hash, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		hash = strings.Repeat("0", 64) // compare anyway: the same time for an unknown id
	} else if err != nil {
		return Token{}, err
	}
	match := subtle.ConstantTimeCompare([]byte(hash), []byte(hashSecret(secret))) == 1
	if !match || err != nil || revoked.Valid {
		return Token{}, ErrBadToken
	}
	return t, nil
}

// SameSecret reports in constant time whether a and b are the same token.
func SameSecret(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(hashSecret(a)), []byte(hashSecret(b))) == 1
}

// EnsureAdminToken creates an admin token when the registry has none that
// is not revoked, writes it to file (readable only by its owner) and
// reports whether it did. The token itself is never logged.
func (s *Store) EnsureAdminToken(ctx context.Context, file string) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, s.q("SELECT COUNT(*) FROM tokens WHERE domain = ? AND revoked_at IS NULL"), AdminDomain).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		if _, err := os.Stat(file); err == nil {
			return false, nil
		}
	}
	token, _, err := s.CreateToken(ctx, AdminDomain)
	if err != nil {
		return false, err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return false, err
	}
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, []byte(token+"\n"), 0o600); err != nil {
		return false, err
	}
	if err := os.Chmod(tmp, 0o600); err != nil {
		return false, err
	}
	return true, os.Rename(tmp, file)
}
