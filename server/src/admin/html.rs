//! The desk's HTML: escaping, the page around every screen, times in Vietnam's zone.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::assets::{CSS_PATH, JS_PATH};
use crate::store::admin::Session;
use crate::time::rfc3339;

/// `text` safe inside an element or a quoted attribute: readers' names, comments and
/// article titles become text, never markup.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    crate::form::escape_into(&mut out, text);
    out
}

/// A query string value, percent-encoded.
pub fn query_value(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// Vietnam's offset from UTC: seven hours, all year (no daylight saving).
const VIETNAM_OFFSET_MS: i64 = 7 * 3600 * 1000;

/// `ms` as a `<time>`: "14:05, 04/12/2026" in Vietnam's zone, the UTC instant in `datetime`.
pub fn time(ms: i64) -> String {
    let local = rfc3339(ms + VIETNAM_OFFSET_MS);
    format!(
        "<time datetime=\"{}\">{}, {}/{}/{}</time>",
        rfc3339(ms),
        &local[11..16],
        &local[8..10],
        &local[5..7],
        &local[0..4]
    )
}

/// A whole page: the document around `body`, the desk's navigation when signed in.
pub fn page(status: StatusCode, title: &str, editor: Option<&Session>, body: &str) -> Response {
    let nav = match editor {
        Some(e) => format!(
            "<header class=\"top\"><nav aria-label=\"Bàn biên tập\"><ul>\
             <li><a href=\"/admin/\">Hàng chờ</a></li>\
             <li><a href=\"/admin/articles\">Bài đã đóng</a></li>\
             <li><a href=\"/admin/log\">Nhật ký</a></li></ul></nav>\
             <p class=\"who\">{} <span class=\"role\">({})</span></p>\
             <form method=\"post\" action=\"/admin/sign-out\" class=\"sign-out\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <button type=\"submit\">Đăng xuất</button>\
             <button type=\"submit\" name=\"everywhere\" value=\"1\">Đăng xuất mọi nơi</button>\
             </form></header>",
            esc(&e.name),
            e.role.as_str(),
            esc(&e.csrf)
        ),
        None => String::new(),
    };
    let csrf = editor.map_or(String::new(), |e| {
        format!("<meta name=\"csrf-token\" content=\"{}\">", esc(&e.csrf))
    });
    let html = format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · Bàn biên tập binhluan</title>{csrf}\
         <link rel=\"stylesheet\" href=\"{CSS_PATH}\">\
         <script src=\"{JS_PATH}\" defer></script></head>\
         <body><a class=\"skip\" href=\"#main\">Bỏ qua, đến nội dung chính</a>{nav}\
         <main id=\"main\" tabindex=\"-1\">{body}</main></body></html>",
        esc(title)
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        html,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            esc(r#"<img src=x onerror="alert('1')">&"#),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;"
        );
    }

    #[test]
    fn times_are_in_vietnam() {
        // 2026-12-04T20:41:00Z is 03:41 the next morning in Hà Nội.
        let ms = 1_796_416_860_000;
        assert_eq!(rfc3339(ms), "2026-12-04T20:41:00Z");
        assert_eq!(
            time(ms),
            "<time datetime=\"2026-12-04T20:41:00Z\">03:41, 05/12/2026</time>"
        );
    }
}
