//! CSV text as people's spreadsheets write it: which delimiter, and on which line a
//! record starts.

use csv::StringRecord;

/// Counts the line each record starts on. The CSV reader's own line count skips blank
/// lines and counts a CRLF line break as two lines' worth of nothing; its byte offset
/// is where it began reading, just before any blank lines it then skipped.
pub struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    pub fn line_of(&mut self, record: &StringRecord) -> u64 {
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

/// The delimiter of the header line: comma, semicolon (European Excel) or tab,
/// whichever occurs most outside quotes; comma when there is none.
pub fn sniff_delimiter(text: &str) -> u8 {
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
