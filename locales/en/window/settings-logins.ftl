## Settings → Credentials: how customers' passwords are made and handed over.
settings-credential-lead = How customers' portal passwords are made, and how long they wait to be handed over.
settings-credential-policy = Password policy
settings-credential-length = Length (characters)
settings-credential-strength = Strength
## The strength of passwords drawn under the policy.
settings-credential-band-weak = Weak
settings-credential-band-good = Good
settings-credential-band-strong = Strong
settings-credential-entropy-bits = about { $bits } bits
settings-credential-entropy-none = Fix the policy to see its strength
settings-credential-classes = Characters used
settings-credential-lower = Lowercase a–z
settings-credential-upper = Uppercase A–Z
settings-credential-digits = Digits 0–9
settings-credential-symbols = Symbols !#%…
settings-credential-lookalikes = Leave out look-alike characters
settings-credential-lookalikes-hint = 0 O o 1 l I are never used, so a password read out over the phone is not misheard.
settings-credential-expiry-days = Handoffs expire after (days)
settings-credential-expiry-days-hint = { $min } to { $max }. An expired password is destroyed; reset it to issue a new one.
settings-credential-clipboard-seconds = Clear the clipboard after (seconds)
settings-credential-clipboard-seconds-hint = { $min } to { $max }; 0 never clears it. Only cleared if it still holds what Keydesk copied.
settings-credential-agents-see-once = Agents see a new customer's password once
settings-credential-agents-see-once-hint = Right after creating the customer, so they can hand it over on the spot.
settings-credential-agents-see-once-hint-not-owner = Right after creating the customer, so they can hand it over on the spot. Only the owner can change this.
settings-credential-save = Save credential settings
settings-credential-saved = Saved. New logins follow this policy.
settings-credential-check-length = Enter a whole number of characters from { $min } to { $max }.
settings-credential-check-expiry-days = Enter a whole number of days from { $min } to { $max }.
settings-credential-check-clipboard-seconds = Enter a whole number of seconds from { $min } to { $max }.
settings-credential-check-classes = Choose at least one kind of character.

## Settings → Customer portal: the accounts for the website and its sign-ins.
settings-portal-lead = Your website signs customers in with the logins Keydesk hands over. With an agency server, it reads the accounts there, as a login in the server's portal role, and its sign-ins and verified emails come back by themselves. Without one, give its identity product the accounts here, and bring its sign-ins back.
settings-portal-export-heading = Accounts for your website
settings-portal-export-about = Auth0: bulk user import files of at most 500 KB each; customers sign in with their email. Keycloak (24 or later): a partial import of the realm's users. Each account carries its email, name, whether it is verified, must change its password or is archived, and its argon2id hash.
settings-portal-export-save = Save for { $product }
settings-portal-export-hint = Save every customer's login for { $product } in your Downloads folder
settings-portal-export-failed = Could not save the accounts: { $reason }
settings-portal-export-accounts = { $count ->
    [one] { $n } account
   *[other] { $n } accounts
}
settings-portal-export-files = { $count ->
    [one] { $n } file
   *[other] { $n } files
}
settings-portal-export-file-list = { $files } ({ $list })
settings-portal-export-left-out = { $count ->
    [one] { $n } customer without a login yet is not in it.
   *[other] { $n } customers without a login yet are not in it.
}
settings-portal-exported = Saved { $accounts } for { $product } to { $files }. It holds password hashes, never a password. { -file-not-encrypted }
settings-portal-exported-left-out = Saved { $accounts } for { $product } to { $files }. { $left_out } It holds password hashes, never a password. { -file-not-encrypted }
settings-portal-sign-ins-heading = Sign-ins on your website
settings-portal-sign-ins-about = A CSV file from your website with a line per sign-in: email, time (such as 2026-11-28T09:15:00Z) and, if known, the IP address. Each customer's last sign-in and count follow; a sign-in already here is not counted twice, so importing the same file again changes nothing.
settings-portal-sign-ins-file = File
settings-portal-sign-ins-file-placeholder = Choose a file, or paste its path
settings-portal-sign-ins-choose = Choose file…
settings-portal-sign-ins-import = Import sign-ins
settings-portal-sign-ins-importing = Importing…
settings-portal-sign-ins-line = Line { $line }: { $problem }
settings-portal-sign-ins-more = …and { $n } more.
settings-portal-check-file = Choose the portal's sign-in file, or paste its path.
settings-portal-report-sign-ins = { $count ->
    [one] { $n } sign-in
   *[other] { $n } sign-ins
}
settings-portal-report-customers = { $count ->
    [one] { $n } customer
   *[other] { $n } customers
}
settings-portal-report-known = { $count ->
    [one] { $n } was already known
   *[other] { $n } were already known
}
settings-portal-report-recorded = Recorded { $sign_ins } for { $customers }.
settings-portal-report-recorded-known = Recorded { $sign_ins } for { $customers }; { $known }.
settings-portal-report-lines = { $count ->
    [one] { $n } line
   *[other] { $n } lines
}
settings-portal-report-skipped = { $recorded } { $lines } of { $file } skipped:
