//! Reading a customer file: refuse what is not CSV text before anything else happens,
//! find the delimiter, and keep every record with the line it starts on.

use crate::domain::FieldError;
use csv::StringRecord;
use std::io::Read;
use std::path::Path;

/// Larger files are refused before they are read.
pub(super) const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// A first line with more columns, or a longer column name, is not a header.
const MAX_COLUMNS: usize = 500;
const MAX_COLUMN_NAME_CHARS: usize = 200;

/// A CSV file as read: its header and its data rows (rows with only empty cells, such
/// as the `;;;;` lines spreadsheets leave at the end, are not data rows).
pub(super) struct CsvTable {
    pub(super) file_name: String,
    pub(super) columns: Vec<String>,
    pub(super) rows: Vec<CsvRow>,
}

pub(super) struct CsvRow {
    /// The line where the record starts (the header is line 1); a quoted cell may
    /// span several lines.
    pub(super) line: u64,
    pub(super) cells: StringRecord,
}

/// The file's name without its folder, for messages and the audit log.
pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

fn refuse(message: impl Into<String>) -> FieldError {
    FieldError::new("file", message)
}

/// Reads and parses the file at `path`, or refuses it with a message for the person
/// who chose it. Blocking: call it off the async workers.
pub(super) fn read_table(path: &Path) -> Result<CsvTable, FieldError> {
    let name = file_name(path);
    let bytes = read_bytes(path, &name)?;
    let text = decode(&bytes, &name)?;
    parse_table(text, name)
}

fn read_bytes(path: &Path, name: &str) -> Result<Vec<u8>, FieldError> {
    let cannot = |error: std::io::Error| match error.kind() {
        std::io::ErrorKind::NotFound => refuse(format!(
            "{name} was not found; it may have been moved or deleted."
        )),
        std::io::ErrorKind::PermissionDenied => refuse(format!(
            "Keydesk is not allowed to read {name}; check the file's permissions."
        )),
        _ => refuse(format!("{name} cannot be read ({error}).")),
    };
    let too_large = |bytes: u64| {
        refuse(format!(
            "{name} is {:.0} MB; Keydesk imports files up to {} MB. Split it into smaller files.",
            (bytes as f64 / (1024.0 * 1024.0)).ceil(),
            MAX_FILE_BYTES / (1024 * 1024)
        ))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let metadata = file.metadata().map_err(cannot)?;
    if metadata.is_dir() {
        return Err(refuse(format!("{name} is a folder; choose a CSV file.")));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or_default());
    // The file may grow while it is read: never take in more than the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The file's text without a UTF-8 byte order mark, or why it is not CSV text.
fn decode<'a>(bytes: &'a [u8], name: &str) -> Result<&'a str, FieldError> {
    let not_utf8 = |detail: String| {
        refuse(format!(
            "{name} is not UTF-8 text{detail}. In Excel or LibreOffice, save it as \
             'CSV UTF-8' and import that file."
        ))
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || looks_utf16(bytes) {
        return Err(not_utf8(" (it is saved as UTF-16)".to_owned()));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if looks_binary(bytes) {
        return Err(refuse(format!(
            "{name} is not a CSV text file (it holds binary data). Choose a file saved as CSV."
        )));
    }
    std::str::from_utf8(bytes).map_err(|error| {
        let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        not_utf8(format!(
            " (line {line} has the first character it cannot read)"
        ))
    })
}

/// UTF-16 without a byte order mark: every other byte of plain text is zero.
fn looks_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1000)];
    if head.len() < 4 {
        return false;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = head.len() / 2;
    zeros_at(0) * 10 >= half * 9 || zeros_at(1) * 10 >= half * 9
}

/// Zero bytes anywhere, or many control characters near the start: not text.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    controls * 100 > head.len()
}

/// The delimiter of the header line: comma, semicolon (European Excel) or tab,
/// whichever occurs most outside quotes; comma when there is none.
pub(super) fn sniff_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for byte in text.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == byte) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..CANDIDATES.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    CANDIDATES[best]
}

