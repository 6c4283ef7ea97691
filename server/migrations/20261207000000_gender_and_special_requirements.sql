-- Two customer fields travel agencies asked for: the customer's gender and their special
-- requirements (diet, accessibility, seating). They travel among the other fields.
--
-- A desk of protocol 1 refuses a customer holding a field it does not know, so this is
-- protocol 2 and the server no longer takes protocol 1: such a desk is told to update,
-- and keeps its queued changes until it is.
CREATE OR REPLACE FUNCTION kd.customer_field_names() RETURNS text[]
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT ARRAY['first_name', 'last_name', 'phone', 'company', 'address', 'city',
                 'country', 'birth_date', 'gender', 'preferred_language', 'contact_method',
                 'tier', 'special_requirements', 'notes', 'marketing_consent', 'status']
$$;

UPDATE kd.server SET protocol = 2, oldest_protocol = 2;
