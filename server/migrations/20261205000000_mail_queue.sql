-- Which desk sends each customer mail. A mail is queued and sent by one desk, fixed when
-- it is queued; the desk tells the server about it at its next sync, so other desks see
-- it and an owner can take over the mail of a desk that was revoked (a laptop lost or
-- retired) before it went. The server keeps what is needed to queue the mail again
-- (never a password: a login goes with the owner's own handoff) and the Message-ID, which
-- stays the same wherever the mail is sent from.

CREATE TABLE kd.mail_queue (
    message_id      text        PRIMARY KEY CHECK (length(message_id) BETWEEN 3 AND 300),
    customer_uid    uuid        NOT NULL REFERENCES kd.customers (uid) ON DELETE CASCADE,
    kind            text        NOT NULL
                                CHECK (kind IN ('welcome', 'welcome_credentials',
                                                'credentials_reset')),
    -- The login a credentials mail carries.
    handoff_uid     uuid,
    recipient       text        NOT NULL CHECK (length(recipient) <= 320),
    -- The agency's personal text; emptied once the mail is no longer waiting.
    welcome_message text        NOT NULL DEFAULT '' CHECK (length(welcome_message) <= 20000),
    queued_by       uuid        NOT NULL REFERENCES kd.desks (uid),
    sender_desk     uuid        NOT NULL REFERENCES kd.desks (uid),
    state           text        NOT NULL CHECK (state IN ('queued', 'sent', 'failed', 'cancelled')),
    queued_at       timestamptz NOT NULL DEFAULT now(),
    taken_over_at   timestamptz,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'welcome') = (handoff_uid IS NULL))
);
CREATE INDEX mail_queue_waiting ON kd.mail_queue (sender_desk) WHERE state = 'queued';
REVOKE ALL ON kd.mail_queue FROM PUBLIC;

