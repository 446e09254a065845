//! The guard in front of everything: which browser origins may call the API (CORS), and
//! the headers every reply carries.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
    if let Some(refused) = origin.as_ref().filter(|_| !allowed) {
        state.refused_origins.note(refused);
    }
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

/// Checks an `--allow-origin` value: `*`, or an origin as browsers send it in `Origin`
/// (`https://host` or `http://host:port`, nothing after the host). Returns it without a
/// trailing slash, or a message saying what the value should have been.
pub fn parse_origin(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value == "*" {
        return Ok(value.to_owned());
    }
    let trimmed = value.strip_suffix('/').unwrap_or(value);
    let problem = match trimmed.split_once("://") {
        None => "it has no scheme",
        Some((scheme, _)) if !matches!(scheme, "http" | "https") => {
            "its scheme is not http or https"
        }
        Some((_, "")) => "it has no host",
        Some((_, authority)) if authority.contains(['/', '?', '#', '@', ' ']) => {
            "it has more than a scheme and a host (a path, a query or a user)"
        }
        Some(_) => return Ok(trimmed.to_owned()),
    };
    let host = trimmed
        .split_once("://")
        .map_or(trimmed, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host = host.rsplit('@').next().unwrap_or(host);
    let example = if host.is_empty() {
        "https://example.com".to_owned()
    } else if host.starts_with("127.") || host.starts_with("localhost") || host.starts_with('[') {
        format!("http://{host}")
    } else {
        format!("https://{host}")
    };
    Err(format!(
        "--allow-origin {value:?} is not an origin: {problem}. Write it as browsers send it, \
         scheme and host (and port) only, for example --allow-origin {example}"
    ))
}

/// Origins refused lately, so that each is logged at most once in [`REFUSED_LOG_EVERY`]:
/// the log tells the owner about a missing `--allow-origin` without letting a page flood it.
#[derive(Debug, Default)]
pub struct RefusedOrigins {
    seen: Mutex<HashMap<String, Instant>>,
}

/// How often one refused origin is logged.
pub const REFUSED_LOG_EVERY: Duration = Duration::from_secs(60);
/// How many origins are remembered (beyond, the oldest notes are forgotten).
const REFUSED_REMEMBERED: usize = 1000;

impl RefusedOrigins {
    /// Logs `origin` as refused unless it was logged in the last [`REFUSED_LOG_EVERY`];
    /// true when it was logged now.
    pub fn note(&self, origin: &HeaderValue) -> bool {
        let origin = String::from_utf8_lossy(origin.as_bytes())
            .chars()
            .take(200)
            .collect::<String>();
        let now = Instant::now();
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen
            .get(&origin)
            .is_some_and(|at| now.duration_since(*at) < REFUSED_LOG_EVERY)
        {
            return false;
        }
        if seen.len() >= REFUSED_REMEMBERED {
            seen.retain(|_, at| now.duration_since(*at) < REFUSED_LOG_EVERY);
            if seen.len() >= REFUSED_REMEMBERED {
                return false;
            }
        }
        seen.insert(origin.clone(), now);
        tracing::warn!(
            origin = %origin,
            "refused a browser request from an origin not allowed: if that site should show \
             the comment box, start the server with --allow-origin {origin}"
        );
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_checked_and_the_right_form_is_suggested() {
        assert_eq!(parse_origin("*").unwrap(), "*");
        assert_eq!(
            parse_origin("https://bao.example/").unwrap(),
            "https://bao.example"
        );
        assert_eq!(
            parse_origin("http://127.0.0.1:9100").unwrap(),
            "http://127.0.0.1:9100"
        );
        let no_scheme = parse_origin("127.0.0.1:9100").unwrap_err();
        assert!(
            no_scheme.contains("--allow-origin http://127.0.0.1:9100"),
            "{no_scheme}"
        );
        let path = parse_origin("https://bao.example/tin-tuc/bai-1").unwrap_err();
        assert!(
            path.contains("--allow-origin https://bao.example"),
            "{path}"
        );
        assert!(parse_origin("ftp://bao.example").is_err());
        assert!(parse_origin("https://").is_err());
    }

    #[test]
    fn a_refused_origin_is_logged_once_a_minute() {
        let log = RefusedOrigins::default();
        let a = HeaderValue::from_static("https://a.example");
        assert!(log.note(&a));
        assert!(!log.note(&a));
        assert!(log.note(&HeaderValue::from_static("https://b.example")));
    }
}
