//! The wire contract of a binhluan endpoint: what `POST /api/comments` receives and answers,
//! and what `GET /api/comments` lists. One set of types, serde only (no DOM, no HTTP): the
//! server serialises them, the widget reads them through serde-wasm-bindgen, and the tests
//! check the OpenAPI document (`docs/endpoint.openapi.json`) against them and against real
//! replies. A site owner who writes an endpoint in another language follows that document.
//!
//! Every field name here is a JSON key; renaming one is a breaking change of the contract.
#![deny(missing_docs)]

mod lenient;

use binhluan_rules::Verdict;
use serde::{Deserialize, Serialize};

/// The path of the endpoint on binhluan-server (a site's own endpoint may live anywhere).
pub const COMMENTS_PATH: &str = "/api/comments";

/// The comment as the widget posts it (`Content-Type: application/json`), or as a plain
/// HTML form posts it (`application/x-www-form-urlencoded`, same names). Unknown fields are
/// ignored, so older endpoints accept newer widgets.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NewComment {
    /// Which article the comment belongs to (required).
    pub article_id: Option<String>,
    /// The article's address, for moderators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_url: Option<String>,
    /// The article's title, for moderators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_title: Option<String>,
    /// The reader's name (may be empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The reader's e-mail (may be empty; never listed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The comment text as typed (required).
    pub content: Option<String>,
    /// One key per comment, kept across retries; the `Idempotency-Key` header wins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
    /// The honeypot field: people never see it, so they leave it empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Milliseconds from the first keystroke to submit; absent when the text arrived with no
    /// input events the widget saw (a restored draft).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub typing_ms: Option<f64>,
    /// What the widget itself concluded: a diagnostic, never a reason to refuse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientReport>,
}

/// The widget's own conclusion about the comment it posts. A diagnostic only: a value of
/// an unexpected shape (a number for `rules_version`, a string for `verdict`, the whole
/// report as a string) is read as absent, never a reason to refuse the comment.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ClientReport {
    /// The version of the rules the widget ran.
    pub rules_version: Option<String>,
    /// The widget's verdict, reduced to what the server keeps.
    pub verdict: Option<ClientVerdict>,
}

/// The part of the widget's verdict the server records.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ClientVerdict {
    /// Whether the comment passed every rule in the browser.
    pub ok: Option<bool>,
}

/// Where a stored comment stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    /// Waiting for a moderator ("đang chờ duyệt").
    Pending,
    /// Listed for every reader ("đã được đăng").
    Published,
}

/// The `201 Created` body (and the replay of the same key): the only reply that means the
/// comment is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Created {
    /// The comment's id.
    pub id: i64,
    /// Whether it is already public.
    pub status: CommentStatus,
}

/// Every error reply (4xx and 5xx) is this JSON body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorReply {
    /// Stable, machine-readable code (`bad-request`, `rules`, `rate-limited`, …).
    pub error: String,
    /// For the reader, in Vietnamese.
    pub message: String,
    /// The same in English.
    pub message_en: String,
    /// The rules' verdict, on 422 only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Box<Verdict>>,
    /// What exactly was malformed, on 400 only, for the site's developer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The query of `GET /api/comments`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    /// The article (required).
    pub article: Option<String>,
    /// The page, from 1: the first pages only (up to 50); deeper ones by `after`.
    pub page: Option<String>,
    /// Where to go on: the `next` of the page before. Wins over `page`.
    pub after: Option<String>,
}

/// One page of published comments, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentPage {
    /// The article listed.
    pub article: String,
    /// This page's number, from 1.
    pub page: u32,
    /// Comments per page.
    pub per_page: u32,
    /// Published comments of the article in all.
    pub total: u64,
    /// Whether an editor closed the article to new comments (sent only when true).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closed: bool,
    /// This page's comments.
    pub comments: Vec<ListedComment>,
    /// The rules the endpoint enforces on new comments; the widget adopts them. An endpoint
    /// that leaves them out keeps the widget's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<EndpointRules>,
    /// The `after` of the next page, absent on the last page. An opaque string: pages
    /// reached by it cost the same however deep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// The rules an endpoint enforces, as it announces them with its listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointRules {
    /// Minimum number of Vietnamese words with diacritics.
    pub min_words: u32,
    /// Maximum length in characters.
    pub max_length: u32,
    /// Whether an e-mail address counts as a link.
    pub emails_are_links: bool,
}

/// A comment as listed: nothing a reader should not see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedComment {
    /// The comment's id.
    pub id: i64,
    /// The reader's name (may be empty).
    pub name: String,
    /// The text, exactly as posted: shown as text, never as HTML.
    pub content: String,
    /// When it was posted, RFC 3339 in UTC ("2026-12-04T20:41:00Z").
    pub created_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_is_the_contract_json() {
        let created = Created {
            id: 7,
            status: CommentStatus::Pending,
        };
        let json = serde_json::to_string(&created).unwrap();
        assert_eq!(json, r#"{"id":7,"status":"pending"}"#);
        assert_eq!(serde_json::from_str::<Created>(&json).unwrap(), created);
    }

    #[test]
    fn a_new_comment_ignores_unknown_fields_and_takes_missing_ones_as_absent() {
        let c: NewComment =
            serde_json::from_str(r#"{"content":"x","article_id":"a","extra":1}"#).unwrap();
        assert_eq!(c.content.as_deref(), Some("x"));
        assert_eq!(c.name, None);
    }

    #[test]
    fn a_client_report_of_an_unexpected_shape_is_read_as_absent() {
        let read = |client: &str| {
            let json = format!(r#"{{"content":"x","client":{client}}}"#);
            serde_json::from_str::<NewComment>(&json)
                .unwrap_or_else(|e| panic!("{client}: {e}"))
                .client
                .unwrap_or_default()
        };
        let full = read(r#"{"rules_version":"1.2","verdict":{"ok":false,"words":3},"x":[1]}"#);
        assert_eq!(full.rules_version.as_deref(), Some("1.2"));
        assert_eq!(full.verdict, Some(ClientVerdict { ok: Some(false) }));
        for odd in [
            r#"{"rules_version":3,"verdict":"?"}"#,
            r#"{"rules_version":null,"verdict":{"ok":"yes"}}"#,
            r#"{"rules_version":["a"],"verdict":[true]}"#,
            r#""a string""#,
            "12.5",
            "[1,{}]",
            "true",
            "null",
        ] {
            let report = read(odd);
            assert_eq!(report.rules_version, None, "{odd}");
            assert_eq!(report.verdict.and_then(|v| v.ok), None, "{odd}");
        }
    }

    #[test]
    fn an_html_page_is_not_a_created_reply() {
        assert!(serde_json::from_str::<Created>("<html></html>").is_err());
        assert!(serde_json::from_str::<Created>(r#"{"id":1}"#).is_err());
        assert!(serde_json::from_str::<Created>(r#"{"id":1,"status":"ok"}"#).is_err());
    }
}
