## تنظیمات ← پشتیبان‌ها، یادآور آخرین پشتیبان در پیشخوان، و پنجرهٔ بازگردانی (از
## تنظیمات و از صفحهٔ نخستین اجرا).

## کارت وضعیت
backups-loading = در حال بارگذاری…
backups-lead = رونوشت‌های رمزگذاری‌شدهٔ همهٔ داده‌های Keydesk، که تا Keydesk باز است هر روز، و هر بار که بخواهید، ساخته می‌شوند. این رونوشت‌ها روی هر رایانه‌ای با عبارت عبور پشتیبان باز می‌شوند.
backups-last = آخرین پشتیبان: { $at }
backups-none-yet = هنوز پشتیبانی گرفته نشده است
backups-overdue = عقب‌افتاده
backups-up-to-date = به‌روز
backups-overdue-old = آخرین پشتیبان بیش از سه روز پیش گرفته شده است. همین حالا پشتیبان بگیرید و Keydesk را هر روز چند دقیقه باز نگه دارید تا پشتیبان‌گیری روزانه انجام شود.
backups-overdue-never = هنوز از هیچ چیز پشتیبان گرفته نشده است. اگر رایانه گم یا خراب شود، همهٔ مشتریان و حساب‌های ورود هم با آن از دست می‌روند.
backups-last-failure = آخرین پشتیبان‌گیری خودکار ناموفق بود: { $reason }
backups-needs-passphrase = در پایین یک عبارت عبور پشتیبان تعیین کنید: پشتیبان‌گیری با آن آغاز می‌شود.
backups-progress = پیشرفت پشتیبان‌گیری
backups-now = پشتیبان‌گیری اکنون
backups-now-busy = در حال پشتیبان‌گیری…
backups-done = پشتیبان گرفته شد.

## پیشرفت پشتیبان‌گیری یا بازگردانی
backups-starting = در حال آغاز…
backups-percent = { $n }٪

## کارت عبارت عبور
backups-passphrase-title = عبارت عبور پشتیبان
backups-passphrase-lead = پشتیبان‌ها فقط با این عبارت عبور باز می‌شوند. Keydesk نمی‌تواند آن را بازیابی کند: آن را یادداشت کنید و جدا از رایانه نگه دارید.
backups-passphrase-new = عبارت عبور تازهٔ پشتیبان
backups-passphrase-again = تکرار عبارت عبور
backups-passphrase-before = پشتیبان‌های پیشین همان عبارت عبوری را نگه می‌دارند که با آن ساخته شده‌اند.
backups-passphrase-change = تغییر عبارت عبور
backups-passphrase-set-one = تعیین عبارت عبور پشتیبان
backups-passphrase-keep = نگه داشتن عبارت کنونی
backups-passphrase-is-set = عبارت عبور پشتیبان تعیین شده است.
backups-passphrase-set = تعیین‌شده
backups-passphrase-saved = عبارت عبور ذخیره شد. پشتیبان‌ها از این پس با آن ساخته می‌شوند.

## کارت پوشه
backups-folder-title = پوشهٔ پشتیبان
backups-folder-lead = پوشه‌ای روی دیسکی دیگر، یک درایو { "USB" } یا یک پوشهٔ همگام‌شده، پشتیبان‌ها را از خرابی دیسک در امان نگه می‌دارد.
backups-folder = پوشه
backups-folder-default-hint = پوشهٔ پیش‌فرض، کنار داده‌های Keydesk. اگر پوشه هنوز وجود نداشته باشد، Keydesk آن را می‌سازد.
backups-folder-hint = اگر پوشه هنوز وجود نداشته باشد، Keydesk آن را می‌سازد.
backups-folder-save = ذخیرهٔ پوشه
backups-folder-use-default = استفاده از پوشهٔ پیش‌فرض
backups-folder-saved = ذخیره شد. پشتیبان‌ها از این پس در این پوشه ساخته می‌شوند.

