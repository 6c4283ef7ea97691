## فهرست مشتریان، ردیف‌های آن و فرم مشتری.

## جست‌وجو، فیلترها و کارهای فهرست
customer-list-find = یافتن مشتریان
customer-list-search = جست‌وجو
customer-list-search-placeholder = نام، ایمیل، تلفن، شرکت یا یادداشت‌ها
customer-list-clear-filters = پاک کردن فیلترها
customer-list-clear-filters-title = جست‌وجو را خالی و همهٔ فیلترها را به «همه» برمی‌گرداند
customer-list-clear-search = پاک کردن جست‌وجو
customer-list-import = وارد کردن
customer-list-import-title = افزودن مشتریان از پروندهٔ { "CSV" }
customer-list-generate = ساختن حساب‌های ورود
customer-list-generate-title = برای مشتریان نمایش‌داده‌شده‌ای که حساب ورود ندارند حساب ورود می‌سازد
customer-list-export = خروجی { "CSV" }
customer-list-exporting = در حال گرفتن خروجی…
customer-list-export-title = مشتریانی را که با جست‌وجو و فیلترها مطابق‌اند در قالب پروندهٔ { "CSV" } (بدون رمزگذاری) در پوشهٔ بارگیری‌هایتان ذخیره می‌کند
customer-list-new = مشتری تازه
customer-list-new-title = مشتری تازه (Ctrl+N)
customer-list-status = وضعیت
customer-list-tier = سطح
customer-list-verified = تأییدشده
customer-list-credentials = اطلاعات ورود
customer-list-agent = کارگزار
customer-list-order = ترتیب
customer-list-all-staff = همهٔ کارکنان
customer-list-staff-number = کارمند شمارهٔ { $id }
customer-list-agent-disabled = { $name } (غیرفعال)

## آنچه فهرست بی‌ردیف، یا وقتی ردیف‌ها نرسیدند، نشان می‌دهد
customer-list-empty-title = هنوز مشتری‌ای نیست
customer-list-empty-lead = نخستین مشتری را بسازید: برای شروع یک ایمیل و یک نام کافی است.
customer-list-empty-create = ساختن مشتری
customer-list-no-match = هیچ مشتری‌ای با این فیلترها مطابقت ندارد
customer-list-no-match-search = هیچ مشتری‌ای با «{ $search }» مطابقت ندارد
customer-list-no-match-hint = برای دیدن مشتریان بیشتر، در یکی از فیلترها «همه» را برگزینید یا همه را پاک کنید.
customer-list-no-match-search-hint = واژه‌های کمتر یا کوتاه‌تری را امتحان کنید: جست‌وجو آغاز واژه‌ها را در نام‌ها، ایمیل‌ها، شماره‌های تلفن، شرکت‌ها و یادداشت‌ها پیدا می‌کند.
customer-list-loading = در حال بارگذاری مشتریان…
customer-list-load-failed = بارگذاری مشتریان ممکن نشد.
customer-list-load-more-failed = بارگذاری مشتریان بیشتر ممکن نشد: { $reason }
customer-list-export-failed = گرفتن خروجی ممکن نشد: { $reason }
customer-list-erased = مشتری پاک شد

## جدول
customer-list-col-name = نام
customer-list-col-phone = تلفن
customer-list-col-company = شرکت
customer-list-col-status = وضعیت
customer-list-col-login = حساب ورود
customer-list-col-last-login = آخرین ورود
customer-list-load-more = بارگذاری بیشتر
# `$n` با customer-list-thousands سه‌رقم‌سه‌رقم جدا شده است.
customer-list-count = { $count ->
    [one] { $n } مشتری
   *[other] { $n } مشتری
}
customer-list-thousands = ٬
customer-list-exported = { $customers } در { $path } ذخیره شد. { -file-not-encrypted }
customer-rows-open = باز کردن { $name }
customer-rows-never = هرگز

## تأیید ایمیل حساب ورود مشتری
customer-badge-verified = تأییدشده
customer-badge-not-verified = تأییدنشده

## فرم مشتری
customer-form-new-title = مشتری تازه
customer-form-new-lead = ایمیل و نام لازم است؛ بقیه می‌تواند بعداً بیاید. شمارهٔ تلفنِ بدون پیش‌شمارهٔ کشور، شماره‌ای از کشور خود مشتری در نظر گرفته می‌شود.
customer-form-create = ساختن مشتری
customer-form-creating = در حال ساختن…
customer-form-edit-title = ویرایش مشتری
customer-form-edit-lead = تغییرها با هم ذخیره می‌شوند؛ اگر همکاری در این فاصله این مشتری را تغییر داده باشد، به‌جای نوشتن روی تغییر او به شما خبر داده می‌شود.
customer-form-save = ذخیرهٔ تغییرها
customer-form-reload = بارگذاری دوباره
customer-form-duplicate = مشتری‌ای با این ایمیل از پیش وجود دارد
customer-form-duplicate-open = باز کردن مشتری موجود
customer-form-duplicate-open-lead = به‌جای ساختن مشتری دوم، همان را باز کنید.
customer-form-linkable = این مشتری از مشتریان یکی از همکاران است. آن را به خودتان پیوند دهید تا ببینید و ویرایشش کنید؛ چیزی کپی نمی‌شود. این پیشنهاد ۱۰ دقیقه معتبر است.
customer-form-link-existing = پیوند دادن مشتری موجود به خودتان
customer-form-email = ایمیل
customer-form-phone = تلفن
customer-form-first-name = نام
customer-form-last-name = نام خانوادگی
customer-form-company = شرکت
customer-form-language = زبان
customer-form-country = کشور
customer-form-country-placeholder = IR
customer-form-address = نشانی
customer-form-city = شهر
customer-form-birth-date = تاریخ تولد
customer-form-gender = جنسیت
customer-form-gender-not-asked = پرسیده نشده
customer-form-special-requirements = نیازهای ویژه
customer-form-special-requirements-hint = رژیم غذایی، دسترس‌پذیری، صندلی: آنچه سفر باید در نظر بگیرد.
customer-form-contact = روش تماس ترجیحی
customer-form-tier = سطح
customer-form-marketing = به دریافت تبلیغات رضایت داده است
customer-form-generate-login = ساختن حساب ورود
customer-form-generate-login-hint = گذرواژهٔ درگاه همین حالا ساخته می‌شود و مهروموم‌شده می‌ماند تا تحویل داده شود.
customer-form-notes = یادداشت‌ها
customer-form-cancel-title = انصراف (Esc)

## کشورهایی که فیلد کشور پیشنهاد می‌دهد
