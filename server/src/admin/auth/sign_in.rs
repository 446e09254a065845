//! The sign-in form (with its own token against login CSRF) and signing in and out.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

use super::cookie::{cookie, set_cookie};
use super::password::{stand_in_hash, verify_password};
use super::token::{random_token, same, token_hash};
use super::{SESSION_COOKIE, SESSION_TTL, SIGN_IN_COOKIE};
use crate::admin::html::{self, esc};
use crate::admin::text::{Locale, Message};
use crate::admin::{blocking, local_path, DeskError, Fields};
use crate::state::AppState;
use crate::store::admin::{NewSession, Session};
use crate::submit::client_ip;
use crate::time::now_ms;

/// `GET /admin/sign-in`: the form, with a fresh token in its cookie.
pub async fn sign_in_page(
    State(state): State<Arc<AppState>>,
    locale: Locale,
    req: Request,
) -> Response {
    let next = Fields::query(&req).get("next").map(str::to_owned);
    match random_token() {
        Ok(token) => sign_in_form(
            &state,
            &locale,
            StatusCode::OK,
            &token,
            next.as_deref(),
            None,
        ),
        Err(e) => DeskError::internal(&e).into_response(),
    }
}

fn sign_in_form(
    state: &AppState,
    locale: &Locale,
    status: StatusCode,
    token: &str,
    next: Option<&str>,
    problem: Option<Message>,
) -> Response {
    let t = locale.text();
    let problem = problem.map_or(String::new(), |p| {
        format!("<p class=\"problem\" role=\"alert\">{}</p>", esc(p(t)))
    });
    let body = format!(
        "<section class=\"sign-in\"><h1>{}</h1>{problem}\
         <form method=\"post\" action=\"/admin/sign-in\">\
         <input type=\"hidden\" name=\"token\" value=\"{}\">\
         <input type=\"hidden\" name=\"next\" value=\"{}\">\
         <p><label for=\"name\">{}</label>\
         <input id=\"name\" name=\"name\" autocomplete=\"username\" required autofocus></p>\
         <p><label for=\"password\">{}</label>\
         <input id=\"password\" name=\"password\" type=\"password\" \
         autocomplete=\"current-password\" required></p>\
         <p><button type=\"submit\">{}</button></p></form></section>",
        t.sign_in_heading,
        esc(token),
        esc(&local_path(next)),
        t.user_name,
        t.password,
        t.sign_in,
    );
    let mut response = html::page(status, locale, t.sign_in, None, &body);
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
pub async fn sign_in(State(state): State<Arc<AppState>>, locale: Locale, req: Request) -> Response {
    match try_sign_in(&state, &locale, req).await {
        Ok(response) => response,
        Err(e) => e.into_response(),
    }
}

async fn try_sign_in(
    state: &Arc<AppState>,
    locale: &Locale,
    req: Request,
) -> Result<Response, DeskError> {
    let (parts, body) = req.into_parts();
    let fields = Fields::read(body).await?;
    let token = cookie(&parts.headers, SIGN_IN_COOKIE).unwrap_or("");
    if token.is_empty() || !fields.get("token").is_some_and(|t| same(t, token)) {
        return Err(DeskError::Forbidden(|t| t.sign_in_form_stale));
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
    let user = state.desk.store().user(name).await?;
    let user = blocking(move || {
        let phc = user
            .as_ref()
            .map_or_else(|| stand_in_hash().to_owned(), |u| u.password_hash.clone());
        user.filter(|_| verify_password(&password, &phc))
    })
    .await?;
    let Some(user) = user else {
        state.desk.throttle.failed(&keys, Instant::now());
        return Ok(sign_in_form(
            state,
            locale,
            StatusCode::UNAUTHORIZED,
            token,
            next.as_deref(),
            Some(|t| t.wrong_password),
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
    state.desk.store().create_session(session).await?;
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
    let store = state.desk.store();
    if fields.get("everywhere").is_some() {
        store.end_sessions_of(session.user_id).await?;
    } else if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        store.end_session(token_hash(token)).await?;
    }
    let mut response = Redirect::to("/admin/sign-in").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(state.desk.secure_cookies, SESSION_COOKIE, "", "/admin", 0),
    );
    Ok(response)
}
