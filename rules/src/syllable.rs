//! The Vietnamese syllable parser: is this token a "chữ tiếng Việt"?
//!
//! A syllable is onset + rhyme + tone, compared as (letters without tone, tone), so old and
//! new tone placement both pass (hòa/hoà, thủy/thuỷ, khỏe/khoẻ):
//! - onsets ([`ONSETS`]): b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v
//!   x, or none; `gi` before a consonant or at the end merges with the vowel i (gì, gìn);
//! - the rhyme (optional glide o/u, nucleus, optional coda) and the onsets that may precede
//!   it come from a table generated from `data/vi/grammar-syllables.txt` (every syllable of
//!   the standard grammar, with the spelling rules c/k/q, g/gh, ng/ngh);
//! - a syllable ending in p, t, c or ch takes only sắc or nặng (checked against the file);
//! - at most one tone mark;
//! - plus a few real names outside the grammar ([`NAMES`]: Đắk, Lắk, Kon, Krông, Kạn).
//!
//! Everything else fails: numbers, chat abbreviations (ko, đc, mn), English that is not a
//! Vietnamese syllable, stretched words (quáaaa), Cyrillic and Greek look-alikes.

use super::tables::{RHYMES, SKELETONS, TONE_OF, VOWELS};
use super::unicode;

/// Onsets, longest first so the first prefix match is the onset. Index = bit in the
/// rhyme table's onset masks; bit [`NO_ONSET`] = no onset.
pub const ONSETS: [&str; 27] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// The onset-mask bit of a syllable with no onset.
pub const NO_ONSET: usize = ONSETS.len();

/// The indices of gi, d and đ in [`ONSETS`].
const ONSET_GI: usize = 5;
const ONSET_D: usize = 13;
const ONSET_D_STROKE: usize = 14;

/// Real names outside the grammar (Đắk, Lắk, Kon, Krông, Kạn) as (letters, tone).
pub const NAMES: [(&[char], u8); 5] = [
    (&['đ', 'ă', 'k'], 2),
    (&['l', 'ă', 'k'], 2),
    (&['k', 'o', 'n'], 0),
    (&['k', 'r', 'ô', 'n', 'g'], 0),
    (&['k', 'a', 'n'], 5),
];

/// A parsed syllable: a small `Copy` value, so the spam caps compare integers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Syllable {
    /// Its lower-case letters without the tone, and the tone: equal for equal (letters,
    /// tone) and different otherwise (see `Untoned::syllable`).
    key: u64,
    /// Whether it carries a mark: a tone, or one of ă â ê ô ơ ư đ.
    marked: bool,
}

impl Syllable {
    /// Whether the syllable carries a mark: a tone, or one of ă â ê ô ơ ư đ.
    pub fn marked(&self) -> bool {
        self.marked
    }

    /// One number per (letters, tone).
    pub(crate) fn key(&self) -> u64 {
        self.key
    }
}

/// A lower-case letter without its tone, and the tone (0 for a letter without one).
pub fn untone_char(c: char) -> (char, u8) {
    if c < '\u{00C0}' {
        return (c, 0);
    }
    match TONE_OF.binary_search_by_key(&(c as u32), |&entry| entry >> 16) {
        Ok(i) => char::from_u32(TONE_OF[i] >> 3 & 0x1FFF)
            .map_or((c, 0), |toneless| (toneless, (TONE_OF[i] & 7) as u8)),
        Err(_) => (c, 0),
    }
}

/// A lower-case letter with every mark removed, its tone and its letter marks alike
/// (ặ → a, ê → e, ô ơ → o, ư → u, đ → d).
pub fn bare_char(c: char) -> char {
    match untone_char(c).0 {
        'ă' | 'â' => 'a',
        'ê' => 'e',
        'ô' | 'ơ' => 'o',
        'ư' => 'u',
        'đ' => 'd',
        c => c,
    }
}

/// The letter `base` (a toneless vowel, any case) with tone `tone` (1..=5); `base` itself
/// for tone 0 or a letter that takes no tone.
pub fn with_tone(base: char, tone: u8) -> char {
    let lower = unicode::lower(base);
    let wanted = (lower as u32) << 3 | u32::from(tone);
    let toned = TONE_OF
        .iter()
        .find(|&&entry| entry & 0xFFFF == wanted)
        .and_then(|&entry| char::from_u32(entry >> 16))
        .unwrap_or(lower);
    if lower != base {
        unicode::upper(toned)
    } else {
        toned
    }
}

