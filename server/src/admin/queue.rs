//! The queue: a tab per state with its count, filters, cursor pages, and each comment with
//! what an editor judges it by (the text as text, the article, the rules' verdict, typing).

use std::fmt::Write;
use std::sync::Arc;

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Extension;
use binhluan_rules::{check, DiacriticsVerdict, Rules};

use super::html::{self, esc, query_value};
use super::{blocking, DeskError, Fields};
use crate::state::AppState;
use crate::store::admin::{
    Action, AuditEntry, Cursor, DeskComment, DeskState, Order, QueueQuery, Role, Session,
    StateCounts,
};

/// Comments per page of the queue.
pub const QUEUE_PAGE: u32 = 50;

/// The tab's label.
pub fn state_label(state: DeskState) -> &'static str {
    match state {
        DeskState::Pending => "Chờ duyệt",
        DeskState::Spam => "Nghi spam",
        DeskState::Published => "Đã đăng",
        DeskState::Rejected => "Đã từ chối",
        DeskState::Deleted => "Đã xoá",
    }
}

/// The button's label, and the key the script binds it to.
pub fn action_label(action: Action) -> (&'static str, Option<char>) {
    match action {
        Action::Approve => ("Duyệt", Some('a')),
        Action::Reject => ("Từ chối", Some('r')),
        Action::Spam => ("Spam", Some('s')),
        Action::Delete => ("Xoá", None),
        Action::Restore => ("Khôi phục", None),
        Action::Undo => ("Hoàn tác", Some('u')),
        Action::Close => ("Đóng bình luận", None),
        Action::Reopen => ("Mở lại bình luận", None),
    }
}

/// The actions on comments, in the order of the buttons.
pub const COMMENT_ACTIONS: [Action; 5] = [
    Action::Approve,
    Action::Reject,
    Action::Spam,
    Action::Delete,
    Action::Restore,
];

/// The reasons an editor may give for a rejection: code and label.
pub const REJECT_REASONS: [(&str, &str); 5] = [
    ("off-topic", "Lạc đề"),
    ("abusive", "Xúc phạm, thô tục"),
    ("advertising", "Quảng cáo"),
    ("duplicate", "Trùng lặp"),
    ("misinformation", "Thông tin sai"),
];

/// The label of a stored rejection reason (an unknown code shows as itself).
pub fn reason_label(code: &str) -> &str {
    REJECT_REASONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, label)| label)
}

fn spam_label(code: &str) -> String {
    match code {
        "honeypot" => "điền vào ô bẫy dành cho máy (honeypot)".to_owned(),
        "too-fast" => "gõ nhanh hơn sức người (too-fast)".to_owned(),
        other => esc(other),
    }
}

/// What the queue's address asks for.
struct View {
    state: DeskState,
    article: Option<String>,
    search: Option<String>,
    order: Order,
    after: Option<Cursor>,
    done: Option<i64>,
}

impl View {
    fn of(fields: &Fields) -> Result<View, DeskError> {
        let bad = DeskError::BadRequest("Địa chỉ trang không hợp lệ.");
        Ok(View {
            state: match fields.get("tab") {
                None => DeskState::Pending,
                Some(t) => DeskState::parse(t).ok_or(bad)?,
            },
            article: fields.get("article").map(str::to_owned),
            search: fields.get("q").map(str::to_owned),
            order: match fields.get("sort") {
                Some("oldest") => Order::OldestFirst,
                _ => Order::NewestFirst,
            },
            after: match fields.get("after") {
                None => None,
                Some(a) => Some(
                    Cursor::decode(a)
                        .ok_or(DeskError::BadRequest("Địa chỉ trang không hợp lệ."))?,
                ),
            },
            done: fields.get("done").and_then(|d| d.parse().ok()),
        })
    }

    /// The address of this view with another tab and cursor (the filters kept).
    fn href(&self, state: DeskState, after: Option<Cursor>) -> String {
        let mut q = format!("/admin/?tab={}", state.as_str());
        if let Some(a) = &self.article {
            let _ = write!(q, "&article={}", query_value(a));
        }
        if let Some(s) = &self.search {
            let _ = write!(q, "&q={}", query_value(s));
        }
        if self.order == Order::OldestFirst {
            q.push_str("&sort=oldest");
        }
        if let Some(c) = after {
            let _ = write!(q, "&after={}", c.encode());
        }
        q
    }
}

