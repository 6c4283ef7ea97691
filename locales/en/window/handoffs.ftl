## The dashboard's queue of credentials to hand over, and generating logins in bulk.

handoff-cannot-decrypt = This password cannot be read back ({ $reason }). Reset the customer's password to issue a new one.
handoff-all-handed-over = All handed over
handoff-waiting = { $n } waiting
handoff-meta = { $reason } · by { $by } ·
handoff-expires = Expires { $when }
handoff-not-shared = Waiting for another owner's desk: sealed before you became an owner, it opens for you once another owner signs in.
handoff-username = Username
handoff-password = Password
handoff-hides-in = hides in { $n } s
handoff-hide = Hide
handoff-reveal = Reveal
handoff-reveal-label = Reveal the password of { $name }
handoff-copy-username = Copy the username; the clipboard is cleared after a while
handoff-copy-password = Copy the password; the clipboard is cleared after a while
handoff-send-mail = Send by mail
handoff-send-mail-label = Send the login of { $name } by mail
handoff-mark-sent = Mark as sent
handoff-revoke = Revoke
handoff-revoke-label = Revoke the login handoff of { $name }
handoff-loading = Loading…
handoff-load-failed = The queue could not be loaded: { $reason }
handoff-empty = Nothing to hand over. New customers' logins wait here, oldest first, until you mark them as sent.
handoff-mailed = The login mail to { $to } is in the outbox. The handoff closes as sent by email once the mail server takes it.
handoff-note-too-long = At most { $max } characters.
handoff-clipboard-cleared = Clipboard cleared
handoff-copied-clears = { $what } copied · Clipboard clears in { $n } s
handoff-copied-kept = { $what } copied · The clipboard is not cleared automatically

## How long ago, and how long until, in the largest whole unit that fits
duration-just-now = Just now
duration-minutes-ago = { $n } min ago
duration-hours-ago = { $count ->
    [one] { $n } hour ago
   *[other] { $n } hours ago
}
duration-days-ago = { $count ->
    [one] { $n } day ago
   *[other] { $n } days ago
}
duration-weeks-ago = { $count ->
    [one] { $n } week ago
   *[other] { $n } weeks ago
}
duration-months-ago = { $count ->
    [one] { $n } month ago
   *[other] { $n } months ago
}
duration-years-ago = { $count ->
    [one] { $n } year ago
   *[other] { $n } years ago
}
duration-now = now
duration-in-minutes = in { $n } min
duration-in-hours = { $count ->
    [one] in { $n } hour
   *[other] in { $n } hours
}
duration-in-days = { $count ->
    [one] in { $n } day
   *[other] in { $n } days
}

## Generate logins
generate-logins-title = Generate logins
generate-logins-none = Every customer on show already has a login.
generate-logins-lead = { $count ->
    [one] { $n } customer on show has no login yet. Generate it now? The password waits, sealed, on the dashboard until it is handed over.
   *[other] { $n } customers on show have no login yet. Generate them now? Each password waits, sealed, on the dashboard until it is handed over.
}
generate-logins-running = Generating logins
generate-logins-progress = { $done } of { $total } done
generate-logins-cancelling = Cancelling… { $done } of { $total } done
generate-logins-stopped = Generating logins stopped: { $reason }
generate-logins-start = Generate
generate-logins-close = Close
generate-logins-generated = { $count ->
    [one] { $n } login generated
   *[other] { $n } logins generated
}
generate-logins-skipped = { $n } skipped (already had one)
generate-logins-not-found = { $n } no longer found
# One more part of the outcome's list.
generate-logins-and = { $first }, { $next }
generate-logins-cancelled = { $done }. Cancelled: the logins made so far are kept.
generate-logins-done = { $done }. They wait on the dashboard to be handed over.
