//! Text helpers shared by every rule: positions in the original text as UTF-16 offsets.

/// Converts byte offsets of a `&str` into UTF-16 code-unit offsets, for offsets given in
/// ascending order, in one pass over the text (linear, whatever the number of queries).
pub struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    unit: u32,
}

impl<'a> Utf16Cursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            byte: 0,
            unit: 0,
        }
    }

    /// The UTF-16 offset of byte offset `byte` (a char boundary, not before the previous query).
    pub fn to_utf16(&mut self, byte: usize) -> u32 {
        debug_assert!(byte >= self.byte && self.text.is_char_boundary(byte));
        let units: usize = self.text[self.byte..byte]
            .chars()
            .map(char::len_utf16)
            .sum();
        self.byte = byte;
        self.unit += units as u32;
        self.unit
    }
}

/// The UTF-16 length of `text`.
pub fn utf16_len(text: &str) -> u32 {
    text.chars().map(char::len_utf16).sum::<usize>() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16_units() {
        let text = "Chào 👍 bạn";
        let mut cursor = Utf16Cursor::new(text);
        assert_eq!(cursor.to_utf16(0), 0);
        assert_eq!(cursor.to_utf16("Chào ".len()), 5);
        assert_eq!(cursor.to_utf16("Chào 👍".len()), 7);
        assert_eq!(cursor.to_utf16(text.len()), 11);
        assert_eq!(utf16_len(text), 11);
    }
}
