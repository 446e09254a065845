//! Which tokens are "chữ tiếng Việt", and how many count, with the spam caps.
//!
//! A token counts when it parses as a Vietnamese syllable (see `syllable`), is not a
//! suspect (see `diacritics`: "nguoi" and "khong" are not yet "chữ tiếng Việt có dấu") and
//! is not written against a digit ("2tỷ", "covid19": mixed with digits). A letter stretched
//! three times or more ("luônnnn", "đẹppppp", "nhaaaa"), or twice in a word that carries a
//! mark ("luônn", "ơii"), stands for the word it stretches when that word is a syllable:
//! the token is classified as that word.
//!
//! Spam caps, comparing syllables on (letters, tone), case-insensitively: a syllable counts
//! at most twice in a row ("xa xa" is fine, "hay hay hay" counts 2) and at most three times
//! in the whole comment. "In a row" means among consecutive syllables.

use super::syllable::{
    code, could_take_marks, parse, untone_char, Syllable, Untoned, PLAIN_LETTERS,
};
use super::tables::{ON_PURPOSE, RARE_PLAIN};
use super::text::Token;
use super::unicode;

/// What a token is to the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A Vietnamese syllable, with or without marks.
    Syllable(Syllable),
    /// An unaccented token that should carry marks: it parses only once marks are added
    /// (nguoi, duoc, viet), or it is a form comments typed with marks almost never write
    /// plain (co, va).
    Suspect,
    /// Neither Vietnamese nor foreign: a capitalised word that would otherwise be a suspect
    /// (a name or a reply tag: "Nguyen", "Tran", "Mau" of "Cà Mau"), or a token written
    /// against a digit. It neither counts nor accuses.
    Neutral,
    /// Anything else: abbreviations, English (and loanwords written plain on purpose: hot,
    /// set, top), names outside the grammar, other scripts.
    Other,
}

/// A token and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    /// The token.
    pub token: Token<'a>,
    /// What it is.
    pub kind: Kind,
}

/// Classifies one token (NFC), reading a stretched letter as the letter when that makes a
/// syllable ("luônnnn" is "luôn"). A capitalised suspect is a suspect here: `analyse`
/// decides whether it is a name.
pub fn kind(word: &str) -> Kind {
    match kind_as_typed(word) {
        // Only a syllable: stretching is a cry ("oiiii", "deooo"), not evidence of a
        // keyboard without marks.
        Kind::Other => match unstretched(word).map(|w| kind_as_typed(&w)) {
            Some(Kind::Syllable(s)) => Kind::Syllable(s),
            _ => Kind::Other,
        },
        kind => kind,
    }
}

/// Classifies one token as typed. Lower-cased and untoned once, on the stack: a token
/// longer than any syllable is `Other` (too long for a rare plain form or a skeleton too).
fn kind_as_typed(word: &str) -> Kind {
    let Some(untoned) = Untoned::of(word) else {
        return Kind::Other;
    };
    let plain = word.is_ascii().then(|| untoned.letters());
    let listed = |list: &[u32]| {
        plain.is_some_and(|w| {
            code(w, &PLAIN_LETTERS).is_some_and(|c| list.binary_search(&c).is_ok())
        })
    };
    if listed(RARE_PLAIN) {
        return Kind::Suspect;
    }
    match untoned.syllable() {
        Some(s) => Kind::Syllable(s),
        None if listed(ON_PURPOSE) => Kind::Other,
        None if plain.is_some_and(could_take_marks) => Kind::Suspect,
        None => Kind::Other,
    }
}

