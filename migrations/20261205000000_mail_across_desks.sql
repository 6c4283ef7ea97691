-- Which state of each customer mail the agency server last heard of from this desk
-- (NULL: not yet). A desk tells the server about its mails so an owner can take over the
-- mail of a revoked desk; a mail the server knows is then never sent from a desk that
-- learnt it was revoked.
ALTER TABLE outbox ADD COLUMN reported_state TEXT;

-- The customer mails whose state the server has not heard yet.
CREATE INDEX outbox_to_report ON outbox (id)
    WHERE reported_state IS NOT state
      AND kind IN ('welcome', 'welcome_credentials', 'credentials_reset');
