## What Keydesk needs to know of a language: its name, in itself, and its direction
## (ltr or rtl). A folder of `locales/` with this file and the same files as `en` is a
## language Keydesk speaks.

language-name = English
language-direction = ltr
