//! Posting a comment and listing published ones: the only module that touches the network.
//!
//! One comment keeps one idempotency key across every retry. Network failures, timeouts,
//! 408, 429 and 5xx are retried with exponential backoff and jitter (429 and 503 honour
//! `Retry-After`); other 4xx are final. While the browser is offline it waits for `online`.
//! Redirects are refused, so only the configured endpoint is ever contacted.

use crate::config::{Config, HeaderValue};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Attempts at most, the first included.
pub const MAX_ATTEMPTS: u32 = 4;
/// The longest wait for a retry that binhluan accepts; a longer `Retry-After` ends the tries.
const MAX_WAIT_MS: u32 = 120_000;
/// The most of a server reply that is read.
const MAX_REPLY_BYTES: usize = 64 * 1024;
/// The most of a server message that is shown.
const MAX_MESSAGE_CHARS: usize = 500;

/// The comment as the endpoint receives it (README, "The endpoint contract").
pub struct Submission {
    /// The comment text as typed.
    pub content: String,
    /// The reader's name (may be empty).
    pub name: String,
    /// The reader's e-mail (may be empty).
    pub email: String,
    /// The idempotency key.
    pub key: String,
    /// The honeypot field: people leave it empty.
    pub website: String,
    /// Milliseconds from the first keystroke to submit; None when nothing was typed in this
    /// page (a restored draft): the server then does not judge the typing speed.
    pub typing_ms: Option<u32>,
    /// The verdict of the rules in the browser, as a JS object.
    pub verdict: JsValue,
}

/// How a post ended.
pub enum Outcome {
    /// 2xx: stored. `published` when the server says so (else it awaits moderation).
    Accepted {
        /// Whether the comment is already public.
        published: bool,
        /// The server's reply body (parsed JSON, or undefined).
        reply: JsValue,
    },
    /// A final refusal (4xx other than 408/429): the server's message, if it sent one.
    Refused {
        /// The HTTP status.
        status: u16,
        /// The server's message (text only, shortened).
        message: Option<String>,
    },
    /// Every attempt failed (network, timeout, 5xx, 429 beyond patience).
    Failed,
}

/// What the box shows while a post is under way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// A request is in flight.
    Sending,
    /// The last attempt failed; waiting before the next.
    Retrying,
    /// The browser is offline; waiting for `online`.
    Offline,
}

/// What to do after a reply with HTTP `status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Stored.
    Accepted,
    /// Worth another try.
    Retry,
    /// Final.
    Refused,
}

/// Classifies an HTTP status.
pub fn classify(status: u16) -> Class {
    match status {
        200..=299 => Class::Accepted,
        408 | 425 | 429 | 500..=599 => Class::Retry,
        _ => Class::Refused,
    }
}

/// The wait before attempt `attempt + 1` (attempts count from 1), or None to give up.
/// Backoff 1 s, 2 s, 4 s … scaled by a jitter factor in [0.5, 1.5) from `random` in [0, 1);
/// a `Retry-After` (seconds) wins, and a wait beyond two minutes gives up.
pub fn retry_delay(attempt: u32, retry_after_s: Option<u32>, random: f64) -> Option<u32> {
    if attempt >= MAX_ATTEMPTS {
        return None;
    }
    let wait = match retry_after_s {
        Some(s) => s.saturating_mul(1000),
        None => {
            let base = 1000u32 << (attempt - 1).min(10);
            (base as f64 * (0.5 + random.clamp(0.0, 1.0))) as u32
        }
    };
    (wait <= MAX_WAIT_MS).then_some(wait)
}

/// Parses `Retry-After` given in seconds (the HTTP-date form is treated as absent).
pub fn parse_retry_after(value: &str) -> Option<u32> {
    value.trim().parse().ok()
}

