## صفحهٔ صندوق ارسال و نشانگر آن در نوار بالا.

outbox-lead = هر نامه‌ای که Keydesk می‌فرستد از این‌جا می‌گذرد. نامه‌های در انتظار خودبه‌خود دوباره فرستاده می‌شوند و پس از هر ناکامی، فاصلهٔ تلاش بعدی بیشتر می‌شود؛ متن هر نامه فقط هنگام فرستادن ساخته می‌شود.
outbox-show = نمایش
outbox-all-mails = همهٔ نامه‌ها
outbox-refresh = تازه‌سازی
outbox-retry-all = فرستادن دوبارهٔ همهٔ نامه‌های در انتظار
outbox-retry-all-busy = در حال تلاش دوباره…
outbox-loading = در حال بارگذاری صندوق ارسال…
outbox-load-failed = بارگذاری صندوق ارسال ممکن نشد: { $reason }
outbox-none-in-state = نامه‌ای در این وضعیت نیست. برای دیدن همهٔ نامه‌ها «همهٔ نامه‌ها» را انتخاب کنید.
outbox-none-yet = هنوز نامه‌ای نیست. نامه‌های خوشامد، اطلاعات ورود و کدهای تأیید پس از رفتن به صف این‌جا دیده می‌شوند.
outbox-table = نامه‌ها
outbox-col-queued = زمان ورود به صف
outbox-col-mail = نامه
outbox-col-to = گیرنده
outbox-col-state = وضعیت
outbox-col-tries = تلاش‌ها
outbox-col-actions = کارها
outbox-shown-of = { $shown } از { $total } نامه
outbox-total = { $count ->
    [one] { $n } نامه
   *[other] { $n } نامه
}
outbox-load-more = بارگذاری بیشتر
outbox-loading-more = در حال بارگذاری…
outbox-by = از سوی { $name }
outbox-sent-at = فرستاده‌شده در { $time }
outbox-next-try = تلاش بعدی در { $time }
outbox-retry = فرستادن دوباره
outbox-retry-named = فرستادن دوبارهٔ نامه به { $recipient } همین حالا
outbox-cancel = لغو
outbox-cancel-named = لغو نامه به { $recipient }

## آنچه صفحه پس از هر کار می‌گوید
outbox-retrying = آن نامه همین حالا دوباره فرستاده می‌شود.
outbox-cancelled = نامه به { $recipient } لغو شد.
outbox-retry-failed = فرستادن دوبارهٔ نامه ممکن نشد: { $reason }
outbox-cancel-failed = لغو نامه ممکن نشد: { $reason }
outbox-retry-all-failed = فرستادن دوبارهٔ نامه‌های در انتظار ممکن نشد: { $reason }
outbox-load-more-failed = بارگذاری نامه‌های بیشتر ممکن نشد: { $reason }
outbox-nothing-waiting = هیچ نامه‌ای در انتظار نیست.
outbox-trying-waiting = { $count ->
    [one] { $n } نامهٔ در انتظار همین حالا دوباره فرستاده می‌شود.
   *[other] { $n } نامهٔ در انتظار همین حالا دوباره فرستاده می‌شوند.
}

## نشانگر نوار بالا
outbox-indicator-failed = { $count ->
    [one] { $n } نامه ارسال نشد
   *[other] { $n } نامه ارسال نشد
}
outbox-indicator-failed-and-waiting = { $failed }، { $waiting } در انتظار
outbox-indicator-waiting = { $count ->
    [one] { $n } نامه در انتظار
   *[other] { $n } نامه در انتظار
}
outbox-indicator-waiting-offline = { $count ->
    [one] { $n } نامه در انتظار (برون‌خط)
   *[other] { $n } نامه در انتظار (برون‌خط)
}
outbox-indicator-waiting-no-server = { $count ->
    [one] { $n } نامه در انتظار (سرور نامه تنظیم نشده)
   *[other] { $n } نامه در انتظار (سرور نامه تنظیم نشده)
}
outbox-indicator-open = { $text }. صندوق ارسال را باز کنید
outbox-indicator-last-try = آخرین تلاش: { $error }
