//! The `check` example as a site owner runs it: JSON Lines in, one verdict per line out.
#![cfg(not(target_arch = "wasm32"))] // Native: the browser tests are in web.rs.

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn check_answers_every_line_in_order() {
    // `cargo test` builds the examples (into `examples/` beside the test binaries' `deps/`)
    // before it runs the integration tests.
    let exe = std::env::current_exe().expect("test binary");
    let profile = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("target/<profile>/deps/<test binary>");
    let check = profile
        .join("examples")
        .join(format!("check{}", std::env::consts::EXE_SUFFIX));
    assert!(
        check.is_file(),
        "{} is not built: run `cargo test -p binhluan-rules` (which builds the examples) or \
         `cargo build -p binhluan-rules --example check` first",
        check.display()
    );
    let mut child = Command::new(check)
        .args(["--min-words", "5"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run check");
    let input = b"{\"text\": \"C\xe1\xba\xa3m \xc6\xa1n t\xc3\xb2a so\xe1\xba\xa1n \xc4\x91\xc3\xa3 \xc4\x91\xc6\xb0a tin\"}\n\
not json\n\
{\"text\": 5}\n\
\xff\xfe\n\
{\"text\": \"Bai viet rat hay va bo ich\"}\n";
    child.stdin.take().unwrap().write_all(input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["ok"], true);
    assert_eq!(lines[0]["words"], 7);
    assert_eq!(lines[0]["min_words"], 5);
    for bad in &lines[1..4] {
        assert!(bad["error"].is_string(), "{bad}");
    }
    assert_eq!(lines[4]["diacritics"]["verdict"], "khong-dau");
}