-- The calling desk's word on its mails (a JSON array of objects with message_id,
-- customer, kind, handoff, recipient, welcome_message and state). Answers, in the same
-- order, 'mine' (this desk sends it), 'taken' (another desk sends it now: this one must
-- not) or 'later' (its customer is not on the server yet, or not this desk's).
CREATE FUNCTION kd.report_mail(mails jsonb) RETURNS text[]
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    desk kd.desks := kd.calling_desk();
    mail jsonb;
    said text;
    row_now kd.mail_queue;
    answers text[] := ARRAY[]::text[];
BEGIN
    IF desk.uid IS NULL THEN
        RAISE EXCEPTION 'only an enrolled desk may report its mail' USING ERRCODE = '42501';
    END IF;
    IF jsonb_typeof(mails) <> 'array' OR jsonb_array_length(mails) > 500 THEN
        RAISE EXCEPTION 'at most 500 mails at a time' USING ERRCODE = '22023';
    END IF;
    FOR mail IN SELECT value FROM jsonb_array_elements(mails) LOOP
        said := CASE mail->>'state' WHEN 'sending' THEN 'queued' ELSE mail->>'state' END;
        IF NOT EXISTS (SELECT 1 FROM kd.customers c WHERE c.uid = (mail->>'customer')::uuid)
           OR NOT kd.may_see((mail->>'customer')::uuid) THEN
            answers := answers || 'later'::text;
            CONTINUE;
        END IF;
        INSERT INTO kd.mail_queue (message_id, customer_uid, kind, handoff_uid, recipient,
                                   welcome_message, queued_by, sender_desk, state)
        VALUES (mail->>'message_id', (mail->>'customer')::uuid, mail->>'kind',
                (mail->>'handoff')::uuid, mail->>'recipient',
                CASE WHEN said = 'queued' THEN COALESCE(mail->>'welcome_message', '') ELSE '' END,
                desk.uid, desk.uid, said)
        ON CONFLICT (message_id) DO NOTHING;
        SELECT * INTO row_now FROM kd.mail_queue q WHERE q.message_id = mail->>'message_id';
        IF row_now.sender_desk <> desk.uid THEN
            answers := answers || 'taken'::text;
            CONTINUE;
        END IF;
        -- Once sent or cancelled, a mail stays so; a failed one may be tried again.
        IF row_now.state = 'queued' AND said <> 'queued' THEN
            UPDATE kd.mail_queue q SET state = said, welcome_message = '', updated_at = now()
            WHERE q.message_id = row_now.message_id;
        ELSIF row_now.state = 'failed' AND said = 'queued' THEN
            UPDATE kd.mail_queue q
            SET state = 'queued', welcome_message = COALESCE(mail->>'welcome_message', ''),
                updated_at = now()
            WHERE q.message_id = row_now.message_id;
        END IF;
        answers := answers || 'mine'::text;
    END LOOP;
    RETURN answers;
END
$$;
REVOKE ALL ON FUNCTION kd.report_mail(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.report_mail(jsonb) TO PUBLIC;

-- For an owner's desk: the mail still waiting on revoked desks, and the mail it took over
-- from them (which it may not have queued yet: a crash, or a login not here yet), each
-- under the revoked desk, oldest first.
CREATE FUNCTION kd.mail_of_revoked_desks()
RETURNS TABLE (message_id text, customer uuid, kind text, desk uuid, desk_label text,
               queued_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT q.message_id, q.customer_uid, q.kind, d.uid, d.label, q.queued_at
    FROM kd.mail_queue q
    JOIN kd.desks d
      ON d.uid = CASE WHEN q.sender_desk = (kd.calling_desk()).uid THEN q.queued_by
                      ELSE q.sender_desk END
    WHERE q.state = 'queued' AND d.revoked_at IS NOT NULL
      AND (kd.calling_desk()).member_role = 'owner'
    ORDER BY q.queued_at, q.message_id
    LIMIT 1000
$$;
REVOKE ALL ON FUNCTION kd.mail_of_revoked_desks() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.mail_of_revoked_desks() TO PUBLIC;

-- An owner's desk takes over the waiting mail of revoked desk `from_desk`: from now on it
-- sends them. Returns how many it took.
CREATE FUNCTION kd.take_over_mail(from_desk uuid) RETURNS integer
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    desk kd.desks := kd.calling_desk();
    taken integer;
BEGIN
    IF COALESCE(desk.member_role, '') <> 'owner' THEN
        RAISE EXCEPTION 'only an owner''s desk may take over mail' USING ERRCODE = '42501';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM kd.desks d WHERE d.uid = from_desk
                   AND d.revoked_at IS NOT NULL) THEN
        RAISE EXCEPTION 'only the mail of a revoked desk can be taken over'
            USING ERRCODE = '42501';
    END IF;
    UPDATE kd.mail_queue q SET sender_desk = desk.uid, taken_over_at = now(),
                               updated_at = now()
    WHERE q.sender_desk = from_desk AND q.state = 'queued';
    GET DIAGNOSTICS taken = ROW_COUNT;
    RETURN taken;
END
$$;
REVOKE ALL ON FUNCTION kd.take_over_mail(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.take_over_mail(uuid) TO PUBLIC;

-- The waiting mail the calling desk took over from others, to queue here.
CREATE FUNCTION kd.mail_taken_over()
RETURNS TABLE (message_id text, customer uuid, kind text, handoff uuid, recipient text,
               welcome_message text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT q.message_id, q.customer_uid, q.kind, q.handoff_uid, q.recipient,
           q.welcome_message
    FROM kd.mail_queue q
    WHERE q.sender_desk = (kd.calling_desk()).uid AND q.queued_by <> q.sender_desk
      AND q.state = 'queued'
    ORDER BY q.queued_at, q.message_id
    LIMIT 500
$$;
REVOKE ALL ON FUNCTION kd.mail_taken_over() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.mail_taken_over() TO PUBLIC;
