//! What the tests share: texts that pass or fail the rules, a comment, a reply; the app
//! in-process ([`router`]) and the real binary ([`process`]).

#![allow(dead_code)] // each test file uses its own part of these helpers

pub mod db;
pub mod process;
pub mod router;

use std::ffi::OsStr;
use std::process::{Command, Output};

use binhluan_rules::{check, Rules};
use serde_json::{json, Value};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_binhluan-server");

/// A comment that passes the rules (14 words, có dấu).
pub const GOOD: &str = "Chúc sức khỏe, hòa bình và thủy lợi tỉnh ta ngày càng phát triển";
/// Another one (10 words).
pub const GOOD2: &str = "Bài viết rất hay và bổ ích cho mọi người";
/// A comment that fails under any rules (2 words).
pub const BAD: &str = "Ngắn quá";

/// `text` made distinct by a number, still passing the rules: the server refuses the same
/// text on the same article twice within an hour.
pub fn numbered(text: &str, n: usize) -> String {
    format!("{text} (lần {n})")
}

/// Checks the texts the tests rely on against the library itself, so a rules change that
/// makes them unsuitable fails here with a clear message instead of somewhere odd.
pub fn assert_fixtures() {
    for text in [GOOD, GOOD2] {
        assert!(
            check(text, &Rules::default()).ok,
            "{text:?} must pass the rules for these tests; pick another sentence"
        );
    }
    assert!(!check(BAD, &Rules::default()).ok);
    assert!(check(&numbered(GOOD2, 12), &Rules::default()).ok);
}

/// Runs `binhluan-server comments ARGS --db DB` (a file or a URL).
pub fn moderate(db: impl AsRef<OsStr>, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("comments")
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("DATABASE_URL")
        .output()
        .unwrap()
}

/// A JSON comment for article `article` with `content`, typed at a human pace.
pub fn comment(article: &str, content: &str) -> Value {
    json!({
        "article_id": article,
        "article_url": "https://bao.example/bai-1",
        "article_title": "Bài một",
        "name": "Nguyễn Thị Lan",
        "email": "lan@example.com",
        "content": content,
        "website": "",
        "typing_ms": 60000,
        "client": {"rules_version": "test", "verdict": {"ok": true}},
    })
}

/// An HTTP reply.
#[derive(Debug)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Header names and values, in order.
    pub headers: Vec<(String, String)>,
    /// Body text.
    pub body: String,
}

impl Reply {
    /// A header's value (names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }

    /// Asserts an error reply in the documented shape with this status and code.
    pub fn assert_error(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        let v = self.json();
        assert_eq!(v["error"], code, "{v}");
        assert!(!v["message"].as_str().unwrap().is_empty());
        assert!(!v["message_en"].as_str().unwrap().is_empty());
        assert_eq!(self.header("x-content-type-options"), Some("nosniff"));
    }
}
