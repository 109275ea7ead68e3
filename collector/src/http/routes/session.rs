//! Signing in to the dashboard: `POST /api/v1/session` (e-mail and
//! password → an `HttpOnly`, `SameSite=Strict` session cookie and a CSRF
//! token), `GET` (who am I), `DELETE` (sign out). Attempts are limited per
//! client address and per (e-mail, address), and slowed, never refused, per
//! e-mail (`auth::limits`); a wrong e-mail costs the same argon2 work as a
//! wrong password, so neither tells which accounts exist.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use nps_protocol::admin::{Credentials, Session};

use crate::auth::limits::Verdict;
use crate::auth::{self, password, stored_role, token_hash, Email, COOKIE, SESSION_DAYS};
use crate::http::error::{Error, Result};
use crate::http::middleware::caching::NO_STORE;
use crate::http::middleware::extract::{session_cookie, JsonBody, SignedIn};
use crate::http::middleware::rate_limit::client_ip;
use crate::http::state::AppState;
use crate::store::members;

/// Routes of the dashboard's sign-in.
pub(in crate::http) fn router() -> Router<AppState> {
    Router::new().route(
        "/api/v1/session",
        post(sign_in).get(whoami).delete(sign_out),
    )
}

/// A hash to verify against when the e-mail is unknown, so the answer
/// takes as long either way.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| password::hash("decoy password, never matches").unwrap_or_default())
}

/// Whether the collector is reached over HTTPS (`--public-url`), which
/// makes the cookie `Secure`. The scheme is parsed, case-insensitively as
/// RFC 3986 says: `HTTPS://…` is HTTPS too.
fn is_https(public_url: &str) -> bool {
    public_url
        .trim()
        .split_once("://")
        .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case("https"))
}

fn cookie(value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let text =
        format!("{COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Signs in: sets the session cookie and returns the CSRF token.
#[utoipa::path(post, path = "/api/v1/session", tag = "dashboard", request_body = Credentials,
    responses((status = 200, description = "Signed in; `nps_session` cookie set", body = Session),
        (status = 401, description = "Wrong e-mail or password"),
        (status = 429, description = "Too many attempts")))]
async fn sign_in(State(state): State<AppState>, request: Request) -> Result<Response> {
    let client = client_ip(&request, state.limits.trusts_forwarded_for());
    let JsonBody(body) =
        <JsonBody<Credentials> as axum::extract::FromRequest<AppState>>::from_request(
            request, &state,
        )
        .await?;
    let email = Email::try_from(body.email.as_str());
    let key = email.as_ref().map_or(body.email.as_str(), Email::as_str);
    match state.sign_in.check(client, key) {
        Verdict::Go => {}
        Verdict::SlowDown(wait) => tokio::time::sleep(wait).await,
        Verdict::Refuse(retry_after) => return Err(Error::RateLimited(retry_after)),
    }
    // No member has an address that is not one: nothing to verify.
    let Ok(email) = email else {
        return Err(Error::InvalidCredentials);
    };
    let member = members::get(state.store.pool(), email.as_str()).await?;
    let hash = member
        .as_ref()
        .map_or(decoy_hash(), |m| m.password_hash.as_str())
        .to_owned();
    let password = body.password;
    let matches = state.sign_in.verify(password, hash).await;
    let Some(member) = member.filter(|_| matches) else {
        return Err(Error::InvalidCredentials);
    };
    let (token, csrf) = auth::open_session(state.store.as_ref(), &member.email).await?;
    let secure = is_https(&state.public_url);
    let mut response = Json(Session {
        email: member.email,
        role: stored_role(&member.role),
        csrf_token: csrf,
    })
    .into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        cookie(&token, SESSION_DAYS * 86_400, secure),
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The signed-in member (401 without a session).
#[utoipa::path(get, path = "/api/v1/session", tag = "dashboard",
    responses((status = 200, description = "Signed in", body = Session)))]
async fn whoami(State(state): State<AppState>, headers: HeaderMap) -> Result<impl IntoResponse> {
    let token = session_cookie(&headers).ok_or(Error::Unauthorized)?;
    let now = crate::store::to_millis(time::OffsetDateTime::now_utc());
    let session = members::session(state.store.pool(), &token_hash(token), now)
        .await?
        .ok_or(Error::Unauthorized)?;
    // It carries the CSRF token: no cache may keep it.
    let view = Session {
        email: session.email,
        role: stored_role(&session.role),
        csrf_token: session.csrf_token,
    };
    Ok((NO_STORE, Json(view)))
}

/// Signs out (the session is deleted, the cookie cleared).
#[utoipa::path(delete, path = "/api/v1/session", tag = "dashboard",
    responses((status = 204, description = "Signed out"),
        (status = 403, description = "No CSRF token")))]
async fn sign_out(
    _: SignedIn,
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response> {
    if let Some(token) = session_cookie(&headers) {
        members::close_session(state.store.pool(), &token_hash(token)).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    let secure = is_https(&state.public_url);
    response
        .headers_mut()
        .insert(header::SET_COOKIE, cookie("", 0, secure));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}
