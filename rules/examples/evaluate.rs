//! Runs the rules over real comments and prints what they decide.
//!
//! `cargo run --quiet --release --example evaluate -- [DIR]` reads `DIR/train.txt` and
//! `DIR/test.txt` (default `../shared/corpora/ubs-bank-comments`: one comment a line after
//! `__label__...` tags) and prints the share of comments in each diacritics verdict, the
//! word-count distribution, the pass rate and the hint counts. When the corpus is absent
//! it says so and exits 0.

use std::collections::BTreeMap;

use binhluan_rules::{check, DiacriticsVerdict, Rules};

fn comments(dir: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for file in ["train.txt", "test.txt"] {
        let text = std::fs::read_to_string(format!("{dir}/{file}")).ok()?;
        for line in text.lines() {
            let comment: Vec<&str> = line
                .split_whitespace()
                .filter(|w| !w.starts_with("__label__"))
                .collect();
            if !comment.is_empty() {
                out.push(comment.join(" "));
            }
        }
    }
    Some(out)
}

fn share(n: usize, total: usize) -> String {
    format!("{n:5}  {:5.1}%", 100.0 * n as f64 / total.max(1) as f64)
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpora/ubs-bank-comments".into());
    let Some(comments) = comments(&dir) else {
        println!("corpus not found at {dir}/{{train,test}}.txt: nothing to evaluate");
        return;
    };
    let rules = Rules::default();
    let total = comments.len();
    let mut verdicts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut buckets = [0usize; 6];
    let mut hints: BTreeMap<String, usize> = BTreeMap::new();
    let (mut passed, mut with_suspects) = (0, 0);
    for comment in &comments {
        let v = check(comment, &rules);
        let name = match v.diacritics.verdict {
            DiacriticsVerdict::CoDau => "có dấu",
            DiacriticsVerdict::ThieuDau => "thiếu dấu",
            DiacriticsVerdict::KhongDau => "không dấu",
            DiacriticsVerdict::Undetermined => "undetermined",
        };
        *verdicts.entry(name).or_default() += 1;
        buckets[match v.words {
            0 => 0,
            1..=4 => 1,
            5..=9 => 2,
            10..=19 => 3,
            20..=49 => 4,
            _ => 5,
        }] += 1;
        for h in &v.hints {
            *hints.entry(format!("{:?}", h.kind)).or_default() += 1;
        }
        passed += usize::from(v.ok);
        with_suspects += usize::from(!v.suspects.is_empty());
    }
    println!("{total} comments from {dir}\n\ndiacritics verdict");
    for (name, n) in &verdicts {
        println!("  {name:<13} {}", share(*n, total));
    }
    println!("\nwords (chữ tiếng Việt counted)");
    for (label, n) in ["0", "1-4", "5-9", "10-19", "20-49", "50+"]
        .iter()
        .zip(buckets)
    {
        println!("  {label:<13} {}", share(n, total));
    }
    println!("\npasses the default rule (≥ 10 words, có dấu; links not checked here)");
    println!("  {:<13} {}", "ok", share(passed, total));
    println!("  {:<13} {}", "with suspects", share(with_suspects, total));
    println!("\nhints");
    if hints.is_empty() {
        println!("  none");
    }
    for (kind, n) in &hints {
        println!("  {kind:<13} {}", share(*n, total));
    }
}
