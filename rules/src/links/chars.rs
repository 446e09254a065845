//! Character classes of the link rule, as small range tests (and the rules' combining-mark
//! table, `rules::unicode::is_mark`).

/// A character that may appear in a host label: a letter or digit of any script, a hyphen,
/// a combining mark (NFD text, Indic vowel signs) or an emoji (`i❤.ws` is a real host).
pub(super) fn is_label_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '-';
    }
    // Vietnamese letters first: `is_alphanumeric` searches core's tables for them.
    is_latin_letter(c)
        || c.is_alphanumeric()
        || c == '-'
        || is_combining_mark(c)
        || matches!(c as u32, 0x2600..=0x27BF | 0x1F300..=0x1FAFF)
}

/// A letter of Latin-1, Latin Extended-A and -B or Latin Extended Additional (every
/// Vietnamese letter): a range test instead of a table search.
pub(super) fn is_latin_letter(c: char) -> bool {
    matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF) && c != '×' && c != '÷'
}

/// Whether `chars[..end]` ends in a letter or digit of any script, its combining marks
/// skipped: what a link may not start right after, in NFC or NFD alike (`tô//x.vn` is the
/// same text as `to\u{302}//x.vn`; `῝` and `῾\u{300}` are both a symbol).
pub(super) fn ends_word(chars: &[char], end: usize) -> bool {
    chars[..end]
        .iter()
        .rev()
        .find(|&&c| !is_combining_mark(c))
        .is_some_and(|c| c.is_alphanumeric())
}

/// A combining mark (General_Category M: Latin marks in NFD, the Vietnamese marks, Indic
/// vowel signs, the kana voicing marks of NFD `ク\u{3099}`): part of the letter before it.
pub(super) fn is_combining_mark(c: char) -> bool {
    !c.is_ascii() && crate::unicode::is_mark(c)
}

/// A letter of a script written without spaces between words (Han, kana, Hangul, Thai,
/// Lao, Myanmar, Khmer): where such a script meets another one, a label ends
/// (`example.comてすと`), and a top-level domain may be followed by more of it
/// (`twitter.みんなです`).
pub(super) fn is_spaceless(c: char) -> bool {
    matches!(c as u32,
        0xE00..=0xEFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x1100..=0x11FF | 0x3040..=0x30FF
        | 0x3130..=0x318F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x2FFFF)
}

/// Lower case for ASCII and the Vietnamese letters (`Đ`, `Ă`, `Ơ`, `Ư`, `Ấ` ...); other
/// characters unchanged. Enough to match the few words the rule knows (`chấm`, `đồng`).
pub(super) fn lower(c: char) -> char {
    let u = c as u32;
    let to = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 0x20,
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 | 0x1AF => u + 1,
        0x1EA0..=0x1EF9 if u % 2 == 0 => u + 1,
        _ => u,
    };
    char::from_u32(to).unwrap_or(c)
}

/// A letter of any script or a combining mark (a letter's marks in NFD): words of letters
/// read the same in NFC and NFD.
pub(super) fn is_letter(c: char) -> bool {
    c.is_alphabetic() || is_combining_mark(c)
}

/// The number of letters of `label` as written in NFC: combining marks and the Hangul vowel
/// and final jamo that join the letter before them are not counted (`ủ` is one letter in NFC
/// and NFD, and so is `빙`, NFD `ᄇ` `ᅵ` `ᆼ`).
pub(super) fn letters(label: &[char]) -> usize {
    label
        .iter()
        .filter(|&&c| {
            !is_combining_mark(c) && !matches!(c as u32, 0x1160..=0x11FF | 0xD7B0..=0xD7FF)
        })
        .count()
}

/// Whether `label` carries Latin diacritics, as Vietnamese words do (`rồi`, `nội`, NFC or
/// NFD). A combining mark counts only on a Latin letter: `Ӂ` is Cyrillic in NFC and NFD
/// (`Ж` + U+0306) alike.
pub(super) fn has_latin_marks(label: &[char]) -> bool {
    let mut on_latin = false;
    label.iter().any(|&c| {
        if is_combining_mark(c) {
            return on_latin && (0x300..=0x36F).contains(&(c as u32));
        }
        let marked = matches!(c as u32, 0xC0..=0x24F | 0x1E00..=0x1EFF) && c != '×' && c != '÷';
        on_latin = marked || c.is_ascii_alphabetic();
        marked
    })
}

/// A label that is one Vietnamese word: letters only, with Vietnamese marks or spelling a
/// syllable without them (`lượng`, `đô`, `nha`, `theo`; not `tiki`, `shopee`, `abc`).
pub(super) fn is_vietnamese_word(label: &[char]) -> bool {
    label.iter().all(|&c| is_letter(c)) && (has_latin_marks(label) || is_plain_syllable(label))
}

/// A number, or a number with a short unit or ordinal (`2`, `8h`, `30p`, `1st`, `10k`).
pub(super) fn is_number_like(label: &[char]) -> bool {
    let digits = label.iter().take_while(|c| c.is_ascii_digit()).count();
    let rest = &label[digits..];
    digits > 0 && rest.len() <= 3 && rest.iter().all(char::is_ascii_alphabetic)
}

/// Whether `word` (ASCII) has the shape of a Vietnamese syllable typed without marks:
/// onset, one to three vowels, a coda (`to`, `do`, `ba`, `nguoi`; not `nick`, `t`, `ws`).
pub(super) fn is_plain_syllable(word: &[char]) -> bool {
    const ONSETS: [&str; 27] = [
        "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
        "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ];
    const CODAS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
    if word.is_empty() || word.len() > 7 || !word.iter().all(char::is_ascii_alphabetic) {
        return false;
    }
    let mut lower = [0u8; 7];
    for (b, c) in lower.iter_mut().zip(word) {
        *b = c.to_ascii_lowercase() as u8;
    }
    let word = &lower[..word.len()];
    ONSETS.iter().any(|onset| {
        let Some(rest) = word.strip_prefix(onset.as_bytes()) else {
            return false;
        };
        let vowels = rest.iter().take_while(|b| b"aeiouy".contains(b)).count();
        (1..=3).contains(&vowels) && CODAS.iter().any(|coda| &rest[vowels..] == coda.as_bytes())
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn syllable_shapes() {
        for w in ["to", "do", "ba", "nguoi", "Ca", "khong", "truong"] {
            assert!(is_plain_syllable(&v(w)), "{w}");
        }
        for w in ["nick", "t", "ws", "example", "ok", "google", "bro"] {
            assert!(!is_plain_syllable(&v(w)), "{w}");
        }
    }

    #[test]
    fn latin_letters_are_alphabetic() {
        for c in ('\u{C0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}') {
            assert_eq!(is_latin_letter(c), c.is_alphabetic(), "{c}");
        }
    }

    #[test]
    fn marks_and_numbers() {
        assert!(has_latin_marks(&v("rồi")));
        assert!(has_latin_marks(&v("ro\u{302}\u{300}i")));
        assert!(!has_latin_marks(&v("nick")));
        assert!(is_number_like(&v("8h")));
        assert!(is_number_like(&v("2")));
        assert!(!is_number_like(&v("nhacai88")));
        assert_eq!(lower('Ấ'), 'ấ');
        assert_eq!(lower('Đ'), 'đ');
    }
}
