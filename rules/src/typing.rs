//! A switched-off keyboard or an old font: recognise it and offer the Unicode text.
//!
//! Schemes, each decoding one chunk of the text (a maximal run of the characters the
//! scheme uses) into one syllable:
//! - Telex ("Tieesng Vieejt", "dduwowcj"): aa ee oo → â ê ô, aw → ă, ow uw w → ơ ư,
//!   uow → ươ, dd → đ; s f r x j → sắc huyền hỏi ngã nặng after a vowel;
//! - VNI ("Tie61ng Vie65t"): 1–5 tones (sắc huyền hỏi ngã nặng), 6 â ê ô, 7 ơ ư, 8 ă, 9 đ;
//! - VIQR ("Tie^'ng Vie^.t"): ^ ( + after the letter, ' ` ? ~ . tones after a vowel, dd đ;
//!   a '.' or '?' ending a chunk with no other mark is punctuation;
//! - TCVN3/ABC ("TiÕng ViÖt cã dÊu"): 8-bit font bytes read as Latin-1, table
//!   `data/vi/tcvn3.txt`;
//! - VNI-Windows ("Tieáng Vieät"): a letter followed by a Latin-1 letter standing for its
//!   marks (ù ø û õ ï tones, â á à å ã ä circumflex + tone, ê é è ú ü ë breve + tone) and
//!   ô ö ñ for ơ ư đ, í ì æ ó ò î for í ì ỉ ĩ ị ỵ.
//!
//! A chunk counts for a scheme (D) when its decoding differs from it and is a marked
//! Vietnamese syllable. The comment, not each word, is judged: a scheme is offered when
//! D ≥ 3, D > M (the marked syllables already in the text) and D is at least half of the
//! chunks holding a letter. Some English words decode as Telex ("is" → í), but far fewer
//! than half, so English alone does not reach half. The hint only offers the converted text; the
//! reader's text is never changed without a click.

use super::syllable::{parse, with_tone};
use super::tables::TCVN3;
use super::unicode;
use super::verdict::{Hint, HintKind};

/// The marks a key or a font byte adds to a letter.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Circumflex,
    Breve,
    Horn,
    Stroke,
}

