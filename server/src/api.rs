//! The HTTP API: `POST /api/comments`, `GET /api/comments`, and the guards in front of
//! everything (CORS, timeout, headers). The contract is in docs-server.md.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use binhluan_rules::{check, Rules};
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};

use crate::form;
use crate::ratelimit::RateLimiter;
use crate::reply::{json, ApiError};
use crate::store::{NewComment, Outcome, Status, Store};
use crate::time::{now_ms, rfc3339};

/// Largest request body accepted (413 above).
pub const MAX_BODY: usize = 64 * 1024;
/// How much of an oversized body is read and dropped before answering 413.
const DRAIN_MAX: usize = 1024 * 1024;
/// Comments per page of `GET /api/comments`.
pub const PER_PAGE: u32 = 20;
/// Highest page number accepted (keeps offsets small).
const MAX_PAGE: u32 = 100_000;
/// A person needs at least this long per word from the first keystroke to submit: 200 ms
/// a word is 300 words a minute, beyond the fastest typists, so 10 words take >= 2 s.
pub const HUMAN_MS_PER_WORD: u64 = 200;

/// Everything a request handler needs.
pub struct AppState {
    /// Where comments go.
    pub store: Arc<dyn Store>,
    /// The rules every comment is re-checked with.
    pub rules: Rules,
    /// Publish comments that pass at once.
    pub auto_publish: bool,
    /// The post limit per client, if any.
    pub limiter: Option<RateLimiter>,
    /// Origins allowed to call the API from the browser (`*` for any).
    pub allow_origins: Vec<String>,
    /// Request headers allowed in CORS preflights, lower case.
    pub allow_headers: Vec<String>,
    /// The static folder, if any.
    pub www: Option<PathBuf>,
    /// How long one request may take.
    pub timeout: Duration,
    /// Whether the client address comes from `X-Forwarded-For`.
    pub trust_forwarded_for: bool,
}

/// The TCP peer of the connection, put into each request by the accept loop.
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub SocketAddr);

/// The application: routes and guards.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/api/comments", get(list).post(post))
        .method_not_allowed_fallback(|| async { ApiError::method_not_allowed() })
        .fallback(fallback)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

async fn fallback(State(state): State<Arc<AppState>>, req: Request) -> Response {
    match &state.www {
        Some(root) if !req.uri().path().starts_with("/api/") => {
            crate::www::serve(root, req.method(), req.uri()).await
        }
        _ => ApiError::not_found().into_response(),
    }
}

/// CORS, the request timeout and the headers every reply carries.
async fn guard(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let origin = req.headers().get(header::ORIGIN).cloned();
    let allowed = origin
        .as_ref()
        .is_some_and(|o| origin_allowed(&state, o, req.headers()));
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
        match tokio::time::timeout(state.timeout, next.run(req)).await {
            Ok(response) => response,
            Err(_) => ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "timeout",
                "Yêu cầu quá thời gian, vui lòng thử lại.",
                "The request took too long; please try again.",
            )
            .into_response(),
        }
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
/// (its host and port equal the Host header: the `--www` demo page).
fn origin_allowed(state: &AppState, origin: &HeaderValue, headers: &HeaderMap) -> bool {
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    let configured = state
        .allow_origins
        .iter()
        .any(|o| o == "*" || o.trim_end_matches('/').eq_ignore_ascii_case(origin));
    let own = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .zip(origin.split_once("://"))
        .is_some_and(|(host, (scheme, authority))| {
            matches!(scheme, "http" | "https") && authority.eq_ignore_ascii_case(host)
        });
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

/// The comment as posted, JSON or form. Unknown fields are ignored.
#[derive(Debug, Default, Deserialize)]
pub struct Submission {
    /// Required.
    pub article_id: Option<String>,
    /// Optional.
    pub article_url: Option<String>,
    /// Optional.
    pub article_title: Option<String>,
    /// Optional.
    pub name: Option<String>,
    /// Optional.
    pub email: Option<String>,
    /// Required.
    pub content: Option<String>,
    /// Optional; the `Idempotency-Key` header wins.
    pub idempotency_key: Option<String>,
    /// The honeypot: people never see it, so never fill it.
    pub website: Option<String>,
    /// Milliseconds from the first keystroke to submit.
    pub typing_ms: Option<f64>,
    /// What the widget itself concluded, `{rules_version, verdict}`; only the version and
    /// `verdict.ok` are kept, and a shape the server does not expect is ignored, never an
    /// error (it is a diagnostic, not part of the comment).
    pub client: Option<serde_json::Value>,
}

/// The 201 body.
#[derive(Debug, Serialize)]
pub struct Created {
    /// The comment's id.
    pub id: i64,
    /// `pending` or `published`.
    pub status: &'static str,
}

/// How the comment came: the reply takes the same form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// `application/json`: JSON replies.
    Json,
    /// `application/x-www-form-urlencoded` (a `<noscript>` form): a redirect or a page.
    Form,
}

