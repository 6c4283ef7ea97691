-- How each audit row's row_hash was computed. 0: plain SHA-256 of the row's fields
-- (every row written before this change, and the rows of a new database written before
-- its vault key is unlocked); 1: HMAC-SHA256 under a key derived from the vault key, so
-- that someone with the file but not the keyring cannot rewrite rows and recompute the
-- chain. Existing rows keep their hashes: the first keyed row covers the last unkeyed
-- row's hash, which pins the unkeyed rows before it. Adding a column fires no UPDATE
-- trigger, so the append-only triggers stay as they are.
ALTER TABLE audit_log ADD COLUMN hash_scheme INTEGER NOT NULL DEFAULT 0;
