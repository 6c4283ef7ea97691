## آنچه فرم پیش از فرستادن دربارهٔ نوشته‌ها می‌گوید. این بررسی‌ها فقط یک رفت‌وبرگشت را
## کم می‌کنند: Keydesk همه چیز را دوباره بررسی می‌کند و سخن آن مقدم است.

## گذرواژه‌ها و عبارت‌های عبور
check-password-missing = گذرواژه‌ای انتخاب کنید.
check-password-short = دست‌کم { $min } نویسه به کار ببرید (تاکنون { $chars }).
check-password-again = گذرواژه را دوباره بنویسید.
check-passwords-differ = گذرواژه‌ها یکسان نیستند.
check-current-password-missing = گذرواژه‌ای را که با آن وارد شدید بنویسید.
check-new-password-missing = گذرواژهٔ تازه‌ای انتخاب کنید.
check-new-password-same = گذرواژه‌ای جز گذرواژهٔ کنونی‌تان انتخاب کنید.
check-new-password-again = گذرواژهٔ تازه را دوباره بنویسید.

## ساختن حساب مالک
check-owner-email-missing = نشانی ایمیلی را که مالک با آن وارد می‌شود بنویسید.
check-owner-name-missing = نامی را که کارکنان‌تان می‌بینند بنویسید.

## ورود، بازکردن قفل، حساب من
check-sign-in-missing = ایمیل و گذرواژه‌تان را بنویسید.
check-unlock-missing = برای باز کردن قفل، گذرواژه‌تان را بنویسید.
check-account-name-missing = نامی را که همکاران‌تان می‌بینند بنویسید.

## پیوستن به آژانس، انتشار آن، کلیدهای تازهٔ میز، دعوت یک میز
check-join-code-missing = کد دعوتی را که میز یک مالک نشان داد بچسبانید.
check-join-code-odd = کد دعوت با { "KD1" } آغاز می‌شود. کل کد را کپی کنید.
check-join-password-missing = گذرواژه‌ای را که در این رایانه با آن وارد می‌شوید انتخاب کنید.
check-publish-url-missing = نشانی‌ای را که مدیر سرور به شما داده است بچسبانید.
check-publish-url-odd = این نشانی با { "postgres://" } آغاز می‌شود ({ "postgres://admin@db.example.com/keydesk" }).
check-publish-label-missing = برای این میز نامی بگذارید، مانند «رایانهٔ دفتر».
check-rotate-keys-password-missing = گذرواژه‌تان را بنویسید: کلیدهای تازه روی این میز با آن مهروموم می‌شوند.
check-invite-member-missing = انتخاب کنید این میز از آنِ کیست.
check-invite-label-missing = برای میز نامی بگذارید، مانند «لپ‌تاپ علی».

## پشتیبان‌ها و بستهٔ بازیابی
check-passphrase-missing = یک عبارت عبور پشتیبان انتخاب کنید.
check-passphrase-again = عبارت عبور را دوباره بنویسید.
check-passphrases-differ = عبارت‌های عبور یکسان نیستند.
check-backup-folder-missing = پوشه‌ای را که پشتیبان‌ها در آن ذخیره می‌شوند بنویسید، یا پوشهٔ پیش‌فرض را به کار ببرید.
check-restore-path-missing = مسیر کامل پروندهٔ پشتیبان را بنویسید.
check-restore-passphrase-missing = عبارت عبوری را که پشتیبان با آن ساخته شد بنویسید.
check-recovery-words-missing = هر { $words } واژهٔ بستهٔ بازیابی را بنویسید.
check-recovery-words-count = { $count ->
    [one] بسته { $words } واژه دارد؛ { $n } واژه نوشته شده است.
   *[other] بسته { $words } واژه دارد؛ { $n } واژه نوشته شده است.
}

## تنظیمات
check-idle-minutes = یک عدد صحیح از { $min } تا { $max } دقیقه وارد کنید.
check-region = کد دوحرفی کشور را بنویسید، مانند { "GB" } یا { "DE" }.
