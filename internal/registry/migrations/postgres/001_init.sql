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
  content    BYTEA   NOT NULL,
  entries    INTEGER NOT NULL,
  publisher  TEXT    NOT NULL,
  reason     TEXT    NOT NULL DEFAULT '',
  created_at TEXT    NOT NULL,
  PRIMARY KEY (domain, number)
);

CREATE FUNCTION errcat_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'registry versions are immutable and append-only';
END $$;

CREATE TRIGGER versions_immutable BEFORE UPDATE OR DELETE ON versions
FOR EACH ROW EXECUTE FUNCTION errcat_versions_immutable();

CREATE TRIGGER versions_immutable_truncate BEFORE TRUNCATE ON versions
FOR EACH STATEMENT EXECUTE FUNCTION errcat_versions_immutable();

CREATE TABLE tokens (
  id         TEXT PRIMARY KEY,
  hash       TEXT NOT NULL,
  domain     TEXT NOT NULL, -- '*': an admin token
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
