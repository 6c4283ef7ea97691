## آنچه هستهٔ Keydesk دربارهٔ کلیدهایش، دسته‌کلید، پشتیبان‌ها، بستهٔ بازیابی، حساب‌های ورود
## در انتظار تحویل و فیلتر گزارش رویدادها پاسخ می‌دهد.

## دسته‌کلید سیستم
error-keyring-unreachable = هیچ سرویس دسته‌کلید سیستم در حال اجرا یا در دسترس نیست ({ $detail }).
error-keyring-refused = دسته‌کلید سیستم قفل است یا اجازهٔ دسترسی نداد ({ $detail }).
error-keyring-key-missing = کلید گاوصندوق این پایگاه داده در دسته‌کلید سیستم نیست.
error-keyring-key-corrupt = دسته‌کلید یک کلید گاوصندوق برگرداند که طولش ۳۲ بایت نیست.
error-keyring-not-persisted = دسته‌کلید کلید گاوصندوق را نگه نداشت: خواندن دوبارهٔ آن چیز دیگری برگرداند.
error-keyring-database-key-missing = کلید پایگاه دادهٔ Keydesk در دسته‌کلید سیستم نیست، پس پایگاه داده باز نمی‌شود. برنامهٔ Keydesk به آن دست نزد.
error-keyring-database-key-wrong = کلید پایگاه داده در دسته‌کلید سیستم، پایگاه دادهٔ Keydesk را باز نمی‌کند: دسته‌کلید کلید دیگری دارد، یا پروندهٔ پایگاه داده جایگزین شده است. برنامهٔ Keydesk به هیچ‌کدام دست نزد.
error-keyring-locked = دسته‌کلید سیستم قفل است، بنابراین Keydesk نمی‌تواند { $task }. قفل آن را باز کنید (شاید محیط دسکتاپ شما پنجرهٔ درخواست گذرواژه را نشان داده باشد) و دوباره امتحان کنید.
error-keyring-call-stopped = فراخوانی دسته‌کلید متوقف شد: { $error }
error-keyring-no-secrets = این انبار کلید فقط کلید گاوصندوق را نگه می‌دارد

## کاری که Keydesk هنگام قفل بودن دسته‌کلید می‌کرد: پایان «Keydesk نمی‌تواند …»
error-keyring-task-read-vault-key = کلید رمزگذاری‌اش را بخواند
error-keyring-task-save-vault-key = کلید رمزگذاری‌اش را ذخیره کند
error-keyring-task-read-database-key = کلید پایگاه داده‌اش را بخواند
error-keyring-task-save-database-key = کلید پایگاه داده‌اش را ذخیره کند
error-keyring-task-read-smtp-password = گذرواژهٔ SMTP را بخواند
error-keyring-task-save-smtp-password = گذرواژهٔ SMTP را ذخیره کند
error-keyring-task-remove-smtp-password = گذرواژهٔ SMTP را حذف کند
error-keyring-task-read-desk-secret = رمز محرمانهٔ این میز برای سرور آژانس را بخواند
error-keyring-task-save-desk-secret = رمز محرمانهٔ این میز برای سرور آژانس را ذخیره کند
error-keyring-task-read-audit-head = پایان امضاشدهٔ گزارش رویدادها را بخواند
error-keyring-task-save-audit-head = پایان امضاشدهٔ گزارش رویدادها را ذخیره کند
error-keyring-task-read-backup-key = کلید پشتیبان را بخواند
error-keyring-task-save-backup-key = کلید پشتیبان را ذخیره کند
error-keyring-task-remove-replaced-keys = کلیدهای پایگاه داده‌ای را که بازگردانی جایگزینش کرد حذف کند

