## A customer's login: shown once, copied, handed over, revoked or replaced; a staff
## member's temporary password.

logins-copy = Copy
logins-copied = Copied
logins-copy-failed = Could not copy: { $reason }
logins-done = Done
logins-password = Password

## Handing a pending login over
logins-mark-sent-title = Mark as handed over
logins-mark-sent-lead = { $name } ({ $username }) has their login. Keydesk then forgets the password for good.
logins-mark-sent = Mark as sent
logins-saving = Saving…
logins-channel = How did it reach them?
logins-note = Note (optional)
logins-note-placeholder = e.g. read out over the phone, customer confirmed
logins-send-mail-title = Send the login by mail
logins-send-mail-changed = { $name }'s email changed since this login was made. Choose where the mail with the login goes.
logins-send-mail-lead = The login is mailed to { $username } as soon as the mail server takes it; the handoff then closes as sent by email.
logins-send-mail = Send by mail
logins-queuing = Queuing…
logins-send-to = Send to
logins-send-to-username = the username
logins-send-to-current = the current email
logins-revoke-title = Revoke { $name }'s login handoff?
logins-revoke-text = The waiting password is destroyed and stops working on the customer's account, even if someone already saw or copied it. A mail waiting to carry it is cancelled. The customer then needs a new login: reset their password to issue one.
logins-revoke = Revoke

## A login no owner can open any more
logins-lost = No owner can open this login any more
logins-lost-text = Reset the customer's password to make a new one.
logins-reset-password = Reset password
logins-reset-title = Reset password for { $name }?
logins-reset-text = A new password is made and waits here to be handed over. The current password stops working now.

## A new customer's login, shown once
logins-new-title = Login for { $name }
logins-new-lead = Username { $username }. Give them this password now; it is shown only once.
logins-new-sent = Marked as handed over. Keydesk has forgotten the password.
logins-new-channel = Handed over by
logins-new-mark-sent = Mark as handed over
logins-new-later = Not handed over yet? Close this panel: the owner can hand it over from the dashboard.

## A staff member's temporary password, shown once
logins-temp-added = { $name } ({ $email }) can now sign in with this temporary password. Give it to them in person or by phone.
logins-temp-reset = { $name }'s old password no longer works. Give them this temporary password in person or by phone.
logins-temp-title = Temporary password for { $name }
logins-temp-password = Temporary password
logins-temp-once = This password is shown only now. When you close this panel, Keydesk forgets it.
logins-temp-first-sign-in = At their first sign-in, { $name } must choose their own password.
