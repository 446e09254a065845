//! The editors' desk at `/admin/`: server-rendered pages that work without JavaScript (a
//! small script adds the keyboard and live counts), under a strict CSP. Everything but the
//! sign-in page and the two static assets needs a session ([`auth::guard`]); every form that
//! changes something carries the session's CSRF token, checked in the same guard.

mod actions;
mod assets;
mod audit;
mod auth;
mod counts;
mod fields;
mod html;
mod queue;
pub mod text;
pub mod users;

use std::sync::Arc;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{any, get, post};
use axum::Router;

use crate::reply::ApiError;
use crate::state::AppState;
use crate::store::admin::AdminStore;
use crate::store::StoreError;

pub use auth::{hash_password, SignInThrottle};
pub use fields::Fields;
use text::{Lang, Locale, Message, LANG_COOKIE};

/// What the desk keeps beside the rest of the app's state.
pub struct Desk {
    /// Accounts, sessions, the desk's view of the comments and the audit log.
    store: Arc<dyn AdminStore>,
    /// Whether cookies carry `Secure` (the site is served over https).
    pub secure_cookies: bool,
    /// Failed sign-ins per account and per address.
    pub throttle: SignInThrottle,
    /// The language of an editor who chose none and whose browser asks for neither.
    pub lang: Lang,
}

impl Desk {
    /// The desk on `store`; `own_origins` are the addresses readers and editors use
    /// (`--public-origin`), whose scheme decides `Secure`: only when every one is https.
    pub fn new(store: Arc<dyn AdminStore>, own_origins: &[String]) -> Desk {
        Desk {
            store,
            secure_cookies: own_origins.iter().all(|o| o.starts_with("https://")),
            throttle: SignInThrottle::default(),
            lang: Lang::default(),
        }
    }

    /// The desk with `lang` as its default language (`--desk-lang`).
    pub fn speaking(self, lang: Lang) -> Desk {
        Desk { lang, ..self }
    }

    /// The desk's store.
    pub fn store(&self) -> &dyn AdminStore {
        self.store.as_ref()
    }
}

/// Whether an editor closed `article` to new comments.
pub async fn is_closed(state: &AppState, article: &str) -> Result<bool, ApiError> {
    state
        .store
        .is_closed(article.to_owned())
        .await
        .map_err(|e| ApiError::internal(&e))
}

/// Refuses a new comment on an article an editor closed: 403 `closed`.
pub async fn refuse_if_closed(state: &AppState, article: &str) -> Result<(), ApiError> {
    if is_closed(state, article).await? {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "closed",
            "Bình luận đã đóng cho bài viết này.",
            "Comments are closed for this article.",
        ));
    }
    Ok(())
}

/// The desk's routes and `GET /api/counts`, to merge into the app.
pub fn routes(state: Arc<AppState>) -> Router<Arc<AppState>> {
    let guarded = Router::new()
        .route("/admin/", get(queue::page))
        .route("/admin/comments/{id}", get(queue::item))
        .route("/admin/actions", post(actions::act))
        .route("/admin/undo", post(actions::undo))
        .route(
            "/admin/articles",
            get(actions::articles).post(actions::close),
        )
        .route("/admin/log", get(audit::page))
        .route("/admin/counts", get(counts::desk))
        .route("/admin/sign-out", post(auth::sign_out))
        .route("/admin/{*rest}", any(not_found))
        .route_layer(middleware::from_fn_with_state(state.clone(), auth::guard));
    let pages = Router::new()
        .route("/admin", get(|| async { Redirect::to("/admin/") }))
        .route(
            "/admin/sign-in",
            get(auth::sign_in_page).post(auth::sign_in),
        )
        .route(assets::CSS_PATH, get(assets::css))
        .route(assets::JS_PATH, get(assets::js))
        .merge(guarded)
        .layer(middleware::from_fn_with_state(state, language))
        .layer(middleware::from_fn(page_headers));
    Router::new()
        .route("/api/counts", get(counts::public))
        .merge(pages)
}