/// Splits toneless lower-case letters into (onset index, rhyme). `gi` followed by a
/// consonant or nothing keeps its i in the rhyme (gìn = gi + in): the rhyme is then the
/// letters after the g.
pub fn split(letters: &[char]) -> (usize, &[char]) {
    // One `match` on the first letters (index = position in `ONSETS`, longest first):
    // trying each onset in turn was a visible share of a check.
    let (onset, rest) = match letters {
        ['n', 'g', 'h', rest @ ..] => (0, rest),
        ['n', 'g', rest @ ..] => (1, rest),
        ['n', 'h', rest @ ..] => (2, rest),
        ['c', 'h', rest @ ..] => (3, rest),
        ['g', 'h', rest @ ..] => (4, rest),
        ['g', 'i', rest @ ..] => (ONSET_GI, rest),
        ['k', 'h', rest @ ..] => (6, rest),
        ['p', 'h', rest @ ..] => (7, rest),
        ['q', 'u', rest @ ..] => (8, rest),
        ['t', 'h', rest @ ..] => (9, rest),
        ['t', 'r', rest @ ..] => (10, rest),
        ['b', rest @ ..] => (11, rest),
        ['c', rest @ ..] => (12, rest),
        ['d', rest @ ..] => (ONSET_D, rest),
        ['đ', rest @ ..] => (ONSET_D_STROKE, rest),
        ['g', rest @ ..] => (15, rest),
        ['h', rest @ ..] => (16, rest),
        ['k', rest @ ..] => (17, rest),
        ['l', rest @ ..] => (18, rest),
        ['m', rest @ ..] => (19, rest),
        ['n', rest @ ..] => (20, rest),
        ['p', rest @ ..] => (21, rest),
        ['r', rest @ ..] => (22, rest),
        ['s', rest @ ..] => (23, rest),
        ['t', rest @ ..] => (24, rest),
        ['v', rest @ ..] => (25, rest),
        ['x', rest @ ..] => (26, rest),
        _ => return (NO_ONSET, letters),
    };
    if onset == ONSET_GI
        && !rest
            .first()
            .is_some_and(|&c| VOWELS.chars().any(|v| v == c))
    {
        return (onset, &letters[1..]);
    }
    (onset, rest)
}

/// The longest token worth parsing, in bytes: longer than any syllable ("nghiêng" is 9
/// bytes in NFC).
const MAX_BYTES: usize = 24;

/// A token lower-cased with its tone taken off, on the stack (no allocation per token).
pub(crate) struct Untoned {
    letters: [char; MAX_BYTES],
    len: usize,
    tone: u8,
}

impl Untoned {
    /// `word` lower-cased without its tone: `None` when it is longer than any syllable or
    /// carries two tone marks.
    pub(crate) fn of(word: &str) -> Option<Self> {
        if word.len() > MAX_BYTES {
            return None;
        }
        let mut out = Self {
            letters: ['\0'; MAX_BYTES],
            len: 0,
            tone: 0,
        };
        for c in word.chars() {
            let (base, t) = untone_char(unicode::lower(c));
            if t != 0 {
                if out.tone != 0 {
                    return None;
                }
                out.tone = t;
            }
            out.letters[out.len] = base;
            out.len += 1;
        }
        Some(out)
    }

    /// The toneless lower-case letters.
    pub(crate) fn letters(&self) -> &[char] {
        &self.letters[..self.len]
    }

    /// The syllable these letters and tone make, if any. Its key is the rhyme's code, then
    /// the onset's index (or a name's, after the onsets) and the letters the onset takes
    /// (which tells gi + in "gin" from "giin"), then the tone: one key per (letters, tone).
    pub(crate) fn syllable(&self) -> Option<Syllable> {
        let (letters, tone) = (self.letters(), self.tone);
        let marked = tone != 0 || !letters.iter().all(char::is_ascii);
        let syllable = |rhyme: u32, onset: usize, onset_letters: usize| Syllable {
            key: u64::from(rhyme) << 16
                | (onset as u64) << 8
                | (onset_letters as u64) << 3
                | u64::from(tone),
            marked,
        };
        if let Some(name) = NAMES.iter().position(|&name| name == (letters, tone)) {
            return Some(syllable(0, NO_ONSET + 1 + name, 0));
        }
        let (onset, rhyme) = split(letters);
        let code = code(rhyme, &RHYME_LETTERS)?;
        let onsets = RHYMES
            .binary_search_by_key(&code, |&(k, _)| k)
            .ok()
            .map(|i| RHYMES[i].1)?;
        (onsets & (1 << onset) != 0 && tone_allowed(rhyme, tone))
            .then(|| syllable(code, onset, letters.len() - rhyme.len()))
    }
}