/// `word` with each stretched letter written once, when it has one that is not a syllable
/// as typed: a run of one letter (whatever its case and tone; the toned one is kept) three
/// times or more, or, when that alone is no syllable and the word carries a mark, twice
/// ("luônn", "ơii": a doubled letter in a plain word is as often English: "see", "too").
/// `None` when nothing is stretched.
fn unstretched(word: &str) -> Option<String> {
    let base = |c: char| untone_char(unicode::lower(c));
    let mut bases = word.chars().map(|c| base(c).0);
    let mut previous = bases.next()?;
    if !bases.any(|b| std::mem::replace(&mut previous, b) == b) {
        return None;
    }
    let letters: Vec<(char, char, u8)> = word
        .chars()
        .map(|c| {
            let (b, tone) = base(c);
            (c, b, tone)
        })
        .collect();
    let once = |shortest: usize| -> Option<String> {
        let mut out = String::with_capacity(word.len());
        let mut stretched = false;
        for run in letters.chunk_by(|a, b| a.1 == b.1) {
            if run.len() >= shortest {
                stretched = true;
                out.push(run.iter().find(|l| l.2 != 0).unwrap_or(&run[0]).0);
            } else {
                out.extend(run.iter().map(|l| l.0));
            }
        }
        // One letter alone ("aaaa", "kkkk") is a cry, not a stretched word.
        (stretched && out.chars().nth(1).is_some()).then_some(out)
    };
    let three = once(3);
    if word.is_ascii()
        || three
            .as_deref()
            .is_some_and(|w| kind_as_typed(w) != Kind::Other)
    {
        return three;
    }
    once(2).or(three)
}

/// Classifies every token of `text`. A token written against a digit ("2tỷ", "covid19",
/// "F0", "100k") is mixed with digits: `Neutral`, whatever its letters. A capitalised
/// suspect ("Nguyen", "Hoang" of a reply tag) is `Neutral`: names and account names are
/// often written plain and say nothing about the writer's keyboard.
pub fn analyse<'a>(text: &str, tokens: Vec<Token<'a>>) -> Vec<Word<'a>> {
    let bytes = text.as_bytes();
    let mut seen = Seen::new(tokens.len());
    let mut words: Vec<Word> = tokens
        .into_iter()
        .map(|token| Word {
            token,
            kind: Kind::Other,
        })
        .collect();
    for i in 0..words.len() {
        let token = &words[i].token;
        let before = token.start.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(token.end).copied();
        let mixed = [before, after]
            .iter()
            .any(|b| b.is_some_and(|b| b.is_ascii_digit()));
        words[i].kind = if mixed {
            Kind::Neutral
        } else {
            seen.kind(&words, i)
        };
    }
    names_are_neutral(text, &mut words);
    words
}

/// Takes the suspects that read as names ([`a_name`]) as typed: a plain syllable when they
/// are one ("Cai" of "Lào Cai", "Tum" of "Kon Tum": a correct spelling, and a word),
/// `Neutral` otherwise ("Nguyen"). After every kind is known (`Seen` reuses kinds as the
/// grammar gives them, not as a neighbour changes them).
fn names_are_neutral(text: &str, words: &mut [Word]) {
    for i in 0..words.len() {
        if words[i].kind == Kind::Suspect && a_name(text, words, i) {
            words[i].kind = parse(&words[i].token.word).map_or(Kind::Neutral, Kind::Syllable);
        }
    }
}

/// Whether `words[i]`, a suspect, reads as a name: capitalised, and either beside another
/// capitalised word ("Minh Anh Tran", "Hoang Long", "Cà Mau") or inside a sentence ("cô
/// Hieu"). A capitalised suspect opening a sentence on its own ("Khong sao đâu") is the
/// sentence's first word, not a name.
fn a_name(text: &str, words: &[Word], i: usize) -> bool {
    if !capitalised(&words[i].token.word) {
        return false;
    }
    let token = &words[i].token;
    let beside = |j: Option<usize>| {
        j.and_then(|j| words.get(j)).is_some_and(|w| {
            let (a, b) = if w.token.start < token.start {
                (w.token.end, token.start)
            } else {
                (token.end, w.token.start)
            };
            capitalised(&w.token.word) && text[a..b].bytes().all(|b| b == b' ')
        })
    };
    if beside(i.checked_sub(1)) || beside(Some(i + 1)) {
        return true;
    }
    let before = text[..token.start].trim_end();
    !(before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '"', '(', '-']))
}

/// Whether `word` is written with a capital and then lower case ("Nguyen", "Tran", "Đạt"),
/// as names are; a word in capitals ("KHONG") is not: it is shouting, not a name.
fn capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
}

/// Which earlier word had each word, to reuse its kind: Vietnamese repeats its syllables,
/// and a word seen before costs a hash and a comparison instead of a parse (in a long
/// comment, a good share of the words). Open addressing, a slot holding a word's index + 1
/// (0: empty), at most [`Seen::MAX_SLOTS`] slots and [`Seen::PROBES`] probes; a word that
/// finds no room is parsed without being kept.
struct Seen {
    slots: Vec<u32>,
}

