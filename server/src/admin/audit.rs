//! The log ("Nhật ký"): every action, who did it, when, and which comments it moved from where.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;

use super::html::{self, esc, query_value};
use super::queue::{action_label, reason_label, state_label};
use super::text::{fill, Locale, Text};
use super::{DeskError, Fields};
use crate::state::AppState;
use crate::store::admin::{AuditEntry, Session};

/// Entries per page of the log.
const LOG_PAGE: u32 = 50;

/// `GET /admin/log?before=ID`: one page of the log, newest first.
pub async fn page(
    State(state): State<Arc<AppState>>,
    Extension(editor): Extension<Session>,
    locale: Locale,
    req: Request,
) -> Result<Response, DeskError> {
    let t = locale.text();
    let before = match Fields::query(&req).get("before") {
        None => None,
        Some(b) => Some(
            b.parse::<i64>()
                .map_err(|_| DeskError::BadRequest(|t| t.bad_address))?,
        ),
    };
    let entries = state.desk.store().audit(before, None, LOG_PAGE).await?;
    let mut body = format!("<h1>{}</h1>", t.nav_log);
    body.push_str(&entries_table(&entries, t));
    if entries.len() == LOG_PAGE as usize {
        if let Some(last) = entries.last() {
            let _ = write!(
                body,
                "<nav class=\"pager\" aria-label=\"{}\"><a href=\"/admin/log?before={}\" \
                 rel=\"next\">{}</a></nav>",
                t.pager_label, last.id, t.older
            );
        }
    }
    Ok(html::page(
        StatusCode::OK,
        &locale,
        t.nav_log,
        Some(&editor),
        &body,
    ))
}

/// The log as a table (also on each comment's page).
pub fn entries_table(entries: &[AuditEntry], t: &Text) -> String {
    if entries.is_empty() {
        return format!("<p>{}</p>", t.no_entries);
    }
    let mut out = format!(
        "<table class=\"log\"><caption>{}</caption><thead><tr>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        t.log_caption, t.log_at, t.log_actor, t.log_action, t.log_comments
    );
    for e in entries {
        let action = action_label(e.action, t);
        let mut what = match e.undoes {
            Some(undone) => fill(
                t.log_undoes,
                &[("action", action), ("entry", &undone.to_string())],
            ),
            None => action.to_owned(),
        };
        if let Some(reason) = &e.reason {
            let _ = write!(what, " ({})", reason_label(reason, t));
        }
        let mut moved = String::new();
        if let Some(article) = &e.article_id {
            let link = format!(
                "<a href=\"/admin/?article={}\">{}</a>",
                query_value(article),
                esc(article)
            );
            moved.push_str(&fill(t.log_article, &[("article", &link)]));
        }
        for (i, c) in e.changes.iter().enumerate() {
            if i > 0 {
                moved.push_str(", ");
            }
            let _ = write!(
                moved,
                "<a href=\"/admin/comments/{id}\">#{id}</a> {} → {}",
                state_label(c.from, t),
                state_label(c.to, t),
                id = c.comment_id
            );
        }
        let _ = write!(
            out,
            "<tr id=\"e{}\"><td>{}</td><td>{}</td><td>#{} {what}</td><td>{moved}</td></tr>",
            e.id,
            html::time(e.at_ms, t),
            esc(&e.actor),
            e.id
        );
    }
    out.push_str("</tbody></table>");
    out
}
