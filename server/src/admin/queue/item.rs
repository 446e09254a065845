//! One comment as the desk shows it: the text as text with the rules' marks, the article,
//! the rules' verdict and how it was typed.

use std::fmt::Write;

use binhluan_rules::{check, DiacriticsVerdict, Rules};

use super::labels::{
    action_key, action_label, actions_from, reason_label, spam_label, state_label,
};
use super::{esc, html, query_value};
use crate::admin::text::{fill, Text};
use crate::store::admin::{DeskComment, DeskState, Session};

/// One comment as the desk shows it; `in_queue` adds its checkbox and buttons (which belong
/// to the queue's form).
pub(super) fn item_html(
    c: &DeskComment,
    rules: &Rules,
    editor: &Session,
    in_queue: bool,
    t: &Text,
) -> String {
    let mut out = format!(
        "<article class=\"item\" id=\"c{id}\" data-id=\"{id}\" data-state=\"{}\" \
         tabindex=\"-1\" aria-labelledby=\"h{id}\">",
        c.state.as_str(),
        id = c.id
    );
    let name = if c.name.is_empty() {
        t.no_name.to_owned()
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
             <label for=\"s{id}\">{}</label></p>",
            fill(t.select_comment, &[("id", &c.id.to_string())]),
            id = c.id
        );
    }
    let verdict = check(&c.content, rules);
    let _ = write!(
        out,
        "<blockquote class=\"content\"><p>{}</p></blockquote>",
        marked(&c.content, &verdict, t)
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
        "<dl class=\"meta\"><dt>{}</dt><dd>{article} \
         (<a href=\"/admin/?article={}\">{}</a>)</dd>\
         <dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>\
         <dt>{}</dt><dd>{} {}</dd>\
         <dt>{}</dt><dd>{}",
        t.article,
        query_value(&c.article_id),
        fill(t.article_id_link, &[("id", &esc(&c.article_id))]),
        t.email,
        if c.email.is_empty() {
            t.not_given.to_owned()
        } else {
            esc(&c.email)
        },
        t.ip_address,
        esc(&c.ip),
        t.time,
        html::time(c.created_at_ms, t),
        t.time_zone_note,
        t.state,
        state_label(c.state, t),
    );
    if let Some(reason) = c
        .spam_reason
        .as_deref()
        // Held for review or filed as spam: the editor sees why.
        .filter(|_| matches!(c.state, DeskState::Spam | DeskState::Pending))
    {
        let _ = write!(out, ": {}", spam_label(reason, t));
    }
    if let Some(reason) = c
        .reject_reason
        .as_deref()
        .filter(|_| c.state == DeskState::Rejected)
    {
        let _ = write!(out, ": {}", reason_label(reason, t));
    }
    out.push_str("</dd>");
    out.push_str(&verdict_html(&verdict, t));
    out.push_str(&typing_html(c, t));
    out.push_str("</dl>");
    if in_queue {
        out.push_str("<p class=\"actions\">");
        for action in actions_from(c.state, editor) {
            let label = action_label(action, t);
            let keys =
                action_key(action).map_or(String::new(), |k| format!(" aria-keyshortcuts=\"{k}\""));
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
            "<a href=\"/admin/comments/{}\">{}</a></p>",
            c.id, t.details_link
        );
    }
    out.push_str("</article>");
    out
}

/// The comment as text, with the spans the rules marked (words missing their marks, links)
/// in `<mark>`.
fn marked(content: &str, verdict: &binhluan_rules::Verdict, t: &Text) -> String {
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
                    t.mark_link
                } else {
                    t.mark_suspect
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

fn verdict_html(v: &binhluan_rules::Verdict, t: &Text) -> String {
    let diacritics = match v.diacritics.verdict {
        DiacriticsVerdict::CoDau => t.co_dau,
        DiacriticsVerdict::ThieuDau => t.thieu_dau,
        DiacriticsVerdict::KhongDau => t.khong_dau,
        DiacriticsVerdict::Undetermined => t.undetermined,
    };
    let links = if v.links.is_empty() {
        t.no_links.to_owned()
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
    let verdict = fill(
        t.verdict,
        &[
            ("ok", if v.ok { t.pass } else { t.fail }),
            ("words", &v.words.to_string()),
            ("min", &v.min_words.to_string()),
            ("diacritics", diacritics),
            ("d", &format!("{:.2}", v.diacritics.d)),
            ("links", &links),
            ("suspects", &v.suspects.len().to_string()),
            ("length", &v.length.to_string()),
            ("max", &v.max_length.to_string()),
        ],
    );
    format!("<dt>{}</dt><dd>{verdict}</dd>", t.verdict_label)
}

fn typing_html(c: &DeskComment, t: &Text) -> String {
    let words = c.content.split_whitespace().count().max(1) as i64;
    let typing = match c.typing_ms {
        Some(ms) => fill(
            t.typing_time,
            &[
                ("secs", &format!("{:.1}", ms as f64 / 1000.0)),
                ("per_word", &(ms / words).to_string()),
            ],
        ),
        None => t.not_measured.to_owned(),
    };
    let client = match c.client_ok {
        Some(true) => t.pass,
        Some(false) => t.fail,
        None => t.not_reported,
    };
    let version = if c.client_rules_version.is_empty() {
        format!("({})", t.not_reported)
    } else {
        esc(&c.client_rules_version)
    };
    format!(
        "<dt>{}</dt><dd>{}</dd>",
        t.typing_label,
        fill(
            t.typing,
            &[
                ("typing", &typing),
                ("client", client),
                ("version", &version)
            ]
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin::text::VI;

    #[test]
    fn marks_wrap_links_and_words_without_marks_and_escape_the_rest() {
        let text = "Xem <b>tin</b> tai example.com nhé";
        let verdict = check(text, &Rules::default());
        let html = marked(text, &verdict, &VI);
        assert!(html.contains("&lt;b&gt;tin&lt;/b&gt;"), "{html}");
        assert!(
            html.contains("<mark class=\"link\" title=\"liên kết\">example.com</mark>"),
            "{html}"
        );
        assert!(!html.contains("<b>"));
    }
}