/// Posts `submission` with retries; `progress` is told each change of state.
pub async fn post(
    config: &Config,
    submission: &Submission,
    progress: &dyn Fn(Progress),
) -> Outcome {
    let body = body_json(config, submission);
    let mut attempt = 1;
    loop {
        if !online() {
            progress(Progress::Offline);
            wait_for_online().await;
        }
        progress(Progress::Sending);
        let retry_after = match send(config, &submission.key, &body).await {
            Ok((status, retry_after, reply)) => match classify(status) {
                Class::Accepted => {
                    let published = field(&reply, "status").as_deref() == Some("published");
                    return Outcome::Accepted { published, reply };
                }
                Class::Refused => {
                    let message = field(&reply, "message")
                        .map(|m| m.chars().take(MAX_MESSAGE_CHARS).collect());
                    return Outcome::Refused { status, message };
                }
                Class::Retry => retry_after,
            },
            Err(()) => None,
        };
        match retry_delay(attempt, retry_after, js_sys::Math::random()) {
            Some(ms) => {
                progress(Progress::Retrying);
                sleep(ms as i32).await;
                attempt += 1;
            }
            None => return Outcome::Failed,
        }
    }
}

/// One POST of the comment. Err on a network failure, a timeout or a redirect.
async fn send(config: &Config, key: &str, body: &str) -> Result<(u16, Option<u32>, JsValue), ()> {
    let headers = web_sys::Headers::new().map_err(drop)?;
    headers
        .set("Content-Type", "application/json")
        .map_err(drop)?;
    headers.set("Idempotency-Key", key).map_err(drop)?;
    for (name, value) in &config.headers {
        let value = match value {
            HeaderValue::Literal(v) => Some(v.clone()),
            HeaderValue::Meta(meta) => meta_content(meta),
        };
        if let Some(value) = value {
            // A header the browser refuses is left out rather than failing the post.
            let _ = headers.set(name, &value);
        }
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    request(config, &config.endpoint, &init).await
}

/// Page `page` (from 1) of the published comments: `(name, date, content)` each, newest
/// first, and whether another page follows. None when the list cannot be had.
pub async fn list(config: &Config, page: u32) -> Option<(Vec<(String, String, String)>, bool)> {
    let url = web_sys::Url::new(&config.endpoint).ok()?;
    let params = url.search_params();
    params.set("article", &config.article_id);
    let mut number = String::new();
    crate::i18n::push_number(&mut number, page);
    params.set("page", &number);
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let (status, _, reply) = request(config, &url.href(), &init).await.ok()?;
    if classify(status) != Class::Accepted {
        return None;
    }
    let items: js_sys::Array = js_sys::Reflect::get(&reply, &"comments".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let comments = items
        .iter()
        .take(100)
        .map(|c| {
            let text = |name: &str, max: usize| {
                field(&c, name)
                    .unwrap_or_default()
                    .chars()
                    .take(max)
                    .collect::<String>()
            };
            // "2026-11-27T21:40:00Z" -> "2026-11-27 21:40"
            let date = text("created_at", 16).replacen('T', " ", 1);
            (text("name", 100), date, text("content", 20_000))
        })
        .collect();
    let number = |name: &str| {
        js_sys::Reflect::get(&reply, &name.into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    let more = number("page") * number("per_page") < number("total");
    Some((comments, more))
}

/// One request to the endpoint with the box's credentials mode, no redirects, no cache and
/// a timeout: the status, `Retry-After` in seconds, and the reply parsed as JSON (undefined
/// when it is not JSON or too large).
async fn request(
    config: &Config,
    url: &str,
    init: &web_sys::RequestInit,
) -> Result<(u16, Option<u32>, JsValue), ()> {
    let window = web_sys::window().ok_or(())?;
    let abort = web_sys::AbortController::new().map_err(drop)?;
    init.set_credentials(config.credentials);
    init.set_redirect(web_sys::RequestRedirect::Error);
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_signal(Some(&abort.signal()));
    let timer = {
        let abort = abort.clone();
        // At most 300 s (the option's range): fits an i32 of milliseconds.
        crate::events::Timeout::new(config.timeout_s as i32 * 1000, move || abort.abort())
    };
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .map_err(drop)?
        .dyn_into()
        .map_err(drop)?;
    let retry_after = response
        .headers()
        .get("Retry-After")
        .ok()
        .flatten()
        .and_then(|v| parse_retry_after(&v));
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map_err(drop)?
            .as_string()
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    drop(timer);
    let reply = if text.len() <= MAX_REPLY_BYTES {
        js_sys::JSON::parse(&text).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    Ok((response.status(), retry_after, reply))
}

/// The JSON body: the README's request contract.
fn body_json(config: &Config, s: &Submission) -> String {
    let object = js_sys::Object::new();
    let set = |target: &js_sys::Object, name: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(target, &JsValue::from_str(name), value);
    };
    for (name, value) in [
        ("article_id", &config.article_id),
        ("article_url", &config.article_url),
        ("article_title", &config.article_title),
        ("name", &s.name),
        ("email", &s.email),
        ("content", &s.content),
        ("idempotency_key", &s.key),
        ("website", &s.website),
    ] {
        set(&object, name, &JsValue::from_str(value));
    }
    if let Some(ms) = s.typing_ms {
        set(&object, "typing_ms", &JsValue::from(ms));
    }
    let client = js_sys::Object::new();
    set(
        &client,
        "rules_version",
        &JsValue::from_str(env!("CARGO_PKG_VERSION")),
    );
    set(&client, "verdict", &s.verdict);
    set(&object, "client", &client);
    js_sys::JSON::stringify(&object)
        .map(String::from)
        .unwrap_or_default()
}

/// A string field of a parsed reply.
pub fn field(reply: &JsValue, name: &str) -> Option<String> {
    if !reply.is_object() {
        return None;
    }
    js_sys::Reflect::get(reply, &JsValue::from_str(name))
        .ok()?
        .as_string()
}

fn meta_content(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let metas = document.get_elements_by_tag_name("meta");
    (0..metas.length())
        .filter_map(|i| metas.item(i))
        .find(|m| m.get_attribute("name").as_deref() == Some(name))?
        .get_attribute("content")
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

async fn wait_for_online() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            "online", &resolve, &options,
        );
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

#[cfg(all(test, not(target_arch = "wasm32")))] // Native: `wasm-pack test` builds unit tests too.
mod tests {
    use super::*;

    #[test]
    fn statuses_are_classified() {
        assert_eq!(classify(201), Class::Accepted);
        assert_eq!(classify(200), Class::Accepted);
        assert_eq!(classify(429), Class::Retry);
        assert_eq!(classify(500), Class::Retry);
        assert_eq!(classify(502), Class::Retry);
        assert_eq!(classify(408), Class::Retry);
        assert_eq!(classify(422), Class::Refused);
        assert_eq!(classify(400), Class::Refused);
        assert_eq!(classify(403), Class::Refused);
        assert_eq!(classify(302), Class::Refused);
    }

    #[test]
    fn backoff_grows_with_jitter_and_stops() {
        assert_eq!(retry_delay(1, None, 0.5), Some(1000));
        assert_eq!(retry_delay(2, None, 0.5), Some(2000));
        assert_eq!(retry_delay(3, None, 0.0), Some(2000));
        assert_eq!(retry_delay(3, None, 0.999), Some(5996));
        assert_eq!(retry_delay(MAX_ATTEMPTS, None, 0.5), None);
    }

    #[test]
    fn retry_after_wins_within_patience() {
        assert_eq!(retry_delay(1, Some(7), 0.9), Some(7000));
        assert_eq!(retry_delay(1, Some(121), 0.0), None);
        assert_eq!(retry_delay(1, Some(u32::MAX), 0.0), None);
        assert_eq!(parse_retry_after(" 30 "), Some(30));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }
}
