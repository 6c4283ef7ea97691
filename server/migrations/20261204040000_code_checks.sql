-- Verification codes across desks. A code's hash never leaves the desk that mailed it;
-- that desk only tells the server it holds a code for the customer (and until when). A
-- customer who reads the code to staff at another desk is checked there online: that
-- desk seals the typed code to the holding desk's key and asks; the holding desk opens
-- it, checks it as if typed there (tries counted, the code spent when right) and answers.
-- The server passes both on and learns only whether the code was right.

CREATE TABLE kd.code_holders (
    customer_uid uuid        PRIMARY KEY REFERENCES kd.customers (uid) ON DELETE CASCADE,
    desk_uid     uuid        NOT NULL REFERENCES kd.desks (uid),
    -- When the code was mailed: the newest code is the one the customer reads.
    issued_at    timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);

CREATE TABLE kd.code_checks (
    uid          uuid        PRIMARY KEY,
    customer_uid uuid        NOT NULL REFERENCES kd.customers (uid) ON DELETE CASCADE,
    holder_desk  uuid        NOT NULL REFERENCES kd.desks (uid),
    asked_by     uuid        NOT NULL REFERENCES kd.desks (uid),
    -- The typed code, sealed to the holding desk's key (JSON text).
    body         text        CHECK (length(body) <= 4096),
    -- 'right', 'wrong', 'void' (expired, used up or replaced) or 'none' (no code).
    answer       text        CHECK (answer IN ('right', 'wrong', 'void', 'none')),
    tries_left   integer,
    -- For 'right': what only the two desks know (sealed in the question), so that
    -- neither the server nor another desk can answer 'right' in the holder's name.
    proof        text        CHECK (length(proof) <= 200),
    asked_at     timestamptz NOT NULL DEFAULT now(),
    answered_at  timestamptz
);
CREATE INDEX code_checks_open ON kd.code_checks (holder_desk) WHERE answer IS NULL;

REVOKE ALL ON kd.code_holders, kd.code_checks FROM PUBLIC;

-- The calling desk holds a live code for `customer`, mailed at `issued`, until
-- `expires`; an older code held elsewhere no longer counts.
CREATE FUNCTION kd.hold_code(customer uuid, issued timestamptz, expires timestamptz)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    desk kd.desks := kd.calling_desk();
BEGIN
    IF desk.uid IS NULL OR NOT kd.may_see(customer)
       OR NOT EXISTS (SELECT 1 FROM kd.customers c WHERE c.uid = customer) THEN
        RETURN false;
    END IF;
    INSERT INTO kd.code_holders AS h (customer_uid, desk_uid, issued_at, expires_at)
    VALUES (customer, desk.uid, least(issued, now()), least(expires, now() + interval '1 hour'))
    ON CONFLICT (customer_uid) DO UPDATE
        SET desk_uid = EXCLUDED.desk_uid, issued_at = EXCLUDED.issued_at,
            expires_at = EXCLUDED.expires_at
        WHERE EXCLUDED.issued_at >= h.issued_at;
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION kd.hold_code(uuid, timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.hold_code(uuid, timestamptz, timestamptz) TO PUBLIC;

-- The desk holding a live code for `customer` (null: none, or not this desk's to ask).
CREATE FUNCTION kd.code_holder(customer uuid) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT h.desk_uid FROM kd.code_holders h
    JOIN kd.desks d ON d.uid = h.desk_uid AND d.revoked_at IS NULL
    WHERE h.customer_uid = customer AND h.expires_at > now()
      AND (kd.calling_desk()).uid IS NOT NULL AND kd.may_see(customer)
$$;
REVOKE ALL ON FUNCTION kd.code_holder(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.code_holder(uuid) TO PUBLIC;

-- Asks the desk holding `customer`'s code to check the typed code sealed in `body`.
CREATE FUNCTION kd.ask_code_check(check_uid uuid, customer uuid, holder uuid, body text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    desk kd.desks := kd.calling_desk();
BEGIN
    IF desk.uid IS NULL OR kd.code_holder(customer) IS DISTINCT FROM holder THEN
        RETURN false;
    END IF;
    -- A few questions at a time per desk: a holding desk checks each with argon2.
    IF (SELECT count(*) FROM kd.code_checks c
        WHERE c.asked_by = desk.uid AND c.answer IS NULL
          AND c.asked_at > now() - interval '30 seconds') >= 10 THEN
        RETURN false;
    END IF;
    DELETE FROM kd.code_checks c WHERE c.asked_at < now() - interval '1 day';
    INSERT INTO kd.code_checks (uid, customer_uid, holder_desk, asked_by, body)
    VALUES (check_uid, customer, holder, desk.uid, body);
    PERFORM pg_notify('kd_changes', '');
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION kd.ask_code_check(uuid, uuid, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.ask_code_check(uuid, uuid, uuid, text) TO PUBLIC;

-- The checks waiting for the calling desk, oldest first.
CREATE FUNCTION kd.code_checks_for_me()
RETURNS TABLE (uid uuid, customer uuid, body text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.uid, c.customer_uid, c.body FROM kd.code_checks c
    WHERE c.holder_desk = (kd.calling_desk()).uid AND c.answer IS NULL
      AND c.asked_at > now() - interval '30 seconds'
    ORDER BY c.asked_at
    LIMIT 20
$$;
REVOKE ALL ON FUNCTION kd.code_checks_for_me() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.code_checks_for_me() TO PUBLIC;

-- The holding desk's answer; the sealed code goes at once.
CREATE FUNCTION kd.answer_code_check(check_uid uuid, verdict text, tries integer, proof text)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    UPDATE kd.code_checks c
    SET answer = verdict, tries_left = tries, proof = answer_code_check.proof, body = NULL,
        answered_at = now()
    WHERE c.uid = check_uid AND c.holder_desk = (kd.calling_desk()).uid AND c.answer IS NULL
      AND verdict IN ('right', 'wrong', 'void', 'none');
    SELECT pg_notify('kd_changes', '');
$$;
REVOKE ALL ON FUNCTION kd.answer_code_check(uuid, text, integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.answer_code_check(uuid, text, integer, text) TO PUBLIC;

-- The asking desk stops waiting: the holding desk no longer takes the question up.
CREATE FUNCTION kd.cancel_code_check(check_uid uuid) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    UPDATE kd.code_checks c SET answer = 'void', body = NULL, answered_at = now()
    WHERE c.uid = check_uid AND c.asked_by = (kd.calling_desk()).uid AND c.answer IS NULL;
$$;
REVOKE ALL ON FUNCTION kd.cancel_code_check(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.cancel_code_check(uuid) TO PUBLIC;

-- The answer to a check the calling desk asked (no row while unanswered).
CREATE FUNCTION kd.code_check_answer(check_uid uuid)
RETURNS TABLE (answer text, tries_left integer, proof text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c.answer, c.tries_left, c.proof FROM kd.code_checks c
    WHERE c.uid = check_uid AND c.asked_by = (kd.calling_desk()).uid AND c.answer IS NOT NULL
$$;
REVOKE ALL ON FUNCTION kd.code_check_answer(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.code_check_answer(uuid) TO PUBLIC;
