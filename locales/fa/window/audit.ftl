## گزارش رویدادها: آنچه پنجره پیرامون رویدادها می‌گوید (کار و جزئیات هر رویداد از خود گزارش می‌آید).

audit-lead = هر کار مرتبط با امنیت، تازه‌ترین در بالا. هر ردیف چکیدهٔ ردیف پیش از خود را دارد، پس ردیفی که تغییر کرده یا حذف شده باشد هنگام بررسی زنجیره آشکار می‌شود.
audit-refresh = تازه‌سازی
audit-export = برون‌بری { "CSV" }
audit-export-busy = در حال برون‌بری…
audit-export-title = رویدادهای مطابق با فیلترها را به‌صورت پروندهٔ { "CSV" } (رمزگذاری‌نشده) در پوشهٔ بارگیری‌هایتان ذخیره کنید
audit-verify = بررسی زنجیره
audit-verify-busy = در حال بررسی…
audit-verifying = در حال بررسی همهٔ ردیف‌های زنجیره…
audit-verify-failed = بررسی زنجیره ممکن نشد: { $reason }
audit-export-failed = برون‌بری ممکن نشد: { $reason }
audit-export-rows = { $count ->
    [one] { $n } ردیف
   *[other] { $n } ردیف
}
audit-export-saved = { $rows } در { $path } ذخیره شد. { -file-not-encrypted }
audit-chain-intact = زنجیره سالم است — { $rows } ردیف بررسی شد
audit-chain-broken = زنجیره در ردیف { $row } شکسته است: { $reason }
audit-chain-last-row-removed = ردیف آخر حذف شده است: گزارش در ردیف { $rows } پایان می‌یابد، اما هنگام آخرین مهر و موم { $expected } ردیف داشت
audit-chain-rows-removed = { $removed } ردیف آخر حذف شده است: گزارش در ردیف { $rows } پایان می‌یابد، اما هنگام آخرین مهر و موم { $expected } ردیف داشت
audit-loading = در حال بارگذاری گزارش رویدادها…
audit-none-matching = هیچ رویدادی با این فیلترها جور نیست. برای دیدن کل گزارش، فیلترها را پاک کنید.
audit-none-yet = هنوز رویدادی نیست. ورودها و تغییرها همان‌طور که رخ می‌دهند این‌جا می‌آیند.
audit-load-failed = بارگذاری گزارش رویدادها ممکن نشد: { $reason } برای تلاش دوباره تازه‌سازی کنید.
audit-table = رویدادها
audit-col-time = زمان
audit-col-actor = انجام‌دهنده
audit-col-action = کار
audit-col-detail = جزئیات
audit-load-more = بیشتر
audit-loading-more = در حال بارگذاری…
audit-count = { $count ->
    [one] { $n } رویداد
   *[other] { $n } رویداد
}
audit-count-matching = { $count ->
    [one] { $n } رویداد مطابق
   *[other] { $n } رویداد مطابق
}
audit-showing = نمایش { $shown } از { $entries }

## فیلترها
audit-filters = فیلتر کردن گزارش رویدادها
audit-all-people = همهٔ افراد
audit-all-actions = همهٔ کارها
audit-filter-person = شخص
audit-filter-action = کار
audit-filter-from = از
audit-filter-to = تا
audit-filter-search = جست‌وجو
audit-filter-search-placeholder = واژه‌هایی که باید پیدا شوند
audit-clear-filters = پاک کردن فیلترها
