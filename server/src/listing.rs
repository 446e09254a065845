//! `GET /api/comments?article=ID&page=N` or `&after=CURSOR`: one page of an article's
//! published comments, the first pages by number, any page by the cursor of the one before.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use binhluan_contract::{CommentPage, EndpointRules, ListQuery, ListedComment};

use crate::reply::{json, ApiError};
use crate::state::AppState;
use crate::store::{Cursor, PageStart};
use crate::time::rfc3339;

/// Comments per page of `GET /api/comments`.
pub const PER_PAGE: u32 = 20;
/// Highest page number accepted: an offset costs what it skips, so deeper pages are
/// reached by `after`, which costs the same at any depth.
const MAX_PAGE: u32 = 50;
/// Published lists may be shared by caches (a CDN) for this long: a spike of readers of one
/// article costs the server one request per article every few seconds.
const SHARED_CACHE: &str = "public, max-age=0, s-maxage=5";

/// The handler of `GET /api/comments`.
pub async fn list(State(state): State<Arc<AppState>>, req: Request) -> Response {
    match list_page(&state, req.uri().query().unwrap_or("")).await {
        Ok(page) => {
            let mut reply = json(StatusCode::OK, &page);
            reply.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(SHARED_CACHE),
            );
            reply
        }
        Err(e) => e.into_response(),
    }
}

/// The `next` of a page: the number of the page it starts, and the last comment listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PageCursor {
    page: u32,
    last: Cursor,
}

impl PageCursor {
    fn encode(self) -> String {
        format!("{}.{}.{}", self.page, self.last.created_at_ms, self.last.id)
    }

    fn decode(text: &str) -> Option<PageCursor> {
        let mut parts = text.trim().splitn(3, '.');
        let page = parts.next()?.parse().ok().filter(|p| *p >= 1)?;
        let created_at_ms = parts.next()?.parse().ok()?;
        let id = parts.next()?.parse().ok()?;
        Some(PageCursor {
            page,
            last: Cursor { created_at_ms, id },
        })
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
    let (page, start) = match (
        q.after.as_deref().map(str::trim),
        q.page.as_deref().map(str::trim),
    ) {
        (Some(after), _) if !after.is_empty() => {
            let cursor = PageCursor::decode(after)
                .ok_or_else(|| ApiError::bad_request("`after` is not a `next` of this server"))?;
            (cursor.page, PageStart::After(cursor.last))
        }
        (_, None | Some("")) => (1, PageStart::Offset(0)),
        (_, Some(p)) => {
            let page = p
                .parse::<u32>()
                .ok()
                .filter(|p| (1..=MAX_PAGE).contains(p))
                .ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "`page` must be 1 to {MAX_PAGE}; go further with `after`"
                    ))
                })?;
            (
                page,
                PageStart::Offset(u64::from(page - 1) * u64::from(PER_PAGE)),
            )
        }
    };
    let found = state
        .store
        .published(article.clone(), start, PER_PAGE)
        .await
        .map_err(|e| ApiError::internal(&e))?;
    let closed = crate::admin::is_closed(state, &article).await?;
    let next = found.next.map(|last| {
        PageCursor {
            page: page.saturating_add(1),
            last,
        }
        .encode()
    });
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
        next,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_and_refuse_anything_else() {
        let cursor = PageCursor {
            page: 7,
            last: Cursor {
                created_at_ms: 1_700_000_000_123,
                id: 42,
            },
        };
        assert_eq!(PageCursor::decode(&cursor.encode()), Some(cursor));
        for bad in [
            "", "1", "1.2", "0.1.2", "x.1.2", "1.2.x", "1.2.3.4", "-1.2.3",
        ] {
            assert_eq!(PageCursor::decode(bad), None, "{bad}");
        }
    }
}
