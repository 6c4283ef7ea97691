# Sync with the agency server: the indicator in the top bar and the Sync inbox.

## The indicator
sync-synced = Synced
sync-synced-update = Synced · update Keydesk
sync-refused = Needs attention: desk refused
sync-refused-waiting = Needs attention: desk refused · { $waiting }
sync-offline = Offline since { $time }
sync-offline-waiting = Offline since { $time } · { $waiting }
sync-syncing = Syncing…
sync-syncing-waiting = Syncing… · { $waiting }
sync-sending-waiting = Syncing · { $waiting }
sync-changes-waiting = { $count ->
    [one] { $n } change waiting
   *[other] { $n } changes waiting
}
sync-notices = { $count ->
    [one] { $n } sync notice needs attention
   *[other] { $n } sync notices need attention
}
sync-server-says = The agency server: { $reason }
sync-last-synced = Last synced { $time }
sync-last-synced-advice = Last synced { $time }. { $advice }
sync-open-inbox = { $state }. Open the Sync inbox

## The Sync inbox
sync-inbox-lead = Every change is saved on this desk first and sent to the agency server within seconds, or as soon as it can be reached. What the server merged, kept in part or refused is listed here.
sync-inbox-label = Sync inbox
sync-no-server = This desk works on its own: it syncs with no agency server.
sync-loading = Loading…
sync-inbox-empty = Nothing needs you: every change made here went through as it was made.
sync-customer-gone = A customer no longer on this desk
sync-made-by = Change by { $who } · answered { $time }
sync-answered = Answered { $time }
sync-apply-mine = Apply mine
sync-now = Sync now

## A notice
sync-someone = someone
sync-merged-title = Merged with an existing customer
sync-merged = The agency already had a customer with this email, created by { $who } on { $time }. You now serve that customer; nothing was created twice.
sync-merged-kept = The agency's values were kept for: { $fields }.
sync-kept-title = Part of an edit was not applied
sync-kept-applied = Saved as you made them: { $fields }.
sync-kept-taken = { $field }: another customer has this email, so yours was not saved.
sync-kept-first-at = { $field }: { $who } changed it first, on { $time }; their value was kept.
sync-kept-first = { $field }: { $who } changed it first; their value was kept.
sync-refused-title = A change was refused
sync-field-separator = { ", " }

## The customer's fields, as the customer form labels them
sync-field-status = Status
sync-field-email = Email
sync-field-first-name = First name
sync-field-last-name = Last name
sync-field-phone = Phone
sync-field-company = Company
sync-field-address = Address
sync-field-city = City
sync-field-country = Country
sync-field-birth-date = Birth date
sync-field-preferred-language = Preferred language
sync-field-contact-method = Contact method
sync-field-tier = Tier
sync-field-gender = Gender
sync-field-special-requirements = Special requirements
sync-field-notes = Notes
sync-field-marketing-consent = Marketing consent
