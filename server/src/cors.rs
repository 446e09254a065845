//! The guard in front of everything: which browser origins may call the API (CORS), and
//! the headers every reply carries.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::reply::ApiError;
use crate::state::AppState;

/// Answers preflights, refuses posts from origins not allowed, and adds `nosniff`, `Vary:
/// Origin` and, for an allowed origin, the CORS headers to every reply.
pub async fn guard(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let origin = req.headers().get(header::ORIGIN).cloned();
    let allowed = origin.as_ref().is_some_and(|o| origin_allowed(&state, o));
    let mut response = if origin.is_some() && is_preflight(&req) {
        preflight(&state, allowed, req.headers())
    } else if origin.is_some() && !allowed && !matches!(*req.method(), Method::GET | Method::HEAD) {
        // Browsers send Origin with every POST: a page of a site not configured must not
        // post comments in its visitors' names.
        ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden-origin",
            "Trang web này không được phép gửi bình luận.",
            "This site is not allowed to post comments.",
        )
        .into_response()
    } else {
        next.run(req).await
    };
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Some(origin) = origin.filter(|_| allowed) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("Retry-After"),
        );
    }
    headers.append(header::VARY, HeaderValue::from_static("Origin"));
    response
}

fn is_preflight(req: &Request) -> bool {
    req.method() == Method::OPTIONS
        && req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
}

/// An origin is allowed when configured (or `*` is), or when it is this server's own
/// (`--public-origin`, the `--www` demo's): never because it matches the `Host` header,
/// which the sender chooses (DNS rebinding makes a hostile page "same host").
fn origin_allowed(state: &AppState, origin: &HeaderValue) -> bool {
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    let configured = state
        .allow_origins
        .iter()
        .any(|o| o == "*" || o.trim_end_matches('/').eq_ignore_ascii_case(origin));
    let own = state
        .own_origins
        .iter()
        .any(|o| o.eq_ignore_ascii_case(origin));
    configured || own
}

/// Answers a CORS preflight: 204 with the allowed methods and headers when the origin,
/// the method and every requested header are allowed, else 403.
fn preflight(state: &AppState, allowed: bool, headers: &HeaderMap) -> Response {
    let method_ok = headers
        .get(header::ACCESS_CONTROL_REQUEST_METHOD)
        .is_some_and(|m| matches!(m.as_bytes(), b"GET" | b"POST" | b"HEAD"));
    let mut requested = headers
        .get_all(header::ACCESS_CONTROL_REQUEST_HEADERS)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty());
    let headers_ok = requested.all(|h| state.allow_headers.contains(&h));
    if !(allowed && method_ok && headers_ok) {
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden-origin",
            "Trang web này không được phép gọi API bình luận.",
            "This site is not allowed to call the comment API.",
        )
        .into_response();
    }
    let allow_headers = state.allow_headers.join(", ");
    let mut response = StatusCode::NO_CONTENT.into_response();
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST"),
    );
    if let Ok(value) = HeaderValue::try_from(allow_headers) {
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, value);
    }
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    response
}
