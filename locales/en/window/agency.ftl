# The agency's desks: the list of desks and its dialog, inviting a desk, joining an
# agency, and the check of every desk's audit rows on the agency server.

## The agency's chain, under Verify chain
agency-chain-checking = Checking every desk's rows on the agency server…
agency-chain-failed = Could not check the agency's desks: { $reason }
agency-chain-intact = The agency's chain is intact: { $rows } rows from { $desks } desks on the agency server
agency-chain-changed = The agency server's copy of the audit was changed
agency-chain-desk = { $desk } ({ $member })
agency-chain-desk-here = { $desk } ({ $member }, this desk)
agency-chain-desk-intact = { $whose }: intact, { $rows } rows
agency-chain-desk-broken = { $whose }: row #{ $row }: { $reason }
agency-chain-desk-tail-removed = { $whose }: rows were removed after row #{ $row }

## The agency's desks
desks-server = Server
desks-this-desk-joined = This desk joined
desks-title = Desks
desks-revoked-at = Revoked { $time }
desks-this-desk = This desk
desks-joined-at = Joined { $time }
desks-invited = Invited, not joined yet
desks-whose = { $member } · { $role }
desks-take-over-title = Queue the mail this desk never sent on this desk, under the same Message-IDs
desks-take-over = { $count ->
    [one] Send its waiting mail from here
   *[other] Send its { $n } waiting mails from here
}
desks-revoke = Revoke
desks-revoke-named = Revoke { $desk }
desks-exposed = { $desk } could open { $logins }. { $reset }
desks-exposed-logins = { $count ->
    [one] { $n } pending login
   *[other] { $n } pending logins
}
desks-exposed-reset = { $count ->
    [one] Reset it so that only the owners of now can hand it over.
   *[other] Reset them so that only the owners of now can hand them over.
}
desks-exposed-submit = { $count ->
    [one] Reset { $n } login
   *[other] Reset { $n } logins
}
desks-exposed-done = { $count ->
    [one] { $n } customer has a new password, waiting in Credentials to hand over.
   *[other] { $n } customers have new passwords, waiting in Credentials to hand over.
}
desks-taken-queued = { $count ->
    [one] { $n } mail queued on this desk, under the Message-IDs they had.
   *[other] { $n } mails queued on this desk, under the Message-IDs they had.
}
desks-taken-dropped = { $count ->
    [one] { $n } mail no longer went: the login ended meanwhile.
   *[other] { $n } mails no longer went: the login ended meanwhile.
}
desks-taken-waiting = { $count ->
    [one] { $n } mail wait for this desk's next sync: take over again then.
   *[other] { $n } mails wait for this desk's next sync: take over again then.
}
desks-offline = The agency's desks cannot be listed now: { $reason }
desks-revoke-title = Revoke this desk?
desks-revoke-message = { $desk } ({ $member }) can no longer reach the agency server, from now on. Its unsent mail that the server knows of can then be sent from an owner's desk; whatever else it has not sent stays on that computer. This cannot be undone: the member's next desk needs a new invitation.
desks-revoke-confirm = Revoke desk
desks-revoking = Revoking…
desks-loading = Loading the agency's desks…
desks-dialog-title = The agency's desks
desks-dialog-lead = Every computer that syncs with the agency server, and whose desk it is. A revoked desk can no longer reach the server, from that moment; what it has not sent stays on it.
desks-close = Close

## Inviting a desk
invite-desk-title = Invite a desk
invite-desk-lead = A new computer joins the agency as a staff member's desk and receives the customers their role may see.
invite-desk-choose = Choose a staff member…
invite-desk-member-option = { $name } ({ $role })
invite-desk-member = Whose desk
invite-desk-member-hint = They sign in there with a password they choose when the desk joins.
invite-desk-label = Desk name
invite-desk-label-placeholder = Alex's laptop
invite-desk-label-hint = How the agency's list of desks shows the new computer.
invite-desk-submit = Create invitation
invite-desk-busy = Creating…
invite-desk-code-title = Invitation for { $member }
invite-desk-code-lead = On the new computer, install Keydesk, choose “Join an agency” and paste this code. Hand it over as you would a password: anyone who has it can join as this desk, once.
invite-desk-code = Invitation code
invite-desk-expiry = Works once, until { $time }.
invite-desk-copied = Copied. The clipboard is cleared again shortly.
invite-desk-copy = Copy code
invite-desk-done = Done

## Joining an agency
join-agency-title = Join an agency
join-agency-lead = Paste the invitation code an owner's desk gave you for this computer, and choose the password you will sign in with here. The code works once, for 24 hours.
join-agency-code = Invitation code
join-agency-code-hint = It starts with KD1. Line breaks added by mail programs do not matter.
join-agency-password = Your password on this computer
join-agency-password-confirm = Confirm password
join-agency-receiving = Receiving the agency's customers
join-agency-receiving-percent = Receiving the agency's customers… { $percent }%
join-agency-connecting = Connecting to the agency server…
join-agency-submit = Join the agency
join-agency-busy = Joining…
