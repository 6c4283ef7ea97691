# میزهای آژانس: فهرست میزها و پنجره‌اش، دعوت یک میز، پیوستن به یک آژانس، و بررسی
# ردیف‌های گزارش رویدادهای هر میز روی سرور آژانس.

## زنجیرهٔ آژانس، زیر «بررسی زنجیره»
agency-chain-checking = در حال بررسی ردیف‌های همهٔ میزها روی سرور آژانس…
agency-chain-failed = بررسی میزهای آژانس ممکن نشد: { $reason }
agency-chain-intact = زنجیرهٔ آژانس دست‌نخورده است: { $rows } ردیف از { $desks } میز روی سرور آژانس
agency-chain-changed = نسخهٔ گزارش رویدادها روی سرور آژانس تغییر کرده است
agency-chain-desk = { $desk } ({ $member })
agency-chain-desk-here = { $desk } ({ $member }، همین میز)
agency-chain-desk-intact = { $whose }: سالم، { $rows } ردیف
agency-chain-desk-broken = { $whose }: ردیف { $row }: { $reason }
agency-chain-desk-tail-removed = { $whose }: ردیف‌های پس از ردیف { $row } حذف شده‌اند

## میزهای آژانس
desks-server = سرور
desks-this-desk-joined = تاریخ پیوستن این میز
desks-title = میزها
desks-revoked-at = لغوشده در { $time }
desks-this-desk = همین میز
desks-joined-at = پیوسته در { $time }
desks-invited = دعوت شده، هنوز نپیوسته
desks-whose = { $member } · { $role }
desks-take-over-title = نامه‌هایی که آن میز هرگز نفرستاد، با همان { "Message-ID" }ها در صف این میز قرار می‌گیرند
desks-take-over = { $count ->
    [one] فرستادن نامهٔ در انتظارش از این‌جا
   *[other] فرستادن { $n } نامهٔ در انتظارش از این‌جا
}
desks-revoke = لغو
desks-revoke-named = لغو { $desk }
desks-exposed = { $desk } می‌توانست { $logins } را باز کند. { $reset }
desks-exposed-logins = { $count ->
    [one] { $n } حساب ورود در انتظار تحویل
   *[other] { $n } حساب ورود در انتظار تحویل
}
desks-exposed-reset = { $count ->
    [one] آن را بازنشانی کنید تا فقط مالکان کنونی بتوانند تحویلش دهند.
   *[other] آن‌ها را بازنشانی کنید تا فقط مالکان کنونی بتوانند تحویلشان دهند.
}
desks-exposed-submit = { $count ->
    [one] بازنشانی { $n } حساب ورود
   *[other] بازنشانی { $n } حساب ورود
}
desks-exposed-done = { $count ->
    [one] { $n } مشتری گذرواژهٔ تازه دارد که در «اطلاعات ورود برای تحویل» منتظر است.
   *[other] { $n } مشتری گذرواژهٔ تازه دارند که در «اطلاعات ورود برای تحویل» منتظر است.
}
desks-taken-queued = { $count ->
    [one] { $n } نامه با همان { "Message-ID" } که داشت در صف این میز قرار گرفت.
   *[other] { $n } نامه با همان { "Message-ID" }هایی که داشتند در صف این میز قرار گرفتند.
}
desks-taken-dropped = { $count ->
    [one] { $n } نامه دیگر فرستاده نشد: اطلاعات ورود آن در این فاصله از اعتبار افتاد.
   *[other] { $n } نامه دیگر فرستاده نشدند: اطلاعات ورودشان در این فاصله از اعتبار افتاد.
}
desks-taken-waiting = { $count ->
    [one] { $n } نامه منتظر همگام‌سازی بعدی این میز است؛ پس از آن دوباره این کار را انجام دهید.
   *[other] { $n } نامه منتظر همگام‌سازی بعدی این میز هستند؛ پس از آن دوباره این کار را انجام دهید.
}
desks-offline = اکنون فهرست کردن میزهای آژانس ممکن نیست: { $reason }
desks-revoke-title = این میز لغو شود؟
desks-revoke-message = { $desk } ({ $member }) از همین حالا دیگر به سرور آژانس دسترسی ندارد. نامه‌های ارسال‌نشدهٔ آن که سرور از آن‌ها خبر دارد، پس از این می‌توانند از میز یک مالک فرستاده شوند؛ هر چیز دیگری که نفرستاده است روی همان رایانه می‌ماند. این کار برگشت‌پذیر نیست: میز بعدی این عضو به دعوت‌نامهٔ تازه نیاز دارد.
desks-revoke-confirm = لغو میز
desks-revoking = در حال لغو…
desks-loading = در حال بارگذاری میزهای آژانس…
desks-dialog-title = میزهای آژانس
desks-dialog-lead = هر رایانه‌ای که با سرور آژانس همگام‌سازی می‌کند، و این‌که میزِ چه کسی است. میزِ لغوشده از همان لحظه دیگر به سرور دسترسی ندارد؛ آنچه نفرستاده است روی خودش می‌ماند.
desks-close = بستن

