## Settings → Agency server: publishing this desk, the agency's desks and this desk's keys.
settings-agency-lead = Several desks, one agency: every desk keeps working on its own, online or not, and exchanges its changes with the agency's PostgreSQL server. Agents' desks receive only their own customers.
settings-agency-loading = Loading…
settings-agency-published = This desk is the agency's first: { $n } changes were sent to the server.
settings-agency-invite-from-staff = To add a desk, choose “Invite a desk” on the Staff page: the new computer joins with the code shown there.
settings-agency-keys-title = This desk's keys
settings-agency-keys-lead = Pending logins are sealed to each owner's desk keys. Rotating gives this desk new keys, seals every pending login it can open to them, and retires the old ones across the agency.
settings-agency-keys-rotated = { $count ->
    [one] This desk has new keys; { $n } pending login was sealed anew for them.
   *[other] This desk has new keys; { $n } pending logins were sealed anew for them.
}
settings-agency-keys-password = Your password
settings-agency-keys-password-hint = It seals the new keys on this desk.
settings-agency-keys-rotate = Rotate this desk's keys
settings-agency-keys-rotating = Rotating…
settings-agency-publish-lead = This desk works on its own. To share its customers and staff with other desks, publish it to an empty agency server that its administrator prepared with { "keydesk admin server-init" }.
settings-agency-publish-admin-url = Administrator's URL
settings-agency-publish-admin-url-hint = With the administrator's password. Used once to enrol this desk, never kept.
settings-agency-publish-label = This desk's name
settings-agency-publish-label-hint = How the agency's list of desks shows this computer.
settings-agency-publish-label-placeholder = Office desktop
settings-agency-publish-submit = Publish to the agency server
settings-agency-publish-busy = Publishing…
