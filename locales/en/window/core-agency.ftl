## The agency server: what the core answers when it cannot reach it, or it refuses.
error-agency-bad-url = The server address is not a PostgreSQL URL: { $reason }
error-agency-url-scheme = it must start with postgres:// (for example postgres://keydesk_admin@db.example.com/keydesk?sslmode=verify-full)
error-agency-unreachable = Cannot reach the agency server at { $at }: { $reason }
error-agency-no-answer-within = no answer within { $seconds } s
error-agency-tls = The agency server at { $at } could not be checked over TLS: { $reason }. Check the certificate authority in sslrootcert
error-agency-ca-file-unreadable = the certificate authority file { $path } cannot be read: { $error }
error-agency-ca-file-not-pem = { $path } holds no PEM certificate
error-agency-sign-in-refused = The agency server at { $at } refused the sign-in of { $user }: check the user name and password
error-agency-sign-in-disabled = The agency server at { $at } no longer lets { $user } sign in: this desk was revoked. An owner can enrol it again
error-agency-connection-refused = The agency server at { $at } refused the connection: { $reason }
error-agency-no-database = The agency server at { $at } has no database { $database }: create it first (CREATE DATABASE)
error-agency-postgres-too-old = The agency server runs PostgreSQL { $found }; Keydesk needs PostgreSQL { $oldest } or newer
error-agency-already-set-up = This database is already set up as Keydesk's agency server (protocol { $protocol }): run `keydesk admin server-upgrade` to bring it up to date
error-agency-foreign-schema = This database holds a schema named kd that Keydesk did not make: use an empty database for the agency server
error-agency-not-set-up = This database is not set up as Keydesk's agency server: run `keydesk admin server-init` first
error-agency-newer = The agency server was set up by a newer Keydesk (it has change { $version }, which this version does not know): update Keydesk on this machine
error-agency-role-not-allowed = { $role } may not do this on the agency server: it needs an administrator who may create schemas in the database
error-agency-login-not-allowed = This login may not do this on the agency server: it needs an administrator who may create schemas in the database
error-agency-not-a-desk = The agency server does not take this desk: it is not enrolled in the agency, or it was revoked. What it changed stays on this machine; an owner can enrol it again
error-agency-protocol = The agency server answered in a way this Keydesk does not understand: { $detail }
error-agency-failed = The agency server failed: { $detail }

## Joining an agency, its desks and protocol
error-agency-not-an-invitation-code = This is not a Keydesk invitation code. Copy the whole code the owner's desk showed, from KD1. to its end.
error-agency-paste-code = Paste the invitation code.
error-agency-name-the-desk = Name the desk, such as "Sam's laptop".
error-agency-invitation-expired = This invitation has expired: ask an owner's desk for a new one.
error-agency-server-has-desks = This agency server has desks already: join it with an invitation from one of its owners instead.
error-agency-already-joined = This desk is one of an agency's desks already.
error-agency-join-needs-new-desk = Only a new desk, with no staff yet, can join an agency.
error-agency-keys-not-vouched = The agency's list of keys on the server does not vouch for this desk's keys: ask the owner's desk for a new invitation.
error-agency-member-not-listed = The agency server does not list this desk's staff member yet: ask the owner's desk to sync, then join again.
error-agency-revoke-own-desk = This is the desk you are using: revoke it from another owner's desk.
error-agency-other-agency = The agency server now belongs to another agency: this desk will not sync with it.
error-agency-no-server = This desk has no agency server.
error-agency-desk-secret-missing = This desk's secret for the agency server is missing from the keyring: an owner can enrol the desk again.
error-agency-protocol-too-old = The agency server no longer takes this Keydesk's protocol ({ $protocol }; it needs { $oldest } or newer): update Keydesk on this machine. Changes made here are kept and sent once it is updated.
error-agency-server-protocol-older = The agency server speaks an older protocol ({ $server }) than this Keydesk ({ $protocol }): ask its administrator to run `keydesk admin server-upgrade`.
error-agency-staff-changes-offline = Staff changes need the agency server, and it cannot be reached now ({ $reason }). Nothing was changed: try again when this desk is online.
error-agency-nothing-to-apply-again = Only the fields of an edit that kept someone else's value can be applied again.
error-agency-email-taken-now = Another customer has this email now.
error-agency-link-offer-expired = This offer to link the customer has expired or was already used. Save the form again to get a new one.
error-agency-audit-owners-only = Only an owner's desk reads every desk's audit log on the agency server.

