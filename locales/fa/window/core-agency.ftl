## سرور آژانس: آنچه هستهٔ Keydesk می‌گوید وقتی به سرور دسترسی ندارد یا سرور نمی‌پذیرد.
error-agency-bad-url = نشانی سرور یک نشانی PostgreSQL نیست: { $reason }
error-agency-url-scheme = باید با { "postgres://" } آغاز شود (برای نمونه { "postgres://keydesk_admin@db.example.com/keydesk?sslmode=verify-full" })
error-agency-unreachable = دسترسی به سرور آژانس در { $at } ممکن نیست: { $reason }
error-agency-no-answer-within = ظرف { $seconds } ثانیه پاسخی نرسید
error-agency-tls = بررسی سرور آژانس در { $at } از طریق TLS ممکن نشد: { $reason }. مرجع صدور گواهی را در sslrootcert بررسی کنید
error-agency-ca-file-unreadable = پروندهٔ مرجع صدور گواهی { $path } خوانده نمی‌شود: { $error }
error-agency-ca-file-not-pem = پروندهٔ { $path } هیچ گواهی PEM ندارد
error-agency-sign-in-refused = سرور آژانس در { $at } ورود { $user } را نپذیرفت: نام کاربری و گذرواژه را بررسی کنید
error-agency-sign-in-disabled = سرور آژانس در { $at } دیگر اجازهٔ ورود به { $user } نمی‌دهد: این میز لغو شده است. یک مالک می‌تواند آن را دوباره ثبت کند
error-agency-connection-refused = سرور آژانس در { $at } اتصال را نپذیرفت: { $reason }
error-agency-no-database = سرور آژانس در { $at } پایگاه داده‌ای به نام { $database } ندارد: نخست آن را بسازید (CREATE DATABASE)
error-agency-postgres-too-old = سرور آژانس PostgreSQL { $found } را اجرا می‌کند؛ Keydesk به PostgreSQL { $oldest } یا تازه‌تر نیاز دارد
error-agency-already-set-up = این پایگاه داده از پیش به‌عنوان سرور آژانس Keydesk راه‌اندازی شده است (پروتکل { $protocol }): برای به‌روز کردن آن، `keydesk admin server-upgrade` را اجرا کنید
error-agency-foreign-schema = این پایگاه داده طرحواره‌ای به نام kd دارد که Keydesk آن را نساخته است: برای سرور آژانس از یک پایگاه دادهٔ خالی استفاده کنید
error-agency-not-set-up = این پایگاه داده به‌عنوان سرور آژانس Keydesk راه‌اندازی نشده است: نخست `keydesk admin server-init` را اجرا کنید
error-agency-newer = سرور آژانس با نسخهٔ تازه‌تری از Keydesk راه‌اندازی شده است (تغییر { $version } را دارد که این نسخه آن را نمی‌شناسد): Keydesk را روی این رایانه به‌روز کنید
error-agency-role-not-allowed = نقش { $role } اجازهٔ این کار را روی سرور آژانس ندارد: این کار به مدیری نیاز دارد که بتواند در پایگاه داده طرحواره بسازد
error-agency-login-not-allowed = این کاربر پایگاه داده اجازهٔ این کار را روی سرور آژانس ندارد: این کار به مدیری نیاز دارد که بتواند در پایگاه داده طرحواره بسازد
error-agency-not-a-desk = سرور آژانس این میز را نمی‌پذیرد: این میز در آژانس ثبت نشده یا لغو شده است. تغییراتی که روی آن داده شده روی همین رایانه می‌ماند؛ یک مالک می‌تواند آن را دوباره ثبت کند
error-agency-protocol = پاسخ سرور آژانس برای این نسخهٔ Keydesk قابل فهم نبود: { $detail }
error-agency-failed = سرور آژانس با خطا روبه‌رو شد: { $detail }

