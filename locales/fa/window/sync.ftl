# همگام‌سازی با سرور آژانس: نشانگر نوار بالا و صندوق همگام‌سازی.

## نشانگر
sync-synced = همگام است
sync-synced-update = همگام است · { "Keydesk" } را به‌روز کنید
sync-refused = نیاز به رسیدگی: میز پذیرفته نشد
sync-refused-waiting = نیاز به رسیدگی: میز پذیرفته نشد · { $waiting }
sync-offline = بدون اتصال از { $time }
sync-offline-waiting = بدون اتصال از { $time } · { $waiting }
sync-syncing = در حال همگام‌سازی…
sync-syncing-waiting = در حال همگام‌سازی… · { $waiting }
sync-sending-waiting = در حال همگام‌سازی · { $waiting }
sync-changes-waiting = { $count ->
    [one] { $n } تغییر در انتظار
   *[other] { $n } تغییر در انتظار
}
sync-notices = { $count ->
    [one] { $n } اعلان همگام‌سازی نیاز به رسیدگی دارد
   *[other] { $n } اعلان همگام‌سازی نیاز به رسیدگی دارند
}
sync-server-says = سرور آژانس: { $reason }
sync-last-synced = آخرین همگام‌سازی: { $time }
sync-last-synced-advice = آخرین همگام‌سازی: { $time }. { $advice }
sync-open-inbox = { $state }. باز کردن صندوق همگام‌سازی

## صندوق همگام‌سازی
sync-inbox-lead = هر تغییر نخست روی همین میز ذخیره می‌شود و در چند ثانیه، یا به محض دسترسی به سرور آژانس، به آن فرستاده می‌شود. آنچه سرور ادغام کرد، بخشی از آن را نگه داشت یا نپذیرفت این‌جا فهرست می‌شود.
sync-inbox-label = صندوق همگام‌سازی
sync-no-server = این میز مستقل کار می‌کند: با هیچ سرور آژانسی همگام‌سازی نمی‌کند.
sync-loading = در حال بارگذاری…
sync-inbox-empty = نیازی به اقدام شما نیست: هر تغییری که این‌جا داده شد همان‌طور که بود اعمال شد.
sync-customer-gone = مشتری‌ای که دیگر روی این میز نیست
sync-made-by = تغییر از { $who } · پاسخ در { $time }
sync-answered = پاسخ در { $time }
sync-apply-mine = اعمال تغییر من
sync-now = همگام‌سازی اکنون

## یک اعلان
sync-someone = کسی
sync-merged-title = با مشتری موجود ادغام شد
sync-merged = آژانس از پیش مشتری‌ای با این ایمیل داشت که { $who } در { $time } ساخته بود. اکنون شما به همان مشتری رسیدگی می‌کنید؛ چیزی دو بار ساخته نشد.
sync-merged-kept = مقدارهای آژانس برای این‌ها نگه داشته شد: { $fields }.
sync-kept-title = بخشی از یک ویرایش اعمال نشد
sync-kept-applied = همان‌طور که وارد کردید ذخیره شد: { $fields }.
sync-kept-taken = { $field }: مشتری دیگری این ایمیل را دارد، پس مقدار شما ذخیره نشد.
sync-kept-first-at = { $field }: { $who } زودتر، در { $time }، آن را تغییر داد؛ مقدار او نگه داشته شد.
sync-kept-first = { $field }: { $who } زودتر آن را تغییر داد؛ مقدار او نگه داشته شد.
sync-refused-title = یک تغییر پذیرفته نشد
sync-field-separator = { "، " }

## فیلدهای مشتری، با همان نام‌هایی که در فرم مشتری دارند
sync-field-status = وضعیت
sync-field-email = ایمیل
sync-field-first-name = نام
sync-field-last-name = نام خانوادگی
sync-field-phone = تلفن
sync-field-company = شرکت
sync-field-address = نشانی
sync-field-city = شهر
sync-field-country = کشور
sync-field-birth-date = تاریخ تولد
sync-field-preferred-language = زبان ترجیحی
sync-field-contact-method = روش تماس
sync-field-tier = سطح
sync-field-gender = جنسیت
sync-field-special-requirements = نیازهای ویژه
sync-field-marketing-consent = رضایت به دریافت تبلیغات
sync-field-notes = یادداشت‌ها