/// `GET /admin/`: one tab of the queue.
pub async fn page(
    State(state): State<Arc<AppState>>,
    Extension(editor): Extension<Session>,
    req: Request,
) -> Result<Response, DeskError> {
    let view = View::of(&Fields::query(&req))?;
    let store = state.desk.store.clone();
    let query = QueueQuery {
        state: view.state,
        article: view.article.clone(),
        search: view.search.clone(),
        order: view.order,
        after: view.after,
        limit: QUEUE_PAGE,
    };
    let done = view.done;
    let (counts, page, closed, done) = blocking(move || {
        let counts = store.counts(query.article.as_deref())?;
        let page = store.queue(&query)?;
        let closed = match &query.article {
            Some(a) => Some(store.is_closed(a)?),
            None => None,
        };
        let done = match done {
            Some(id) => store.audit(Some(id + 1), None, 1)?.pop(),
            None => None,
        };
        Ok((counts, page, closed, done))
    })
    .await?;
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

/// The actions that move a comment out of `state` (restoring a deleted one is an admin's).
fn actions_from(state: DeskState, editor: &Session) -> impl Iterator<Item = Action> + '_ {
    COMMENT_ACTIONS.into_iter().filter(move |a| {
        a.target(state, None).is_some()
            && !(state == DeskState::Deleted && editor.role != Role::Admin)
    })
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

/// One comment as the desk shows it; `in_queue` adds its checkbox and buttons (which belong
/// to the queue's form).
fn item_html(c: &DeskComment, rules: &Rules, editor: &Session, in_queue: bool) -> String {
    let mut out = format!(
        "<article class=\"item\" id=\"c{id}\" data-id=\"{id}\" data-state=\"{}\" \
         tabindex=\"-1\" aria-labelledby=\"h{id}\">",
        c.state.as_str(),
        id = c.id
    );
    let name = if c.name.is_empty() {
        "(không tên)".to_owned()
    } else {
        esc(&c.name)
    };
    let _ = write!(
        out,
        "<h2 id=\"h{id}\" class=\"who\">{name} <span class=\"id\">#{id}</span></h2>",
        id = c.id
    );
    if in_queue {
        let _ = write!(
            out,
            "<p class=\"select\"><input type=\"checkbox\" name=\"id\" value=\"{id}\" id=\"s{id}\">\
             <label for=\"s{id}\">Chọn bình luận #{id}</label></p>",
            id = c.id
        );
    }
    let verdict = check(&c.content, rules);
    let _ = write!(
        out,
        "<blockquote class=\"content\"><p>{}</p></blockquote>",
        marked(&c.content, &verdict)
    );
    let title = if c.article_title.is_empty() {
        &c.article_id
    } else {
        &c.article_title
    };
    // Only http(s) addresses become links: a `javascript:` one from a forged post stays text.
    let article = if c.article_url.starts_with("https://") || c.article_url.starts_with("http://") {
        format!("<a href=\"{}\">{}</a>", esc(&c.article_url), esc(title))
    } else {
        esc(title)
    };
    let _ = write!(
        out,
        "<dl class=\"meta\"><dt>Bài viết</dt><dd>{article} \
         (<a href=\"/admin/?article={}\">mã {}</a>)</dd>\
         <dt>E-mail</dt><dd>{}</dd><dt>Địa chỉ IP</dt><dd>{}</dd>\
         <dt>Thời gian</dt><dd>{} (giờ Việt Nam)</dd>\
         <dt>Trạng thái</dt><dd>{}",
        query_value(&c.article_id),
        esc(&c.article_id),
        if c.email.is_empty() {
            "(không ghi)".to_owned()
        } else {
            esc(&c.email)
        },
        esc(&c.ip),
        html::time(c.created_at_ms),
        state_label(c.state),
    );
    if let Some(reason) = c
        .spam_reason
        .as_deref()
        // Held for review or filed as spam: the editor sees why.
        .filter(|_| matches!(c.state, DeskState::Spam | DeskState::Pending))
    {
        let _ = write!(out, ": {}", spam_label(reason));
    }
    if let Some(reason) = c
        .reject_reason
        .as_deref()
        .filter(|_| c.state == DeskState::Rejected)
    {
        let _ = write!(out, ": {}", esc(reason_label(reason)));
    }
    out.push_str("</dd>");
    out.push_str(&verdict_html(&verdict));
    out.push_str(&typing_html(c));
    out.push_str("</dl>");
    if in_queue {
        out.push_str("<p class=\"actions\">");
        for action in actions_from(c.state, editor) {
            let (label, key) = action_label(action);
            let keys = key.map_or(String::new(), |k| format!(" aria-keyshortcuts=\"{k}\""));
            let _ = write!(
                out,
                "<button type=\"submit\" name=\"one\" value=\"{}:{}\" data-action=\"{}\"{keys}>\
                 {label}</button> ",
                action.as_str(),
                c.id,
                action.as_str()
            );
        }
        let _ = write!(
            out,
            "<a href=\"/admin/comments/{}\">Chi tiết, lịch sử</a></p>",
            c.id
        );
    }
    out.push_str("</article>");
    out
}

/// The comment as text, with the spans the rules marked (words missing their marks, links)
/// in `<mark>`.
fn marked(content: &str, verdict: &binhluan_rules::Verdict) -> String {
    let mut spans: Vec<(u32, u32, &str)> = verdict
        .suspects
        .iter()
        .map(|s| (s.start, s.end, "suspect"))
        .chain(verdict.links.iter().map(|l| (l.start, l.end, "link")))
        .collect();
    spans.sort_unstable();
    let mut out = String::new();
    let mut units = 0u32;
    let mut open: Option<u32> = None;
    let mut spans = spans.into_iter().peekable();
    for ch in content.chars() {
        if open.is_some_and(|end| units >= end) {
            out.push_str("</mark>");
            open = None;
        }
        if open.is_none() {
            while spans.peek().is_some_and(|s| s.0 < units) {
                spans.next();
            }
            if let Some((_, end, kind)) = spans.next_if(|s| s.0 == units) {
                let title = if kind == "link" {
                    "liên kết"
                } else {
                    "thiếu dấu"
                };
                let _ = write!(out, "<mark class=\"{kind}\" title=\"{title}\">");
                open = Some(end);
            }
        }
        match ch {
            '\n' => out.push_str("<br>"),
            _ => out.push_str(&esc(ch.encode_utf8(&mut [0; 4]))),
        }
        units += ch.len_utf16() as u32;
    }
    if open.is_some() {
        out.push_str("</mark>");
    }
    out
}

fn verdict_html(v: &binhluan_rules::Verdict) -> String {
    let diacritics = match v.diacritics.verdict {
        DiacriticsVerdict::CoDau => "có dấu",
        DiacriticsVerdict::ThieuDau => "thiếu dấu",
        DiacriticsVerdict::KhongDau => "không dấu",
        DiacriticsVerdict::Undetermined => "không xác định",
    };
    let links = if v.links.is_empty() {
        "không có".to_owned()
    } else {
        v.links
            .iter()
            .map(|l| {
                format!(
                    "{} ({})",
                    esc(&l.text),
                    serde_json::to_value(l.rule)
                        .ok()
                        .and_then(|r| r.as_str().map(str::to_owned))
                        .unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "<dt>Máy chủ kiểm tra</dt><dd>{}: {} / {} chữ có dấu; {diacritics} (d = {:.2}); \
         liên kết: {links}; {} chữ thiếu dấu; {} / {} ký tự</dd>",
        if v.ok { "đạt" } else { "không đạt" },
        v.words,
        v.min_words,
        v.diacritics.d,
        v.suspects.len(),
        v.length,
        v.max_length
    )
}

fn typing_html(c: &DeskComment) -> String {
    let words = c.content.split_whitespace().count().max(1) as i64;
    let typing = match c.typing_ms {
        Some(ms) => format!("{:.1} giây ({} ms mỗi chữ)", ms as f64 / 1000.0, ms / words),
        None => "không đo được".to_owned(),
    };
    let client = match c.client_ok {
        Some(true) => "đạt",
        Some(false) => "không đạt",
        None => "không báo",
    };
    format!(
        "<dt>Gõ phím</dt><dd>{typing}; trình duyệt kết luận: {client}; phiên bản luật: {}</dd>",
        if c.client_rules_version.is_empty() {
            "(không báo)".to_owned()
        } else {
            esc(&c.client_rules_version)
        }
    )
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
        Action::Close | Action::Reopen => "Đã đổi",
    };
    let undo = if entry.action == Action::Undo {
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
    let store = state.desk.store.clone();
    let (comment, history) =
        blocking(move || Ok((store.comment(id)?, store.audit(None, Some(id), 200)?))).await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_wrap_links_and_words_without_marks_and_escape_the_rest() {
        let text = "Xem <b>tin</b> tai example.com nhé";
        let verdict = check(text, &Rules::default());
        let html = marked(text, &verdict);
        assert!(html.contains("&lt;b&gt;tin&lt;/b&gt;"), "{html}");
        assert!(
            html.contains("<mark class=\"link\" title=\"liên kết\">example.com</mark>"),
            "{html}"
        );
        assert!(!html.contains("<b>"));
    }
}