## پیوستن به آژانس، میزها و پروتکل آن
error-agency-not-an-invitation-code = این کد دعوت Keydesk نیست. کل کدی را که میز مالک نشان داد، از { "KD1." } تا انتهایش، کپی کنید.
error-agency-paste-code = کد دعوت را بچسبانید.
error-agency-name-the-desk = برای میز نامی بگذارید، مانند «لپ‌تاپ سام».
error-agency-invitation-expired = مهلت این دعوت‌نامه تمام شده است: از میز یک مالک دعوت‌نامهٔ تازه بخواهید.
error-agency-server-has-desks = این سرور آژانس از قبل میزهایی دارد: به‌جای آن، با دعوت‌نامه‌ای از یکی از مالکانش به آن بپیوندید.
error-agency-already-joined = این میز از پیش یکی از میزهای یک آژانس است.
error-agency-join-needs-new-desk = فقط میزی تازه که هنوز هیچ عضوی از کارکنان ندارد می‌تواند به آژانس بپیوندد.
error-agency-keys-not-vouched = فهرست کلیدهای آژانس روی سرور، کلیدهای این میز را تأیید نمی‌کند: از میز مالک دعوت‌نامهٔ تازه بخواهید.
error-agency-member-not-listed = سرور آژانس هنوز عضوِ کارکنانِ این میز را در فهرست خود ندارد: از میز مالک بخواهید همگام‌سازی کند، سپس دوباره بپیوندید.
error-agency-revoke-own-desk = این همان میزی است که با آن کار می‌کنید: آن را از میز مالک دیگری لغو کنید.
error-agency-other-agency = سرور آژانس اکنون از آنِ آژانس دیگری است: این میز با آن همگام‌سازی نمی‌کند.
error-agency-no-server = این میز سرور آژانس ندارد.
error-agency-desk-secret-missing = رمز محرمانهٔ این میز برای سرور آژانس در دسته‌کلید نیست: یک مالک می‌تواند میز را دوباره ثبت کند.
error-agency-protocol-too-old = سرور آژانس دیگر پروتکل این نسخهٔ Keydesk ({ $protocol }) را نمی‌پذیرد و به { $oldest } یا تازه‌تر نیاز دارد: Keydesk را روی این رایانه به‌روز کنید. تغییراتی که این‌جا داده می‌شود نگه داشته می‌شود و پس از به‌روزرسانی فرستاده می‌شود.
error-agency-server-protocol-older = پروتکل سرور آژانس ({ $server }) از پروتکل این نسخهٔ Keydesk ({ $protocol }) قدیمی‌تر است: از مدیر سرور بخواهید `keydesk admin server-upgrade` را اجرا کند.
error-agency-staff-changes-offline = تغییر کارکنان به سرور آژانس نیاز دارد و اکنون دسترسی به آن ممکن نیست ({ $reason }). چیزی تغییر نکرد: وقتی این میز به شبکه وصل شد، دوباره امتحان کنید.
error-agency-nothing-to-apply-again = فقط فیلدهایی از یک ویرایش را می‌توان دوباره اعمال کرد که در آن‌ها مقدار شخص دیگری نگه داشته شده است.
error-agency-email-taken-now = اکنون مشتری دیگری این ایمیل را دارد.
error-agency-link-offer-expired = مهلت این پیشنهاد برای پیوند دادن مشتری تمام شده یا از آن استفاده شده است. برای گرفتن پیشنهاد تازه، فرم را دوباره ذخیره کنید.
error-agency-audit-owners-only = فقط میز یک مالک گزارش رویدادهای همهٔ میزها را روی سرور آژانس می‌خواند.

## فهرست کلیدهای آژانس
error-agency-founder-unknown = این میز نمی‌تواند فهرست کلیدهای آژانس را بررسی کند: کلید مالکِ بنیان‌گذار را نمی‌شناسد. این میز را با یک دعوت‌نامهٔ تازه دوباره به آژانس وصل کنید.
error-agency-keys-cannot-sign = کلیدهای شما نمی‌توانند فهرست کلیدهای آژانس را امضا کنند ({ $reason }): فقط مالکی که میزش در این فهرست است می‌تواند.
error-agency-keys-keep-changing = میزهای مالکان دیگر پیوسته کلیدهای آژانس را تغییر می‌دهند: کمی بعد دوباره امتحان کنید.
error-agency-revoke-desk-first = نخست آن میز را لغو کنید: کلیدهایش هنوز جزو کلیدهای آژانس است.
error-agency-not-your-password = این گذرواژهٔ شما نیست.
error-agency-nothing-to-rotate = کلیدهای شما روی این میز جزو کلیدهای مالکان آژانس نیست، پس چیزی برای چرخش وجود ندارد.
error-agency-reset-needs-owner = روی میزی که با سرور آژانس کار می‌کند، فقط یک مالک می‌تواند گذرواژه را بازنشانی کند: این کار فهرست کلیدهای آژانس را تغییر می‌دهد.