/// The headers of every desk reply: a CSP that allows only the desk's own script and
/// stylesheet, no framing, no caching, no referrer.
async fn page_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Chooses the request's language ([`Locale::of`]) for the handlers, writes an error's page
/// in it, and keeps a choice made with `?lang=` in a cookie for a year.
async fn language(
    axum::extract::State(state): axum::extract::State<Arc<AppState>>,
    mut req: Request,
    next: Next,
) -> Response {
    let (locale, chosen) = Locale::of(&req, state.desk.lang);
    req.extensions_mut().insert(locale.clone());
    let mut response = next.run(req).await;
    if let Some(error) = response.extensions_mut().remove::<DeskError>() {
        response = error.page(&locale);
    }
    if let Some(lang) = chosen {
        response.headers_mut().append(
            header::SET_COOKIE,
            auth::set_cookie(
                state.desk.secure_cookies,
                LANG_COOKIE,
                lang.code(),
                "/admin",
                LANG_COOKIE_AGE,
            ),
        );
    }
    response
}

/// How long the desk remembers a choice of language: a year, in seconds.
const LANG_COOKIE_AGE: u64 = 365 * 24 * 3600;

async fn not_found() -> DeskError {
    DeskError::NotFound
}

/// Why a desk request failed; answered with a page in the desk's look, in the request's
/// language (the words are looked up when the page is written).
#[derive(Clone, Copy, Debug)]
pub enum DeskError {
    /// 400: the request makes no sense (a hand-made address).
    BadRequest(Message),
    /// 403: the CSRF token or the sign-in form's token is wrong, or the role may not.
    Forbidden(Message),
    /// 404.
    NotFound,
    /// 429: too many failed sign-ins; seconds to wait.
    Throttled(u64),
    /// 500: the cause goes to the log only.
    Internal,
}

impl DeskError {
    fn internal(cause: &dyn std::fmt::Display) -> DeskError {
        tracing::error!(%cause, "internal error");
        DeskError::Internal
    }

    /// The error's page in `locale`'s language.
    fn page(self, locale: &Locale) -> Response {
        let t = locale.text();
        let (status, message) = match self {
            DeskError::BadRequest(why) => (StatusCode::BAD_REQUEST, why(t)),
            DeskError::Forbidden(why) => (StatusCode::FORBIDDEN, why(t)),
            DeskError::NotFound => (StatusCode::NOT_FOUND, t.not_found),
            DeskError::Throttled(_) => (StatusCode::TOO_MANY_REQUESTS, t.throttled),
            DeskError::Internal => (StatusCode::INTERNAL_SERVER_ERROR, t.internal),
        };
        let body = format!(
            "<h1>{}</h1><p>{}</p><p><a href=\"/admin/\">{}</a></p>",
            text::fill(t.error_heading, &[("status", &status.as_u16().to_string())]),
            html::esc(message),
            t.back_to_queue
        );
        let mut response = html::page(status, locale, t.error_title, None, &body);
        if let DeskError::Throttled(secs) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

impl IntoResponse for DeskError {
    /// A page in the desk's default language, carrying the error for [`language`] to write
    /// again in the request's.
    fn into_response(self) -> Response {
        let mut response = self.page(&Locale::default());
        response.extensions_mut().insert(self);
        response
    }
}

/// A store's failure: logged, answered 500.
impl From<StoreError> for DeskError {
    fn from(cause: StoreError) -> DeskError {
        DeskError::internal(&cause)
    }
}

/// Runs CPU-heavy work (a password's hash) off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, DeskError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| DeskError::internal(&e))
}

/// A desk address to go back to after a form: only a path under `/admin/` (never another
/// site), else the queue.
fn local_path(wanted: Option<&str>) -> String {
    match wanted {
        Some(p)
            if p.starts_with("/admin/")
                && !p.contains("//")
                && !p.contains('\\')
                && !p.chars().any(char::is_control) =>
        {
            p.to_owned()
        }
        _ => "/admin/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_desk_paths_are_gone_back_to() {
        assert_eq!(local_path(Some("/admin/?tab=spam")), "/admin/?tab=spam");
        for bad in [
            "https://evil.example/",
            "//evil.example/admin/",
            "/admin//evil",
            "/admin/\\evil",
            "/api/comments",
            "/admin/\nx",
        ] {
            assert_eq!(local_path(Some(bad)), "/admin/", "{bad}");
        }
        assert_eq!(local_path(None), "/admin/");
    }
}
