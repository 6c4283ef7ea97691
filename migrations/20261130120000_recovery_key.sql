-- The recovery kit: one more recipient of every pending login's key, whose private key
-- exists only as 24 words on paper. Only its public key is kept, one at a time: a new
-- kit replaces the old one and its wraps.
CREATE TABLE recovery_key (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    -- X25519 (HPKE recipient) public key derived from the kit's 32 random bytes.
    hpke_public  BLOB    NOT NULL CHECK (length(hpke_public) = 32),
    created_by   INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    created_at   TEXT    NOT NULL
) STRICT;

-- A pending login's key (DEK) wrapped with HPKE to the recovery key. Kept apart from the
-- owners' wraps (handoff_key_wraps), whose recipient is a member: whether an owner can
-- still open a login is asked of those alone.
CREATE TABLE handoff_recovery_wraps (
    handoff_id       INTEGER PRIMARY KEY REFERENCES credential_handoffs (id) ON DELETE CASCADE,
    encapsulated_key BLOB    NOT NULL,
    ciphertext       BLOB    NOT NULL
) STRICT;

-- However a handoff ends, its recovery wrap goes too, like its owners' wraps.
CREATE TRIGGER handoff_recovery_wraps_closed
AFTER UPDATE OF state ON credential_handoffs
WHEN NEW.state <> 'pending'
BEGIN
    DELETE FROM handoff_recovery_wraps WHERE handoff_id = NEW.id;
END;

-- Removing or replacing the kit removes every wrap to it, in the same transaction.
CREATE TRIGGER recovery_key_removed
AFTER DELETE ON recovery_key
BEGIN
    DELETE FROM handoff_recovery_wraps;
END;
