## صفحهٔ کارکنان، تأییدهای آن، پنجرهٔ «افزودن عضو کارکنان» و کارکنان پیوسته به یک مشتری.

staff-lead = همهٔ کسانی که به Keydesk وارد می‌شوند. عضو تازه یک گذرواژهٔ موقت می‌گیرد که فقط یک بار به شما نشان داده می‌شود، و در نخستین ورود گذرواژهٔ خودش را انتخاب می‌کند.
staff-desks = میزها
staff-invite-desk = دعوت از یک میز
staff-add = افزودن عضو کارکنان
staff-loading = در حال بارگذاری فهرست کارکنان…
staff-load-failed = فهرست کارکنان بارگذاری نشد.
staff-load-failed-banner = بارگذاری فهرست کارکنان ممکن نشد: { $reason }
staff-table = اعضای کارکنان
staff-col-person = نام و ایمیل
staff-col-role = نقش
staff-col-status = وضعیت
staff-col-last-sign-in = آخرین ورود
staff-col-actions = کارها
staff-count = { $count ->
    [one] { $n } نفر
   *[other] { $n } نفر
}
staff-you = شما
staff-temporary-password = گذرواژهٔ موقت
staff-never = هرگز
staff-role-of = نقش { $name }
staff-status-active = فعال
staff-status-disabled = غیرفعال
staff-disable = غیرفعال کردن
staff-enable = فعال کردن
staff-disable-named = غیرفعال کردن { $name }
staff-enable-named = فعال کردن { $name }
staff-reset-password = بازنشانی گذرواژه
staff-reset-password-named = بازنشانی گذرواژهٔ { $name }

## آنچه هر نقش می‌تواند
staff-role-owner-summary = مالکان همه کار می‌توانند بکنند، از جمله تغییر مالکان دیگر و تنظیمات آژانس.
staff-role-admin-summary = مدیران کارکنان را مدیریت می‌کنند، گزارش رویدادها را می‌خوانند و تنظیمات را تغییر می‌دهند.
staff-role-agent-summary = کارگزاران با مشتریان خودشان کار می‌کنند؛ کارکنان، گزارش رویدادها و تنظیمات را نمی‌بینند.

## تأییدها
staff-confirm-role-title = نقش { $name } به { $role } تغییر کند؟
staff-confirm-role-text = نقش کنونی { $name } { $current } است. { $summary }
staff-confirm-role = تغییر نقش
staff-confirm-disable-title = { $name } غیرفعال شود؟
staff-confirm-disable-text = { $name } دیگر نمی‌تواند وارد شود. حساب و سابقهٔ او می‌ماند و هر زمان می‌توانید دوباره فعالش کنید.
staff-confirm-enable-title = { $name } فعال شود؟
staff-confirm-enable-text = { $name } می‌تواند دوباره با گذرواژهٔ کنونی‌اش وارد شود.
staff-confirm-reset-title = گذرواژهٔ { $name } بازنشانی شود؟
staff-confirm-reset-text = گذرواژهٔ کنونی او از کار می‌افتد. یک گذرواژهٔ موقت را یک بار خواهید دید؛ { $name } در ورود بعدی گذرواژهٔ خودش را انتخاب می‌کند.

## افزودن عضو کارکنان
staff-add-lead = یک گذرواژهٔ موقت می‌گیرد که فقط یک بار به شما نشان داده می‌شود، و در نخستین ورود گذرواژهٔ خودش را انتخاب می‌کند.
staff-add-email = ایمیل
staff-add-name = نام
staff-add-role = نقش
staff-add-busy = در حال افزودن…
staff-add-email-missing = نشانی ایمیلی را که با آن وارد می‌شود بنویسید.
staff-add-email-odd = این شبیه نشانی ایمیل نیست ({ "name@agency.com" }).
staff-add-name-missing = نامی را که همکاران می‌بینند بنویسید.

## کارکنان پیوسته به یک مشتری
linked-staff-title = کارکنان مرتبط
linked-staff-created = سازنده
linked-staff-linked = پیوند داده‌شده در { $time }
linked-staff-edit-label = ویرایش یادداشت‌ها دربارهٔ { $name }
linked-staff-add-notes = افزودن یادداشت
linked-staff-edit-notes = ویرایش یادداشت‌ها
linked-staff-no-notes = یادداشتی ثبت نشده
linked-staff-notes-about = یادداشت‌ها دربارهٔ { $name }
linked-staff-notes-placeholder = این شخص مشتری را از کجا می‌شناسد، چه توافقی کرده‌اند…
linked-staff-notes-keys = { "Ctrl+Enter" } ذخیره می‌کند، { "Esc" } انصراف می‌دهد
linked-staff-save-notes = ذخیرهٔ یادداشت‌ها
