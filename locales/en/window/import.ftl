## Importing customers from a CSV file, in four steps.

import-title = Import customers
import-title-file = Import customers from { $file }
import-steps = Import steps
import-step-file = File
import-step-columns = Columns
import-step-check = Check
import-step-import = Import
import-customers = { $count ->
    [one] { $n } customer
   *[other] { $n } customers
}
import-rows = { $count ->
    [one] { $n } row
   *[other] { $n } rows
}

## Step 1: the file
import-choose-lead = Choose a CSV file with a header row, as Excel, Numbers, LibreOffice or Google Sheets save it (separated by commas, semicolons or tabs, in any common encoding). Nothing is written until the last step.
import-file = File
import-file-placeholder = Choose a file, or paste its path
import-file-missing = Choose a CSV file, or type the path of one.
import-choose = Choose file…
import-reading = Reading…
import-next = Next

## Step 2: the columns
import-mapping-lead = { $rows }. Choose which field each column fills; columns set to “Don't import” are left out. The first rows are shown to help.
import-dont-import = Don't import
import-columns-label = Columns and first rows
import-column-field = Field for column { $column }
import-mapping-no-email = Choose the column that holds the email.
import-mapping-no-names = Choose the columns with first and last name, or one with the full name.
import-encoding = Encoding:
import-encoding-how = — { $how }
import-back = Back
import-check = Check rows
import-checking = Checking { $rows }…

## Step 3: the report
import-count-new = new customers
import-count-existing = already here
import-count-refused = rows refused
import-refused-rows = Refused rows
import-col-line = Line
import-col-field = Field
import-col-reason = Reason
import-row = Row
import-more-problems = …and { $n } more problems not listed.
import-refused-lead = Refused rows are left out; fix them in the file and import it again to add them.
import-duplicates = Customers already here (same email)
import-duplicates-link = Link them to me, leave their details as they are
import-duplicates-skip = Skip them
import-nothing = Nothing to import
import-run-new = Import { $customers }
import-run-link = Link { $customers }
import-run-both = Import { $customers } and link { $linked }

## Step 4: the import
import-running = Importing { $customers }… You can keep working; the list updates when it is done.
import-running-linking = Importing { $customers } and linking { $linked }… You can keep working; the list updates when it is done.
import-progress = Import progress
import-progress-text = { $done } of { $total } rows · { $percent }%
import-cancel = Cancel import
import-cancelling = Cancelling…
import-imported = Imported { $customers }
import-done-linked = { $customers } already here, now linked to you
import-done-skipped = { $customers } already here, left as they were
import-done-refused = { $rows } refused, not imported
import-done = Done
import-cancelled = Import cancelled
import-cancelled-lead = Nothing was imported: the customer list is as it was.
import-back-to-columns = Back to the columns
import-close = Close

## The encodings a file can be read in (`TextEncoding`): the script or region first, as
## spreadsheets and browsers name them, then the encoding's own name.
text-encoding-utf-8 = Unicode (UTF-8)
text-encoding-windows-1252 = Western (Windows-1252)
text-encoding-iso-8859-15 = Western (ISO-8859-15)
text-encoding-macintosh = Western (Mac OS Roman)
text-encoding-windows-1250 = Central European (Windows-1250)
text-encoding-iso-8859-2 = Central European (ISO-8859-2)
text-encoding-windows-1251 = Cyrillic (Windows-1251)
text-encoding-koi8-u = Cyrillic (KOI8-U)
text-encoding-ibm866 = Cyrillic (DOS, IBM866)
text-encoding-iso-8859-5 = Cyrillic (ISO-8859-5)
text-encoding-windows-1253 = Greek (Windows-1253)
text-encoding-iso-8859-7 = Greek (ISO-8859-7)
text-encoding-windows-1254 = Turkish (Windows-1254)
text-encoding-windows-1257 = Baltic (Windows-1257)
text-encoding-iso-8859-13 = Baltic (ISO-8859-13)
text-encoding-iso-8859-4 = Baltic (ISO-8859-4)
text-encoding-windows-1256 = Arabic and Persian (Windows-1256)
text-encoding-iso-8859-6 = Arabic (ISO-8859-6)
text-encoding-windows-1255 = Hebrew (Windows-1255)
text-encoding-iso-8859-8 = Hebrew, visual (ISO-8859-8)
text-encoding-windows-874 = Thai (Windows-874)
text-encoding-windows-1258 = Vietnamese (Windows-1258)
text-encoding-shift-jis = Japanese (Shift_JIS)
text-encoding-euc-jp = Japanese (EUC-JP)
text-encoding-euc-kr = Korean (EUC-KR)
text-encoding-gbk = Chinese, simplified (GBK)
text-encoding-big5 = Chinese, traditional (Big5)
text-encoding-utf-16le = Unicode (UTF-16LE)
text-encoding-utf-16be = Unicode (UTF-16BE)
