## The customer list, its rows and the customer form.

## The list's search, filters and actions
customer-list-find = Find customers
customer-list-search = Search
customer-list-search-placeholder = Name, email, phone, company or notes
customer-list-clear-filters = Clear filters
customer-list-clear-filters-title = Empty the search and put every filter back on All
customer-list-clear-search = Clear search
customer-list-import = Import
customer-list-import-title = Add customers from a CSV file
customer-list-generate = Generate logins
customer-list-generate-title = Generate logins for the customers on show that have none
customer-list-export = Export CSV
customer-list-exporting = Exporting…
customer-list-export-title = Save the customers that match the search and filters as a CSV file (not encrypted) in your Downloads folder
customer-list-new = New customer
customer-list-new-title = New customer (Ctrl+N)
customer-list-status = Status
customer-list-tier = Tier
customer-list-verified = Verified
customer-list-credentials = Credentials
customer-list-agent = Agent
customer-list-order = Order
customer-list-all-staff = All staff
customer-list-staff-number = Staff #{ $id }
customer-list-agent-disabled = { $name } (disabled)

## What the list shows when it has no rows, or could not get them
customer-list-empty-title = No customers yet
customer-list-empty-lead = Create the first one: an email and a name are enough to start.
customer-list-empty-create = Create a customer
customer-list-no-match = No customer matches these filters
customer-list-no-match-search = No customer matches “{ $search }”
customer-list-no-match-hint = Choose “All” in a filter, or clear them all, to see more customers.
customer-list-no-match-search-hint = Try fewer or shorter words: the search finds the start of words in names, emails, phone numbers, companies and notes.
customer-list-loading = Loading customers…
customer-list-load-failed = The customers could not be loaded.
customer-list-load-more-failed = Could not load more customers: { $reason }
customer-list-export-failed = Could not export: { $reason }
customer-list-erased = Customer erased

## The table
customer-list-col-name = Name
customer-list-col-phone = Phone
customer-list-col-company = Company
customer-list-col-status = Status
customer-list-col-login = Login
customer-list-col-last-login = Last login
customer-list-load-more = Load more
# `$n` is grouped by thousands with customer-list-thousands.
customer-list-count = { $count ->
    [one] { $n } customer
   *[other] { $n } customers
}
customer-list-thousands = ,
customer-list-exported = Saved { $customers } to { $path }. { -file-not-encrypted }
customer-rows-open = Open { $name }
customer-rows-never = Never

## Whether a customer's login email is verified
customer-badge-verified = Verified
customer-badge-not-verified = Not verified

## The customer form
customer-form-new-title = New customer
customer-form-new-lead = Email and name are needed; the rest can follow. A phone number without a country code is read as the customer's country.
customer-form-create = Create customer
customer-form-creating = Creating…
customer-form-edit-title = Edit customer
customer-form-edit-lead = Changes are saved together; if a colleague changed this customer meanwhile, you are told instead of overwriting their change.
customer-form-save = Save changes
customer-form-reload = Reload
customer-form-duplicate = A customer with this email already exists
customer-form-duplicate-open = Open the existing customer
customer-form-duplicate-open-lead = Open it instead of creating a second one.
customer-form-linkable = It belongs to a colleague's customers. Link it to you to see and edit it; nothing is copied. This offer lasts 10 minutes.
customer-form-link-existing = Link the existing customer to you
customer-form-email = Email
customer-form-phone = Phone
customer-form-first-name = First name
customer-form-last-name = Last name
customer-form-company = Company
customer-form-language = Language
customer-form-country = Country
customer-form-country-placeholder = GB
customer-form-address = Address
customer-form-city = City
customer-form-birth-date = Date of birth
customer-form-gender = Gender
customer-form-gender-not-asked = Not asked
customer-form-special-requirements = Special requirements
customer-form-special-requirements-hint = Diet, accessibility, seating: what the trip should allow for.
customer-form-contact = Preferred contact
customer-form-tier = Tier
customer-form-marketing = Agreed to receive marketing
customer-form-generate-login = Generate login
customer-form-generate-login-hint = A portal password is made up now and waits, sealed, until it is handed over.
customer-form-notes = Notes
customer-form-cancel-title = Cancel (Esc)

## Countries the country field offers
