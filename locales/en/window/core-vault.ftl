## What the core answers about its keys, the keyring, backups, the recovery kit, the
## logins waiting to be handed over and the audit log's filter.

## The system keyring
error-keyring-unreachable = No system keyring service is running or reachable ({ $detail }).
error-keyring-refused = The system keyring is locked or refused access ({ $detail }).
error-keyring-key-missing = The vault key for this database is missing from the system keyring.
error-keyring-key-corrupt = The keyring returned a vault key that is not 32 bytes long.
error-keyring-not-persisted = The keyring did not keep the vault key: reading it back gave something else.
error-keyring-database-key-missing = The key of Keydesk's database is missing from the system keyring, so the database cannot be opened. Keydesk left it untouched.
error-keyring-database-key-wrong = The database key in the system keyring does not open Keydesk's database: the keyring holds another key, or the database file was replaced. Keydesk left both untouched.
error-keyring-locked = The system keyring is locked, so Keydesk cannot { $task }. Unlock it (your desktop may be showing a prompt), then try again.
error-keyring-call-stopped = the keyring call stopped: { $error }
error-keyring-no-secrets = this key store keeps only the vault key

## What Keydesk was doing when the keyring was locked: the end of "Keydesk cannot …"
error-keyring-task-read-vault-key = read its encryption key
error-keyring-task-save-vault-key = save its encryption key
error-keyring-task-read-database-key = read its database key
error-keyring-task-save-database-key = save its database key
error-keyring-task-read-smtp-password = read the SMTP password
error-keyring-task-save-smtp-password = save the SMTP password
error-keyring-task-remove-smtp-password = remove the SMTP password
error-keyring-task-read-desk-secret = read this desk's agency server secret
error-keyring-task-save-desk-secret = save this desk's agency server secret
error-keyring-task-read-audit-head = read the signed end of the audit log
error-keyring-task-save-audit-head = save the signed end of the audit log
error-keyring-task-read-backup-key = read the backup key
error-keyring-task-save-backup-key = save the backup key
error-keyring-task-remove-replaced-keys = remove the keys of the database a restore replaced

## What to do when the keyring cannot be used (under the message, on the keyring screen)
error-keyring-fix-unreachable-linux = Keydesk keeps its encryption key in your desktop's keyring (Secret Service). Make sure GNOME Keyring or KWallet is installed, running and unlocked (signing out and in again usually unlocks it), then choose Try again.
error-keyring-fix-unreachable-macos = Keydesk keeps its encryption key in your login keychain. Unlock it in Keychain Access and allow Keydesk when macOS asks, then choose Try again.
error-keyring-fix-unreachable-windows = Keydesk keeps its encryption key in Windows Credential Manager. Sign in to Windows with your own account (not a temporary profile), then choose Try again.
error-keyring-fix-key-missing = Sealed credentials in this database cannot be opened without it. Restore your keyring from a backup, or start with a new database (see the README).
error-keyring-fix-database-key = Everything in the database is encrypted with this key. Restore your keyring (or the whole data folder) from a backup, then choose Try again, or move the data folder away to start a new database.
error-keyring-fix-not-persisted = Your keyring accepted the key but did not keep it. Check that the keyring is not a temporary (session-only) one, then choose Try again.
error-keyring-fix-locked-linux = Your desktop's keyring (GNOME Keyring or KWallet) is locked. Type your keyring password in the unlock prompt your desktop shows (it may be behind this window), or unlock the keyring in Passwords and Keys or KWallet Manager, then choose Try again.
error-keyring-fix-locked-macos = Your login keychain is locked. Type your password when macOS asks (the prompt may be behind this window), or unlock the keychain in Keychain Access, then choose Try again.
error-keyring-fix-locked-windows = Windows Credential Manager did not answer. Answer the Windows security prompt if one is showing (it may be behind this window), then choose Try again.

