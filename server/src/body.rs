//! Reading a request body: its media type and at most [`MAX_BODY`] bytes of it.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, StatusCode};
use http_body_util::BodyExt;

use crate::reply::ApiError;

/// Largest request body accepted (413 above).
pub const MAX_BODY: usize = 64 * 1024;
/// How much of an oversized body is read and dropped before answering 413.
const DRAIN_MAX: usize = 1024 * 1024;

/// How the comment came: the reply takes the same form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `application/json`: JSON replies.
    Json,
    /// `application/x-www-form-urlencoded` (a `<noscript>` form): a redirect or a page.
    Form,
}

impl Encoding {
    /// The encoding of the Content-Type header (parameters and case ignored), or 415.
    pub fn of(headers: &HeaderMap) -> Result<Encoding, ApiError> {
        let essence = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::trim)
            .unwrap_or("");
        if essence.eq_ignore_ascii_case("application/json") {
            Ok(Encoding::Json)
        } else if essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
            Ok(Encoding::Form)
        } else {
            Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Chỉ nhận JSON hoặc biểu mẫu (x-www-form-urlencoded).",
                "Send JSON or a form (x-www-form-urlencoded).",
            ))
        }
    }
}

fn too_large() -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-large",
        "Nội dung gửi lên quá lớn (tối đa 64 KB).",
        "The request body is too large (64 KB at most).",
    )
}

/// The body, at most [`MAX_BODY`] bytes. An oversized body is still read and dropped up to
/// [`DRAIN_MAX`] bytes before the 413, because closing a socket with unread data makes the
/// kernel reset the connection, and the client could lose the reply; beyond that the
/// connection is closed (a larger Content-Length is refused before reading anything).
pub async fn read_body(headers: &HeaderMap, mut body: Body) -> Result<Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAIN_MAX as u64) {
        return Err(too_large());
    }
    let mut kept = Vec::new();
    let mut seen = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| ApiError::bad_request(format!("reading the body: {e}")))?;
        if let Ok(data) = frame.into_data() {
            seen = seen.saturating_add(data.len());
            if seen > DRAIN_MAX {
                return Err(too_large());
            }
            if seen <= MAX_BODY {
                kept.extend_from_slice(&data);
            }
        }
    }
    if seen > MAX_BODY {
        Err(too_large())
    } else {
        Ok(Bytes::from(kept))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn content_types_ignore_parameters_and_case() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("Application/JSON; charset=UTF-8"),
        );
        assert_eq!(Encoding::of(&h).ok(), Some(Encoding::Json));
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        assert_eq!(Encoding::of(&h).ok(), Some(Encoding::Form));
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        assert_eq!(
            Encoding::of(&h).map_err(|e| e.status).err(),
            Some(StatusCode::UNSUPPORTED_MEDIA_TYPE)
        );
        h.remove(header::CONTENT_TYPE);
        assert!(Encoding::of(&h).is_err());
    }
}
