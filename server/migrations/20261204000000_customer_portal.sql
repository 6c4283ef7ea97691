-- The customer portal's contract: what the agency's website reads and calls.
--
-- The website signs customers in. It connects as a login role of its own that the agency
-- makes a member of `<database>_portal`, and it sees one schema, `portal`:
--
--   portal.accounts                      one row per customer with a Keydesk login
--   portal.record_sign_in(username, at, ip)   a customer signed in
--   portal.redeem_verification_token(token)   a customer opened the welcome mail's link
--
-- It reads nothing else and writes nothing else: no table of `kd`, no desk's function
-- (they answer it as a stranger). The accounts come from the logins desks send the
-- server: the newest login of a customer is their account, with the argon2id hash it was
-- made with, and it must be changed on first sign-in. A login closed unused (revoked or
-- expired) takes the account with it: nobody should hold its password any more.
--
-- Sign-ins and verifications go back to the desks as portal events, numbered in commit
-- order like every other change, and each desk reads those of the customers it sees.

-- The website's role, one per agency database (`<database>_portal`: `keydesk_portal` for
-- a database named keydesk). Roles belong to the whole cluster; one per database keeps a
-- website from reading another agency's portal on the same cluster.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_database() || '_portal') THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', current_database() || '_portal');
    END IF;
END
$$;

-- The website's role in this database.
CREATE FUNCTION kd.portal_role() RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT current_database() || '_portal'
$$;

-- Each customer's account on the portal: the newest login desks sent for them.
CREATE TABLE kd.portal_accounts (
    customer_uid  uuid        PRIMARY KEY REFERENCES kd.customers (uid) ON DELETE CASCADE,
    handoff_uid   uuid        NOT NULL,
    username      text        NOT NULL CHECK (length(username) BETWEEN 1 AND 320),
    password_hash text        NOT NULL CHECK (password_hash LIKE '$argon2id$%'
                                              AND length(password_hash) <= 512),
    must_change   boolean     NOT NULL DEFAULT true,
    -- When the login was made, as the desk that made it says (never later than the
    -- server's now): a later one replaces it.
    made_at       timestamptz NOT NULL,
    -- Until a login is handed over, it works only until it expires.
    expires_at    timestamptz NOT NULL
);
-- One account per username (in any case): a login whose username another customer's
-- account holds does not become an account.
CREATE UNIQUE INDEX portal_accounts_username ON kd.portal_accounts (lower(username));
CREATE INDEX portal_accounts_handoff ON kd.portal_accounts (handoff_uid);

-- What happened on the portal, for the desks: a sign-in (with its time and address) or
-- a verified email.
CREATE TABLE kd.portal_events (
    seq          bigint      PRIMARY KEY,
    customer_uid uuid        NOT NULL REFERENCES kd.customers (uid) ON DELETE CASCADE,
    kind         text        NOT NULL CHECK (kind IN ('sign_in', 'verified')),
    at           timestamptz NOT NULL,
    ip           inet,
    received_at  timestamptz NOT NULL DEFAULT now()
);
-- A sign-in counts once per customer and second, however often the website reports it.
CREATE UNIQUE INDEX portal_events_once
    ON kd.portal_events (customer_uid, kind, date_trunc('second', at AT TIME ZONE 'UTC'));

CREATE TABLE kd.portal_counter (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq bigint  NOT NULL
);
INSERT INTO kd.portal_counter (seq) VALUES (0);

CREATE FUNCTION kd.next_portal_seq() RETURNS bigint
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
    UPDATE kd.portal_counter SET seq = seq + 1 RETURNING seq
$$;
REVOKE ALL ON FUNCTION kd.next_portal_seq() FROM PUBLIC;

-- The verify-email link of each customer's latest welcome mail: only the SHA-256 of its
-- token, which a newer link replaces, which works once, and for 24 hours by this
-- server's clock.
CREATE TABLE kd.verification_tokens (
    customer_uid uuid        PRIMARY KEY REFERENCES kd.customers (uid) ON DELETE CASCADE,
    token_hash   bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    issued_by    uuid        NOT NULL REFERENCES kd.desks (uid),
    issued_at    timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);

REVOKE ALL ON kd.portal_accounts, kd.portal_events, kd.portal_counter, kd.verification_tokens
    FROM PUBLIC;

-- A login sent by a desk becomes the customer's account, unless a later one already is.
-- Its record is the signed JSON desks exchange; the server cannot check the signature,
-- but only a desk that may see the customer could send it (see kd.push_handoff).
CREATE FUNCTION kd.login_becomes_account() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    record jsonb;
    made timestamptz;
    expires timestamptz;
BEGIN
    -- Whatever the record holds, the login itself is kept: a record that cannot become
    -- an account only leaves the account as it was.
    BEGIN
        record := NEW.body::jsonb;
        made := least((record->>'created_at')::timestamptz, now());
        expires := least((record->>'expires_at')::timestamptz, now() + interval '1 year');
        IF record->>'username' IS NULL OR record->>'password_hash' IS NULL
           OR made IS NULL OR expires IS NULL
           OR EXISTS (SELECT 1 FROM kd.portal_accounts a
                      WHERE lower(a.username) = lower(record->>'username')
                        AND a.customer_uid <> NEW.customer_uid) THEN
            RETURN NEW;
        END IF;
        INSERT INTO kd.portal_accounts AS a (customer_uid, handoff_uid, username,
                                             password_hash, must_change, made_at, expires_at)
        VALUES (NEW.customer_uid, NEW.uid, record->>'username', record->>'password_hash',
                true, made, expires)
        ON CONFLICT (customer_uid) DO UPDATE
            SET handoff_uid = EXCLUDED.handoff_uid,
                username = EXCLUDED.username,
                password_hash = EXCLUDED.password_hash,
                must_change = true,
                made_at = EXCLUDED.made_at,
                expires_at = EXCLUDED.expires_at
            WHERE a.made_at < EXCLUDED.made_at;
    EXCEPTION WHEN others THEN
        RAISE WARNING 'a login did not become a portal account: %', SQLERRM;
    END;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION kd.login_becomes_account() FROM PUBLIC;

CREATE TRIGGER logins_become_accounts AFTER INSERT ON kd.handoffs
    FOR EACH ROW EXECUTE FUNCTION kd.login_becomes_account();

-- A login closed without reaching its customer takes its account along.
CREATE FUNCTION kd.unused_login_leaves() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NEW.state IN ('revoked', 'expired') THEN
        DELETE FROM kd.portal_accounts WHERE handoff_uid = NEW.uid;
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION kd.unused_login_leaves() FROM PUBLIC;

CREATE TRIGGER unused_logins_leave AFTER UPDATE OF state ON kd.handoffs
    FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state)
    EXECUTE FUNCTION kd.unused_login_leaves();

