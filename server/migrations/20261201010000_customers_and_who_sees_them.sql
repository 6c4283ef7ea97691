-- Customers on the agency server, their links to staff members, and who may see them.
--
-- Desks read these tables directly (that is how `pull` will read them), under row-level
-- security: an owner's or admin's desk sees every customer, an agent's desk only the
-- customers linked to its member, any other login none. The rule reads the desks table
-- through a SECURITY DEFINER function, since desks may not read it themselves. Nobody but
-- the owner of the schema writes here: desks will change customers through functions.

CREATE TABLE kd.customers (
    uid uuid PRIMARY KEY,
    email text NOT NULL,
    -- The customer's other fields, by name; per-field versions come with `push`.
    fields jsonb NOT NULL DEFAULT '{}'::jsonb,
    version bigint NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
-- One customer per email in the whole agency.
CREATE UNIQUE INDEX customers_email ON kd.customers (lower(email));

CREATE TABLE kd.customer_links (
    customer_uid uuid NOT NULL REFERENCES kd.customers (uid) ON DELETE CASCADE,
    member_uid uuid NOT NULL,
    linked_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_uid, member_uid)
);
CREATE INDEX customer_links_member ON kd.customer_links (member_uid, customer_uid);

-- Whether the desk calling may see the customer `customer`: the caller is an enrolled,
-- unrevoked desk, and its member is an owner or admin, or is linked to the customer.
CREATE FUNCTION kd.may_see(customer uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (
        SELECT 1
        FROM kd.desks d
        WHERE d.login = session_user
          AND d.revoked_at IS NULL
          AND (d.member_role IN ('owner', 'admin')
               OR EXISTS (SELECT 1 FROM kd.customer_links l
                          WHERE l.customer_uid = customer AND l.member_uid = d.member_uid)))
$$;
REVOKE ALL ON FUNCTION kd.may_see(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.may_see(uuid) TO PUBLIC;

ALTER TABLE kd.customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE kd.customer_links ENABLE ROW LEVEL SECURITY;
CREATE POLICY desks_see_their_customers ON kd.customers
    FOR SELECT TO PUBLIC USING (kd.may_see(uid));
CREATE POLICY desks_see_their_customers_links ON kd.customer_links
    FOR SELECT TO PUBLIC USING (kd.may_see(customer_uid));

REVOKE ALL ON kd.customers, kd.customer_links FROM PUBLIC;
GRANT SELECT ON kd.customers, kd.customer_links TO PUBLIC;
