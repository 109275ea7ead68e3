//! The one error type of the HTTP layer, rendered as a JSON problem
//! `{code, message}` with a stable `code`.
//!
//! Internal causes are logged with their detail and answered with a bland
//! 500: a client never sees SQL or file paths. Storage that cannot take a
//! request for now (disk full, database restarting) is a 503 with
//! `Retry-After` instead: the client should retry, nobody needs paging.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use nps_protocol::Problem;

use crate::auth::AddError;
use crate::domain::Invalid;
use crate::store::StoreError;

/// Result of a handler.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// 422: a field broke a rule (score 11, comment too long, bad UUID…).
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// 400: the body is not JSON of the expected shape (wrong types too:
    /// a score of `"9"` or `9.5`).
    #[error("{0}")]
    MalformedJson(String),
    /// 413: the body is over the size limit.
    #[error("request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    /// 415: the body is not sent as `application/json`.
    #[error("send the body as Content-Type: application/json")]
    UnsupportedMediaType,
    /// 400: a query-string parameter is missing or malformed.
    #[error("{0}")]
    BadQuery(String),
    /// 404: no project has this key.
    #[error("no project has the key {0:?}")]
    UnknownKey(String),
    /// 404: the addressed resource does not exist.
    #[error("{0}")]
    NotFound(String),
    /// 401: admin endpoint without a valid `Authorization: Bearer` token.
    #[error("this endpoint needs Authorization: Bearer <admin token>")]
    Unauthorized,
    /// 401: `POST /api/v1/moments` without the project's server key (a
    /// missing, wrong or rotated key, or any other key).
    #[error("this endpoint needs Authorization: Bearer <the project's server key>")]
    BadServerKey,
    /// 403: the project verifies identities and the `user_hash` does not
    /// prove the `user_id`.
    #[error(
        "user_id is not verified: send user_hash = HMAC-SHA256(identity secret, user_id), hex"
    )]
    UnverifiedUser,
    /// 403: the request may not change this resource (e.g. a comment
    /// without its response's secret); the message says why.
    #[error("{1}")]
    Forbidden(&'static str, String),
    /// 408: the request (head, body and handling) took too long.
    #[error("the request took longer than {0} s")]
    RequestTimeout(u64),
    /// 401: sign-in with a wrong e-mail or password (one message for both).
    #[error("wrong e-mail or password")]
    InvalidCredentials,
    /// 405: the route exists, not with this method.
    #[error("this method is not allowed here")]
    MethodNotAllowed,
    /// 409: the resource already exists.
    #[error("{0}")]
    Conflict(String),
    /// 429: too many requests from this client or for this key; the value
    /// is the `Retry-After` in seconds.
    #[error("too many requests; retry in {0} s")]
    RateLimited(u64),
    /// 500: storage failed; detail logged, not sent. 503
    /// `storage_unavailable` with `Retry-After` when it is unavailable for
    /// now ([`StoreError::is_unavailable`]: disk full, server restarting).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Adding a member fails as its cause does: a 422 for what was sent, a
/// storage error otherwise.
impl From<AddError> for Error {
    fn from(e: AddError) -> Self {
        match e {
            AddError::Invalid(i) => i.into(),
            AddError::Store(s) => s.into(),
        }
    }
}

/// The `Retry-After` (s) of a 503 `storage_unavailable`: about what a
/// PostgreSQL restart takes; clients back off further on their own.
const STORAGE_RETRY_AFTER_SECS: u64 = 5;

impl Error {
    fn status(&self) -> StatusCode {
        match self {
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::MalformedJson(_) | Self::BadQuery(_) => StatusCode::BAD_REQUEST,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::UnknownKey(_) | Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Unauthorized | Self::InvalidCredentials | Self::BadServerKey => {
                StatusCode::UNAUTHORIZED
            }
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::UnverifiedUser | Self::Forbidden(..) => StatusCode::FORBIDDEN,
            Self::RequestTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            Self::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Store(e) if e.is_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
            Self::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Self::Invalid(invalid) => invalid.code,
            Self::MalformedJson(_) => "malformed_json",
            Self::PayloadTooLarge(_) => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::BadQuery(_) => "bad_query",
            Self::UnknownKey(_) => "unknown_key",
            Self::NotFound(_) => "not_found",
            Self::Unauthorized => "unauthorized",
            Self::BadServerKey => "invalid_server_key",
            Self::InvalidCredentials => "invalid_credentials",
            Self::Conflict(_) => "conflict",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::UnverifiedUser => "unverified_user",
            Self::Forbidden(code, _) => code,
            Self::RequestTimeout(_) => "request_timeout",
            Self::RateLimited(_) => "rate_limited",
            Self::Store(e) if e.is_unavailable() => "storage_unavailable",
            Self::Store(_) => "internal_error",
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = match &self {
            Self::Store(cause) if cause.is_unavailable() => {
                tracing::warn!(error = %cause, "storage unavailable");
                "storage is unavailable for now; the request was not stored: retry later".to_owned()
            }
            Self::Store(cause) => {
                tracing::error!(error = %cause, "storage failure");
                "internal error; the request was not stored".to_owned()
            }
            _ => self.to_string(),
        };
        let problem = Problem {
            code: self.code().to_owned(),
            message,
        };
        let mut response = (status, Json(problem)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        let retry_after = match self {
            Self::RateLimited(seconds) => Some(seconds),
            _ if status == StatusCode::SERVICE_UNAVAILABLE => Some(STORAGE_RETRY_AFTER_SECS),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use axum::body::to_bytes;

    use super::*;

    #[tokio::test]
    async fn storage_unavailable_for_now_is_a_503_with_retry_after() {
        // Arrange
        let error = Error::Store(StoreError::Unavailable("disk full".into()));

        // Act
        let response = error.into_response();

        // Assert
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
        assert_eq!(
            response.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
        let body = to_bytes(response.into_body(), 4096).await.unwrap();
        let problem: Problem = serde_json::from_slice(&body).unwrap();
        assert_eq!(problem.code, "storage_unavailable");
        assert!(
            !problem.message.contains("disk full"),
            "{}",
            problem.message
        );
    }

    #[tokio::test]
    async fn any_other_storage_failure_stays_a_bland_500() {
        // Arrange
        let error = Error::Store(StoreError::Commit("UNIQUE constraint failed".into()));

        // Act
        let response = error.into_response();

        // Assert
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(response.headers().get(header::RETRY_AFTER).is_none());
        let body = to_bytes(response.into_body(), 4096).await.unwrap();
        let problem: Problem = serde_json::from_slice(&body).unwrap();
        assert_eq!(problem.code, "internal_error");
        assert!(!problem.message.contains("UNIQUE"), "{}", problem.message);
    }
}
