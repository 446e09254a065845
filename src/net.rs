//! Posting a comment and listing published ones: the only module that touches the network.
//!
//! One comment keeps one idempotency key across every retry. Network failures, timeouts,
//! 408, 429 and 5xx are retried with exponential backoff and jitter (429 and 503 honour
//! `Retry-After`); other 4xx are final. While the browser is offline it waits for `online`.
//! Redirects are refused, so only the configured endpoint is ever contacted.

use crate::config::{Config, HeaderValue};
use crate::events::{Listener, Timeout};
use binhluan_contract::{
    ClientReport, ClientVerdict, CommentPage, CommentStatus, Created, EndpointRules, ListedComment,
    NewComment,
};
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
/// The most comments of one page that are shown.
const MAX_LISTED: usize = 100;
/// The most of a listed name that is shown.
const MAX_NAME_CHARS: usize = 100;
/// The most of a listed comment that is shown.
const MAX_CONTENT_CHARS: usize = 20_000;

/// What the box posts besides its configuration; sent as a [`NewComment`] (docs/endpoint.md).
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
    /// Milliseconds from when the box showed to submit, only when the text arrived with no
    /// keystroke or paste the box saw (a script filled it): the server judges that speed.
    /// None when the reader typed or pasted: a person wrote it.
    pub typing_ms: Option<u32>,
    /// Whether the comment passed every rule in the browser.
    pub rules_ok: bool,
}

/// How a post ended.
pub enum Outcome {
    /// 2xx with the contract's `{id, status}`: stored. `published` when the server says so
    /// (else it awaits moderation).
    Accepted {
        /// Whether the comment is already public.
        published: bool,
        /// The server's reply body (the parsed `Created`).
        reply: JsValue,
    },
    /// 2xx with anything but the contract's `{id, status}` (a CMS page, a wrong path behind a
    /// proxy): nothing says the comment was stored.
    NotCreated {
        /// The HTTP status.
        status: u16,
        /// The reply's `Content-Type`.
        content_type: String,
    },
    /// 409 `idempotency-key-reused`: the key went with another text (posted from another
    /// tab); this text needs a key of its own.
    KeyReused,
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

/// Which page of the list to ask for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageRef {
    /// By number, from 1: the first page, and every page of an endpoint that sends no cursor.
    Number(u32),
    /// The page after the cursor the endpoint sent as `next` (as cheap deep as on top).
    After(String),
}

impl Default for PageRef {
    /// The first page.
    fn default() -> PageRef {
        PageRef::Number(1)
    }
}

/// One page of published comments, as the box shows them.
pub struct ListedPage {
    /// The page's comments, newest first, their name and text shortened to what is shown.
    pub comments: Vec<ListedComment>,
    /// The page after this one, when another follows.
    pub next: Option<PageRef>,
    /// The rules the endpoint enforces, when it says.
    pub rules: Option<EndpointRules>,
    /// Whether an editor closed the article to new comments.
    pub closed: bool,
}

/// The endpoint's answer to one request.
struct Reply {
    /// The HTTP status.
    status: u16,
    /// `Retry-After` in seconds, when given in seconds.
    retry_after_s: Option<u32>,
    /// The `Content-Type` header.
    content_type: String,
    /// The body parsed as JSON (undefined when it is not JSON or too large).
    body: JsValue,
}

/// No answer: a network failure, a timeout or a refused redirect.
struct Unreachable;

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
            Ok(reply) => match classify(reply.status) {
                Class::Accepted => {
                    return match read_created(&reply.body) {
                        Some(created) => Outcome::Accepted {
                            published: created.status == CommentStatus::Published,
                            reply: reply.body,
                        },
                        None => Outcome::NotCreated {
                            status: reply.status,
                            content_type: reply.content_type,
                        },
                    };
                }
                Class::Refused
                    if reply.status == 409
                        && text(&reply.body, "error").as_deref()
                            == Some("idempotency-key-reused") =>
                {
                    return Outcome::KeyReused;
                }
                Class::Refused => {
                    // Only the `message` of an `ErrorReply` is shown: read alone, so that an
                    // endpoint that answers just `{"message": …}` is still heard.
                    let message =
                        text(&reply.body, "message").map(|m| shorten(m, MAX_MESSAGE_CHARS));
                    return Outcome::Refused {
                        status: reply.status,
                        message,
                    };
                }
                Class::Retry => reply.retry_after_s,
            },
            Err(Unreachable) => None,
        };
        match retry_delay(attempt, retry_after, js_sys::Math::random()) {
            Some(ms) => {
                progress(Progress::Retrying);
                sleep(ms as i32).await;
                attempt += 1;
            }
            None => {
                explain_unreachable(&config.endpoint).await;
                return Outcome::Failed;
            }
        }
    }
}