async fn post(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let encoding = match content_type(&parts.headers) {
        Some("application/json") => Encoding::Json,
        Some("application/x-www-form-urlencoded") => Encoding::Form,
        _ => {
            return ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Chỉ nhận JSON hoặc biểu mẫu (x-www-form-urlencoded).",
                "Send JSON or a form (x-www-form-urlencoded).",
            )
            .into_response()
        }
    };
    let peer = client_ip(&state, &parts);
    let mut article_url = None;
    let result = accept(
        &state,
        &parts.headers,
        peer,
        encoding,
        body,
        &mut article_url,
    )
    .await;
    match encoding {
        Encoding::Json => match result {
            Ok(created) => json(StatusCode::CREATED, &created),
            Err(e) => e.into_response(),
        },
        Encoding::Form => form::reply(&parts.headers, article_url.as_deref(), result),
    }
}

/// The client's address: the TCP peer, or behind a trusted proxy the last
/// `X-Forwarded-For` entry (the one that proxy added).
fn client_ip(state: &AppState, parts: &axum::http::request::Parts) -> Option<IpAddr> {
    let forwarded = state
        .trust_forwarded_for
        .then(|| parts.headers.get_all("x-forwarded-for").iter().next_back())
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .and_then(|v| v.trim().parse().ok());
    forwarded.or_else(|| parts.extensions.get::<Peer>().map(|p| p.0.ip()))
}

/// The media type without parameters, lower case.
fn content_type(headers: &HeaderMap) -> Option<&'static str> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim();
    ["application/json", "application/x-www-form-urlencoded"]
        .into_iter()
        .find(|t| t.eq_ignore_ascii_case(essence))
}

