-- Enrolling and revoking desks.
--
-- An owner's desk (or, for the agency's first desk, the administrator who owns the schema)
-- invites a desk for a staff member: a login role of the desk's own, with a random
-- one-time secret that stops working after 24 hours. The new desk signs in with it once
-- and replaces it with a secret only the desk knows; until then it is no desk (it reads
-- nothing). Revoking a desk ends its sign-ins, closes its open connections, and makes any
-- connection it still has read nothing.
--
-- The administrator needs CREATEROLE (to make and change the desks' roles) and, to close
-- a revoked desk's connections, membership of pg_signal_backend.

ALTER TABLE kd.desks ALTER COLUMN enrolled_at DROP NOT NULL;
ALTER TABLE kd.desks ALTER COLUMN enrolled_at DROP DEFAULT;
ALTER TABLE kd.desks ADD COLUMN invited_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE kd.desks ADD COLUMN invitation_expires_at timestamptz;

-- The calling desk, when it is enrolled and not revoked.
CREATE FUNCTION kd.calling_desk() RETURNS kd.desks
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT d FROM kd.desks d
    WHERE d.login = session_user AND d.revoked_at IS NULL AND d.enrolled_at IS NOT NULL
$$;
REVOKE ALL ON FUNCTION kd.calling_desk() FROM PUBLIC;

-- Whether the caller may enrol and revoke desks: an owner's desk, or the schema's owner.
CREATE FUNCTION kd.may_manage_desks() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT COALESCE((kd.calling_desk()).member_role = 'owner', false)
        OR pg_has_role(session_user,
                       (SELECT nspowner FROM pg_namespace WHERE nspname = 'kd'), 'MEMBER')
$$;
REVOKE ALL ON FUNCTION kd.may_manage_desks() FROM PUBLIC;

-- The rule of who sees which customer now counts enrolled desks only.
CREATE OR REPLACE FUNCTION kd.may_see(customer uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (
        SELECT 1
        FROM kd.desks d
        WHERE d.login = session_user
          AND d.revoked_at IS NULL
          AND d.enrolled_at IS NOT NULL
          AND (d.member_role IN ('owner', 'admin')
               OR EXISTS (SELECT 1 FROM kd.customer_links l
                          WHERE l.customer_uid = customer AND l.member_uid = d.member_uid)))
$$;

-- hello also says whether the calling desk has finished its enrolment.
CREATE OR REPLACE FUNCTION kd.hello() RETURNS jsonb
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
                            'enrolled', d.enrolled_at IS NOT NULL,
                            'revoked', d.revoked_at IS NOT NULL)
                 FROM kd.desks d
                 WHERE d.login = session_user))
    FROM kd.server s
$$;

-- Invites a desk for `member` (whose role in the agency is `member_role`), named `label`
-- for people. Returns the desk's uid, its login and one-time secret, and when that expires.
CREATE FUNCTION kd.invite_desk(member uuid, member_role text, label text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    desk uuid := gen_random_uuid();
    login text := 'kd_desk_' || replace(desk::text, '-', '');
    -- 244 random bits from two version-4 UUIDs (core PostgreSQL has no other generator).
    secret text := encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64');
    expires timestamptz := now() + interval '24 hours';
BEGIN
    IF NOT kd.may_manage_desks() THEN
        RAISE EXCEPTION 'only an owner''s desk may enrol desks' USING ERRCODE = '42501';
    END IF;
    IF member_role NOT IN ('owner', 'admin', 'agent') THEN
        RAISE EXCEPTION 'unknown staff role %', member_role USING ERRCODE = '22023';
    END IF;
    IF length(btrim(label)) = 0 OR length(label) > 200 THEN
        RAISE EXCEPTION 'a desk needs a name of 1 to 200 characters' USING ERRCODE = '22023';
    END IF;
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L VALID UNTIL %L', login, secret, expires);
    INSERT INTO kd.desks (uid, login, member_uid, member_role, label, invitation_expires_at)
    VALUES (desk, login, member, member_role, btrim(label), expires);
    RETURN jsonb_build_object('desk', desk, 'login', login, 'secret', secret,
                              'expires_at', expires);
END
$$;
REVOKE ALL ON FUNCTION kd.invite_desk(uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.invite_desk(uuid, text, text) TO PUBLIC;

-- Called once by an invited desk, signed in with its one-time secret: replaces the secret
-- with `new_secret`, which only the desk knows, and makes the desk enrolled.
CREATE FUNCTION kd.complete_enrolment(new_secret text) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    invited kd.desks;
BEGIN
    SELECT * INTO invited FROM kd.desks WHERE login = session_user FOR UPDATE;
    IF NOT FOUND OR invited.revoked_at IS NOT NULL THEN
        RAISE EXCEPTION 'this login was not invited as a desk' USING ERRCODE = '42501';
    END IF;
    IF invited.enrolled_at IS NOT NULL THEN
        RAISE EXCEPTION 'this desk is enrolled already' USING ERRCODE = '55000';
    END IF;
    IF length(new_secret) < 32 THEN
        RAISE EXCEPTION 'a desk''s secret has at least 32 characters' USING ERRCODE = '22023';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L VALID UNTIL %L', invited.login, new_secret,
                   'infinity');
    UPDATE kd.desks SET enrolled_at = now(), invitation_expires_at = NULL
    WHERE uid = invited.uid;
    RETURN kd.hello();
END
$$;
REVOKE ALL ON FUNCTION kd.complete_enrolment(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.complete_enrolment(text) TO PUBLIC;

-- Revokes desk `desk`: it can no longer sign in, its open connections are closed, and
-- any it still has read nothing. Returns how many connections were closed.
CREATE FUNCTION kd.revoke_desk(desk uuid) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    revoked_login text;
    connection integer;
    closed integer := 0;
BEGIN
    IF NOT kd.may_manage_desks() THEN
        RAISE EXCEPTION 'only an owner''s desk may revoke desks' USING ERRCODE = '42501';
    END IF;
    UPDATE kd.desks SET revoked_at = now()
    WHERE uid = desk AND revoked_at IS NULL
    RETURNING login INTO revoked_login;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such desk, or revoked already' USING ERRCODE = 'P0002';
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', revoked_login);
    -- One at a time: in a single WHERE, PostgreSQL may call pg_terminate_backend before it
    -- has checked whose connection it is.
    FOR connection IN SELECT pid FROM pg_stat_activity WHERE usename = revoked_login LOOP
        IF pg_terminate_backend(connection) THEN
            closed := closed + 1;
        END IF;
    END LOOP;
    RETURN closed;
END
$$;
REVOKE ALL ON FUNCTION kd.revoke_desk(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.revoke_desk(uuid) TO PUBLIC;
