//! Accounts and sessions: argon2id password hashes, the sign-in form (with its own token
//! against login CSRF, and a throttle against guessing), server-side sessions in an
//! `HttpOnly; SameSite=Strict` cookie, and the guard in front of every other desk route.

mod cookie;
mod password;
mod sign_in;
mod throttle;
mod token;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::html;
use super::text::Locale;
use super::{local_path, DeskError, Fields};
use crate::state::AppState;
use crate::store::admin::Session;
use crate::time::now_ms;
pub(super) use cookie::{cookie, set_cookie};
use token::{same, token_hash};

pub use password::hash_password;
pub use sign_in::{sign_in, sign_in_page, sign_out};
pub use throttle::SignInThrottle;

/// The session cookie.
const SESSION_COOKIE: &str = "binhluan_desk";
/// The sign-in form's own cookie: the form's token must equal it (login CSRF).
const SIGN_IN_COOKIE: &str = "binhluan_desk_signin";
/// A session lasts a working day; then the editor signs in again.
const SESSION_TTL: Duration = Duration::from_secs(12 * 3600);
/// The header the desk's script sends the CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

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
            return DeskError::Forbidden(|t| t.csrf_mismatch).into_response();
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
        let locale = req
            .extensions()
            .get::<Locale>()
            .cloned()
            .unwrap_or_default();
        let t = locale.text();
        html::page(
            StatusCode::UNAUTHORIZED,
            &locale,
            t.signed_out_title,
            None,
            &format!(
                "<h1>{}</h1><p>{} <a href=\"/admin/sign-in\">{}</a></p>",
                t.signed_out_title, t.signed_out_text, t.sign_in
            ),
        )
    }
}

async fn session_of(state: &AppState, headers: &HeaderMap) -> Result<Option<Session>, DeskError> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    Ok(state
        .desk
        .store()
        .session(token_hash(token), now_ms())
        .await?)
}
