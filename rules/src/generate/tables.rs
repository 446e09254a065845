//! `src/tables.rs`: the compact Unicode tables (compositions, combining marks, format
//! characters) from `unicode-normalization` and `unicode-properties`, and the syllable and
//! old-font tables from `data/vi/`.

use std::collections::BTreeMap;
use std::fmt::Write;

use unicode_normalization::char::{compose, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use super::{assert_committed, data, header};
use crate::syllable::{code, split, tone_allowed, NO_ONSET, ONSETS, PLAIN_LETTERS, RHYME_LETTERS};

const TONE_MARKS: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0309}', '\u{0303}', '\u{0323}'];
const VIETNAMESE_MARKS: [char; 8] = [
    '\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}', '\u{0302}', '\u{0306}', '\u{031B}',
];
const VOWELS: &str = "aăâeêioôơuưy";

/// The characters of `s`, as the syllable functions take letters.
fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// (toneless letters, tone 0..=5) of one NFC syllable, by NFD: independent of `TONE_OF`.
fn untone_nfd(s: &str) -> (Vec<char>, u8) {
    let mut tone = 0;
    let mut rest = String::new();
    for c in s.nfd() {
        match TONE_MARKS.iter().position(|&m| m == c) {
            Some(t) => tone = t as u8 + 1,
            None => rest.push(c),
        }
    }
    (rest.nfc().collect(), tone)
}

/// Every canonical composition reachable from a Latin letter with the Vietnamese marks.
fn compositions() -> Vec<(char, char, char)> {
    let mut starters: Vec<char> = ('a'..='z').chain('A'..='Z').collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < starters.len() {
        let s = starters[i];
        for m in VIETNAMESE_MARKS {
            if let Some(c) = compose(s, m) {
                out.push((s, m, c));
                if !starters.contains(&c) {
                    starters.push(c);
                }
            }
        }
        i += 1;
    }
    out.sort();
    out
}

/// The ranges of the characters that have `property`, in order.
fn ranges(property: impl Fn(char) -> bool) -> Vec<(u32, u32)> {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        if property(c) {
            let c = c as u32;
            match ranges.last_mut() {
                Some(last) if last.1 + 1 == c => last.1 = c,
                _ => ranges.push((c, c)),
            }
        }
    }
    ranges
}

/// rhyme -> (onset mask, tone mask), from the grammar's syllable list.
fn rhymes() -> BTreeMap<String, (u32, u8)> {
    let mut out: BTreeMap<String, (u32, u8)> = BTreeMap::new();
    for line in data("data/vi/grammar-syllables.txt").lines() {
        let (letters, tone) = untone_nfd(line.trim());
        let (onset, rhyme) = split(&letters);
        let entry = out.entry(rhyme.iter().collect()).or_default();
        entry.0 |= 1 << onset;
        entry.1 |= 1 << tone;
    }
    out
}

/// The forms of one list of `data/vi/rare-plain-forms.json` (written by the example
/// `rare_forms`), sorted.
fn plain_forms(list: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(&data("data/vi/rare-plain-forms.json"))
        .expect("rare-plain-forms.json");
    let mut words: Vec<String> = json[list]
        .as_array()
        .unwrap_or_else(|| panic!("rare-plain-forms.json: no {list}"))
        .iter()
        .map(|entry| entry["form"].as_str().expect("a form").to_owned())
        .collect();
    words.sort();
    words
}

/// `forms` as a sorted table of `syllable::code`s in `PLAIN_LETTERS`, each with its form.
fn coded_table(s: &mut String, name: &str, doc: &str, forms: Vec<String>) {
    writeln!(s, "{doc}\npub(crate) const {name}: &[u32] = &[").unwrap();
    let mut coded: Vec<(u32, String)> = forms
        .into_iter()
        .map(|w| (code(&chars(&w), &PLAIN_LETTERS).expect("plain code"), w))
        .collect();
    coded.sort();
    for (key, w) in coded {
        writeln!(s, "    {key}, // {w}").unwrap();
    }
    *s += "];\n\n";
}

fn tcvn3() -> Vec<char> {
    let mut table: Vec<char> = (0xA1..=0xFFu32).filter_map(char::from_u32).collect();
    for line in data("data/vi/tcvn3.txt").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let byte = u32::from_str_radix(fields.next().unwrap_or(""), 16).expect("byte");
        let scalar = u32::from_str_radix(fields.next().unwrap_or(""), 16).expect("scalar");
        table[(byte - 0xA1) as usize] = char::from_u32(scalar).expect("scalar");
    }
    table
}

