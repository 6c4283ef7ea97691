## The audit log: what the window says around the entries (their actions and details
## come from the log itself).

audit-lead = Every security-relevant action, newest first. Each row carries the hash of the one before it, so a changed or removed row shows up when the chain is checked.
audit-refresh = Refresh
audit-export = Export CSV
audit-export-busy = Exporting…
audit-export-title = Save the entries that match the filters as a CSV file (not encrypted) in your Downloads folder
audit-verify = Verify chain
audit-verify-busy = Verifying…
audit-verifying = Checking every row of the chain…
audit-verify-failed = Could not check the chain: { $reason }
audit-export-failed = Could not export: { $reason }
audit-export-rows = { $count ->
    [one] { $n } row
   *[other] { $n } rows
}
audit-export-saved = Saved { $rows } to { $path }. { -file-not-encrypted }
audit-chain-intact = Chain intact — { $rows } rows verified
audit-chain-broken = Chain broken at row #{ $row }: { $reason }
audit-chain-last-row-removed = The last row was removed: the log ends at row #{ $rows }, but it had { $expected } rows when last sealed
audit-chain-rows-removed = The last { $removed } rows were removed: the log ends at row #{ $rows }, but it had { $expected } rows when last sealed
audit-loading = Loading the audit log…
audit-none-matching = No entries match these filters. Clear the filters to see the whole log.
audit-none-yet = No entries yet. Sign-ins and changes will appear here as they happen.
audit-load-failed = Could not load the audit log: { $reason } Refresh to try again.
audit-table = Audit entries
audit-col-time = Time
audit-col-actor = Actor
audit-col-action = Action
audit-col-detail = Detail
audit-load-more = Load more
audit-loading-more = Loading…
audit-count = { $count ->
    [one] { $n } entry
   *[other] { $n } entries
}
audit-count-matching = { $count ->
    [one] { $n } matching entry
   *[other] { $n } matching entries
}
audit-showing = Showing { $shown } of { $entries }

## Filters
audit-filters = Filter the audit log
audit-all-people = All people
audit-all-actions = All actions
audit-filter-person = Person
audit-filter-action = Action
audit-filter-from = From
audit-filter-to = To
audit-filter-search = Search
audit-filter-search-placeholder = Words to find
audit-clear-filters = Clear filters
