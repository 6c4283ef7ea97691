-- A customer's new password on its way to them. While pending, the password is sealed
-- (XChaCha20-Poly1305 under the vault key, this row's id as associated data); once the
-- handoff is sent, revoked or expired the sealed bytes are gone, in the same transaction
-- as the change of state. The CHECK makes any other order fail.
CREATE TABLE credential_handoffs (
    id               INTEGER PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    reason           TEXT    NOT NULL CHECK (reason IN ('new_customer', 'reset', 'bulk')),
    state            TEXT    NOT NULL DEFAULT 'pending'
                             CHECK (state IN ('pending', 'sent', 'revoked', 'expired')),
    nonce            BLOB,
    ciphertext       BLOB,
    created_at       TEXT    NOT NULL,
    created_by       INTEGER NOT NULL REFERENCES staff (id),
    expires_at       TEXT    NOT NULL,
    -- The creator (an agent) was shown the password once, in the create response.
    shown_to_creator INTEGER NOT NULL DEFAULT 0 CHECK (shown_to_creator IN (0, 1)),
    closed_at        TEXT,
    -- Who sent or revoked it; NULL for expiry.
    closed_by        INTEGER REFERENCES staff (id),
    channel          TEXT CHECK (channel IN ('in_person', 'phone', 'whatsapp', 'sms', 'email', 'other')),
    note             TEXT,
    CHECK (state = 'pending' OR (nonce IS NULL AND ciphertext IS NULL)),
    CHECK ((state = 'pending') = (closed_at IS NULL)),
    CHECK ((state = 'sent') = (channel IS NOT NULL))
) STRICT;

-- At most one pending handoff per customer: a new password replaces the old one.
CREATE UNIQUE INDEX credential_handoffs_one_pending
    ON credential_handoffs (customer_id) WHERE state = 'pending';
-- The queue, oldest first, and the expiry sweep read only pending rows.
CREATE INDEX credential_handoffs_pending ON credential_handoffs (id) WHERE state = 'pending';
CREATE INDEX credential_handoffs_expiry ON credential_handoffs (expires_at) WHERE state = 'pending';
CREATE INDEX credential_handoffs_customer ON credential_handoffs (customer_id, id);
