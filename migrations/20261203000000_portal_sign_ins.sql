-- Each sign-in to the agency's portal that Keydesk was told of, once: importing the
-- portal's file again finds them known and changes nothing. The account's last sign-in
-- and count follow from the sign-ins recorded.
CREATE TABLE portal_sign_ins (
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    signed_in_at TEXT    NOT NULL,
    ip           TEXT,
    recorded_at  TEXT    NOT NULL,
    PRIMARY KEY (customer_id, signed_in_at)
) STRICT, WITHOUT ROWID;
