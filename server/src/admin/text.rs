//! Every word the desk shows, in Vietnamese and in English: one table per language (the
//! compiler makes sure each has every message), and how a request's language is chosen.
//!
//! Messages with values are templates: `{name}` is replaced by [`fill`]; a template is
//! trusted markup, the values are escaped by whoever fills them.

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, Method};

use super::auth::cookie;
use super::Fields;

/// The desk's languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt, the desk's own language.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Both, in the order the desk offers them.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 code: `vi` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// `vi` or `en` (any case, any region: `en-GB` is English).
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The desk's messages in this language.
    pub fn text(self) -> &'static Text {
        match self {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// The other language, offered by the link on every page.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// The language for a browser's `Accept-Language`: Vietnamese whenever it accepts
    /// Vietnamese at all (the comments an editor reads are Vietnamese, and many newsrooms'
    /// browsers are set up in English), English when it accepts English but not
    /// Vietnamese, else none.
    pub fn from_accept_language(value: &str) -> Option<Lang> {
        let accepted: Vec<Lang> = value
            .split(',')
            .filter_map(|range| {
                let mut parts = range.split(';');
                let lang = parts.next().and_then(Lang::parse)?;
                let refused = parts
                    .filter_map(|p| p.trim().strip_prefix("q="))
                    .any(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0));
                (!refused).then_some(lang)
            })
            .collect();
        Lang::ALL.into_iter().find(|l| accepted.contains(l))
    }
}

/// The cookie that keeps an editor's choice of language (`?lang=en` on any desk page).
pub const LANG_COOKIE: &str = "binhluan_lang";

/// A request's language, and the address of the same page in the other one.
#[derive(Clone, Debug)]
pub struct Locale {
    /// The language the page is written in.
    pub lang: Lang,
    /// The link to this page in the other language.
    pub switch_href: String,
}

impl Locale {
    /// The language of `req`: `?lang=` if given, else the choice kept in the cookie, else
    /// the browser's `Accept-Language`, else `default`. Also says whether `?lang=` chose it
    /// (the choice is then kept).
    pub fn of(req: &Request, default: Lang) -> (Locale, Option<Lang>) {
        let query = Fields::query(req);
        let chosen = query.get("lang").and_then(Lang::parse);
        let lang = chosen
            .or_else(|| cookie(req.headers(), LANG_COOKIE).and_then(Lang::parse))
            .or_else(|| {
                req.headers()
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .and_then(Lang::from_accept_language)
            })
            .unwrap_or(default);
        let other = lang.other().code();
        // A form's reply has no address of its own to show again: the queue instead.
        let switch_href = if req.method() == Method::GET {
            let mut kept = form_urlencoded::Serializer::new(String::new());
            for (k, v) in query.pairs().filter(|(k, _)| *k != "lang") {
                kept.append_pair(k, v);
            }
            kept.append_pair("lang", other);
            format!("{}?{}", req.uri().path(), kept.finish())
        } else {
            format!("/admin/?lang={other}")
        };
        (Locale { lang, switch_href }, chosen)
    }

    /// The messages in this request's language.
    pub fn text(&self) -> &'static Text {
        self.lang.text()
    }
}

impl Default for Locale {
    /// The desk's own language, switching from the queue.
    fn default() -> Locale {
        let lang = Lang::default();
        Locale {
            lang,
            switch_href: format!("/admin/?lang={}", lang.other().code()),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Locale {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Locale, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Locale>()
            .cloned()
            .unwrap_or_default())
    }
}

/// `template` with each `{name}` replaced by its value in `values` (an unknown name stays).
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('}')
            .and_then(|close| Some((close, values.iter().find(|(n, _)| *n == &after[..close])?)))
        {
            Some((close, (_, value))) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A message looked up in the request's table when the page is written (an error's words).
pub type Message = fn(&Text) -> &'static str;

/// English month abbreviations, for a date template that asks for `{mon}`.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Text {
    /// `n` comments, "1 comment" or "3 comments".
    pub fn comments(&self, n: usize) -> String {
        let template = if n == 1 {
            self.comments_one
        } else {
            self.comments_many
        };
        fill(template, &[("n", &n.to_string())])
    }

