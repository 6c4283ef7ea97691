## آنچه پنجرهٔ Keydesk می‌گوید. هر زبان دقیقاً همین پیام‌ها را با همان متغیرها دارد.

app-name = Keydesk

## صفحه‌ها
page-dashboard = پیشخوان
page-customers = مشتریان
page-outbox = صندوق ارسال
page-staff = کارکنان
page-audit = رویدادها
page-audit-title = گزارش رویدادها
page-settings = تنظیمات
page-account = حساب من
page-sync = همگام‌سازی

## نقش‌ها
role-owner = مالک
role-admin = مدیر
role-agent = کارگزار

## نوار کناری
nav-main = اصلی
nav-handoffs-count = { $count ->
    [one] { $n } اطلاعات ورود برای تحویل
   *[other] { $n } اطلاعات ورود برای تحویل
}
nav-outbox-waiting = { $count ->
    [one] { $n } نامه در انتظار
   *[other] { $n } نامه در انتظار
}
nav-outbox-failed = { $count ->
    [one] { $n } نامه نیاز به رسیدگی دارد؛ ارسال نشد
   *[other] { $n } نامه نیاز به رسیدگی دارند؛ برخی ارسال نشدند
}

## نوار بالا
search-soon = جست‌وجو همراه با مشتریان می‌آید
search-placeholder = جست‌وجو… (Ctrl+K)
search-label = جست‌وجو (به‌زودی)
account-open = { $email } — حساب من
account-open-hidden = حساب من:
sign-out = خروج
sign-out-failed = خروج انجام نشد: { $reason }
signing-out = در حال خروج…

## صفحهٔ ورود
sign-in-title = ورود به Keydesk
sign-in-lead = با ایمیل و رمز عبوری که آژانس برایتان ساخته است وارد شوید.
sign-in-email = ایمیل
sign-in-password = رمز عبور
sign-in-submit = ورود
sign-in-busy = در حال ورود…
sign-in-forgot = رمز عبورتان را فراموش کرده‌اید؟ از مالک آژانس یا یک مدیر بخواهید آن را بازنشانی کند.

## زبان پنجره
language = زبان
window-language = زبان پنجره
window-language-hint = فقط برای شما: هر کس در این میز زبان خودش را انتخاب می‌کند. بی‌درنگ عوض می‌شود.
window-language-saved = ذخیره شد.
