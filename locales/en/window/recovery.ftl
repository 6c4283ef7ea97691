## The recovery kit card in Settings → Security.

recovery-kit-title = Recovery kit
recovery-kit-lead = A key on paper that opens every pending login, for the day no owner can.
recovery-kit-loading = Loading…
recovery-kit-exists = A recovery kit exists, made { $made }. { $sealed }
recovery-kit-sealed = { $count ->
    [one] { $n } pending login can be opened with it.
   *[other] { $n } pending logins can be opened with it.
}
recovery-kit-none = No recovery kit yet. Without one, pending logins are lost if every owner loses their keys (a forgotten password reset, a lost laptop).

## The kit just made, shown once
recovery-kit-sheet-title = Keydesk recovery kit
recovery-kit-warning = Store it on paper, somewhere safe, and nowhere else. Anyone holding it can open every pending login. It is shown only now: Keydesk keeps no copy.
recovery-kit-qr = The 24 words as a QR code
recovery-kit-print = Print
recovery-kit-stored = I have stored it
recovery-kit-create = Create a recovery kit
recovery-kit-replace = Replace the recovery kit
recovery-kit-creating = Creating…
recovery-kit-remove = Remove

## Using the words
recovery-use-label = Use the recovery kit
recovery-use-hint = When the queue says no owner can open a login: type the kit's 24 words. Every pending login it opens is sealed again to each owner.
recovery-use-submit = Use the words
recovery-use-busy = Opening…
recovery-used = Done: { $logins } can be opened again by { $owners }.
recovery-used-logins = { $count ->
    [one] { $n } pending login
   *[other] { $n } pending logins
}
recovery-used-owners = { $count ->
    [one] { $n } owner
   *[other] { $n } owners
}

## Removing the kit
recovery-remove-title = Remove the recovery kit?
recovery-remove-message = Its words will open nothing any more. If every owner then loses their keys, the pending logins are lost and must be reset.
recovery-remove-confirm = Remove kit
recovery-remove-busy = Removing…
