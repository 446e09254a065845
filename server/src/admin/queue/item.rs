//! One comment as the desk shows it: the text as text with the rules' marks, the article,
//! the rules' verdict and how it was typed.

use std::fmt::Write;

use binhluan_rules::{check, DiacriticsVerdict, Rules};

use super::labels::{action_label, actions_from, reason_label, spam_label, state_label};
use super::{esc, html, query_value};
use crate::store::admin::{DeskComment, DeskState, Session};

/// One comment as the desk shows it; `in_queue` adds its checkbox and buttons (which belong
/// to the queue's form).
pub(super) fn item_html(
    c: &DeskComment,
    rules: &Rules,
    editor: &Session,
    in_queue: bool,
) -> String {
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