## Backups
error-backup-no-passphrase = Set a backup passphrase first: backups are encrypted with it.
error-backup-wrong-passphrase = This passphrase does not open the backup. Check it and try again; if it is right, the file is damaged at its start.
error-backup-damaged = The backup file is damaged ({ $detail }), so it cannot be restored. Nothing was replaced.
error-backup-cut-short = it was cut short
error-backup-unwritable = The backup could not be written: { $detail }.
error-backup-not-a-backup = This file is not a Keydesk backup.
error-backup-unreadable = The backup file cannot be read: { $detail }.
error-backup-no-file = there is no file at that path
error-backup-other-version = it was made by another version of Keydesk
error-backup-key-conflict = This computer's keyring holds a different key for the Keydesk this backup comes from, so it cannot be restored here. Nothing was replaced.
error-backup-folder-not-absolute = Give the folder's full path (for example /home/me/Backups).
error-backup-folder-unwritable = Keydesk cannot write in this folder: { $error }.

## The recovery kit
error-recovery-word-count = A recovery key has { $words } words; these are { $typed }.
error-recovery-unknown-word = Word { $position } is not one of the recovery key's words: check its spelling.
error-recovery-checksum = These words do not check out: one of them is mistyped or out of order.
error-recovery-none-to-use = There is no recovery key to use: none was made, or it was removed.
error-recovery-not-current = These words are not the current recovery key (a kit made before the last one no longer opens anything). Nothing was changed.
error-recovery-none-to-remove = There is no recovery key to remove.
error-recovery-then-make-key = make a recovery key
error-keys-then-publish = publish
error-keys-then-invite-desk = invite the desk
error-keys-then-revoke-desk = revoke the desk
error-keys-then-rotate = rotate them
error-keys-then-reset-password = reset the password

## An owner's keys
error-session-keys-locked = Your keys are not unlocked in this session: sign out and sign in again, then { $then }.

## Logins waiting to be handed over
error-handoff-gone = That handoff no longer exists: its customer may have been erased.
error-handoff-no-keys = Your keys are not unlocked in this session: sign out and sign in again to open this login.
error-handoff-not-shared = This login was sealed before you became an owner: another owner must sign in once to share it with you.
error-handoff-nobody-can = No owner can open this login any more: reset the customer's password to make a new one.
error-handoff-recovery-kit-can = No owner can open this login now, but the recovery kit can: type its words in Settings → Security to open it again for every owner.
error-handoff-not-signed = This login's signature does not match the agency's keys, so it is not shown: reset the customer's password to make a new one.
error-handoff-not-sealed-to-you = Waiting for another owner's desk: this login was sealed before your key was among the agency's keys, and opens for you once another owner's desk syncs.
error-handoff-is-pending = This handoff is pending — waiting to be handed over.
error-handoff-is-sent = This handoff is sent — handed over to the customer.
error-handoff-is-revoked = This handoff is revoked — reset the password to issue a new one.
error-handoff-is-expired = This handoff is expired — reset the password to issue a new one.
error-handoff-creator-only = Only the person who created this customer and saw the password can mark it as handed over here.
error-handoff-mail-sending = The mail with this login is being sent right now. Try again in a moment.

## The agency's list of keys, entry by entry (said inside another message)
error-vault-roster-not-the-founder = entry { $entry } is not the founding owner's
error-vault-roster-out-of-place = entry { $entry } is out of place
error-vault-roster-unlinked = entry { $entry } does not link to the entry before it
error-vault-roster-other-agency = entry { $entry } is for another agency
error-vault-roster-not-signed = entry { $entry } is not signed by an active owner key
error-vault-roster-unreadable = entry { $entry } cannot be read
error-vault-roster-repeated = entry { $entry } adds keys the roster already holds as active

## The audit log's filter
error-audit-filter-date = Enter a date as YYYY-MM-DD.
error-audit-filter-dates-reversed = The end date is before the start date.
