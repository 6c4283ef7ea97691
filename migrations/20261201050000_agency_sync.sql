-- What a desk needs to sync with its agency's server. A desk of its own has no row in
-- sync_server, and then nothing here is ever written.

-- The agency server this desk belongs to (its secret is in the OS keyring).
CREATE TABLE sync_server (
    singleton     INTEGER PRIMARY KEY CHECK (singleton = 1),
    -- The server's URL without any password or certificate file.
    url           TEXT    NOT NULL,
    -- The certificate authority the server's TLS certificate must come from (PEM); null:
    -- the system's authorities.
    ca_pem        TEXT,
    login         TEXT    NOT NULL,
    agency_uid    BLOB    NOT NULL CHECK (length(agency_uid) = 16),
    desk_uid      BLOB    NOT NULL CHECK (length(desk_uid) = 16),
    member_uid    BLOB    NOT NULL CHECK (length(member_uid) = 16),
    -- The server's change number this desk has pulled up to.
    pulled_up_to  INTEGER NOT NULL DEFAULT 0 CHECK (pulled_up_to >= 0),
    joined_at     TEXT    NOT NULL,
    last_synced_at TEXT,
    -- 1 while a new desk's join has not finished (its first pull, its member's password):
    -- joining again with the same invitation finishes it.
    joining       INTEGER NOT NULL DEFAULT 0 CHECK (joining IN (0, 1))
) STRICT;

-- Changes made on this desk that the server has not answered yet, in the order they were
-- made. Written in the same transaction as the change itself; removed once answered.
CREATE TABLE sync_ops (
    seq        INTEGER PRIMARY KEY,
    uid        BLOB    NOT NULL UNIQUE CHECK (length(uid) = 16),
    -- The customer it is about, to leave that customer alone when pulling until answered.
    customer_uid BLOB,
    body       TEXT    NOT NULL,
    made_by    INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    created_at TEXT    NOT NULL
) STRICT;
CREATE INDEX sync_ops_customer ON sync_ops (customer_uid) WHERE customer_uid IS NOT NULL;

-- What the server did not apply as this desk asked (a merge, a conflict, a refusal), for
-- the Sync inbox: the server's answer (without the customer's state) and, for an edit
-- that kept someone else's values, the change as this desk pushed it (for "apply mine").
CREATE TABLE sync_notices (
    id           INTEGER PRIMARY KEY,
    op_uid       BLOB    NOT NULL,
    customer_uid BLOB,
    op           TEXT,
    answer       TEXT    NOT NULL,
    made_by      INTEGER REFERENCES staff (id) ON DELETE SET NULL,
    at           TEXT    NOT NULL,
    dismissed_at TEXT
) STRICT;

-- A customer this desk created under a uid the server merged into another customer's: the
-- old uid names the customer it became.
CREATE TABLE customer_aliases (
    old_uid BLOB PRIMARY KEY CHECK (length(old_uid) = 16),
    uid     BLOB NOT NULL CHECK (length(uid) = 16)
) STRICT;

-- The customer's version on the server when this desk last heard of it (null: never).
ALTER TABLE customers ADD COLUMN server_version INTEGER;

-- A notice keeps the values this desk pushed: when the customer goes (erased here or by
-- another desk), so do the notices about them, under any uid they had.
CREATE TRIGGER customers_sync_notices_gone AFTER DELETE ON customers BEGIN
    DELETE FROM sync_notices
    WHERE customer_uid = OLD.uid
       OR customer_uid IN (SELECT old_uid FROM customer_aliases WHERE uid = OLD.uid);
END;
