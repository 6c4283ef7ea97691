## One customer's page: details, portal login, mail, handoffs and history.

customer-detail-what = the customer
customer-detail-not-found = Customer not found
customer-detail-not-found-text = It does not exist, or it is not linked to you. Go back to the list to find another.
customer-detail-number-title = The agency's number for this customer, the same on every desk
customer-detail-number = No. { $number }
customer-detail-edit = Edit
customer-detail-restore = Restore
customer-detail-archive = Archive
customer-detail-erase-title = Delete this customer's personal data for good
customer-detail-erase = Erase…
customer-detail-details = Details
customer-detail-phone = Phone
customer-detail-company = Company
customer-detail-address = Address
customer-detail-city = City
customer-detail-country = Country
customer-detail-birth-date = Date of birth
customer-detail-gender = Gender
customer-detail-special-requirements = Special requirements
customer-detail-language = Preferred language
customer-detail-contact = Preferred contact
customer-detail-marketing = Marketing
customer-detail-marketing-agreed = Agreed
customer-detail-marketing-not-agreed = Not agreed
customer-detail-notes = Notes
customer-detail-created = Created
customer-detail-updated = Updated
customer-detail-updated-by = by
customer-detail-archive-confirm-title = Archive { $name }?
customer-detail-archive-confirm = An archived customer leaves the everyday list (filter by Archived to find them) and can be restored at any time. Nothing is deleted.
customer-detail-erase-confirm-title = Erase { $name }?
customer-detail-erase-confirm = Erasing deletes this customer's personal data, portal login and links to staff for good. It cannot be undone. The audit log keeps only a line saying that customer's number was erased, by whom and when.
customer-detail-erase-for-good = Erase for good
customer-detail-erasing = Erasing…
customer-detail-erase-instead = To keep the customer but take them off the everyday list, archive them instead.
customer-detail-erase-type = Type the customer's email to confirm
customer-detail-erase-type-hint = Type { $email }
customer-detail-back-title = Back to the list (Esc)
customer-detail-back = All customers

## Portal login
customer-detail-login-title = Portal login
customer-detail-login = Login
customer-detail-email = Email
customer-detail-credentials = Credentials
customer-detail-no-login = No login
customer-detail-no-login-text = No portal login has been generated yet.
customer-detail-verified = Verified
customer-detail-not-verified = Not verified
customer-detail-not-required = Not required
customer-detail-credentials-none = None
customer-detail-must-change-password = Must change password
customer-detail-in-use = In use
customer-detail-login-count = { $count ->
    [0] never signed in
    [one] { $n } login
   *[other] { $n } logins
}
customer-detail-username = Username
customer-detail-last-login = Last login
customer-detail-never-signed-in = Never signed in
customer-detail-verified-on = on { $date }
customer-detail-sent-by = { $date } by { $name }
customer-detail-not-handed-over = Not handed over yet

## History
customer-detail-history = History
customer-detail-history-lead = From the audit log, newest first
customer-detail-history-what = the history
customer-detail-history-empty = Nothing recorded yet.
customer-detail-history-fewer = Show fewer
customer-detail-history-all = { $count ->
    [one] Show all { $n } entry
   *[other] Show all { $n } entries
}

## Handoffs
customer-detail-handoffs = Handoffs
customer-detail-handoffs-empty = No login has been handed over yet.
customer-detail-handoffs-loading = Loading…
customer-detail-handoff-closed = { $date } by { $name }
customer-detail-handoff-waiting = Waiting since { $date }
customer-detail-handoff-made = Made { $date } by { $name }
customer-detail-handoff-note = “{ $note }”
customer-detail-handoff-state = { $state ->
    [pending] pending — waiting to be handed over
    [sent] sent — handed over to the customer
    [revoked] revoked — reset the password to issue a new one
   *[expired] expired — reset the password to issue a new one
}
customer-detail-reset-password = Reset password
customer-detail-generate-login = Generate login
customer-detail-reset-done = New password made. It waits on the dashboard to be handed over; the old one no longer works.
customer-detail-needs-login = Needs a new login
customer-detail-needs-login-text = { $state ->
    [revoked] The last login was revoked before it was handed over; that password no longer works. Reset the password to issue a new one.
   *[expired] The last login was expired before it was handed over; that password no longer works. Reset the password to issue a new one.
}
customer-detail-reset-confirm-title = Reset password for { $name }?
customer-detail-generate-confirm-title = Generate login for { $name }?
customer-detail-reset-confirm = A new password is made and waits on the dashboard to be handed over. The current password stops working now, and a login still waiting is revoked.

## Mail
customer-detail-mail = Mail
customer-detail-mails-what = the mails
customer-detail-mails-empty = No mails yet. Send the welcome mail or a verification code.
customer-detail-email-verified = Email verified
customer-detail-email-not-verified = Email not verified
customer-detail-send-welcome = Send welcome mail
customer-detail-sending = Sending…
customer-detail-send-code = Send verification code
customer-detail-welcome-message = Personal message (optional)
customer-detail-welcome-hint = Goes to { $email } with the agency's branding, without login details.
customer-detail-send = Send
customer-detail-queuing = Queuing…
customer-detail-code = Code the customer reads back
customer-detail-verify = Verify
customer-detail-code-incomplete = Enter the 6 digits the customer reads out.
customer-detail-welcome-queued = Welcome mail to { $email } queued.
customer-detail-code-sent = Verification code sent to { $email }. It works for 10 minutes; ask the customer to read it back.
customer-detail-email-confirmed = Email address verified.
customer-detail-mail-to = To { $email }
customer-detail-mail-by = by { $name }
customer-detail-mail-tries = { $count ->
    [one] { $n } try
   *[other] { $n } tries
}
