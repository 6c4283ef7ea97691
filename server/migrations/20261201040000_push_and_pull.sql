-- Push and pull: how desks exchange customers, who serves them, and the staff.
--
-- A desk sends what it changed as ops (`kd.push`) and reads what others changed
-- (`kd.pull`). Each op is applied by the rule of its kind, from the calling desk's identity
-- (never from anything the op claims), and its result is kept under the op's uid: a desk
-- that pushes an op again, after a connection cut before the answer reached it, gets the
-- same answer and changes nothing.
--
-- Every op takes the next number of one counter row, which stays locked until the push
-- commits: changes are numbered in commit order, so a desk that has read up to a number
-- never misses a change committed later with a smaller one.
--
-- The server keeps, per customer field, the version at which it last changed and by whom:
-- an edit made from an older version still applies to fields nobody else changed since,
-- and is refused for a field someone else did, naming who and when.

CREATE TABLE kd.change_counter (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    seq bigint NOT NULL DEFAULT 0
);
INSERT INTO kd.change_counter DEFAULT VALUES;

ALTER TABLE kd.customers
    ADD COLUMN change_seq bigint NOT NULL DEFAULT 0,
    -- Per field name: {"version": n, "member": uid, "desk": uid, "at": time}.
    ADD COLUMN field_versions jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN created_by_member uuid,
    ADD COLUMN created_by_desk uuid;
CREATE INDEX customers_change_seq ON kd.customers (change_seq);

ALTER TABLE kd.customer_links ADD COLUMN change_seq bigint NOT NULL DEFAULT 0;
CREATE INDEX customer_links_change_seq ON kd.customer_links (change_seq);

-- What no longer exists, without anyone's personal data: an erased customer (member_uid
-- null) or a member's removed link to a customer.
CREATE TABLE kd.gone (
    change_seq bigint NOT NULL,
    customer_uid uuid NOT NULL,
    member_uid uuid,
    gone_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX gone_change_seq ON kd.gone (change_seq);
CREATE UNIQUE INDEX gone_erased ON kd.gone (customer_uid) WHERE member_uid IS NULL;

-- A customer a desk created under a uid that was merged into an existing customer: later
-- ops naming the desk's uid (queued before it heard of the merge) act on that customer.
CREATE TABLE kd.customer_aliases (
    wanted uuid PRIMARY KEY,
    into_uid uuid NOT NULL
);
REVOKE ALL ON kd.customer_aliases FROM PUBLIC;

-- The ops applied, by uid, with the answer each got.
CREATE TABLE kd.ops (
    uid uuid PRIMARY KEY,
    desk_uid uuid NOT NULL REFERENCES kd.desks (uid),
    change_seq bigint NOT NULL,
    kind text NOT NULL,
    result jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- The agency's staff as every desk shows them: who created or serves a customer. Staff
-- change only through an owner's or admin's desk that is online.
CREATE TABLE kd.members (
    uid uuid PRIMARY KEY,
    email text NOT NULL,
    display_name text NOT NULL,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'agent')),
    active boolean NOT NULL DEFAULT true,
    change_seq bigint NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX members_email ON kd.members (lower(email));
CREATE INDEX members_change_seq ON kd.members (change_seq);

REVOKE ALL ON kd.change_counter, kd.gone, kd.ops, kd.members FROM PUBLIC;

-- A desk whose member was disabled is no desk until the member is enabled again: it reads
-- and pushes nothing, like a revoked one.
CREATE OR REPLACE FUNCTION kd.calling_desk() RETURNS kd.desks
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT d FROM kd.desks d
    WHERE d.login = session_user AND d.revoked_at IS NULL AND d.enrolled_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM kd.members m WHERE m.uid = d.member_uid AND NOT m.active)
$$;

