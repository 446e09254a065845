//! The shared table of cases (`tests/cases/verdicts.json`): what the spec says each comment
//! gets. The same table runs in the browser (`web.rs`) and through the server
//! (`server/tests`), so all three give the same verdict.
#![cfg(not(target_arch = "wasm32"))] // Native: the browser tests are in web.rs.

use binhluan_rules::{check, Rules};
use serde_json::Value;

#[test]
fn every_case_gets_the_verdict_the_spec_gives() {
    let cases: Vec<Value> = serde_json::from_str(include_str!("cases/verdicts.json")).unwrap();
    assert!(cases.len() >= 40);
    let mut wrong = Vec::new();
    for case in &cases {
        let text = case["text"].as_str().unwrap();
        let verdict = check(text, &Rules::default());
        let problems: Vec<&str> = verdict.problems.iter().map(|p| p.code()).collect();
        let expected: Vec<&str> = case["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        if verdict.ok != case["ok"].as_bool().unwrap() || problems != expected {
            wrong.push((
                text,
                problems,
                expected,
                case["note"].as_str().unwrap_or(""),
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