    /// A time in Vietnam's zone from its RFC 3339 form (`2026-12-05T03:41:00Z`, already
    /// shifted), as the `date` template writes it.
    pub fn date(&self, local: &str) -> String {
        let month: usize = local[5..7].parse().unwrap_or(1);
        let day = &local[8..10];
        fill(
            self.date,
            &[
                ("hh", &local[11..13]),
                ("mm", &local[14..16]),
                ("dd", day),
                ("d", day.trim_start_matches('0')),
                ("mo", &local[5..7]),
                ("mon", MONTHS[month.clamp(1, 12) - 1]),
                ("yyyy", &local[0..4]),
            ],
        )
    }
}

macro_rules! messages {
    ($($(#[doc = $doc:literal])* $field:ident,)*) => {
        /// The desk's messages in one language.
        #[derive(Debug)]
        pub struct Text {
            $(
                #[doc = concat!("`", stringify!($field), "`: see [`VI`] and [`EN`].")]
                $(#[doc = $doc])*
                pub $field: &'static str,
            )*
        }

        impl Text {
            /// Every message with its name (tests compare the tables through it).
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}

messages! {
    /// The link to the other language, in that language.
    other_lang,
    /// The language links' label.
    lang_label,
    /// The desk's name, after each page's title.
    desk_title,
    /// The navigation's label.
    nav_label,
    nav_queue,
    nav_closed,
    nav_log,
    sign_out,
    sign_out_everywhere,
    skip_link,
    /// How a time reads: `{hh}`, `{mm}`, `{dd}` (`{d}` without a leading zero), `{mo}`
    /// (`{mon}` abbreviated), `{yyyy}`.
    date,
    time_zone_note,
    comments_one,
    comments_many,

    error_title,
    /// `{status}`.
    error_heading,
    back_to_queue,
    not_found,
    throttled,
    internal,
    form_too_large,
    bad_address,
    bad_action,
    bad_comment_id,
    too_many_selected,
    restore_is_admins,
    unknown_undo,
    missing_article,
    csrf_mismatch,
    sign_in_form_stale,
    wrong_password,

    signed_out_title,
    signed_out_text,
    sign_in,
    sign_in_heading,
    user_name,
    password,

    state_pending,
    state_spam,
    state_published,
    state_rejected,
    state_deleted,
    state_purged,
    action_approve,
    action_reject,
    action_spam,
    action_delete,
    action_restore,
    action_undo,
    action_close,
    action_reopen,
    action_purge,
    reason_off_topic,
    reason_abusive,
    reason_advertising,
    reason_duplicate,
    reason_misinformation,
    spam_honeypot,
    spam_too_fast,

    queue_heading,
    queue_empty,
    /// Markup: the keys in `<kbd>`.
    keys_help,
    tabs_label,
    pager_label,
    first_page,
    next_page,
    filter_article,
    filter_search,
    filter_order,
    newest_first,
    oldest_first,
    filter_apply,
    filter_clear,
    article_closed_note,
    article_open_note,
    bulk_legend,
    reject_reason,
    no_reason,
    /// `{action}`.
    bulk_button,
    done_undo,
    done_approve,
    done_reject,
    done_spam,
    done_delete,
    done_restore,
    done_purge,
    done_other,
    /// `{what}`, `{comments}`.
    done_sentence,
    /// `{action}`, `{comments}`: the script's status line.
    done_status,
    nothing_changed,
    /// `{id}`.
    comment_heading,
    history,

    no_name,
    /// `{id}`.
    select_comment,
    article,
    /// `{id}`.
    article_id_link,
    email,
    not_given,
    ip_address,
    time,
    state,
    details_link,
    mark_link,
    mark_suspect,
    verdict_label,
    pass,
    fail,
    co_dau,
    thieu_dau,
    khong_dau,
    undetermined,
    no_links,
    /// `{ok}`, `{words}`, `{min}`, `{diacritics}`, `{d}`, `{links}`, `{suspects}`,
    /// `{length}`, `{max}`.
    verdict,
    typing_label,
    /// `{secs}`, `{per_word}`.
    typing_time,
    not_measured,
    not_reported,
    /// `{typing}`, `{client}`, `{version}`.
    typing,

    closed_heading,
    article_id,
    none_closed,
    closed_caption,
    closed_at,
    closed_by,
    reopen,
    /// `{article}`.
    reopen_for,

    older,
    no_entries,
    log_caption,
    log_at,
    log_actor,
    log_action,
    log_comments,
    /// `{action}`, `{entry}`.
    log_undoes,
    /// `{article}`: a link.
    log_article,

    js_nothing_to_undo,
    /// `{error}`.
    js_failed,
}

/// Tiếng Việt.
pub static VI: Text = Text {
    other_lang: "English",
    lang_label: "Ngôn ngữ",
    desk_title: "Bàn biên tập binhluan",
    nav_label: "Bàn biên tập",
    nav_queue: "Hàng chờ",
    nav_closed: "Bài đã đóng",
    nav_log: "Nhật ký",
    sign_out: "Đăng xuất",
    sign_out_everywhere: "Đăng xuất mọi nơi",
    skip_link: "Bỏ qua, đến nội dung chính",
    date: "{hh}:{mm}, {dd}/{mo}/{yyyy}",
    time_zone_note: "(giờ Việt Nam)",
    comments_one: "{n} bình luận",
    comments_many: "{n} bình luận",

    error_title: "Lỗi",
    error_heading: "Lỗi {status}",
    back_to_queue: "Về hàng chờ",
    not_found: "Không tìm thấy trang này.",
    throttled: "Đăng nhập sai quá nhiều lần. Vui lòng chờ rồi thử lại.",
    internal: "Máy chủ gặp sự cố, vui lòng thử lại sau.",
    form_too_large: "Biểu mẫu quá lớn hoặc không đọc được.",
    bad_address: "Địa chỉ trang không hợp lệ.",
    bad_action: "Thao tác không hợp lệ.",
    bad_comment_id: "Mã bình luận không hợp lệ.",
    too_many_selected: "Chọn quá nhiều bình luận một lần.",
    restore_is_admins: "Chỉ quản trị viên (admin) mới khôi phục được bình luận đã xoá.",
    unknown_undo: "Không rõ thao tác cần hoàn tác.",
    missing_article: "Thiếu mã bài viết.",
    csrf_mismatch: "Phiên làm việc không khớp (mã CSRF). Hãy tải lại trang rồi thử lại.",
    sign_in_form_stale: "Biểu mẫu đăng nhập đã cũ. Hãy tải lại trang đăng nhập.",
    wrong_password: "Tên đăng nhập hoặc mật khẩu không đúng.",

    signed_out_title: "Chưa đăng nhập",
    signed_out_text: "Phiên làm việc đã hết hoặc chưa bắt đầu.",
    sign_in: "Đăng nhập",
    sign_in_heading: "Đăng nhập bàn biên tập",
    user_name: "Tên đăng nhập",
    password: "Mật khẩu",

    state_pending: "Chờ duyệt",
    state_spam: "Nghi spam",
    state_published: "Đã đăng",
    state_rejected: "Đã từ chối",
    state_deleted: "Đã xoá",
    state_purged: "Đã xoá hẳn",
    action_approve: "Duyệt",
    action_reject: "Từ chối",
    action_spam: "Spam",
    action_delete: "Xoá",
    action_restore: "Khôi phục",
    action_undo: "Hoàn tác",
    action_close: "Đóng bình luận",
    action_reopen: "Mở lại bình luận",
    action_purge: "Xoá hẳn",
    reason_off_topic: "Lạc đề",
    reason_abusive: "Xúc phạm, thô tục",
    reason_advertising: "Quảng cáo",
    reason_duplicate: "Trùng lặp",
    reason_misinformation: "Thông tin sai",
    spam_honeypot: "điền vào ô bẫy dành cho máy (honeypot)",
    spam_too_fast: "gõ nhanh hơn sức người (too-fast)",

    queue_heading: "Hàng chờ bình luận",
    queue_empty: "Không còn bình luận nào ở đây.",
    keys_help: "Phím tắt: <kbd>j</kbd>/<kbd>k</kbd> chuyển, <kbd>a</kbd> duyệt, \
                <kbd>r</kbd> từ chối, <kbd>s</kbd> spam, <kbd>x</kbd> chọn, \
                <kbd>u</kbd> hoàn tác.",
    tabs_label: "Trạng thái",
    pager_label: "Trang",
    first_page: "Về trang đầu",
    next_page: "Trang sau",
    filter_article: "Bài viết (mã)",
    filter_search: "Tìm trong nội dung, tên",
    filter_order: "Thứ tự",
    newest_first: "Mới nhất trước",
    oldest_first: "Cũ nhất trước",
    filter_apply: "Lọc",
    filter_clear: "Bỏ lọc",
    article_closed_note: "Bài này đang đóng bình luận.",
    article_open_note: "Bài này đang nhận bình luận.",
    bulk_legend: "Với các bình luận đã chọn",
    reject_reason: "Lý do từ chối",
    no_reason: "(không ghi)",
    bulk_button: "{action} mục đã chọn",
    done_undo: "Đã hoàn tác",
    done_approve: "Đã duyệt",
    done_reject: "Đã từ chối",
    done_spam: "Đã đánh dấu spam",
    done_delete: "Đã xoá",
    done_restore: "Đã khôi phục",
    done_purge: "Đã xoá hẳn",
    done_other: "Đã đổi",
    done_sentence: "{what} {comments}.",
    done_status: "{action}: {comments}. Nhấn u để hoàn tác.",
    nothing_changed: "Không có bình luận nào thay đổi.",
    comment_heading: "Bình luận #{id}",
    history: "Lịch sử",

    no_name: "(không tên)",
    select_comment: "Chọn bình luận #{id}",
    article: "Bài viết",
    article_id_link: "mã {id}",
    email: "E-mail",
    not_given: "(không ghi)",
    ip_address: "Địa chỉ IP",
    time: "Thời gian",
    state: "Trạng thái",
    details_link: "Chi tiết, lịch sử",
    mark_link: "liên kết",
    mark_suspect: "thiếu dấu",
    verdict_label: "Máy chủ kiểm tra",
    pass: "đạt",
    fail: "không đạt",
    co_dau: "có dấu",
    thieu_dau: "thiếu dấu",
    khong_dau: "không dấu",
    undetermined: "không xác định",
    no_links: "không có",
    verdict: "{ok}: {words} / {min} chữ có dấu; {diacritics} (d = {d}); liên kết: {links}; \
              {suspects} chữ thiếu dấu; {length} / {max} ký tự",
    typing_label: "Gõ phím",
    typing_time: "{secs} giây ({per_word} ms mỗi chữ)",
    not_measured: "không đo được",
    not_reported: "không báo",
    typing: "{typing}; trình duyệt kết luận: {client}; phiên bản luật: {version}",

    closed_heading: "Bài đã đóng bình luận",
    article_id: "Mã bài viết",
    none_closed: "Không có bài nào đang đóng bình luận.",
    closed_caption: "Các bài đang đóng",
    closed_at: "Đóng lúc",
    closed_by: "Người đóng",
    reopen: "Mở lại",
    reopen_for: "Mở lại bình luận cho bài {article}",

    older: "Cũ hơn",
    no_entries: "Chưa có thao tác nào.",
    log_caption: "Các thao tác, mới nhất trước",
    log_at: "Lúc",
    log_actor: "Người làm",
    log_action: "Thao tác",
    log_comments: "Bình luận",
    log_undoes: "{action} thao tác #{entry}",
    log_article: "bài {article}",

    js_nothing_to_undo: "Không có thao tác nào để hoàn tác.",
    js_failed: "Thao tác không thành công ({error}). Hãy tải lại trang.",
};

/// English.
pub static EN: Text = Text {
    other_lang: "Tiếng Việt",
    lang_label: "Language",
    desk_title: "binhluan editors' desk",
    nav_label: "Editors' desk",
    nav_queue: "Queue",
    nav_closed: "Closed articles",
    nav_log: "Log",
    sign_out: "Sign out",
    sign_out_everywhere: "Sign out everywhere",
    skip_link: "Skip to main content",
    date: "{d} {mon} {yyyy}, {hh}:{mm}",
    time_zone_note: "(Vietnam time)",
    comments_one: "{n} comment",
    comments_many: "{n} comments",

    error_title: "Error",
    error_heading: "Error {status}",
    back_to_queue: "Back to the queue",
    not_found: "There is no such page.",
    throttled: "Too many failed sign-ins. Please wait, then try again.",
    internal: "The server ran into a problem; please try again later.",
    form_too_large: "The form is too large or could not be read.",
    bad_address: "This page's address is not valid.",
    bad_action: "This action is not valid.",
    bad_comment_id: "A comment id is not valid.",
    too_many_selected: "Too many comments selected at once.",
    restore_is_admins: "Only an admin can restore a deleted comment.",
    unknown_undo: "Which action to undo is missing.",
    missing_article: "The article id is missing.",
    csrf_mismatch: "The session does not match (CSRF token). Reload the page and try again.",
    sign_in_form_stale: "The sign-in form is out of date. Reload the sign-in page.",
    wrong_password: "The name or the password is wrong.",

    signed_out_title: "Not signed in",
    signed_out_text: "The session has ended or has not begun.",
    sign_in: "Sign in",
    sign_in_heading: "Sign in to the editors' desk",
    user_name: "Name",
    password: "Password",

    state_pending: "Pending",
    state_spam: "Suspected spam",
    state_published: "Published",
    state_rejected: "Rejected",
    state_deleted: "Deleted",
    state_purged: "Purged",
    action_approve: "Approve",
    action_reject: "Reject",
    action_spam: "Spam",
    action_delete: "Delete",
    action_restore: "Restore",
    action_undo: "Undo",
    action_close: "Close comments",
    action_reopen: "Reopen comments",
    action_purge: "Purge",
    reason_off_topic: "Off topic",
    reason_abusive: "Abusive, vulgar",
    reason_advertising: "Advertising",
    reason_duplicate: "Duplicate",
    reason_misinformation: "Misinformation",
    spam_honeypot: "filled in the field meant for robots (honeypot)",
    spam_too_fast: "typed faster than a person can (too-fast)",

    queue_heading: "Comment queue",
    queue_empty: "No comments left here.",
    keys_help: "Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>a</kbd> approve, \
                <kbd>r</kbd> reject, <kbd>s</kbd> spam, <kbd>x</kbd> select, \
                <kbd>u</kbd> undo.",
    tabs_label: "States",
    pager_label: "Pages",
    first_page: "First page",
    next_page: "Next page",
    filter_article: "Article (id)",
    filter_search: "Search text and names",
    filter_order: "Order",
    newest_first: "Newest first",
    oldest_first: "Oldest first",
    filter_apply: "Filter",
    filter_clear: "Clear filters",
    article_closed_note: "This article is closed to comments.",
    article_open_note: "This article takes comments.",
    bulk_legend: "With the selected comments",
    reject_reason: "Reason for rejecting",
    no_reason: "(none)",
    bulk_button: "{action} selected",
    done_undo: "Undid",
    done_approve: "Approved",
    done_reject: "Rejected",
    done_spam: "Marked as spam",
    done_delete: "Deleted",
    done_restore: "Restored",
    done_purge: "Purged",
    done_other: "Changed",
    done_sentence: "{what} {comments}.",
    done_status: "{action}: {comments}. Press u to undo.",
    nothing_changed: "No comment changed.",
    comment_heading: "Comment #{id}",
    history: "History",

    no_name: "(no name)",
    select_comment: "Select comment #{id}",
    article: "Article",
    article_id_link: "id {id}",
    email: "E-mail",
    not_given: "(not given)",
    ip_address: "IP address",
    time: "Time",
    state: "State",
    details_link: "Details, history",
    mark_link: "link",
    mark_suspect: "missing marks",
    verdict_label: "Server's check",
    pass: "pass",
    fail: "fail",
    co_dau: "with marks",
    thieu_dau: "some marks missing",
    khong_dau: "without marks",
    undetermined: "undetermined",
    no_links: "none",
    verdict: "{ok}: {words} / {min} words with marks; {diacritics} (d = {d}); links: {links}; \
              {suspects} words missing marks; {length} / {max} characters",
    typing_label: "Typing",
    typing_time: "{secs} s ({per_word} ms per word)",
    not_measured: "not measured",
    not_reported: "not reported",
    typing: "{typing}; the browser's verdict: {client}; rules version: {version}",

    closed_heading: "Articles closed to comments",
    article_id: "Article id",
    none_closed: "No article is closed to comments.",
    closed_caption: "Closed articles",
    closed_at: "Closed at",
    closed_by: "Closed by",
    reopen: "Reopen",
    reopen_for: "Reopen comments on article {article}",

    older: "Older",
    no_entries: "No action yet.",
    log_caption: "Actions, newest first",
    log_at: "When",
    log_actor: "By",
    log_action: "Action",
    log_comments: "Comments",
    log_undoes: "{action} action #{entry}",
    log_article: "article {article}",

    js_nothing_to_undo: "No action to undo.",
    js_failed: "The action failed ({error}). Reload the page.",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_that_accepts_vietnamese_gets_it() {
        let pick = Lang::from_accept_language;
        assert_eq!(pick("en-US,en;q=0.9,vi;q=0.8"), Some(Lang::Vi));
        assert_eq!(pick("vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7"), Some(Lang::Vi));
        assert_eq!(pick("en-GB,en;q=0.9,fr;q=0.8"), Some(Lang::En));
        assert_eq!(pick("vi;q=0, en"), Some(Lang::En));
        assert_eq!(pick("fr, de"), None);
        assert_eq!(pick(""), None);
    }

    #[test]
    fn templates_fill_once_and_keep_unknown_names() {
        assert_eq!(
            fill("{a} và {b} {c}", &[("a", "{b}"), ("b", "2")]),
            "{b} và 2 {c}"
        );
        assert_eq!(fill("không {", &[]), "không {");
    }

    #[test]
    fn dates_in_each_language() {
        assert_eq!(VI.date("2026-12-05T03:41:00Z"), "03:41, 05/12/2026");
        assert_eq!(EN.date("2026-12-05T03:41:00Z"), "5 Dec 2026, 03:41");
    }

    #[test]
    fn every_vietnamese_message_is_translated() {
        for ((name, vi), (_, en)) in VI.entries().into_iter().zip(EN.entries()) {
            let same_on_purpose = ["email", "action_spam", "done_sentence"];
            assert!(
                vi != en || same_on_purpose.contains(&name),
                "{name}: {vi:?} in both"
            );
            assert!(
                !en.chars().any(is_vietnamese_letter) || name == "other_lang",
                "{name}"
            );
        }
    }

    fn is_vietnamese_letter(c: char) -> bool {
        c.is_alphabetic() && !c.is_ascii()
    }
}
