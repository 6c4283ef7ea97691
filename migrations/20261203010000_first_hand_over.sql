-- The dashboard's funnel asks, for each customer created in a period, through which
-- channel their login was first handed over: answered from this index alone.
CREATE INDEX credential_handoffs_sent ON credential_handoffs (customer_id, id, channel)
    WHERE state = 'sent';
