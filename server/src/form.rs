//! Replies to a `<noscript>` form post: the reader's browser shows them as a page.
//!
//! A stored comment redirects (303 See Other) back to the article, to
//! `article_url` or else the Referer (http or https only), with `#binhluan-sent` as the
//! fragment, so reloading does not post again. Without a way back, and for every error,
//! the reply is a small HTML page with the usual status code and the message in Vietnamese
//! and English.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use binhluan_contract::{CommentStatus, Created};

use crate::reply::ApiError;

/// The reply to a form post.
pub fn reply(
    headers: &HeaderMap,
    article_url: Option<&str>,
    result: Result<Created, ApiError>,
) -> Response {
    let back = article_url.and_then(back_link).or_else(|| {
        headers
            .get(header::REFERER)
            .and_then(|r| r.to_str().ok())
            .and_then(back_link)
    });
    match result {
        Ok(created) => match back
            .as_deref()
            .and_then(|b| HeaderValue::try_from(format!("{b}#binhluan-sent")).ok())
        {
            Some(location) => {
                (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
            }
            None => {
                let (vi, en) = if created.status == CommentStatus::Published {
                    ("Bình luận đã được đăng.", "Your comment is published.")
                } else {
                    (
                        "Bình luận đã được gửi và đang chờ duyệt.",
                        "Your comment was received and awaits moderation.",
                    )
                };
                page(StatusCode::CREATED, vi, en, None)
            }
        },
        Err(e) => {
            let mut response = page(
                e.status,
                &e.body.message,
                &e.body.message_en,
                back.as_deref(),
            );
            if let Some(secs) = e.retry_after {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(secs));
            }
            response
        }
    }
}

/// `url` without its fragment when it is an absolute http(s) address.
fn back_link(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.get(..8)?.to_ascii_lowercase();
    let absolute = lower.starts_with("http://") || lower.starts_with("https://");
    let bare = url.split('#').next().unwrap_or(url);
    (absolute && !bare.chars().any(|c| c.is_whitespace() || c.is_control()))
        .then(|| bare.to_owned())
}

fn page(status: StatusCode, vi: &str, en: &str, back: Option<&str>) -> Response {
    let mut html = String::from(
        "<!doctype html><html lang=\"vi\"><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>Bình luận</title><p>",
    );
    escape_into(&mut html, vi);
    html.push_str("</p><p lang=\"en\">");
    escape_into(&mut html, en);
    html.push_str("</p>");
    if let Some(back) = back {
        html.push_str("<p><a href=\"");
        escape_into(&mut html, back);
        html.push_str("\">Quay lại bài viết</a> · <a lang=\"en\" href=\"");
        escape_into(&mut html, back);
        html.push_str("\">Back to the article</a></p>");
    }
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}

/// Appends `text` to `out`, safe inside an element or a quoted attribute (the desk's pages
/// escape with it too).
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_http_links_lead_back() {
        assert_eq!(
            back_link("https://báo.vn/bai-1#c"),
            Some("https://báo.vn/bai-1".into())
        );
        assert_eq!(back_link("HTTP://x.vn/"), Some("HTTP://x.vn/".into()));
        for bad in ["javascript:alert(1)", "/bai-1", "http://x.vn/a b", "http:/"] {
            assert_eq!(back_link(bad), None, "{bad}");
        }
    }

    #[test]
    fn pages_escape_what_they_show() {
        let mut out = String::new();
        escape_into(&mut out, "<a href=\"x\">'&'</a>");
        assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
