## What the core answers about customers, imports, staff, settings and one's own account,
## when it refuses: said in the window, in the language of the person at it.

## A form's fields
error-field-email-missing = Enter an email address.
error-field-email-too-long = This email address is too long.
error-field-email-invalid = Enter a valid email address, like name@agency.com.
error-field-country = Choose a country (two letters, like GB or DE).
error-field-phone-missing = Enter a phone number.
error-field-phone-invalid = Enter a valid phone number, with the country code if it is abroad (like +44 20 7946 0958).
error-field-name-missing = Enter a name.
error-field-name-too-long = Keep the name under { $max } characters.
error-field-name-control-characters = The name contains invisible control characters.
error-field-too-long = Keep this under { $max } characters.
error-field-control-characters = This contains invisible control characters.
error-field-date = Enter a date as YYYY-MM-DD.
error-field-birth-date-future = A birth date cannot be in the future.
error-field-birth-date-early = Enter a birth date after 1900.
error-field-language = Use a language code such as en, de or pt-BR.

## A new password; the hint is one of the password-hint messages
error-field-password-short = Use at least { $min } characters.
error-field-password-long = Use at most { $max } characters.
error-field-password-guessable = This password is too easy to guess. { $hint }

## How to make a password harder to guess (zxcvbn's warnings and suggestions)
password-hint-more-words = Add a few more uncommon words.
password-hint-straight-rows = Straight rows of keys are easy to guess.
password-hint-short-keyboard-patterns = Short keyboard patterns are easy to guess.
password-hint-repeats-aaa = Repeats like "aaa" are easy to guess.
password-hint-repeats-abcabc = Repeats like "abcabcabc" are only slightly harder to guess than "abc".
password-hint-top-10 = This is a top-10 common password.
password-hint-top-100 = This is a top-100 common password.
password-hint-very-common = This is a very common password.
password-hint-similar-to-common = This is similar to a commonly used password.
password-hint-sequences = Sequences like abc or 6543 are easy to guess.
password-hint-recent-years = Recent years are easy to guess.
password-hint-single-word = A word by itself is easy to guess.
password-hint-dates = Dates are often easy to guess.
password-hint-names-alone = Names and surnames by themselves are easy to guess.
password-hint-common-names = Common names and surnames are easy to guess.
password-hint-use-a-few-words = Use a few words, avoid common phrases.
password-hint-no-need-for-symbols = No need for symbols, digits, or uppercase letters.
password-hint-add-a-word = Add another word or two. Uncommon words are better.
password-hint-capitals = Capitalization doesn't help very much.
password-hint-all-capitals = All-uppercase is almost as easy to guess as all-lowercase.
password-hint-reversed-words = Reversed words aren't much harder to guess.
password-hint-substitutions = Predictable substitutions like '@' instead of 'a' don't help very much.
password-hint-longer-keyboard-pattern = Use a longer keyboard pattern with more turns.
password-hint-avoid-repeats = Avoid repeated words and characters.
password-hint-avoid-sequences = Avoid sequences.
password-hint-avoid-recent-years = Avoid recent years.
password-hint-avoid-your-years = Avoid years that are associated with you.
password-hint-avoid-your-dates = Avoid dates and years that are associated with you.

## One's own account
error-account-password-same = Choose a password different from the current one.
error-account-passwords-differ = The passwords do not match.

## Customers
error-customer-own-link-notes = You can only change the notes of your own link.
error-customer-confirm-erase = Type the customer's email exactly to confirm.
error-customer-email-taken = Another customer already has this email.
error-customer-changed = This customer was changed by { $who } at { $when }; reload to see their change.
error-customer-changed-by-someone = This customer was changed by someone at { $when }; reload to see their change.

## Importing customers: the file ($file is its name, $encoding one of the text-encoding
## messages)
error-import-file-not-found = { $file } was not found; it may have been moved or deleted.
error-import-file-not-allowed = Keydesk is not allowed to read { $file }; check the file's permissions.
error-import-file-unreadable = { $file } cannot be read ({ $reason }).
error-import-file-too-large = { $file } is { $size } MB; Keydesk imports files up to { $max } MB. Split it into smaller files.
error-import-file-folder = { $file } is a folder; choose a CSV file.
error-import-file-binary = { $file } is not a CSV text file (it holds binary data). Choose a file saved as CSV.
error-import-file-encoding-chosen = Line { $line } of { $file } cannot be read as { $encoding }. Choose the encoding the file was saved in.
error-import-file-encoding-detected = Line { $line } of { $file } cannot be read as { $encoding }. In Excel or LibreOffice, save it as 'CSV UTF-8' and import that file.
error-import-file-not-csv = { $file } cannot be read as CSV near line { $line }.
error-import-file-empty = { $file } is empty. It needs a first line of column names and a line per customer.
error-import-file-no-header = The first line of { $file } is not a row of column names. The first line must name the columns, such as Email, First name, Last name.
error-import-file-no-rows = { $file } has column names but no customers: add a line per customer below them.

## Importing customers: the columns ($field is one of the import-field messages)
error-import-mapping-columns = The mapping has { $entries } entries but the file has { $columns } columns; look at the file again.
error-import-mapping-twice = { $field } is chosen for two columns; choose it for one only.
error-import-mapping-no-email = Choose the column that holds the email.
error-import-mapping-no-names = Choose the columns with the first and last name, or one with the full name.

## Importing customers: a row
error-import-row-columns = { $count ->
    [one] Has { $n } column; the header has { $header }.
   *[other] Has { $n } columns; the header has { $header }.
}
error-import-repeated-email = Repeats the email of line { $line }.
error-import-full-name = Enter the first and last name, separated by a space.
error-import-consent = Write yes or no (or 1 and 0, or x for yes).
error-import-tier = Write Bronze, Silver, Gold or Platinum.
error-import-contact-method = Write email, phone, SMS or WhatsApp.
error-import-gender = Write female, male, non-binary or prefer not to say.

## Staff
error-staff-new-owner = New members start as agent or admin; make someone an owner by changing their role.
error-staff-choose-role = Choose a role.
error-staff-email-taken = A staff member with this email already exists.
error-staff-last-owner-demoted = The last active owner cannot be demoted. Make someone else an owner first.
error-staff-last-owner-disabled = The last active owner cannot be disabled. Make someone else an owner first.
error-staff-own-account = Change your own account from My account, not from the staff list.
error-staff-only-owners = Only an owner can change an owner's account or make someone an owner.

## Settings
error-settings-idle-minutes = Choose between { $min } and { $max } minutes.
error-settings-handoff-days = Choose between { $min } and { $max } days.
error-settings-clipboard-seconds = Choose at most { $max } seconds (0 keeps the clipboard as it is).
error-settings-agents-see-passwords = Only an owner can decide whether agents see new customers' passwords.
error-settings-policy-length = Length must be between { $min } and { $max } characters.
error-settings-policy-no-classes = Choose at least one kind of character.
