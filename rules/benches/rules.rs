//! Throughput of `rules::check` on real Vietnamese comments of ~100, 1,000, 10,000 and
//! 100,000 characters (built from the seed article), then on the hostile texts of
//! `tests/hostile/cases.rs` at 1 and 2 MB. `cargo bench --bench rules`.
//!
//! A plain `std::time` harness: it prints MB/s per size and the time per character, which
//! stays flat when time grows linearly with length.

use std::hint::black_box;
use std::time::{Duration, Instant};

use binhluan_rules::{check, Rules};

#[path = "../tests/hostile/cases.rs"]
#[allow(dead_code)] // The bench reads the texts, not the expectations.
mod hostile;

const ARTICLE: &str = include_str!("../tests/data/laocaitv-article.txt");

/// The first `chars` characters of the article, repeated as needed.
fn comment(chars: usize) -> String {
    ARTICLE.chars().cycle().take(chars).collect()
}

/// The time of one `check` of `text` (repeated for at least `at_least`).
fn time(text: &str, rules: &Rules, at_least: Duration) -> Duration {
    let mut runs = 0u32;
    let start = Instant::now();
    while runs == 0 || start.elapsed() < at_least {
        black_box(check(black_box(text), rules));
        runs += 1;
    }
    start.elapsed() / runs
}

fn main() {
    let rules = Rules::default();
    println!(
        "{:>9}  {:>8}  {:>11}  {:>8}  {:>10}",
        "chars", "bytes", "per check", "MB/s", "ns/char"
    );
    for chars in [100, 1_000, 10_000, 100_000] {
        let text = comment(chars);
        let per = time(&text, &rules, Duration::from_millis(600));
        let mbs = text.len() as f64 / per.as_secs_f64() / 1e6;
        let ns_per_char = per.as_nanos() as f64 / chars as f64;
        println!(
            "{chars:>9}  {:>8}  {:>9.1}µs  {mbs:>8.1}  {ns_per_char:>10.1}",
            text.len(),
            per.as_secs_f64() * 1e6
        );
    }

    // Hostile texts: the time per byte stays flat from 1 MB to 2 MB when time is linear.
    println!(
        "\n{:>56}  {:>9}  {:>9}",
        "hostile text", "1 MB ns/B", "2 MB ns/B"
    );
    for (one, two) in hostile::cases(1).iter().zip(&hostile::cases(2)) {
        let per_byte = |text: &str| {
            time(text, &rules, Duration::from_millis(300)).as_nanos() as f64 / text.len() as f64
        };
        println!(
            "{:>56}  {:>9.1}  {:>9.1}",
            one.name,
            per_byte(&one.text),
            per_byte(&two.text)
        );
    }
}
