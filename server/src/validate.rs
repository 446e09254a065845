//! From the comment as posted to the row to store: field limits, the rules, spam.

use std::net::IpAddr;

use binhluan_contract::{CommentStatus, NewComment};
use binhluan_rules::check;

use crate::reply::ApiError;
use crate::spam::{spam_reason, SpamReason};
use crate::state::AppState;
use crate::store::{self, Status};
use crate::time::now_ms;

/// Checks the fields and the rules, judges spam, and builds the row to store.
pub fn validate(
    state: &AppState,
    s: NewComment,
    key: String,
    peer: Option<IpAddr>,
) -> Result<store::NewComment, ApiError> {
    let article_id = s
        .article_id
        .map(|a| a.trim().to_owned())
        .unwrap_or_default();
    let content = s
        .content
        .ok_or_else(|| ApiError::bad_request("missing field `content`"))?;
    let key = key.trim().to_owned();
    let article_url = s.article_url.unwrap_or_default();
    let article_title = s.article_title.unwrap_or_default();
    let name = s.name.unwrap_or_default().trim().to_owned();
    let email = s.email.unwrap_or_default().trim().to_owned();
    for (field, value, max) in [
        ("article_id", &article_id, 200),
        ("article_url", &article_url, 2048),
        ("article_title", &article_title, 500),
        ("name", &name, 100),
        ("email", &email, 254),
        ("idempotency_key", &key, 200),
    ] {
        if value.chars().count() > max {
            return Err(ApiError::bad_request(format!(
                "`{field}` is longer than {max} characters"
            )));
        }
        if value.chars().any(char::is_control) {
            return Err(ApiError::bad_request(format!(
                "`{field}` contains control characters"
            )));
        }
    }
    if article_id.is_empty() {
        return Err(ApiError::bad_request("missing field `article_id`"));
    }
    let verdict = check(&content, &state.rules);
    if !verdict.ok {
        return Err(ApiError::rules(verdict));
    }
    let typing_ms = s
        .typing_ms
        .filter(|ms| ms.is_finite() && *ms >= 0.0)
        .map(|ms| ms as u64);
    let spam = spam_reason(s.website.as_deref().unwrap_or(""), typing_ms, &content);
    // A filled honeypot is a bot; a comment only sent faster than people type may be a
    // person's (a pasted comment sent by an older widget): held for a moderator, with the
    // reason. Whoever posted is told the truth: published only when it is.
    let status = match spam {
        Some(SpamReason::Honeypot) => Status::Spam,
        Some(SpamReason::TooFast) => Status::Pending,
        None if state.auto_publish => Status::Published,
        None => Status::Pending,
    };
    let client = s.client.unwrap_or_default();
    Ok(store::NewComment {
        article_id,
        article_url,
        article_title,
        name,
        email,
        content,
        status,
        reply_status: status.as_reply().unwrap_or(CommentStatus::Pending),
        spam_reason: spam.map(SpamReason::code),
        ip: peer.map(|ip| ip.to_string()).unwrap_or_default(),
        typing_ms,
        client_rules_version: client
            .rules_version
            .unwrap_or_default()
            .chars()
            .take(100)
            .collect(),
        client_ok: client.verdict.and_then(|v| v.ok),
        idempotency_key: Some(key).filter(|k| !k.is_empty()),
        created_at_ms: now_ms(),
    })
}
