-- Every mail Keydesk sends, written in the same transaction as the change that caused
-- it and sent later by the outbox worker. A row names what to render, never the
-- rendered text: secrets in a mail are rendered only at the moment of sending.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('welcome', 'welcome_credentials',
                                'credentials_reset', 'verification_code', 'test')),
    -- NULL for mails to staff (test mails).
    customer_id     INTEGER REFERENCES customers (id) ON DELETE CASCADE,
    recipient       TEXT    NOT NULL,
    -- The credential handoff a credentials mail carries. No foreign key yet: the
    -- handoff table belongs to the credential hand-over.
    handoff_id      INTEGER,
    welcome_message TEXT    NOT NULL DEFAULT '',
    -- A verification code sealed with the vault key (XChaCha20-Poly1305, this row's id
    -- as associated data); wiped once the mail is sent, failed or cancelled.
    sealed_secret   BLOB,
    state           TEXT    NOT NULL DEFAULT 'queued'
                            CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at TEXT    NOT NULL,
    last_attempt_at TEXT,
    last_error      TEXT,
    -- 'connection', 'settings', 'temporary' or 'permanent': how the last try failed.
    last_error_kind TEXT,
    -- Fixed at creation, so a mail sent again after a crash can be recognised.
    message_id      TEXT    NOT NULL UNIQUE,
    created_at      TEXT    NOT NULL,
    created_by      INTEGER REFERENCES staff (id),
    sent_at         TEXT
) STRICT;

CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);
CREATE INDEX outbox_by_customer ON outbox (customer_id, id) WHERE customer_id IS NOT NULL;
CREATE INDEX outbox_last_attempt ON outbox (last_attempt_at) WHERE last_attempt_at IS NOT NULL;

-- The live email verification code of a customer: only its argon2id hash. A new code
-- replaces the old one.
CREATE TABLE verification_codes (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    code_hash   TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    created_at  TEXT    NOT NULL,
    created_by  INTEGER REFERENCES staff (id)
) STRICT;
