## آنچه هستهٔ Keydesk دربارهٔ مشتریان، وارد کردن، کارکنان، تنظیمات و حساب خود شخص پاسخ
## می‌دهد، هنگامی که چیزی را نمی‌پذیرد: در پنجره، به زبان کسی که پشت آن است.

## فیلدهای یک فرم
error-field-email-missing = نشانی ایمیل را وارد کنید.
error-field-email-too-long = این نشانی ایمیل بیش از حد بلند است.
error-field-email-invalid = یک نشانی ایمیل معتبر وارد کنید، مانند { "name@agency.com" }.
error-field-country = کشور را انتخاب کنید (با دو حرف، مانند GB یا DE).
error-field-phone-missing = شمارهٔ تلفن را وارد کنید.
error-field-phone-invalid = یک شمارهٔ تلفن معتبر وارد کنید؛ اگر شماره خارج از کشور است، با پیش‌شمارهٔ کشور (مانند { "+44 20 7946 0958" }).
error-field-name-missing = نام را وارد کنید.
error-field-name-too-long = نام باید کمتر از { $max } نویسه باشد.
error-field-name-control-characters = این نام نویسه‌های کنترلی نامرئی دارد.
error-field-too-long = این متن باید کمتر از { $max } نویسه باشد.
error-field-control-characters = این متن نویسه‌های کنترلی نامرئی دارد.
error-field-date = تاریخ را به شکل YYYY-MM-DD وارد کنید.
error-field-birth-date-future = تاریخ تولد نمی‌تواند در آینده باشد.
error-field-birth-date-early = تاریخ تولدی پس از سال ۱۹۰۰ میلادی وارد کنید.
error-field-language = کد زبانی مانند en، de یا pt-BR به کار ببرید.

## گذرواژهٔ تازه؛ hint یکی از پیام‌های password-hint است
error-field-password-short = دست‌کم { $min } نویسه به کار ببرید.
error-field-password-long = بیش از { $max } نویسه به کار نبرید.
error-field-password-guessable = این گذرواژه خیلی آسان حدس زده می‌شود. { $hint }

## چگونه گذرواژه را سخت‌تر حدس‌زدنی کنیم (هشدارها و پیشنهادهای zxcvbn)
password-hint-more-words = چند واژهٔ نامعمول دیگر بیفزایید.
password-hint-straight-rows = ردیف‌های پشت‌سرهم کلیدها آسان حدس زده می‌شوند.
password-hint-short-keyboard-patterns = الگوهای کوتاه روی صفحه‌کلید آسان حدس زده می‌شوند.
password-hint-repeats-aaa = تکرارهایی مانند «aaa» آسان حدس زده می‌شوند.
password-hint-repeats-abcabc = تکرارهایی مانند «abcabcabc» فقط کمی سخت‌تر از «abc» حدس زده می‌شوند.
password-hint-top-10 = این گذرواژه جزو ۱۰ گذرواژهٔ رایج نخست است.
password-hint-top-100 = این گذرواژه جزو ۱۰۰ گذرواژهٔ رایج نخست است.
password-hint-very-common = این گذرواژه بسیار رایج است.
password-hint-similar-to-common = این گذرواژه به یک گذرواژهٔ پرکاربرد شبیه است.
password-hint-sequences = دنباله‌هایی مانند abc یا 6543 آسان حدس زده می‌شوند.
password-hint-recent-years = سال‌های اخیر آسان حدس زده می‌شوند.
password-hint-single-word = یک واژهٔ تنها آسان حدس زده می‌شود.
password-hint-dates = تاریخ‌ها اغلب آسان حدس زده می‌شوند.
password-hint-names-alone = نام‌ها و نام‌های خانوادگی به‌تنهایی آسان حدس زده می‌شوند.
password-hint-common-names = نام‌ها و نام‌های خانوادگی رایج آسان حدس زده می‌شوند.
password-hint-use-a-few-words = چند واژه به کار ببرید و از عبارت‌های رایج بپرهیزید.
password-hint-no-need-for-symbols = نیازی به نماد، رقم یا حروف بزرگ نیست.
password-hint-add-a-word = یکی دو واژهٔ دیگر بیفزایید. واژه‌های نامعمول بهترند.
password-hint-capitals = حروف بزرگ چندان کمکی نمی‌کنند.
password-hint-all-capitals = گذرواژه‌ای که همه‌اش حروف بزرگ است تقریباً به همان آسانیِ گذرواژه‌ای با حروف کوچک حدس زده می‌شود.
password-hint-reversed-words = واژه‌های وارونه چندان سخت‌تر حدس زده نمی‌شوند.
password-hint-substitutions = جایگزینی‌های قابل پیش‌بینی، مانند «@» به‌جای «a»، چندان کمکی نمی‌کنند.
password-hint-longer-keyboard-pattern = الگوی بلندتری روی صفحه‌کلید با چرخش‌های بیشتر به کار ببرید.
password-hint-avoid-repeats = از تکرار واژه‌ها و نویسه‌ها بپرهیزید.
password-hint-avoid-sequences = از دنباله‌ها بپرهیزید.
password-hint-avoid-recent-years = از سال‌های اخیر بپرهیزید.
password-hint-avoid-your-years = از سال‌هایی که به شما مربوط‌اند بپرهیزید.
password-hint-avoid-your-dates = از تاریخ‌ها و سال‌هایی که به شما مربوط‌اند بپرهیزید.

