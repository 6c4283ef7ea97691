-- The protocols the server takes: desks speaking any protocol from `oldest_protocol` up
-- to `protocol` keep working. A server that learns protocol N+1 while it still answers
-- desks of protocol N raises `protocol` only, so a desk one version behind goes on
-- syncing (and is told an update is out); when the old functions go, `oldest_protocol`
-- follows and such a desk is told to update, its queued changes kept until it is.

ALTER TABLE kd.server
    ADD COLUMN oldest_protocol integer NOT NULL DEFAULT 1
        CHECK (oldest_protocol > 0 AND oldest_protocol <= protocol);

CREATE OR REPLACE FUNCTION kd.hello() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object(
        'protocol', s.protocol,
        'oldest_protocol', s.oldest_protocol,
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
