-- Two customer fields travel agencies asked for: the customer's gender (none when not
-- asked; "prefer_not_to_say" when asked and not told) and their special requirements
-- (diet, accessibility, seating), which search finds like the notes.
ALTER TABLE customers ADD COLUMN gender TEXT
    CHECK (gender IN ('female', 'male', 'non_binary', 'prefer_not_to_say'));
ALTER TABLE customers ADD COLUMN special_requirements TEXT NOT NULL DEFAULT '';

-- The search index gains the column: built again, with secure-delete and the prefix
-- tables as before, and its triggers name the new column (the update trigger still
-- fires only when an indexed column changes).
DROP TRIGGER IF EXISTS customers_fts_insert;
DROP TRIGGER IF EXISTS customers_fts_delete;
DROP TRIGGER IF EXISTS customers_fts_update;
DROP TABLE customers_fts;

CREATE VIRTUAL TABLE customers_fts USING fts5(
    first_name, last_name, email, phone, company, notes, special_requirements,
    content = 'customers', content_rowid = 'id',
    prefix = '1 2 3 4 5 6 7 8', tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO customers_fts (customers_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');

CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
    INSERT INTO customers_fts (rowid, first_name, last_name, email, phone, company, notes,
                               special_requirements)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.phone, new.company,
            new.notes, new.special_requirements);
END;

CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, first_name, last_name, email, phone,
                               company, notes, special_requirements)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone,
            old.company, old.notes, old.special_requirements);
END;

CREATE TRIGGER customers_fts_update
AFTER UPDATE OF first_name, last_name, email, phone, company, notes, special_requirements
ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, first_name, last_name, email, phone,
                               company, notes, special_requirements)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone,
            old.company, old.notes, old.special_requirements);
    INSERT INTO customers_fts (rowid, first_name, last_name, email, phone, company, notes,
                               special_requirements)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.phone, new.company,
            new.notes, new.special_requirements);
END;
