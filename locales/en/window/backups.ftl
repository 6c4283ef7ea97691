## Settings → Backups, the dashboard's reminder of the last backup, and the restore
## dialog (from Settings and from the first-run screen).

## The status card
backups-loading = Loading…
backups-lead = Encrypted copies of all of Keydesk's data, made every day while Keydesk runs and whenever you ask. They open on any computer with the backup passphrase.
backups-last = Last backup: { $at }
backups-none-yet = No backup yet
backups-overdue = Overdue
backups-up-to-date = Up to date
backups-overdue-old = The last backup is more than three days old. Back up now, and keep Keydesk open a few minutes a day so the daily backup can run.
backups-overdue-never = Nothing is backed up yet. A lost or broken computer would take every customer and login with it.
backups-last-failure = The last automatic backup failed: { $reason }
backups-needs-passphrase = Set a backup passphrase below: backups start with it.
backups-progress = Backup progress
backups-now = Back up now
backups-now-busy = Backing up…
backups-done = Backed up.

## A backup's or a restore's progress
backups-starting = Starting…
backups-percent = { $n }%

## The passphrase card
backups-passphrase-title = Backup passphrase
backups-passphrase-lead = Backups open only with this passphrase. Keydesk cannot recover it: write it down and keep it apart from the computer.
backups-passphrase-new = New backup passphrase
backups-passphrase-again = Type it again
backups-passphrase-before = Backups made before keep the passphrase they were made with.
backups-passphrase-change = Change passphrase
backups-passphrase-set-one = Set a backup passphrase
backups-passphrase-keep = Keep the current one
backups-passphrase-is-set = A backup passphrase is set.
backups-passphrase-set = Set
backups-passphrase-saved = Passphrase saved. Backups from now on use it.

## The folder card
backups-folder-title = Backup folder
backups-folder-lead = A folder on another disk, a USB drive or a synced folder keeps backups safe from a broken disk.
backups-folder = Folder
backups-folder-default-hint = The default folder, next to Keydesk's data. Keydesk creates a folder that does not exist yet.
backups-folder-hint = Keydesk creates a folder that does not exist yet.
backups-folder-save = Save folder
backups-folder-use-default = Use the default folder
backups-folder-saved = Saved. Backups go to this folder from now on.

## The backups in the folder
backups-list-title = Restore
backups-list-lead = Restoring replaces all of Keydesk's data with a backup's. Keydesk shows what the backup holds before anything changes.
backups-list-empty = No backups in the folder yet. Back up now, or restore a backup file from elsewhere.
backups-col-backup = Backup
backups-col-made = Made
backups-col-size = Size
backups-col-actions = Actions
backups-restore-named = Restore { $name }
backups-restore = Restore…
backups-restore-other = Restore from another file…

## Sizes: `$whole` and `$tenth` are the two sides of the decimal separator.
backups-size-gb = { $whole }.{ $tenth } GB
backups-size-mb = { $whole }.{ $tenth } MB
backups-size-kb = { $n } KB
backups-size-bytes = { $count ->
    [one] { $n } byte
   *[other] { $n } bytes
}

## The dashboard's reminder
backups-reminder-last = Last backup: { $at }.
backups-reminder-none = No backup yet.
backups-reminder-set-passphrase = Set a backup passphrase to start the daily backups.
backups-reminder-overdue = Back up now: a lost or broken computer would take the data with it.
backups-reminder-daily = Keydesk backs up every day while it runs.
backups-reminder-open = Open Backups

## The restore dialog
restore-title = Restore a backup
restore-lead = Keydesk first checks the backup with its passphrase and shows what it holds. Nothing changes until you confirm.
restore-file = Backup file
restore-file-hint = The full path of the backup file, for example on a USB drive.
restore-passphrase = Backup passphrase
restore-passphrase-hint = The passphrase that was set when the backup was made.
restore-replace-title = Replace all data with this backup?
restore-replace-lead = Everything in Keydesk now is replaced by what the backup holds: customers, staff, logins to hand over, mails and settings. Whatever was added since it was made is gone. Everyone then signs in with the password they had in the backup.
restore-made = Made
restore-staff = Staff
restore-customers = Customers
restore-pending-logins = Logins to hand over
restore-mails = Mails
restore-size = Size
restore-staff-count = { $count ->
    [one] { $n } member
   *[other] { $n } members
}
restore-customers-count = { $count ->
    [one] { $n } customer
   *[other] { $n } customers
}
restore-logins-count = { $count ->
    [one] { $n } login
   *[other] { $n } logins
}
restore-mails-count = { $count ->
    [one] { $n } mail
   *[other] { $n } mails
}
restore-progress = Restore progress
restore-back = Back
restore-confirm = Replace all data with this backup
restore-busy = Restoring…
restore-check = Check the backup
restore-check-busy = Checking every page…
