## صفحهٔ یک مشتری: جزئیات، حساب ورود درگاه، نامه‌ها، تحویل‌ها و تاریخچه.

customer-detail-what = مشتری
customer-detail-not-found = مشتری پیدا نشد
customer-detail-not-found-text = این مشتری وجود ندارد یا به شما پیوند داده نشده است. برای یافتن مشتری دیگری به فهرست برگردید.
customer-detail-number-title = شمارهٔ این مشتری در آژانس، که در همهٔ میزها یکسان است
customer-detail-number = شمارهٔ { $number }
customer-detail-edit = ویرایش
customer-detail-restore = بازگردانی
customer-detail-archive = بایگانی
customer-detail-erase-title = پاک کردن همیشگی داده‌های شخصی این مشتری
customer-detail-erase = پاک کردن…
customer-detail-details = جزئیات
customer-detail-phone = تلفن
customer-detail-company = شرکت
customer-detail-address = نشانی
customer-detail-city = شهر
customer-detail-country = کشور
customer-detail-birth-date = تاریخ تولد
customer-detail-gender = جنسیت
customer-detail-special-requirements = نیازهای ویژه
customer-detail-language = زبان ترجیحی
customer-detail-contact = روش تماس ترجیحی
customer-detail-marketing = تبلیغات
customer-detail-marketing-agreed = پذیرفته است
customer-detail-marketing-not-agreed = نپذیرفته است
customer-detail-notes = یادداشت‌ها
customer-detail-created = ساخته‌شده
customer-detail-updated = به‌روزرسانی
customer-detail-updated-by = توسط
customer-detail-archive-confirm-title = { $name } بایگانی شود؟
customer-detail-archive-confirm = مشتری بایگانی‌شده از فهرست روزمره بیرون می‌رود (برای یافتنش وضعیت «بایگانی‌شده» را فیلتر کنید) و هر زمان می‌توان آن را بازگرداند. چیزی پاک نمی‌شود.
customer-detail-erase-confirm-title = { $name } پاک شود؟
customer-detail-erase-confirm = با پاک کردن، داده‌های شخصی این مشتری، حساب ورود درگاه و پیوندهایش با کارکنان برای همیشه حذف می‌شود و راه بازگشتی ندارد. در گزارش رویدادها فقط یک سطر می‌ماند: شمارهٔ این مشتری پاک شد، به دست چه کسی و چه زمانی.
customer-detail-erase-for-good = پاک کردن برای همیشه
customer-detail-erasing = در حال پاک کردن…
customer-detail-erase-instead = اگر می‌خواهید مشتری بماند و فقط از فهرست روزمره بیرون برود، به‌جای پاک کردن بایگانی‌اش کنید.
customer-detail-erase-type = برای تأیید، ایمیل مشتری را بنویسید
customer-detail-erase-type-hint = بنویسید: { $email }
customer-detail-back-title = بازگشت به فهرست (Esc)
customer-detail-back = همهٔ مشتریان

## حساب ورود درگاه
customer-detail-login-title = حساب ورود درگاه
customer-detail-login = حساب ورود
customer-detail-email = ایمیل
customer-detail-credentials = اطلاعات ورود
customer-detail-no-login = بدون حساب ورود
customer-detail-no-login-text = هنوز حساب ورودی برای درگاه ساخته نشده است.
customer-detail-verified = تأییدشده
customer-detail-not-verified = تأییدنشده
customer-detail-not-required = لازم نیست
customer-detail-credentials-none = هیچ
customer-detail-must-change-password = باید گذرواژه را عوض کند
customer-detail-in-use = در حال استفاده
customer-detail-login-count = { $count ->
    [0] هرگز وارد نشده
    [one] { $n } بار ورود
   *[other] { $n } بار ورود
}
customer-detail-username = نام کاربری
customer-detail-last-login = آخرین ورود
customer-detail-never-signed-in = هرگز وارد نشده است
customer-detail-verified-on = در { $date }
customer-detail-sent-by = در { $date } توسط { $name }
customer-detail-not-handed-over = هنوز تحویل نشده