-- Keeps the SHA-256 of a new verify-email token for `customer`, which the calling desk
-- may see, voiding the one before. Answers when it stops working (null: no such
-- customer here, or one this desk may not see).
CREATE FUNCTION kd.issue_verification_token(customer uuid, token_hash bytea)
RETURNS timestamptz
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    desk kd.desks := kd.calling_desk();
    target uuid := kd.resolved(customer);
    expires timestamptz := now() + interval '24 hours';
BEGIN
    IF desk.uid IS NULL THEN
        RAISE EXCEPTION 'this login is not an enrolled desk' USING ERRCODE = '42501';
    END IF;
    IF length(token_hash) IS DISTINCT FROM 32 THEN
        RAISE EXCEPTION 'a token''s hash is 32 bytes' USING ERRCODE = '22023';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM kd.customers c WHERE c.uid = target)
       OR NOT kd.may_see(target) THEN
        RETURN NULL;
    END IF;
    INSERT INTO kd.verification_tokens AS t (customer_uid, token_hash, issued_by, expires_at)
    VALUES (target, issue_verification_token.token_hash, desk.uid, expires)
    ON CONFLICT (customer_uid) DO UPDATE
        SET token_hash = EXCLUDED.token_hash,
            issued_by = EXCLUDED.issued_by,
            issued_at = now(),
            expires_at = EXCLUDED.expires_at;
    RETURN expires;
