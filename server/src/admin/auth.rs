//! Accounts and sessions: argon2id password hashes, the sign-in form (with its own token
//! against login CSRF, and a throttle against guessing), server-side sessions in an
//! `HttpOnly; SameSite=Strict` cookie, and the guard in front of every other desk route.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use blake2::{Blake2s256, Digest};
use subtle::ConstantTimeEq;

use super::html::{self, esc};
use super::{blocking, local_path, DeskError, Fields};
use crate::state::AppState;
use crate::store::admin::{NewSession, Session};
use crate::store::StoreError;
use crate::submit::client_ip;
use crate::time::now_ms;

/// The session cookie.
const SESSION_COOKIE: &str = "binhluan_desk";
/// The sign-in form's own cookie: the form's token must equal it (login CSRF).
const SIGN_IN_COOKIE: &str = "binhluan_desk_signin";
/// A session lasts a working day; then the editor signs in again.
const SESSION_TTL: Duration = Duration::from_secs(12 * 3600);
/// The header the desk's script sends the CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The argon2id hash of `password` (PHC string, random salt, the crate's defaults: 19 MiB,
/// two passes, one lane).
pub fn hash_password(password: &str) -> Result<String, StoreError> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| e.to_string())?
        .to_string())
}

/// Whether `password` matches `phc`; a hash that cannot be read matches nothing.
fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash to check unknown names against, so that a wrong name costs the time a wrong
/// password does and timing tells nobody which names exist.
fn stand_in_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password("stand-in for an unknown account").unwrap_or_default())
}

/// 32 random bytes as hex.
fn random_token() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What the store keeps of a session token.
fn token_hash(token: &str) -> String {
    hex(&Blake2s256::digest(token.as_bytes()))
}

fn same(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// The value of cookie `name`.
fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v)
}

fn set_cookie(secure: bool, name: &str, value: &str, path: &str, max_age: u64) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::try_from(format!(
        "{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Failed sign-ins allowed before each further attempt has to wait.
const FREE_FAILURES: u32 = 5;
/// Failures older than this are forgotten.
const FAILURE_WINDOW: Duration = Duration::from_secs(15 * 60);
/// The longest wait between attempts.
const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
/// Keys tracked at most; beyond it the stale ones go, then all.
const MAX_TRACKED: usize = 10_000;

/// Failed sign-ins per account and per address. After [`FREE_FAILURES`] each attempt waits
/// twice as long as the one before (2 s, 4 s, … up to [`MAX_WAIT`]), right password or not,
/// so guessing is slowed on both a single account and from a single address.
#[derive(Default)]
pub struct SignInThrottle {
    failures: Mutex<HashMap<String, Failures>>,
}

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

impl Failures {
    fn wait(self, now: Instant) -> Option<Duration> {
        if self.count < FREE_FAILURES || now.duration_since(self.last) > FAILURE_WINDOW {
            return None;
        }
        let wait = Duration::from_secs(2u64 << (self.count - FREE_FAILURES).min(16)).min(MAX_WAIT);
        wait.checked_sub(now.saturating_duration_since(self.last))
            .filter(|left| !left.is_zero())
    }
}

impl SignInThrottle {
    /// How long the attempt on `keys` has to wait, if it does.
    pub fn wait(&self, keys: &[String], now: Instant) -> Option<Duration> {
        let failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        keys.iter()
            .filter_map(|k| failures.get(k).and_then(|f| f.wait(now)))
            .max()
    }

    /// Counts a failed attempt on every key.
    pub fn failed(&self, keys: &[String], now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.len() >= MAX_TRACKED {
            failures.retain(|_, f| now.duration_since(f.last) <= FAILURE_WINDOW);
            if failures.len() >= MAX_TRACKED {
                failures.clear();
            }
        }
        for key in keys {
            let f = failures.entry(key.clone()).or_insert(Failures {
                count: 0,
                last: now,
            });
            if now.duration_since(f.last) > FAILURE_WINDOW {
                f.count = 0;
            }
            f.count += 1;
            f.last = now;
        }
    }

    /// Forgets an account's failures after it signed in.
    pub fn succeeded(&self, key: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(key);
    }
}

/// The guard of every desk route but sign-in and the assets: a valid session, and on a
/// state-changing request the session's CSRF token (form field `csrf` or the `X-CSRF-Token`
/// header). The session goes to the handler as an extension, and a form's fields too.
pub async fn guard(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let session = match session_of(&state, req.headers()).await {
        Ok(Some(session)) => session,
        Ok(None) => return signed_out(&req),
        Err(e) => return e.into_response(),
    };
    let (mut parts, body) = req.into_parts();
    if !matches!(parts.method, Method::GET | Method::HEAD) {
        let fields = match Fields::read(body).await {
            Ok(fields) => fields,
            Err(e) => return e.into_response(),
        };
        let sent = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .or_else(|| fields.get("csrf"));
        if !sent.is_some_and(|t| same(t, &session.csrf)) {
            return DeskError::Forbidden(
                "Phiên làm việc không khớp (mã CSRF). Hãy tải lại trang rồi thử lại.",
            )
            .into_response();
        }
        parts.extensions.insert(fields);
        parts.extensions.insert(session);
        return next
            .run(Request::from_parts(parts, axum::body::Body::empty()))
            .await;
    }
    parts.extensions.insert(session);
    next.run(Request::from_parts(parts, body)).await
}

/// No session: a page is sent to the sign-in form (and back after it), anything else 401.
fn signed_out(req: &Request) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        let back = req.uri().path_and_query().map_or("/admin/", |p| p.as_str());
        Redirect::to(&format!(
            "/admin/sign-in?next={}",
            html::query_value(&local_path(Some(back)))
        ))
        .into_response()
    } else {
        html::page(
            StatusCode::UNAUTHORIZED,
            "Chưa đăng nhập",
            None,
            "<h1>Chưa đăng nhập</h1><p>Phiên làm việc đã hết hoặc chưa bắt đầu. \
             <a href=\"/admin/sign-in\">Đăng nhập</a></p>",
        )
    }
}

