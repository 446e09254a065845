//! Runs the rules over real comments and prints what they decide, per set, against the
//! project's own hand judgements.
//!
//! `cargo run --release -p binhluan-rules --example evaluate -- [CORPORA]` reads every set
//! present under CORPORA (default: the `shared/corpora` folder beside the repository):
//! `real-comments/*.jsonl` (`{"id", "text"}` a line) and `ubs-bank-comments/{train,test}.txt`
//! (one comment a line after `__label__…` tags; ids `ubs-train-N`, N the 0-based line). The
//! corpora are never copied into the project; when none is found it says so and exits 0.
//! The judgements (`rules/eval/*.tsv`, ids and labels only, policy in `rules/eval/README.md`)
//! turn the counts into error rates.

mod corpus;
mod diacritics;
mod judgements;
mod links;

use binhluan_rules::{check, Rules, Verdict};
use corpus::Comment;
use judgements::Judgements;

/// One comment and what the rules said of it.
pub struct Checked<'a> {
    /// The comment.
    pub comment: &'a Comment,
    /// The verdict under the default rules.
    pub verdict: Verdict,
}

/// `n` of `total` as a count and a percentage.
pub fn share(n: usize, total: usize) -> String {
    format!("{n:6}  {:5.1}%", 100.0 * n as f64 / total.max(1) as f64)
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpora").to_owned());
    let sets = corpus::sets(&root);
    if sets.is_empty() {
        println!("no corpus found under {root}: nothing to evaluate (the corpora live outside the project)");
        return;
    }
    let judged = Judgements::load(concat!(env!("CARGO_MANIFEST_DIR"), "/eval"));
    let rules = Rules::default();
    let mut all = Vec::new();
    for set in &sets {
        let checked: Vec<Checked> = set
            .comments
            .iter()
            .map(|comment| Checked {
                comment,
                verdict: check(&comment.text, &rules),
            })
            .collect();
        println!("\n=== {} ({} comments)", set.name, checked.len());
        diacritics::report(&checked);
        links::report(&checked);
        all.extend(checked);
    }
    println!("\n=== against the judgements (rules/eval/), every set");
    diacritics::judge(&all, &judged);
    diacritics::judge_stretched(&all, &judged);
    links::judge(&all, &judged);
}
