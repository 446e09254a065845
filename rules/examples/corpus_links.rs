//! Lists every link the finder reports over the real comments of
//! `../shared/corpora/ubs-bank-comments/{train,test}.txt` (one comment a line after its
//! `__label__...` tags), one per line with the rule and the comment around it, then a count,
//! so the policy line can be reviewed on real reader language.
//!
//! `cargo run --example corpus_links --no-default-features`. Exits 0 with a note when the
//! corpus (outside the repository, never copied into it) is absent.

use binhluan_rules::links::find_links;

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpora/ubs-bank-comments"
);

/// The comment without its leading `__label__...` tags.
fn strip_labels(line: &str) -> &str {
    let mut rest = line.trim_start();
    while let Some(tag) = rest.strip_prefix("__label__") {
        rest = tag
            .split_once(char::is_whitespace)
            .map_or("", |(_, r)| r)
            .trim_start();
    }
    rest
}

/// Up to `n` characters of `s` before or after (`from_end`).
fn context(s: &str, n: usize, from_end: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let cut = if from_end {
        &chars[chars.len().saturating_sub(n)..]
    } else {
        &chars[..n.min(chars.len())]
    };
    cut.iter().collect()
}

fn main() {
    let mut comments = 0;
    let mut total = 0;
    for file in ["train.txt", "test.txt"] {
        let path = format!("{CORPUS}/{file}");
        let Ok(text) = std::fs::read_to_string(&path) else {
            println!("corpus absent ({path}): nothing to list");
            return;
        };
        for (n, line) in text.lines().enumerate() {
            let comment = strip_labels(line);
            comments += 1;
            for link in find_links(comment, true) {
                total += 1;
                let units: Vec<u16> = comment.encode_utf16().collect();
                let before = String::from_utf16_lossy(&units[..link.start as usize]);
                let after = String::from_utf16_lossy(&units[link.end as usize..]);
                println!(
                    "{file}:{} {:<14} {:<30} …{}[{}]{}…",
                    n + 1,
                    format!("{:?}", link.rule),
                    link.text,
                    context(&before, 30, true),
                    link.text,
                    context(&after, 30, false)
                );
            }
        }
    }
    println!("{total} links in {comments} comments");
}
