## قیف پیشخوان: از مشتریانی که اخیراً ساخته شده‌اند، هر کدام تا کجا پیش رفته‌اند.

funnel-title = آیا نتیجه می‌دهد؟
funnel-whose-all = مشتریانی که در این بازه ساخته شده‌اند، و این‌که هر کدام تا کجا پیش رفته‌اند.
funnel-whose-own = مشتریان مرتبط با شما که در این بازه ساخته شده‌اند، و این‌که هر کدام تا کجا پیش رفته‌اند.
funnel-whose-label = مشتریان چه کسی
funnel-period-label = بازهٔ زمانی
funnel-all-staff = همهٔ کارکنان
funnel-staff-disabled = { $name } (غیرفعال)
funnel-counting = در حال شمارش…
funnel-failed = شمارش قیف ممکن نشد: { $reason }
funnel-steps = قیف
funnel-created = مشتریان ساخته‌شده
funnel-handed-over = اطلاعات ورود تحویل‌شده
funnel-verified = ایمیل تأییدشده
funnel-signed-in = واردشده به درگاه مشتریان
funnel-percent = { $n }٪
# یک راه تحویل اطلاعات ورود و شمار مشتریانی که از این راه گرفتند.
funnel-channel = { $channel } { $n }
funnel-none-created = در این بازه هیچ مشتری‌ای ساخته نشده است.
funnel-bar-created = هفتهٔ { $week }: { $n } مشتری ساخته شد
funnel-bar-handed-over = هفتهٔ { $week }: اطلاعات ورود { $n } مشتری تحویل شد
funnel-bar-verified = هفتهٔ { $week }: ایمیل { $n } مشتری تأیید شد
funnel-bar-signed-in = هفتهٔ { $week }: { $n } مشتری به درگاه وارد شد
funnel-by-week = به تفکیک هفته (به وقت { "UTC" }، دوشنبه تا یکشنبه)
funnel-week-of = آغاز هفته
funnel-col-created = ساخته‌شده
funnel-col-handed-over = تحویل‌شده
funnel-col-verified = تأییدشده
funnel-col-signed-in = واردشده
funnel-waiting-title = طولانی‌ترین انتظار برای تحویل
funnel-waiting-none = هیچ اطلاعات ورودی در انتظار تحویل نیست.
# میان نام مشتری و زمانی که حساب ورودش ساخته شد.
funnel-since = از
