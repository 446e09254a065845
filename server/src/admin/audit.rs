//! "Nhật ký": every action, who did it, when, and which comments it moved from where.

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;

use super::actions::reason_text;
use super::html::{self, esc, query_value};
use super::queue::{action_label, state_label};
use super::{DeskError, Fields};
use crate::state::AppState;
use crate::store::admin::{AuditEntry, Session};

/// Entries per page of the log.
const LOG_PAGE: u32 = 50;

/// `GET /admin/log?before=ID`: one page of the log, newest first.
pub async fn page(
    State(state): State<Arc<AppState>>,
    Extension(editor): Extension<Session>,
    req: Request,
) -> Result<Response, DeskError> {
    let before = match Fields::query(&req).get("before") {
        None => None,
        Some(b) => Some(
            b.parse::<i64>()
                .map_err(|_| DeskError::BadRequest("Địa chỉ trang không hợp lệ."))?,
        ),
    };
    let entries = state.desk.store().audit(before, None, LOG_PAGE).await?;
    let mut body = String::from("<h1>Nhật ký</h1>");
    body.push_str(&entries_table(&entries));
    if entries.len() == LOG_PAGE as usize {
        if let Some(last) = entries.last() {
            let _ = write!(
                body,
                "<nav class=\"pager\" aria-label=\"Trang\"><a href=\"/admin/log?before={}\" \
                 rel=\"next\">Cũ hơn</a></nav>",
                last.id
            );
        }
    }
    Ok(html::page(StatusCode::OK, "Nhật ký", Some(&editor), &body))
}

/// The log as a table (also on each comment's page).
pub fn entries_table(entries: &[AuditEntry]) -> String {
    if entries.is_empty() {
        return "<p>Chưa có thao tác nào.</p>".to_owned();
    }
    let mut out = String::from(
        "<table class=\"log\"><caption>Các thao tác, mới nhất trước</caption><thead><tr>\
         <th scope=\"col\">Lúc</th><th scope=\"col\">Người làm</th>\
         <th scope=\"col\">Thao tác</th><th scope=\"col\">Bình luận</th></tr></thead><tbody>",
    );
    for e in entries {
        let mut what = action_label(e.action).0.to_owned();
        if let Some(undone) = e.undoes {
            let _ = write!(what, " thao tác #{undone}");
        }
        let reason = reason_text(e.reason.as_deref());
        if !reason.is_empty() {
            let _ = write!(what, " ({reason})");
        }
        let mut moved = String::new();
        if let Some(article) = &e.article_id {
            let _ = write!(
                moved,
                "bài <a href=\"/admin/?article={}\">{}</a>",
                query_value(article),
                esc(article)
            );
        }
        for (i, c) in e.changes.iter().enumerate() {
            if i > 0 {
                moved.push_str(", ");
            }
            let _ = write!(
                moved,
                "<a href=\"/admin/comments/{id}\">#{id}</a> {} → {}",
                state_label(c.from),
                state_label(c.to),
                id = c.comment_id
            );
        }
        let _ = write!(
            out,
            "<tr id=\"e{}\"><td>{}</td><td>{}</td><td>#{} {what}</td><td>{moved}</td></tr>",
            e.id,
            html::time(e.at_ms),
            esc(&e.actor),
            e.id
        );
    }
    out.push_str("</tbody></table>");
    out
}
