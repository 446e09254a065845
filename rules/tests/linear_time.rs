//! Linear time, asserted: `check` and `find_links` on a small and a ten times larger input
//! of prose and of hostile shapes (dots, `www.`, combining marks piled on letters, a
//! disguised dot, at-signs). The small input is run ten times in a row, so both sides read
//! the same number of bytes: linear time makes them about equal, a quadratic scan makes the
//! large input ten times slower; the bound sits between, generous enough for a loaded
//! machine and for caches that a large input outgrows. Each time is the fastest of a few
//! tries, the small and the large input taking turns, so a burst of load elsewhere does not
//! count. Sizes are for a debug build.
#![cfg(not(target_arch = "wasm32"))] // Native: the browser tests are in web.rs.

use std::hint::black_box;
use std::time::{Duration, Instant};

use binhluan_rules::links::find_links;
use binhluan_rules::{check, Rules};

const SMALL: usize = 10_000;
const LARGE: usize = 10 * SMALL;
/// The largest time(LARGE) / time(10 × SMALL) that passes.
const BOUND: f64 = 3.5;
const RUNS: usize = 3;

/// A function under test.
struct Subject<'a> {
    name: &'static str,
    run: &'a dyn Fn(&str),
}

/// `unit` repeated to `bytes` bytes at least.
fn text(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes.div_ceil(unit.len()))
}

/// The fastest of [`RUNS`] tries of `f` on `small` ten times over and on `large` once,
/// taking turns.
fn fastest(f: &dyn Fn(&str), small: &str, large: &str) -> (Duration, Duration) {
    let time = |input: &str, times: usize| {
        let start = Instant::now();
        for _ in 0..times {
            f(black_box(input));
        }
        start.elapsed()
    };
    (0..RUNS).fold((Duration::MAX, Duration::MAX), |(s, l), _| {
        (s.min(time(small, LARGE / SMALL)), l.min(time(large, 1)))
    })
}

#[test]
fn ten_times_the_text_takes_about_ten_times_the_time() {
    let article = include_str!("data/laocaitv-article.txt");
    let shapes = [
        ("prose", article),
        ("dots", "."),
        ("www.", "www."),
        ("marks on letters", "a\u{0301}\u{0323}\u{0300}"),
        ("disguised dots", "a chấm "),
        ("at-signs", "a@"),
    ];
    let rules = Rules::default();
    let subjects = [
        Subject {
            name: "check",
            run: &|t| drop(black_box(check(t, &rules))),
        },
        Subject {
            name: "find_links",
            run: &|t| drop(black_box(find_links(t, true))),
        },
    ];
    let mut report = Vec::new();
    let mut slow = Vec::new();
    for (shape, unit) in shapes {
        let (small, large) = (text(unit, SMALL), text(unit, LARGE));
        for Subject { name, run } in &subjects {
            let (s, l) = fastest(run, &small, &large);
            let ratio = l.as_secs_f64() / s.as_secs_f64().max(1e-9);
            let line = format!("{name} on {shape}: {s:?} -> {l:?}, x{ratio:.1}");
            if ratio >= BOUND {
                slow.push(line.clone());
            }
            report.push(line);
        }
    }
    eprintln!("{}", report.join("\n"));
    assert!(
        slow.is_empty(),
        "not linear (one large text at least {BOUND} times ten small ones):\n{}",
        slow.join("\n")
    );
}
