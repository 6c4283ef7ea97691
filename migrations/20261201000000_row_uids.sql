-- Every row that desks will share gets a uid: a UUIDv7 (16 bytes: the time it was made in
-- milliseconds, then random bits), the name desks and the agency server will know it by.
-- The integer ids stay: they are this desk's own (the search index needs a stable rowid).
-- SQLite makes the uid when a row is inserted, so no insert in the code can forget it;
-- rows already here get one from the time they were made. The random bits are SQLite's:
-- a uid names a row, it guards nothing. Audit rows get theirs with the per-desk chain.
--
-- Setting a new row's uid is an UPDATE of that row; the search index is now kept in step
-- only when a column it indexes changes (before, every update of a customer, even of
-- their status, indexed them again).
DROP TRIGGER customers_fts_update;
CREATE TRIGGER customers_fts_update
AFTER UPDATE OF first_name, last_name, email, phone, company, notes ON customers BEGIN
    INSERT INTO customers_fts (customers_fts, rowid, first_name, last_name, email, phone, company, notes)
    VALUES ('delete', old.id, old.first_name, old.last_name, old.email, old.phone, old.company, old.notes);
    INSERT INTO customers_fts (rowid, first_name, last_name, email, phone, company, notes)
    VALUES (new.id, new.first_name, new.last_name, new.email, new.phone, new.company, new.notes);
END;

ALTER TABLE staff ADD COLUMN uid BLOB;
UPDATE staff SET uid = unhex(printf('%012x', COALESCE(CAST((julianday(created_at) - 2440587.5) * 86400000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER))) || '7' || substr(hex(randomblob(2)), 2)
              || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2));
CREATE UNIQUE INDEX staff_uid ON staff (uid);
CREATE TRIGGER staff_uid AFTER INSERT ON staff WHEN NEW.uid IS NULL BEGIN
    UPDATE staff SET uid = unhex(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)) || '7' || substr(hex(randomblob(2)), 2)
              || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2))
    WHERE rowid = NEW.rowid;
END;

ALTER TABLE customers ADD COLUMN uid BLOB;
UPDATE customers SET uid = unhex(printf('%012x', COALESCE(CAST((julianday(created_at) - 2440587.5) * 86400000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER))) || '7' || substr(hex(randomblob(2)), 2)
              || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2));
CREATE UNIQUE INDEX customers_uid ON customers (uid);
CREATE TRIGGER customers_uid AFTER INSERT ON customers WHEN NEW.uid IS NULL BEGIN
    UPDATE customers SET uid = unhex(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)) || '7' || substr(hex(randomblob(2)), 2)
              || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2))
    WHERE rowid = NEW.rowid;
END;

ALTER TABLE customer_accounts ADD COLUMN uid BLOB;
UPDATE customer_accounts SET uid = unhex(printf('%012x', COALESCE(CAST((julianday((SELECT c.created_at FROM customers c WHERE c.id = customer_accounts.customer_id)) - 2440587.5) * 86400000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER))) || '7' || substr(hex(randomblob(2)), 2)
              || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2));
CREATE UNIQUE INDEX customer_accounts_uid ON customer_accounts (uid);
CREATE TRIGGER customer_accounts_uid AFTER INSERT ON customer_accounts WHEN NEW.uid IS NULL BEGIN
    UPDATE customer_accounts SET uid = unhex(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)) || '7' || substr(hex(randomblob(2)), 2)
              || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2))
    WHERE customer_id = NEW.customer_id;
END;

ALTER TABLE customer_agents ADD COLUMN uid BLOB;
UPDATE customer_agents SET uid = unhex(printf('%012x', COALESCE(CAST((julianday(linked_at) - 2440587.5) * 86400000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER))) || '7' || substr(hex(randomblob(2)), 2)
              || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2));
CREATE UNIQUE INDEX customer_agents_uid ON customer_agents (uid);
CREATE TRIGGER customer_agents_uid AFTER INSERT ON customer_agents WHEN NEW.uid IS NULL BEGIN
    UPDATE customer_agents SET uid = unhex(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)) || '7' || substr(hex(randomblob(2)), 2)
              || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2))
    WHERE customer_id = NEW.customer_id AND staff_id = NEW.staff_id;
END;

ALTER TABLE credential_handoffs ADD COLUMN uid BLOB;
UPDATE credential_handoffs SET uid = unhex(printf('%012x', COALESCE(CAST((julianday(created_at) - 2440587.5) * 86400000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER))) || '7' || substr(hex(randomblob(2)), 2)
              || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2));
CREATE UNIQUE INDEX credential_handoffs_uid ON credential_handoffs (uid);
CREATE TRIGGER credential_handoffs_uid AFTER INSERT ON credential_handoffs WHEN NEW.uid IS NULL BEGIN
    UPDATE credential_handoffs SET uid = unhex(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)) || '7' || substr(hex(randomblob(2)), 2)
              || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2))
    WHERE rowid = NEW.rowid;
END;

ALTER TABLE outbox ADD COLUMN uid BLOB;
UPDATE outbox SET uid = unhex(printf('%012x', COALESCE(CAST((julianday(created_at) - 2440587.5) * 86400000 AS INTEGER), CAST(unixepoch('subsec') * 1000 AS INTEGER))) || '7' || substr(hex(randomblob(2)), 2)
              || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2));
CREATE UNIQUE INDEX outbox_uid ON outbox (uid);
CREATE TRIGGER outbox_uid AFTER INSERT ON outbox WHEN NEW.uid IS NULL BEGIN
    UPDATE outbox SET uid = unhex(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)) || '7' || substr(hex(randomblob(2)), 2)
              || substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(8)), 2))
    WHERE rowid = NEW.rowid;
END;
