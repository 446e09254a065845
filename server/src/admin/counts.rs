//! Counts: the desk's tabs (for its live counts) and, for the site's article lists,
//! `GET /api/counts?article=A&article=B` with the published counts.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::{DeskError, Fields};
use crate::reply::{json, ApiError};
use crate::state::AppState;
use crate::store::admin::StateCounts;
use crate::store::PageStart;

/// Articles one `GET /api/counts` may ask about.
pub const MAX_ARTICLES: usize = 100;

/// The count of each tab, by its code.
#[derive(Serialize)]
pub struct DeskCounts {
    pending: u64,
    spam: u64,
    published: u64,
    rejected: u64,
    deleted: u64,
}

impl From<StateCounts> for DeskCounts {
    fn from(c: StateCounts) -> DeskCounts {
        DeskCounts {
            pending: c.pending,
            spam: c.spam,
            published: c.published,
            rejected: c.rejected,
            deleted: c.deleted,
        }
    }
}

/// `GET /admin/counts`: the tabs' counts, for the script's live update.
pub async fn desk(State(state): State<Arc<AppState>>) -> Response {
    match state.desk.store().counts(None).await {
        Ok(counts) => json(StatusCode::OK, &DeskCounts::from(counts)),
        Err(e) => DeskError::from(e).into_response(),
    }
}

/// The reply of `GET /api/counts`.
#[derive(Serialize)]
struct ArticleCounts {
    /// Published comments per article asked about.
    counts: BTreeMap<String, u64>,
}

/// `GET /api/counts?article=A&article=B`: published comments per article.
pub async fn public(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let fields = Fields::query(&req);
    let mut articles: Vec<String> = fields
        .all("article")
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    articles.sort_unstable();
    articles.dedup();
    if articles.is_empty() {
        return ApiError::bad_request("missing query parameter `article`").into_response();
    }
    if articles.len() > MAX_ARTICLES {
        return ApiError::bad_request(format!("at most {MAX_ARTICLES} articles at once"))
            .into_response();
    }
    let mut counts = BTreeMap::new();
    for article in articles {
        let page = state
            .store
            .published(article.clone(), PageStart::Offset(0), 0);
        match page.await {
            Ok(page) => counts.insert(article, page.total),
            Err(e) => return ApiError::internal(&e).into_response(),
        };
    }
    json(StatusCode::OK, &ArticleCounts { counts })
}