async fn session_of(state: &AppState, headers: &HeaderMap) -> Result<Option<Session>, DeskError> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let store = state.desk.store.clone();
    let hash = token_hash(token);
    blocking(move || store.session(&hash, now_ms())).await
}

/// `GET /admin/sign-in`: the form, with a fresh token in its cookie.
pub async fn sign_in_page(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let next = Fields::query(&req).get("next").map(str::to_owned);
    match random_token() {
        Ok(token) => sign_in_form(&state, StatusCode::OK, &token, next.as_deref(), None),
        Err(e) => DeskError::internal(&e).into_response(),
    }
}

fn sign_in_form(
    state: &AppState,
    status: StatusCode,
    token: &str,
    next: Option<&str>,
    problem: Option<&str>,
) -> Response {
    let problem = problem.map_or(String::new(), |p| {
        format!("<p class=\"problem\" role=\"alert\">{}</p>", esc(p))
    });
    let body = format!(
        "<section class=\"sign-in\"><h1>Đăng nhập bàn biên tập</h1>{problem}\
         <form method=\"post\" action=\"/admin/sign-in\">\
         <input type=\"hidden\" name=\"token\" value=\"{}\">\
         <input type=\"hidden\" name=\"next\" value=\"{}\">\
         <p><label for=\"name\">Tên đăng nhập</label>\
         <input id=\"name\" name=\"name\" autocomplete=\"username\" required autofocus></p>\
         <p><label for=\"password\">Mật khẩu</label>\
         <input id=\"password\" name=\"password\" type=\"password\" \
         autocomplete=\"current-password\" required></p>\
         <p><button type=\"submit\">Đăng nhập</button></p></form></section>",
        esc(token),
        esc(&local_path(next))
    );
    let mut response = html::page(status, "Đăng nhập", None, &body);
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            state.desk.secure_cookies,
            SIGN_IN_COOKIE,
            token,
            "/admin/sign-in",
            3600,
        ),
    );
    response
}