## چه باید کرد وقتی دسته‌کلید به کار نمی‌آید (زیر پیام، در صفحهٔ دسته‌کلید)
error-keyring-fix-unreachable-linux = برنامهٔ Keydesk کلید رمزگذاری‌اش را در دسته‌کلید محیط دسکتاپ شما (Secret Service) نگه می‌دارد. مطمئن شوید GNOME Keyring یا KWallet نصب، در حال اجرا و باز است (خروج از حساب کاربری و ورود دوباره معمولاً قفل آن را باز می‌کند)، سپس «دوباره امتحان کنید» را بزنید.
error-keyring-fix-unreachable-macos = برنامهٔ Keydesk کلید رمزگذاری‌اش را در جاکلیدی ورود (login keychain) شما نگه می‌دارد. قفل آن را در Keychain Access باز کنید و وقتی macOS می‌پرسد به Keydesk اجازه دهید، سپس «دوباره امتحان کنید» را بزنید.
error-keyring-fix-unreachable-windows = برنامهٔ Keydesk کلید رمزگذاری‌اش را در Windows Credential Manager نگه می‌دارد. با حساب خودتان (نه یک نمایهٔ موقت) وارد Windows شوید، سپس «دوباره امتحان کنید» را بزنید.
error-keyring-fix-key-missing = اطلاعات ورود مهروموم‌شده در این پایگاه داده بدون آن باز نمی‌شوند. دسته‌کلیدتان را از یک پشتیبان بازگردانید، یا با پایگاه دادهٔ تازه‌ای شروع کنید (پروندهٔ README را ببینید).
error-keyring-fix-database-key = همه‌چیز در پایگاه داده با این کلید رمزگذاری شده است. دسته‌کلیدتان (یا کل پوشهٔ داده‌ها) را از یک پشتیبان بازگردانید و «دوباره امتحان کنید» را بزنید، یا برای شروع یک پایگاه دادهٔ تازه، پوشهٔ داده‌ها را به جای دیگری ببرید.
error-keyring-fix-not-persisted = دسته‌کلید شما کلید را پذیرفت اما نگه نداشت. بررسی کنید که دسته‌کلید موقت (فقط برای همین نشست) نباشد، سپس «دوباره امتحان کنید» را بزنید.
error-keyring-fix-locked-linux = دسته‌کلید محیط دسکتاپ شما (GNOME Keyring یا KWallet) قفل است. گذرواژهٔ دسته‌کلید را در پنجرهٔ باز کردن قفل که محیط دسکتاپ نشان می‌دهد بنویسید (شاید پشت همین پنجره باشد)، یا قفل دسته‌کلید را در Passwords and Keys یا KWallet Manager باز کنید، سپس «دوباره امتحان کنید» را بزنید.
error-keyring-fix-locked-macos = جاکلیدی ورود شما قفل است. وقتی macOS می‌پرسد گذرواژه‌تان را بنویسید (شاید پنجرهٔ آن پشت همین پنجره باشد)، یا قفل جاکلیدی را در Keychain Access باز کنید، سپس «دوباره امتحان کنید» را بزنید.
error-keyring-fix-locked-windows = برنامهٔ Windows Credential Manager پاسخ نداد. اگر پنجرهٔ امنیتی Windows باز است به آن پاسخ دهید (شاید پشت همین پنجره باشد)، سپس «دوباره امتحان کنید» را بزنید.

## پشتیبان‌ها
error-backup-no-passphrase = نخست یک عبارت عبور پشتیبان تعیین کنید: پشتیبان‌ها با آن رمزگذاری می‌شوند.
error-backup-wrong-passphrase = این عبارت عبور پشتیبان را باز نمی‌کند. آن را بررسی کنید و دوباره امتحان کنید؛ اگر درست است، آغاز پرونده آسیب دیده است.
error-backup-damaged = پروندهٔ پشتیبان آسیب دیده است ({ $detail })، پس بازگردانده نمی‌شود. چیزی جایگزین نشد.
error-backup-cut-short = پرونده ناقص است
error-backup-unwritable = پشتیبان نوشته نشد: { $detail }.
error-backup-not-a-backup = این پرونده پشتیبانِ Keydesk نیست.
error-backup-unreadable = پروندهٔ پشتیبان خوانده نمی‌شود: { $detail }.
error-backup-no-file = در این مسیر پرونده‌ای نیست
error-backup-other-version = با نسخهٔ دیگری از Keydesk ساخته شده است
error-backup-key-conflict = دسته‌کلید این رایانه برای همان Keydesk که این پشتیبان از آن است کلید دیگری دارد، پس پشتیبان این‌جا بازگردانده نمی‌شود. چیزی جایگزین نشد.
error-backup-folder-not-absolute = مسیر کامل پوشه را بنویسید (برای نمونه { "/home/me/Backups" }).
error-backup-folder-unwritable = برنامهٔ Keydesk نمی‌تواند در این پوشه بنویسد: { $error }.

