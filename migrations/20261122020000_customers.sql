-- Customers of the agency. Email is unique whatever its case: one person, one row.
CREATE TABLE customers (
    id                 INTEGER PRIMARY KEY,
    email              TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    first_name         TEXT    NOT NULL,
    last_name          TEXT    NOT NULL,
    phone              TEXT,
    company            TEXT,
    address            TEXT,
    city               TEXT,
    country            TEXT,
    birth_date         TEXT,
    preferred_language TEXT,
    contact_method     TEXT CHECK (contact_method IN ('email', 'phone', 'sms', 'whatsapp')),
    status             TEXT    NOT NULL DEFAULT 'active'
                               CHECK (status IN ('active', 'inactive', 'archived')),
    tier               TEXT    NOT NULL DEFAULT 'bronze'
                               CHECK (tier IN ('bronze', 'silver', 'gold', 'platinum')),
    notes              TEXT    NOT NULL DEFAULT '',
    marketing_consent  INTEGER NOT NULL DEFAULT 0 CHECK (marketing_consent IN (0, 1)),
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT    NOT NULL,
    created_by         INTEGER NOT NULL REFERENCES staff (id),
    updated_at         TEXT    NOT NULL,
    updated_by         INTEGER NOT NULL REFERENCES staff (id)
) STRICT;

CREATE INDEX customers_name ON customers (last_name COLLATE NOCASE, first_name COLLATE NOCASE, id);
CREATE INDEX customers_created ON customers (created_at, id);
CREATE INDEX customers_status_tier ON customers (status, tier);

-- Which staff serve which customer. Several agents may serve one customer.
CREATE TABLE customer_agents (
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    staff_id    INTEGER NOT NULL REFERENCES staff (id),
    created_it  INTEGER NOT NULL DEFAULT 0 CHECK (created_it IN (0, 1)),
    notes       TEXT    NOT NULL DEFAULT '',
    linked_at   TEXT    NOT NULL,
    linked_by   INTEGER NOT NULL REFERENCES staff (id),
    PRIMARY KEY (customer_id, staff_id)
) STRICT;

CREATE INDEX customer_agents_staff ON customer_agents (staff_id, customer_id);

-- The customer's login to the agency's portal; credentials are issued separately.
CREATE TABLE customer_accounts (
    customer_id           INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    username              TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    password_hash         TEXT,
    must_change_password  INTEGER NOT NULL DEFAULT 1 CHECK (must_change_password IN (0, 1)),
    verified              INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    verified_at           TEXT,
    requires_verification INTEGER NOT NULL DEFAULT 1 CHECK (requires_verification IN (0, 1)),
    credentials_sent      INTEGER NOT NULL DEFAULT 0 CHECK (credentials_sent IN (0, 1)),
    credentials_sent_at   TEXT,
    credentials_sent_by   INTEGER REFERENCES staff (id),
    last_login_at         TEXT,
    login_count           INTEGER NOT NULL DEFAULT 0 CHECK (login_count >= 0)
) STRICT;

-- Search as you type over name, email, phone, company and notes. Prefix indexes make
-- 1–3 character prefixes fast; triggers keep the index in step with every change.
CREATE VIRTUAL TABLE customers_fts USING fts5(
    first_name, last_name, email, phone, company, notes,
    content = 'customers', content_rowid = 'id',
    prefix = '1 2 3', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts (rowid, first_name, last_name, email, phone, company, notes)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.phone, new.company, new.notes);
END;

CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, first_name, last_name, email, phone, company, notes)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone, old.company, old.notes);
END;

CREATE TRIGGER customers_fts_update AFTER UPDATE ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, first_name, last_name, email, phone, company, notes)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone, old.company, old.notes);
    INSERT INTO customers_fts (rowid, first_name, last_name, email, phone, company, notes)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.phone, new.company, new.notes);
END;
