//! Derives `data/vi/rare-plain-forms.json`, the plain forms that readers typing with marks
//! almost never leave plain, from real comments.
//!
//! `cargo run --release -p binhluan-rules --example rare_forms -- [CORPORA]` reads the train
//! sets under CORPORA (default: the `shared/corpora` folder beside the repository, the same
//! sets as the `evaluate` example; the test sets are left for testing) and keeps the comments
//! clearly typed with marks: at least [`MIN_MARKED`] marked syllables, and at most one plain
//! token in [`MAX_BARE_SHARE`] that parses only once marks are added ("nguoi", "duoc"),
//! a test that does not depend on the list being derived. In those comments it counts, for
//! every plain form that is itself a valid syllable ("nha", "co", "la"), how often it is
//! written plain (lower case: a capitalised plain word is most often a name) and how often
//! with marks (any word whose letters without marks are that form: "có", "cỏ", "cô" for
//! "co"). A form is rare plain when at least [`MIN_SEEN`] occurrences were seen and fewer
//! than [`RARE_BELOW`] of them are plain: readers who type marks write it plain by
//! accident, not on purpose ("nha", "tao", "da" stay out: they are written plain on purpose).
//!
//! The same count over bare forms (plain words that are syllables only with marks: "hot",
//! "set", "top" for hót, sét, tóp) gives the other list: a bare form those comments write
//! plain at least [`ON_PURPOSE_FROM`] of the [`MIN_SEEN`]+ times they write it is a word
//! written plain on purpose (a loanword), not a missing mark.
//! The file holds forms and counts only, never comment text.

#[path = "evaluate/corpus.rs"]
#[allow(dead_code)] // The derivation reads the texts, not the ids.
mod corpus;

use binhluan_rules::syllable::{bare_char, could_take_marks, parse};
use binhluan_rules::text::tokens;
use std::collections::BTreeMap;

/// A comment must have at least this many marked syllables to be "clearly typed with marks".
const MIN_MARKED: usize = 5;
/// ... and at most this share of bare words (plain tokens that need marks to be syllables)
/// among its marked syllables and bare words.
const MAX_BARE_SHARE: f64 = 0.1;
/// A form seen fewer times than this says too little to be called rare.
const MIN_SEEN: u32 = 30;
/// The share of plain spellings below which a form is rare plain.
const RARE_BELOW: f64 = 0.03;
/// The share of plain spellings from which a bare form is written plain on purpose.
const ON_PURPOSE_FROM: f64 = 0.2;

/// How one plain form was written in the comments typed with marks.
#[derive(Default)]
struct Seen {
    plain: u32,
    marked: u32,
}

impl Seen {
    fn total(&self) -> u32 {
        self.plain + self.marked
    }

    /// The share written plain, when seen often enough to say.
    fn plain_share(&self) -> Option<f64> {
        (self.total() >= MIN_SEEN).then(|| f64::from(self.plain) / f64::from(self.total()))
    }
}

/// How the comments typed with marks write each form: `valid` the forms that are syllables
/// without marks too ("co"), `bare` those that are not ("nguoi", "hot").
#[derive(Default)]
struct Forms {
    valid: BTreeMap<String, Seen>,
    bare: BTreeMap<String, Seen>,
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpora").to_owned());
    let train: Vec<corpus::Set> = corpus::sets(&root)
        .into_iter()
        .filter(|set| set.name.ends_with("train"))
        .collect();
    if train.is_empty() {
        eprintln!("no train set under {root}");
        std::process::exit(1);
    }
    let mut forms = Forms::default();
    let mut used = 0usize;
    for comment in train.iter().flat_map(|set| &set.comments) {
        let words: Vec<String> = tokens(&comment.text)
            .iter()
            .map(|t| t.word.to_string())
            .collect();
        if typed_with_marks(&words) {
            used += 1;
            forms.count(&words);
        }
    }
    let rare = pick(&forms.valid, |share| share < RARE_BELOW);
    let on_purpose = pick(&forms.bare, |share| share >= ON_PURPOSE_FROM);
    let json = format!(
        "{{\n  \"source\": \"{used} comments of the train sets typed with marks (binhluan-rules example rare_forms): \
         forms seen {MIN_SEEN}+ times\",\n  \"rare\": \"valid plain forms written plain less than {}% of the time: suspects\",\n  \"rare_forms\": [\n{}\n  ],\n  \
         \"on_purpose\": \"bare forms written plain {}% of the time or more: loanwords, neither counted nor suspects\",\n  \"on_purpose_forms\": [\n{}\n  ]\n}}\n",
        RARE_BELOW * 100.0,
        lines(&rare),
        ON_PURPOSE_FROM * 100.0,
        lines(&on_purpose),
    );
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/vi/rare-plain-forms.json");
    std::fs::write(path, json).unwrap_or_else(|e| panic!("{path}: {e}"));
    println!(
        "{} rare plain forms, {} forms written plain on purpose, from {used} comments typed with marks: {path}",
        rare.len(),
        on_purpose.len()
    );
}

/// Whether the comment made of `words` is clearly typed with marks.
fn typed_with_marks(words: &[String]) -> bool {
    let marked = words
        .iter()
        .filter(|w| parse(w).is_some_and(|s| s.marked()))
        .count();
    let bare_words = words.iter().filter(|w| bare_form(w)).count();
    marked >= MIN_MARKED && bare_words as f64 <= MAX_BARE_SHARE * (marked + bare_words) as f64
}

/// Whether `word` is lower-case plain letters that are a syllable only with marks.
fn bare_form(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_lowercase())
        && parse(word).is_none()
        && could_take_marks(&word.chars().collect::<Vec<_>>())
}

impl Forms {
    /// Counts the plain and marked spellings in one comment typed with marks.
    fn count(&mut self, words: &[String]) {
        for word in words {
            match parse(word) {
                Some(s) if s.marked() => {
                    let form: String = word.to_lowercase().chars().map(bare_char).collect();
                    let side = if parse(&form).is_some() {
                        &mut self.valid
                    } else {
                        &mut self.bare
                    };
                    side.entry(form).or_default().marked += 1;
                }
                // Lower case only: a capitalised plain word is most often a name.
                Some(_) if word.bytes().all(|b| b.is_ascii_lowercase()) => {
                    self.valid.entry(word.clone()).or_default().plain += 1;
                }
                Some(_) => {}
                None if bare_form(word) => {
                    self.bare.entry(word.clone()).or_default().plain += 1;
                }
                None => {}
            }
        }
    }
}

/// The forms whose plain share passes `keep`, most often seen first.
fn pick(forms: &BTreeMap<String, Seen>, keep: impl Fn(f64) -> bool) -> Vec<(&String, &Seen)> {
    let mut picked: Vec<_> = forms
        .iter()
        .filter(|(_, s)| s.plain_share().is_some_and(&keep))
        .collect();
    picked.sort_by(|a, b| b.1.total().cmp(&a.1.total()).then_with(|| a.0.cmp(b.0)));
    picked
}

/// One JSON object a line: the form and its counts.
fn lines(forms: &[(&String, &Seen)]) -> String {
    forms
        .iter()
        .map(|(form, s)| {
            format!(
                "    {{ \"form\": \"{form}\", \"plain\": {}, \"marked\": {} }}",
                s.plain, s.marked
            )
        })
        .collect::<Vec<_>>()
        .join(",\n")
}
