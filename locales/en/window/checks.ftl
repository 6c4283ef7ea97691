## What a form says of what is typed before anything is sent. These checks only spare a
## round trip: Keydesk checks everything again, and what it says wins.

## Passwords and passphrases
check-password-missing = Choose a password.
check-password-short = Use at least { $min } characters ({ $chars } so far).
check-password-again = Type the password again.
check-passwords-differ = The passwords do not match.
check-current-password-missing = Enter the password you signed in with.
check-new-password-missing = Choose a new password.
check-new-password-same = Choose a password different from the one you have now.
check-new-password-again = Type the new password again.

## Creating the owner account
check-owner-email-missing = Enter the email address the owner signs in with.
check-owner-name-missing = Enter the name your staff will see.

## Signing in, unlocking, My account
check-sign-in-missing = Enter your email and password.
check-unlock-missing = Enter your password to unlock.
check-account-name-missing = Enter the name your colleagues will see.

## Joining an agency, publishing it, new desk keys, inviting a desk
check-join-code-missing = Paste the invitation code an owner's desk showed.
check-join-code-odd = An invitation code starts with { "KD1" }. Copy the whole code.
check-join-password-missing = Choose the password you will sign in with here.
check-publish-url-missing = Paste the URL the server's administrator gave you.
check-publish-url-odd = It starts with { "postgres://" } ({ "postgres://admin@db.example.com/keydesk" }).
check-publish-label-missing = Name this desk, such as "Office desktop".
check-rotate-keys-password-missing = Type your password: it seals the new keys on this desk.
check-invite-member-missing = Choose whose desk it is.
check-invite-label-missing = Name the desk, such as "Alex's laptop".

## Backups and the recovery kit
check-passphrase-missing = Choose a backup passphrase.
check-passphrase-again = Type the passphrase again.
check-passphrases-differ = The passphrases do not match.
check-backup-folder-missing = Type the folder backups go to, or use the default folder.
check-restore-path-missing = Type the full path of the backup file.
check-restore-passphrase-missing = Type the passphrase the backup was made with.
check-recovery-words-missing = Type the { $words } words of the recovery kit.
check-recovery-words-count = { $count ->
    [one] The kit has { $words } words; { $n } is typed.
   *[other] The kit has { $words } words; { $n } are typed.
}

## Settings
check-idle-minutes = Enter a whole number of minutes from { $min } to { $max }.
check-region = Enter a two-letter country code, like { "GB" } or { "DE" }.
