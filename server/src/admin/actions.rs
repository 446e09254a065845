//! What editors do: act on one comment or a selection, undo, close or reopen an article.
//! A form gets a redirect back (with the entry to undo); the desk's script asks for JSON.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use serde::Serialize;

use super::html::{self, esc, query_value};
use super::queue::{action_label, reason_label, REJECT_REASONS};
use super::{local_path, DeskError, Fields};
use crate::reply::json;
use crate::state::AppState;
use crate::store::admin::{Action, AuditEntry, DeskState, Moderation, Role, Session};
use crate::time::now_ms;

/// Comments one action may move at most.
const MAX_SELECTION: usize = 500;

/// What the script is told after an action.
#[derive(Serialize)]
struct Done {
    /// The audit entry (to undo), when something moved.
    entry: Option<i64>,
    /// The comments that moved, and where to.
    changed: Vec<Moved>,
    /// The counts per tab now.
    counts: super::counts::DeskCounts,
    /// A sentence for the status line.
    message: String,
}

#[derive(Serialize)]
struct Moved {
    id: i64,
    from: &'static str,
    to: &'static str,
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

/// `POST /admin/actions`: `one=ACTION:ID` (a comment's own button), or `action` with the
/// selected `id`s; `reason` for a rejection; `back` to return to.
pub async fn act(
    State(state): State<Arc<AppState>>,
    Extension(editor): Extension<Session>,
    Extension(fields): Extension<Fields>,
    headers: HeaderMap,
) -> Result<Response, DeskError> {
    let bad = DeskError::BadRequest("Thao tác không hợp lệ.");
    let (action, ids): (Action, Vec<i64>) = match fields.get("one") {
        Some(one) => {
            let (a, id) = one.split_once(':').ok_or(bad)?;
            let action = Action::parse(a).ok_or(DeskError::BadRequest("Thao tác không hợp lệ."))?;
            let id = id
                .parse()
                .map_err(|_| DeskError::BadRequest("Thao tác không hợp lệ."))?;
            (action, vec![id])
        }
        None => {
            let action = fields
                .get("action")
                .and_then(Action::parse)
                .ok_or(DeskError::BadRequest("Thao tác không hợp lệ."))?;
            let ids = fields
                .all("id")
                .map(|id| id.trim().parse::<i64>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| DeskError::BadRequest("Mã bình luận không hợp lệ."))?;
            (action, ids)
        }
    };
    if !matches!(
        action,
        Action::Approve | Action::Reject | Action::Spam | Action::Delete | Action::Restore
    ) {
        return Err(DeskError::BadRequest("Thao tác không hợp lệ."));
    }
    if ids.len() > MAX_SELECTION {
        return Err(DeskError::BadRequest("Chọn quá nhiều bình luận một lần."));
    }
    let reason = fields
        .get("reason")
        .filter(|r| REJECT_REASONS.iter().any(|(code, _)| code == r))
        .map(str::to_owned);
    let store = state.desk.store();
    if action == Action::Restore && editor.role != Role::Admin {
        // Bringing back what was deleted is an admin's call; an editor's restore only
        // moves rejected and spam comments back to the queue.
        for &id in &ids {
            if store
                .comment(id)
                .await?
                .is_some_and(|c| c.state == DeskState::Deleted)
            {
                return Err(DeskError::Forbidden(
                    "Chỉ quản trị viên (admin) mới khôi phục được bình luận đã xoá.",
                ));
            }
        }
    }
    let entry = store
        .moderate(Moderation {
            ids,
            action,
            reason,
            actor: editor.name.clone(),
            at_ms: now_ms(),
        })
        .await?;
    let counts = store.counts(None).await?;
    finish(&fields, &headers, entry, counts.into())
}

/// The reply after an action or an undo.
fn finish(
    fields: &Fields,
    headers: &HeaderMap,
    entry: Option<AuditEntry>,
    counts: super::counts::DeskCounts,
) -> Result<Response, DeskError> {
    if wants_json(headers) {
        let message = match &entry {
            Some(e) => format!(
                "{}: {} bình luận. Nhấn u để hoàn tác.",
                action_label(e.action).0,
                e.changes.len()
            ),
            None => "Không có bình luận nào thay đổi.".to_owned(),
        };
        let done = Done {
            entry: entry.as_ref().map(|e| e.id),
            changed: entry.as_ref().map_or_else(Vec::new, |e| {
                e.changes
                    .iter()
                    .map(|c| Moved {
                        id: c.comment_id,
                        from: c.from.as_str(),
                        to: c.to.as_str(),
                    })
                    .collect()
            }),
            counts,
            message,
        };
        return Ok(json(StatusCode::OK, &done));
    }
    let mut back = local_path(fields.get("back"));
    if let Some(e) = entry {
        back.push(if back.contains('?') { '&' } else { '?' });
        let _ = write!(back, "done={}", e.id);
    }
    Ok(Redirect::to(&back).into_response())
}

/// `POST /admin/undo`: takes back audit entry `entry`.
pub async fn undo(
    State(state): State<Arc<AppState>>,
    Extension(editor): Extension<Session>,
    Extension(fields): Extension<Fields>,
    headers: HeaderMap,
) -> Result<Response, DeskError> {
    let entry: i64 = fields
        .get("entry")
        .and_then(|e| e.parse().ok())
        .ok_or(DeskError::BadRequest("Không rõ thao tác cần hoàn tác."))?;
    let store = state.desk.store();
    let undone = store.undo(entry, editor.name.clone(), now_ms()).await?;
    let counts = store.counts(None).await?;
    finish(&fields, &headers, undone, counts.into())
}

/// `GET /admin/articles`: the articles closed to new comments, and a form to close one.
pub async fn articles(
    State(state): State<Arc<AppState>>,
    Extension(editor): Extension<Session>,
) -> Result<Response, DeskError> {
    let closed = state.desk.store().closed_articles().await?;
    let mut body = String::from("<h1>Bài đã đóng bình luận</h1>");
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/admin/articles\" class=\"article-state\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <input type=\"hidden\" name=\"back\" value=\"/admin/articles\">\
         <p><label for=\"close-article\">Mã bài viết</label>\
         <input id=\"close-article\" name=\"article\" required>\
         <button type=\"submit\" name=\"action\" value=\"close\">Đóng bình luận</button></p></form>",
        esc(&editor.csrf)
    );
    if closed.is_empty() {
        body.push_str("<p>Không có bài nào đang đóng bình luận.</p>");
    } else {
        body.push_str(
            "<table><caption>Các bài đang đóng</caption><thead><tr><th scope=\"col\">Bài viết</th>\
             <th scope=\"col\">Đóng lúc</th><th scope=\"col\">Người đóng</th>\
             <th scope=\"col\">Mở lại</th></tr></thead><tbody>",
        );
        for a in closed {
            let _ = write!(
                body,
                "<tr><td><a href=\"/admin/?article={}\">{}</a></td><td>{}</td><td>{}</td><td>\
                 <form method=\"post\" action=\"/admin/articles\">\
                 <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
                 <input type=\"hidden\" name=\"article\" value=\"{}\">\
                 <input type=\"hidden\" name=\"back\" value=\"/admin/articles\">\
                 <button type=\"submit\" name=\"action\" value=\"reopen\" \
                 aria-label=\"Mở lại bình luận cho bài {}\">Mở lại</button></form></td></tr>",
                query_value(&a.article_id),
                esc(&a.article_id),
                html::time(a.closed_at_ms),
                esc(&a.closed_by),
                esc(&editor.csrf),
                esc(&a.article_id),
                esc(&a.article_id),
            );
        }
        body.push_str("</tbody></table>");
    }
    Ok(html::page(
        StatusCode::OK,
        "Bài đã đóng",
        Some(&editor),
        &body,
    ))
}

/// `POST /admin/articles`: `action=close` or `reopen` for `article`.
pub async fn close(
    State(state): State<Arc<AppState>>,
    Extension(editor): Extension<Session>,
    Extension(fields): Extension<Fields>,
) -> Result<Response, DeskError> {
    let article = fields
        .get("article")
        .filter(|a| a.chars().count() <= 200)
        .ok_or(DeskError::BadRequest("Thiếu mã bài viết."))?
        .to_owned();
    let closed = match fields.get("action").and_then(Action::parse) {
        Some(Action::Close) => true,
        Some(Action::Reopen) => false,
        _ => return Err(DeskError::BadRequest("Thao tác không hợp lệ.")),
    };
    state
        .desk
        .store()
        .set_closed(article, closed, editor.name.clone(), now_ms())
        .await?;
    Ok(Redirect::to(&local_path(fields.get("back"))).into_response())
}

/// The sentence for a rejection's reason in the log.
pub fn reason_text(reason: Option<&str>) -> String {
    reason.map_or(String::new(), |r| esc(reason_label(r)))
}
