## What the Keydesk window says. Every language has exactly these messages with the same
## variables, or Keydesk does not build. `$n` is a number already written in the
## language's digits; `$count` chooses the plural form.

app-name = Keydesk

## Pages: the sidebar's entries and the top bar's titles.
page-dashboard = Dashboard
page-customers = Customers
page-outbox = Outbox
page-staff = Staff
page-audit = Audit
page-audit-title = Audit log
page-settings = Settings
page-account = My account
page-sync = Sync

## Roles
role-owner = Owner
role-admin = Admin
role-agent = Agent

## Sidebar
nav-main = Main
nav-handoffs-count = { $count ->
    [one] { $n } credential to hand over
   *[other] { $n } credentials to hand over
}
nav-outbox-waiting = { $count ->
    [one] { $n } mail waiting
   *[other] { $n } mails waiting
}
nav-outbox-failed = { $count ->
    [one] { $n } mail needs attention; it failed
   *[other] { $n } mails need attention; some failed
}

## Top bar
search-soon = Search arrives together with customers
search-placeholder = Search… (Ctrl+K)
search-label = Search (available soon)
account-open = { $email } — My account
account-open-hidden = My account:
sign-out = Sign out
sign-out-failed = Could not sign out: { $reason }
signing-out = Signing out…

## Sign-in screen
sign-in-title = Sign in to Keydesk
sign-in-lead = Use the email and password your agency set up for you.
sign-in-email = Email
sign-in-password = Password
sign-in-submit = Sign in
sign-in-busy = Signing in…
sign-in-restored = The backup is restored. Sign in with the password you had when it was made.
sign-in-session-ended = Your session has ended. Sign in again to continue.
sign-in-forgot = Forgot your password? Ask the agency's owner or an admin to reset it.

## The window's language (Settings → General, My account and the sign-in screen)
language = Language
window-preferences = Language and calendar
window-preferences-lead = Yours alone: everyone at this desk chooses their own. The window changes at once.
calendar = Calendar
calendar-gregorian = Gregorian
calendar-solar-hijri = Solar Hijri (Jalali)

## Common words
dismiss = Dismiss
dismiss-esc = Dismiss (Esc)
cancel = Cancel
working = Working…
load-failed = Could not load { $what }: { $reason }
loading-what = Loading { $what }…
saving = Saving…
checking = Checking…
saved = Saved
changing = Changing…
try-again = Try again
trying-again = Trying again…
signed-in-as = Signed in as { $email }.

## Lock screen
lock-title = Keydesk is locked
lock-lead = Keydesk locked itself after a while without activity. Enter your password to go on where you left off.
lock-password = Password
lock-submit = Unlock
lock-busy = Unlocking…
lock-not-you = Not { $name }?

## Choosing one's own password after a temporary one
choose-password-title = Choose your own password
choose-password-lead = Welcome, { $name }. You signed in with a temporary password. Choose one only you know; the temporary one stops working.
choose-password-current = Temporary password
choose-password-submit = Save password and continue

## Starting
opening = Opening Keydesk…
encrypting-database = Encrypting the database for this version of Keydesk. This happens once; please keep Keydesk open.
encrypting-database-label = Encrypting the database
start-failed-title = Keydesk could not start
start-failed-log = If this keeps happening, the log file has the details.
keyring-title = Keydesk cannot reach your system keyring
keyring-how-to-fix = How to fix it
keyring-only = Keydesk keeps its vault key only in the keyring and never falls back to storing it in a file.

## When the window cannot reach the app
ipc-no-shell = This window is not connected to the Keydesk app. Start Keydesk from its icon or menu entry.
ipc-cannot-prepare = Could not prepare the request.
ipc-cannot-prepare-because = Could not prepare the request: { $detail }
ipc-answer-not-understood = The app sent an answer this window does not understand ({ $command }: { $detail }).
ipc-no-answer = The app did not answer.

