-- Facts about this database itself (installation id, whether the vault key exists).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- Staff who sign in to Keydesk. Passwords are argon2id PHC strings, never plain text.
CREATE TABLE staff (
    id                   INTEGER PRIMARY KEY,
    email                TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    display_name         TEXT    NOT NULL,
    role                 TEXT    NOT NULL CHECK (role IN ('owner', 'admin', 'agent')),
    password_hash        TEXT    NOT NULL,
    status               TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    failed_sign_ins      INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
    locked_until         TEXT,
    last_sign_in_at      TEXT,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL
) STRICT;

-- Append-only, hash-chained record of every security-relevant action.
-- row_hash = SHA-256 over the row's own fields and prev_hash, so editing or removing
-- a row breaks the chain at the next one. No foreign key: the log outlives what it names.
CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY,
    at             TEXT    NOT NULL,
    actor_staff_id INTEGER,
    actor_label    TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    detail         TEXT    NOT NULL,
    prev_hash      TEXT    NOT NULL,
    row_hash       TEXT    NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
