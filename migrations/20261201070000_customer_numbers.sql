-- The number the agency server gives each customer, the same on every desk (each desk's
-- own row ids differ). A desk that already syncs reads every customer once more from the
-- server's start to learn theirs; its changes waiting are not touched.
ALTER TABLE customers ADD COLUMN agency_number INTEGER;
UPDATE sync_server SET pulled_up_to = 0;
