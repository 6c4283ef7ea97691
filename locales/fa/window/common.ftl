## آنچه پنجرهٔ Keydesk می‌گوید. هر زبان دقیقاً همین پیام‌ها را با همان متغیرها دارد.
## واژه‌ها: «حساب ورود» برای ورودی که ساخته یا شمرده می‌شود (۳ حساب ورود)؛ «اطلاعات ورود» برای
## نام کاربری و گذرواژه‌ای که نشان داده یا تحویل داده می‌شود. «نامه» آنچه فرستاده می‌شود، «ایمیل» نشانی.

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
    [one] { $n } حساب ورود برای تحویل
   *[other] { $n } حساب ورود برای تحویل
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
sign-in-lead = با ایمیل و گذرواژه‌ای که آژانس برایتان ساخته است وارد شوید.
sign-in-email = ایمیل
sign-in-password = گذرواژه
sign-in-submit = ورود
sign-in-busy = در حال ورود…
sign-in-restored = پشتیبان بازگردانده شد. با گذرواژه‌ای وارد شوید که هنگام ساختن آن داشتید.
sign-in-session-ended = نشست شما پایان یافت. برای ادامه دوباره وارد شوید.
sign-in-forgot = گذرواژه‌تان را فراموش کرده‌اید؟ از مالک آژانس یا یک مدیر بخواهید آن را بازنشانی کند.

## زبان پنجره
language = زبان
window-preferences = زبان و تقویم
window-preferences-lead = فقط برای شما: هر کس در این میز انتخاب خودش را دارد. پنجره بی‌درنگ عوض می‌شود.
calendar = تقویم
calendar-gregorian = میلادی
calendar-solar-hijri = هجری شمسی (جلالی)

## واژه‌های پرکاربرد
dismiss = بستن
dismiss-esc = بستن (Esc)
cancel = انصراف
working = در حال انجام…
load-failed = بارگذاری { $what } ممکن نشد: { $reason }
loading-what = در حال بارگذاری { $what }…
saving = در حال ذخیره…
checking = در حال بررسی…
saved = ذخیره شد
changing = در حال تغییر…
try-again = دوباره امتحان کنید
trying-again = در حال تلاش دوباره…
signed-in-as = با { $email } وارد شده‌اید.

## صفحهٔ قفل
lock-title = پنجرهٔ Keydesk قفل است
lock-lead = پس از مدتی بی‌فعالیتی، Keydesk خودش را قفل کرد. گذرواژه‌تان را وارد کنید تا از همان‌جا ادامه دهید.
lock-password = گذرواژه
lock-submit = باز کردن قفل
lock-busy = در حال باز کردن قفل…
lock-not-you = { $name } نیستید؟

## انتخاب گذرواژهٔ خود پس از گذرواژهٔ موقت
choose-password-title = گذرواژهٔ خودتان را انتخاب کنید
choose-password-lead = { $name }، خوش آمدید. با گذرواژهٔ موقت وارد شده‌اید. گذرواژه‌ای انتخاب کنید که فقط خودتان بدانید؛ گذرواژهٔ موقت دیگر کار نمی‌کند.
choose-password-current = گذرواژهٔ موقت
choose-password-submit = ذخیرهٔ گذرواژه و ادامه

## آغاز به کار
opening = در حال باز کردن Keydesk…
encrypting-database = پایگاه داده برای این نسخهٔ Keydesk رمزگذاری می‌شود. این کار یک بار انجام می‌شود؛ لطفاً Keydesk را باز نگه دارید.
encrypting-database-label = رمزگذاری پایگاه داده
start-failed-title = آغاز به کار Keydesk ممکن نشد
start-failed-log = اگر این پیش‌آمد تکرار شد، جزئیات در پروندهٔ گزارش است.
keyring-title = دسترسی Keydesk به دسته‌کلید سیستم ممکن نیست
keyring-how-to-fix = راه‌حل
keyring-only = کلید گاوصندوق Keydesk فقط در دسته‌کلید نگه داشته می‌شود و هرگز در پرونده ذخیره نمی‌شود.

## وقتی پنجره به برنامه دسترسی ندارد
ipc-no-shell = این پنجره به برنامهٔ Keydesk وصل نیست. Keydesk را از نماد یا منوی آن باز کنید.
ipc-cannot-prepare = آماده کردن درخواست ممکن نشد.
ipc-cannot-prepare-because = آماده کردن درخواست ممکن نشد: { $detail }
ipc-answer-not-understood = برنامه پاسخی فرستاد که این پنجره آن را نمی‌فهمد ({ $command }: { $detail }).
ipc-no-answer = برنامه پاسخ نداد.

## گذرواژه‌ها
show-passwords = نمایش گذرواژه‌ها
hide-passwords = پنهان کردن گذرواژه‌ها
password-toggle-title = { $label } (Alt+F8)
strength-hidden = قدرت گذرواژه:
strength-empty-hint = دست‌کم ۱۰ نویسه به کار ببرید. چند واژهٔ نامرتبط هم آسان به یاد می‌مانند و هم سخت حدس زده می‌شوند.
strength-too-weak = بسیار ضعیف
strength-weak = ضعیف
strength-fair = متوسط
strength-strong = قوی
strength-very-strong = بسیار قوی
new-password = گذرواژهٔ تازه
password-changed = گذرواژه عوض شد. از این پس گذرواژهٔ تازه را به کار ببرید.
confirm-new-password = تکرار گذرواژهٔ تازه

