//! Deadlines: how long a request may take to send its body, and to be
//! answered (408 after that).

use axum::Router;
use tower::ServiceBuilder;

use crate::http::error::Error;
use crate::settings::TransportSettings;

/// Puts the transport's deadlines on the router: a body must arrive within
/// `body_timeout`, a whole request be answered within `request_timeout`
/// (408 problem otherwise). Kept out of [`app`](crate::http::app) so tests driving the router
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