fn reshape(letter: char, shape: Shape) -> Option<char> {
    Some(match (letter, shape) {
        ('a', Shape::Circumflex) => 'â',
        ('e', Shape::Circumflex) => 'ê',
        ('o', Shape::Circumflex) => 'ô',
        ('a', Shape::Breve) => 'ă',
        ('o', Shape::Horn) => 'ơ',
        ('u', Shape::Horn) => 'ư',
        ('d', Shape::Stroke) => 'đ',
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// One syllable being decoded: lower-case letters with their case, and the tone.
#[derive(Default)]
struct Builder {
    letters: Vec<(char, bool)>,
    tone: u8,
}

// The builder's steps are kept out of line: each decoder would otherwise carry its own
// copy of them, and the decoders run only on text a scheme may explain, never on text typed
// with marks.
impl Builder {
    #[inline(never)]
    fn push(&mut self, c: char) {
        let lower = unicode::lower(c);
        self.letters.push((lower, c != lower));
    }

    fn last(&self) -> Option<char> {
        self.letters.last().map(|&(c, _)| c)
    }

    /// Sets the tone: false when there is no vowel yet or a tone already.
    #[inline(never)]
    fn tone(&mut self, tone: u8) -> bool {
        let ok = self.tone == 0 && self.letters.iter().any(|&(c, _)| is_vowel(c));
        if ok {
            self.tone = tone;
        }
        ok
    }

    /// Reshapes the letter at `i`; a horn on o after u hooks both (ươ).
    #[inline(never)]
    fn reshape_at(&mut self, i: usize, shape: Shape) -> bool {
        let Some(new) = reshape(self.letters[i].0, shape) else {
            return false;
        };
        self.letters[i].0 = new;
        if new == 'ơ' && i > 0 && self.letters[i - 1].0 == 'u' {
            self.letters[i - 1].0 = 'ư';
        }
        true
    }

    /// Reshapes the last letter only.
    fn reshape_last(&mut self, shape: Shape) -> bool {
        !self.letters.is_empty() && self.reshape_at(self.letters.len() - 1, shape)
    }

    /// Reshapes the last letter that takes `shape`.
    #[inline(never)]
    fn reshape_nearest(&mut self, shape: Shape) -> bool {
        match (0..self.letters.len())
            .rev()
            .find(|&i| reshape(self.letters[i].0, shape).is_some())
        {
            Some(i) => self.reshape_at(i, shape),
            None => false,
        }
    }

    /// Where the tone goes (the classic placement: hòa, thủy, người, khuya).
    fn tone_position(&self) -> Option<usize> {
        let letters = &self.letters;
        let first_two =
            |a, b| matches!(letters.as_slice(), [(x, _), (y, _), ..] if *x == a && *y == b);
        // The vowels' positions once, in a list: iterator chains re-run for each question
        // made several times the code (the decoders run only on text a scheme may explain).
        let all: Vec<usize> = (0..letters.len())
            .filter(|&i| is_vowel(letters[i].0))
            .collect();
        let glide = first_two('q', 'u') || (first_two('g', 'i') && all.len() > 1);
        let vowels = &all[usize::from(glide)..];
        let &last = vowels.last()?;
        if let Some(&shaped) = vowels.iter().rev().find(|&&i| !letters[i].0.is_ascii()) {
            return Some(shaped);
        }
        match vowels {
            [_] => Some(last),
            _ if last + 1 < letters.len() => Some(last),
            [_, middle, _] => Some(*middle),
            [first, ..] => Some(*first),
            [] => None,
        }
    }

    /// The decoded syllable, when it is a marked Vietnamese syllable.
    fn finish(&self) -> Option<String> {
        let at = self.tone_position()?;
        let word: String = self
            .letters
            .iter()
            .enumerate()
            .map(|(i, &(c, upper))| {
                let c = if i == at { with_tone(c, self.tone) } else { c };
                if upper {
                    unicode::upper(c)
                } else {
                    c
                }
            })
            .collect();
        parse(&word).filter(|s| s.marked()).map(|_| word)
    }
}

/// Sắc, huyền, hỏi, ngã, nặng as `syllable` numbers them.
const SAC: u8 = 2;
const HUYEN: u8 = 1;
const HOI: u8 = 3;
const NGA: u8 = 4;
const NANG: u8 = 5;

/// Runs `step` on each character of `chunk` against one syllable being built; None as soon
/// as a step fails (the shared loop of the Telex, VNI and VIQR decoders).
fn decode(chunk: &str, mut step: impl FnMut(&mut Builder, char) -> bool) -> Option<String> {
    let mut b = Builder::default();
    if chunk.chars().all(|c| step(&mut b, c)) {
        b.finish()
    } else {
        None
    }
}

fn telex(chunk: &str) -> Option<String> {
    decode(chunk, |b, c| {
        let lower = c.to_ascii_lowercase();
        match lower {
            'd' if b.letters.len() == 1 && b.last() == Some('d') => b.reshape_last(Shape::Stroke),
            'a' | 'e' | 'o' if b.last() == Some(lower) => b.reshape_last(Shape::Circumflex),
            'w' => {
                b.reshape_nearest(Shape::Horn) || b.reshape_nearest(Shape::Breve) || {
                    b.push(if c == 'W' { 'Ư' } else { 'ư' });
                    true
                }
            }
            's' | 'f' | 'r' | 'x' | 'j' if b.letters.iter().any(|&(l, _)| is_vowel(l)) => {
                let tone = match lower {
                    's' => SAC,
                    'f' => HUYEN,
                    'r' => HOI,
                    'x' => NGA,
                    _ => NANG,
                };
                b.tone(tone)
            }
            _ => {
                b.push(c);
                true
            }
        }
    })
}

fn vni(chunk: &str) -> Option<String> {
    decode(chunk, |b, c| match c {
        '1' => b.tone(SAC),
        '2' => b.tone(HUYEN),
        '3' => b.tone(HOI),
        '4' => b.tone(NGA),
        '5' => b.tone(NANG),
        '6' => b.reshape_nearest(Shape::Circumflex),
        '7' => b.reshape_nearest(Shape::Horn),
        '8' => b.reshape_nearest(Shape::Breve),
        '9' => !b.letters.is_empty() && b.reshape_at(0, Shape::Stroke),
        c if c.is_ascii_alphabetic() => {
            b.push(c);
            true
        }
        _ => false,
    })
}

/// The characters VIQR writes marks with.
fn viqr_mark(c: char) -> bool {
    matches!(c, '^' | '(' | '+' | '\'' | '`' | '?' | '~' | '.' | '-')
}

/// Whether `word` holds a VIQR mark (all ASCII, so a byte test; smaller than a `str`
/// pattern in wasm).
fn has_viqr_mark(word: &str) -> bool {
    word.bytes().any(|b| viqr_mark(char::from(b)))
}

fn viqr(chunk: &str) -> Option<String> {
    // A '.' or '?' ending a chunk ends a sentence when the chunk has no other mark, or
    // when it does not decode as a tone.
    let word = chunk.trim_end_matches(['.', '?']);
    let tail = &chunk[word.len()..];
    if tail.is_empty() || !has_viqr_mark(word) {
        return viqr_syllable(word).map(|w| w + tail);
    }
    viqr_syllable(chunk).or_else(|| viqr_syllable(word).map(|w| w + tail))
}

fn viqr_syllable(chunk: &str) -> Option<String> {
    decode(chunk, |b, c| {
        let vowel_before = b.last().is_some_and(is_vowel);
        match c {
            '^' => b.reshape_last(Shape::Circumflex),
            '(' => b.reshape_last(Shape::Breve),
            '+' => b.reshape_last(Shape::Horn),
            '\'' => vowel_before && b.tone(SAC),
            '`' => vowel_before && b.tone(HUYEN),
            '?' => vowel_before && b.tone(HOI),
            '~' => vowel_before && b.tone(NGA),
            '.' => vowel_before && b.tone(NANG),
            '-' | 'd' | 'D' if b.letters.len() == 1 && b.last() == Some('d') => {
                b.reshape_last(Shape::Stroke)
            }
            c if c.is_ascii_alphabetic() => {
                b.push(c);
                true
            }
            _ => false,
        }
    })
}

fn tcvn3(chunk: &str) -> Option<String> {
    let decoded: String = chunk
        .chars()
        .map(|c| match c as u32 {
            i @ 0xA1..=0xFF => char::from_u32(TCVN3[(i - 0xA1) as usize].into()).unwrap_or(c),
            _ => c,
        })
        .collect();
    parse(&decoded).filter(|s| s.marked()).map(|_| decoded)
}

fn vni_windows(chunk: &str) -> Option<String> {
    decode(chunk, |b, c| {
        let lower = unicode::lower(c);
        // (shape, tone) a modifier letter adds to the letter before it.
        let modifier = match lower {
            'ù' => Some((None, SAC)),
            'ø' => Some((None, HUYEN)),
            'û' => Some((None, HOI)),
            'õ' => Some((None, NGA)),
            'ï' => Some((None, NANG)),
            'â' => Some((Some(Shape::Circumflex), 0)),
            'á' => Some((Some(Shape::Circumflex), SAC)),
            'à' => Some((Some(Shape::Circumflex), HUYEN)),
            'å' => Some((Some(Shape::Circumflex), HOI)),
            'ã' => Some((Some(Shape::Circumflex), NGA)),
            'ä' => Some((Some(Shape::Circumflex), NANG)),
            'ê' => Some((Some(Shape::Breve), 0)),
            'é' => Some((Some(Shape::Breve), SAC)),
            'è' => Some((Some(Shape::Breve), HUYEN)),
            'ú' => Some((Some(Shape::Breve), HOI)),
            'ü' => Some((Some(Shape::Breve), NGA)),
            'ë' => Some((Some(Shape::Breve), NANG)),
            _ => None,
        };
        if let Some((shape, tone)) = modifier {
            let shaped = shape.is_none_or(|s| b.reshape_last(s));
            shaped && b.last().is_some_and(is_vowel) && (tone == 0 || b.tone(tone))
        } else {
            // Letters standing alone: ơ ư đ and the toned i, y.
            let (letter, tone) = match lower {
                'ô' => ('ơ', 0),
                'ö' => ('ư', 0),
                'ñ' => ('đ', 0),
                'í' => ('i', SAC),
                'ì' => ('i', HUYEN),
                'æ' => ('i', HOI),
                'ó' => ('i', NGA),
                'ò' => ('i', NANG),
                'î' => ('y', NANG),
                c if c.is_ascii_alphabetic() => (c, 0),
                _ => return false,
            };
            b.push(if c == lower {
                letter
            } else {
                unicode::upper(letter)
            });
            tone == 0 || b.tone(tone)
        }
    })
}

/// A scheme: its hint kind, the characters its chunks are made of, a quick test that a
/// chunk holds something the scheme would change, its decoder.
struct Scheme {
    kind: HintKind,
    chunk: fn(char) -> bool,
    may_change: fn(&str) -> bool,
    decode: fn(&str) -> Option<String>,
}

/// A Telex key that changes the word: w, a doubled a e o, a leading dd, a tone key after
/// a vowel.
fn telex_keys(word: &str) -> bool {
    let (mut vowel, mut prev) = (false, 0);
    for (i, c) in word.bytes().map(|c| c.to_ascii_lowercase()).enumerate() {
        let doubled = prev == c && (matches!(c, b'a' | b'e' | b'o') || i == 1 && c == b'd');
        if c == b'w' || doubled || (vowel && matches!(c, b's' | b'f' | b'r' | b'x' | b'j')) {
            return true;
        }
        vowel |= matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
        prev = c;
    }
    false
}

fn latin1_high(word: &str) -> bool {
    word.chars().any(|c| matches!(c as u32, 0xA1..=0xFF))
}

fn latin1_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c as u32, 0xA1..=0xFF)
}

const SCHEMES: [Scheme; 5] = [
    Scheme {
        kind: HintKind::Telex,
        chunk: |c| c.is_ascii_alphabetic(),
        may_change: telex_keys,
        decode: telex,
    },
    Scheme {
        kind: HintKind::Vni,
        chunk: |c| c.is_ascii_alphanumeric(),
        may_change: |w| {
            w.bytes().any(|b| b.is_ascii_digit()) && w.bytes().any(|b| b.is_ascii_alphabetic())
        },
        decode: vni,
    },
    Scheme {
        kind: HintKind::Viqr,
        chunk: |c| c.is_ascii_alphabetic() || viqr_mark(c),
        may_change: |w| {
            has_viqr_mark(w) || w.get(..2).is_some_and(|d| d.eq_ignore_ascii_case("dd"))
        },
        decode: viqr,
    },
    Scheme {
        kind: HintKind::Tcvn3,
        chunk: latin1_letter,
        may_change: latin1_high,
        decode: tcvn3,
    },
    Scheme {
        kind: HintKind::VniWindows,
        chunk: latin1_letter,
        may_change: latin1_high,
        decode: vni_windows,
    },
];

/// Walks the chunks of `text` for `scheme`: calls `f(between, word)` for each chunk's
/// word (leading VIQR marks go to `between`), and once more with the tail and "".
/// One copy for its three callers (`dyn`): a call per chunk costs nothing next to decoding it.
fn walk<'a>(text: &'a str, scheme: &Scheme, f: &mut dyn FnMut(&'a str, &'a str)) {
    let mut rest = text;
    while let Some(start) = rest.find(scheme.chunk) {
        let end = rest[start..]
            .find(|c| !(scheme.chunk)(c))
            .map_or(rest.len(), |e| start + e);
        let word_start = rest.as_bytes()[start..end]
            .iter()
            .position(|&b| !viqr_mark(char::from(b)))
            .map_or(end, |w| start + w);
        f(&rest[..word_start], &rest[word_start..end]);
        rest = &rest[end..];
    }
    f(rest, "");
}