## حساب خود شخص
error-account-password-same = گذرواژه‌ای جز گذرواژهٔ کنونی‌تان انتخاب کنید.
error-account-passwords-differ = گذرواژه‌ها یکسان نیستند.

## مشتریان
error-customer-own-link-notes = فقط یادداشت‌های پیوند خودتان را می‌توانید تغییر دهید.
error-customer-confirm-erase = برای تأیید، ایمیل مشتری را دقیقاً همان‌گونه که هست بنویسید.
error-customer-email-taken = مشتری دیگری از پیش همین ایمیل را دارد.
error-customer-changed = این مشتری را { $who } در { $when } تغییر داده است؛ برای دیدن تغییر او دوباره بارگذاری کنید.
error-customer-changed-by-someone = این مشتری را کس دیگری در { $when } تغییر داده است؛ برای دیدن تغییرش دوباره بارگذاری کنید.

## وارد کردن مشتریان: پرونده ($file نام آن است و $encoding یکی از پیام‌های text-encoding)
error-import-file-not-found = پروندهٔ { $file } پیدا نشد؛ شاید جابه‌جا یا پاک شده باشد.
error-import-file-not-allowed = برنامهٔ Keydesk اجازهٔ خواندن پروندهٔ { $file } را ندارد؛ مجوزهای پرونده را بررسی کنید.
error-import-file-unreadable = پروندهٔ { $file } خوانده نمی‌شود ({ $reason }).
error-import-file-too-large = حجم پروندهٔ { $file }، { $size } مگابایت است؛ Keydesk فقط پرونده‌های تا { $max } مگابایت را وارد می‌کند. آن را به چند پروندهٔ کوچک‌تر تقسیم کنید.
error-import-file-folder = مسیر { $file } یک پوشه است؛ یک پروندهٔ CSV برگزینید.
error-import-file-binary = پروندهٔ { $file } یک پروندهٔ متنی CSV نیست (دادهٔ دودویی دارد). پرونده‌ای را انتخاب کنید که با قالب CSV ذخیره شده است.
error-import-file-encoding-chosen = سطر { $line } از { $file } با کدگذاری { $encoding } خوانده نمی‌شود. کدگذاری‌ای را برگزینید که پرونده با آن ذخیره شده است.
error-import-file-encoding-detected = سطر { $line } از { $file } با کدگذاری { $encoding } خوانده نمی‌شود. در Excel یا LibreOffice آن را با قالب «CSV UTF-8» ذخیره کنید و همان پرونده را وارد کنید.
error-import-file-not-csv = پروندهٔ { $file } نزدیک سطر { $line } به‌صورت CSV خوانده نمی‌شود.
error-import-file-empty = پروندهٔ { $file } خالی است. سطر نخست آن باید نام ستون‌ها باشد و برای هر مشتری یک سطر داشته باشد.
error-import-file-no-header = سطر نخست پروندهٔ { $file } ردیفی از نام ستون‌ها نیست. سطر نخست باید نام ستون‌ها را داشته باشد، مانند ایمیل، نام، نام خانوادگی.
error-import-file-no-rows = پروندهٔ { $file } نام ستون‌ها را دارد ولی هیچ مشتری‌ای ندارد: زیر آن‌ها برای هر مشتری یک سطر بیفزایید.