## تاریخچه
customer-detail-history = تاریخچه
customer-detail-history-lead = از گزارش رویدادها، جدیدترین در بالا
customer-detail-history-what = تاریخچه
customer-detail-history-empty = هنوز چیزی ثبت نشده است.
customer-detail-history-fewer = نمایش کمتر
customer-detail-history-all = { $count ->
    [one] نمایش همهٔ { $n } مورد
   *[other] نمایش همهٔ { $n } مورد
}

## تحویل‌ها
customer-detail-handoffs = تحویل‌ها
customer-detail-handoffs-empty = هنوز هیچ حساب ورودی تحویل نشده است.
customer-detail-handoffs-loading = در حال بارگذاری…
customer-detail-handoff-closed = در { $date } توسط { $name }
customer-detail-handoff-waiting = در انتظار از { $date }
customer-detail-handoff-made = ساخته‌شده در { $date } توسط { $name }
customer-detail-handoff-note = «{ $note }»
customer-detail-handoff-state = { $state ->
    [pending] در انتظار — منتظر تحویل
    [sent] تحویل‌شده — به دست مشتری رسیده
    [revoked] لغوشده — برای ساختن گذرواژهٔ تازه، گذرواژه را بازنشانی کنید
   *[expired] منقضی‌شده — برای ساختن گذرواژهٔ تازه، گذرواژه را بازنشانی کنید
}
customer-detail-reset-password = بازنشانی گذرواژه
customer-detail-generate-login = ساختن حساب ورود
customer-detail-reset-done = گذرواژهٔ تازه ساخته شد و در پیشخوان منتظر تحویل است؛ گذرواژهٔ قبلی دیگر کار نمی‌کند.
customer-detail-needs-login = حساب ورود تازه لازم است
customer-detail-needs-login-text = { $state ->
    [revoked] آخرین حساب ورود پیش از تحویل لغو شد؛ آن گذرواژه دیگر کار نمی‌کند. برای ساختن گذرواژهٔ تازه، گذرواژه را بازنشانی کنید.
   *[expired] آخرین حساب ورود پیش از تحویل منقضی شد؛ آن گذرواژه دیگر کار نمی‌کند. برای ساختن گذرواژهٔ تازه، گذرواژه را بازنشانی کنید.
}
customer-detail-reset-confirm-title = گذرواژهٔ { $name } بازنشانی شود؟
customer-detail-generate-confirm-title = برای { $name } حساب ورود ساخته شود؟
customer-detail-reset-confirm = گذرواژهٔ تازه‌ای ساخته می‌شود و در پیشخوان منتظر تحویل می‌ماند. گذرواژهٔ کنونی از همین حالا کار نمی‌کند و حساب ورودی که هنوز در انتظار تحویل است لغو می‌شود.

## نامه
customer-detail-mail = نامه
customer-detail-mails-what = نامه‌ها
customer-detail-mails-empty = هنوز نامه‌ای نیست. نامهٔ خوشامد یا کد تأیید بفرستید.
customer-detail-email-verified = ایمیل تأییدشده
customer-detail-email-not-verified = ایمیل تأییدنشده
customer-detail-send-welcome = فرستادن نامهٔ خوشامد
customer-detail-sending = در حال فرستادن…
customer-detail-send-code = فرستادن کد تأیید
customer-detail-welcome-message = پیام شخصی (اختیاری)
customer-detail-welcome-hint = با نشان تجاری آژانس و بدون اطلاعات ورود به { $email } فرستاده می‌شود.
customer-detail-send = فرستادن
customer-detail-queuing = در حال افزودن به صف…
customer-detail-code = کدی که مشتری می‌خواند
customer-detail-verify = تأیید
customer-detail-code-incomplete = ۶ رقمی را که مشتری می‌خواند وارد کنید.
customer-detail-welcome-queued = نامهٔ خوشامد به { $email } در صف ارسال قرار گرفت.
customer-detail-code-sent = کد تأیید به { $email } فرستاده شد. این کد ۱۰ دقیقه اعتبار دارد؛ از مشتری بخواهید آن را برایتان بخواند.
customer-detail-email-confirmed = نشانی ایمیل تأیید شد.
customer-detail-mail-to = به { $email }
customer-detail-mail-by = توسط { $name }
customer-detail-mail-tries = { $count ->
    [one] { $n } تلاش
   *[other] { $n } تلاش
}