fn generate() -> String {
    let mut s = header(
        "tables.rs",
        "`unicode-normalization`,\n//! `unicode-properties` and `data/vi/`",
    );
    s += "/// The Vietnamese combining marks; a mark's index is its code in [`COMPOSE`].\n";
    s += "pub(crate) const COMPOSE_MARKS: [char; 8] = [";
    let marks: Vec<String> = VIETNAMESE_MARKS
        .iter()
        .map(|m| format!("'\\u{{{:04X}}}'", *m as u32))
        .collect();
    s += &marks.join(", ");
    s += "];\n\n/// Canonical compositions of Latin letters with the Vietnamese marks, each\n\
          /// `starter << 19 | mark index << 16 | composed` (all in the BMP), sorted.\n";
    s += "pub(crate) const COMPOSE: &[u32] = &[\n";
    let mut packed: Vec<(u32, String)> = compositions()
        .into_iter()
        .map(|(a, m, c)| {
            let index = VIETNAMESE_MARKS.iter().position(|&x| x == m).expect("mark") as u32;
            assert!((a as u32) < 1 << 13 && (c as u32) < 1 << 16);
            let note = format!("{a} + U+{:04X} = {c}", m as u32);
            ((a as u32) << 19 | index << 16 | c as u32, note)
        })
        .collect();
    packed.sort();
    for (entry, note) in packed {
        writeln!(s, "    0x{entry:08X}, // {note}").unwrap();
    }
    s += "];\n\n/// Ranges of combining marks (General_Category M), each `first << 8 | length - 1`,\n\
          /// sorted.\n";
    s += "pub(crate) const MARKS: &[u32] = &[\n";
    for (lo, hi) in ranges(is_combining_mark) {
        assert!(hi - lo < 256);
        writeln!(
            s,
            "    0x{:08X}, // U+{lo:04X}..=U+{hi:04X}",
            lo << 8 | (hi - lo)
        )
        .unwrap();
    }
    s +=
        "];\n\n/// Whether `c` is a format character (General_Category Cf): invisible, and never\n\
          /// a letter. A `matches!` of ranges, which the compiler turns into a few compares.\n";
    s += "pub(crate) fn is_format(c: char) -> bool {\n    matches!(\n        c as u32,\n";
    let format: Vec<String> = ranges(|c| c.general_category() == GeneralCategory::Format)
        .into_iter()
        .map(|(lo, hi)| {
            if lo == hi {
                format!("0x{lo:04X}")
            } else {
                format!("0x{lo:04X}..=0x{hi:04X}")
            }
        })
        .collect();
    s += "        ";
    s += &format.join("\n            | ");
    s += "\n    )\n}\n\n/// The vowels that take a tone, toneless.\n";
    writeln!(s, "pub(crate) const VOWELS: &str = \"{VOWELS}\";\n").unwrap();
    s += "/// Every toned lower-case vowel, each `toned << 16 | toneless << 3 | tone` (tone 1 huyền,\n\
          /// 2 sắc, 3 hỏi, 4 ngã, 5 nặng; every letter in the BMP, every toneless one below\n\
          /// U+2000), sorted by the toned letter.\n";
    s += "pub(crate) const TONE_OF: &[u32] = &[\n";
    let mut tone_of: Vec<(char, char, u8)> = Vec::new();
    for (t, m) in TONE_MARKS.iter().enumerate() {
        for v in VOWELS.chars() {
            // NFC, not `compose`: ặ is ạ + breve, so ă + dot below has no pair of its own.
            let toned: String = [v, *m].iter().collect::<String>().nfc().collect();
            let toned = toned.chars().next().expect("one letter");
            tone_of.push((toned, v, t as u8 + 1));
        }
    }
    tone_of.sort();
    for (toned, v, t) in tone_of {
        let (toned_u, v_u) = (toned as u32, v as u32);
        assert!(
            toned_u <= 0xFFFF && v_u < 0x2000,
            "{toned} {v}: too wide for TONE_OF"
        );
        writeln!(
            s,
            "    0x{:08X}, // {toned} {v} {t}",
            toned_u << 16 | v_u << 3 | u32::from(t)
        )
        .unwrap();
    }
    s += "];\n\n/// Rhymes (toneless, coded by `syllable::code` in `RHYME_LETTERS`) with the onsets\n";
    writeln!(
        s,
        "/// that may precede them (bit i = `ONSETS[i]`, bit {NO_ONSET} = none), sorted by code."
    )
    .unwrap();
    s += "pub(crate) const RHYMES: &[(u32, u32)] = &[\n";
    let mut coded: Vec<(u32, u32, String)> = rhymes()
        .into_iter()
        .map(|(r, (onsets, _))| {
            (
                code(&chars(&r), &RHYME_LETTERS).expect("rhyme code"),
                onsets,
                r,
            )
        })
        .collect();
    coded.sort();
    for (key, onsets, r) in coded {
        writeln!(s, "    ({key}, 0x{onsets:08X}), // {r}").unwrap();
    }
    s += "];\n\n/// Rhymes with their marks removed (coded in `PLAIN_LETTERS`), with the onsets that\n\
          /// may precede any rhyme of that skeleton, sorted by code.\n";
    s += "pub(crate) const SKELETONS: &[(u32, u32)] = &[\n";
    let mut skeletons: BTreeMap<u32, (u32, String)> = BTreeMap::new();
    for (r, (onsets, _)) in rhymes() {
        let plain: String = r.chars().map(crate::syllable::bare_char).collect();
        let entry = skeletons
            .entry(code(&chars(&plain), &PLAIN_LETTERS).expect("skeleton code"))
            .or_insert((0, plain));
        entry.0 |= onsets;
    }
    for (key, (onsets, plain)) in skeletons {
        writeln!(s, "    ({key}, 0x{onsets:08X}), // {plain}").unwrap();
    }
    s += "];\n\n";
    coded_table(
        &mut s,
        "RARE_PLAIN",
        "/// Valid plain forms that comments typed with marks almost never write plain, coded by\n\
         /// `syllable::code` in `PLAIN_LETTERS`, sorted.",
        plain_forms("rare_forms"),
    );
    coded_table(
        &mut s,
        "ON_PURPOSE",
        "/// Bare forms (syllables only with marks) that comments typed with marks often write\n\
         /// plain: loanwords (hot, set, top), coded like `RARE_PLAIN`, sorted.",
        plain_forms("on_purpose_forms"),
    );
    s += "/// TCVN3 (ABC) text read as Latin-1: U+00A1..=U+00FF -> the letter it stands for (all in\n\
          /// the BMP: half the bytes of `char`s).\n";
    s += "pub(crate) const TCVN3: [u16; 95] = [\n";
    for chunk in tcvn3().chunks(10) {
        let line: Vec<String> = chunk
            .iter()
            .map(|&c| {
                format!(
                    "0x{:04X}",
                    u16::try_from(c as u32).expect("TCVN3: a BMP letter")
                )
            })
            .collect();
        writeln!(s, "    {},", line.join(", ")).unwrap();
    }
    s += "];\n";
    s
}