/// One POST of the comment.
async fn send(config: &Config, key: &str, body: &str) -> Result<Reply, Unreachable> {
    let headers = web_sys::Headers::new().map_err(|_| Unreachable)?;
    headers
        .set("Content-Type", "application/json")
        .map_err(|_| Unreachable)?;
    headers
        .set("Idempotency-Key", key)
        .map_err(|_| Unreachable)?;
    for header in &config.headers {
        let value = match &header.value {
            HeaderValue::Literal(v) => Some(v.clone()),
            HeaderValue::Meta(meta) => meta_content(meta),
        };
        if let Some(value) = value {
            // A header the browser refuses is left out rather than failing the post.
            let _ = headers.set(&header.name, &value);
        }
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(body));
    request(config, &config.endpoint, &init).await
}

/// One page of the published comments, newest first. None when the list cannot be had, or
/// the reply is not a [`CommentPage`]. `early` is a response the loader asked for while the
/// widget loaded (a `Promise<Response>`): taken when it answers this very URL, else this
/// function asks itself.
pub async fn list(
    config: &Config,
    which: &PageRef,
    early: Option<js_sys::Promise>,
) -> Option<ListedPage> {
    let url = web_sys::Url::new(&config.endpoint).ok()?;
    let params = url.search_params();
    params.set("article", &config.article_id);
    match which {
        PageRef::Number(page) => {
            let mut number = String::new();
            crate::i18n::push_number(&mut number, *page);
            params.set("page", &number);
        }
        PageRef::After(cursor) => params.set("after", cursor),
    }
    let href = url.href();
    let early = match early {
        Some(early) => taken(early, &href).await,
        None => None,
    };
    let reply = match early {
        Some(response) => read(response).await,
        None => {
            let init = web_sys::RequestInit::new();
            init.set_method("GET");
            request(config, &href, &init).await
        }
    };
    let Ok(reply) = reply else {
        explain_unreachable(&config.endpoint).await;
        return None;
    };
    if classify(reply.status) != Class::Accepted {
        return None;
    }
    let rules = read_rules(&reply.body);
    let page = read_page(&reply.body)?;
    // An endpoint's cursor wins; one that sends none is paged by number while the total
    // says more follow.
    let next = match page.next.clone() {
        Some(cursor) => Some(PageRef::After(cursor)),
        None => (u64::from(page.page) * u64::from(page.per_page) < page.total)
            .then(|| PageRef::Number(page.page.saturating_add(1))),
    };
    let closed = page.closed;
    let comments = page
        .comments
        .into_iter()
        .take(MAX_LISTED)
        .map(|c| ListedComment {
            name: shorten(c.name, MAX_NAME_CHARS),
            content: shorten(c.content, MAX_CONTENT_CHARS),
            ..c
        })
        .collect();
    Some(ListedPage {
        comments,
        next,
        rules,
        closed,
    })
}

/// The loader's early response, when it came and answers `url` (its final URL: redirects
/// are refused there as here). A failed or mismatched one is left for the box's own request.
async fn taken(early: js_sys::Promise, url: &str) -> Option<web_sys::Response> {
    let response: web_sys::Response = JsFuture::from(early).await.ok()?.dyn_into().ok()?;
    (response.url() == url && !response.redirected()).then_some(response)
}

