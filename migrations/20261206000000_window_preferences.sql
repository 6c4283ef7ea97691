-- How each member's window speaks on this desk (language, calendar), as the member chose
-- it. The sign-in screen speaks the language chosen last.
CREATE TABLE window_preferences (
    staff_id  INTEGER PRIMARY KEY REFERENCES staff (id) ON DELETE CASCADE,
    language  TEXT    NOT NULL,
    calendar  TEXT    NOT NULL,
    chosen_at TEXT    NOT NULL
) STRICT;