## درگاه مشتریان: حساب‌ها برای سامانهٔ هویت آن، و پروندهٔ ورودهایش
error-portal-unexportable-hash = حساب ورود { $email } به‌صورت چکیدهٔ argon2id ذخیره نشده است، پس نمی‌توان از آن خروجی گرفت. گذرواژهٔ آن مشتری را بازنشانی کنید و دوباره خروجی بگیرید.
error-portal-file-problem = { $file }: { $problem }
error-portal-no-sign-ins = پروندهٔ { $file } هیچ ورودی ندارد: هر سطر یک ورود است، شامل ایمیل، زمان و در صورت وجود، نشانی IP.
error-portal-sign-ins-not-csv = این پرونده نزدیک سطر { $line } به‌صورت CSV خوانده نمی‌شود.
error-portal-sign-ins-no-columns = سطر نخست ستون‌های ایمیل و زمان را نام نمی‌برد ({ $found }). آن‌ها را email، time و ip بنامید، یا پرونده را با نخستین ورود شروع کنید.
error-portal-sign-in-no-email = نشانی ایمیل ندارد.
error-portal-sign-in-not-an-email = مقدار «{ $found }» نشانی ایمیل نیست.
error-portal-sign-in-not-a-time = مقدار «{ $found }» زمان نیست؛ آن را به شکل { "2026-11-28T09:15:00Z" } بنویسید.
error-portal-sign-in-in-future = زمان { $time } در آینده است.
error-portal-sign-in-not-an-ip = مقدار «{ $found }» نشانی IP نیست.
error-portal-sign-in-no-customer = هیچ مشتری‌ای این ایمیل را ندارد.
error-portal-sign-in-no-login = این مشتری هنوز حساب ورود درگاه ندارد.

## آنچه «بررسی زنجیره» روی سرور آژانس می‌یابد، و واژه‌های دیگری که با میزهای آن دیده می‌شود
agency-audit-row-missing = ردیف شمارهٔ { $row } وجود ندارد
agency-audit-row-unlinked = در ادامهٔ ردیف پیش از خود نیست
agency-audit-row-changed = محتوای آن با آنچه میزش فرستاد فرق دارد: روی سرور تغییر داده شده است
agency-audit-global-missing = در زنجیرهٔ آژانس نیست
agency-audit-global-unlinked = در ادامهٔ ردیف پیش از خود نیست
agency-audit-global-rewritten = جایگاه آن در زنجیرهٔ آژانس بازنویسی شده است
agency-audit-global-end-removed = پایان زنجیرهٔ آژانس با ردیف‌هایش جور نیست: ردیف‌هایی از انتهای آن حذف شده است
agency-audit-anchor-rewritten = این همان ردیفی نیست که این میز پیش‌تر در این جایگاه بررسی کرد: زنجیره بازنویسی شده است
agency-audit-anchor-removed = زنجیره دیگر به ردیفی که این میز پیش‌تر بررسی کرد نمی‌رسد: ردیف‌هایی حذف شده است
agency-audit-global-problem = ردیف { $row } از زنجیرهٔ آژانس: { $reason }.
agency-audit-desk-not-listed = سرور آژانس ردیف‌هایی از گزارش رویدادهای میزی را نگه می‌دارد که در فهرستش نیست ({ $desk }).
agency-member-unknown = کسی که این میز او را نمی‌شناسد
agency-update-advised = پروتکل سرور آژانس ({ $server }) از پروتکل این نسخهٔ Keydesk ({ $protocol }) تازه‌تر است. این میز به کارش ادامه می‌دهد؛ به‌زودی Keydesk را روی این رایانه به‌روز کنید.

## پاسخ‌هایی از سرور آژانس که این نسخهٔ Keydesk آن‌ها را نمی‌فهمد
error-agency-push-too-long = هر ارسال حداکثر { $most } عملیات دارد، نه { $ops }
error-agency-push-answers-differ = پاسخ‌های یک ارسال با عملیات آن جور نیست
error-agency-signing-key-length = یک کلید امضا با طول نادرست
error-agency-unknown-pending-answer = پاسخی ناشناخته به یک حساب ورود در انتظار: { $answer }
error-agency-unreadable-login-state = وضعیتی ناشناخته برای حساب ورود
error-agency-unknown-login-channel = راه تحویلی ناشناخته برای حساب ورود
error-agency-unknown-login-state = وضعیتی ناشناخته برای حساب ورود: { $state }
error-agency-unknown-version = مقدار server_version_num برابر { $number } است
error-agency-new-desk-unnamed = سرور میز تازه را نام نبرد
error-agency-other-member-named = سرور عضو دیگری را نام برد
