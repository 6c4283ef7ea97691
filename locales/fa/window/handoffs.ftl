## صف اطلاعات ورود برای تحویل در پیشخوان، و ساختن گروهی حساب‌های ورود.

handoff-cannot-decrypt = این گذرواژه دیگر خواندنی نیست ({ $reason }). گذرواژهٔ مشتری را بازنشانی کنید تا گذرواژهٔ تازه‌ای صادر شود.
handoff-all-handed-over = همه تحویل شده‌اند
handoff-waiting = { $n } در انتظار
handoff-meta = { $reason } · توسط { $by } ·
handoff-expires = انقضا: { $when }
handoff-not-shared = در انتظار میز مالکی دیگر: این گذرواژه پیش از مالک شدن شما مهروموم شده است و وقتی مالک دیگری وارد شود، برای شما هم باز می‌شود.
handoff-username = نام کاربری
handoff-password = گذرواژه
handoff-hides-in = تا { $n } ثانیهٔ دیگر پنهان می‌شود
handoff-hide = پنهان کردن
handoff-reveal = نمایش
handoff-reveal-label = نمایش گذرواژهٔ { $name }
handoff-copy-username = کپی نام کاربری؛ کلیپ‌بورد پس از مدتی پاک می‌شود
handoff-copy-password = کپی گذرواژه؛ کلیپ‌بورد پس از مدتی پاک می‌شود
handoff-send-mail = ارسال با ایمیل
handoff-send-mail-label = ارسال اطلاعات ورود { $name } با ایمیل
handoff-mark-sent = ثبت تحویل
handoff-revoke = لغو
handoff-revoke-label = لغو تحویل اطلاعات ورود { $name }
handoff-loading = در حال بارگذاری…
handoff-load-failed = بارگذاری صف ممکن نشد: { $reason }
handoff-empty = چیزی برای تحویل نیست. اطلاعات ورود مشتریان تازه، به ترتیب از قدیمی‌ترین، این‌جا می‌ماند تا تحویلش را ثبت کنید.
handoff-mailed = نامهٔ اطلاعات ورود به { $to } در صندوق ارسال است. وقتی سرور نامه آن را بپذیرد، این تحویل با عنوان «ارسال‌شده با ایمیل» بسته می‌شود.
handoff-note-too-long = حداکثر { $max } نویسه.
handoff-clipboard-cleared = کلیپ‌بورد پاک شد
handoff-copied-clears = { $what } کپی شد · کلیپ‌بورد تا { $n } ثانیهٔ دیگر پاک می‌شود
handoff-copied-kept = { $what } کپی شد · کلیپ‌بورد خودکار پاک نمی‌شود

## چه مدت پیش، و چه مدت دیگر، با بزرگ‌ترین یکای کاملی که جا شود
duration-just-now = همین حالا
duration-minutes-ago = { $n } دقیقه پیش
duration-hours-ago = { $count ->
    [one] { $n } ساعت پیش
   *[other] { $n } ساعت پیش
}
duration-days-ago = { $count ->
    [one] { $n } روز پیش
   *[other] { $n } روز پیش
}
duration-weeks-ago = { $count ->
    [one] { $n } هفته پیش
   *[other] { $n } هفته پیش
}
duration-months-ago = { $count ->
    [one] { $n } ماه پیش
   *[other] { $n } ماه پیش
}
duration-years-ago = { $count ->
    [one] { $n } سال پیش
   *[other] { $n } سال پیش
}
duration-now = همین حالا
duration-in-minutes = { $n } دقیقهٔ دیگر
duration-in-hours = { $count ->
    [one] { $n } ساعت دیگر
   *[other] { $n } ساعت دیگر
}
duration-in-days = { $count ->
    [one] { $n } روز دیگر
   *[other] { $n } روز دیگر
}

## ساختن حساب‌های ورود
generate-logins-title = ساختن حساب‌های ورود
generate-logins-none = همهٔ مشتریان این فهرست از پیش حساب ورود دارند.
generate-logins-lead = { $count ->
    [one] { $n } مشتری در این فهرست هنوز حساب ورود ندارد. اکنون ساخته شود؟ گذرواژه مهروموم‌شده روی پیشخوان می‌ماند تا تحویل داده شود.
   *[other] { $n } مشتری در این فهرست هنوز حساب ورود ندارند. اکنون ساخته شوند؟ هر گذرواژه مهروموم‌شده روی پیشخوان می‌ماند تا تحویل داده شود.
}
generate-logins-running = در حال ساختن حساب‌های ورود
generate-logins-progress = { $done } از { $total } انجام شد
generate-logins-cancelling = در حال لغو… { $done } از { $total } انجام شد
generate-logins-stopped = ساختن حساب‌های ورود متوقف شد: { $reason }
generate-logins-start = ساختن
generate-logins-close = بستن
generate-logins-generated = { $count ->
    [one] { $n } حساب ورود ساخته شد
   *[other] { $n } حساب ورود ساخته شد
}
generate-logins-skipped = { $n } مورد کنار گذاشته شد (از پیش حساب ورود داشت)
generate-logins-not-found = { $n } مورد دیگر پیدا نشد
# بخش دیگری از فهرست نتیجه.
generate-logins-and = { $first }، { $next }
generate-logins-cancelled = { $done }. لغو شد: حساب‌های ورودی که تا این‌جا ساخته شده‌اند می‌مانند.
generate-logins-done = { $done }. این حساب‌ها روی پیشخوان منتظر تحویل می‌مانند.
