-- Which customer an audit row is about, so a customer's history is one indexed
-- lookup. No foreign key: erasing a customer keeps the rows (they hold no personal
-- data, only the number).
ALTER TABLE audit_log ADD COLUMN customer_id INTEGER;

CREATE INDEX audit_log_by_customer ON audit_log (customer_id, id) WHERE customer_id IS NOT NULL;
