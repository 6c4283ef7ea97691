## گزارش رویدادها: آنچه پنجره پیرامون رویدادها می‌گوید (کار و جزئیات هر رویداد از خود گزارش می‌آید).

audit-lead = هر کار مرتبط با امنیت، تازه‌ترین در بالا. هر ردیف چکیدهٔ ردیف پیش از خود را دارد، پس ردیفی که تغییر کرده یا حذف شده باشد هنگام بررسی زنجیره آشکار می‌شود.
audit-refresh = تازه‌سازی
audit-export = خروجی { "CSV" }
audit-export-busy = در حال گرفتن خروجی…
audit-export-title = رویدادهای مطابق با فیلترها را به‌صورت پروندهٔ { "CSV" } (رمزگذاری‌نشده) در پوشهٔ بارگیری‌هایتان ذخیره کنید
audit-verify = بررسی زنجیره
audit-verify-busy = در حال بررسی…
audit-verifying = در حال بررسی همهٔ ردیف‌های زنجیره…
audit-verify-failed = بررسی زنجیره ممکن نشد: { $reason }
audit-export-failed = گرفتن خروجی ممکن نشد: { $reason }
audit-export-rows = { $count ->
    [one] { $n } ردیف
   *[other] { $n } ردیف
}
audit-export-saved = { $rows } در { $path } ذخیره شد. { -file-not-encrypted }
audit-chain-intact = زنجیره سالم است — { $rows } ردیف بررسی شد
audit-chain-broken = زنجیره در ردیف { $row } شکسته است: { $reason }
audit-chain-last-row-removed = ردیف آخر حذف شده است: گزارش در ردیف { $rows } پایان می‌یابد، اما هنگام آخرین مهروموم { $expected } ردیف داشت
audit-chain-rows-removed = { $removed } ردیف آخر حذف شده است: گزارش در ردیف { $rows } پایان می‌یابد، اما هنگام آخرین مهروموم { $expected } ردیف داشت
audit-loading = در حال بارگذاری گزارش رویدادها…
audit-none-matching = هیچ رویدادی با این فیلترها جور نیست. برای دیدن کل گزارش، فیلترها را پاک کنید.
audit-none-yet = هنوز رویدادی نیست. ورودها و تغییرها به‌محض رخ دادن این‌جا نمایش داده می‌شوند.
audit-load-failed = بارگذاری گزارش رویدادها ممکن نشد: { $reason } برای تلاش دوباره تازه‌سازی کنید.
audit-table = رویدادها
audit-col-time = زمان
audit-col-actor = انجام‌دهنده
audit-col-action = کار
audit-col-detail = جزئیات
audit-load-more = بارگذاری بیشتر
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

## کارهای گزارش رویدادها، با نام ذخیره‌شده‌شان
audit-action-database-created = پایگاه داده ساخته شد
audit-action-vault-key-created = کلید گاوصندوق ساخته شد
audit-action-owner-created = حساب مالک ساخته شد
audit-action-sign-in-ok = ورود
audit-action-sign-in-failed = ورود ناموفق
audit-action-sign-in-refused-locked = ورود رد شد (قفل)
audit-action-account-locked = حساب قفل شد
audit-action-sign-out = خروج
audit-action-session-locked = پنجره قفل شد
audit-action-session-unlocked = قفل پنجره باز شد
audit-action-staff-added = عضو کارکنان افزوده شد
audit-action-staff-role-changed = نقش تغییر کرد
audit-action-staff-disabled = عضو کارکنان غیرفعال شد
audit-action-staff-enabled = عضو کارکنان فعال شد
audit-action-staff-password-reset = بازنشانی گذرواژه
audit-action-account-password-changed = گذرواژه تغییر کرد
audit-action-account-password-change-failed = تغییر گذرواژه ناموفق
audit-action-account-name-changed = نام تغییر کرد
audit-action-settings-changed = تنظیمات تغییر کرد
audit-action-audit-verified = زنجیرهٔ رویدادها بررسی شد
audit-action-audit-exported = از گزارش رویدادها خروجی گرفته شد
audit-action-customer-created = مشتری ساخته شد
audit-action-customer-linked = مشتری پیوند داده شد
audit-action-customer-edited = مشتری ویرایش شد
audit-action-customer-archived = مشتری بایگانی شد
audit-action-customer-restored = مشتری بازگردانده شد
audit-action-customer-erased = مشتری پاک شد
audit-action-customers-exported = از مشتریان خروجی گرفته شد
audit-action-portal-accounts-exported = از حساب‌های درگاه خروجی گرفته شد
audit-action-portal-sign-ins-imported = ورودهای درگاه درون‌ریزی شد
audit-action-customers-imported = مشتریان وارد شدند
audit-action-mail-queued = نامه در صف قرار گرفت
audit-action-mail-sent = نامه ارسال شد
audit-action-mail-failed = ارسال نامه ناموفق بود
audit-action-mail-cancelled = نامه لغو شد
audit-action-mail-retried = ارسال دوبارهٔ نامه
audit-action-mail-test-sent = نامهٔ آزمایشی ارسال شد
audit-action-customer-email-verified = ایمیل تأیید شد
audit-action-customer-portal-password-changed = گذرواژه در درگاه تغییر کرد
audit-action-customer-verification-refused = کد تأیید رد شد
audit-action-credentials-issued = حساب ورود ساخته شد
audit-action-credentials-reset = گذرواژهٔ مشتری بازنشانی شد
audit-action-credentials-bulk-generated = حساب‌های ورود برای چند مشتری ساخته شد
audit-action-handoff-shown-to-creator = گذرواژه یک بار به سازنده‌اش نشان داده شد
audit-action-handoff-revealed = گذرواژه نمایش داده شد
audit-action-handoff-username-copied = نام کاربری کپی شد
audit-action-handoff-password-copied = گذرواژه کپی شد
audit-action-handoff-sent = اطلاعات ورود تحویل شد
audit-action-handoff-revoked = تحویل لغو شد
audit-action-handoff-expired = تحویل منقضی شد
audit-action-handoff-decrypt-failed = گذرواژهٔ مهروموم‌شده رمزگشایی نشد
audit-action-mail-server-tested = سرور نامه آزموده شد
audit-action-recovery-key-created = کلید بازیابی ساخته شد
audit-action-recovery-key-used = کلید بازیابی به کار رفت
audit-action-recovery-key-removed = کلید بازیابی حذف شد
audit-action-handoff-keys-shared = حساب‌های ورود در انتظار با مالکان به اشتراک گذاشته شد
audit-action-agency-keys-rotated = کلیدهای این میز عوض شد
audit-action-handoff-keys-resealed = حساب‌های ورود در انتظار دوباره برای کلیدهای مالکان مهروموم شد
audit-action-backup-passphrase-set = عبارت عبور پشتیبان تعیین شد
audit-action-backup-folder-changed = پوشهٔ پشتیبان تغییر کرد
audit-action-backup-made = پشتیبان گرفته شد
audit-action-backup-failed = پشتیبان‌گیری ناموفق بود
audit-action-backup-restored = پایگاه داده از پشتیبان بازگردانده شد
audit-action-agency-joined = میز به سرور آژانس پیوست
audit-action-agency-desk-invited = میز به سرور آژانس دعوت شد
audit-action-agency-desk-revoked = دسترسی میز به سرور آژانس لغو شد
audit-action-agency-changes-applied = تغییرات میزهای دیگر اعمال شد