## Passwords
show-passwords = Show passwords
hide-passwords = Hide passwords
password-toggle-title = { $label } (Alt+F8)
strength-hidden = Password strength:
strength-empty-hint = Use 10 or more characters. A few unrelated words are easy to remember and hard to guess.
strength-too-weak = Too weak
strength-weak = Weak
strength-fair = Fair
strength-strong = Strong
strength-very-strong = Very strong
new-password = New password
password-changed = Password changed. Use the new one from now on.
confirm-new-password = Confirm new password

## First run: the owner account
owner-title = Create the owner account
owner-lead = The owner holds the agency's data: every customer, the credentials to hand over, staff and settings.
owner-email = Email
owner-display-name = Display name
owner-password = Password
owner-password-confirm = Confirm password
owner-submit = Create owner account
owner-busy = Creating account…
owner-restore = Restore from a backup
owner-join = Join an agency

## My account
account-who = You sign in as { $email }, with this role. Only an owner or an admin can change your email or role.
account-name-title = Display name
account-name-lead = How colleagues see you in Keydesk and in the audit log.
account-name-save = Save name
account-password-title = Password
account-password-lead = You stay signed in; the old password stops working at once.
account-password-current = Current password
account-password-save = Change password

## Dashboard
dash-welcome = Welcome, { $name }
dash-lead = Here is what waits for you. Keydesk is new, so most of it is still empty.
dash-handoffs-title = Credentials to hand over
dash-owners-only = Owners only
dash-handoffs-text = Only owners can open logins: each one is sealed to the owners' own keys. When you create a customer, an owner hands their new login over from here.
dash-customers-text = Find a customer by name, email, phone or company, or add a new one (Ctrl+N).
dash-open-customers = Open customers
dash-empty = Empty
dash-outbox-text = Welcome and credential mails will queue here and go out on their own, even after time offline.
dash-recording = Recording
dash-audit-text = Every sign-in and change is written to a tamper-evident log you can check at any time.
dash-open-audit = Open the audit log
dash-account-title = Your account
dash-account-text = You sign in as { $email }. Change your display name or password whenever you like.
dash-open-account = Open My account
dash-setup = Setting up Keydesk
step-owner = Create the owner account
step-mail = Connect the agency's mail server
step-staff = Add your staff
step-customer = Add your first customer
open-page = Open { $page }
done = Done
soon = Soon

## Settings
settings-sections = Settings sections
settings-general = General
settings-security = Security
settings-credentials = Credentials
settings-mail = Mail
settings-branding = Branding
settings-backups = Backups
settings-agency = Agency server
settings-customer = Customer portal
settings-what = the settings
settings-read-only = You can see these settings; your role cannot change them.
settings-backups-owners = Only owners manage backups.
settings-agency-owners = Only owners manage the agency server.
settings-general-lead = How the agency works day to day.
settings-general-save = Save general settings
settings-general-saved = Saved. It applies from the next phone number and the next mail.
settings-phone-region = Default phone region
settings-phone-region-hint = Phone numbers typed without a country code are read as this country's, unless the customer has a country of their own. Two letters, like GB, DE or US.
settings-mail-language = Language of mails
settings-mail-language-hint = Each customer gets their mails in their own language when Keydesk speaks it; everyone else, and test mails, in this one.
settings-security-lead = How Keydesk protects an unattended window and the staff accounts.
settings-security-save = Save security settings
settings-security-saved = Saved. The new idle time applies from now on.
settings-idle-minutes = Lock the window after this many minutes without activity
settings-idle-minutes-hint = From { $min } to { $max } minutes. Unlocking takes the person's own password; the page they were on stays.
settings-lockout = Make accounts wait after 5 failed sign-ins
settings-lockout-hint = After five wrong passwords in a row, that account must wait a few minutes before it can try again. Every attempt is in the audit log either way.

## Said wherever a file is saved: Keydesk's database is encrypted, the user's own copy is not.
-file-not-encrypted = This file is not encrypted: keep it somewhere safe and delete it when you are done.
