-- Which login becomes the customer's portal account follows the rule every desk applies
-- to pending logins: a login made knowing the account's login replaces it; of two made
-- without knowing each other (two owners resetting at once) the first made stays. An
-- account whose login was handed over already gives way to any newer login. A record
-- says which login it replaces in `replaces` (absent when its desk knew none).

ALTER TABLE kd.portal_accounts ADD COLUMN replaces uuid;

CREATE OR REPLACE FUNCTION kd.login_becomes_account() RETURNS trigger
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
                                             password_hash, must_change, made_at, expires_at,
                                             replaces)
        VALUES (NEW.customer_uid, NEW.uid, record->>'username', record->>'password_hash',
                true, made, expires, (record->>'replaces')::uuid)
        ON CONFLICT (customer_uid) DO UPDATE
            SET handoff_uid = EXCLUDED.handoff_uid,
                username = EXCLUDED.username,
                password_hash = EXCLUDED.password_hash,
                must_change = true,
                made_at = EXCLUDED.made_at,
                expires_at = EXCLUDED.expires_at,
                replaces = EXCLUDED.replaces
            WHERE CASE
                WHEN EXCLUDED.replaces = a.handoff_uid THEN true
                WHEN a.replaces = EXCLUDED.handoff_uid THEN false
                WHEN EXISTS (SELECT 1 FROM kd.handoffs h
                             WHERE h.uid = a.handoff_uid AND h.state = 'pending')
                    THEN (EXCLUDED.made_at, EXCLUDED.handoff_uid) < (a.made_at, a.handoff_uid)
                ELSE EXCLUDED.made_at > a.made_at
            END;
    EXCEPTION WHEN others THEN
        RAISE WARNING 'a login did not become a portal account: %', SQLERRM;
    END;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION kd.login_becomes_account() FROM PUBLIC;
