//! Reading a customer file: refuse what is not CSV text before anything else happens,
//! read it in its encoding, find the delimiter, and keep every record with the line it
//! starts on.

use super::encoding::{self, Malformed};
use super::{number, word};
use crate::csv_text::{sniff_delimiter, LineCounter};
use crate::domain::FieldError;
use crate::said::Said;
use csv::StringRecord;
use keydesk_api::{EncodingSource, TextEncoding};
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
    pub(super) encoding: TextEncoding,
    pub(super) encoding_source: EncodingSource,
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

fn refuse(message: Said) -> FieldError {
    FieldError::new("file", message)
}

/// Reads and parses the file at `path` in the `chosen` encoding (detected when there is
/// none; a byte order mark overrides either), or refuses it with a message for the
/// person who chose it. Blocking: call it off the async workers.
pub(super) fn read_table(
    path: &Path,
    chosen: Option<TextEncoding>,
) -> Result<CsvTable, FieldError> {
    let name = file_name(path);
    let bytes = read_bytes(path, &name)?;
    let text = decode(&bytes, &name, chosen)?;
    parse_table(text, name)
}

/// The text of the file at `path` in the encoding detected, with the file's name: for
/// the other CSV files Keydesk reads (the portal's sign-ins), refused as an import file
/// would be. Blocking: call it off the async workers.
pub(in crate::services) fn read_text(path: &Path) -> Result<(String, String), FieldError> {
    let name = file_name(path);
    let bytes = read_bytes(path, &name)?;
    let text = decode(&bytes, &name, None)?.text;
    Ok((name, text))
}