/// The decoding of `word` when it differs and is a marked syllable.
fn decoded(scheme: &Scheme, word: &str) -> Option<String> {
    Some(word)
        .filter(|w| (scheme.may_change)(w))
        .and_then(scheme.decode)
        .filter(|d| d != word)
}

/// (chunks that may change, chunks holding a letter) of `text` under `scheme`.
fn candidates(text: &str, scheme: &Scheme) -> (u32, u32) {
    let (mut could, mut chunks) = (0, 0);
    walk(text, scheme, &mut |_, word| {
        chunks += u32::from(!word.is_empty());
        could += u32::from(!word.is_empty() && (scheme.may_change)(word));
    });
    (could, chunks)
}

/// (D, chunks holding a letter) of `text` under `scheme`, without decoding anything when
/// the chunks that could change cannot reach the thresholds.
fn score(text: &str, scheme: &Scheme, marked: u32) -> (u32, u32) {
    let (could, chunks) = candidates(text, scheme);
    if could < 3 || could <= marked || 2 * could < chunks {
        return (0, chunks);
    }
    let mut d = 0;
    walk(text, scheme, &mut |_, word| {
        d += u32::from(decoded(scheme, word).is_some());
    });
    (d, chunks)
}

/// For each scheme of [`SCHEMES`], in order, a bound on D from one pass over the bytes of
/// `text`: a chunk that may change holds a byte that triggers it (Telex: w, a tone key or
/// a doubled a e o d; VNI: a digit; VIQR: a mark or a doubled d (counted with the doubled
/// a e o); the fonts: a character of U+00A1–U+00FF) and chunks do not overlap, so D is at
/// most the count of those bytes.
/// Text typed with marks has more marked syllables than that, and is let go without
/// walking a chunk.
fn bounds(text: &str) -> [u32; 5] {
    let (mut telex, mut digits, mut viqr, mut latin1) = (0, 0, 0, 0);
    let mut prev = 0u8;
    for &b in text.as_bytes() {
        let lower = b.to_ascii_lowercase();
        let doubled = u32::from(lower == prev && matches!(lower, b'a' | b'e' | b'o' | b'd'));
        telex += doubled + u32::from(matches!(lower, b'w' | b's' | b'f' | b'r' | b'x' | b'j'));
        digits += u32::from(b.is_ascii_digit());
        viqr += doubled + u32::from(viqr_mark(char::from(b)));
        // U+00A1–U+00BF is C2 A1–BF in UTF-8, U+00C0–U+00FF is C3 80–BF.
        latin1 += u32::from(prev == 0xC2 && b >= 0xA1 || prev == 0xC3);
        prev = lower;
    }
    [telex, digits, viqr, latin1, latin1]
}

