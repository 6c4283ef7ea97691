## وارد کردن مشتریان از پروندهٔ CSV در چهار گام.

import-title = وارد کردن مشتریان
import-title-file = وارد کردن مشتریان از { $file }
import-steps = گام‌های وارد کردن
import-step-file = پرونده
import-step-columns = ستون‌ها
import-step-check = بررسی
import-step-import = وارد کردن
import-customers = { $count ->
    [one] { $n } مشتری
   *[other] { $n } مشتری
}
import-rows = { $count ->
    [one] { $n } ردیف
   *[other] { $n } ردیف
}

## گام ۱: پرونده
import-choose-lead = یک پروندهٔ { "CSV" } با ردیف سرستون برگزینید، همان‌گونه که { "Excel" }، { "Numbers" }، { "LibreOffice" } یا { "Google Sheets" } ذخیره‌اش می‌کنند (جداشده با ویرگول، نقطه‌ویرگول یا تب، با هر کدگذاری رایجی). تا گام آخر چیزی نوشته نمی‌شود.
import-file = پرونده
import-file-placeholder = پرونده‌ای برگزینید، یا مسیر آن را بچسبانید
import-file-missing = یک پروندهٔ { "CSV" } برگزینید، یا مسیر آن را بنویسید.
import-choose = برگزیدن پرونده…
import-reading = در حال خواندن…
import-next = بعدی

## گام ۲: ستون‌ها
import-mapping-lead = این پرونده { $rows } دارد. برگزینید هر ستون کدام فیلد را پر کند؛ ستون‌هایی که روی «وارد نشود» هستند کنار گذاشته می‌شوند. چند ردیف نخست برای راهنمایی نشان داده شده‌اند.
import-dont-import = وارد نشود
import-columns-label = ستون‌ها و ردیف‌های نخست
import-column-field = فیلد ستون { $column }
import-mapping-no-email = ستونی را که ایمیل در آن است برگزینید.
import-mapping-no-names = ستون‌های نام و نام خانوادگی، یا ستون نام کامل را برگزینید.
import-encoding = کدگذاری:
import-encoding-how = — { $how }
import-back = بازگشت
import-check = بررسی ردیف‌ها
import-checking = در حال بررسی { $rows }…

## گام ۳: گزارش
import-count-new = مشتری تازه
import-count-existing = از پیش موجود
import-count-refused = ردیف ردشده
import-refused-rows = ردیف‌های ردشده
import-col-line = سطر
import-col-field = فیلد
import-col-reason = دلیل
import-row = ردیف
import-more-problems = …و { $n } مشکل دیگر که فهرست نشده است.
import-refused-lead = ردیف‌های ردشده کنار گذاشته می‌شوند؛ آن‌ها را در پرونده درست کنید و دوباره وارد کنید تا افزوده شوند.
import-duplicates = مشتریانی که از پیش هستند (با همان ایمیل)
import-duplicates-link = به من پیوند داده شوند و اطلاعاتشان همان‌گونه بماند
import-duplicates-skip = نادیده گرفته شوند
import-nothing = چیزی برای وارد کردن نیست
import-run-new = وارد کردن { $customers }
import-run-link = پیوند دادن { $customers }
import-run-both = وارد کردن { $customers } و پیوند دادن { $linked } مشتری

## گام ۴: وارد کردن
import-running = در حال وارد کردن { $customers }… می‌توانید به کارتان ادامه دهید؛ فهرست پس از پایان کار به‌روز می‌شود.
import-running-linking = در حال وارد کردن { $customers } و پیوند دادن { $linked } مشتری… می‌توانید به کارتان ادامه دهید؛ فهرست پس از پایان کار به‌روز می‌شود.
import-progress = پیشرفت وارد کردن
import-progress-text = { $done } از { $total } ردیف · { $percent }٪
import-cancel = لغو وارد کردن
import-cancelling = در حال لغو…
import-imported = { $customers } وارد شد
import-done-linked = { $customers } از پیش بود و اکنون به شما پیوند داده شد
import-done-skipped = { $customers } از پیش بود و همان‌گونه ماند
import-done-refused = { $rows } رد شد و وارد نشد
import-done = پایان
import-cancelled = وارد کردن لغو شد
import-cancelled-lead = چیزی وارد نشد: فهرست مشتریان همان است که بود.
import-back-to-columns = بازگشت به ستون‌ها
import-close = بستن

## کدگذاری‌هایی که پرونده می‌تواند با آن‌ها خوانده شود: نخست خط یا منطقه، سپس نام خود کدگذاری.
text-encoding-utf-8 = یونیکد ({ "UTF-8" })
text-encoding-windows-1252 = غربی ({ "Windows-1252" })
text-encoding-iso-8859-15 = غربی ({ "ISO-8859-15" })
text-encoding-macintosh = غربی ({ "Mac OS Roman" })
text-encoding-windows-1250 = اروپای مرکزی ({ "Windows-1250" })
text-encoding-iso-8859-2 = اروپای مرکزی ({ "ISO-8859-2" })
text-encoding-windows-1251 = سیریلیک ({ "Windows-1251" })
text-encoding-koi8-u = سیریلیک ({ "KOI8-U" })
text-encoding-ibm866 = سیریلیک ({ "DOS, IBM866" })
text-encoding-iso-8859-5 = سیریلیک ({ "ISO-8859-5" })
text-encoding-windows-1253 = یونانی ({ "Windows-1253" })
text-encoding-iso-8859-7 = یونانی ({ "ISO-8859-7" })
text-encoding-windows-1254 = ترکی ({ "Windows-1254" })
text-encoding-windows-1257 = بالتیک ({ "Windows-1257" })
text-encoding-iso-8859-13 = بالتیک ({ "ISO-8859-13" })
text-encoding-iso-8859-4 = بالتیک ({ "ISO-8859-4" })
text-encoding-windows-1256 = عربی و فارسی ({ "Windows-1256" })
text-encoding-iso-8859-6 = عربی ({ "ISO-8859-6" })
text-encoding-windows-1255 = عبری ({ "Windows-1255" })
text-encoding-iso-8859-8 = عبری، دیداری ({ "ISO-8859-8" })
text-encoding-windows-874 = تایلندی ({ "Windows-874" })
text-encoding-windows-1258 = ویتنامی ({ "Windows-1258" })
text-encoding-shift-jis = ژاپنی ({ "Shift_JIS" })
text-encoding-euc-jp = ژاپنی ({ "EUC-JP" })
text-encoding-euc-kr = کره‌ای ({ "EUC-KR" })
text-encoding-gbk = چینی ساده‌شده ({ "GBK" })
text-encoding-big5 = چینی سنتی ({ "Big5" })
text-encoding-utf-16le = یونیکد ({ "UTF-16LE" })
text-encoding-utf-16be = یونیکد ({ "UTF-16BE" })
