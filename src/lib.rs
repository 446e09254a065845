//! binhluan: a Vietnamese comment box.
//!
//! [`rules`] is plain Rust (no browser): the rules "Tối thiểu 10 chữ tiếng Việt có dấu" and
//! "Không chứa liên kết", checked natively on a server or in the browser.
//! `widget` (feature `widget`, on by default) is the browser part, compiled to WebAssembly.
#![deny(missing_docs)]

pub mod rules;

#[cfg(feature = "widget")]
pub mod widget;

pub use rules::{check, Rules, Verdict};
