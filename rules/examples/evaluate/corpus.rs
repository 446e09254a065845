//! The comment sets found under the corpora folder.

/// One real comment.
pub struct Comment {
    /// Stable id: the set's own, or `ubs-train-N` / `ubs-test-N`.
    pub id: String,
    /// The text as written.
    pub text: String,
}

/// One set of comments.
pub struct Set {
    /// Its name, from its file.
    pub name: String,
    /// Its comments, in file order.
    pub comments: Vec<Comment>,
}

/// Every set present under `root`, in a fixed order.
pub fn sets(root: &str) -> Vec<Set> {
    let mut sets = Vec::new();
    for file in ["vihsd-train", "vispam-train"] {
        let path = format!("{root}/real-comments/{file}.jsonl");
        if let Ok(text) = std::fs::read_to_string(&path) {
            sets.push(Set {
                name: file.to_owned(),
                comments: text.lines().filter_map(json_line).collect(),
            });
        }
    }
    for file in ["train", "test"] {
        let path = format!("{root}/ubs-bank-comments/{file}.txt");
        if let Ok(text) = std::fs::read_to_string(&path) {
            let comments = text
                .lines()
                .enumerate()
                .map(|(n, line)| Comment {
                    id: format!("ubs-{file}-{n}"),
                    text: strip_labels(line),
                })
                .filter(|c| !c.text.is_empty())
                .collect();
            sets.push(Set {
                name: format!("ubs-{file}"),
                comments,
            });
        }
    }
    sets
}

fn json_line(line: &str) -> Option<Comment> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    Some(Comment {
        id: value["id"].as_str()?.to_owned(),
        text: value["text"].as_str()?.to_owned(),
    })
}

/// The comment without its `__label__…` tags, words joined by single spaces.
fn strip_labels(line: &str) -> String {
    line.split_whitespace()
        .filter(|w| !w.starts_with("__label__"))
        .collect::<Vec<_>>()
        .join(" ")
}
