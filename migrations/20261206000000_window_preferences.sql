-- The language each member's window speaks on this desk, as the member chose it. The
-- sign-in screen speaks the one chosen last.
CREATE TABLE window_languages (
    staff_id  INTEGER PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
    language  TEXT    NOT NULL,
    chosen_at TEXT    NOT NULL
) STRICT;
