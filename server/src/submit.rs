//! `POST /api/comments`: rate limit, body, fields, rules, store, and the reply in the form
//! the comment came in (JSON, or a page for a `<noscript>` form).

use std::net::IpAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use binhluan_contract::{Created, NewComment};

use crate::body::{read_body, Encoding};
use crate::form;
use crate::reply::{json, ApiError};
use crate::state::{AppState, Peer};
use crate::store::{NewComment as StoredComment, Outcome, Store, StoreError};
use crate::validate::validate;

/// The handler of `POST /api/comments`.
pub async fn post(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let encoding = match Encoding::of(&parts.headers) {
        Ok(encoding) => encoding,
        Err(e) => return e.into_response(),
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

/// The client's address: the TCP peer, or behind `--trust-forwarded-for N` proxies the
/// `X-Forwarded-For` entry N places from its end (the one the outermost proxy added). With
/// fewer entries than that, the request did not come through every proxy: the peer counts.
pub(crate) fn client_ip(state: &AppState, parts: &Parts) -> Option<IpAddr> {
    let hops = usize::from(state.trust_forwarded_for);
    let forwarded = (hops > 0)
        .then(|| {
            let entries: Vec<&str> = parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .collect();
            entries.len().checked_sub(hops).map(|i| entries[i])
        })
        .flatten()
        .and_then(|v| v.trim().parse().ok());
    forwarded.or_else(|| parts.extensions.get::<Peer>().map(|p| p.0.ip()))
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
    if let Some(ip) = peer {
        state.take_post(ip).await?;
    }
    let bytes = read_body(headers, body).await?;
    let submission: NewComment = match encoding {
        Encoding::Json => {
            serde_json::from_slice(&bytes).map_err(|e| ApiError::bad_request(e.to_string()))?
        }
        Encoding::Form => serde_urlencoded::from_bytes(&bytes)
            .map_err(|e| ApiError::bad_request(e.to_string()))?,
    };
    article_url.clone_from(&submission.article_url);
    let key = idempotency_key(headers)?
        .or_else(|| submission.idempotency_key.clone())
        .unwrap_or_default();
    let comment = validate(state, submission, key, peer)?;
    crate::admin::refuse_if_closed(state, &comment.article_id).await?;
    let outcome = store_once(state.store.as_ref(), comment)
        .await
        .map_err(|e| ApiError::internal(&e))??;
    match outcome {
        Outcome::Created { id, reply_status } | Outcome::Replayed { id, reply_status } => {
            Ok(Created {
                id,
                status: reply_status,
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

/// How long the same text on the same article is refused as a repeat.
pub const DUPLICATE_WINDOW_MS: i64 = 60 * 60 * 1000;

/// Stores `comment`, unless the article got the same text within [`DUPLICATE_WINDOW_MS`]
/// under another idempotency key (a retry under the same key is replayed by the store).
async fn store_once(
    store: &dyn Store,
    comment: StoredComment,
) -> Result<Result<Outcome, ApiError>, StoreError> {
    let repeated = store
        .has_recent_duplicate(
            comment.article_id.clone(),
            comment.content.clone(),
            comment.created_at_ms - DUPLICATE_WINDOW_MS,
            comment.idempotency_key.clone(),
        )
        .await?;
    if repeated {
        return Ok(Err(ApiError::new(
            StatusCode::CONFLICT,
            "duplicate",
            "Bạn đã gửi đúng bình luận này cho bài viết này rồi.",
            "You already posted this very comment on this article.",
        )));
    }
    store.insert(comment).await.map(Ok)
}

/// The `Idempotency-Key` header, which wins over the field of the same name.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    headers
        .get("idempotency-key")
        .map(|v| {
            v.to_str()
                .map(str::to_owned)
                .map_err(|_| ApiError::bad_request("Idempotency-Key is not visible ASCII"))
        })
        .transpose()
}
