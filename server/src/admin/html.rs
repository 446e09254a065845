//! The desk's HTML: escaping, the page around every screen, times in Vietnam's zone.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use super::assets::{CSS_PATH, JS_PATH};
use super::text::{Locale, Text};
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

/// `ms` as a `<time>` in Vietnam's zone, written the way `t` writes dates, the UTC instant
/// in `datetime`.
pub fn time(ms: i64, t: &Text) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        rfc3339(ms),
        t.date(&rfc3339(ms + VIETNAM_OFFSET_MS))
    )
}

/// A whole page in `locale`'s language: the document around `body`, the link to the other
/// language, the desk's navigation when signed in.
pub fn page(
    status: StatusCode,
    locale: &Locale,
    title: &str,
    editor: Option<&Session>,
    body: &str,
) -> Response {
    let t = locale.text();
    let other = locale.lang.other();
    let switch = format!(
        "<nav class=\"lang\" aria-label=\"{}\"><a href=\"{}\" lang=\"{code}\" \
         hreflang=\"{code}\">{}</a></nav>",
        t.lang_label,
        esc(&locale.switch_href),
        t.other_lang,
        code = other.code()
    );
    let nav = match editor {
        Some(e) => format!(
            "<header class=\"top\"><nav aria-label=\"{}\"><ul>\
             <li><a href=\"/admin/\">{}</a></li>\
             <li><a href=\"/admin/articles\">{}</a></li>\
             <li><a href=\"/admin/log\">{}</a></li></ul></nav>\
             <p class=\"who\">{} <span class=\"role\">({})</span></p>\
             <form method=\"post\" action=\"/admin/sign-out\" class=\"sign-out\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <button type=\"submit\">{}</button>\
             <button type=\"submit\" name=\"everywhere\" value=\"1\">{}</button>\
             </form>{switch}</header>",
            t.nav_label,
            t.nav_queue,
            t.nav_closed,
            t.nav_log,
            esc(&e.name),
            e.role.as_str(),
            esc(&e.csrf),
            t.sign_out,
            t.sign_out_everywhere,
        ),
        None => format!("<header class=\"top\">{switch}</header>"),
    };
    let csrf = editor.map_or(String::new(), |e| {
        format!("<meta name=\"csrf-token\" content=\"{}\">", esc(&e.csrf))
    });
    let html = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{} · {}</title>{csrf}\
         <link rel=\"stylesheet\" href=\"{CSS_PATH}\">\
         <script src=\"{JS_PATH}\" defer></script></head>\
         <body><a class=\"skip\" href=\"#main\">{}</a>{nav}\
         <main id=\"main\" tabindex=\"-1\">{body}</main></body></html>",
        locale.lang.code(),
        esc(title),
        t.desk_title,
        t.skip_link,
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
    use crate::admin::text::{EN, VI};

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
            time(ms, &VI),
            "<time datetime=\"2026-12-04T20:41:00Z\">03:41, 05/12/2026</time>"
        );
        assert_eq!(
            time(ms, &EN),
            "<time datetime=\"2026-12-04T20:41:00Z\">5 Dec 2026, 03:41</time>"
        );
    }
}
