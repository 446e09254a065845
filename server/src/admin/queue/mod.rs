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

use crate::admin::text::{fill, Locale, Text};
pub use labels::{action_label, reason_label, state_label, REJECT_REASONS};

/// Comments per page of the queue.
pub const QUEUE_PAGE: u32 = 50;

/// `GET /admin/`: one tab of the queue.
pub async fn page(
    State(state): State<Arc<AppState>>,
    Extension(editor): Extension<Session>,
    locale: Locale,
    req: Request,
) -> Result<Response, DeskError> {
    let t = locale.text();
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
    let _ = write!(body, "<h1>{}</h1>", t.queue_heading);
    if let Some(entry) = done.filter(|e| e.actor == editor.name) {
        body.push_str(&done_banner(
            &entry,
            &editor,
            &view.href(view.state, view.after),
            t,
        ));
    }
    body.push_str(&tabs(&view, &counts, t));
    body.push_str(&filters(&view, t));
    if let (Some(article), Some(closed)) = (&view.article, closed) {
        body.push_str(&close_form(
            article,
            closed,
            &editor,
            &view.href(view.state, None),
            t,
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
        let _ = write!(body, "<p class=\"empty\">{}</p>", t.queue_empty);
    } else {
        body.push_str(&bulk_bar(view.state, &editor, t));
        let _ = write!(
            body,
            "<p class=\"keys\" id=\"keys\">{}</p><ol class=\"items\">",
            t.keys_help
        );
        for c in &page.items {
            body.push_str("<li>");
            body.push_str(&item_html(c, &state.rules, &editor, true, t));
            body.push_str("</li>");
        }
        body.push_str("</ol>");
    }
    body.push_str("</form>");
    let _ = write!(
        body,
        "<nav class=\"pager\" aria-label=\"{}\">",
        t.pager_label
    );
    if view.after.is_some() {
        let _ = write!(
            body,
            "<a href=\"{}\">{}</a> ",
            esc(&view.href(view.state, None)),
            t.first_page
        );
    }
    if let Some(next) = page.next {
        let _ = write!(
            body,
            "<a href=\"{}\" rel=\"next\">{}</a>",
            esc(&view.href(view.state, Some(next))),
            t.next_page
        );
    }
    // The script's own sentences come with the page, in its language.
    let _ = write!(
        body,
        "</nav><p class=\"live\" role=\"status\" aria-live=\"polite\" id=\"live\" \
         data-nothing-to-undo=\"{}\" data-failed=\"{}\"></p>",
        esc(t.js_nothing_to_undo),
        esc(t.js_failed)
    );
    Ok(html::page(
        StatusCode::OK,
        &locale,
        state_label(view.state, t),
        Some(&editor),
        &body,
    ))
}

fn tabs(view: &View, counts: &StateCounts, t: &Text) -> String {
    let mut out = format!("<nav class=\"tabs\" aria-label=\"{}\"><ul>", t.tabs_label);
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
            state_label(s, t),
            counts.of(s)
        );
    }
    out.push_str("</ul></nav>");
    out
}

fn filters(view: &View, t: &Text) -> String {
    let selected = |o: Order| if view.order == o { " selected" } else { "" };
    format!(
        "<form method=\"get\" action=\"/admin/\" class=\"filters\" role=\"search\">\
         <input type=\"hidden\" name=\"tab\" value=\"{}\">\
         <p><label for=\"f-article\">{}</label>\
         <input id=\"f-article\" name=\"article\" value=\"{}\"></p>\
         <p><label for=\"f-q\">{}</label>\
         <input id=\"f-q\" name=\"q\" type=\"search\" value=\"{}\"></p>\
         <p><label for=\"f-sort\">{}</label><select id=\"f-sort\" name=\"sort\">\
         <option value=\"newest\"{}>{}</option>\
         <option value=\"oldest\"{}>{}</option></select></p>\
         <p><button type=\"submit\">{}</button> <a href=\"/admin/?tab={}\">{}</a></p></form>",
        view.state.as_str(),
        t.filter_article,
        esc(view.article.as_deref().unwrap_or("")),
        t.filter_search,
        esc(view.search.as_deref().unwrap_or("")),
        t.filter_order,
        selected(Order::NewestFirst),
        t.newest_first,
        selected(Order::OldestFirst),
        t.oldest_first,
        t.filter_apply,
        view.state.as_str(),
        t.filter_clear,
    )
}