## نخستین اجرا: حساب مالک
owner-title = ساختن حساب مالک
owner-lead = مالک دارندهٔ داده‌های آژانس است: همهٔ مشتریان، اطلاعات ورودی که باید تحویل شوند، کارکنان و تنظیمات.
owner-email = ایمیل
owner-display-name = نام نمایشی
owner-password = گذرواژه
owner-password-confirm = تکرار گذرواژه
owner-submit = ساختن حساب مالک
owner-busy = در حال ساختن حساب…
owner-restore = بازگردانی از پشتیبان
owner-join = پیوستن به یک آژانس

## حساب من
account-who = شما با { $email } و با این نقش وارد می‌شوید. فقط مالک یا مدیر می‌تواند ایمیل یا نقش شما را تغییر دهد.
account-name-title = نام نمایشی
account-name-lead = همکاران شما را در Keydesk و در گزارش رویدادها با این نام می‌بینند.
account-name-save = ذخیرهٔ نام
account-password-title = گذرواژه
account-password-lead = همچنان وارد می‌مانید؛ گذرواژهٔ قبلی بی‌درنگ از کار می‌افتد.
account-password-current = گذرواژهٔ کنونی
account-password-save = تغییر گذرواژه

## پیشخوان
dash-welcome = { $name }، خوش آمدید
dash-lead = کارهای در انتظار شما این‌جاست. Keydesk تازه است، پس بیشترش هنوز خالی است.
dash-handoffs-title = اطلاعات ورود برای تحویل
dash-owners-only = فقط مالکان
dash-handoffs-text = فقط مالکان می‌توانند اطلاعات ورود را باز کنند: هر کدام با کلیدهای خود مالکان مهروموم شده است. وقتی مشتری تازه‌ای می‌سازید، یک مالک اطلاعات ورود او را از این‌جا تحویل می‌دهد.
dash-customers-text = مشتری را با نام، ایمیل، تلفن یا شرکت پیدا کنید، یا مشتری تازه‌ای بیفزایید (Ctrl+N).
dash-open-customers = باز کردن مشتریان
dash-empty = خالی
dash-outbox-text = نامه‌های خوشامد و اطلاعات ورود این‌جا در صف می‌مانند و خودشان فرستاده می‌شوند، حتی پس از مدتی برون‌خط بودن.
dash-recording = در حال ثبت
dash-audit-text = هر ورود و هر تغییر در گزارشی نوشته می‌شود که دست‌کاری در آن آشکار می‌شود و هر زمان می‌توانید آن را بررسی کنید.
dash-open-audit = باز کردن گزارش رویدادها
dash-account-title = حساب شما
dash-account-text = شما با { $email } وارد می‌شوید. هر وقت خواستید نام نمایشی یا گذرواژه‌تان را تغییر دهید.
dash-open-account = باز کردن حساب من
dash-setup = راه‌اندازی Keydesk
step-owner = ساختن حساب مالک
step-mail = وصل کردن سرور نامهٔ آژانس
step-staff = افزودن کارکنان
step-customer = افزودن نخستین مشتری
open-page = باز کردن { $page }
done = انجام شد
soon = به‌زودی

## تنظیمات
settings-sections = بخش‌های تنظیمات
settings-general = عمومی
settings-security = امنیت
settings-credentials = اطلاعات ورود
settings-mail = نامه
settings-branding = نشان تجاری
settings-backups = پشتیبان‌ها
settings-agency = سرور آژانس
settings-customer = درگاه مشتریان
settings-what = تنظیمات
settings-read-only = این تنظیمات را می‌بینید؛ نقش شما اجازهٔ تغییرشان را نمی‌دهد.
settings-backups-owners = فقط مالکان پشتیبان‌ها را مدیریت می‌کنند.
settings-agency-owners = فقط مالکان سرور آژانس را مدیریت می‌کنند.
settings-general-lead = روال کار روزانهٔ آژانس.
settings-general-save = ذخیرهٔ تنظیمات عمومی
settings-general-saved = ذخیره شد. از شمارهٔ تلفن بعدی و نامهٔ بعدی به کار می‌رود.
settings-phone-region = منطقهٔ پیش‌فرض تلفن
settings-phone-region-hint = شماره‌هایی که بدون پیش‌شمارهٔ کشور وارد شوند از این کشور خوانده می‌شوند، مگر آن‌که مشتری کشور خودش را داشته باشد. دو حرف، مانند IR، GB یا DE.
settings-mail-language = زبان نامه‌ها
settings-mail-language-hint = هر مشتری نامه‌هایش را به زبان خودش می‌گیرد اگر Keydesk آن را بداند؛ دیگران، و نامه‌های آزمایشی، به این زبان.
settings-security-lead = چگونگی محافظت Keydesk از پنجرهٔ بی‌مراقب و حساب‌های کارکنان.
settings-security-save = ذخیرهٔ تنظیمات امنیت
settings-security-saved = ذخیره شد. زمان بی‌فعالیتی تازه از همین حالا به کار می‌رود.
settings-idle-minutes = قفل شدن پنجره پس از این چند دقیقه بی‌فعالیتی
settings-idle-minutes-hint = از { $min } تا { $max } دقیقه. باز کردن قفل گذرواژهٔ خود شخص را می‌خواهد؛ صفحه‌ای که در آن بود می‌ماند.
settings-lockout = حساب‌ها پس از ۵ ورود ناموفق منتظر بمانند
settings-lockout-hint = پس از پنج گذرواژهٔ نادرست پشت سر هم، آن حساب باید چند دقیقه صبر کند تا دوباره امتحان کند. هر تلاش به هر حال در گزارش رویدادها ثبت می‌شود.

## هر جا پرونده‌ای ذخیره می‌شود گفته می‌شود.
-file-not-encrypted = این پرونده رمزگذاری نشده است: آن را جای امنی نگه دارید و وقتی کارتان با آن تمام شد پاکش کنید.