## The agency's list of keys
error-agency-founder-unknown = This desk cannot check the agency's list of keys: it does not know the founding owner's key. Join this desk again with a new invitation.
error-agency-keys-cannot-sign = Your keys cannot sign the agency's key list ({ $reason }): only an owner whose desk the list holds can.
error-agency-keys-keep-changing = Other owners' desks keep changing the agency's keys: try again in a moment.
error-agency-revoke-desk-first = Revoke that desk first: its keys are still the agency's.
error-agency-not-your-password = This is not your password.
error-agency-nothing-to-rotate = Your keys on this desk are not among the agency's owner keys, so there is nothing to rotate.
error-agency-reset-needs-owner = On a desk of the agency server, only an owner can reset a password: it changes the agency's list of keys.

## The customer portal: accounts for its identity product, and its sign-in file
error-portal-unexportable-hash = The login of { $email } is not stored as an argon2id hash, so it cannot be exported. Reset that customer's password, then export again.
error-portal-file-problem = { $file }: { $problem }
error-portal-no-sign-ins = { $file } holds no sign-ins: a line per sign-in reads email, time and, if known, IP.
error-portal-sign-ins-not-csv = The file cannot be read as CSV near line { $line }.
error-portal-sign-ins-no-columns = the first line names no email and time columns ({ $found }). Name them email, time and ip, or start with the first sign-in.
error-portal-sign-in-no-email = No email address.
error-portal-sign-in-not-an-email = “{ $found }” is not an email address.
error-portal-sign-in-not-a-time = “{ $found }” is not a time; write it like 2026-11-28T09:15:00Z.
error-portal-sign-in-in-future = { $time } is in the future.
error-portal-sign-in-not-an-ip = “{ $found }” is not an IP address.
error-portal-sign-in-no-customer = No customer has this email.
error-portal-sign-in-no-login = This customer has no portal login yet.

## What Verify chain finds on the agency server, and other words shown with its desks
agency-audit-row-missing = row #{ $row } is missing
agency-audit-row-unlinked = it does not follow the row before it
agency-audit-row-changed = its content differs from what its desk sent: it was changed on the server
agency-audit-global-missing = it is missing from the agency's chain
agency-audit-global-unlinked = it does not follow the one before it
agency-audit-global-rewritten = its place in the agency's chain was rewritten
agency-audit-global-end-removed = the agency's chain ends elsewhere than its rows: rows were removed at its end
agency-audit-anchor-rewritten = it is not the row this desk verified there before: the chain was rewritten
agency-audit-anchor-removed = the chain no longer reaches the row this desk verified before: rows were removed
agency-audit-global-problem = Row { $row } of the agency's chain: { $reason }.
agency-audit-desk-not-listed = The agency server holds audit rows of a desk it does not list ({ $desk }).
agency-member-unknown = Someone this desk does not know
agency-update-advised = The agency server speaks a newer protocol ({ $server }) than this Keydesk ({ $protocol }). This desk keeps working; update Keydesk on this machine soon.

## What the agency server answered that this Keydesk does not understand
error-agency-push-too-long = a push carries at most { $most } ops, not { $ops }
error-agency-push-answers-differ = the answers to a push do not match its ops
error-agency-signing-key-length = a signing key of the wrong length
error-agency-unknown-pending-answer = an unknown answer to a pending login: { $answer }
error-agency-unreadable-login-state = an unknown login state
error-agency-unknown-login-channel = an unknown login channel
error-agency-unknown-login-state = an unknown login state: { $state }
error-agency-unknown-version = server_version_num is { $number }
error-agency-new-desk-unnamed = the server did not name the new desk
error-agency-other-member-named = the server named another member
