-- Keydesk's agency server: the PostgreSQL database an agency's desks share.
--
-- Everything lives in the schema `kd`. Desks never touch its tables directly: they call
-- its functions, which are SECURITY DEFINER with a fixed search_path and learn which desk
-- is calling from `session_user` (a desk can neither change it nor act as another role).
-- A login role that is not an enrolled desk can call them too, and learns nothing.

CREATE SCHEMA kd;
REVOKE ALL ON SCHEMA kd FROM PUBLIC;
GRANT USAGE ON SCHEMA kd TO PUBLIC;

-- One row: the agency this server belongs to and the sync protocol it speaks.
CREATE TABLE kd.server (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    agency_uid uuid NOT NULL DEFAULT gen_random_uuid(),
    protocol integer NOT NULL CHECK (protocol > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO kd.server (protocol) VALUES (1);

-- The desks enrolled in the agency. Each logs in as a PostgreSQL role of its own
-- (`login`), bound to one staff member and that member's role.
CREATE TABLE kd.desks (
    uid uuid PRIMARY KEY,
    login name NOT NULL UNIQUE,
    member_uid uuid NOT NULL,
    member_role text NOT NULL CHECK (member_role IN ('owner', 'admin', 'agent')),
    label text NOT NULL,
    enrolled_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);

REVOKE ALL ON ALL TABLES IN SCHEMA kd FROM PUBLIC;

-- The first call of every connection: the protocol the server speaks, its agency, its
-- clock, and who the caller is (null for a login that is not an enrolled desk).
CREATE FUNCTION kd.hello() RETURNS jsonb
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object(
        'protocol', s.protocol,
        'agency', s.agency_uid,
        'server_time', now(),
        'desk', (SELECT jsonb_build_object(
                            'uid', d.uid,
                            'member', d.member_uid,
                            'role', d.member_role,
                            'revoked', d.revoked_at IS NOT NULL)
                 FROM kd.desks d
                 WHERE d.login = session_user))
    FROM kd.server s
$$;
REVOKE ALL ON FUNCTION kd.hello() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.hello() TO PUBLIC;
