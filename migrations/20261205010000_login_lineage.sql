-- Which login a customer's account holds, as this desk knows it: made here, taken from
-- another desk, or seen handed over elsewhere. A new login names it as the one it
-- replaces, so desks tell a reset made knowing another from two made at once.
CREATE TABLE login_lineage (
    customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    handoff_uid BLOB    NOT NULL
) STRICT;