impl Seen {
    const MAX_SLOTS: usize = 1 << 12;
    const PROBES: usize = 8;

    fn new(words: usize) -> Self {
        Self {
            slots: vec![0; (2 * words).next_power_of_two().min(Self::MAX_SLOTS)],
        }
    }

    /// The kind of `words[i]`, from an earlier word with the same letters if there is one.
    fn kind(&mut self, words: &[Word], i: usize) -> Kind {
        let word: &str = &words[i].token.word;
        let mask = self.slots.len() - 1;
        // FxHash-style: rotate, xor a byte, multiply.
        let hash = word.bytes().fold(0u32, |h, b| {
            (h.rotate_left(5) ^ u32::from(b)).wrapping_mul(0x9E37_79B9)
        });
        for probe in 0..Self::PROBES {
            let slot = &mut self.slots[(hash as usize).wrapping_add(probe) & mask];
            match (*slot as usize).checked_sub(1).map(|j| &words[j]) {
                Some(seen) if seen.token.word == word => return seen.kind,
                Some(_) => {}
                None => {
                    *slot = i as u32 + 1;
                    return kind(word);
                }
            }
        }
        kind(word)
    }
}

/// The count of "chữ tiếng Việt" after the spam caps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    /// Countable words.
    pub words: u32,
    /// Syllables the caps left out.
    pub dropped: u32,
}

/// Whether the suspects that are syllables as typed ("va", "thi": forms rarely written
/// plain) count as words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suspects {
    /// They do not: the comment was not typed with marks, so a plain "va" is not yet a
    /// "chữ tiếng Việt có dấu".
    Uncounted,
    /// They do: the comment is có dấu, so its few plain forms are slips or words that are
    /// right without marks ("thi đấu", "di động"), and a slip the diacritics verdict forgave
    /// must not cost the comment its word count.
    Counted,
}

/// Counts the syllables of `words`, applying the spam caps: first the in-a-row cap in text
/// order, then, among what is left, the first three of each syllable.
pub fn count(words: &[Word], suspects: Suspects) -> Count {
    let mut last: [Option<Syllable>; 2] = [None, None];
    let mut kept: Vec<Syllable> = Vec::new();
    let mut syllables = 0u32;
    for word in words {
        let s = match word.kind {
            Kind::Syllable(s) => s,
            Kind::Suspect if suspects == Suspects::Counted => match parse(&word.token.word) {
                Some(s) => s,
                None => continue,
            },
            _ => continue,
        };
        syllables += 1;
        if last != [Some(s), Some(s)] {
            kept.push(s);
        }
        last = [last[1], Some(s)];
    }
    let counted = at_most_three_each(&kept);
    Count {
        words: counted,
        dropped: syllables - counted,
    }
}

