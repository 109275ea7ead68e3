//! `POST /api/v1/events` (public): impressions and outcomes of prompts
//! (shown, declined, snoozed), for response rates per moment and for
//! cooldowns across devices (`GET /api/v1/eligibility` reads them back).
//!
//! An event about an identified user needs the identity proof when the
//! project verifies identities, since it changes when she is asked next.
//! A moment the project does not configure is stored under the
//! `(other)` bucket, so invented names cannot grow the statistics.
//!
//! `notice_seen` records that the widget showed a notice: it needs the
//! proof always (it changes what the person is shown on every device), is
//! idempotent on the event id, and marks the notice seen once.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use nps_protocol::{EventKind, NewEvent, ResponseReceipt};
use time::OffsetDateTime;

use crate::domain::ValidEvent;
use crate::http::error::{Error, Result};
use crate::http::middleware::extract::IngestBody;
use crate::http::shared::identity::{require_proof, verify_user};
use crate::http::shared::project::public_project;
use crate::http::shared::receipt::receipt;
use crate::http::state::rate_limits::Budget;
use crate::http::state::AppState;
use crate::store::{notices, to_millis, Inserted, Project};

/// Routes the widget calls.
pub(in crate::http) fn public_router() -> Router<AppState> {
    Router::new().route("/api/v1/events", post(create))
}

/// Stores an event: 201 the first time, 200 for a replayed id.
#[utoipa::path(post, path = "/api/v1/events", tag = "widget", request_body = NewEvent,
    responses(
        (status = 201, description = "Stored", body = ResponseReceipt),
        (status = 200, description = "Already stored (replay)", body = ResponseReceipt),
        (status = 403, description = "user_id not verified (notice_seen: not proven), or an Origin the project does not allow (origin_not_allowed)"),
        (status = 404, description = "notice_seen: the person has no such notice"),
        (status = 422, description = "A bad field, or notice_seen without notice or user_id (invalid_notice)")))]
#[tracing::instrument(level = "debug", skip_all)]
async fn create(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    IngestBody(body): IngestBody<NewEvent>,
) -> Result<(StatusCode, Json<ResponseReceipt>)> {
    let mut event = ValidEvent::try_from(body)?;
    let project = public_project(&state, &event.key, Budget::Writes, &headers).await?;
    if event.kind == EventKind::NoticeSeen {
        return notice_seen(&state, &project, event).await;
    }
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

/// Records a notice as seen by its (proven) person.
async fn notice_seen(
    state: &AppState,
    project: &Project,
    event: ValidEvent,
) -> Result<(StatusCode, Json<ResponseReceipt>)> {
    let (Some(user), Some(notice)) = (&event.user_id, &event.notice) else {
        return Err(Error::NotFound("no such notice".into()));
    };
    require_proof(project, user, event.user_hash.as_deref())?;
    let id = event.id.uuid().to_string();
    let now = to_millis(OffsetDateTime::now_utc());
    let new = notices::see(
        state.store.pool(),
        event.key.as_str(),
        &id,
        notice,
        user.as_str(),
        now,
    )
    .await?
    .ok_or_else(|| Error::NotFound(format!("no notice {notice} for this user")))?;
    let inserted = if new {
        Inserted::Created
    } else {
        Inserted::Duplicate
    };
    Ok(receipt(event.id, inserted))
}
