-- Bumped whenever a member's sessions must end (password reset, disabled, role change):
-- a session remembers the number it started with and is refused once it differs.
ALTER TABLE staff ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;

-- Agency-wide settings, one typed value per key (JSON text).
CREATE TABLE settings (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES staff (id)
) STRICT;

CREATE INDEX audit_log_actor ON audit_log (actor_label);
CREATE INDEX audit_log_action ON audit_log (action);