/// The conversion to offer for `text`, if a scheme explains it better than the text as
/// typed: D ≥ 3, D > `marked` (M) and 2·D ≥ the chunks holding a letter. The scheme with
/// the largest D wins.
pub fn hint(text: &str, marked: u32) -> Option<Hint> {
    let (scheme, _) = SCHEMES
        .iter()
        .zip(bounds(text))
        .filter(|&(_, bound)| bound >= 3 && bound > marked)
        .map(|(scheme, _)| (scheme, score(text, scheme, marked)))
        .filter(|&(_, (d, chunks))| d >= 3 && d > marked && 2 * d >= chunks)
        .max_by_key(|&(_, (d, _))| d)?;
    let mut suggestion = String::with_capacity(text.len());
    walk(text, scheme, &mut |between, word| {
        suggestion.push_str(between);
        suggestion.push_str(&decoded(scheme, word).unwrap_or_else(|| word.to_owned()));
    });
    Some(Hint {
        kind: scheme.kind,
        suggestion,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn assert_bounds_hold(text: &str) {
        for (scheme, bound) in SCHEMES.iter().zip(bounds(text)) {
            let (could, _) = candidates(text, scheme);
            assert!(could <= bound, "{text:?}: {could} > {bound}");
        }
    }

    #[test]
    fn bounds_hold_on_a_table() {
        for text in [
            "Tieesng Vieejt cos daaus raast hay",
            "dduwowcj nguwowif DDuwowcj",
            "Tie61ng Vie65t d9u7o75c 2024",
            "Tie^'ng Vie^.t ddu+o+.c DD-i hay. ...?",
            "TiÕng ViÖt cã dÊu \u{00AE}\u{00AB}ng",
            "Tieáng Vieät ñöôïc ngöôøi",
            "Bài viết rất hay và bổ ích cho mọi người",
        ] {
            assert_bounds_hold(text);
        }
    }

    proptest! {
        /// Keystroke soup, font bytes and Vietnamese: no scheme has more chunks that may
        /// change than its bound.
        #[test]
        fn bounds_hold(s in "[a-zA-Z0-9^(+'`?~.\\- ,\u{A1}-\u{FF}ăâđêôơưạếờữỹ\u{0301}]{0,80}") {
            assert_bounds_hold(&s);
        }
    }

    #[test]
    fn chunks_decode() {
        type Decoder = fn(&str) -> Option<String>;
        let table: &[(Decoder, &str, Option<&str>)] = &[
            (telex, "Tieesng", Some("Tiếng")),
            (telex, "dduwowcj", Some("được")),
            (telex, "nguwowif", Some("người")),
            (telex, "truwowngf", Some("trường")),
            (telex, "hoaf", Some("hòa")),
            (telex, "thuyr", Some("thủy")),
            (telex, "khuyas", Some("khuýa")),
            (telex, "own", Some("ơn")),
            (telex, "nhwng", Some("nhưng")),
            (telex, "bank", None),
            (telex, "hay", None),
            (vni, "Tie61ng", Some("Tiếng")),
            (vni, "d9u7o75c", Some("được")),
            (vni, "2024", None),
            (vni, "100tr", None),
            (viqr, "Tie^'ng", Some("Tiếng")),
            (viqr, "Vie^.t", Some("Việt")),
            (viqr, "ddu+o+.c", Some("được")),
            (viqr, "hay.", None),
            (tcvn3, "TiÕng", Some("Tiếng")),
            (tcvn3, "ViÖt", Some("Việt")),
            (tcvn3, "cã", Some("có")),
            (tcvn3, "dÊu", Some("dấu")),
            (tcvn3, "\u{00AE}\u{00AB}ng", Some("đông")),
            (vni_windows, "Tieáng", Some("Tiếng")),
            (vni_windows, "Vieät", Some("Việt")),
            (vni_windows, "ñöôïc", Some("được")),
            (vni_windows, "ngöôøi", Some("người")),
            (vni_windows, "ôn", Some("ơn")),
            (vni_windows, "laém", Some("lắm")),
        ];
        for (decode, chunk, expected) in table {
            assert_eq!(decode(chunk).as_deref(), *expected, "{chunk}");
        }
    }
}