/// Rate limit, body, fields, rules, store. `article_url` receives the posted article
/// address as soon as the body is read (a form reply leads back to it, even after an error).
async fn accept(
    state: &AppState,
    headers: &HeaderMap,
    peer: Option<IpAddr>,
    encoding: Encoding,
    body: Body,
    article_url: &mut Option<String>,
) -> Result<Created, ApiError> {
    if let (Some(limiter), Some(ip)) = (&state.limiter, peer) {
        limiter.take(ip, Instant::now()).map_err(|secs| ApiError {
            retry_after: Some(secs),
            ..ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate-limited",
                "Bạn gửi quá nhanh, vui lòng chờ một chút rồi thử lại.",
                "Too many comments at once; please wait a moment and try again.",
            )
        })?;
    }
    let bytes = read_body(headers, body).await?;
    let submission: Submission = match encoding {
        Encoding::Json => {
            serde_json::from_slice(&bytes).map_err(|e| ApiError::bad_request(e.to_string()))?
        }
        Encoding::Form => serde_urlencoded::from_bytes(&bytes)
            .map_err(|e| ApiError::bad_request(e.to_string()))?,
    };
    article_url.clone_from(&submission.article_url);
    let key = headers
        .get("idempotency-key")
        .map(|v| {
            v.to_str()
                .map(str::to_owned)
                .map_err(|_| ApiError::bad_request("Idempotency-Key is not visible ASCII"))
        })
        .transpose()?
        .or_else(|| submission.idempotency_key.clone())
        .unwrap_or_default();
    let comment = validate(state, submission, key, peer)?;
    let store = state.store.clone();
    let outcome = tokio::task::spawn_blocking(move || store.insert(&comment))
        .await
        .map_err(|e| ApiError::internal(&e))?
        .map_err(|e| ApiError::internal(&e))?;
    match outcome {
        Outcome::Created { id, reply_status } | Outcome::Replayed { id, reply_status } => {
            Ok(Created {
                id,
                status: reply_status.as_str(),
            })
        }
        Outcome::KeyReused => Err(ApiError::new(
            StatusCode::CONFLICT,
            "idempotency-key-reused",
            "Mã chống gửi trùng đã dùng cho một bình luận khác.",
            "This Idempotency-Key was already used for a different comment.",
        )),
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
async fn read_body(headers: &HeaderMap, mut body: Body) -> Result<Bytes, ApiError> {
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

/// Checks the fields and the rules, judges spam, and builds the row to store.
fn validate(
    state: &AppState,
    s: Submission,
    key: String,
    peer: Option<IpAddr>,
) -> Result<NewComment, ApiError> {
    let article_id = s
        .article_id
        .map(|a| a.trim().to_owned())
        .unwrap_or_default();
    let content = s
        .content
        .ok_or_else(|| ApiError::bad_request("missing field `content`"))?;
    let key = key.trim().to_owned();
    let article_url = s.article_url.unwrap_or_default();
    let article_title = s.article_title.unwrap_or_default();
    let name = s.name.unwrap_or_default().trim().to_owned();
    let email = s.email.unwrap_or_default().trim().to_owned();
    for (field, value, max) in [
        ("article_id", &article_id, 200),
        ("article_url", &article_url, 2048),
        ("article_title", &article_title, 500),
        ("name", &name, 100),
        ("email", &email, 254),
        ("idempotency_key", &key, 200),
    ] {
        if value.chars().count() > max {
            return Err(ApiError::bad_request(format!(
                "`{field}` is longer than {max} characters"
            )));
        }
        if value.chars().any(char::is_control) {
            return Err(ApiError::bad_request(format!(
                "`{field}` contains control characters"
            )));
        }
    }
    if article_id.is_empty() {
        return Err(ApiError::bad_request("missing field `article_id`"));
    }
    let verdict = check(&content, &state.rules);
    if !verdict.ok {
        return Err(ApiError::rules(verdict));
    }
    let typing_ms = s
        .typing_ms
        .filter(|ms| ms.is_finite() && *ms >= 0.0)
        .map(|ms| ms as u64);
    let spam_reason = spam_reason(s.website.as_deref().unwrap_or(""), typing_ms, &content);
    let normal = if state.auto_publish {
        Status::Published
    } else {
        Status::Pending
    };
    let client = s.client.unwrap_or_default();
    let client_rules_version = client["rules_version"]
        .as_str()
        .unwrap_or("")
        .chars()
        .take(100)
        .collect();
    Ok(NewComment {
        article_id,
        article_url,
        article_title,
        name,
        email,
        content,
        status: if spam_reason.is_some() {
            Status::Spam
        } else {
            normal
        },
        reply_status: normal,
        spam_reason,
        ip: peer.map(|ip| ip.to_string()).unwrap_or_default(),
        typing_ms,
        client_rules_version,
        client_ok: client["verdict"]["ok"].as_bool(),
        idempotency_key: Some(key).filter(|k| !k.is_empty()),
        created_at_ms: now_ms(),
    })
}

/// Why a comment that passed the rules looks automated: the hidden `website` field was
/// filled ("honeypot"), or it was typed in less than [`HUMAN_MS_PER_WORD`] per
/// white-space separated word ("too-fast"; only when the client reported `typing_ms`).
pub fn spam_reason(website: &str, typing_ms: Option<u64>, content: &str) -> Option<&'static str> {
    let words = content.split_whitespace().count() as u64;
    if !website.trim().is_empty() {
        Some("honeypot")
    } else if typing_ms.is_some_and(|ms| ms < words.saturating_mul(HUMAN_MS_PER_WORD)) {
        Some("too-fast")
    } else {
        None
    }
}

/// The query of `GET /api/comments`.
#[derive(Debug, Deserialize)]
struct ListQuery {
    article: Option<String>,
    page: Option<String>,
}

/// One page of published comments.
#[derive(Debug, Serialize)]
struct ListReply {
    article: String,
    page: u32,
    per_page: u32,
    total: u64,
    comments: Vec<ListedComment>,
}

/// A comment as listed: nothing a reader should not see.
#[derive(Debug, Serialize)]
struct ListedComment {
    id: i64,
    name: String,
    content: String,
    created_at: String,
}

async fn list(State(state): State<Arc<AppState>>, req: Request) -> Response {
    match list_page(&state, req.uri().query().unwrap_or("")).await {
        Ok(reply) => json(StatusCode::OK, &reply),
        Err(e) => e.into_response(),
    }
}

async fn list_page(state: &AppState, query: &str) -> Result<ListReply, ApiError> {
    let q: ListQuery =
        serde_urlencoded::from_str(query).map_err(|e| ApiError::bad_request(e.to_string()))?;
    let article = q
        .article
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .ok_or_else(|| ApiError::bad_request("missing query parameter `article`"))?;
    let page = match q.page.as_deref().map(str::trim) {
        None | Some("") => 1,
        Some(p) => p
            .parse::<u32>()
            .ok()
            .filter(|p| (1..=MAX_PAGE).contains(p))
            .ok_or_else(|| ApiError::bad_request(format!("`page` must be 1 to {MAX_PAGE}")))?,
    };
    let store = state.store.clone();
    let id = article.clone();
    let offset = u64::from(page - 1) * u64::from(PER_PAGE);
    let found = tokio::task::spawn_blocking(move || store.published(&id, offset, PER_PAGE))
        .await
        .map_err(|e| ApiError::internal(&e))?
        .map_err(|e| ApiError::internal(&e))?;
    Ok(ListReply {
        article,
        page,
        per_page: PER_PAGE,
        total: found.total,
        comments: found
            .comments
            .into_iter()
            .map(|c| ListedComment {
                id: c.id,
                name: c.name,
                content: c.content,
                created_at: rfc3339(c.created_at_ms),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spam_needs_a_filled_honeypot_or_inhuman_speed() {
        let ten = "Bài viết rất hay và bổ ích cho mọi người";
        assert_eq!(spam_reason("", None, ten), None);
        assert_eq!(spam_reason("  ", Some(2000), ten), None);
        assert_eq!(spam_reason("", Some(1999), ten), Some("too-fast"));
        assert_eq!(spam_reason("", Some(0), ten), Some("too-fast"));
        assert_eq!(spam_reason("http://x", Some(60_000), ten), Some("honeypot"));
    }

    #[test]
    fn content_types_ignore_parameters_and_case() {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("Application/JSON; charset=UTF-8"),
        );
        assert_eq!(content_type(&h), Some("application/json"));
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        assert_eq!(content_type(&h), None);
    }
}