/// `POST /admin/sign-in`: the form's token, the throttle, the password; then a session.
pub async fn sign_in(State(state): State<Arc<AppState>>, req: Request) -> Response {
    match try_sign_in(&state, req).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn try_sign_in(state: &Arc<AppState>, req: Request) -> Result<Response, DeskError> {
    let (parts, body) = req.into_parts();
    let fields = Fields::read(body).await?;
    let token = cookie(&parts.headers, SIGN_IN_COOKIE).unwrap_or("");
    if token.is_empty() || !fields.get("token").is_some_and(|t| same(t, token)) {
        return Err(DeskError::Forbidden(
            "Biểu mẫu đăng nhập đã cũ. Hãy tải lại trang đăng nhập.",
        ));
    }
    let name = fields.get("name").unwrap_or("").to_owned();
    let password = fields.get("password").unwrap_or("").to_owned();
    let next = fields.get("next").map(str::to_owned);
    let ip = client_ip(state, &parts).map_or_else(String::new, |ip| ip.to_string());
    let account_key = format!("account:{}", name.to_lowercase());
    let keys = [account_key.clone(), format!("address:{ip}")];
    if let Some(wait) = state.desk.throttle.wait(&keys, Instant::now()) {
        return Err(DeskError::Throttled(wait.as_secs().max(1)));
    }
    let store = state.desk.store.clone();
    let user = blocking(move || {
        let user = store.user(&name)?;
        let phc = user
            .as_ref()
            .map_or_else(|| stand_in_hash().to_owned(), |u| u.password_hash.clone());
        Ok(user.filter(|_| verify_password(&password, &phc)))
    })
    .await?;
    let Some(user) = user else {
        state.desk.throttle.failed(&keys, Instant::now());
        return Ok(sign_in_form(
            state,
            StatusCode::UNAUTHORIZED,
            token,
            next.as_deref(),
            Some("Tên đăng nhập hoặc mật khẩu không đúng."),
        ));
    };
    state.desk.throttle.succeeded(&account_key);
    let token = random_token().map_err(|e| DeskError::internal(&e))?;
    let now = now_ms();
    let session = NewSession {
        token_hash: token_hash(&token),
        user_id: user.id,
        csrf: random_token().map_err(|e| DeskError::internal(&e))?,
        created_at_ms: now,
        expires_at_ms: now + SESSION_TTL.as_millis() as i64,
    };
    let store = state.desk.store.clone();
    blocking(move || store.create_session(&session)).await?;
    tracing::info!(user = %user.name, "signed in to the desk");
    let secure = state.desk.secure_cookies;
    let mut response = Redirect::to(&local_path(next.as_deref())).into_response();
    let h = response.headers_mut();
    h.append(
        header::SET_COOKIE,
        set_cookie(
            secure,
            SESSION_COOKIE,
            &token,
            "/admin",
            SESSION_TTL.as_secs(),
        ),
    );
    h.append(
        header::SET_COOKIE,
        set_cookie(secure, SIGN_IN_COOKIE, "", "/admin/sign-in", 0),
    );
    Ok(response)
}

/// `POST /admin/sign-out`: ends this session, or with `everywhere` every session of the
/// account.
pub async fn sign_out(
    State(state): State<Arc<AppState>>,
    Extension(session): Extension<Session>,
    Extension(fields): Extension<Fields>,
    headers: HeaderMap,
) -> Result<Response, DeskError> {
    let store = state.desk.store.clone();
    let hash = cookie(&headers, SESSION_COOKIE).map(token_hash);
    let everywhere = fields.get("everywhere").is_some();
    blocking(move || {
        if everywhere {
            store.end_sessions_of(session.user_id).map(drop)
        } else {
            hash.map_or(Ok(()), |h| store.end_session(&h))
        }
    })
    .await?;
    let mut response = Redirect::to("/admin/sign-in").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(state.desk.secure_cookies, SESSION_COOKIE, "", "/admin", 0),
    );
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let phc = hash_password("mật khẩu dài").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
        assert!(verify_password("mật khẩu dài", &phc));
        assert!(!verify_password("mật khẩu sai", &phc));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn the_throttle_doubles_the_wait_after_the_free_failures() {
        let throttle = SignInThrottle::default();
        let keys = ["account:lan".to_owned(), "address:192.0.2.1".to_owned()];
        let t0 = Instant::now();
        for _ in 0..FREE_FAILURES {
            assert_eq!(throttle.wait(&keys, t0), None);
            throttle.failed(&keys, t0);
        }
        assert_eq!(throttle.wait(&keys, t0), Some(Duration::from_secs(2)));
        assert_eq!(throttle.wait(&keys, t0 + Duration::from_secs(2)), None);
        throttle.failed(&keys, t0 + Duration::from_secs(2));
        assert_eq!(
            throttle.wait(&keys, t0 + Duration::from_secs(3)),
            Some(Duration::from_secs(3))
        );
        // Another address on another account is not slowed.
        let other = ["account:minh".to_owned(), "address:192.0.2.2".to_owned()];
        assert_eq!(throttle.wait(&other, t0), None);
        throttle.succeeded("account:lan");
        // The address still is.
        assert!(throttle.wait(&keys, t0 + Duration::from_secs(3)).is_some());
    }

    #[test]
    fn cookies_are_read_by_name() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; binhluan_desk=abc; b=2"),
        );
        assert_eq!(cookie(&headers, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&headers, SIGN_IN_COOKIE), None);
    }
}
