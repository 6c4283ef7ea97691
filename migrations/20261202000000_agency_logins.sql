-- Pending logins across an agency's desks. A desk of its own never writes here.

-- The agency's key roster as this desk verified it, entry by entry (see the agency
-- server's kd.roster): read again and checked whole whenever the desk uses it.
CREATE TABLE roster_entries (
    seq       INTEGER PRIMARY KEY CHECK (seq > 0),
    body      TEXT    NOT NULL,
    signer    BLOB    NOT NULL CHECK (length(signer) = 32),
    signature BLOB    NOT NULL CHECK (length(signature) = 64)
) STRICT;

-- A pending login made for the whole agency: its signed record (the password sealed to
-- the owners' keys), made here or received from the server. It goes when the handoff
-- ends, with the handoff's own sealed password; how it ended waits in
-- agency_login_closes for the server when the server had it.
CREATE TABLE agency_logins (
    handoff_id INTEGER PRIMARY KEY REFERENCES credential_handoffs (id) ON DELETE CASCADE,
    body       TEXT    NOT NULL,
    signer     BLOB    NOT NULL CHECK (length(signer) = 32),
    signature  BLOB    NOT NULL CHECK (length(signature) = 64),
    -- 0 while the server has not taken it yet.
    sent       INTEGER NOT NULL DEFAULT 0 CHECK (sent IN (0, 1))
) STRICT;
CREATE INDEX agency_logins_unsent ON agency_logins (handoff_id) WHERE sent = 0;

-- How logins made for the agency ended here, to tell the server (and through it the other
-- owners' desks), by the handoff's uid.
CREATE TABLE agency_login_closes (
    handoff_uid BLOB PRIMARY KEY CHECK (length(handoff_uid) = 16),
    state       TEXT NOT NULL CHECK (state IN ('sent', 'revoked', 'expired')),
    channel     TEXT
) STRICT;

CREATE TRIGGER agency_logins_end AFTER UPDATE OF state ON credential_handoffs
WHEN NEW.state <> 'pending'
BEGIN
    -- Whether or not its sending was answered: a server without it answers 'unknown'.
    INSERT OR REPLACE INTO agency_login_closes (handoff_uid, state, channel)
    SELECT NEW.uid, NEW.state, NEW.channel FROM agency_logins WHERE handoff_id = NEW.id;
    DELETE FROM agency_logins WHERE handoff_id = NEW.id;
END;
