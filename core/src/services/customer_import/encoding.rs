//! The character encoding of a customer file and its text in that encoding. Excel on
//! Windows saves plain "CSV" in the machine's legacy code page (Windows-1252 in Western
//! Europe and the Americas, Windows-1250, -1251, -1256 or Shift_JIS elsewhere), so the
//! bytes alone must tell which one, unless the file says so with a byte order mark or
//! the person knows better.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding};
use keydesk_api::TextEncoding;

/// The implementation of each encoding Keydesk offers.
fn encoding_of(encoding: TextEncoding) -> &'static Encoding {
    use encoding_rs as e;
    match encoding {
        TextEncoding::Utf8 => e::UTF_8,
        TextEncoding::Windows1252 => e::WINDOWS_1252,
        TextEncoding::Iso8859_15 => e::ISO_8859_15,
        TextEncoding::Macintosh => e::MACINTOSH,
        TextEncoding::Windows1250 => e::WINDOWS_1250,
        TextEncoding::Iso8859_2 => e::ISO_8859_2,
        TextEncoding::Windows1251 => e::WINDOWS_1251,
        TextEncoding::Koi8U => e::KOI8_U,
        TextEncoding::Ibm866 => e::IBM866,
        TextEncoding::Iso8859_5 => e::ISO_8859_5,
        TextEncoding::Windows1253 => e::WINDOWS_1253,
        TextEncoding::Iso8859_7 => e::ISO_8859_7,
        TextEncoding::Windows1254 => e::WINDOWS_1254,
        TextEncoding::Windows1257 => e::WINDOWS_1257,
        TextEncoding::Iso8859_13 => e::ISO_8859_13,
        TextEncoding::Iso8859_4 => e::ISO_8859_4,
        TextEncoding::Windows1256 => e::WINDOWS_1256,
        TextEncoding::Iso8859_6 => e::ISO_8859_6,
        TextEncoding::Windows1255 => e::WINDOWS_1255,
        TextEncoding::Iso8859_8 => e::ISO_8859_8,
        TextEncoding::Windows874 => e::WINDOWS_874,
        TextEncoding::Windows1258 => e::WINDOWS_1258,
        TextEncoding::ShiftJis => e::SHIFT_JIS,
        TextEncoding::EucJp => e::EUC_JP,
        TextEncoding::EucKr => e::EUC_KR,
        TextEncoding::Gbk => e::GBK,
        TextEncoding::Big5 => e::BIG5,
        TextEncoding::Utf16Le => e::UTF_16LE,
        TextEncoding::Utf16Be => e::UTF_16BE,
    }
}

/// The encoding a byte order mark at the start names, and the bytes after the mark.
pub(super) fn marked(bytes: &[u8]) -> Option<(TextEncoding, &[u8])> {
    let (encoding, mark_len) = Encoding::for_bom(bytes)?;
    let encoding = offered(encoding)?;
    Some((encoding, bytes.get(mark_len..).unwrap_or_default()))
}

/// UTF-16 without a byte order mark: every other byte of plain text is zero (the high
/// byte of each Latin character), after the character in little-endian order.
pub(super) fn unmarked_utf16(bytes: &[u8]) -> Option<TextEncoding> {
    let head = &bytes[..bytes.len().min(1000)];
    if head.len() < 4 {
        return None;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = head.len() / 2;
    if zeros_at(1) * 10 >= half * 9 {
        Some(TextEncoding::Utf16Le)
    } else if zeros_at(0) * 10 >= half * 9 {
        Some(TextEncoding::Utf16Be)
    } else {
        None
    }
}

/// Whether the bytes hold a NUL character, which no text does, seen without decoding
/// them: a zero code unit in UTF-16, a zero byte in every other encoding offered. `None`
/// stands for an encoding yet to be guessed, which is never UTF-16.
pub(super) fn holds_nul(bytes: &[u8], encoding: Option<TextEncoding>) -> bool {
    match encoding {
        Some(TextEncoding::Utf16Le | TextEncoding::Utf16Be) => {
            bytes.chunks_exact(2).any(|unit| unit == [0, 0])
        }
        _ => bytes.contains(&0),
    }
}

/// The encoding the bytes were most likely written in, looking at all of them (a file
/// sorted by name may hold its first accented letter near the end). UTF-8 when they are
/// valid UTF-8.
pub(super) fn guess(bytes: &[u8]) -> TextEncoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Allow);
    // Every guess the detector can make is offered; should a later version guess
    // another, Western is the detector's own fallback and the person can choose.
    offered(guess).unwrap_or(TextEncoding::Windows1252)
}

fn offered(encoding: &'static Encoding) -> Option<TextEncoding> {
    TextEncoding::ALL
        .into_iter()
        .find(|&offered| encoding_of(offered) == encoding)
}

/// Bytes that are not text in the encoding, met at `line` (the first line is 1).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Malformed {
    pub(super) line: u64,
}

