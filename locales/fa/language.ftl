## What Keydesk needs to know of a language: its name, in itself, and its direction
## (ltr or rtl).

language-name = فارسی
language-direction = rtl
language-digits = ۰۱۲۳۴۵۶۷۸۹