END
$$;
REVOKE ALL ON FUNCTION kd.issue_verification_token(uuid, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.issue_verification_token(uuid, bytea) TO PUBLIC;

-- The portal events after `after`, of the customers the calling desk sees (none for a
-- login that is not an enrolled desk), oldest first.
CREATE FUNCTION kd.portal_events_after(after bigint, max_rows integer)
RETURNS TABLE (seq bigint, customer uuid, kind text, at timestamptz, ip text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT e.seq, e.customer_uid, e.kind, e.at, host(e.ip)
    FROM kd.portal_events e
    WHERE e.seq > after
      AND (SELECT kd.calling_desk()).uid IS NOT NULL
      AND ((SELECT kd.sees_every_customer())
           OR kd.member_serves(e.customer_uid, (SELECT kd.calling_member())))
    ORDER BY e.seq
    LIMIT least(greatest(max_rows, 1), 1000)
$$;
REVOKE ALL ON FUNCTION kd.portal_events_after(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.portal_events_after(bigint, integer) TO PUBLIC;

-- The website's side.
CREATE SCHEMA portal;
REVOKE ALL ON SCHEMA portal FROM PUBLIC;

-- Every customer with a login: what the website needs to sign them in.
--   customer              the customer's agency-wide uid
--   username              what the customer signs in with
--   email                 where their mail goes
--   password_hash         argon2id, in PHC form ($argon2id$v=19$m=…,t=…,p=…$salt$hash)
--   must_change_password  the password was generated: ask for a new one on first sign-in
--   email_verified        the customer opened a verify-email link
--   disabled              the customer is archived: refuse the sign-in
CREATE VIEW portal.accounts WITH (security_barrier) AS
    SELECT a.customer_uid AS customer,
           a.username,
           c.email,
           a.password_hash,
           a.must_change AS must_change_password,
           EXISTS (SELECT 1 FROM kd.portal_events e
                   WHERE e.customer_uid = a.customer_uid AND e.kind = 'verified')
               AS email_verified,
           COALESCE(c.fields->>'status', 'active') = 'archived' AS disabled
    FROM kd.portal_accounts a
    JOIN kd.customers c ON c.uid = a.customer_uid
    -- A login not handed over yet works only until it expires, by the server's clock.
    WHERE a.expires_at > now()
       OR NOT EXISTS (SELECT 1 FROM kd.handoffs h
                      WHERE h.uid = a.handoff_uid AND h.state = 'pending');
REVOKE ALL ON portal.accounts FROM PUBLIC;

-- Records that the customer signing in as `username` did so at `at` (not in the future)
-- from `ip`. True when it is recorded or was already (the same second); false for a
-- username with no account, or more than one, or a disabled one.
CREATE FUNCTION portal.record_sign_in(username text, at timestamptz DEFAULT now(),
                                      ip inet DEFAULT NULL)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    matching uuid[];
BEGIN
    IF at IS NULL OR at > now() + interval '1 minute' THEN
        RAISE EXCEPTION 'a sign-in''s time is now or earlier' USING ERRCODE = '22023';
    END IF;
    SELECT array_agg(a.customer) INTO matching
    FROM portal.accounts a
    WHERE lower(a.username) = lower(record_sign_in.username) AND NOT a.disabled;
    IF cardinality(matching) IS DISTINCT FROM 1 THEN
        RETURN false;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM kd.portal_events e
                   WHERE e.customer_uid = matching[1] AND e.kind = 'sign_in'
                     AND date_trunc('second', e.at AT TIME ZONE 'UTC')
                         = date_trunc('second', record_sign_in.at AT TIME ZONE 'UTC')) THEN
        INSERT INTO kd.portal_events (seq, customer_uid, kind, at, ip)
        VALUES (kd.next_portal_seq(), matching[1], 'sign_in', record_sign_in.at, ip)
        ON CONFLICT DO NOTHING;
        PERFORM pg_notify('kd_changes', '');
    END IF;
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION portal.record_sign_in(text, timestamptz, inet) FROM PUBLIC;

-- Redeems the token of a verify-email link: the customer's email counts as verified.
-- Answers that email, or null for a token that is unknown, used already, replaced by a
-- newer one, or older than 24 hours. Either way the token is spent.
CREATE FUNCTION portal.redeem_verification_token(token text)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    spent kd.verification_tokens;
    address text;
BEGIN
    IF token IS NULL OR length(token) > 200 THEN
        RETURN NULL;
    END IF;
    DELETE FROM kd.verification_tokens t
    WHERE t.token_hash = sha256(convert_to(token, 'UTF8'))
    RETURNING * INTO spent;
    IF NOT FOUND OR spent.expires_at <= now() THEN
        RETURN NULL;
    END IF;
    SELECT c.email INTO address FROM kd.customers c WHERE c.uid = spent.customer_uid;
    IF NOT EXISTS (SELECT 1 FROM kd.portal_events e
                   WHERE e.customer_uid = spent.customer_uid AND e.kind = 'verified') THEN
        INSERT INTO kd.portal_events (seq, customer_uid, kind, at)
        VALUES (kd.next_portal_seq(), spent.customer_uid, 'verified', now());
        PERFORM pg_notify('kd_changes', '');
    END IF;
    RETURN address;
END
$$;
REVOKE ALL ON FUNCTION portal.redeem_verification_token(text) FROM PUBLIC;

-- What the website's role may use: the schema, its view and its two functions.
DO $$
DECLARE
    website text := kd.portal_role();
BEGIN
    EXECUTE format('GRANT USAGE ON SCHEMA portal TO %I', website);
    EXECUTE format('GRANT SELECT ON portal.accounts TO %I', website);
    EXECUTE format('GRANT EXECUTE ON FUNCTION portal.record_sign_in(text, timestamptz, inet) TO %I', website);
    EXECUTE format('GRANT EXECUTE ON FUNCTION portal.redeem_verification_token(text) TO %I', website);
END
$$;
