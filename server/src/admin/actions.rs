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
use super::queue::{action_label, REJECT_REASONS};
use super::text::{fill, Locale};
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
    locale: Locale,
    headers: HeaderMap,
) -> Result<Response, DeskError> {
    let bad = DeskError::BadRequest(|t| t.bad_action);
    let (action, ids): (Action, Vec<i64>) = match fields.get("one") {
        Some(one) => {
            let (a, id) = one.split_once(':').ok_or(bad)?;
            let action = Action::parse(a).ok_or(bad)?;
            let id = id.parse().map_err(|_| bad)?;
            (action, vec![id])
        }
        None => {
            let action = fields.get("action").and_then(Action::parse).ok_or(bad)?;
            let ids = fields
                .all("id")
                .map(|id| id.trim().parse::<i64>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| DeskError::BadRequest(|t| t.bad_comment_id))?;
            (action, ids)
        }
    };
    if !matches!(
        action,
        Action::Approve | Action::Reject | Action::Spam | Action::Delete | Action::Restore
    ) {
        return Err(bad);
    }
    if ids.len() > MAX_SELECTION {
        return Err(DeskError::BadRequest(|t| t.too_many_selected));
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
                return Err(DeskError::Forbidden(|t| t.restore_is_admins));
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
    finish(&fields, &locale, &headers, entry, counts.into())
}

/// The reply after an action or an undo.
fn finish(
    fields: &Fields,
    locale: &Locale,
    headers: &HeaderMap,
    entry: Option<AuditEntry>,
    counts: super::counts::DeskCounts,
) -> Result<Response, DeskError> {
    if wants_json(headers) {
        let t = locale.text();
        let message = match &entry {
            Some(e) => fill(
                t.done_status,
                &[
                    ("action", action_label(e.action, t)),
                    ("comments", &t.comments(e.changes.len())),
                ],
            ),
            None => t.nothing_changed.to_owned(),
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
    locale: Locale,
    headers: HeaderMap,
) -> Result<Response, DeskError> {
    let entry: i64 = fields
        .get("entry")
        .and_then(|e| e.parse().ok())
        .ok_or(DeskError::BadRequest(|t| t.unknown_undo))?;
    let store = state.desk.store();
    let undone = store.undo(entry, editor.name.clone(), now_ms()).await?;
    let counts = store.counts(None).await?;
    finish(&fields, &locale, &headers, undone, counts.into())
}

/// `GET /admin/articles`: the articles closed to new comments, and a form to close one.
pub async fn articles(
    State(state): State<Arc<AppState>>,
    Extension(editor): Extension<Session>,
    locale: Locale,
) -> Result<Response, DeskError> {
    let t = locale.text();
    let closed = state.desk.store().closed_articles().await?;
    let mut body = format!("<h1>{}</h1>", t.closed_heading);
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/admin/articles\" class=\"article-state\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <input type=\"hidden\" name=\"back\" value=\"/admin/articles\">\
         <p><label for=\"close-article\">{}</label>\
         <input id=\"close-article\" name=\"article\" required>\
         <button type=\"submit\" name=\"action\" value=\"close\">{}</button></p></form>",
        esc(&editor.csrf),
        t.article_id,
        action_label(Action::Close, t)
    );
    if closed.is_empty() {
        let _ = write!(body, "<p>{}</p>", t.none_closed);
    } else {
        let _ = write!(
            body,
            "<table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th></tr></thead><tbody>",
            t.closed_caption, t.article, t.closed_at, t.closed_by, t.reopen
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
                 aria-label=\"{}\">{}</button></form></td></tr>",
                query_value(&a.article_id),
                esc(&a.article_id),
                html::time(a.closed_at_ms, t),
                esc(&a.closed_by),
                esc(&editor.csrf),
                esc(&a.article_id),
                fill(t.reopen_for, &[("article", &esc(&a.article_id))]),
                t.reopen,
            );
        }
        body.push_str("</tbody></table>");
    }
    Ok(html::page(
        StatusCode::OK,
        &locale,
        t.nav_closed,
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
        .ok_or(DeskError::BadRequest(|t| t.missing_article))?
        .to_owned();
    let closed = match fields.get("action").and_then(Action::parse) {
        Some(Action::Close) => true,
        Some(Action::Reopen) => false,
        _ => return Err(DeskError::BadRequest(|t| t.bad_action)),
    };
    state
        .desk
        .store()
        .set_closed(article, closed, editor.name.clone(), now_ms())
        .await?;
    Ok(Redirect::to(&local_path(fields.get("back"))).into_response())
}
