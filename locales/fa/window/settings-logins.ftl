## تنظیمات ← اطلاعات ورود: ساختن و تحویل گذرواژه‌های مشتریان
settings-credential-lead = چگونگی ساخته شدن گذرواژه‌های درگاه مشتریان، و این‌که تا چه مدت در انتظار تحویل می‌مانند.
settings-credential-policy = سیاست گذرواژه
settings-credential-length = طول (نویسه)
settings-credential-strength = قدرت
## قدرت گذرواژه‌هایی که با این سیاست ساخته می‌شوند
settings-credential-band-weak = ضعیف
settings-credential-band-good = خوب
settings-credential-band-strong = قوی
settings-credential-entropy-bits = حدود { $bits } بیت
settings-credential-entropy-none = برای دیدن قدرت، سیاست را اصلاح کنید
settings-credential-classes = نویسه‌های به‌کاررفته
settings-credential-lower = حروف کوچک { "a–z" }
settings-credential-upper = حروف بزرگ { "A–Z" }
settings-credential-digits = ارقام { "0–9" }
settings-credential-symbols = نمادها { "!#%…" }
settings-credential-lookalikes = کنار گذاشتن نویسه‌های شبیه به هم
settings-credential-lookalikes-hint = نویسه‌های { "0 O o 1 l I" } هرگز به کار نمی‌روند تا گذرواژه‌ای که پشت تلفن خوانده می‌شود اشتباه شنیده نشود.
settings-credential-expiry-days = انقضای تحویل پس از (روز)
settings-credential-expiry-days-hint = از { $min } تا { $max }. گذرواژهٔ منقضی‌شده از بین می‌رود؛ برای صدور گذرواژهٔ تازه آن را بازنشانی کنید.
settings-credential-clipboard-seconds = پاک کردن کلیپ‌بورد پس از (ثانیه)
settings-credential-clipboard-seconds-hint = از { $min } تا { $max }؛ با ۰ هرگز پاک نمی‌شود. فقط وقتی پاک می‌شود که هنوز همان چیزی را داشته باشد که { "Keydesk" } کپی کرده است.
settings-credential-agents-see-once = کارگزاران گذرواژهٔ مشتری تازه را یک بار می‌بینند
settings-credential-agents-see-once-hint = درست پس از ساختن مشتری، تا بتوانند آن را همان‌جا تحویل دهند.
settings-credential-agents-see-once-hint-not-owner = درست پس از ساختن مشتری، تا بتوانند آن را همان‌جا تحویل دهند. فقط مالک می‌تواند این را تغییر دهد.
settings-credential-save = ذخیرهٔ تنظیمات اطلاعات ورود
settings-credential-saved = ذخیره شد. اطلاعات ورود تازه از این سیاست پیروی می‌کنند.
settings-credential-check-length = یک عدد صحیح از { $min } تا { $max } نویسه وارد کنید.
settings-credential-check-expiry-days = یک عدد صحیح از { $min } تا { $max } روز وارد کنید.
settings-credential-check-clipboard-seconds = یک عدد صحیح از { $min } تا { $max } ثانیه وارد کنید.
settings-credential-check-classes = دست‌کم یک نوع نویسه انتخاب کنید.

