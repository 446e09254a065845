//! `GET /api/comments?article=ID&page=N`: one page of an article's published comments.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use binhluan_contract::{CommentPage, EndpointRules, ListQuery, ListedComment};

use crate::reply::{json, ApiError};
use crate::state::AppState;
use crate::time::rfc3339;

/// Comments per page of `GET /api/comments`.
pub const PER_PAGE: u32 = 20;
/// Highest page number accepted (keeps offsets small).
const MAX_PAGE: u32 = 100_000;

/// The handler of `GET /api/comments`.
pub async fn list(State(state): State<Arc<AppState>>, req: Request) -> Response {
    match list_page(&state, req.uri().query().unwrap_or("")).await {
        Ok(page) => json(StatusCode::OK, &page),
        Err(e) => e.into_response(),
    }
}

async fn list_page(state: &AppState, query: &str) -> Result<CommentPage, ApiError> {
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
    let closed = crate::admin::is_closed(state, &article).await?;
    Ok(CommentPage {
        article,
        page,
        per_page: PER_PAGE,
        total: found.total,
        closed,
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
        rules: Some(EndpointRules {
            min_words: state.rules.min_words,
            max_length: state.rules.max_length,
            emails_are_links: state.rules.emails_are_links,
        }),
    })
}