## بستهٔ بازیابی
error-recovery-word-count = کلید بازیابی { $words } واژه دارد، اما { $typed } واژه وارد شده است.
error-recovery-unknown-word = واژهٔ شمارهٔ { $position } از واژه‌های کلید بازیابی نیست: املای آن را بررسی کنید.
error-recovery-checksum = این واژه‌ها با هم جور درنمی‌آیند: یکی از آن‌ها نادرست نوشته شده یا جابه‌جا وارد شده است.
error-recovery-none-to-use = کلید بازیابی‌ای برای به کار بردن نیست: هیچ کلیدی ساخته نشده، یا حذف شده است.
error-recovery-not-current = این واژه‌ها کلید بازیابی کنونی نیستند (بسته‌ای که پیش از آخرین بسته ساخته شده دیگر چیزی را باز نمی‌کند). چیزی تغییر نکرد.
error-recovery-none-to-remove = کلید بازیابی‌ای برای حذف نیست.
error-keys-then-publish = منتشر کنید
error-keys-then-invite-desk = میز را دعوت کنید
error-keys-then-revoke-desk = میز را لغو کنید
error-keys-then-rotate = آن‌ها را بچرخانید
error-keys-then-reset-password = گذرواژه را بازنشانی کنید
error-recovery-then-make-key = کلید بازیابی بسازید

## کلیدهای یک مالک
error-session-keys-locked = کلیدهای شما در این نشست باز نشده‌اند: خارج شوید و دوباره وارد شوید، سپس { $then }.

## حساب‌های ورود در انتظار تحویل
error-handoff-gone = این تحویل دیگر وجود ندارد: شاید مشتری آن پاک شده باشد.
error-handoff-no-keys = کلیدهای شما در این نشست باز نشده‌اند: برای باز کردن این حساب ورود، خارج شوید و دوباره وارد شوید.
error-handoff-not-shared = این حساب ورود پیش از آن‌که شما مالک شوید مهروموم شده است: مالک دیگری باید یک بار وارد شود تا آن را با شما به اشتراک بگذارد.
error-handoff-nobody-can = دیگر هیچ مالکی نمی‌تواند این حساب ورود را باز کند: گذرواژهٔ مشتری را بازنشانی کنید تا گذرواژهٔ تازه‌ای ساخته شود.
error-handoff-recovery-kit-can = اکنون هیچ مالکی نمی‌تواند این حساب ورود را باز کند، اما بستهٔ بازیابی می‌تواند: واژه‌های آن را در «تنظیمات ← امنیت» بنویسید تا دوباره برای همهٔ مالکان باز شود.
error-handoff-not-signed = امضای این حساب ورود با کلیدهای آژانس جور نیست، پس نشان داده نمی‌شود: گذرواژهٔ مشتری را بازنشانی کنید تا گذرواژهٔ تازه‌ای ساخته شود.
error-handoff-not-sealed-to-you = در انتظار میز مالکی دیگر: این حساب ورود پیش از آن‌که کلید شما جزو کلیدهای آژانس باشد مهروموم شده است و وقتی میز مالک دیگری همگام‌سازی کند، برای شما باز می‌شود.
error-handoff-is-pending = این تحویل در انتظار است — هنوز به مشتری تحویل داده نشده است.
error-handoff-is-sent = این تحویل انجام شده است — به مشتری تحویل داده شده است.
error-handoff-is-revoked = این تحویل لغو شده است — گذرواژه را بازنشانی کنید تا گذرواژهٔ تازه‌ای صادر شود.
error-handoff-is-expired = این تحویل منقضی شده است — گذرواژه را بازنشانی کنید تا گذرواژهٔ تازه‌ای صادر شود.
error-handoff-creator-only = فقط کسی که این مشتری را ساخت و گذرواژه را دید می‌تواند این‌جا آن را تحویل‌شده علامت بزند.
error-handoff-mail-sending = نامهٔ این اطلاعات ورود همین حالا در حال فرستادن است. کمی بعد دوباره امتحان کنید.

## فهرست کلیدهای آژانس، مورد به مورد (درون پیامی دیگر گفته می‌شود)
error-vault-roster-not-the-founder = مورد { $entry } از آنِ مالک بنیان‌گذار نیست
error-vault-roster-out-of-place = مورد { $entry } سر جای خود نیست
error-vault-roster-unlinked = مورد { $entry } به مورد پیش از خود پیوند ندارد
error-vault-roster-other-agency = مورد { $entry } برای آژانس دیگری است
error-vault-roster-not-signed = مورد { $entry } با کلید مالکی فعال امضا نشده است
error-vault-roster-unreadable = مورد { $entry } خوانده نمی‌شود
error-vault-roster-repeated = مورد { $entry } کلیدهایی را می‌افزاید که فهرست از پیش فعال دارد

## فیلتر گزارش رویدادها
error-audit-filter-date = تاریخ را به شکل YYYY-MM-DD وارد کنید.
error-audit-filter-dates-reversed = تاریخ پایان پیش از تاریخ آغاز است.
