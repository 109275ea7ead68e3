//! Extractors that fail with our [`Error`] instead of axum's plain-text
//! rejections: JSON bodies, query strings and the admin token.

use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{FromRef, FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

use super::body_limit::MAX_BODY_BYTES;
use super::strict_json::duplicate_key;
use crate::auth::{stored_role, token_hash, Principal, Role, COOKIE};
use crate::domain::Invalid;
use crate::http::error::Error;
use crate::http::state::AppState;

/// `axum::Json`, but stricter, for the admin API: an object naming a key
/// twice is refused (serde would silently keep the last one), and so is a
/// field the type does not know (a misspelt setting would otherwise answer
/// 200 and change nothing), with a 422 naming it. Fails with JSON problems.
#[derive(Debug, Clone, Copy, Default)]
pub(in crate::http) struct JsonBody<T>(pub T);

/// [`JsonBody`] for the widget's public ingest: fields it does not know are
/// ignored, so a newer widget's answers still reach an older collector.
#[derive(Debug, Clone, Copy, Default)]
pub(in crate::http) struct IngestBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        read_json(req, state, true).await.map(Self)
    }
}

impl<S, T> FromRequest<S> for IngestBody<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        read_json(req, state, false).await.map(Self)
    }
}

async fn read_json<S, T>(req: Request, state: &S, strict: bool) -> Result<T, Error>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    if !is_json(req.headers()) {
        return Err(Error::UnsupportedMediaType);
    }
    let bytes =
        Bytes::from_request(req, state)
            .await
            .map_err(|rejection| match rejection.status() {
                StatusCode::PAYLOAD_TOO_LARGE => Error::PayloadTooLarge(MAX_BODY_BYTES),
                _ => Error::MalformedJson(rejection.body_text()),
            })?;
    let mut unknown = Vec::new();
    // The ingest path (every answer) skips the bookkeeping of ignored
    // fields: it would not use it.
    let parsed = if strict {
        let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
        serde_ignored::deserialize(&mut deserializer, |path| unknown.push(path.to_string()))
            .and_then(|value| deserializer.end().map(|()| value))
    } else {
        serde_json::from_slice(&bytes)
    };
    let value = parsed.map_err(|e| Error::MalformedJson(format!("invalid JSON body: {e}")))?;
    if let Some(key) = duplicate_key(&bytes) {
        return Err(Error::MalformedJson(format!(
            "the key {key:?} appears twice in one object"
        )));
    }
    if strict && !unknown.is_empty() {
        return Err(Invalid::new(
            "unknown_field",
            format!("unknown field(s): {}", unknown.join(", ")),
        )
        .into());
    }
    Ok(value)
}

/// `application/json`, or any `application/*+json`, with parameters.
fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    let essence = essence.to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// `axum::extract::Query`, with a JSON problem on failure, and one rule
/// for every endpoint: a parameter named twice is refused with 400
/// `bad_query` naming it (serde kept the first or the last depending on
/// the endpoint; a filter silently dropped is a wrong statistic). That
/// holds for `trait.NAME` filters too: several traits, each once.
#[derive(Debug, Clone, Copy, Default)]
pub(in crate::http) struct QueryParams<T>(pub T);

impl<S, T> FromRequestParts<S> for QueryParams<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        if let Some(name) = repeated_parameter(&parts.uri) {
            return Err(Error::BadQuery(format!(
                "the query parameter {name:?} appears more than once"
            )));
        }
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| Self(v))
            .map_err(|e: QueryRejection| Error::BadQuery(e.body_text()))
    }
}

/// The first parameter named twice in the query (names compared decoded).
fn repeated_parameter(uri: &axum::http::Uri) -> Option<String> {
    let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(uri).ok()?;
    let mut seen = std::collections::HashSet::with_capacity(pairs.len());
    pairs
        .into_iter()
        .map(|(name, _)| name)
        .find(|name| !seen.insert(name.clone()))
}

/// Any signed-in principal: the admin token, or a member's session (with
/// its CSRF token on writes). Put it in a handler's arguments to make the
/// endpoint need a sign-in; reading it tells who acted.
#[derive(Debug, Clone)]
pub(in crate::http) struct SignedIn(pub Principal);

/// An admin: the admin token, or a session of a member with the `admin`
/// role. Configuration endpoints take this; a `member` gets 403.
#[derive(Debug, Clone)]
pub(in crate::http) struct Admin(pub Principal);

/// An admin doing something that writes, whatever the method: like
/// [`Admin`], but a session must send its CSRF token on a `GET` too. For
/// reads with a side effect (a person's export is logged), which a page on
/// a sibling origin could otherwise trigger with an `<img>`.
#[derive(Debug, Clone)]
pub(in crate::http) struct AdminAction(pub Principal);

impl<S> FromRequestParts<S> for SignedIn
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let writes = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        principal(parts, &AppState::from_ref(state), writes)
            .await
            .map(Self)
    }
}

impl<S> FromRequestParts<S> for AdminAction
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let who = principal(parts, &AppState::from_ref(state), true).await?;
        admin_only(who).map(Self)
    }
}

fn admin_only(who: Principal) -> Result<Principal, Error> {
    if who.role != Role::Admin {
        return Err(Error::Forbidden(
            "forbidden",
            "only an admin may change the configuration".into(),
        ));
    }
    Ok(who)
}

impl<S> FromRequestParts<S> for Admin
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let writes = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        let who = principal(parts, &AppState::from_ref(state), writes).await?;
        admin_only(who).map(Self)
    }
}

/// The bearer token, else the session cookie, which must come with its
/// CSRF token when the request `writes`.
async fn principal(parts: &Parts, state: &AppState, writes: bool) -> Result<Principal, Error> {
    if let Some(presented) = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    {
        let presented = presented
            .strip_prefix("Bearer ")
            .ok_or(Error::Unauthorized)?;
        let expected = state.admin_token.expose_secret().as_bytes();
        // Constant-time so the token can't be guessed byte by byte from
        // response timings.
        if bool::from(presented.as_bytes().ct_eq(expected)) {
            return Ok(Principal {
                actor: "admin-token".into(),
                role: Role::Admin,
            });
        }
        return Err(Error::Unauthorized);
    }
    let token = session_cookie(&parts.headers).ok_or(Error::Unauthorized)?;
    let now = crate::store::to_millis(time::OffsetDateTime::now_utc());
    let session = crate::store::members::session(state.store.pool(), &token_hash(token), now)
        .await?
        .ok_or(Error::Unauthorized)?;
    if writes {
        let echoed = parts
            .headers
            .get("x-csrf-token")
            .map(|v| v.as_bytes())
            .unwrap_or_default();
        if !bool::from(echoed.ct_eq(session.csrf_token.as_bytes())) {
            return Err(Error::Forbidden(
                "csrf",
                "send the session's CSRF token in X-CSRF-Token".into(),
            ));
        }
    }
    Ok(Principal {
        actor: session.email,
        role: stored_role(&session.role),
    })
}

/// The value of the session cookie, if any.
pub(in crate::http) fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}
