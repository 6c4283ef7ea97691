# The names of the closed sets of words Keydesk shares between the window, the shell and
# the database. Each id is the set and the word (`Vocabulary::message_id`).

choice-all = All
choice-no-preference = No preference

customer-status-active = Active
customer-status-inactive = Inactive
customer-status-archived = Archived

tier-bronze = Bronze
tier-silver = Silver
tier-gold = Gold
tier-platinum = Platinum

contact-method-email = Email
contact-method-phone = Phone call
contact-method-sms = SMS
contact-method-whatsapp = WhatsApp

credentials-state-no-login = No login
credentials-state-pending = To hand over
credentials-state-sent = Sent

customer-sort-newest = Newest first
customer-sort-name = Name
customer-sort-last-login = Last login

handoff-state-pending = Pending
handoff-state-sent = Sent
handoff-state-revoked = Revoked
handoff-state-expired = Expired

handoff-channel-in-person = In person
handoff-channel-phone = Phone
handoff-channel-whatsapp = WhatsApp
handoff-channel-sms = SMS
handoff-channel-email = Email
handoff-channel-other = Other

handoff-reason-new-customer = New customer
handoff-reason-reset = Password reset
handoff-reason-bulk = Generated

import-field-email = Email
import-field-first-name = First name
import-field-last-name = Last name
import-field-full-name = Full name
import-field-phone = Phone
import-field-company = Company
import-field-address = Address
import-field-city = City
import-field-country = Country
import-field-birth-date = Birth date
import-field-preferred-language = Language
import-field-contact-method = Contact method
import-field-tier = Tier
import-field-notes = Notes
import-field-marketing-consent = Marketing consent

encoding-source-detected = detected
encoding-source-byte-order-mark = marked in the file
encoding-source-chosen = chosen

funnel-period-7d = Last 7 days
funnel-period-30d = Last 30 days
funnel-period-90d = Last 90 days

smtp-security-start-tls = STARTTLS (usually port 587)
smtp-security-implicit-tls = TLS from the start (usually port 465)
smtp-security-none = None: unencrypted

mail-kind-welcome = Welcome
mail-kind-welcome-credentials = Welcome with login
mail-kind-credentials-reset = New password
mail-kind-verification-code = Verification code
mail-kind-test = Test mail

outbox-state-queued = Queued
outbox-state-sending = Sending
outbox-state-sent = Sent
outbox-state-failed = Failed
outbox-state-cancelled = Cancelled

refusal-reason-erased = The customer was erased on another desk, so this change was not applied.
refusal-reason-exists = It exists in the agency already.
refusal-reason-not-found = The agency server has no such customer for this desk any more.
refusal-reason-not-allowed = Your role may not make this change on the agency server.

gender-female = Female
gender-male = Male
gender-non-binary = Non-binary
gender-prefer-not-to-say = Prefers not to say
import-field-gender = Gender
import-field-special-requirements = Special requirements