-- kd.may_see asks kd.calling_desk, so that the two never disagree.
CREATE OR REPLACE FUNCTION kd.may_see(customer uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT COALESCE((SELECT d.member_role IN ('owner', 'admin')
                            OR EXISTS (SELECT 1 FROM kd.customer_links l
                                       WHERE l.customer_uid = customer
                                         AND l.member_uid = d.member_uid)
                     FROM kd.calling_desk() d
                     WHERE d.uid IS NOT NULL), false)
$$;

-- The member of the calling desk, when it is enrolled and not revoked; null otherwise.
CREATE FUNCTION kd.calling_member() RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT (kd.calling_desk()).member_uid
$$;
REVOKE ALL ON FUNCTION kd.calling_member() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.calling_member() TO PUBLIC;

-- Row security asks who the caller is once per query, not once per row (a sub-select of
-- a function without arguments is evaluated once): an owner's desk reading 100,000
-- customers no longer looks itself up 100,000 times. The rule itself is kd.may_see's.

-- Whether the calling desk is an enrolled owner's or admin's, who see every customer.
CREATE FUNCTION kd.sees_every_customer() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT COALESCE((kd.calling_desk()).member_role IN ('owner', 'admin'), false)
$$;
REVOKE ALL ON FUNCTION kd.sees_every_customer() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.sees_every_customer() TO PUBLIC;

-- Whether `member` serves `customer` (false for no member).
CREATE FUNCTION kd.member_serves(customer uuid, member uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT member IS NOT NULL AND EXISTS (
        SELECT 1 FROM kd.customer_links l
        WHERE l.customer_uid = customer AND l.member_uid = member)
$$;
REVOKE ALL ON FUNCTION kd.member_serves(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.member_serves(uuid, uuid) TO PUBLIC;

DROP POLICY desks_see_their_customers ON kd.customers;
CREATE POLICY desks_see_their_customers ON kd.customers
    FOR SELECT TO PUBLIC
    USING ((SELECT kd.sees_every_customer())
           OR kd.member_serves(uid, (SELECT kd.calling_member())));
DROP POLICY desks_see_their_customers_links ON kd.customer_links;
CREATE POLICY desks_see_their_customers_links ON kd.customer_links
    FOR SELECT TO PUBLIC
    USING ((SELECT kd.sees_every_customer())
           OR kd.member_serves(customer_uid, (SELECT kd.calling_member())));

-- An erased customer is news to every desk (its uid is all there is); a removed link to
-- the member it named and to whoever still sees the customer.
ALTER TABLE kd.gone ENABLE ROW LEVEL SECURITY;
CREATE POLICY desks_see_what_left_their_view ON kd.gone
    FOR SELECT TO PUBLIC
    USING ((SELECT kd.calling_member()) IS NOT NULL
           AND (member_uid IS NULL
                OR member_uid = (SELECT kd.calling_member())
                OR (SELECT kd.sees_every_customer())
                OR kd.member_serves(customer_uid, (SELECT kd.calling_member()))));
GRANT SELECT ON kd.gone TO PUBLIC;

-- Every enrolled desk reads the staff list; nobody else.
ALTER TABLE kd.members ENABLE ROW LEVEL SECURITY;
CREATE POLICY desks_see_the_staff ON kd.members
    FOR SELECT TO PUBLIC
    USING ((SELECT kd.calling_member()) IS NOT NULL);
GRANT SELECT ON kd.members TO PUBLIC;

-- The customer fields desks exchange besides the email: the customer form's fields and
-- the customer's status. Keydesk checks this list against its own.
CREATE FUNCTION kd.customer_field_names() RETURNS text[]
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ARRAY['first_name', 'last_name', 'phone', 'company', 'address', 'city',
                 'country', 'birth_date', 'preferred_language', 'contact_method', 'tier',
                 'notes', 'marketing_consent', 'status']
$$;
REVOKE ALL ON FUNCTION kd.customer_field_names() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.customer_field_names() TO PUBLIC;

-- `fields` when it is an object of known fields holding text, booleans or nulls.
CREATE FUNCTION kd.checked_fields(fields jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    field_name text;
    field_value jsonb;
BEGIN
    IF fields IS NULL THEN
        RETURN '{}'::jsonb;
    END IF;
    IF jsonb_typeof(fields) <> 'object' THEN
        RAISE EXCEPTION 'customer fields come as an object' USING ERRCODE = '22023';
    END IF;
    FOR field_name, field_value IN SELECT key, v FROM jsonb_each(fields) AS f (key, v) LOOP
        IF NOT field_name = ANY (kd.customer_field_names()) THEN
            RAISE EXCEPTION 'unknown customer field %', field_name USING ERRCODE = '22023';
        END IF;
        IF jsonb_typeof(field_value) NOT IN ('string', 'boolean', 'null')
           OR length(field_value #>> '{}') > 10000 THEN
            RAISE EXCEPTION 'customer field % holds text, true or false, or nothing', field_name
                USING ERRCODE = '22023';
        END IF;
    END LOOP;
    RETURN fields;
END
$$;
REVOKE ALL ON FUNCTION kd.checked_fields(jsonb) FROM PUBLIC;

-- A customer as desks receive it.
CREATE FUNCTION kd.customer_state(c kd.customers) RETURNS jsonb
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object(
        'uid', c.uid,
        'email', c.email,
        'fields', c.fields,
        'version', c.version,
        'created_at', c.created_at,
        'created_by', c.created_by_member,
        'updated_at', c.updated_at)
$$;
REVOKE ALL ON FUNCTION kd.customer_state(kd.customers) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.customer_state(kd.customers) TO PUBLIC;

-- Who changed a field, at which version.
CREATE FUNCTION kd.field_version(version bigint, desk kd.desks) RETURNS jsonb
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object('version', version, 'member', desk.member_uid,
                              'desk', desk.uid, 'at', now())
$$;
REVOKE ALL ON FUNCTION kd.field_version(bigint, kd.desks) FROM PUBLIC;

-- The customer `customer` names now: itself, or the one it was merged into.
CREATE FUNCTION kd.resolved(customer uuid) RETURNS uuid
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT COALESCE((SELECT a.into_uid FROM kd.customer_aliases a WHERE a.wanted = customer),
                    customer)
$$;
REVOKE ALL ON FUNCTION kd.resolved(uuid) FROM PUBLIC;

CREATE FUNCTION kd.is_erased(customer uuid) RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM kd.gone g
                   WHERE g.customer_uid = customer AND g.member_uid IS NULL)
$$;
REVOKE ALL ON FUNCTION kd.is_erased(uuid) FROM PUBLIC;

CREATE FUNCTION kd.refused(op jsonb, reason text) RETURNS jsonb
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT jsonb_build_object('op', op->'op', 'status', 'refused', 'reason', reason,
                              'customer', op->'customer')
$$;
REVOKE ALL ON FUNCTION kd.refused(jsonb, text) FROM PUBLIC;

-- customer.create {customer, email, fields}: a new customer, linked to the desk's member.
-- When the agency has a customer with that email already, the desk's member is linked to
-- it instead, and the answer says whose it was, since when, and which fields differ.
CREATE FUNCTION kd.push_customer_create(desk kd.desks, op jsonb, seq bigint) RETURNS jsonb
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    wanted uuid := (op->>'customer')::uuid;
    new_email text := btrim(op->>'email');
    new_fields jsonb := kd.checked_fields(op->'fields');
    existing kd.customers;
    versions jsonb;
BEGIN
    IF wanted IS NULL THEN
        RAISE EXCEPTION 'customer.create names the new customer''s uid' USING ERRCODE = '22023';
    END IF;
    IF new_email IS NULL OR new_email = '' OR length(new_email) > 320 THEN
        RAISE EXCEPTION 'customer.create needs an email' USING ERRCODE = '22023';
    END IF;
    IF kd.is_erased(wanted) THEN
        RETURN kd.refused(op, 'erased');
    END IF;
    IF EXISTS (SELECT 1 FROM kd.customers c WHERE c.uid = wanted) THEN
        RETURN kd.refused(op, 'exists');
    END IF;
    SELECT * INTO existing FROM kd.customers c WHERE lower(c.email) = lower(new_email);
    IF FOUND THEN
        INSERT INTO kd.customer_links (customer_uid, member_uid, change_seq)
        VALUES (existing.uid, desk.member_uid, seq)
        ON CONFLICT DO NOTHING;
        INSERT INTO kd.customer_aliases (wanted, into_uid) VALUES (wanted, existing.uid)
        ON CONFLICT DO NOTHING;
        RETURN jsonb_build_object(
            'op', op->'op', 'status', 'merged', 'customer', wanted, 'into', existing.uid,
            'by', existing.created_by_member, 'at', existing.created_at,
            'differs', (SELECT COALESCE(jsonb_agg(f.key ORDER BY f.key), '[]'::jsonb)
                        FROM jsonb_each(new_fields) AS f
                        WHERE existing.fields->f.key IS DISTINCT FROM f.value));
    END IF;
    SELECT jsonb_object_agg(name, kd.field_version(1, desk))
    INTO versions
    FROM (SELECT 'email' AS name UNION ALL SELECT jsonb_object_keys(new_fields)) AS names;
    INSERT INTO kd.customers (uid, email, fields, version, change_seq, field_versions,
                              created_by_member, created_by_desk)
    VALUES (wanted, new_email, new_fields, 1, seq, versions, desk.member_uid, desk.uid);
    INSERT INTO kd.customer_links (customer_uid, member_uid, change_seq)
    VALUES (wanted, desk.member_uid, seq);
    RETURN jsonb_build_object('op', op->'op', 'status', 'applied', 'customer', wanted);
END
$$;
REVOKE ALL ON FUNCTION kd.push_customer_create(kd.desks, jsonb, bigint) FROM PUBLIC;

-- customer.update {customer, base_version, changes}: each changed field applies unless
-- another desk changed it after `base_version`; those are named in `conflicts`.
CREATE FUNCTION kd.push_customer_update(desk kd.desks, op jsonb, seq bigint) RETURNS jsonb
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    target uuid := kd.resolved((op->>'customer')::uuid);
    base bigint := (op->>'base_version')::bigint;
    changes jsonb := op->'changes';
    present kd.customers;
    field_name text;
    field_value jsonb;
    last jsonb;
    applied text[] := '{}';
    conflicts jsonb := '[]'::jsonb;
BEGIN
    IF target IS NULL OR base IS NULL OR jsonb_typeof(changes) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'customer.update names a customer, a base version and changes'
            USING ERRCODE = '22023';
    END IF;
    PERFORM kd.checked_fields(changes - 'email');
    IF changes ? 'email' AND (jsonb_typeof(changes->'email') <> 'string'
                              OR btrim(changes->>'email') = ''
                              OR length(changes->>'email') > 320) THEN
        RAISE EXCEPTION 'a customer''s email is text' USING ERRCODE = '22023';
    END IF;
    IF kd.is_erased(target) THEN
        RETURN kd.refused(op, 'erased');
    END IF;
    SELECT * INTO present FROM kd.customers c WHERE c.uid = target FOR UPDATE;
    IF NOT FOUND OR NOT kd.may_see(target) THEN
        RETURN kd.refused(op, 'not_found');
    END IF;
    FOR field_name, field_value IN SELECT key, v FROM jsonb_each(changes) AS f (key, v) ORDER BY key LOOP
        last := present.field_versions->field_name;
        IF last IS NOT NULL AND (last->>'version')::bigint > base
           AND (last->>'desk')::uuid IS DISTINCT FROM desk.uid THEN
            conflicts := conflicts || jsonb_build_object(
                'field', field_name, 'reason', 'changed', 'by', last->'member', 'desk', last->'desk',
                'at', last->'at');
        ELSIF field_name = 'email' AND EXISTS (
                SELECT 1 FROM kd.customers c
                WHERE lower(c.email) = lower(btrim(field_value #>> '{}')) AND c.uid <> target) THEN
            conflicts := conflicts || jsonb_build_object('field', field_name, 'reason', 'taken');
        ELSE
            IF field_name = 'email' THEN
                present.email := btrim(field_value #>> '{}');
            ELSE
                present.fields := jsonb_set(present.fields, ARRAY[field_name], field_value);
            END IF;
            applied := applied || field_name;
        END IF;
    END LOOP;
    IF cardinality(applied) > 0 THEN
        present.version := present.version + 1;
        FOREACH field_name IN ARRAY applied LOOP
            present.field_versions := jsonb_set(present.field_versions, ARRAY[field_name],
                                                kd.field_version(present.version, desk));
        END LOOP;
        UPDATE kd.customers c
        SET email = present.email, fields = present.fields, version = present.version,
            field_versions = present.field_versions, change_seq = seq, updated_at = now()
        WHERE c.uid = target;
    END IF;
    RETURN jsonb_build_object(
        'op', op->'op',
        'status', CASE WHEN jsonb_array_length(conflicts) = 0 THEN 'applied'
                       WHEN cardinality(applied) = 0 THEN 'conflict'
                       ELSE 'partly' END,
        'customer', target, 'applied', to_jsonb(applied), 'conflicts', conflicts);
END
$$;
REVOKE ALL ON FUNCTION kd.push_customer_update(kd.desks, jsonb, bigint) FROM PUBLIC;

-- customer.erase {customer}: an owner's desk removes the customer and its links for good;
-- only its uid is kept, so that later edits of it are refused.
CREATE FUNCTION kd.push_customer_erase(desk kd.desks, op jsonb, seq bigint) RETURNS jsonb
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    target uuid := kd.resolved((op->>'customer')::uuid);
BEGIN
    IF target IS NULL THEN
        RAISE EXCEPTION 'customer.erase names a customer' USING ERRCODE = '22023';
    END IF;
    IF desk.member_role <> 'owner' THEN
        RETURN kd.refused(op, 'not_allowed');
    END IF;
    IF kd.is_erased(target) THEN
        RETURN jsonb_build_object('op', op->'op', 'status', 'applied', 'customer', target);
    END IF;
    DELETE FROM kd.customers c WHERE c.uid = target;
    IF NOT FOUND THEN
        RETURN kd.refused(op, 'not_found');
    END IF;
    INSERT INTO kd.gone (change_seq, customer_uid) VALUES (seq, target);
    RETURN jsonb_build_object('op', op->'op', 'status', 'applied', 'customer', target);
END
$$;
REVOKE ALL ON FUNCTION kd.push_customer_erase(kd.desks, jsonb, bigint) FROM PUBLIC;

-- link.add / link.remove {customer, member}: an owner's or admin's desk decides which
-- members serve a customer.
CREATE FUNCTION kd.push_link(desk kd.desks, op jsonb, seq bigint) RETURNS jsonb
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    target uuid := kd.resolved((op->>'customer')::uuid);
    member uuid := (op->>'member')::uuid;
BEGIN
    IF target IS NULL OR member IS NULL THEN
        RAISE EXCEPTION '% names a customer and a member', op->>'kind' USING ERRCODE = '22023';
    END IF;
    IF desk.member_role NOT IN ('owner', 'admin') THEN
        RETURN kd.refused(op, 'not_allowed');
    END IF;
    IF kd.is_erased(target) THEN
        RETURN kd.refused(op, 'erased');
    END IF;
    IF NOT EXISTS (SELECT 1 FROM kd.customers c WHERE c.uid = target) THEN
        RETURN kd.refused(op, 'not_found');
    END IF;
    IF op->>'kind' = 'link.add' THEN
        INSERT INTO kd.customer_links (customer_uid, member_uid, change_seq)
        VALUES (target, member, seq)
        ON CONFLICT DO NOTHING;
    ELSE
        DELETE FROM kd.customer_links l WHERE l.customer_uid = target AND l.member_uid = member;
        IF FOUND THEN
            INSERT INTO kd.gone (change_seq, customer_uid, member_uid) VALUES (seq, target, member);
        END IF;
    END IF;
    RETURN jsonb_build_object('op', op->'op', 'status', 'applied', 'customer', target);
END
$$;
REVOKE ALL ON FUNCTION kd.push_link(kd.desks, jsonb, bigint) FROM PUBLIC;

-- member.put {member, email, display_name, role, active}: an owner's or admin's desk adds
-- or changes a staff member; the member's desks then see what the new role sees. As on a
-- desk: only an owner's desk makes or changes an owner, no desk changes its own member's
-- role or disables them, and the last active owner stays one.
CREATE FUNCTION kd.push_member(desk kd.desks, op jsonb, seq bigint) RETURNS jsonb
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    member uuid := (op->>'member')::uuid;
    new_email text := btrim(op->>'email');
    new_name text := btrim(op->>'display_name');
    new_role text := op->>'role';
    new_active boolean := (op->>'active')::boolean;
    present kd.members;
BEGIN
    IF member IS NULL OR new_active IS NULL OR new_email IS NULL OR new_email = ''
       OR length(new_email) > 320 OR new_name IS NULL OR new_name = ''
       OR length(new_name) > 200 OR new_role IS NULL
       OR new_role NOT IN ('owner', 'admin', 'agent') THEN
        RAISE EXCEPTION 'member.put names a member, an email, a name, a role and whether active'
            USING ERRCODE = '22023';
    END IF;
    IF desk.member_role NOT IN ('owner', 'admin') THEN
        RETURN kd.refused(op, 'not_allowed');
    END IF;
    SELECT * INTO present FROM kd.members m WHERE m.uid = member FOR UPDATE;
    IF desk.member_role <> 'owner' AND (new_role = 'owner' OR present.role = 'owner') THEN
        RETURN kd.refused(op, 'not_allowed');
    END IF;
    IF member = desk.member_uid AND (new_role <> desk.member_role OR NOT new_active) THEN
        RETURN kd.refused(op, 'not_allowed');
    END IF;
    IF present.role = 'owner' AND present.active AND (new_role <> 'owner' OR NOT new_active)
       AND NOT EXISTS (SELECT 1 FROM kd.members m
                       WHERE m.role = 'owner' AND m.active AND m.uid <> member) THEN
        RETURN kd.refused(op, 'not_allowed');
    END IF;
    IF EXISTS (SELECT 1 FROM kd.members m
               WHERE lower(m.email) = lower(new_email) AND m.uid <> member) THEN
        RETURN kd.refused(op, 'exists');
    END IF;
    INSERT INTO kd.members AS m (uid, email, display_name, role, active, change_seq)
    VALUES (member, new_email, new_name, new_role, new_active, seq)
    ON CONFLICT (uid) DO UPDATE
    SET email = excluded.email, display_name = excluded.display_name, role = excluded.role,
        active = excluded.active, change_seq = excluded.change_seq;
    UPDATE kd.desks d SET member_role = new_role WHERE d.member_uid = member;
    RETURN jsonb_build_object('op', op->'op', 'status', 'applied', 'member', member);
END
$$;
REVOKE ALL ON FUNCTION kd.push_member(kd.desks, jsonb, bigint) FROM PUBLIC;

-- Applies the calling desk's `ops` (an array, oldest first, at most 1,000) and answers
-- each, in order, with its result and the customer as it now is (when the desk sees it).
-- A malformed op refuses the whole push and changes nothing.
CREATE FUNCTION kd.push(ops jsonb) RETURNS jsonb
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    desk kd.desks := kd.calling_desk();
    op jsonb;
    op_uid uuid;
    done kd.ops;
    result jsonb;
    results jsonb := '[]'::jsonb;
    last_seq bigint;
    changed boolean := false;
    state kd.customers;
BEGIN
    IF desk.uid IS NULL THEN
        RAISE EXCEPTION 'this desk is not enrolled in the agency, or was revoked: its changes are refused'
            USING ERRCODE = '42501';
    END IF;
    IF jsonb_typeof(ops) IS DISTINCT FROM 'array' OR jsonb_array_length(ops) > 1000 THEN
        RAISE EXCEPTION 'a push is an array of at most 1000 ops' USING ERRCODE = '22023';
    END IF;
    -- One push at a time, in commit order (see the top of this file).
    SELECT c.seq INTO last_seq FROM kd.change_counter c FOR UPDATE;
    FOR op IN SELECT value FROM jsonb_array_elements(ops) LOOP
        IF jsonb_typeof(op) IS DISTINCT FROM 'object' OR op->>'op' IS NULL THEN
            RAISE EXCEPTION 'each op is an object with its uid in "op"' USING ERRCODE = '22023';
        END IF;
        op_uid := (op->>'op')::uuid;
        SELECT * INTO done FROM kd.ops o WHERE o.uid = op_uid;
        IF FOUND THEN
            IF done.desk_uid <> desk.uid THEN
                RAISE EXCEPTION 'op % was pushed by another desk', op_uid USING ERRCODE = '23505';
            END IF;
            result := done.result;
        ELSE
            last_seq := last_seq + 1;
            result := CASE op->>'kind'
                WHEN 'customer.create' THEN kd.push_customer_create(desk, op, last_seq)
                WHEN 'customer.update' THEN kd.push_customer_update(desk, op, last_seq)
                WHEN 'customer.erase' THEN kd.push_customer_erase(desk, op, last_seq)
                WHEN 'link.add' THEN kd.push_link(desk, op, last_seq)
                WHEN 'link.remove' THEN kd.push_link(desk, op, last_seq)
                WHEN 'member.put' THEN kd.push_member(desk, op, last_seq)
            END;
            IF result IS NULL THEN
                RAISE EXCEPTION 'unknown op kind %', op->>'kind' USING ERRCODE = '22023';
            END IF;
            INSERT INTO kd.ops (uid, desk_uid, change_seq, kind, result)
            VALUES (op_uid, desk.uid, last_seq, op->>'kind', result);
            changed := true;
        END IF;
        -- The customer as it is now, never kept with the result: an erased customer's
        -- data must not outlive it in the answers kept for repeated pushes.
        SELECT * INTO state FROM kd.customers c
        WHERE c.uid = COALESCE((result->>'into')::uuid, (result->>'customer')::uuid);
        IF FOUND AND kd.may_see(state.uid) THEN
            result := result || jsonb_build_object('state', kd.customer_state(state));
        END IF;
        results := results || jsonb_build_array(result);
    END LOOP;
    IF changed THEN
        UPDATE kd.change_counter SET seq = last_seq;
        PERFORM pg_notify('kd_changes', '');
    END IF;
    RETURN jsonb_build_object('results', results);
END
$$;
REVOKE ALL ON FUNCTION kd.push(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.push(jsonb) TO PUBLIC;

-- The server's latest change number, for an enrolled desk to show how far its pull has
-- come (0 for anyone else).
CREATE FUNCTION kd.latest_change() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT CASE WHEN kd.calling_member() IS NULL THEN 0 ELSE c.seq END
    FROM kd.change_counter c
$$;
REVOKE ALL ON FUNCTION kd.latest_change() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.latest_change() TO PUBLIC;

-- What changed since `after` that the calling desk sees, oldest first: at most about
-- `max_changes` change numbers (all changes of one number come together), as
-- {changes: [{seq, type: member|customer|link|gone, ...}], cursor, more, latest}. It reads with the
-- desk's own rights, so row-level security decides what it returns.
CREATE FUNCTION kd.pull(after bigint, max_changes integer) RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me uuid := kd.calling_member();
    upto bigint;
    changes jsonb;
BEGIN
    IF me IS NULL THEN
        RAISE EXCEPTION 'this desk is not enrolled in the agency, or was revoked'
            USING ERRCODE = '42501';
    END IF;
    IF after IS NULL OR after < 0 OR max_changes IS NULL OR max_changes NOT BETWEEN 1 AND 10000 THEN
        RAISE EXCEPTION 'pull reads from a change number ≥ 0, 1 to 10000 changes at a time'
            USING ERRCODE = '22023';
    END IF;
    SELECT max(s) INTO upto FROM (
        SELECT s FROM (
            (SELECT c.change_seq AS s FROM kd.customers c WHERE c.change_seq > after
             ORDER BY c.change_seq LIMIT max_changes)
            UNION
            (SELECT l.change_seq FROM kd.customer_links l WHERE l.change_seq > after
             ORDER BY l.change_seq LIMIT max_changes)
            UNION
            (SELECT g.change_seq FROM kd.gone g WHERE g.change_seq > after
             ORDER BY g.change_seq LIMIT max_changes)
            UNION
            (SELECT m.change_seq FROM kd.members m WHERE m.change_seq > after
             ORDER BY m.change_seq LIMIT max_changes)
        ) AS numbers
        ORDER BY s LIMIT max_changes
    ) AS page;
    IF upto IS NULL THEN
        RETURN jsonb_build_object('changes', '[]'::jsonb, 'cursor', after, 'more', false,
                                  'latest', kd.latest_change());
    END IF;
    SELECT COALESCE(jsonb_agg(change ORDER BY s, rank), '[]'::jsonb) INTO changes FROM (
        SELECT m.change_seq AS s, -1 AS rank,
               jsonb_build_object('seq', m.change_seq, 'type', 'member',
                                  'member', jsonb_build_object(
                                      'uid', m.uid, 'email', m.email,
                                      'display_name', m.display_name, 'role', m.role,
                                      'active', m.active)) AS change
        FROM kd.members m
        WHERE m.change_seq > after AND m.change_seq <= upto
        UNION ALL
        SELECT c.change_seq, 1,
               jsonb_build_object('seq', c.change_seq, 'type', 'customer',
                                  'customer', kd.customer_state(c))
        FROM kd.customers c
        WHERE c.change_seq > after AND c.change_seq <= upto
        UNION ALL
        -- A customer newly linked to this desk's member comes again, whenever it changed.
        SELECT l.change_seq, 0,
               jsonb_build_object('seq', l.change_seq, 'type', 'customer',
                                  'customer', kd.customer_state(c))
        FROM kd.customer_links l JOIN kd.customers c ON c.uid = l.customer_uid
        WHERE l.member_uid = me AND l.change_seq > after AND l.change_seq <= upto
          AND c.change_seq <> l.change_seq
        UNION ALL
        SELECT l.change_seq, 2,
               jsonb_build_object('seq', l.change_seq, 'type', 'link',
                                  'customer', l.customer_uid, 'member', l.member_uid,
                                  'linked_at', l.linked_at)
        FROM kd.customer_links l
        WHERE l.change_seq > after AND l.change_seq <= upto
        UNION ALL
        SELECT g.change_seq, 3,
               jsonb_build_object('seq', g.change_seq, 'type', 'gone',
                                  'customer', g.customer_uid, 'member', g.member_uid)
        FROM kd.gone g
        WHERE g.change_seq > after AND g.change_seq <= upto
    ) AS page;
    RETURN jsonb_build_object(
        'changes', changes,
        'cursor', upto,
        'latest', kd.latest_change(),
        'more', EXISTS (SELECT 1 FROM kd.customers c WHERE c.change_seq > upto)
             OR EXISTS (SELECT 1 FROM kd.customer_links l WHERE l.change_seq > upto)
             OR EXISTS (SELECT 1 FROM kd.gone g WHERE g.change_seq > upto)
             OR EXISTS (SELECT 1 FROM kd.members m WHERE m.change_seq > upto));
END
$$;
REVOKE ALL ON FUNCTION kd.pull(bigint, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.pull(bigint, integer) TO PUBLIC;

-- The agency's desks, for an owner's desk (to show them on the Staff page and revoke one):
-- whose desk each is, its name, and when it was invited, enrolled and revoked.
CREATE FUNCTION kd.list_desks() RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT kd.may_manage_desks() THEN
        RAISE EXCEPTION 'only an owner''s desk may list desks' USING ERRCODE = '42501';
    END IF;
    RETURN (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                'uid', d.uid, 'member', d.member_uid, 'role', d.member_role,
                'label', d.label, 'invited_at', d.invited_at, 'enrolled_at', d.enrolled_at,
                'revoked_at', d.revoked_at) ORDER BY d.invited_at), '[]'::jsonb)
            FROM kd.desks d);
END
$$;
REVOKE ALL ON FUNCTION kd.list_desks() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.list_desks() TO PUBLIC;
