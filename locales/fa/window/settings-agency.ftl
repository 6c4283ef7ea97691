## تنظیمات ← سرور آژانس: انتشار این میز، میزهای آژانس و کلیدهای این میز
settings-agency-lead = چند میز، یک آژانس: هر میز، برخط یا برون‌خط، جداگانه کار می‌کند و تغییراتش را با سرور { "PostgreSQL" } آژانس مبادله می‌کند. میزهای کارگزاران فقط مشتریان خودشان را دریافت می‌کنند.
settings-agency-loading = در حال بارگذاری…
settings-agency-published = این میز نخستین میز آژانس است: { $n } تغییر به سرور فرستاده شد.
settings-agency-invite-from-staff = برای افزودن میز، در صفحهٔ کارکنان «دعوت از یک میز» را انتخاب کنید: رایانهٔ تازه با کدی که آن‌جا نشان داده می‌شود به آژانس می‌پیوندد.
settings-agency-keys-title = کلیدهای این میز
settings-agency-keys-lead = اطلاعات ورود در انتظار تحویل با کلیدهای میز هر مالک مهروموم می‌شوند. چرخش کلیدها به این میز کلیدهای تازه می‌دهد، هر اطلاعات ورود در انتظاری را که این میز می‌تواند باز کند برای آن‌ها دوباره مهروموم می‌کند و کلیدهای قدیمی را در سراسر آژانس کنار می‌گذارد.
settings-agency-keys-rotated = { $count ->
    [one] این میز کلیدهای تازه دارد؛ { $n } حساب ورود در انتظار برای آن‌ها دوباره مهروموم شد.
   *[other] این میز کلیدهای تازه دارد؛ { $n } حساب ورود در انتظار برای آن‌ها دوباره مهروموم شدند.
}
settings-agency-keys-password = گذرواژهٔ شما
settings-agency-keys-password-hint = کلیدهای تازه را روی این میز مهروموم می‌کند.
settings-agency-keys-rotate = چرخش کلیدهای این میز
settings-agency-keys-rotating = در حال چرخش…
settings-agency-publish-lead = این میز جداگانه کار می‌کند. برای به اشتراک گذاشتن مشتریان و کارکنانش با میزهای دیگر، آن را روی یک سرور آژانس خالی منتشر کنید که مدیر سرور با { "keydesk admin server-init" } آماده کرده است.
settings-agency-publish-admin-url = نشانی مدیر سرور ({ "URL" })
settings-agency-publish-admin-url-hint = همراه با گذرواژهٔ مدیر سرور. فقط یک بار برای ثبت این میز به کار می‌رود و هرگز نگه داشته نمی‌شود.
settings-agency-publish-label = نام این میز
settings-agency-publish-label-hint = نامی که فهرست میزهای آژانس این رایانه را با آن نشان می‌دهد.
settings-agency-publish-label-placeholder = رایانهٔ دفتر
settings-agency-publish-submit = انتشار روی سرور آژانس
settings-agency-publish-busy = در حال انتشار…
