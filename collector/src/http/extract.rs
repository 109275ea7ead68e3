//! Extractors that fail with our [`Error`] instead of axum's plain-text
//! rejections: JSON bodies, query strings and the admin token.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRef, FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use subtle::ConstantTimeEq;

use super::error::Error;
use super::{AppState, MAX_BODY_BYTES};

/// `axum::Json`, but malformed or oversized bodies become JSON problems.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct JsonBody<T>(pub T);

impl<S, T> FromRequest<S> for JsonBody<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(json_error(&rejection)),
        }
    }
}

fn json_error(rejection: &JsonRejection) -> Error {
    match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Error::PayloadTooLarge(MAX_BODY_BYTES),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Error::UnsupportedMediaType,
        _ => Error::MalformedJson(rejection.body_text()),
    }
}

/// `axum::extract::Query`, with a JSON problem on failure.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct QueryParams<T>(pub T);

impl<S, T> FromRequestParts<S> for QueryParams<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(v)| Self(v))
            .map_err(|e: QueryRejection| Error::BadQuery(e.body_text()))
    }
}

/// Proof that the request carried the admin token. Put it in a handler's
/// arguments to make the endpoint admin-only.
#[derive(Debug, Clone, Copy)]
pub(super) struct Admin;

impl<S> FromRequestParts<S> for Admin
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let presented = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(Error::Unauthorized)?;
        let expected = state.admin_token.expose_secret().as_bytes();
        // Constant-time so the token can't be guessed byte by byte from
        // response timings.
        if bool::from(presented.as_bytes().ct_eq(expected)) {
            Ok(Self)
        } else {
            Err(Error::Unauthorized)
        }
    }
}
