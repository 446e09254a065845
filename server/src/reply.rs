//! Error replies: JSON with a stable code, a Vietnamese and an English message, never a
//! stack trace or a database message.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use binhluan_rules::{Problem, Verdict};
use serde::Serialize;

/// An error reply. The fields are the JSON body (docs-server.md, "Replies").
#[derive(Debug, Serialize)]
pub struct ApiError {
    /// The HTTP status.
    #[serde(skip)]
    pub status: StatusCode,
    /// Stable, machine-readable code.
    pub error: &'static str,
    /// For the reader, in Vietnamese.
    pub message: String,
    /// The same in English.
    pub message_en: String,
    /// The rules' verdict (422 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Box<Verdict>>,
    /// What exactly was malformed (400 only), for the site's developer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Seconds to wait (429 only), sent as the `Retry-After` header.
    #[serde(skip)]
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with a fixed message pair.
    pub fn new(status: StatusCode, error: &'static str, vi: &str, en: &str) -> ApiError {
        ApiError {
            status,
            error,
            message: vi.to_owned(),
            message_en: en.to_owned(),
            verdict: None,
            detail: None,
            retry_after: None,
        }
    }

    /// 400: the request cannot be read; `detail` says why.
    pub fn bad_request(detail: impl Into<String>) -> ApiError {
        ApiError {
            detail: Some(detail.into()),
            ..ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad-request",
                "Yêu cầu không hợp lệ.",
                "The request is malformed.",
            )
        }
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
        eprintln!("binhluan-server: internal error: {cause}");
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
        ApiError {
            message: vi,
            message_en: en,
            verdict: Some(Box::new(verdict)),
            ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "rules", "", "")
        }
    }
}

/// One sentence per broken rule, in Vietnamese and English.
#[allow(unreachable_patterns)] // the library may add problems; they get the generic sentence
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
        other => (
            format!("Bình luận chưa đạt quy tắc “{}”.", other.code()),
            format!("The comment breaks the rule “{}”.", other.code()),
        ),
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = json(self.status, &self);
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
