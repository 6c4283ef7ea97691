-- Whether a customer with an email exists anywhere in the agency (whatever its case), for
-- a desk about to create one: existence only, never whose customer it is or anything of
-- them. Only enrolled desks may ask.
CREATE FUNCTION kd.lookup_email(wanted text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF (kd.calling_desk()).uid IS NULL THEN
        RAISE EXCEPTION 'only an enrolled desk may look up emails' USING ERRCODE = '42501';
    END IF;
    RETURN EXISTS (SELECT 1 FROM kd.customers c WHERE lower(c.email) = lower(btrim(wanted)));
END
$$;
REVOKE ALL ON FUNCTION kd.lookup_email(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kd.lookup_email(text) TO PUBLIC;