fn read_bytes(path: &Path, name: &str) -> Result<Vec<u8>, FieldError> {
    let cannot = |error: std::io::Error| match error.kind() {
        std::io::ErrorKind::NotFound => {
            refuse(Said::id("error-import-file-not-found").arg("file", name))
        }
        std::io::ErrorKind::PermissionDenied => {
            refuse(Said::id("error-import-file-not-allowed").arg("file", name))
        }
        _ => refuse(
            Said::id("error-import-file-unreadable")
                .arg("file", name)
                .arg("reason", error.to_string()),
        ),
    };
    let too_large = |bytes: u64| {
        let megabytes = |bytes: u64| i64::try_from(bytes.div_ceil(1024 * 1024)).unwrap_or(i64::MAX);
        refuse(
            Said::id("error-import-file-too-large")
                .arg("file", name)
                .arg("size", megabytes(bytes))
                .arg("max", megabytes(MAX_FILE_BYTES)),
        )
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let metadata = file.metadata().map_err(cannot)?;
    if metadata.is_dir() {
        return Err(refuse(
            Said::id("error-import-file-folder").arg("file", name),
        ));
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

/// A file's text, and the encoding it was read in.
struct Text {
    text: String,
    encoding: TextEncoding,
    source: EncodingSource,
}

/// The file's text (without its byte order mark), or why it is not CSV text.
fn decode(bytes: &[u8], name: &str, chosen: Option<TextEncoding>) -> Result<Text, FieldError> {
    let binary = || refuse(Said::id("error-import-file-binary").arg("file", name));
    let (settled, source, body) = match (encoding::marked(bytes), chosen) {
        (Some((marked, body)), _) => (Some(marked), EncodingSource::ByteOrderMark, body),
        (None, Some(chosen)) => (Some(chosen), EncodingSource::Chosen, bytes),
        (None, None) => (
            encoding::unmarked_utf16(bytes),
            EncodingSource::Detected,
            bytes,
        ),
    };
    // Binary data is refused before its encoding is guessed.
    if encoding::holds_nul(body, settled) {
        return Err(binary());
    }
    let encoding = settled.unwrap_or_else(|| encoding::guess(body));
    let text = encoding::decode(body, encoding).map_err(|Malformed { line }| {
        let said = |id| {
            Said::id(id)
                .arg("line", number(line))
                .arg("file", name)
                .arg("encoding", word(encoding))
        };
        match source {
            EncodingSource::Chosen => {
                FieldError::new("encoding", said("error-import-file-encoding-chosen"))
            }
            EncodingSource::Detected | EncodingSource::ByteOrderMark => {
                refuse(said("error-import-file-encoding-detected"))
            }
        }
    })?;
    // Checked on the text, as UTF-16 hides control characters from a look at the bytes.
    if looks_binary(&text) {
        return Err(binary());
    }
    Ok(Text {
        text,
        encoding,
        source,
    })
}

/// Many control characters near the start: not text.
fn looks_binary(text: &str) -> bool {
    let (mut chars, mut controls) = (0_usize, 0_usize);
    for c in text.chars().take(64 * 1024) {
        chars += 1;
        if (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || c == '\u{7f}' {
            controls += 1;
        }
    }
    controls * 100 > chars
}

fn parse_table(decoded: Text, name: String) -> Result<CsvTable, FieldError> {
    let text = decoded.text.as_str();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let unreadable = |error: csv::Error| {
        let line = error.position().map_or(0, csv::Position::line);
        refuse(
            Said::id("error-import-file-not-csv")
                .arg("file", name.as_str())
                .arg("line", number(line)),
        )
    };
    let mut lines = LineCounter::new(text);
    let mut record = StringRecord::new();
    let has_header = reader.read_record(&mut record).map_err(unreadable)?;
    let columns: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
    if !has_header || columns.iter().all(String::is_empty) {
        return Err(refuse(
            Said::id("error-import-file-empty").arg("file", name.as_str()),
        ));
    }
    if columns.len() > MAX_COLUMNS
        || columns
            .iter()
            .any(|c| c.chars().count() > MAX_COLUMN_NAME_CHARS)
    {
        return Err(refuse(
            Said::id("error-import-file-no-header").arg("file", name.as_str()),
        ));
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
        return Err(refuse(
            Said::id("error-import-file-no-rows").arg("file", name.as_str()),
        ));
    }
    Ok(CsvTable {
        file_name: name,
        encoding: decoded.encoding,
        encoding_source: decoded.source,
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

    fn table(text: &str) -> CsvTable {
        let text = Text {
            text: text.to_owned(),
            encoding: TextEncoding::Utf8,
            source: EncodingSource::Detected,
        };
        parse_table(text, "f.csv".to_owned()).unwrap()
    }

    #[test]
    fn records_keep_the_line_they_start_on() {
        let lines = |text: &str| -> Vec<u64> { table(text).rows.iter().map(|r| r.line).collect() };
        let text = "email,notes\na@x.test,\"two\nlines\"\n\nb@x.test,one\n,\nc@x.test,\n";
        assert_eq!(lines(text), [2, 5, 7]);
        assert_eq!(lines(&text.replace('\n', "\r\n")), [2, 5, 7]);
        assert_eq!(lines("\n\nemail\r\n\r\n\r\na@x.test\r\nb@x.test"), [6, 7]);
        assert_eq!(&table(text).rows[0].cells[1], "two\nlines");
    }

    /// What `bytes` read as with `chosen`: the text and how its encoding was settled,
    /// or the refused field and its message.
    fn read(
        bytes: &[u8],
        chosen: Option<TextEncoding>,
    ) -> Result<(String, TextEncoding, EncodingSource), (&'static str, String)> {
        decode(bytes, "f.csv", chosen)
            .map(|t| (t.text, t.encoding, t.source))
            .map_err(|e| (e.field, e.in_english()))
    }

    #[test]
    fn legacy_and_utf16_text_is_read_in_its_encoding() {
        use EncodingSource::{ByteOrderMark, Chosen, Detected};
        use TextEncoding::{Utf16Le, Utf8, Windows1250, Windows1252};
        let western = b"email,name\nb@x.test,Fran\xe7ois\n";
        let text = "email,name\nb@x.test,François\n".to_owned();
        assert_eq!(
            read(western, None),
            Ok((text.clone(), Windows1252, Detected))
        );
        // The person knows better: 0xE7 is "ç" in Windows-1250 too, the rest differs.
        assert_eq!(
            read(b"n\n\xe8\n", Some(Windows1250)),
            Ok(("n\nč\n".to_owned(), Windows1250, Chosen))
        );
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(read(&utf16, None), Ok((text.clone(), Utf16Le, Detected)));
        let marked = [&[0xFF, 0xFE][..], &utf16].concat();
        assert_eq!(
            read(&marked, Some(Windows1252)),
            Ok((text.clone(), Utf16Le, ByteOrderMark)),
            "the mark outweighs a choice"
        );
        assert_eq!(
            read(b"\xEF\xBB\xBFemail\n", None),
            Ok(("email\n".to_owned(), Utf8, ByteOrderMark))
        );
    }

    #[test]
    fn text_that_cannot_be_read_is_refused_with_a_reason() {
        let binary = b"PK\x03\x04\x14\x00\x06\x00\x08\x00";
        let (field, message) = read(binary, None).unwrap_err();
        assert_eq!(field, "file");
        assert_eq!(
            message,
            "f.csv is not a CSV text file (it holds binary data). Choose a file saved as CSV."
        );
        // Binary data read as UTF-16 (chosen, or marked) holds control characters.
        let controls: Vec<u8> = (1..=8_u16)
            .cycle()
            .take(200)
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            read(&controls, Some(TextEncoding::Utf16Le)).unwrap_err().1,
            message
        );
        let marked = [&[0xFF, 0xFE][..], &[0, 0, 0, 0]].concat();
        assert_eq!(read(&marked, None).unwrap_err().1, message);

        // UTF-8 chosen for a Western file: the person is told to choose again.
        let western = b"email,name\nb@x.test,Fran\xe7ois\n";
        let (field, message) = read(western, Some(TextEncoding::Utf8)).unwrap_err();
        assert_eq!(field, "encoding");
        assert!(message.starts_with("Line 2 of f.csv cannot be read as Unicode (UTF-8)."));
        // A mark that lies: only saving the file again helps.
        let lying = b"\xEF\xBB\xBFemail\nFran\xe7ois\n";
        let (field, message) = read(lying, Some(TextEncoding::Windows1252)).unwrap_err();
        assert_eq!(field, "file");
        assert!(message.contains("save it as 'CSV UTF-8'"), "{message}");
    }
}
