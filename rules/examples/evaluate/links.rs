//! The link side of the evaluation: every reported link, and precision and recall.

use crate::judgements::Judgements;
use crate::{share, Checked};

/// Up to `n` characters of `s`, from its end when `from_end`.
fn context(s: &str, n: usize, from_end: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let cut = if from_end {
        &chars[chars.len().saturating_sub(n)..]
    } else {
        &chars[..n.min(chars.len())]
    };
    cut.iter().collect()
}

/// Per set: every comment with a reported link, with its spans in context.
pub fn report(checked: &[Checked]) {
    let mut with_links = 0;
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
                link.text,
                context(&after, 25, false)
            );
        }
    }
    println!("comments with a link: {}", share(with_links, checked.len()));
}

/// Against the hand judgements: precision and recall of the link rule.
pub fn judge(all: &[Checked], judged: &Judgements) {
    let (mut tp, mut fp, mut missed, mut unjudged) = (0, 0, 0, 0);
    for c in all {
        let alarm = !c.verdict.links.is_empty();
        match (judged.links.get(&c.comment.id).map(String::as_str), alarm) {
            (Some("link"), true) => tp += 1,
            (Some("link"), false) => missed += 1,
            (Some(_), true) => fp += 1,
            (None, true) => unjudged += 1,
            _ => {}
        }
    }
    println!("links: precision {} (of judged alarms)", share(tp, tp + fp));
    println!(
        "links: recall    {} (of judged links)",
        share(tp, tp + missed)
    );
    println!("links: alarms without a judgement: {unjudged}");
}
