//! The link side of the evaluation: every reported link, the links reported most often,
//! and precision and recall against the hand judgements.

use std::collections::HashMap;

use crate::judgements::Judgements;
use crate::{share, Checked};

/// How many of the most often reported links a set's report lists.
const MOST_OFTEN: usize = 12;

/// Up to `n` characters of `s`, from its end when `from_end`, on one line.
fn context(s: &str, n: usize, from_end: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let cut = if from_end {
        &chars[chars.len().saturating_sub(n)..]
    } else {
        &chars[..n.min(chars.len())]
    };
    one_line(&cut.iter().collect::<String>())
}

/// `s` with its line breaks shown as `⏎`, so that each reported link is one line.
fn one_line(s: &str) -> String {
    s.replace("\r\n", "⏎").replace(['\n', '\r'], "⏎")
}

/// Per set: every comment with a reported link, with its spans in context, then the link
/// texts reported most often (in lower case).
pub fn report(checked: &[Checked]) {
    let mut with_links = 0;
    let mut counts: HashMap<String, usize> = HashMap::new();
    for c in checked.iter().filter(|c| !c.verdict.links.is_empty()) {
        with_links += 1;
        let units: Vec<u16> = c.comment.text.encode_utf16().collect();
        for link in &c.verdict.links {
            let before = String::from_utf16_lossy(&units[..link.start as usize]);
            let after = String::from_utf16_lossy(&units[link.end as usize..]);
            println!(
                "  link {:<18} {:<15} …{}[{}]{}…",
                c.comment.id,
                format!("{:?}", link.rule),
                context(&before, 25, true),
                one_line(&link.text),
                context(&after, 25, false)
            );
            *counts
                .entry(one_line(&link.text.to_lowercase()))
                .or_default() += 1;
        }
    }
    println!("comments with a link: {}", share(with_links, checked.len()));
    let mut often: Vec<(String, usize)> = counts.into_iter().filter(|(_, n)| *n > 1).collect();
    often.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    for (text, n) in often.iter().take(MOST_OFTEN) {
        println!("  reported {n:5}×  {text}");
    }
}

/// Against the hand judgements: precision and recall of the link rule on the train sets
/// (the targets are set there) and on every set, with the ids of the false alarms, the
/// misses and the alarms nobody judged yet.
pub fn judge(all: &[Checked], judged: &Judgements) {
    let train: Vec<&Checked> = all
        .iter()
        .filter(|c| c.comment.id.contains("-train-"))
        .collect();
    score("train sets", &train, judged);
    score("every set", &all.iter().collect::<Vec<_>>(), judged);
}

fn score(name: &str, checked: &[&Checked], judged: &Judgements) {
    let (mut tp, mut fp, mut missed, mut unjudged) = (0, Vec::new(), Vec::new(), Vec::new());
    for c in checked {
        let alarm = !c.verdict.links.is_empty();
        let id = c.comment.id.as_str();
        match (judged.links.get(id).map(String::as_str), alarm) {
            (Some("link"), true) => tp += 1,
            (Some("link"), false) => missed.push(id),
            (Some(_), true) => fp.push(id),
            (None, true) => unjudged.push(id),
            _ => {}
        }
    }
    println!("links, {name}:");
    println!(
        "  precision {} (of judged alarms)",
        share(tp, tp + fp.len())
    );
    println!(
        "  recall    {} (of judged links)",
        share(tp, tp + missed.len())
    );
    println!("  false alarms: {}", fp.join(" "));
    println!("  missed: {}", missed.join(" "));
    println!(
        "  alarms without a judgement: {} {}",
        unjudged.len(),
        unjudged.join(" ")
    );
}
