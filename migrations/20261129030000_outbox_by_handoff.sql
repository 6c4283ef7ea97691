-- The mails that carry a handoff's login, found by handoff: a revoke cancels the
-- waiting ones, and a handoff whose mail went out is closed as sent by email.
CREATE INDEX outbox_by_handoff ON outbox (handoff_id, state) WHERE handoff_id IS NOT NULL;