## وارد کردن مشتریان: ستون‌ها ($field یکی از پیام‌های import-field است)
error-import-mapping-columns = نگاشت ستون‌ها { $entries } مورد دارد ولی پرونده { $columns } ستون دارد؛ پرونده را دوباره بررسی کنید.
error-import-mapping-twice = فیلد «{ $field }» برای دو ستون برگزیده شده است؛ آن را فقط برای یک ستون برگزینید.
error-import-mapping-no-email = ستونی را که ایمیل در آن است برگزینید.
error-import-mapping-no-names = ستون‌های نام و نام خانوادگی، یا ستون نام کامل را برگزینید.

## وارد کردن مشتریان: یک ردیف
error-import-row-columns = { $count ->
   *[other] این ردیف { $n } ستون دارد؛ سرستون { $header } ستون دارد.
}
error-import-repeated-email = ایمیل سطر { $line } را تکرار می‌کند.
error-import-full-name = نام و نام خانوادگی را با یک فاصله از هم بنویسید.
error-import-consent = بنویسید yes یا no (یا 1 و 0، یا x به معنای yes).
error-import-tier = یکی از این‌ها را بنویسید: Bronze، Silver، Gold یا Platinum.
error-import-contact-method = یکی از این‌ها را بنویسید: email، phone، SMS یا WhatsApp.
error-import-gender = یکی از این‌ها را بنویسید: زن، مرد، نان‌باینری یا ترجیح می‌دهد نگوید.

## کارکنان
error-staff-new-owner = اعضای تازه با نقش کارگزار یا مدیر شروع می‌کنند؛ برای مالک کردن کسی، نقش او را تغییر دهید.
error-staff-choose-role = نقشی برگزینید.
error-staff-email-taken = عضوی از کارکنان با این ایمیل از پیش وجود دارد.
error-staff-last-owner-demoted = نقش آخرین مالک فعال را نمی‌توان پایین آورد. نخست کس دیگری را مالک کنید.
error-staff-last-owner-disabled = آخرین مالک فعال را نمی‌توان غیرفعال کرد. نخست کس دیگری را مالک کنید.
error-staff-own-account = حساب خودتان را از «حساب من» تغییر دهید، نه از فهرست کارکنان.
error-staff-only-owners = فقط مالک می‌تواند حساب یک مالک را تغییر دهد یا کسی را مالک کند.

## تنظیمات
error-settings-idle-minutes = عددی از { $min } تا { $max } دقیقه برگزینید.
error-settings-handoff-days = عددی از { $min } تا { $max } روز برگزینید.
error-settings-clipboard-seconds = حداکثر { $max } ثانیه انتخاب کنید (با ۰، کلیپ‌بورد پاک نمی‌شود و همان‌گونه که هست می‌ماند).
error-settings-agents-see-passwords = فقط مالک می‌تواند تصمیم بگیرد که کارگزاران گذرواژهٔ مشتریان تازه را ببینند یا نه.
error-settings-policy-length = طول باید از { $min } تا { $max } نویسه باشد.
error-settings-policy-no-classes = دست‌کم یک نوع نویسه انتخاب کنید.
