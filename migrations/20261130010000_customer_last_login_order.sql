-- The customer list's "last login" order reads those who signed in to the portal from this
-- index, most recent first, and stops after one page.
CREATE INDEX customer_accounts_last_login
    ON customer_accounts (last_login_at, customer_id) WHERE last_login_at IS NOT NULL;
