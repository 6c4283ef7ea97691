-- How long the server keeps the tombstones of removed links, and what a desk away longer
-- than that does.
--
-- A removed link (a member who no longer serves a customer) leaves a row in kd.gone so
-- that desks that had the link drop it. Those rows would pile up for ever; the
-- administrator prunes the ones older than the agency's retention with
-- kd.prune_tombstones (`keydesk admin server-prune`). The server then remembers up to
-- which change tombstones may be missing: a desk whose last pull is older than that
-- cannot trust what it would read next, and reads everything it sees again from the
-- start (a full resync), keeping its own queued changes. An erased customer's tombstone
-- is never pruned: it is only a uid, and it keeps the customer from coming back.

ALTER TABLE kd.server ADD COLUMN tombstones_kept_from bigint NOT NULL DEFAULT 0;

-- Prunes the tombstones of links removed more than `keep_days` days ago; answers how
-- many. For the schema's owner only.
CREATE FUNCTION kd.prune_tombstones(keep_days integer) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    pruned bigint;
    last_pruned bigint;
BEGIN
    IF NOT pg_has_role(session_user,
                       (SELECT nspowner FROM pg_namespace WHERE nspname = 'kd'), 'MEMBER') THEN
        RAISE EXCEPTION 'only the agency server''s administrator prunes tombstones'
            USING ERRCODE = '42501';
    END IF;
    IF keep_days IS NULL OR keep_days < 1 THEN
        RAISE EXCEPTION 'tombstones are kept at least a day' USING ERRCODE = '22023';
    END IF;
    WITH gone AS (
        DELETE FROM kd.gone g
        WHERE g.member_uid IS NOT NULL
          AND g.gone_at < now() - make_interval(days => keep_days)
        RETURNING g.change_seq
    )
    SELECT count(*), max(change_seq) INTO pruned, last_pruned FROM gone;
    IF last_pruned IS NOT NULL THEN
        UPDATE kd.server SET tombstones_kept_from = greatest(tombstones_kept_from, last_pruned);
    END IF;
    RETURN pruned;
END
$$;
REVOKE ALL ON FUNCTION kd.prune_tombstones(integer) FROM PUBLIC;

-- hello also says from which change on the tombstones are complete.
CREATE OR REPLACE FUNCTION kd.hello() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object(
        'protocol', s.protocol,
        'oldest_protocol', s.oldest_protocol,
        'tombstones_kept_from', s.tombstones_kept_from,
        'agency', s.agency_uid,
        'server_time', now(),
        'desk', (SELECT jsonb_build_object(
                            'uid', d.uid,
                            'member', d.member_uid,
                            'role', d.member_role,
                            'enrolled', d.enrolled_at IS NOT NULL,
                            'revoked', d.revoked_at IS NOT NULL)
                 FROM kd.desks d
                 WHERE d.login = session_user))
    FROM kd.server s
$$;
