//! The HTTP API: one module per feature, each owning its routes, merged here
//! with the middleware they share.

mod assets;
mod caching;
mod config;
mod eligibility;
mod error;
mod events;
mod extract;
mod health;
mod metrics;
mod openapi;
mod projects;
mod rate_limit;
mod responses;
mod stats;

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, Method};
use axum::Router;
use secrecy::SecretString;
use tower_http::compression::CompressionLayer;
use tower_http::cors::{Any, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub(crate) use assets::widget_is_built;
pub use error::{Error, Result};
pub use openapi::document as openapi_document;
pub use rate_limit::RateLimits;

use axum::http::StatusCode;
use axum::Json;
use nps_protocol::ResponseReceipt;

use crate::domain::{user_hash_is_valid, ClientId, ProjectKey, UserId};
use crate::store::{Inserted, Project, Store};

/// Largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// Where responses go.
    pub store: Arc<dyn Store>,
    /// The token the admin API and dashboard need.
    pub admin_token: Arc<SecretString>,
    /// Serve the demo host page at `/demo/`.
    pub demo: bool,
    /// Per-IP and per-key request limits.
    pub limits: Arc<RateLimits>,
}

/// The whole application as a router, with no socket: tests drive it with
/// `tower::ServiceExt::oneshot`.
pub fn app(state: AppState) -> Router {
    metrics::prometheus();
    // The widget runs on the customers' origins, so any origin may call the
    // API. The admin API is safe under the same rule: it needs a bearer
    // token, never a cookie, so a foreign page can't ride on a session.
    // (A layer on the public routes alone would not see preflights: axum
    // answers 405 to OPTIONS before route middleware runs.)
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::PATCH])
        .allow_headers([header::CONTENT_TYPE])
        // The widget's outbox honours Retry-After on 429/503 from any origin.
        .expose_headers([header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(86_400));
    let api = Router::new()
        .merge(responses::public_router())
        .merge(config::public_router())
        .merge(events::public_router())
        .merge(eligibility::public_router())
        .merge(responses::admin_router())
        .merge(stats::admin_router())
        .merge(projects::admin_router())
        .merge(metrics::router())
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            rate_limit::per_ip,
        ))
        .route_layer(axum::middleware::from_fn(metrics::track));
    Router::new()
        .merge(api)
        .merge(health::router())
        .merge(openapi::router())
        .merge(assets::router())
        .method_not_allowed_fallback(|| async { Error::MethodNotAllowed })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(cors)
        .layer(CompressionLayer::new())
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// The receipt of a stored (201) or replayed (200) response or event.
pub(crate) fn receipt(id: ClientId, inserted: Inserted) -> (StatusCode, Json<ResponseReceipt>) {
    let created = inserted == Inserted::Created;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let id = id.uuid().to_string();
    (status, Json(ResponseReceipt { id, created }))
}

/// The project with this key, or a 404 `unknown_key`. Counts the request
/// against the key's rate limit first.
pub(crate) async fn require_project(state: &AppState, key: &ProjectKey) -> Result<Project> {
    state.limits.check_key(key)?;
    state
        .store
        .project(key)
        .await?
        .ok_or_else(|| Error::UnknownKey(key.as_str().to_owned()))
}

/// When the project verifies identities, a claimed user id must carry a
/// valid `user_hash`; anonymous answers stay welcome.
pub(crate) fn verify_user(
    project: &Project,
    user_id: Option<&UserId>,
    user_hash: Option<&str>,
) -> Result<()> {
    match (&project.settings.identity_secret, user_id) {
        (Some(secret), Some(user)) => {
            if user_hash.is_some_and(|hash| user_hash_is_valid(secret, user, hash)) {
                Ok(())
            } else {
                Err(Error::UnverifiedUser)
            }
        }
        _ => Ok(()),
    }
}