fn close_form(article: &str, closed: bool, editor: &Session, back: &str, t: &Text) -> String {
    let (action, note) = if closed {
        (Action::Reopen, t.article_closed_note)
    } else {
        (Action::Close, t.article_open_note)
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
        action_label(action, t)
    )
}

fn bulk_bar(state: DeskState, editor: &Session, t: &Text) -> String {
    let mut out = format!(
        "<fieldset class=\"bulk\"><legend>{}</legend>\
         <p><label for=\"reason\">{}</label><select id=\"reason\" name=\"reason\">\
         <option value=\"\">{}</option>",
        t.bulk_legend, t.reject_reason, t.no_reason
    );
    for (code, label) in REJECT_REASONS {
        let _ = write!(out, "<option value=\"{code}\">{}</option>", label(t));
    }
    out.push_str("</select></p><p>");
    for action in actions_from(state, editor) {
        let _ = write!(
            out,
            "<button type=\"submit\" name=\"action\" value=\"{}\">{}</button> ",
            action.as_str(),
            fill(t.bulk_button, &[("action", action_label(action, t))])
        );
    }
    out.push_str("</p></fieldset>");
    out
}

/// The banner after an action, with its undo.
fn done_banner(entry: &AuditEntry, editor: &Session, back: &str, t: &Text) -> String {
    let what = match entry.action {
        Action::Undo => t.done_undo,
        Action::Approve => t.done_approve,
        Action::Reject => t.done_reject,
        Action::Spam => t.done_spam,
        Action::Delete => t.done_delete,
        Action::Restore => t.done_restore,
        Action::Purge => t.done_purge,
        Action::Close | Action::Reopen => t.done_other,
    };
    let undo = if matches!(entry.action, Action::Undo | Action::Purge) {
        String::new()
    } else {
        format!(
            "<form method=\"post\" action=\"/admin/undo\" class=\"undo\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <input type=\"hidden\" name=\"entry\" value=\"{}\">\
             <input type=\"hidden\" name=\"back\" value=\"{}\">\
             <button type=\"submit\">{}</button></form>",
            esc(&editor.csrf),
            entry.id,
            esc(back),
            t.action_undo
        )
    };
    format!(
        "<div class=\"done\" role=\"status\"><p>{}</p>{undo}</div>",
        fill(
            t.done_sentence,
            &[
                ("what", what),
                ("comments", &t.comments(entry.changes.len()))
            ]
        )
    )
}

/// `GET /admin/comments/{id}`: one comment and its history.
pub async fn item(
    State(state): State<Arc<AppState>>,
    Extension(editor): Extension<Session>,
    locale: Locale,
    Path(id): Path<i64>,
) -> Result<Response, DeskError> {
    let t = locale.text();
    let store = state.desk.store();
    let comment = store.comment(id).await?;
    let history = store.audit(None, Some(id), 200).await?;
    let comment = comment.ok_or(DeskError::NotFound)?;
    let heading = fill(t.comment_heading, &[("id", &id.to_string())]);
    let mut body = format!("<h1>{heading}</h1>");
    let back = format!("/admin/comments/{id}");
    let _ = write!(
        body,
        "<form method=\"post\" action=\"/admin/actions\" class=\"queue\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <input type=\"hidden\" name=\"back\" value=\"{}\">{}</form>",
        esc(&editor.csrf),
        esc(&back),
        item_html(&comment, &state.rules, &editor, true, t)
    );
    let _ = write!(body, "<h2>{}</h2>", t.history);
    body.push_str(&super::audit::entries_table(&history, t));
    Ok(html::page(
        StatusCode::OK,
        &locale,
        &heading,
        Some(&editor),
        &body,
    ))
}