/// Counts the line each record starts on. The CSV reader's own line count skips blank
/// lines and counts a CRLF line break as two lines' worth of nothing; its byte offset
/// is where it began reading, just before any blank lines it then skipped.
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, record: &StringRecord) -> u64 {
        let read_from = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(self.offset)
            .max(self.offset);
        let skipped = self
            .text
            .get(read_from..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let start = read_from + skipped;
        let between = self.text.get(self.offset..start).unwrap_or_default();
        self.line += between.iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset = start;
        self.line
    }
}

fn parse_table(text: &str, name: String) -> Result<CsvTable, FieldError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let unreadable = |error: csv::Error| {
        let line = error.position().map_or(0, csv::Position::line);
        refuse(format!("{name} cannot be read as CSV near line {line}."))
    };
    let mut lines = LineCounter::new(text);
    let mut record = StringRecord::new();
    let has_header = reader.read_record(&mut record).map_err(unreadable)?;
    let columns: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
    if !has_header || columns.iter().all(String::is_empty) {
        return Err(refuse(format!(
            "{name} is empty. It needs a first line of column names and a line per customer."
        )));
    }
    if columns.len() > MAX_COLUMNS
        || columns
            .iter()
            .any(|c| c.chars().count() > MAX_COLUMN_NAME_CHARS)
    {
        return Err(refuse(format!(
            "The first line of {name} is not a row of column names. The first line must name \
             the columns, such as Email, First name, Last name."
        )));
    }
    let mut rows = Vec::new();
    while reader.read_record(&mut record).map_err(unreadable)? {
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        rows.push(CsvRow {
            line: lines.line_of(&record),
            cells: record.clone(),
        });
    }
    if rows.is_empty() {
        return Err(refuse(format!(
            "{name} has column names but no customers: add a line per customer below them."
        )));
    }
    Ok(CsvTable {
        file_name: name,
        columns,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_the_header_uses() {
        assert_eq!(sniff_delimiter("email,first name,last name\na;b;c"), b',');
        assert_eq!(sniff_delimiter("E-Mail;Vorname;Nachname\r\na,b;c"), b';');
        assert_eq!(sniff_delimiter("email\tfirst\tlast\n"), b'\t');
        // Delimiters inside quotes do not count.
        assert_eq!(sniff_delimiter("\"a,b,c\";\"d,e\";f\n"), b';');
        // One column, or a tie: comma.
        assert_eq!(sniff_delimiter("email\n"), b',');
        assert_eq!(sniff_delimiter("a,b;c\n"), b',');
    }

    #[test]
    fn records_keep_the_line_they_start_on() {
        let lines = |text: &str| -> Vec<u64> {
            let table = parse_table(text, "f.csv".to_owned()).unwrap();
            table.rows.iter().map(|r| r.line).collect()
        };
        let text = "email,notes\na@x.test,\"two\nlines\"\n\nb@x.test,one\n,\nc@x.test,\n";
        assert_eq!(lines(text), [2, 5, 7]);
        assert_eq!(lines(&text.replace('\n', "\r\n")), [2, 5, 7]);
        assert_eq!(lines("\n\nemail\r\n\r\n\r\na@x.test\r\nb@x.test"), [6, 7]);
        let table = parse_table(text, "f.csv".to_owned()).unwrap();
        assert_eq!(&table.rows[0].cells[1], "two\nlines");
    }

    #[test]
    fn text_that_is_not_utf8_csv_is_refused_with_a_reason() {
        let latin1 = b"email,name\nb@x.test,Fran\xe7ois\n";
        let err = decode(latin1, "f.csv").unwrap_err();
        assert!(err.message.contains("'CSV UTF-8'"), "{}", err.message);
        assert!(err.message.contains("line 2"), "{}", err.message);
        let utf16: Vec<u8> = "email,name\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(decode(&utf16, "f.csv")
            .unwrap_err()
            .message
            .contains("UTF-16"));
        let binary = b"PK\x03\x04\x14\x00\x06\x00\x08\x00";
        assert!(decode(binary, "f.csv")
            .unwrap_err()
            .message
            .contains("binary"));
        assert_eq!(decode(b"\xEF\xBB\xBFemail\n", "f.csv").unwrap(), "email\n");
    }
}
