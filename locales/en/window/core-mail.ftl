## What the core answers about mail: the mail server, the outbox, credentials and
## verification codes sent by mail.

## The mail server and its answers
error-mail-not-configured = Mail is not set up yet: enter the SMTP server in Settings → Mail.
error-mail-auth-rejected = The mail server refused the username or password ({ $reply }). Check both in Settings → Mail.
error-mail-auth-required = The mail server wants a username and password before it takes mail ({ $reply }). Enter them in Settings → Mail.
error-mail-tls = A secure connection to { $host } failed ({ $detail }). Check the port and the security choice: STARTTLS usually uses port 587, TLS port 465.
error-mail-host-not-found = The mail server { $host } was not found. Check the server name, and that this computer is online.
error-mail-timed-out = The mail server { $server } did not answer within { $seconds } seconds. Check the port, and that this computer is online.
error-mail-connection-refused = The mail server { $server } refused the connection: nothing accepts mail on that port. Check the server name and port.
error-mail-unreachable = The mail server { $server } could not be reached ({ $detail }). Check that this computer is online.
error-mail-refused = The mail server refused the mail: { $reply }
error-mail-interrupted = The connection to the mail server { $server } broke off in the middle of a mail, before the server confirmed it.
error-mail-protocol = The mail server's answer could not be understood ({ $detail }). This often means the security choice does not match the port: STARTTLS usually uses 587, TLS 465.
error-mail-keyring = The SMTP password could not be read from the system keyring: { $reason }
error-mail-waiting-for-agency-server = The verify-email link needs the agency server: { $reason }

## A mail that cannot be built ($reason is one of the reasons after it)
error-mail-invalid = This mail could not be built: { $reason }
error-mail-not-an-address = "{ $address }" is not a mail address
error-mail-unknown-kind = unknown kind { $kind }
error-mail-without-handoff = a credentials mail without its handoff
error-mail-code-gone = the verification code is gone; send a new one

## Mail settings and branding
error-mail-host-empty = Enter the mail server's name, like smtp.example.com.
error-mail-host-invalid = This is not a server name: use letters, digits, dots and hyphens (like smtp.example.com).
error-mail-port-empty = Enter the port (587 for STARTTLS, 465 for TLS).
error-mail-unencrypted = Without encryption the password and every mail would cross the network readable. Choose STARTTLS or TLS; "None" is only for a server on this computer (localhost).
error-mail-username-invalid = This is not a valid username.
error-mail-timeout-range = Choose between { $min } and { $max } seconds.
error-mail-personal-mails-range = Choose between { $min } and { $max } mails an hour.
error-mail-retype-password = Type the password again: the server or username changed, and the saved password is only ever sent to the server and username it was saved for.
error-mail-agency-name-empty = Enter the agency's name as customers know it.
error-mail-accent-colour = Enter a colour as #rrggbb, like #2563eb.
error-mail-portal-url = Enter a full web address starting with https://.
error-mail-logo-url = Enter a full image address starting with https://, or leave it empty.

## The outbox
error-mail-expired-code-not-resent = An expired verification code is not sent again: send a new code instead.
error-mail-being-sent = This mail is being sent right now.
error-mail-not-retriable = Only waiting or failed mails can be retried.
error-mail-being-sent-cannot-stop = This mail is being sent right now and cannot be stopped.
error-mail-already-sent = This mail was already sent.
error-mail-already-cancelled = This mail was already cancelled.

## Credentials by mail
error-mail-database-busy = The database is busy; the mail will be retried.
error-mail-login-gone = The login to send no longer exists.
error-mail-handoff-closed = The login was not sent: this handoff is { $state ->
    [sent] sent — handed over to the customer
    [revoked] revoked — reset the password to issue a new one
    [expired] expired — reset the password to issue a new one
   *[pending] pending — waiting to be handed over
}.
error-mail-password-copy-gone = The password for this mail is gone (a mail that failed keeps no copy). Send the login again from the queue.
error-mail-password-undecryptable = The password cannot be decrypted. Reset the customer's password to issue a new one.
error-mail-login-already-waiting = A mail with this login is already waiting in the outbox.
error-mail-choose-recipient = The customer's email changed since this login was made: choose whether the mail goes to the username or to the current email.
error-mail-recipient-refused = The login can only be mailed to its username or to the customer's current email.

## Verification codes
error-mail-code-digits = Enter the 6 digits of the code.
error-mail-code-too-soon = { $count ->
    [one] A code was sent moments ago. Wait 1 second before sending another.
   *[other] A code was sent moments ago. Wait { $n } seconds before sending another.
}
error-mail-no-code = No code is waiting: send a new one.
error-mail-code-expired = This code has expired: send a new one.
error-mail-code-wrong = { $count ->
    [one] That is not the code. 1 try left.
   *[other] That is not the code. { $n } tries left.
}
error-mail-code-wrong-void = That is not the code, and it is now void: send a new one.
error-mail-code-server-unreachable = No code from this desk is waiting, and the agency server cannot be reached to check one sent from another desk ({ $reason }). Try again when online, or send a new code from this desk.
error-mail-code-desk-unknown = The code was sent from a desk whose keys this desk does not know yet: try again after the next sync.
error-mail-code-no-answer = The code was mailed from another desk, which did not answer in time: it checks codes while Keydesk is open and signed in there. Try again, or send a new code from this desk.
error-mail-code-untrusted = The answer about this code could not be trusted: send a new code.

## Mail of revoked desks
error-mail-takeover-needs-server = Only a desk that syncs with an agency server can take over mail.
error-mail-takeover-not-revoked = Only the mail of a revoked desk can be taken over: this desk may still send it.

## What a test of the mail server did
mail-test-connected = Connected to { $server }. The server is ready to send mail.
mail-test-connected-signed-in = Connected to { $server } and signed in. The server is ready to send mail.
mail-test-sent = A test mail went to { $email } through { $server }. Check your inbox (and the spam folder).

## Why a mail in the outbox was not sent, kept on its row
outbox-failure-connection = The mail server could not be reached.
outbox-failure-settings = The mail settings need attention; an owner can see why in the Outbox.
outbox-failure-keyring = The system keyring is locked, so mail waits until it is unlocked.
outbox-failure-temporary = The mail server asked to try again later.
outbox-failure-refused = The mail server refused a mail; an owner can see why in the Outbox.
outbox-left-to-owners = Not sent: the agency server revoked this desk, and an owner's desk can send this mail instead.
outbox-taken-by-owner = Not sent from this desk: an owner's desk sends it now.
