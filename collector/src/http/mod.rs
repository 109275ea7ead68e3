//! The HTTP API: [`app`] merges the routes of every feature (`routes/`, one
//! module per feature, each owning its routes) under the middleware they
//! share (`middleware/`). What several features need (a project looked
//! up, the identity rules, query parameters, views of answers and scores)
//! is in `shared/`, so no feature reaches into another.

mod error;
mod middleware;
pub mod openapi;
mod routes;
mod shared;
mod state;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub use error::{Error, Result};
pub use middleware::body_limit::MAX_BODY_BYTES;
pub use middleware::deadlines::with_deadlines;
pub(crate) use routes::assets::widget_is_built;
pub use state::rate_limits::RateLimits;
pub use state::{AppState, Shared};

/// The whole application as a router, with no socket: tests drive it with
/// `tower::ServiceExt::oneshot`.
pub fn app(state: AppState) -> Router {
    middleware::metrics::prometheus();
    let api = Router::new()
        .merge(routes::responses::public_router())
        .merge(routes::config::public_router())
        .merge(routes::events::public_router())
        .merge(routes::eligibility::public_router())
        .merge(routes::moments::router())
        .merge(routes::verbatims::admin_router())
        .merge(routes::users::admin_router())
        .merge(routes::session::router())
        .merge(routes::members::router())
        .merge(routes::tags::admin_router())
        .merge(routes::lifecycle::admin_router())
        .merge(routes::timeline::admin_router())
        .merge(routes::followups::admin_router())
        .merge(routes::webhooks::admin_router())
        .merge(routes::stats::admin_router())
        .merge(routes::projects::admin_router())
        .merge(routes::imports::admin_router())
        .merge(routes::config_versions::admin_router())
        .merge(routes::themes::admin_router())
        .merge(routes::metrics::router())
        .route_layer(
            ServiceBuilder::new()
                .layer(axum::middleware::from_fn(middleware::metrics::track))
                .layer(axum::middleware::from_fn_with_state(
                    state.limits.clone(),
                    middleware::rate_limit::per_ip,
                )),
        );
    Router::new()
        .merge(api)
        .merge(routes::health::router())
        .merge(openapi::router())
        .merge(routes::assets::router())
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
                .layer(middleware::cors::layer())
                .layer(axum::middleware::from_fn(
                    middleware::cors::expose_retry_after,
                ))
                .layer(axum::middleware::from_fn(middleware::security_headers::add))
                .layer(axum::middleware::from_fn(
                    middleware::body_limit::refuse_oversized_bodies,
                ))
                .layer(DefaultBodyLimit::max(MAX_BODY_BYTES)),
        )
        .with_state(state)
}
