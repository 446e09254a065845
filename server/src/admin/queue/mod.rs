//! The queue: a tab per state with its count, filters, cursor pages, and each comment with
//! what an editor judges it by (the text as text, the article, the rules' verdict, typing).

mod item;
mod labels;
mod view;

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;

use super::html::{self, esc, query_value};
use super::{DeskError, Fields};
use crate::state::AppState;
use crate::store::admin::{Action, AuditEntry, DeskState, Order, QueueQuery, Session, StateCounts};
use item::item_html;
use labels::actions_from;
use view::View;

pub use labels::{action_label, reason_label, state_label, REJECT_REASONS};

/// Comments per page of the queue.
pub const QUEUE_PAGE: u32 = 50;

/// `GET /admin/`: one tab of the queue.
pub async fn page(
    State(state): State<Arc<AppState>>,
    Extension(editor): Extension<Session>,
    req: Request,
) -> Result<Response, DeskError> {
    let view = View::of(&Fields::query(&req))?;
    let store = state.desk.store();
    let query = QueueQuery {
        state: view.state,
        article: view.article.clone(),
        search: view.search.clone(),
        order: view.order,
        after: view.after,
        limit: QUEUE_PAGE,
    };
    let counts = store.counts(view.article.clone()).await?;
    let page = store.queue(query).await?;
    let closed = match &view.article {
        Some(a) => Some(store.is_closed(a.clone()).await?),
        None => None,
    };
    let done = match view.done {
        Some(id) => store.audit(Some(id + 1), None, 1).await?.pop(),
        None => None,
    };
    let mut body = String::new();
    body.push_str("<h1>Hàng chờ bình luận</h1>");
    if let Some(entry) = done.filter(|e| e.actor == editor.name) {
        body.push_str(&done_banner(
            &entry,
            &editor,
            &view.href(view.state, view.after),
        ));
    }
    body.push_str(&tabs(&view, &counts));
    body.push_str(&filters(&view));
    if let (Some(article), Some(closed)) = (&view.article, closed) {
        body.push_str(&close_form(
            article,
            closed,
            &editor,
            &view.href(view.state, None),
        ));
    }
    let back = view.href(view.state, view.after);
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/admin/actions\" id=\"queue\" class=\"queue\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <input type=\"hidden\" name=\"back\" value=\"{}\">",
        esc(&editor.csrf),
        esc(&back)
    );
    if page.items.is_empty() {
        body.push_str("<p class=\"empty\">Không còn bình luận nào ở đây.</p>");
    } else {
        body.push_str(&bulk_bar(view.state, &editor));
        body.push_str(
            "<p class=\"keys\" id=\"keys\">Phím tắt: <kbd>j</kbd>/<kbd>k</kbd> chuyển, \
             <kbd>a</kbd> duyệt, <kbd>r</kbd> từ chối, <kbd>s</kbd> spam, <kbd>x</kbd> chọn, \
             <kbd>u</kbd> hoàn tác.</p><ol class=\"items\">",
        );
        for c in &page.items {
            body.push_str("<li>");
            body.push_str(&item_html(c, &state.rules, &editor, true));
            body.push_str("</li>");
        }
        body.push_str("</ol>");
    }
    body.push_str("</form>");
    body.push_str("<nav class=\"pager\" aria-label=\"Trang\">");
    if view.after.is_some() {
        let _ = write!(
            body,
            "<a href=\"{}\">Về trang đầu</a> ",
            esc(&view.href(view.state, None))
        );
    }
    if let Some(next) = page.next {
        let _ = write!(
            body,
            "<a href=\"{}\" rel=\"next\">Trang sau</a>",
            esc(&view.href(view.state, Some(next)))
        );
    }
    body.push_str("</nav><p class=\"live\" role=\"status\" aria-live=\"polite\" id=\"live\"></p>");
    Ok(html::page(
        StatusCode::OK,
        state_label(view.state),
        Some(&editor),
        &body,
    ))
}

fn tabs(view: &View, counts: &StateCounts) -> String {
    let mut out = String::from("<nav class=\"tabs\" aria-label=\"Trạng thái\"><ul>");
    for s in DeskState::ALL {
        let current = if s == view.state {
            " aria-current=\"page\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<li><a href=\"{}\"{current} data-tab=\"{}\">{} <span class=\"count\">{}</span></a></li>",
            esc(&view.href(s, None)),
            s.as_str(),
            state_label(s),
            counts.of(s)
        );
    }
    out.push_str("</ul></nav>");
    out
}

