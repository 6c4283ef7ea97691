-- Erasing or editing a customer must not leave their old words (name, email, phone,
-- company, notes) in the search index until some later merge. With secure-delete, FTS5
-- removes a deleted row's entries from the index pages at once (and the database's
-- secure_delete pragma zeroes the space they took). The option is stored in the
-- index's config table, so it holds for every later connection; it needs SQLite 3.42
-- or later, which the bundled SQLite is.
INSERT INTO customers_fts (customers_fts, rank) VALUES ('secure-delete', 1);

-- Words deleted before the option was on are still in the index: build it again from
-- the customers table, which leaves only the current values.
INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');