/// The letters rhymes are written with; a rhyme is coded as a number in base
/// `RHYME_LETTERS` + 1 (at most 4 letters), which keeps the table at 8 bytes a rhyme.
pub(crate) const RHYME_LETTERS: Alphabet = Alphabet::new(&[
    'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y', 'c', 'g', 'h', 'm', 'n', 'p', 't',
]);

/// The letters of plain (unaccented) words, coded the same way (at most 6 letters).
pub(crate) const PLAIN_LETTERS: Alphabet = Alphabet::new(&[
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
    't', 'u', 'v', 'w', 'x', 'y', 'z',
]);

/// The first character an [`Alphabet`]'s digit table does not cover: every letter of both
/// alphabets is at most ư (U+01B0).
const DIGITS_END: usize = 0x1B1;

/// Letters for [`code`], with each one's digit (1-based position) by character, built at
/// compile time: one load per letter instead of a scan of the alphabet.
pub(crate) struct Alphabet {
    letters: &'static [char],
    digits: [u8; DIGITS_END],
}

impl Alphabet {
    const fn new(letters: &'static [char]) -> Self {
        assert!(letters.len() < u8::MAX as usize);
        let mut digits = [0; DIGITS_END];
        let mut i = 0;
        while i < letters.len() {
            assert!((letters[i] as usize) < DIGITS_END);
            digits[letters[i] as usize] = i as u8 + 1;
            i += 1;
        }
        Self { letters, digits }
    }

    /// The 1-based position of `c` among the letters.
    fn digit(&self, c: char) -> Option<u32> {
        match self.digits.get(c as usize) {
            Some(&d) if d != 0 => Some(u32::from(d)),
            _ => None,
        }
    }
}

/// `word` as a number in base `alphabet.len() + 1`; `None` for a letter outside `alphabet`
/// or a word too long for a `u32`.
pub(crate) fn code(word: &[char], alphabet: &Alphabet) -> Option<u32> {
    let base = alphabet.letters.len() as u32 + 1;
    word.iter().try_fold(0u32, |n, &c| {
        n.checked_mul(base)?.checked_add(alphabet.digit(c)?)
    })
}

/// A syllable ending in p, t, c or ch takes only sắc (2) or nặng (5).
pub(crate) fn tone_allowed(rhyme: &[char], tone: u8) -> bool {
    let checked = matches!(rhyme, [.., 'p' | 't' | 'c'] | [.., 'c', 'h']);
    !checked || tone == 2 || tone == 5
}

/// Parses a token (NFC, any case) as a Vietnamese syllable.
pub fn parse(word: &str) -> Option<Syllable> {
    Untoned::of(word)?.syllable()
}