## دعوت یک میز
invite-desk-title = دعوت از یک میز
invite-desk-lead = رایانه‌ای تازه به‌عنوان میز یکی از کارکنان به آژانس می‌پیوندد و مشتریانی را که نقش او اجازهٔ دیدنشان را می‌دهد دریافت می‌کند.
invite-desk-choose = یکی از کارکنان را انتخاب کنید…
invite-desk-member-option = { $name } ({ $role })
invite-desk-member = میزِ چه کسی
invite-desk-member-hint = او آن‌جا با گذرواژه‌ای وارد می‌شود که هنگام پیوستن میز خودش انتخاب می‌کند.
invite-desk-label = نام میز
invite-desk-label-placeholder = لپ‌تاپ علی
invite-desk-label-hint = نامی که رایانهٔ تازه با آن در فهرست میزهای آژانس دیده می‌شود.
invite-desk-submit = ساختن دعوت‌نامه
invite-desk-busy = در حال ساختن…
invite-desk-code-title = دعوت‌نامه برای { $member }
invite-desk-code-lead = روی رایانهٔ تازه { "Keydesk" } را نصب کنید، «پیوستن به یک آژانس» را انتخاب کنید و این کد را در آن بچسبانید. آن را مثل یک گذرواژه تحویل دهید: هر کس آن را داشته باشد می‌تواند یک بار به‌جای این میز بپیوندد.
invite-desk-code = کد دعوت
invite-desk-expiry = یک بار کار می‌کند، تا { $time }.
invite-desk-copied = کپی شد. کلیپ‌بورد به‌زودی دوباره پاک می‌شود.
invite-desk-copy = کپی کد
invite-desk-done = تمام

## پیوستن به یک آژانس
join-agency-title = پیوستن به یک آژانس
join-agency-lead = کد دعوتی را که میز یک مالک برای این رایانه به شما داده است بچسبانید، و گذرواژه‌ای را که با آن این‌جا وارد می‌شوید انتخاب کنید. این کد یک بار و تا ۲۴ ساعت کار می‌کند.
join-agency-code = کد دعوت
join-agency-code-hint = با { "KD1" } آغاز می‌شود. شکستن سطرهایی که برنامه‌های ایمیل می‌افزایند مهم نیست.
join-agency-password = گذرواژهٔ شما روی این رایانه
join-agency-password-confirm = تکرار گذرواژه
join-agency-receiving = در حال دریافت مشتریان آژانس
join-agency-receiving-percent = در حال دریافت مشتریان آژانس… { $percent }٪
join-agency-connecting = در حال اتصال به سرور آژانس…
join-agency-submit = پیوستن به آژانس
join-agency-busy = در حال پیوستن…
