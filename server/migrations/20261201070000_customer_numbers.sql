-- Numbers shown to people: each customer gets the agency's next number when the server
-- first takes it, the same on every desk (each desk's own row ids differ). Customers the
-- server holds already are numbered in the order they were created.
ALTER TABLE kd.customers ADD COLUMN number bigint;
CREATE SEQUENCE kd.customer_numbers OWNED BY kd.customers.number;
REVOKE ALL ON SEQUENCE kd.customer_numbers FROM PUBLIC;
UPDATE kd.customers c SET number = n.number
FROM (SELECT uid, row_number() OVER (ORDER BY created_at, uid) AS number FROM kd.customers) n
WHERE n.uid = c.uid;
SELECT setval('kd.customer_numbers', COALESCE((SELECT max(number) FROM kd.customers), 0) + 1, false);
ALTER TABLE kd.customers
    ALTER COLUMN number SET DEFAULT nextval('kd.customer_numbers'),
    ALTER COLUMN number SET NOT NULL,
    ADD CONSTRAINT customers_number_key UNIQUE (number);

CREATE OR REPLACE FUNCTION kd.customer_state(c kd.customers) RETURNS jsonb
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
        'updated_at', c.updated_at,
        'number', c.number)
$$;
