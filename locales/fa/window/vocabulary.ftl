# نام واژه‌های مجموعه‌های بستهٔ کی‌دسک. هر شناسه نام مجموعه و واژه است.

choice-all = همه
choice-no-preference = بدون ترجیح

customer-status-active = فعال
customer-status-inactive = غیرفعال
customer-status-archived = بایگانی‌شده

tier-bronze = برنزی
tier-silver = نقره‌ای
tier-gold = طلایی
tier-platinum = پلاتینی

contact-method-email = ایمیل
contact-method-phone = تماس تلفنی
contact-method-sms = پیامک
contact-method-whatsapp = واتس‌اپ

credentials-state-no-login = بدون حساب ورود
credentials-state-pending = در انتظار تحویل
credentials-state-sent = تحویل‌شده

customer-sort-newest = جدیدترین‌ها
customer-sort-name = نام
customer-sort-last-login = آخرین ورود

handoff-state-pending = در انتظار
handoff-state-sent = تحویل‌شده
handoff-state-revoked = لغوشده
handoff-state-expired = منقضی‌شده

handoff-channel-in-person = حضوری
handoff-channel-phone = تلفن
handoff-channel-whatsapp = واتس‌اپ
handoff-channel-sms = پیامک
handoff-channel-email = ایمیل
handoff-channel-other = دیگر

handoff-reason-new-customer = مشتری جدید
handoff-reason-reset = بازنشانی گذرواژه
handoff-reason-bulk = ساخته‌شده

import-field-email = ایمیل
import-field-first-name = نام
import-field-last-name = نام خانوادگی
import-field-full-name = نام کامل
import-field-phone = تلفن
import-field-company = شرکت
import-field-address = نشانی
import-field-city = شهر
import-field-country = کشور
import-field-birth-date = تاریخ تولد
import-field-preferred-language = زبان
import-field-contact-method = روش تماس
import-field-tier = سطح
import-field-notes = یادداشت‌ها
import-field-marketing-consent = رضایت به دریافت تبلیغات

encoding-source-detected = تشخیص داده شد
encoding-source-byte-order-mark = در خود پرونده مشخص شده
encoding-source-chosen = انتخاب شد

funnel-period-7d = ۷ روز گذشته
funnel-period-30d = ۳۰ روز گذشته
funnel-period-90d = ۹۰ روز گذشته

smtp-security-start-tls = { "STARTTLS" } (معمولاً پورت ۵۸۷)
smtp-security-implicit-tls = { "TLS" } از ابتدا (معمولاً پورت ۴۶۵)
smtp-security-none = هیچ: بدون رمزگذاری

mail-kind-welcome = خوشامد
mail-kind-welcome-credentials = خوشامد همراه با اطلاعات ورود
mail-kind-credentials-reset = گذرواژهٔ جدید
mail-kind-verification-code = کد تأیید
mail-kind-test = نامهٔ آزمایشی

outbox-state-queued = در صف
outbox-state-sending = در حال ارسال
outbox-state-sent = ارسال‌شده
outbox-state-failed = ناموفق
outbox-state-cancelled = لغوشده

refusal-reason-erased = مشتری در میز دیگری پاک شده بود، پس این تغییر اعمال نشد.
refusal-reason-exists = این مورد از پیش در آژانس وجود دارد.
refusal-reason-not-found = سرور آژانس دیگر چنین مشتری‌ای برای این میز ندارد.
refusal-reason-not-allowed = نقش شما اجازهٔ این تغییر را روی سرور آژانس نمی‌دهد.

gender-female = زن
gender-male = مرد
gender-non-binary = نان‌باینری
gender-prefer-not-to-say = ترجیح می‌دهد نگوید
import-field-gender = جنسیت
import-field-special-requirements = نیازهای ویژه
