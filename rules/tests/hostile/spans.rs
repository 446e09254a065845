//! UTF-16 spans checked against the text they point into; shared by `tests/hostile.rs` and
//! the fuzz targets (`fuzz/src/lib.rs`).

/// The byte offset of UTF-16 offset `utf16` in `text`; None when it falls inside a
/// character (between the two halves of a surrogate pair) or past the end.
pub fn byte_offset(text: &str, utf16: u32) -> Option<usize> {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units == utf16 {
            return Some(i);
        }
        if units > utf16 {
            return None;
        }
        units += c.len_utf16() as u32;
    }
    (units == utf16).then_some(text.len())
}

/// Asserts that `start..end` (UTF-16) is a non-empty stretch of `text`, on character
/// boundaries, whose text is `expected`.
pub fn assert_span(text: &str, start: u32, end: u32, expected: &str) {
    assert!(start < end, "empty or reversed span {start}..{end}");
    let (Some(from), Some(to)) = (byte_offset(text, start), byte_offset(text, end)) else {
        panic!("span {start}..{end} is not on character boundaries");
    };
    assert_eq!(&text[from..to], expected, "span {start}..{end}");
}
