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
    /// The diacritics samples (`samples/strata.tsv`): each drawn at random from one pool of
    /// the train comments, the comments the earlier rules gave one verdict.
    pub strata: Vec<Stratum>,
}

/// One sample drawn at random from a pool.
pub struct Stratum {
    /// The sample's name (`samples/NAME.txt`).
    pub name: String,
    /// How many comments the pool holds.
    pub pool: usize,
    /// The ids drawn.
    pub ids: Vec<String>,
}

impl Judgements {
    /// Reads the three files in `dir`; a missing file is an empty map, said on stdout.
    pub fn load(dir: &str) -> Judgements {
        Judgements {
            links: read(dir, "links.tsv"),
            diacritics: read(dir, "diacritics.tsv"),
            stretched: read(dir, "stretched.tsv"),
            strata: strata(dir),
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

/// The samples listed in `samples/strata.tsv` (`sample<TAB>pool`), with their ids.
fn strata(dir: &str) -> Vec<Stratum> {
    let mut pools: Vec<(String, String)> = read(dir, "samples/strata.tsv").into_iter().collect();
    pools.sort();
    pools
        .into_iter()
        .filter_map(|(name, pool)| {
            let ids = std::fs::read_to_string(format!("{dir}/samples/{name}.txt")).ok()?;
            Some(Stratum {
                pool: pool.parse().ok()?,
                ids: ids.lines().map(str::to_owned).collect(),
                name,
            })
        })
        .collect()
}
