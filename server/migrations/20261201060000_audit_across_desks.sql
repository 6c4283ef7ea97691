-- Audit across desks. Every desk sends the rows of its own audit log, in order, and the
-- server keeps them with one chain over all desks: each row's place in it covers the
-- chain before it, the desk, the row's number on its desk and the hash of its content.
--
-- A desk's own chain is keyed with a secret of that desk (only it can recompute those
-- hashes), so each row also carries `content_hash`: SHA-256 over what the server keeps of
-- the row (`kd.audit_content_hash`), which the server checks as the row arrives and
-- anyone reading the rows can recompute. An owner's desk reads every row
-- back and recomputes both: a row changed on the server no longer matches its content
-- hash, a removed row leaves a gap in its desk's numbers and in the global chain, and a
-- row slipped in between breaks the links. The owner's desk also remembers the end of
-- the global chain it last verified, so rewriting the whole chain from an earlier point
-- is caught too.
--
-- The global hash is hex(sha256("<previous global hash>:<desk uid>:<row number>:<content
-- hash>")), the first previous hash being 64 zeros.

CREATE TABLE kd.audit_rows (
    desk_uid     uuid        NOT NULL REFERENCES kd.desks (uid),
    seq          bigint      NOT NULL CHECK (seq > 0),
    at           text        NOT NULL,
    actor        text        NOT NULL,
    action       text        NOT NULL,
    -- The customer the row is about, by uid (while the desk still had them).
    subject      uuid,
    detail       text        NOT NULL,
    prev_hash    text        NOT NULL,
    row_hash     text        NOT NULL,
    content_hash text        NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    received_at  timestamptz NOT NULL DEFAULT now(),
    global_seq   bigint      NOT NULL UNIQUE,
    global_prev  text        NOT NULL,
    global_hash  text        NOT NULL,
    PRIMARY KEY (desk_uid, seq)
);

-- The end of the global chain; locked while rows are added, so the chain follows commit
-- order.
CREATE TABLE kd.audit_head (
    one  boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq  bigint  NOT NULL,
    hash text    NOT NULL
);
INSERT INTO kd.audit_head (seq, hash)
VALUES (0, '0000000000000000000000000000000000000000000000000000000000000000');

REVOKE ALL ON kd.audit_rows, kd.audit_head FROM PUBLIC;

-- SHA-256 (hex) of a row's fields, each written as "<length in characters>:<text>;" and a
-- missing subject as "-;", in this order: desk, row number, at, actor, action, subject,
-- detail, previous hash, row hash. Keydesk computes the same (core/src/server/audit.rs).
CREATE FUNCTION kd.audit_content_hash(desk uuid, seq bigint, at text, actor text, action text,
                                      subject uuid, detail text, prev_hash text, row_hash text)
RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT encode(sha256(convert_to(
        (SELECT string_agg(CASE WHEN f IS NULL THEN '-;' ELSE length(f)::text || ':' || f || ';' END,
                           '' ORDER BY n)
         FROM unnest(ARRAY[desk::text, seq::text, at, actor, action, subject::text, detail,
                           prev_hash, row_hash]) WITH ORDINALITY AS t(f, n)),
        'UTF8')), 'hex')
$$;
REVOKE ALL ON FUNCTION kd.audit_content_hash(uuid, bigint, text, text, text, uuid, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.audit_content_hash(uuid, bigint, text, text, text, uuid, text, text, text) TO PUBLIC;

-- Adds the calling desk's next audit rows, oldest first: [{seq, at, actor, action,
-- subject, detail, prev_hash, row_hash, content_hash}]. Rows already received (the same
-- number and hash, after a push whose answer was lost) are skipped; a row that does not
-- follow the desk's last one (its number or its link), whose content hash is not that of
-- its fields, or whose fields are too long, is refused with the whole push. Returns the
-- number of the desk's last row the server holds. A desk that holds the chain's end in an
-- open transaction makes the others wait 5 seconds at most.
CREATE FUNCTION kd.push_audit(rows jsonb) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
SET lock_timeout = '5s'
AS $$
DECLARE
    desk kd.desks := kd.calling_desk();
    r jsonb;
    last_seq bigint;
    last_hash text;
    head kd.audit_head;
    row_seq bigint;
    known text;
    global text;
BEGIN
    IF desk.uid IS NULL THEN
        RAISE EXCEPTION 'this desk is not enrolled in the agency, or was revoked: its changes are refused'
            USING ERRCODE = '42501';
    END IF;
    IF jsonb_typeof(rows) IS DISTINCT FROM 'array' OR jsonb_array_length(rows) > 1000 THEN
        RAISE EXCEPTION 'audit rows come as an array of at most 1000' USING ERRCODE = '22023';
    END IF;
    SELECT * INTO head FROM kd.audit_head FOR UPDATE;
    SELECT a.seq, a.row_hash INTO last_seq, last_hash
    FROM kd.audit_rows a WHERE a.desk_uid = desk.uid ORDER BY a.seq DESC LIMIT 1;
    last_seq := COALESCE(last_seq, 0);
    FOR r IN SELECT value FROM jsonb_array_elements(rows) LOOP
        IF jsonb_typeof(r) IS DISTINCT FROM 'object'
           OR jsonb_typeof(r->'seq') IS DISTINCT FROM 'number'
           OR r->>'at' IS NULL OR r->>'actor' IS NULL OR r->>'action' IS NULL
           OR r->>'detail' IS NULL OR r->>'prev_hash' IS NULL OR r->>'row_hash' IS NULL
           OR COALESCE(r->>'content_hash', '') !~ '^[0-9a-f]{64}$'
           OR length(r->>'at') > 64 OR length(r->>'actor') > 320 OR length(r->>'action') > 64
           OR length(r->>'detail') > 4000 OR length(r->>'prev_hash') > 128
           OR length(r->>'row_hash') > 128 THEN
            RAISE EXCEPTION 'an audit row lacks a field or has a malformed one' USING ERRCODE = '22023';
        END IF;
        row_seq := (r->>'seq')::bigint;
        IF kd.audit_content_hash(desk.uid, row_seq, r->>'at', r->>'actor', r->>'action',
                                 (r->>'subject')::uuid, r->>'detail', r->>'prev_hash',
                                 r->>'row_hash') <> r->>'content_hash' THEN
            RAISE EXCEPTION 'audit row % does not match its content hash', row_seq USING ERRCODE = '22023';
        END IF;
        IF row_seq <= last_seq THEN
            SELECT a.row_hash INTO known FROM kd.audit_rows a
            WHERE a.desk_uid = desk.uid AND a.seq = row_seq;
            IF known IS DISTINCT FROM r->>'row_hash' THEN
                RAISE EXCEPTION 'audit row % of this desk differs from the one received before', row_seq
                    USING ERRCODE = '23505';
            END IF;
            CONTINUE;
        END IF;
        IF row_seq <> last_seq + 1 THEN
            RAISE EXCEPTION 'audit row % does not follow row %', row_seq, last_seq USING ERRCODE = '22023';
        END IF;
        IF last_seq > 0 AND r->>'prev_hash' IS DISTINCT FROM last_hash THEN
            RAISE EXCEPTION 'audit row % does not link to the row before it', row_seq USING ERRCODE = '22023';
        END IF;
        global := encode(sha256(convert_to(
            head.hash || ':' || desk.uid::text || ':' || row_seq::text || ':' || (r->>'content_hash'),
            'UTF8')), 'hex');
        INSERT INTO kd.audit_rows (desk_uid, seq, at, actor, action, subject, detail, prev_hash,
                                   row_hash, content_hash, global_seq, global_prev, global_hash)
        VALUES (desk.uid, row_seq, r->>'at', r->>'actor', r->>'action', (r->>'subject')::uuid,
                r->>'detail', r->>'prev_hash', r->>'row_hash', r->>'content_hash',
                head.seq + 1, head.hash, global);
        head.seq := head.seq + 1;
        head.hash := global;
        last_seq := row_seq;
        last_hash := r->>'row_hash';
    END LOOP;
    UPDATE kd.audit_head SET seq = head.seq, hash = head.hash;
    RETURN last_seq;
END
$$;
REVOKE ALL ON FUNCTION kd.push_audit(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.push_audit(jsonb) TO PUBLIC;

-- The number of the calling desk's last audit row the server holds (0: none yet), so a
-- desk knows where to go on after a push whose answer was lost.
CREATE FUNCTION kd.audit_received() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT COALESCE(max(a.seq), 0) FROM kd.audit_rows a
    WHERE a.desk_uid = (kd.calling_desk()).uid
$$;
REVOKE ALL ON FUNCTION kd.audit_received() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.audit_received() TO PUBLIC;

-- Every desk's audit rows after global number `after`, at most `max_rows`, in the global
-- chain's order, with the desks' names: for an owner's desk (or the administrator) to
-- verify. {rows: [...], head: {seq, hash}}.
CREATE FUNCTION kd.audit_rows_after(after bigint, max_rows integer) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT kd.may_manage_desks() THEN
        RAISE EXCEPTION 'only an owner''s desk may read every desk''s audit log' USING ERRCODE = '42501';
    END IF;
    RETURN jsonb_build_object(
        'rows', (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                    'desk', a.desk_uid, 'seq', a.seq, 'at', a.at, 'actor', a.actor,
                    'action', a.action, 'subject', a.subject, 'detail', a.detail,
                    'prev_hash', a.prev_hash, 'row_hash', a.row_hash,
                    'content_hash', a.content_hash, 'global_seq', a.global_seq,
                    'global_prev', a.global_prev, 'global_hash', a.global_hash)
                    ORDER BY a.global_seq), '[]'::jsonb)
                 FROM (SELECT * FROM kd.audit_rows WHERE global_seq > after
                       ORDER BY global_seq LIMIT GREATEST(max_rows, 1)) a),
        'head', (SELECT jsonb_build_object('seq', h.seq, 'hash', h.hash) FROM kd.audit_head h));
END
$$;
REVOKE ALL ON FUNCTION kd.audit_rows_after(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.audit_rows_after(bigint, integer) TO PUBLIC;

-- Pushes take turns on one row (kd.push on the change counter, kd.push_audit on the audit
-- chain's end). A desk that keeps a transaction open while holding one makes the others
-- wait 5 seconds at most, and the server ends a session left idle in a transaction after
-- a minute (when the administrator owns the database; otherwise the server's own setting
-- stays).
ALTER FUNCTION kd.push(jsonb) SET lock_timeout = '5s';
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET idle_in_transaction_session_timeout = %L',
                   current_database(), '60s');
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'idle_in_transaction_session_timeout left as it is: this login does not own the database';
END
$$;