#[test]
fn tables_are_up_to_date() {
    assert_committed("src/tables.rs", &generate());
}

#[test]
fn the_grammar_file_is_exactly_onset_times_rhyme_times_tone() {
    // The table accepts no (onset, rhyme, tone) that the file lacks: the file is exactly
    // the product the masks describe. (The file spells gi + i both "gin" and "giin"; both
    // split to gi + in.)
    let mut listed = std::collections::HashSet::new();
    for line in data("data/vi/grammar-syllables.txt").lines() {
        let (letters, tone) = untone_nfd(line.trim());
        let (onset, rhyme) = split(&letters);
        listed.insert((onset, rhyme.iter().collect::<String>(), tone));
    }
    let mut generated = 0;
    for (rhyme, (onsets, tones)) in rhymes() {
        for onset in 0..=NO_ONSET {
            for tone in 0..6u8 {
                if onsets & (1 << onset) != 0 && tones & (1 << tone) != 0 {
                    assert!(listed.contains(&(onset, rhyme.clone(), tone)));
                    generated += 1;
                }
            }
        }
    }
    assert_eq!(generated, listed.len());
    assert_eq!(ONSETS.len(), NO_ONSET);
}

#[test]
fn checked_codas_take_only_sac_or_nang() {
    // The parser applies the tone rule instead of storing tones: the file agrees with it.
    for (rhyme, (_, tones)) in rhymes() {
        for tone in 0..6u8 {
            assert_eq!(
                tones & (1 << tone) != 0,
                tone_allowed(&chars(&rhyme), tone),
                "{rhyme} {tone}"
            );
        }
    }
}
