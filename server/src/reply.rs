//! Error replies: JSON with a stable code, a Vietnamese and an English message, never a
//! stack trace or a database message.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use binhluan_contract::ErrorReply;
use binhluan_rules::{Problem, Verdict};
use serde::Serialize;

/// An error reply: a status, the JSON body of the contract (docs/endpoint.md, "Replies"),
/// and on 429 the `Retry-After` header.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The JSON body (boxed: errors travel in `Result`s, which stay small).
    pub body: Box<ErrorReply>,
    /// Seconds to wait (429 only), sent as the `Retry-After` header.
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with a fixed message pair.
    pub fn new(status: StatusCode, error: &str, vi: &str, en: &str) -> ApiError {
        ApiError {
            status,
            body: Box::new(ErrorReply {
                error: error.to_owned(),
                message: vi.to_owned(),
                message_en: en.to_owned(),
                verdict: None,
                detail: None,
            }),
            retry_after: None,
        }
    }

    /// 400: the request cannot be read; `detail` says why.
    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        let mut e = ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "Yêu cầu không hợp lệ.",
            "The request is malformed.",
        );
        e.body.detail = Some(detail.into());
        e
    }

    /// 404.
    pub fn not_found() -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Không tìm thấy.",
            "Not found.",
        )
    }

    /// 405.
    pub fn method_not_allowed() -> ApiError {
        ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "method-not-allowed",
            "Phương thức không được hỗ trợ.",
            "Method not allowed.",
        )
    }

    /// 500: the cause goes to the log only.
    pub fn internal(cause: &dyn std::fmt::Display) -> ApiError {
        tracing::error!(%cause, "internal error");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Máy chủ gặp sự cố, vui lòng thử lại sau.",
            "The server ran into a problem; please try again later.",
        )
    }

    /// 422: the comment breaks the rules; the messages name each broken rule.
    pub fn rules(verdict: Verdict) -> ApiError {
        let (mut vi, mut en) = (String::new(), String::new());
        for problem in &verdict.problems {
            let (v, e) = problem_messages(*problem, &verdict);
            for (out, text) in [(&mut vi, v), (&mut en, e)] {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&text);
            }
        }
        let mut e = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "rules", &vi, &en);
        e.body.verdict = Some(Box::new(verdict));
        e
    }

    /// 429: the client posts faster than the limit; `secs` until the next post is taken.
    pub fn rate_limited(secs: u64) -> ApiError {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            "Bạn gửi quá nhanh, vui lòng chờ một chút rồi thử lại.",
            "Too many comments at once; please wait a moment and try again.",
        );
        e.retry_after = Some(secs);
        e
    }
}

/// One sentence per broken rule, in Vietnamese and English. A problem the library adds
/// fails to compile here until it has its sentence.
fn problem_messages(problem: Problem, v: &Verdict) -> (String, String) {
    match problem {
        Problem::Empty => (
            "Bình luận đang trống.".into(),
            "The comment is empty.".into(),
        ),
        Problem::TooFewWords => (
            format!(
                "Cần tối thiểu {} chữ tiếng Việt có dấu (hiện có {}).",
                v.min_words, v.words
            ),
            format!(
                "At least {} Vietnamese words with diacritics are needed ({} so far).",
                v.min_words, v.words
            ),
        ),
        Problem::NoDiacritics => (
            "Vui lòng gõ tiếng Việt có dấu.".into(),
            "Please type Vietnamese with diacritics.".into(),
        ),
        Problem::HasLink => (
            "Bình luận không được chứa liên kết.".into(),
            "Comments must not contain links.".into(),
        ),
        Problem::TooLong => (
            format!(
                "Bình luận dài tối đa {} ký tự (hiện có {}).",
                v.max_length, v.length
            ),
            format!(
                "Comments are limited to {} characters ({} now).",
                v.max_length, v.length
            ),
        ),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = json(self.status, &self.body);
        if let Some(secs) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// A JSON reply that is never cached.
pub fn json(status: StatusCode, body: &impl Serialize) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        // Only a non-string map key can fail; none of our bodies has one.
        Err(e) => ApiError::internal(&e).into_response(),
    }
}