## تنظیمات ← درگاه مشتریان: حساب‌ها برای وب‌سایت و ورودهای آن
settings-portal-lead = وب‌سایت شما مشتریان را با اطلاعات ورودی وارد می‌کند که { "Keydesk" } تحویل می‌دهد. با سرور آژانس، وب‌سایت حساب‌ها را از همان‌جا می‌خواند، با یک حساب ورود در نقش درگاه سرور، و ورودها و ایمیل‌های تأییدشده‌اش خودبه‌خود برمی‌گردند. بدون آن، حساب‌ها را از این‌جا به سامانهٔ هویت وب‌سایت بدهید و ورودهایش را برگردانید.
settings-portal-export-heading = حساب‌ها برای وب‌سایت شما
settings-portal-export-about = { "Auth0" }: پرونده‌های درون‌ریزی گروهی کاربران، هر کدام حداکثر ۵۰۰ کیلوبایت؛ مشتریان با ایمیل خود وارد می‌شوند. { "Keycloak" } (نسخهٔ ۲۴ یا بالاتر): درون‌ریزی بخشی از کاربران قلمرو. هر حساب ایمیل، نام، تأییدشده بودن، لزوم تغییر گذرواژه یا بایگانی بودن، و چکیدهٔ { "argon2id" } خود را دارد.
settings-portal-export-save = ذخیره برای { $product }
settings-portal-export-hint = ذخیرهٔ حساب‌های ورود همهٔ مشتریان برای { $product } در پوشهٔ بارگیری‌ها
settings-portal-export-failed = ذخیرهٔ حساب‌ها ممکن نشد: { $reason }
settings-portal-export-accounts = { $count ->
    [one] { $n } حساب
   *[other] { $n } حساب
}
settings-portal-export-files = { $count ->
    [one] { $n } پرونده
   *[other] { $n } پرونده
}
settings-portal-export-file-list = { $files } ({ $list })
settings-portal-export-left-out = { $count ->
    [one] { $n } مشتری که هنوز حساب ورود ندارد در آن نیست.
   *[other] { $n } مشتری که هنوز حساب ورود ندارند در آن نیستند.
}
settings-portal-exported = { $accounts } برای { $product } در { $files } ذخیره شد. این پرونده چکیدهٔ گذرواژه‌ها را دارد، هرگز خود گذرواژه را. { -file-not-encrypted }
settings-portal-exported-left-out = { $accounts } برای { $product } در { $files } ذخیره شد. { $left_out } این پرونده چکیدهٔ گذرواژه‌ها را دارد، هرگز خود گذرواژه را. { -file-not-encrypted }
settings-portal-sign-ins-heading = ورودها در وب‌سایت شما
settings-portal-sign-ins-about = یک پروندهٔ { "CSV" } از وب‌سایت شما با یک سطر برای هر ورود: ایمیل، زمان (مانند { "2026-11-28T09:15:00Z" }) و اگر معلوم باشد، نشانی { "IP" }. آخرین ورود و شمار ورودهای هر مشتری از آن به‌روز می‌شود؛ ورودی که از پیش این‌جا هست دو بار شمرده نمی‌شود، پس درون‌ریزی دوبارهٔ همان پرونده چیزی را تغییر نمی‌دهد.
settings-portal-sign-ins-file = پرونده
settings-portal-sign-ins-file-placeholder = پرونده‌ای انتخاب کنید یا مسیرش را بچسبانید
settings-portal-sign-ins-choose = انتخاب پرونده…
settings-portal-sign-ins-import = درون‌ریزی ورودها
settings-portal-sign-ins-importing = در حال درون‌ریزی…
settings-portal-sign-ins-line = سطر { $line }: { $problem }
settings-portal-sign-ins-more = …و { $n } مورد دیگر.
settings-portal-check-file = پروندهٔ ورودهای درگاه را انتخاب کنید یا مسیرش را بچسبانید.
settings-portal-report-sign-ins = { $count ->
    [one] { $n } ورود
   *[other] { $n } ورود
}
settings-portal-report-customers = { $count ->
    [one] { $n } مشتری
   *[other] { $n } مشتری
}
settings-portal-report-known = { $count ->
    [one] { $n } مورد از پیش ثبت شده بود
   *[other] { $n } مورد از پیش ثبت شده بودند
}
settings-portal-report-recorded = { $sign_ins } برای { $customers } ثبت شد.
settings-portal-report-recorded-known = { $sign_ins } برای { $customers } ثبت شد؛ { $known }.
settings-portal-report-lines = { $count ->
    [one] { $n } سطر
   *[other] { $n } سطر
}
settings-portal-report-skipped = { $recorded } { $lines } از { $file } کنار گذاشته شد:
