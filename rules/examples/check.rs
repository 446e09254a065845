//! The command-line check: JSON Lines in, one verdict per line out.
//!
//! `cargo run --quiet --release --example check -- [--min-words N]` reads `{"text": "..."}`
//! per line from standard input and writes one JSON verdict per line, in the same order,
//! flushed per line. A line that is not such an object gets `{"error": "..."}` on its line.

use std::io::{self, BufRead, Write};

use binhluan_rules::{check, Rules};

fn rules_from_args() -> Result<Rules, String> {
    let mut rules = Rules::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--min-words" => {
                rules.min_words = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--min-words needs a number")?;
            }
            "-h" | "--help" => {
                return Err("usage: check [--min-words N] < comments.jsonl".into());
            }
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(rules)
}

fn error(message: impl std::fmt::Display) -> String {
    serde_json::json!({ "error": message.to_string() }).to_string()
}

/// The verdict on one input line, or an error object; always one line of JSON.
fn answer(line: &[u8], rules: &Rules) -> String {
    let Ok(line) = std::str::from_utf8(line) else {
        return error("the line is not UTF-8");
    };
    let value: serde_json::Value = match serde_json::from_str(line.trim_end_matches('\r')) {
        Ok(value) => value,
        Err(e) => return error(e),
    };
    match value.get("text").and_then(|t| t.as_str()) {
        Some(text) => serde_json::to_string(&check(text, rules)).unwrap_or_else(error),
        None => error("expected an object with a string \"text\""),
    }
}

fn main() {
    let rules = match rules_from_args() {
        Ok(rules) => rules,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let stdin = io::stdin();
    let mut out = io::stdout().lock();
    for line in stdin.lock().split(b'\n') {
        let Ok(line) = line else { break };
        if writeln!(out, "{}", answer(&line, &rules))
            .and_then(|_| out.flush())
            .is_err()
        {
            break;
        }
    }
}
