//! binhluan: a Vietnamese comment box.
//!
//! [`rules`] (the `binhluan-rules` crate, in `src/rules/`) is plain Rust (no browser): the rules "Tối thiểu 10 chữ tiếng Việt có dấu" and
//! "Không chứa liên kết", checked natively on a server or in the browser.
//! `widget` (feature `widget`, on by default) is the browser part, compiled to WebAssembly.
#![deny(missing_docs)]

pub use binhluan_rules as rules;

#[cfg(feature = "widget")]
pub mod widget;

pub use rules::{check, Rules, Verdict};
