//! The project's hand judgements of corpus comments: ids and labels only.

use std::collections::HashMap;

/// Labels by comment id, one map per judged question.
#[derive(Default)]
pub struct Judgements {
    /// `links.tsv`: `link` or `not-link`.
    pub links: HashMap<String, String>,
    /// `diacritics.tsv`: `marked`, `unmarked`, `partial`, `not-vietnamese`, `too-short`.
    pub diacritics: HashMap<String, String>,
    /// `stretched.tsv`: `stretched-counts-short` or `ok`.
    pub stretched: HashMap<String, String>,
}

impl Judgements {
    /// Reads the three files in `dir`; a missing file is an empty map, said on stdout.
    pub fn load(dir: &str) -> Judgements {
        Judgements {
            links: read(dir, "links.tsv"),
            diacritics: read(dir, "diacritics.tsv"),
            stretched: read(dir, "stretched.tsv"),
        }
    }
}

fn read(dir: &str, file: &str) -> HashMap<String, String> {
    let Ok(text) = std::fs::read_to_string(format!("{dir}/{file}")) else {
        println!("no judgements in {dir}/{file}");
        return HashMap::new();
    };
    text.lines()
        .skip(1)
        .filter_map(|line| line.split_once('\t'))
        .map(|(id, label)| (id.to_owned(), label.trim().to_owned()))
        .collect()
}
