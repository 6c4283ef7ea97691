## What the core answers when it refuses or fails: said in the window, in the language
## of the person at it.

## Waits
wait-seconds = { $count ->
    [one] 1 second
   *[other] { $n } seconds
}
wait-minutes = { $count ->
    [one] 1 minute
   *[other] { $n } minutes
}
wait-hours = { $count ->
    [one] 1 hour
   *[other] { $n } hours
}
wait-hours-minutes = { $hours } { $minutes }

## The data folder
error-folder-in-use = This data folder is in use by another Keydesk window. Switch to that window, or close it and choose Try again.
error-not-a-database = The database file in Keydesk's data folder is not a Keydesk database: it was damaged or replaced. Keydesk left it untouched. Restore it from a backup, or move it out of the data folder to start a new database.
error-disk-full = The disk is full, so this was not saved. Free some space on it, then try again.
error-read-only = Keydesk cannot write in its data folder: the folder or its disk is read-only. Make it writable, then try again.

## Signing in and access
error-owner-exists = An owner account already exists. Sign in instead.
error-invalid-credentials = Email or password is incorrect.
error-locked-out = Too many failed sign-ins. Try again in { $wait }.
error-session-ended = Your session has ended. Please sign in again.
error-sign-in-again = Please sign in again.
error-password-change-required = Choose your own password first.
error-forbidden = Your role does not allow this.

## Anything
error-not-found = It no longer exists, or you may not see it. Reload to see what is there now.
error-import-cancelled = The import was cancelled; nothing was imported.
error-cannot-decrypt = This password cannot be decrypted: its sealed copy is damaged or was sealed with another vault key. Reset the customer's password to issue a new one.
error-unexpected = Something went wrong. Details are in the Keydesk log file.

## Passwords
error-not-current-password = This is not your current password.
error-password-locked-out = Too many wrong passwords for this account. Try again in { $wait }.

## Mail limits
error-codes-per-hour = Too many codes for this customer: try again in { $wait }.
error-codes-per-day = Too many codes for this customer today: try again in { $wait }.
error-personal-mails-per-hour = { $count ->
    [one] You have sent 1 mail with a personal message in the last hour, the most the mail settings allow: try again in { $wait }.
   *[other] You have sent { $n } mails with a personal message in the last hour, the most the mail settings allow: try again in { $wait }.
}

## Why the audit log's chain is broken at a row
chain-row-missing = row #{ $row } is missing
chain-row-not-following = it does not follow the row before it
chain-row-unkeyed = its hash is unkeyed although the rows before it are keyed: it was rewritten
chain-row-unknown-scheme = its hash scheme is unknown
chain-row-changed = its content was changed after it was written
chain-also-tail-removed = { $count ->
    [one] { $reason }; also the last row was removed
   *[other] { $reason }; also the last { $n } rows were removed
}
chain-end-replaced = it is not the row the log ended with when it was last sealed: rows up to here were removed and others written in their place
chain-end-not-this-log = the signed record of the log's end, kept in the system keyring, does not belong to this log
