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
sign-in-forgot = Forgot your password? Ask the agency's owner or an admin to reset it.

## The window's language (Settings → General, My account and the sign-in screen)
language = Language
window-language = Language of the window
window-language-hint = Yours alone: everyone at this desk chooses their own. It changes at once.
window-language-saved = Saved.