/// The number of `syllables` when each counts at most three times: a table with open
/// addressing, twice as many slots as syllables, each slot `(key + 1) << 2 | times seen`
/// (at most 3; 0 is an empty slot). Linear time, where sorting them took n log n (a
/// visible share of a long check).
fn at_most_three_each(syllables: &[Syllable]) -> u32 {
    let mask = (2 * syllables.len()).next_power_of_two() - 1;
    let mut table = vec![0u64; mask + 1];
    let mut counted = 0;
    for s in syllables {
        let tag = (s.key() + 1) << 2;
        // Fibonacci hashing: bits 32 and up of the key times 2^64 / φ.
        let mut i = (s.key().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        while table[i] != 0 && table[i] & !3 != tag {
            i = (i + 1) & mask;
        }
        if table[i] & 3 < 3 {
            table[i] = tag | ((table[i] & 3) + 1);
            counted += 1;
        }
    }
    counted
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;
    use crate::syllable;
    use crate::text::tokens;

    fn count_of(text: &str) -> Count {
        count(&analyse(text, tokens(text)), Suspects::Uncounted)
    }

    #[test]
    fn spam_caps() {
        let table = [
            ("xa xa", 2, 0),
            ("hay hay hay", 2, 1),
            ("hay hay hay hay hay hay hay hay hay hay hay hay", 2, 10),
            ("Hay HAY hay", 2, 1),
            ("hay quá hay quá hay quá hay quá", 6, 2),
            ("rất rất tốt, rất rất hay", 5, 1),
            // Tone matters: "ba bà bá" are three different syllables.
            ("ba bà bá bả bã bạ", 6, 0),
        ];
        for (text, words, dropped) in table {
            assert_eq!(count_of(text), Count { words, dropped }, "{text}");
        }
    }

    proptest::proptest! {
        /// The table counts what sorting and keeping the first three of each run counts.
        #[test]
        fn at_most_three_each_is_the_sorted_count(
            picks in proptest::collection::vec(0usize..12, 0..80)
        ) {
            let vocabulary = ["hay", "quá", "gìn", "giin", "gin", "Đắk", "ba", "bà", "bá", "người", "an", "ơi"];
            let syllables: Vec<Syllable> = picks
                .iter()
                .map(|&i| syllable::parse(vocabulary[i]).expect("a syllable"))
                .collect();
            let mut keys: Vec<u64> = syllables.iter().map(Syllable::key).collect();
            keys.sort_unstable();
            let sorted = (0..keys.len()).filter(|&k| k < 3 || keys[k - 3] != keys[k]).count();
            proptest::prop_assert_eq!(at_most_three_each(&syllables), sorted as u32);
        }
    }

    /// Each word's kind as `kind`, the digit rule and the name rule give it, without [`Seen`].
    fn kinds_one_by_one(text: &str) -> Vec<Kind> {
        let bytes = text.as_bytes();
        let mut words: Vec<Word> = tokens(text)
            .into_iter()
            .map(|t| {
                let digit =
                    |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
                let kind = if digit(t.start.checked_sub(1)) || digit(Some(t.end)) {
                    Kind::Neutral
                } else {
                    kind(&t.word)
                };
                Word { token: t, kind }
            })
            .collect();
        names_are_neutral(text, &mut words);
        words.iter().map(|w| w.kind).collect()
    }

    fn kinds_of(text: &str) -> Vec<Kind> {
        analyse(text, tokens(text)).iter().map(|w| w.kind).collect()
    }

    proptest::proptest! {
        /// Reusing a kind from an earlier word gives the kind parsing gives.
        #[test]
        fn seen_words_keep_their_kind(
            picks in proptest::collection::vec((0usize..10, 0usize..4), 0..120)
        ) {
            let vocabulary = ["hay", "Hay", "quá", "nguoi", "ko", "Đắk", "ba", "bà", "người", "Nguoi"];
            let text: String = picks
                .iter()
                .map(|&(w, sep)| format!("{}{}", vocabulary[w], [" ", "1", ", ", "2 "][sep]))
                .collect();
            proptest::prop_assert_eq!(kinds_of(&text), kinds_one_by_one(&text));
        }
    }

    #[test]
    fn more_words_than_slots_keep_their_kind() {
        // 30 × 30 × 30 two-letter and syllable pieces: far more distinct words than
        // `Seen::MAX_SLOTS`, and full probe runs.
        let pieces = [
            "a", "ba", "cá", "đi", "ngh", "ươ", "x", "qu", "ko", "gì", "in", "ê", "ch", "o", "tr",
            "uy", "n", "k", "y", "ăn", "ơi", "h", "p", "nh", "ô", "ư", "s", "gi", "e", "ạ",
        ];
        let mut text = String::new();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    text.extend([a, b, c, " ", a, " "]);
                }
            }
        }
        assert!(tokens(&text).len() > 4 * Seen::MAX_SLOTS);
        assert_eq!(kinds_of(&text), kinds_one_by_one(&text));
    }

    #[test]
    fn kinds() {
        assert!(matches!(kind("người"), Kind::Syllable(_)));
        assert_eq!(kind("nguoi"), Kind::Suspect);
        assert_eq!(kind("khong"), Kind::Suspect);
        assert_eq!(kind("Khong"), Kind::Suspect);
        assert_eq!(kind("ko"), Kind::Other);
        assert_eq!(kind("đc"), Kind::Other);
        assert!(matches!(kind("anh"), Kind::Syllable(_)));
    }

    #[test]
    fn tokens_against_digits_do_not_count() {
        for text in ["2tỷ 100k covid19 F0 h2o 12h30 3tr", "Tie61ng Vie65t"] {
            assert_eq!(count_of(text).words, 0, "{text}");
            let words = analyse(text, tokens(text));
            assert!(words.iter().all(|w| w.kind == Kind::Neutral), "{text}");
        }
        assert_eq!(count_of("2 tỷ, 100 nghìn").words, 2);
    }
}
