-- The registry's schema: domains, their immutable versions and the
-- tokens that may publish them.
CREATE TABLE domains (
  id         TEXT PRIMARY KEY,
  created_at TEXT NOT NULL
);

CREATE TABLE versions (
  domain     TEXT    NOT NULL REFERENCES domains(id),
  number     INTEGER NOT NULL CHECK (number > 0),
  hash       TEXT    NOT NULL,
  content    BLOB    NOT NULL,
  entries    INTEGER NOT NULL,
  publisher  TEXT    NOT NULL,
  reason     TEXT    NOT NULL DEFAULT '',
  created_at TEXT    NOT NULL,
  PRIMARY KEY (domain, number)
);

CREATE TRIGGER versions_immutable_update BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'registry versions are immutable'); END;

CREATE TRIGGER versions_immutable_delete BEFORE DELETE ON versions
BEGIN SELECT RAISE(ABORT, 'registry versions are append-only'); END;

CREATE TABLE tokens (
  id         TEXT PRIMARY KEY,
  hash       TEXT NOT NULL,
  domain     TEXT NOT NULL, -- '*': an admin token
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