/// Whether plain lower-case ASCII letters become a syllable once marks are added
/// ("nguoi" → người, "duoc" → được, "viet" → việt).
pub fn could_take_marks(plain: &[char]) -> bool {
    let (onset, rest) = split(plain);
    // A plain d may stand for đ.
    let wanted = if onset == ONSET_D {
        (1 << onset) | (1 << ONSET_D_STROKE)
    } else {
        1 << onset
    };
    code(rest, &PLAIN_LETTERS)
        .and_then(|key| SKELETONS.binary_search_by_key(&key, |&(k, _)| k).ok())
        .is_some_and(|i| SKELETONS[i].1 & wanted != 0)
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;

    #[test]
    fn real_syllables_parse_in_both_tone_placements() {
        for word in [
            "hòa", "hoà", "thủy", "thuỷ", "khỏe", "khoẻ", "kỹ", "kĩ", "quý", "quí", "gì", "gìn",
            "giữa", "người", "được", "Việt", "NGHIÊNG", "khuya", "ơi", "ạ", "an", "to", "me",
            "Đắk", "Lắk", "Kon", "Krông", "Kạn", "xoong", "boong", "quốc",
            // "the" (silk) is a syllable; plain, it is a suspect and does not count
            // (see `diacritics`).
            "the",
        ] {
            assert!(parse(word).is_some(), "{word} should parse");
        }
    }

    #[test]
    fn non_syllables_fail() {
        for word in [
            "ko",
            "k",
            "đc",
            "mn",
            "bt",
            "quáaaa",
            "comment",
            "bank",
            "online",
            "ok",
            "kà",
            "cé",
            "ngé",
            "ghà",
            "q",
            "qa",
            "tiêngs",
            "hoàá",
            "bátt",
            "bàt",
            "hảp",
            "mãch",
            // Cyrillic а, о and Greek ο look-alikes.
            "с\u{0430}m",
            "t\u{043E}i",
            "h\u{03BF}a",
            "abc123",
            "",
        ] {
            assert!(parse(word).is_none(), "{word} should not parse");
        }
    }

    #[test]
    fn p_t_c_ch_take_only_sac_or_nang() {
        for (word, ok) in [
            ("hát", true),
            ("hạt", true),
            ("hat", false),
            ("hàt", false),
            ("hảt", false),
            ("hãt", false),
            ("sách", true),
            ("sach", false),
            ("học", true),
            ("họp", true),
            ("hop", false),
        ] {
            assert_eq!(parse(word).is_some(), ok, "{word}");
        }
    }

    #[test]
    fn every_syllable_has_its_own_key() {
        use std::collections::BTreeSet;
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/vi/grammar-syllables.txt");
        let list = std::fs::read_to_string(path).expect("grammar-syllables.txt");
        let (mut spellings, mut keys) = (BTreeSet::new(), BTreeSet::new());
        for word in list.lines().chain(["Đắk", "Lắk", "Kon", "Krông", "Kạn"]) {
            let untoned = Untoned::of(word).expect("untoned");
            // hòa and hoà are one (letters, tone), one key.
            spellings.insert((untoned.letters().to_vec(), untoned.tone));
            keys.insert(untoned.syllable().expect("a syllable").key());
        }
        assert_eq!(keys.len(), spellings.len());
    }

    #[test]
    fn onset_indices_are_d_and_d_stroke() {
        assert_eq!((ONSETS[ONSET_D], ONSETS[ONSET_D_STROKE]), ("d", "đ"));
    }

    #[test]
    fn split_takes_the_longest_onset_at_its_index() {
        let letters = |s: &str| s.chars().collect::<Vec<_>>();
        // Each onset, then each onset before every letter: the longest prefix in `ONSETS`.
        let alphabet = letters("abcdđeghiklmnopqrstuvxyăâêôơư");
        for (i, onset) in ONSETS.iter().enumerate() {
            let o = letters(onset);
            let rest = if *onset == "gi" {
                &o[1..]
            } else {
                &o[o.len()..]
            };
            assert_eq!(split(&o), (i, rest), "{onset}");
            for &c in &alphabet {
                let mut word = o.clone();
                word.push(c);
                let longest = ONSETS
                    .iter()
                    .position(|p| word.starts_with(&letters(p)))
                    .expect("an onset");
                let taken = ONSETS[longest].chars().count();
                let gi_keeps_i = ONSETS[longest] == "gi"
                    && !word.get(taken).is_some_and(|&n| VOWELS.contains(n));
                let rest = if gi_keeps_i {
                    &word[1..]
                } else {
                    &word[taken..]
                };
                assert_eq!(split(&word), (longest, rest), "{word:?}");
            }
        }
        for word in ["", "a", "ươi", "w", "fa"] {
            assert_eq!(
                split(&letters(word)),
                (NO_ONSET, &letters(word)[..]),
                "{word}"
            );
        }
    }

    #[test]
    fn marks_are_told() {
        let marked = |w: &str| parse(w).map(|s| s.marked());
        assert_eq!(marked("anh"), Some(false));
        assert_eq!(marked("ăn"), Some(true));
        assert_eq!(marked("đi"), Some(true));
        assert_eq!(marked("cá"), Some(true));
    }

    #[test]
    fn plain_forms_that_need_marks() {
        let letters = |word: &str| word.chars().collect::<Vec<_>>();
        for word in ["nguoi", "duoc", "viet", "khuyen", "tieng", "uoc", "hoc"] {
            assert!(
                parse(word).is_none() && could_take_marks(&letters(word)),
                "{word}"
            );
        }
        for word in ["ko", "mn", "bank", "comment", "xyz"] {
            assert!(!could_take_marks(&letters(word)), "{word}");
        }
    }

    #[test]
    fn tones_are_put_back_on_letters() {
        assert_eq!(with_tone('e', 2), 'é');
        assert_eq!(with_tone('Ư', 5), 'Ự');
        assert_eq!(with_tone('b', 3), 'b');
        assert_eq!(untone_char('ự'), ('ư', 5));
    }

    #[test]
    fn digits_are_positions_in_the_alphabet() {
        for alphabet in [&RHYME_LETTERS, &PLAIN_LETTERS] {
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                let position = alphabet.letters.iter().position(|&a| a == c);
                assert_eq!(alphabet.digit(c), position.map(|p| p as u32 + 1), "{c:?}");
            }
        }
    }
}
