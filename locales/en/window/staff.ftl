## The Staff page, its confirmations, the "Add staff member" dialog and the staff linked
## to a customer.

staff-lead = Everyone who signs in to Keydesk. A new member gets a temporary password, shown to you once, and chooses their own at the first sign-in.
staff-desks = Desks
staff-invite-desk = Invite a desk
staff-add = Add staff member
staff-loading = Loading the staff list…
staff-load-failed = The staff list could not be loaded.
staff-load-failed-banner = Could not load the staff list: { $reason }
staff-table = Staff members
staff-col-person = Name and email
staff-col-role = Role
staff-col-status = Status
staff-col-last-sign-in = Last sign-in
staff-col-actions = Actions
staff-count = { $count ->
    [one] { $n } person
   *[other] { $n } people
}
staff-you = You
staff-temporary-password = Temporary password
staff-never = Never
staff-role-of = Role of { $name }
staff-status-active = Active
staff-status-disabled = Disabled
staff-disable = Disable
staff-enable = Enable
staff-disable-named = Disable { $name }
staff-enable-named = Enable { $name }
staff-reset-password = Reset password
staff-reset-password-named = Reset the password of { $name }

## What a role may do
staff-role-owner-summary = Owners can do everything, including changing other owners and the agency's settings.
staff-role-admin-summary = Admins manage staff, read the audit log and change settings.
staff-role-agent-summary = Agents work with their customers; they do not see staff, the audit log or settings.

## Confirmations ("an": every role's English name starts with a vowel)
staff-confirm-role-title = Make { $name } an { $role }?
staff-confirm-role-text = { $name } is an { $current } now. { $summary }
staff-confirm-role = Change role
staff-confirm-disable-title = Disable { $name }?
staff-confirm-disable-text = { $name } can no longer sign in. Their account and its history stay, and you can enable it again at any time.
staff-confirm-enable-title = Enable { $name }?
staff-confirm-enable-text = { $name } can sign in again with their current password.
staff-confirm-reset-title = Reset { $name }'s password?
staff-confirm-reset-text = Their current password stops working. You will see a temporary password once; { $name } chooses their own at the next sign-in.

## Add staff member
staff-add-lead = They get a temporary password, shown to you once, and choose their own when they first sign in.
staff-add-email = Email
staff-add-name = Name
staff-add-role = Role
staff-add-busy = Adding…
staff-add-email-missing = Enter the email address they will sign in with.
staff-add-email-odd = This does not look like an email address (name@agency.com).
staff-add-name-missing = Enter the name colleagues will see.

## The staff linked to a customer
linked-staff-title = Linked staff
linked-staff-created = created
linked-staff-linked = linked { $time }
linked-staff-edit-label = Edit the notes about { $name }
linked-staff-add-notes = Add notes
linked-staff-edit-notes = Edit notes
linked-staff-no-notes = No notes
linked-staff-notes-about = Notes about { $name }
linked-staff-notes-placeholder = How this person knows the customer, what they agreed…
linked-staff-notes-keys = Ctrl+Enter saves, Esc cancels
linked-staff-save-notes = Save notes