## پشتیبان‌های درون پوشه
backups-list-title = بازگردانی
backups-list-lead = بازگردانی همهٔ داده‌های Keydesk را با داده‌های یک پشتیبان جایگزین می‌کند. پیش از هر تغییری، Keydesk نشان می‌دهد که پشتیبان چه در بر دارد.
backups-list-empty = هنوز پشتیبانی در این پوشه نیست. همین حالا پشتیبان بگیرید، یا یک پروندهٔ پشتیبان را از جای دیگری بازگردانید.
backups-col-backup = پشتیبان
backups-col-made = زمان ساخت
backups-col-size = اندازه
backups-col-actions = کارها
backups-restore-named = بازگردانی { $name }
backups-restore = بازگردانی…
backups-restore-other = بازگردانی از پروندهٔ دیگر…

## اندازه‌ها: `$whole` و `$tenth` دو سوی ممیز اعشاری‌اند.
backups-size-gb = { $whole }٫{ $tenth } گیگابایت
backups-size-mb = { $whole }٫{ $tenth } مگابایت
backups-size-kb = { $n } کیلوبایت
backups-size-bytes = { $count ->
    [one] { $n } بایت
   *[other] { $n } بایت
}

## یادآور پیشخوان
backups-reminder-last = آخرین پشتیبان: { $at }.
backups-reminder-none = هنوز پشتیبانی گرفته نشده است.
backups-reminder-set-passphrase = برای آغاز پشتیبان‌گیری روزانه، یک عبارت عبور پشتیبان تعیین کنید.
backups-reminder-overdue = همین حالا پشتیبان بگیرید: اگر رایانه گم یا خراب شود، داده‌ها هم با آن از دست می‌روند.
backups-reminder-daily = تا وقتی Keydesk باز است، هر روز پشتیبان می‌گیرد.
backups-reminder-open = باز کردن پشتیبان‌ها

## پنجرهٔ بازگردانی
restore-title = بازگردانی پشتیبان
restore-lead = نخست Keydesk پشتیبان را با عبارت عبورش بررسی می‌کند و نشان می‌دهد چه در بر دارد. تا تأیید نکنید، چیزی تغییر نمی‌کند.
restore-file = پروندهٔ پشتیبان
restore-file-hint = مسیر کامل پروندهٔ پشتیبان، برای نمونه روی یک درایو { "USB" }.
restore-passphrase = عبارت عبور پشتیبان
restore-passphrase-hint = عبارت عبوری که هنگام ساختن پشتیبان تعیین شده بود.
restore-replace-title = همهٔ داده‌ها با این پشتیبان جایگزین شود؟
restore-replace-lead = هر آنچه اکنون در Keydesk هست با محتوای پشتیبان جایگزین می‌شود: مشتریان، کارکنان، اطلاعات ورود برای تحویل، نامه‌ها و تنظیمات. هر چه پس از ساخته شدن آن افزوده شده است از میان می‌رود. سپس هر کس با گذرواژه‌ای وارد می‌شود که در آن پشتیبان داشت.
restore-made = زمان ساخت
restore-staff = کارکنان
restore-customers = مشتریان
restore-pending-logins = اطلاعات ورود برای تحویل
restore-mails = نامه‌ها
restore-size = اندازه
restore-staff-count = { $count ->
    [one] { $n } نفر
   *[other] { $n } نفر
}
restore-customers-count = { $count ->
    [one] { $n } مشتری
   *[other] { $n } مشتری
}
restore-logins-count = { $count ->
    [one] { $n } حساب ورود
   *[other] { $n } حساب ورود
}
restore-mails-count = { $count ->
    [one] { $n } نامه
   *[other] { $n } نامه
}
restore-progress = پیشرفت بازگردانی
restore-back = بازگشت
restore-confirm = جایگزینی همهٔ داده‌ها با این پشتیبان
restore-busy = در حال بازگردانی…
restore-check = بررسی پشتیبان
restore-check-busy = در حال بررسی همهٔ صفحه‌ها…
