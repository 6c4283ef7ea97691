## The audit log: what the window says around the entries (their actions and details
## come from the log itself).

audit-lead = Every security-relevant action, newest first. Each row carries the hash of the one before it, so a changed or removed row shows up when the chain is checked.
audit-refresh = Refresh
audit-export = Export CSV
audit-export-busy = Exporting…
audit-export-title = Save the entries that match the filters as a CSV file (not encrypted) in your Downloads folder
audit-verify = Verify chain
audit-verify-busy = Verifying…
audit-verifying = Checking every row of the chain…
audit-verify-failed = Could not check the chain: { $reason }
audit-export-failed = Could not export: { $reason }
audit-export-rows = { $count ->
    [one] { $n } row
   *[other] { $n } rows
}
audit-export-saved = Saved { $rows } to { $path }. { -file-not-encrypted }
audit-chain-intact = Chain intact — { $rows } rows verified
audit-chain-broken = Chain broken at row #{ $row }: { $reason }
audit-chain-last-row-removed = The last row was removed: the log ends at row #{ $rows }, but it had { $expected } rows when last sealed
audit-chain-rows-removed = The last { $removed } rows were removed: the log ends at row #{ $rows }, but it had { $expected } rows when last sealed
audit-loading = Loading the audit log…
audit-none-matching = No entries match these filters. Clear the filters to see the whole log.
audit-none-yet = No entries yet. Sign-ins and changes will appear here as they happen.
audit-load-failed = Could not load the audit log: { $reason } Refresh to try again.
audit-table = Audit entries
audit-col-time = Time
audit-col-actor = Actor
audit-col-action = Action
audit-col-detail = Detail
audit-load-more = Load more
audit-loading-more = Loading…
audit-count = { $count ->
    [one] { $n } entry
   *[other] { $n } entries
}
audit-count-matching = { $count ->
    [one] { $n } matching entry
   *[other] { $n } matching entries
}
audit-showing = Showing { $shown } of { $entries }

## Filters
audit-filters = Filter the audit log
audit-all-people = All people
audit-all-actions = All actions
audit-filter-person = Person
audit-filter-action = Action
audit-filter-from = From
audit-filter-to = To
audit-filter-search = Search
audit-filter-search-placeholder = Words to find
audit-clear-filters = Clear filters

## The audit log's actions, by their stored name (`customer.created` → `audit-action-customer-created`)
audit-action-database-created = Database created
audit-action-vault-key-created = Vault key created
audit-action-owner-created = Owner account created
audit-action-sign-in-ok = Signed in
audit-action-sign-in-failed = Sign-in failed
audit-action-sign-in-refused-locked = Sign-in refused (locked)
audit-action-account-locked = Account locked
audit-action-sign-out = Signed out
audit-action-session-locked = Window locked
audit-action-session-unlocked = Window unlocked
audit-action-staff-added = Staff member added
audit-action-staff-role-changed = Role changed
audit-action-staff-disabled = Staff member disabled
audit-action-staff-enabled = Staff member enabled
audit-action-staff-password-reset = Password reset
audit-action-account-password-changed = Password changed
audit-action-account-password-change-failed = Password change failed
audit-action-account-name-changed = Name changed
audit-action-settings-changed = Settings changed
audit-action-audit-verified = Audit chain verified
audit-action-audit-exported = Audit log exported
audit-action-customer-created = Customer created
audit-action-customer-linked = Customer linked
audit-action-customer-edited = Customer edited
audit-action-customer-archived = Customer archived
audit-action-customer-restored = Customer restored
audit-action-customer-erased = Customer erased
audit-action-customers-exported = Customers exported
audit-action-portal-accounts-exported = Portal accounts exported
audit-action-portal-sign-ins-imported = Portal sign-ins imported
audit-action-customers-imported = Customers imported
audit-action-mail-queued = Mail queued
audit-action-mail-sent = Mail sent
audit-action-mail-failed = Mail failed
audit-action-mail-cancelled = Mail cancelled
audit-action-mail-retried = Mail retried
audit-action-mail-test-sent = Test mail sent
audit-action-customer-email-verified = Email verified
audit-action-customer-portal-password-changed = Password changed on the portal
audit-action-customer-verification-refused = Verification code refused
audit-action-credentials-issued = Login generated
audit-action-credentials-reset = Customer password reset
audit-action-credentials-bulk-generated = Logins generated for several customers
audit-action-handoff-shown-to-creator = Password shown once to its creator
audit-action-handoff-revealed = Password revealed
audit-action-handoff-username-copied = Username copied
audit-action-handoff-password-copied = Password copied
audit-action-handoff-sent = Credentials handed over
audit-action-handoff-revoked = Handoff revoked
audit-action-handoff-expired = Handoff expired
audit-action-handoff-decrypt-failed = Sealed password could not be decrypted
audit-action-mail-server-tested = Mail server tested
audit-action-recovery-key-created = Recovery key created
audit-action-recovery-key-used = Recovery key used
audit-action-recovery-key-removed = Recovery key removed
audit-action-handoff-keys-shared = Pending logins shared with owners
audit-action-agency-keys-rotated = This desk's keys rotated
audit-action-handoff-keys-resealed = Pending logins re-sealed to owner keys
audit-action-backup-passphrase-set = Backup passphrase set
audit-action-backup-folder-changed = Backup folder changed
audit-action-backup-made = Backup made
audit-action-backup-failed = Backup failed
audit-action-backup-restored = Database restored from a backup
audit-action-agency-joined = Desk joined the agency server
audit-action-agency-desk-invited = Desk invited to the agency server
audit-action-agency-desk-revoked = Desk revoked from the agency server
audit-action-agency-changes-applied = Changes from other desks applied
