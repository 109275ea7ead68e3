//! `POST /api/v1/events` (public): impressions and outcomes of prompts
//! (shown, declined, snoozed), for response rates per moment and for
//! cooldowns across devices (`GET /api/v1/eligibility` reads them back).
//!
//! An event about an identified user needs the identity proof when the
//! project verifies identities, since it changes when she is asked next.
//! A moment the project does not configure is stored under the
//! `(other)` bucket, so invented names cannot grow the statistics.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use nps_protocol::{NewEvent, ResponseReceipt};
use time::OffsetDateTime;

use crate::domain::ValidEvent;
use crate::http::error::Result;
use crate::http::middleware::extract::IngestBody;
use crate::http::shared::identity::verify_user;
use crate::http::shared::project::public_project;
use crate::http::shared::receipt::receipt;
use crate::http::state::rate_limits::Budget;
use crate::http::state::AppState;

/// Routes the widget calls.
pub(in crate::http) fn public_router() -> Router<AppState> {
    Router::new().route("/api/v1/events", post(create))
}

/// Stores an event: 201 the first time, 200 for a replayed id.
#[utoipa::path(post, path = "/api/v1/events", tag = "widget", request_body = NewEvent,
    responses(
        (status = 201, description = "Stored", body = ResponseReceipt),
        (status = 200, description = "Already stored (replay)", body = ResponseReceipt),
        (status = 403, description = "user_id not verified, or an Origin the project does not allow (origin_not_allowed)")))]
#[tracing::instrument(level = "debug", skip_all)]
async fn create(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    IngestBody(body): IngestBody<NewEvent>,
) -> Result<(StatusCode, Json<ResponseReceipt>)> {
    let mut event = ValidEvent::try_from(body)?;
    let project = public_project(&state, &event.key, Budget::Writes, &headers).await?;
    if project.settings.timing.as_config().anonymous {
        event.user_id = None;
        event.user_hash = None;
    }
    verify_user(&project, event.user_id.as_ref(), event.user_hash.as_deref())?;
    event.moment = event
        .moment
        .map(|m| m.or_unconfigured(|name| project.settings.timing.has_moment(name)));
    let id = event.id;
    let inserted = state
        .store
        .insert_event(event, OffsetDateTime::now_utc())
        .await?;
    Ok(receipt(id, inserted))
}
