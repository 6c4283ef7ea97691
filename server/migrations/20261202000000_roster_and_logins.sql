-- The agency's key roster and its pending logins.
--
-- The roster says to whom desks seal new logins and whose signatures they trust. Each
-- entry is written and signed (Ed25519) by an owner's desk: the first by the agency's
-- founding owner, whose key fingerprint every invitation code carries, each later one by
-- a key the roster already holds as an active owner's. Entries link to the one before by
-- hash. The server only keeps them in order; it cannot check an Ed25519 signature, and it
-- does not need to: every desk checks the whole chain, so a server (or its superuser)
-- that adds, changes or reorders an entry only gets it ignored.
--
-- A pending login travels as one signed record: its password sealed under a key of its
-- own, that key wrapped (HPKE) to each owner key of the roster, the account's username
-- and argon2id hash, signed by the desk that made it. The server holds what it cannot
-- open; only owners' desks read it back, and they open it only when the signature and the
-- wraps check out against the roster.

CREATE TABLE kd.roster (
    seq        bigint      PRIMARY KEY CHECK (seq > 0),
    -- The entry as its desk wrote it (JSON text; signed as written).
    body       text        NOT NULL CHECK (length(body) <= 4096),
    signer     bytea       NOT NULL CHECK (length(signer) = 32),
    signature  bytea       NOT NULL CHECK (length(signature) = 64),
    -- The desk that sent it (null: the schema's owner).
    sent_by    uuid        REFERENCES kd.desks (uid),
    received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE kd.handoffs (
    uid          uuid        PRIMARY KEY,
    customer_uid uuid        NOT NULL REFERENCES kd.customers (uid) ON DELETE CASCADE,
    desk_uid     uuid        NOT NULL REFERENCES kd.desks (uid),
    -- The signed record; gone (null) once the login is closed, with the sealed password.
    body         text        CHECK (length(body) <= 65536),
    signer       bytea       NOT NULL CHECK (length(signer) = 32),
    signature    bytea       NOT NULL CHECK (length(signature) = 64),
    state        text        NOT NULL DEFAULT 'pending'
                             CHECK (state IN ('pending', 'sent', 'revoked', 'expired')),
    closed_at    timestamptz,
    closed_by    uuid        REFERENCES kd.desks (uid),
    channel      text        CHECK (length(channel) <= 40),
    -- Moves on with every change, so owners' desks read the login again.
    received_seq bigint      NOT NULL UNIQUE,
    received_at  timestamptz NOT NULL DEFAULT now(),
    CHECK ((state = 'pending') = (body IS NOT NULL))
);
-- The last number given to a login's change. Taken under the row's lock, so the numbers
-- follow commit order and a desk reading after its last number misses nothing (a plain
-- sequence commits out of order).
CREATE TABLE kd.handoffs_counter (
    one  boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq  bigint  NOT NULL
);
INSERT INTO kd.handoffs_counter (seq) VALUES (0);

CREATE FUNCTION kd.next_handoff_seq() RETURNS bigint
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
    UPDATE kd.handoffs_counter SET seq = seq + 1 RETURNING seq
$$;
REVOKE ALL ON FUNCTION kd.next_handoff_seq() FROM PUBLIC;

REVOKE ALL ON kd.roster, kd.handoffs, kd.handoffs_counter FROM PUBLIC;

-- Adds entry number `seq` to the roster (an owner's desk only: the schema's owner, who
-- holds no key a desk trusts, has nothing to add). Refused unless it comes right after
-- the last one, so two owners adding at once cannot both
-- link to the same entry: the second reads the roster again and signs anew.
CREATE FUNCTION kd.add_roster_entry(seq bigint, body text, signer bytea, signature bytea)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
AS $$
DECLARE
    last bigint;
BEGIN
    IF COALESCE((kd.calling_desk()).member_role, '') <> 'owner' THEN
        RAISE EXCEPTION 'only an owner''s desk may change the agency''s keys'
            USING ERRCODE = '42501';
    END IF;
    LOCK TABLE kd.roster IN EXCLUSIVE MODE;
    SELECT COALESCE(max(r.seq), 0) INTO last FROM kd.roster r;
    IF seq <> last + 1 THEN
        RAISE EXCEPTION 'the agency''s keys changed meanwhile: entry % is next', last + 1
            USING ERRCODE = '40001';
    END IF;
    INSERT INTO kd.roster (seq, body, signer, signature, sent_by)
    VALUES (seq, body, signer, signature, (kd.calling_desk()).uid);
END
$$;
REVOKE ALL ON FUNCTION kd.add_roster_entry(bigint, text, bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.add_roster_entry(bigint, text, bytea, bytea) TO PUBLIC;

-- The roster's entries after number `after`, for any enrolled desk.
CREATE FUNCTION kd.roster_after(after bigint)
RETURNS TABLE (seq bigint, body text, signer bytea, signature bytea)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT r.seq, r.body, r.signer, r.signature
    FROM kd.roster r
    WHERE r.seq > after
      AND ((kd.calling_desk()).uid IS NOT NULL OR kd.may_manage_desks())
    ORDER BY r.seq
$$;
REVOKE ALL ON FUNCTION kd.roster_after(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.roster_after(bigint) TO PUBLIC;

-- Keeps a pending login sent by the calling desk for a customer it may see. The same
-- login sent again (after a lost answer) is taken once; a different record under the
-- same uid is refused. Answers 'kept' or 'unknown customer' (the customer was merged
-- into another, or erased, before the login arrived).
CREATE FUNCTION kd.push_handoff(handoff uuid, customer uuid, body text, signer bytea,
                                signature bytea)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    desk kd.desks := kd.calling_desk();
    held kd.handoffs;
BEGIN
    IF desk.uid IS NULL THEN
        RAISE EXCEPTION 'this login is not an enrolled desk' USING ERRCODE = '42501';
    END IF;
    SELECT * INTO held FROM kd.handoffs h WHERE h.uid = handoff;
    IF FOUND THEN
        -- Sent again after a lost answer (and perhaps closed or sealed anew since).
        IF held.desk_uid = desk.uid THEN
            RETURN 'kept';
        END IF;
        RAISE EXCEPTION 'another login has this uid' USING ERRCODE = '23505';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM kd.customers c WHERE c.uid = customer)
       OR NOT kd.may_see(customer) THEN
        RETURN 'unknown customer';
    END IF;
    INSERT INTO kd.handoffs (uid, customer_uid, desk_uid, body, signer, signature,
                             received_seq)
    VALUES (handoff, customer, desk.uid, body, signer, signature,
            kd.next_handoff_seq());
    PERFORM pg_notify('kd_changes', '');
    RETURN 'kept';
END
$$;
REVOKE ALL ON FUNCTION kd.push_handoff(uuid, uuid, text, bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.push_handoff(uuid, uuid, text, bytea, bytea) TO PUBLIC;

-- Replaces pending login `handoff`'s record with the same login sealed anew by an owner's
-- desk, for the owners of now (one was added or revoked since). Owners' desks take it only
-- when it is signed by an owner's key and is the same login they hold. False when the
-- login is no longer pending.
CREATE FUNCTION kd.reseal_handoff(handoff uuid, body text, signer bytea, signature bytea)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
AS $$
DECLARE
    desk kd.desks := kd.calling_desk();
BEGIN
    IF desk.uid IS NULL OR desk.member_role <> 'owner' THEN
        RAISE EXCEPTION 'only an owner''s desk seals logins anew' USING ERRCODE = '42501';
    END IF;
    UPDATE kd.handoffs h
    SET body = reseal_handoff.body, signer = reseal_handoff.signer,
        signature = reseal_handoff.signature, received_seq = kd.next_handoff_seq()
    WHERE h.uid = handoff AND h.state = 'pending';
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    PERFORM pg_notify('kd_changes', '');
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION kd.reseal_handoff(uuid, text, bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.reseal_handoff(uuid, text, bytea, bytea) TO PUBLIC;

-- How a login ends when two desks close it at once: sent beats revoked beats expired.
CREATE FUNCTION kd.handoff_state_rank(state text) RETURNS integer
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE state WHEN 'sent' THEN 3 WHEN 'revoked' THEN 2 WHEN 'expired' THEN 1 ELSE 0 END
$$;

-- Closes login `handoff` as `new_state` ('sent' or 'revoked' from an owner's desk;
-- 'expired' from an owner's desk or the desk that made it), unless it already ended in a
-- state that beats it. Its sealed record goes at once. Answers the state it ends in
-- ('unknown': the server has no such login; 'not yours': this desk may not end it so,
-- which owners' desks will).
CREATE FUNCTION kd.close_handoff(handoff uuid, new_state text, channel text)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
AS $$
DECLARE
    desk kd.desks := kd.calling_desk();
    held kd.handoffs;
BEGIN
    IF desk.uid IS NULL THEN
        RAISE EXCEPTION 'this login is not an enrolled desk' USING ERRCODE = '42501';
    END IF;
    IF new_state NOT IN ('sent', 'revoked', 'expired') THEN
        RAISE EXCEPTION 'a login cannot end as %', new_state USING ERRCODE = '22023';
    END IF;
    SELECT * INTO held FROM kd.handoffs h WHERE h.uid = handoff FOR UPDATE;
    IF NOT FOUND OR NOT kd.may_see(held.customer_uid) THEN
        RETURN 'unknown';
    END IF;
    IF desk.member_role <> 'owner'
       AND NOT (new_state = 'expired' AND held.desk_uid = desk.uid) THEN
        RETURN 'not yours';
    END IF;
    IF kd.handoff_state_rank(new_state) > kd.handoff_state_rank(held.state) THEN
        UPDATE kd.handoffs h
        SET state = new_state, body = NULL, closed_at = now(), closed_by = desk.uid,
            channel = close_handoff.channel, received_seq = kd.next_handoff_seq()
        WHERE h.uid = handoff;
        PERFORM pg_notify('kd_changes', '');
        RETURN new_state;
    END IF;
    RETURN held.state;
END
$$;
REVOKE ALL ON FUNCTION kd.close_handoff(uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.close_handoff(uuid, text, text) TO PUBLIC;

-- Logins received or changed after `after` (in that order), for owners' desks only: no
-- other desk can open them, so no other desk is given them. A closed login comes without
-- its record.
CREATE FUNCTION kd.handoffs_after(after bigint, max_rows integer)
RETURNS TABLE (received_seq bigint, uid uuid, customer_uid uuid, body text, signer bytea,
               signature bytea, state text, channel text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT h.received_seq, h.uid, h.customer_uid, h.body, h.signer, h.signature, h.state,
           h.channel
    FROM kd.handoffs h
    WHERE h.received_seq > after
      AND (kd.calling_desk()).member_role = 'owner'
    ORDER BY h.received_seq
    LIMIT least(max_rows, 1000)
$$;
REVOKE ALL ON FUNCTION kd.handoffs_after(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.handoffs_after(bigint, integer) TO PUBLIC;