thread_local! {
    /// Whether the console was told why the endpoint is unreachable (once a page).
    static EXPLAINED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// After a request to the endpoint failed without a reply: when the endpoint does answer a
/// request whose reply the page may not read (`no-cors`), it is up and refused this page's
/// origin (CORS), and the console says how the site owner fixes that.
async fn explain_unreachable(endpoint: &str) {
    if EXPLAINED.with(|e| e.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_mode(web_sys::RequestMode::NoCors);
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_cache(web_sys::RequestCache::NoStore);
    if JsFuture::from(window.fetch_with_str_and_init(endpoint, &init))
        .await
        .is_err()
    {
        // Not answering at all: down, or no network. Nothing more to say.
        EXPLAINED.with(|e| e.set(false));
        return;
    }
    let page = window.location().origin().unwrap_or_default();
    let mut line = String::from("binhluan: the endpoint ");
    line.push_str(endpoint);
    line.push_str(" refused this page's origin (");
    line.push_str(&page);
    line.push_str("): start the server with --allow-origin ");
    line.push_str(&page);
    line.push_str(" (or allow that origin in the endpoint's CORS settings)");
    web_sys::console::error_1(&JsValue::from_str(&line));
}

// Replies are read field by field under the contract's names rather than through serde:
// serde's derived readers build their error messages with Rust's formatting machinery,
// which would weigh more in the wasm than the rest of the box's network code.

/// A string field of a parsed reply.
fn text(value: &JsValue, name: &str) -> Option<String> {
    field(value, name)?.as_string()
}

/// A number field of a parsed reply that holds a whole number.
fn whole(value: &JsValue, name: &str) -> Option<f64> {
    field(value, name)?
        .as_f64()
        .filter(|n| n.fract() == 0.0 && *n >= 0.0)
}

fn field(value: &JsValue, name: &str) -> Option<JsValue> {
    if !value.is_object() {
        return None;
    }
    js_sys::Reflect::get(value, &JsValue::from_str(name)).ok()
}

/// A `201` body: a [`Created`], or None when the body is not one.
fn read_created(body: &JsValue) -> Option<Created> {
    let status = match text(body, "status")?.as_str() {
        "pending" => CommentStatus::Pending,
        "published" => CommentStatus::Published,
        _ => return None,
    };
    Some(Created {
        id: whole(body, "id")? as i64,
        status,
    })
}

/// The `rules` of a listing, when it has them, all three well formed.
fn read_rules(body: &JsValue) -> Option<EndpointRules> {
    let rules = field(body, "rules")?;
    Some(EndpointRules {
        min_words: whole(&rules, "min_words")?.min(f64::from(u32::MAX)) as u32,
        max_length: whole(&rules, "max_length")?.min(f64::from(u32::MAX)) as u32,
        emails_are_links: field(&rules, "emails_are_links")?.as_bool()?,
    })
}

/// A listing: a [`CommentPage`], or None when the body is not one.
fn read_page(body: &JsValue) -> Option<CommentPage> {
    let items: js_sys::Array = field(body, "comments")?.dyn_into().ok()?;
    let comments = items
        .iter()
        .map(|c| {
            Some(ListedComment {
                id: whole(&c, "id")? as i64,
                name: text(&c, "name")?,
                content: text(&c, "content")?,
                created_at: text(&c, "created_at")?,
            })
        })
        .collect::<Option<_>>()?;
    Some(CommentPage {
        article: text(body, "article")?,
        page: whole(body, "page")? as u32,
        per_page: whole(body, "per_page")? as u32,
        total: whole(body, "total")? as u64,
        closed: field(body, "closed").is_some_and(|v| v.as_bool() == Some(true)),
        comments,
        rules: None,
        next: text(body, "next"),
    })
}

/// `text` cut to its first `max` characters.
fn shorten(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => text[..end].to_owned(),
        None => text,
    }
}

/// One request to the endpoint with the box's credentials mode, no redirects, no cache and
/// a timeout.
async fn request(
    config: &Config,
    url: &str,
    init: &web_sys::RequestInit,
) -> Result<Reply, Unreachable> {
    let window = web_sys::window().ok_or(Unreachable)?;
    let abort = web_sys::AbortController::new().map_err(|_| Unreachable)?;
    init.set_credentials(config.credentials);
    init.set_redirect(web_sys::RequestRedirect::Error);
    init.set_cache(web_sys::RequestCache::NoStore);
    init.set_signal(Some(&abort.signal()));
    let timer = {
        let abort = abort.clone();
        // At most 300 s (the option's range): fits an i32 of milliseconds.
        Timeout::new(config.timeout_s as i32 * 1000, move || abort.abort())
    };
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .map_err(|_| Unreachable)?
        .dyn_into()
        .map_err(|_| Unreachable)?;
    let reply = read(response).await;
    drop(timer);
    reply
}

/// Reads a response: its status, the headers the box uses and its body as JSON.
async fn read(response: web_sys::Response) -> Result<Reply, Unreachable> {
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let retry_after = header("Retry-After").and_then(|v| parse_retry_after(&v));
    let content_type = header("Content-Type").unwrap_or_default();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map_err(|_| Unreachable)?
            .as_string()
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    let body = if text.len() <= MAX_REPLY_BYTES {
        js_sys::JSON::parse(&text).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    };
    Ok(Reply {
        status: response.status(),
        retry_after_s: retry_after,
        content_type,
        body,
    })
}

/// The JSON body: a [`NewComment`] (docs/endpoint.md).
fn body_json(config: &Config, s: &Submission) -> String {
    let comment = NewComment {
        article_id: Some(config.article_id.clone()),
        article_url: Some(config.article_url.clone()),
        article_title: Some(config.article_title.clone()),
        name: Some(s.name.clone()),
        email: Some(s.email.clone()),
        content: Some(s.content.clone()),
        idempotency_key: Some(s.key.clone()),
        website: Some(s.website.clone()),
        typing_ms: s.typing_ms.map(f64::from),
        client: Some(ClientReport {
            rules_version: Some(env!("CARGO_PKG_VERSION").into()),
            verdict: Some(ClientVerdict {
                ok: Some(s.rules_ok),
            }),
        }),
    };
    serde_wasm_bindgen::to_value(&comment)
        .ok()
        .and_then(|value| js_sys::JSON::stringify(&value).ok())
        .map(String::from)
        .unwrap_or_default()
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
    let mut listener = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        listener = Some(Listener::new(window.as_ref(), "online", move |_| {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }));
    });
    let _ = JsFuture::from(promise).await;
    drop(listener);
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let mut timer = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        timer = Some(Timeout::new(ms, move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }));
    });
    let _ = JsFuture::from(promise).await;
    drop(timer);
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

    #[test]
    fn shorten_cuts_at_a_character() {
        assert_eq!(shorten("Bình luận".into(), 4), "Bình");
        assert_eq!(shorten("ngắn".into(), 10), "ngắn");
    }
}
