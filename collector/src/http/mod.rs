//! The HTTP API: one module per feature, each owning its routes, merged here
//! with the middleware they share.

mod assets;
mod caching;
mod config;
mod config_versions;
mod cors;
mod eligibility;
mod error;
mod events;
mod extract;
mod followups;
mod health;
mod members;
mod metrics;
mod openapi;
mod project_changes;
mod projects;
mod rate_limit;
mod responses;
mod security_headers;
mod session;
mod state;
mod stats;
mod strict_json;
mod tags;
mod users;
mod verbatims;
mod webhooks;

use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::Router;

use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub(crate) use assets::widget_is_built;
pub use error::{Error, Result};
pub use openapi::document as openapi_document;
pub(crate) use rate_limit::Budget;
pub use rate_limit::RateLimits;
pub use state::{AppState, Shared};

use axum::http::StatusCode;
use axum::Json;
use nps_protocol::ResponseReceipt;

use crate::domain::{user_hash_is_valid, ClientId, ProjectKey, UserId, ValidResponse};
use crate::settings::TransportSettings;
use crate::store::{Inserted, Project};

/// Largest request body accepted, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// The whole application as a router, with no socket: tests drive it with
/// `tower::ServiceExt::oneshot`.
pub fn app(state: AppState) -> Router {
    metrics::prometheus();
    let api = Router::new()
        .merge(responses::public_router())
        .merge(config::public_router())
        .merge(events::public_router())
        .merge(eligibility::public_router())
        .merge(verbatims::admin_router())
        .merge(users::admin_router())
        .merge(session::router())
        .merge(members::router())
        .merge(tags::admin_router())
        .merge(followups::admin_router())
        .merge(webhooks::admin_router())
        .merge(stats::admin_router())
        .merge(projects::admin_router())
        .merge(config_versions::admin_router())
        .merge(metrics::router())
        .route_layer(
            ServiceBuilder::new()
                .layer(axum::middleware::from_fn(metrics::track))
                .layer(axum::middleware::from_fn_with_state(
                    state.clone(),
                    rate_limit::per_ip,
                )),
        );
    Router::new()
        .merge(api)
        .merge(health::router())
        .merge(openapi::router())
        .merge(assets::router())
        .method_not_allowed_fallback(|| async { Error::MethodNotAllowed })
        // One `layer` call for the whole stack, outermost first: each
        // `Router::layer` boxes every route again and adds its own future
        // wrappers, which a request that waits for the writer polls twice.
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(TraceLayer::new_for_http())
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(CompressionLayer::new())
                .layer(cors::layer())
                .layer(axum::middleware::from_fn(cors::expose_retry_after))
                .layer(axum::middleware::from_fn(security_headers::add))
                .layer(axum::middleware::from_fn(refuse_oversized_bodies))
                .layer(DefaultBodyLimit::max(MAX_BODY_BYTES)),
        )
        .with_state(state)
}

/// Puts the transport's deadlines on the router: a body must arrive within
/// `body_timeout`, a whole request be answered within `request_timeout`
/// (408 problem otherwise). Kept out of [`app`] so tests driving the router
/// without a socket need no settings.
pub fn with_deadlines(router: Router, transport: &TransportSettings) -> Router {
    let limit = transport.request_timeout();
    router.layer(
        ServiceBuilder::new()
            .layer(axum::middleware::from_fn(
                move |request: axum::extract::Request, next: axum::middleware::Next| async move {
                    match tokio::time::timeout(limit, next.run(request)).await {
                        Ok(response) => response,
                        Err(_) => axum::response::IntoResponse::into_response(
                            Error::RequestTimeout(limit.as_secs()),
                        ),
                    }
                },
            ))
            // Inside the deadline: it hands the routes a wrapped body,
            // which `from_fn` would not take.
            .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
                transport.body_timeout(),
            )),
    )
}

