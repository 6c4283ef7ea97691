-- The agency's mail settings, shared by its desks: each desk sends the mail it queued,
-- so each needs the SMTP server and its password. The server keeps the latest version an
-- owner's desk signed: the server's address in the clear, the password sealed to every
-- active desk key of the roster. It cannot open the password, and desks ignore a version
-- no owner key of the roster signed, so it cannot send them elsewhere either.

CREATE TABLE kd.mail_settings (
    one       boolean     PRIMARY KEY DEFAULT true CHECK (one),
    version   bigint      NOT NULL CHECK (version > 0),
    body      text        NOT NULL CHECK (length(body) <= 262144),
    signer    bytea       NOT NULL CHECK (length(signer) = 32),
    signature bytea       NOT NULL CHECK (length(signature) = 64),
    sent_by   uuid        NOT NULL REFERENCES kd.desks (uid),
    received_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON kd.mail_settings FROM PUBLIC;

-- Keeps version `version` of the mail settings, from an owner's desk. Refused unless it
-- comes right after the version the server holds (two owners saving at once: the second
-- reads the settings again).
CREATE FUNCTION kd.put_mail_settings(version bigint, body text, signer bytea,
                                     signature bytea)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
AS $$
DECLARE
    desk kd.desks := kd.calling_desk();
    held bigint;
BEGIN
    IF COALESCE(desk.member_role, '') <> 'owner' THEN
        RAISE EXCEPTION 'only an owner''s desk may change the agency''s mail settings'
            USING ERRCODE = '42501';
    END IF;
    LOCK TABLE kd.mail_settings IN EXCLUSIVE MODE;
    SELECT m.version INTO held FROM kd.mail_settings m;
    IF put_mail_settings.version <> COALESCE(held, 0) + 1 THEN
        RAISE EXCEPTION 'the mail settings changed meanwhile: version % is next',
            COALESCE(held, 0) + 1 USING ERRCODE = '40001';
    END IF;
    INSERT INTO kd.mail_settings AS m (version, body, signer, signature, sent_by)
    VALUES (put_mail_settings.version, body, signer, signature, desk.uid)
    ON CONFLICT (one) DO UPDATE
        SET version = EXCLUDED.version, body = EXCLUDED.body, signer = EXCLUDED.signer,
            signature = EXCLUDED.signature, sent_by = EXCLUDED.sent_by,
            received_at = now();
    PERFORM pg_notify('kd_changes', '');
END
$$;
REVOKE ALL ON FUNCTION kd.put_mail_settings(bigint, text, bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.put_mail_settings(bigint, text, bytea, bytea) TO PUBLIC;

-- The latest version, for any enrolled desk (no row: none yet, or not a desk).
CREATE FUNCTION kd.mail_settings_now()
RETURNS TABLE (version bigint, body text, signer bytea, signature bytea)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT m.version, m.body, m.signer, m.signature
    FROM kd.mail_settings m
    WHERE (kd.calling_desk()).uid IS NOT NULL
$$;
REVOKE ALL ON FUNCTION kd.mail_settings_now() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.mail_settings_now() TO PUBLIC;