fn filters(view: &View) -> String {
    let selected = |o: Order| if view.order == o { " selected" } else { "" };
    format!(
        "<form method=\"get\" action=\"/admin/\" class=\"filters\" role=\"search\">\
         <input type=\"hidden\" name=\"tab\" value=\"{}\">\
         <p><label for=\"f-article\">Bài viết (mã)</label>\
         <input id=\"f-article\" name=\"article\" value=\"{}\"></p>\
         <p><label for=\"f-q\">Tìm trong nội dung, tên</label>\
         <input id=\"f-q\" name=\"q\" type=\"search\" value=\"{}\"></p>\
         <p><label for=\"f-sort\">Thứ tự</label><select id=\"f-sort\" name=\"sort\">\
         <option value=\"newest\"{}>Mới nhất trước</option>\
         <option value=\"oldest\"{}>Cũ nhất trước</option></select></p>\
         <p><button type=\"submit\">Lọc</button> <a href=\"/admin/?tab={}\">Bỏ lọc</a></p></form>",
        view.state.as_str(),
        esc(view.article.as_deref().unwrap_or("")),
        esc(view.search.as_deref().unwrap_or("")),
        selected(Order::NewestFirst),
        selected(Order::OldestFirst),
        view.state.as_str(),
    )
}

fn close_form(article: &str, closed: bool, editor: &Session, back: &str) -> String {
    let (action, note) = if closed {
        (Action::Reopen, "Bài này đang đóng bình luận.")
    } else {
        (Action::Close, "Bài này đang nhận bình luận.")
    };
    format!(
        "<form method=\"post\" action=\"/admin/articles\" class=\"article-state\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <input type=\"hidden\" name=\"article\" value=\"{}\">\
         <input type=\"hidden\" name=\"back\" value=\"{}\">\
         <p>{note} <button type=\"submit\" name=\"action\" value=\"{}\">{}</button></p></form>",
        esc(&editor.csrf),
        esc(article),
        esc(back),
        action.as_str(),
        action_label(action).0
    )
}

fn bulk_bar(state: DeskState, editor: &Session) -> String {
    let mut out = String::from(
        "<fieldset class=\"bulk\"><legend>Với các bình luận đã chọn</legend>\
         <p><label for=\"reason\">Lý do từ chối</label><select id=\"reason\" name=\"reason\">\
         <option value=\"\">(không ghi)</option>",
    );
    for (code, label) in REJECT_REASONS {
        let _ = write!(out, "<option value=\"{code}\">{label}</option>");
    }
    out.push_str("</select></p><p>");
    for action in actions_from(state, editor) {
        let _ = write!(
            out,
            "<button type=\"submit\" name=\"action\" value=\"{}\">{} mục đã chọn</button> ",
            action.as_str(),
            action_label(action).0
        );
    }
    out.push_str("</p></fieldset>");
    out
}

/// The banner after an action, with its undo.
fn done_banner(entry: &AuditEntry, editor: &Session, back: &str) -> String {
    let n = entry.changes.len();
    let what = match entry.action {
        Action::Undo => "Đã hoàn tác",
        Action::Approve => "Đã duyệt",
        Action::Reject => "Đã từ chối",
        Action::Spam => "Đã đánh dấu spam",
        Action::Delete => "Đã xoá",
        Action::Restore => "Đã khôi phục",
        Action::Purge => "Đã xoá hẳn",
        Action::Close | Action::Reopen => "Đã đổi",
    };
    let undo = if matches!(entry.action, Action::Undo | Action::Purge) {
        String::new()
    } else {
        format!(
            "<form method=\"post\" action=\"/admin/undo\" class=\"undo\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <input type=\"hidden\" name=\"entry\" value=\"{}\">\
             <input type=\"hidden\" name=\"back\" value=\"{}\">\
             <button type=\"submit\">Hoàn tác</button></form>",
            esc(&editor.csrf),
            entry.id,
            esc(back)
        )
    };
    format!("<div class=\"done\" role=\"status\"><p>{what} {n} bình luận.</p>{undo}</div>")
}

/// `GET /admin/comments/{id}`: one comment and its history.
pub async fn item(
    State(state): State<Arc<AppState>>,
    Extension(editor): Extension<Session>,
    Path(id): Path<i64>,
) -> Result<Response, DeskError> {
    let store = state.desk.store();
    let comment = store.comment(id).await?;
    let history = store.audit(None, Some(id), 200).await?;
    let comment = comment.ok_or(DeskError::NotFound)?;
    let mut body = format!("<h1>Bình luận #{id}</h1>");
    let back = format!("/admin/comments/{id}");
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/admin/actions\" class=\"queue\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <input type=\"hidden\" name=\"back\" value=\"{}\">{}</form>",
        esc(&editor.csrf),
        esc(&back),
        item_html(&comment, &state.rules, &editor, true)
    );
    body.push_str("<h2>Lịch sử</h2>");
    body.push_str(&super::audit::entries_table(&history));
    Ok(html::page(
        StatusCode::OK,
        &format!("Bình luận #{id}"),
        Some(&editor),
        &body,
    ))
}