/// The text of `bytes` in `encoding`. Nothing is replaced: a byte sequence the encoding
/// does not define refuses the whole file, as a name with a `�` in it must never be
/// imported.
pub(super) fn decode(bytes: &[u8], encoding: TextEncoding) -> Result<String, Malformed> {
    let mut decoder = encoding_of(encoding).new_decoder_without_bom_handling();
    // Enough for text that is mostly ASCII; grown when it is not.
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8 + 16);
    let mut rest = bytes;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        rest = rest.get(read..).unwrap_or_default();
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => text.reserve(rest.len().max(16)),
            DecoderResult::Malformed(_, _) => {
                let line = 1 + text.bytes().filter(|&b| b == b'\n').count() as u64;
                return Err(Malformed { line });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_encoding_offered_is_the_one_its_name_names() {
        for encoding in TextEncoding::ALL {
            assert_eq!(encoding_of(encoding).name(), encoding.as_str());
            assert_eq!(offered(encoding_of(encoding)), Some(encoding));
        }
    }

    #[test]
    fn every_encoding_the_detector_can_guess_is_offered() {
        use encoding_rs as e;
        // The detector's candidates (chardetng's `EncodingDetector::new`).
        let guesses = [
            e::UTF_8,
            e::ISO_8859_8,
            e::GBK,
            e::EUC_JP,
            e::EUC_KR,
            e::SHIFT_JIS,
            e::BIG5,
            e::WINDOWS_1252,
            e::WINDOWS_1251,
            e::WINDOWS_1250,
            e::ISO_8859_2,
            e::WINDOWS_1256,
            e::WINDOWS_1254,
            e::WINDOWS_874,
            e::WINDOWS_1255,
            e::WINDOWS_1253,
            e::ISO_8859_7,
            e::WINDOWS_1257,
            e::ISO_8859_13,
            e::KOI8_U,
            e::IBM866,
            e::ISO_8859_6,
            e::WINDOWS_1258,
            e::ISO_8859_4,
            e::ISO_8859_5,
        ];
        for encoding in guesses {
            assert!(offered(encoding).is_some(), "{}", encoding.name());
        }
    }

    #[test]
    fn legacy_code_pages_are_told_apart_by_their_letters() {
        let (western, _, _) = encoding_rs::WINDOWS_1252
            .encode("email;name\nzoe@example.com;Zoë Müller\nkai@example.com;Kai Weiß\n");
        assert_eq!(guess(&western), TextEncoding::Windows1252);
        let (cyrillic, _, _) = encoding_rs::WINDOWS_1251
            .encode("email;name\nivan@example.com;Иван Петров\nolga@example.com;Ольга Смирнова\n");
        assert_eq!(guess(&cyrillic), TextEncoding::Windows1251);
        let utf8 = "email;name\nzoe@example.com;Zoë Müller\n".as_bytes();
        assert_eq!(guess(utf8), TextEncoding::Utf8);
        assert_eq!(guess(b"email\na@x.test\n"), TextEncoding::Utf8);
    }

    #[test]
    fn byte_order_marks_and_zero_bytes_name_utf16() {
        let le: Vec<u8> = "email\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "email\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(unmarked_utf16(&le), Some(TextEncoding::Utf16Le));
        assert_eq!(unmarked_utf16(&be), Some(TextEncoding::Utf16Be));
        assert_eq!(unmarked_utf16(b"email\n"), None);
        let marked_le = [&[0xFF, 0xFE][..], &le].concat();
        assert_eq!(marked(&marked_le), Some((TextEncoding::Utf16Le, &le[..])));
        assert_eq!(
            marked(b"\xEF\xBB\xBFemail"),
            Some((TextEncoding::Utf8, &b"email"[..]))
        );
        assert_eq!(marked(b"email"), None);
        assert!(!holds_nul(&le, Some(TextEncoding::Utf16Le)));
        assert!(holds_nul(&le, None));
        assert!(holds_nul(b"\0a\0\0", Some(TextEncoding::Utf16Be)));
        assert!(!holds_nul(b"a\0b\0", Some(TextEncoding::Utf16Be)));
    }

    #[test]
    fn bytes_the_encoding_does_not_define_refuse_the_file_at_their_line() {
        assert_eq!(
            decode(b"a\nb\xE9\n", TextEncoding::Windows1252).unwrap(),
            "a\nbé\n"
        );
        assert_eq!(
            decode(b"a\r\nb\nFran\xE7ois\n", TextEncoding::Utf8),
            Err(Malformed { line: 3 })
        );
        // 0xAA has no character in Windows-1253.
        assert_eq!(
            decode(b"\xAA", TextEncoding::Windows1253),
            Err(Malformed { line: 1 })
        );
        // Text that grows when decoded: two bytes of UTF-8 per byte of Cyrillic.
        let long = "Ж".repeat(5000);
        let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode(&long);
        assert_eq!(decode(&cyrillic, TextEncoding::Windows1251).unwrap(), long);
    }
}