/// A `Content-Length` over the limit is refused before a byte of the body
/// is read: a client announcing 10¹² bytes gets its 413 at once.
async fn refuse_oversized_bodies(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Result<axum::response::Response> {
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > MAX_BODY_BYTES as u64) {
        return Err(Error::PayloadTooLarge(MAX_BODY_BYTES));
    }
    Ok(next.run(request).await)
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

/// The project with this key, or a 404 `unknown_key` (admin routes: not
/// charged to the key's rate limit).
pub(crate) async fn require_project(
    state: &AppState,
    key: &ProjectKey,
) -> Result<std::sync::Arc<Project>> {
    state
        .projects
        .get(key)
        .await?
        .ok_or_else(|| Error::UnknownKey(key.as_str().to_owned()))
}

/// [`require_project`] for the widget's public routes: the request is
/// counted against one of the key's budgets first, and must come from one
/// of the project's allowed origins when it lists some (a request without
/// `Origin` passes: see [`crate::domain::AllowedOrigin`]).
pub(crate) async fn public_project(
    state: &AppState,
    key: &ProjectKey,
    budget: Budget,
    headers: &axum::http::HeaderMap,
) -> Result<std::sync::Arc<Project>> {
    state.limits.check_key(key, budget)?;
    let project = require_project(state, key).await?;
    let allowed = &project.settings.allowed_origins;
    if let Some(origin) = page_origin(state, headers) {
        let origin = origin.as_str();
        let ok = allowed.is_empty()
            || allowed.iter().any(|a| {
                crate::domain::AllowedOrigin::try_from(a.as_str()).is_ok_and(|a| a.allows(origin))
            });
        if !ok {
            return Err(Error::Forbidden(
                "origin_not_allowed",
                format!("this project's key is not used from {origin:?} (see its allowed origins)"),
            ));
        }
    }
    Ok(project)
}

/// The origin of the page that sent a browser's request: its `Origin`, or,
/// for a same-origin `GET` (which browsers send without one, e.g. a page
/// served by the collector itself), the collector's own origin as the
/// browser addressed it (`Sec-Fetch-Site: same-origin` and its `Host`).
/// `None` outside a browser: scripts and servers send neither.
fn page_origin(state: &AppState, headers: &axum::http::HeaderMap) -> Option<String> {
    if let Some(origin) = headers.get(axum::http::header::ORIGIN) {
        return Some(origin.to_str().unwrap_or_default().to_owned());
    }
    let same_origin = headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"same-origin"));
    let host = headers.get(axum::http::header::HOST)?.to_str().ok()?;
    let scheme = if state.public_url.to_ascii_lowercase().starts_with("https:") {
        "https"
    } else {
        "http"
    };
    same_origin.then(|| format!("{scheme}://{host}"))
}

/// An answer is never refused for its identity: when the project verifies
/// identities and the claimed `user_id` comes without a valid proof (a page
/// that forgot to sign, a stale signature), the user id is dropped and the
/// answer kept anonymous, flagged `identity_unverified`. Refusing it would
/// lose the answer: the widget drops what a 4xx refuses.
pub(crate) fn settle_identity(project: &Project, response: &mut ValidResponse) {
    if verify_user(
        project,
        response.user_id.as_ref(),
        response.user_hash.as_deref(),
    )
    .is_err()
    {
        response.user_id = None;
        response.user_hash = None;
        response.identity_unverified = true;
    }
}

/// In an anonymous project nothing identifying is kept, whatever the page
/// sent: no user id (nor its proof), no page URL, and only the traits the
/// project allows for segmenting.
pub(crate) fn strip_if_anonymous(project: &Project, response: &mut ValidResponse) {
    let config = project.settings.timing.as_config();
    if config.anonymous {
        response.user_id = None;
        response.user_hash = None;
        response.url = None;
        response
            .traits
            .retain(|name| config.allowed_traits.iter().any(|t| t == name));
    }
}

/// Reading a user's data through the public API needs the proof, whatever
/// the project's setting: without identity verification there is no
/// proof, so nothing is revealed.
pub(crate) fn require_proof(
    project: &Project,
    user: &UserId,
    user_hash: Option<&str>,
) -> Result<()> {
    let proven = project
        .settings
        .identity_secret
        .as_deref()
        .zip(user_hash)
        .is_some_and(|(secret, hash)| user_hash_is_valid(secret, user, hash));
    if proven {
        Ok(())
    } else {
        Err(Error::UnverifiedUser)
    }
}

/// When the project verifies identities, a claimed user id must carry a
/// valid `user_hash`; anonymous requests stay welcome.
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
