//! Throughput of `rules::check` on real Vietnamese comments of ~100, 1,000, 10,000 and
//! 100,000 characters (built from the seed article). `cargo bench --bench rules`.
//!
//! A plain `std::time` harness: it prints MB/s per size and the time per character, which
//! stays flat when time grows linearly with length.

use std::hint::black_box;
use std::time::{Duration, Instant};

use binhluan::rules::{check, Rules};

const ARTICLE: &str = include_str!("../tests/data/laocaitv-article.txt");

/// The first `chars` characters of the article, repeated as needed.
fn comment(chars: usize) -> String {
    ARTICLE.chars().cycle().take(chars).collect()
}

fn main() {
    let rules = Rules::default();
    println!(
        "{:>9}  {:>8}  {:>11}  {:>8}  {:>10}",
        "chars", "bytes", "per check", "MB/s", "ns/char"
    );
    for chars in [100, 1_000, 10_000, 100_000] {
        let text = comment(chars);
        let mut runs = 0u32;
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(600) {
            black_box(check(black_box(&text), &rules));
            runs += 1;
        }
        let per = start.elapsed() / runs;
        let mbs = text.len() as f64 / per.as_secs_f64() / 1e6;
        let ns_per_char = per.as_nanos() as f64 / chars as f64;
        println!(
            "{chars:>9}  {:>8}  {:>9.1}µs  {mbs:>8.1}  {ns_per_char:>10.1}",
            text.len(),
            per.as_secs_f64() * 1e6
        );
    }
}
