## The outbox page and its indicator in the top bar.

outbox-lead = Every mail Keydesk sends goes through here. Waiting mails are tried again on their own, with longer pauses after each failure; the text of a mail is only put together when it is sent.
outbox-show = Show
outbox-all-mails = All mails
outbox-refresh = Refresh
outbox-retry-all = Retry all waiting
outbox-retry-all-busy = Retrying…
outbox-loading = Loading the outbox…
outbox-load-failed = Could not load the outbox: { $reason }
outbox-none-in-state = No mails in this state. Choose “All mails” to see every one.
outbox-none-yet = No mails yet. Welcome mails, login details and verification codes appear here once they are queued.
outbox-table = Mails
outbox-col-queued = Queued
outbox-col-mail = Mail
outbox-col-to = To
outbox-col-state = State
outbox-col-tries = Tries
outbox-col-actions = Actions
outbox-shown-of = { $shown } of { $total } mails
outbox-total = { $count ->
    [one] { $n } mail
   *[other] { $n } mails
}
outbox-load-more = Load more
outbox-loading-more = Loading…
outbox-by = by { $name }
outbox-sent-at = Sent { $time }
outbox-next-try = Next try { $time }
outbox-retry = Retry now
outbox-retry-named = Retry the mail to { $recipient } now
outbox-cancel = Cancel
outbox-cancel-named = Cancel the mail to { $recipient }

## What the page says after an action
outbox-retrying = Trying that mail again now.
outbox-cancelled = The mail to { $recipient } is cancelled.
outbox-retry-failed = Could not retry the mail: { $reason }
outbox-cancel-failed = Could not cancel the mail: { $reason }
outbox-retry-all-failed = Could not retry the waiting mails: { $reason }
outbox-load-more-failed = Could not load more mails: { $reason }
outbox-nothing-waiting = Nothing is waiting.
outbox-trying-waiting = { $count ->
    [one] Trying { $n } waiting mail now.
   *[other] Trying { $n } waiting mails now.
}

## The indicator in the top bar
outbox-indicator-failed = { $count ->
    [one] { $n } mail failed
   *[other] { $n } mails failed
}
outbox-indicator-failed-and-waiting = { $failed }, { $waiting } waiting
outbox-indicator-waiting = { $count ->
    [one] { $n } mail waiting
   *[other] { $n } mails waiting
}
outbox-indicator-waiting-offline = { $count ->
    [one] { $n } mail waiting (offline)
   *[other] { $n } mails waiting (offline)
}
outbox-indicator-waiting-no-server = { $count ->
    [one] { $n } mail waiting (no mail server set)
   *[other] { $n } mails waiting (no mail server set)
}
outbox-indicator-open = { $text }. Open the outbox
outbox-indicator-last-try = Last try: { $error }
