-- The website's third function: a customer chose a password of their own (the one
-- Keydesk generated must be changed at the first sign-in). The website hashes it with
-- argon2id and hands the server the PHC string, never the password; the account then
-- holds that hash, no longer asks for a change, and stays open when the login it came
-- from runs out unused. Desks take the new hash with the event, so the account they
-- export and check is the customer's own; a reset made later replaces it as before.

ALTER TABLE kd.portal_events DROP CONSTRAINT portal_events_kind_check;
ALTER TABLE kd.portal_events ADD CONSTRAINT portal_events_kind_check
    CHECK (kind IN ('sign_in', 'verified', 'password_changed'));
-- Two changes within a second are two events: only sign-ins count once per second.
DROP INDEX kd.portal_events_once;
CREATE UNIQUE INDEX portal_events_once
    ON kd.portal_events (customer_uid, kind, date_trunc('second', at AT TIME ZONE 'UTC'))
    WHERE kind <> 'password_changed';
ALTER TABLE kd.portal_events ADD COLUMN password_hash text
    CHECK (password_hash IS NULL OR (password_hash LIKE '$argon2id$%'
                                     AND length(password_hash) <= 512));
-- The login whose account the customer changed: a desk that holds a newer login (a reset
-- since) leaves the change alone.
ALTER TABLE kd.portal_events ADD COLUMN handoff_uid uuid;

-- Sets the password of the customer signing in as `username` to `new_hash` (argon2id,
-- PHC form). True when it is set; false for a username with no account, or more than
-- one, or a disabled one.
CREATE FUNCTION portal.change_password(username text, new_hash text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    matching uuid[];
BEGIN
    IF new_hash IS NULL OR length(new_hash) > 512
       OR new_hash !~ '^\$argon2id\$v=19\$m=[0-9]+,t=[0-9]+,p=[0-9]+\$[A-Za-z0-9+/]{11,}\$[A-Za-z0-9+/]{16,}$' THEN
        RAISE EXCEPTION 'a password is given as an argon2id hash in PHC form'
            USING ERRCODE = '22023';
    END IF;
    SELECT array_agg(a.customer) INTO matching
    FROM portal.accounts a
    WHERE lower(a.username) = lower(change_password.username) AND NOT a.disabled;
    IF cardinality(matching) IS DISTINCT FROM 1 THEN
        RETURN false;
    END IF;
    UPDATE kd.portal_accounts a SET password_hash = new_hash, must_change = false
    WHERE a.customer_uid = matching[1];
    -- Only the latest hash a customer chose is kept: their older ones go.
    UPDATE kd.portal_events e SET password_hash = NULL
    WHERE e.customer_uid = matching[1] AND e.kind = 'password_changed';
    INSERT INTO kd.portal_events (seq, customer_uid, kind, at, password_hash, handoff_uid)
    SELECT kd.next_portal_seq(), matching[1], 'password_changed', clock_timestamp(),
           new_hash, a.handoff_uid
    FROM kd.portal_accounts a WHERE a.customer_uid = matching[1];
    PERFORM pg_notify('kd_changes', '');
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION portal.change_password(text, text) FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format('GRANT EXECUTE ON FUNCTION portal.change_password(text, text) TO %I',
                   kd.portal_role());
END
$$;

-- An account whose customer chose their own password stays open after the login it came
-- from runs out.
CREATE OR REPLACE VIEW portal.accounts WITH (security_barrier) AS
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
       OR NOT a.must_change
       OR NOT EXISTS (SELECT 1 FROM kd.handoffs h
                      WHERE h.uid = a.handoff_uid AND h.state = 'pending');

CREATE OR REPLACE FUNCTION kd.unused_login_leaves() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- Revoked: staff took it back. Expired: unless the customer made it their own.
    IF NEW.state = 'revoked' THEN
        DELETE FROM kd.portal_accounts WHERE handoff_uid = NEW.uid;
    ELSIF NEW.state = 'expired' THEN
        DELETE FROM kd.portal_accounts WHERE handoff_uid = NEW.uid AND must_change;
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION kd.unused_login_leaves() FROM PUBLIC;

-- The portal events now carry the customer's new hash for a password change, and the
-- login it replaced.
DROP FUNCTION kd.portal_events_after(bigint, integer);
CREATE FUNCTION kd.portal_events_after(after bigint, max_rows integer)
RETURNS TABLE (seq bigint, customer uuid, kind text, at timestamptz, ip text,
               password_hash text, handoff uuid)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT e.seq, e.customer_uid, e.kind, e.at, host(e.ip), e.password_hash, e.handoff_uid
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
