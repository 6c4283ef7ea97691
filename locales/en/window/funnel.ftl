## The dashboard's funnel: of the customers created lately, how far each got.

funnel-title = Is it working?
funnel-whose-all = Customers created in the period, and how far each got.
funnel-whose-own = The customers linked to you created in the period, and how far each got.
funnel-whose-label = Whose customers
funnel-period-label = Period
funnel-all-staff = All staff
funnel-staff-disabled = { $name } (disabled)
funnel-counting = Counting…
funnel-failed = Could not count the funnel: { $reason }
funnel-steps = Funnel
funnel-created = Customers created
funnel-handed-over = Login handed over
funnel-verified = Email verified
funnel-signed-in = Signed in on the portal
funnel-percent = { $n }%
# A way logins were handed over and how many customers got theirs that way.
funnel-channel = { $channel } { $n }
funnel-none-created = No customers were created in this period.
funnel-bar-created = Week of { $week }: { $n } customers created
funnel-bar-handed-over = Week of { $week }: { $n } login handed over
funnel-bar-verified = Week of { $week }: { $n } email verified
funnel-bar-signed-in = Week of { $week }: { $n } signed in on the portal
funnel-by-week = By week (UTC, Monday to Sunday)
funnel-week-of = Week of
funnel-col-created = Created
funnel-col-handed-over = Handed over
funnel-col-verified = Verified
funnel-col-signed-in = Signed in
funnel-waiting-title = Waiting longest to be handed over
funnel-waiting-none = No login is waiting.
# Between a customer's name and the time their login was made.
funnel-since = since
