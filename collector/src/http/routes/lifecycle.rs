//! A tag's lifecycle (`GET /api/v1/tags`, `PATCH /api/v1/tags/{tag}`):
//! open, planned, shipped, with an announcement per language. Shipping a
//! tag with an announcement tells, at once, every identified person whose
//! answer carries it: one notice each, shown by the widget at their next
//! verified page view, and a `tag.shipped` webhook for the people who do
//! not come back.
//!
//! Only a proven person is told: the project must verify identities (so
//! the user ids it keeps were proven) and must not be anonymous, and a
//! person who chose "Don't ask me again" is left alone.

use axum::extract::{Path, State};
use axum::routing::{get, patch};
use axum::{Json, Router};
use nps_protocol::admin::{Announcement, TagChange, TagState, TagStates, TagStatus};
use time::OffsetDateTime;

use crate::alerts::tell_shipped;
use crate::domain::{tag, ProjectKey, ValidAnnouncement};
use crate::http::error::Result;
use crate::http::middleware::extract::{Admin, JsonBody, QueryParams, SignedIn};
use crate::http::shared::project::require_project;
use crate::http::shared::query::ProjectQuery;
use crate::http::state::AppState;
use crate::store::notices::{self, StoredTagState, TagReach};
use crate::store::{to_millis, Project, StoreError};

/// Routes for the dashboard and scripts.
pub(in crate::http) fn admin_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/tags", get(list))
        .route("/api/v1/tags/{tag}", patch(change))
}

fn status(raw: &str) -> TagStatus {
    match raw {
        "planned" => TagStatus::Planned,
        "shipped" => TagStatus::Shipped,
        _ => TagStatus::Open,
    }
}

fn announcement(raw: Option<&str>) -> Option<Announcement> {
    raw.and_then(|json| serde_json::from_str(json).ok())
}

fn view(tag: String, state: Option<&StoredTagState>, reach: TagReach) -> TagState {
    TagState {
        tag,
        status: state.map_or(TagStatus::Open, |s| status(&s.status)),
        announcement: state.and_then(|s| announcement(s.announcement.as_deref())),
        responses: reach.responses,
        people: reach.people,
        told: reach.told,
        seen: reach.seen,
    }
}

/// Every tag with an answer or a status, by name.
#[utoipa::path(get, path = "/api/v1/tags", tag = "admin", params(ProjectQuery), security(("admin_token" = [])),
    responses((status = 200, description = "Tags with their status, announcement, answers, people, told and seen", body = TagStates)))]
async fn list(
    _: SignedIn,
    State(state): State<AppState>,
    QueryParams(q): QueryParams<ProjectQuery>,
) -> Result<Json<TagStates>> {
    let key = ProjectKey::try_from(q.project)?;
    require_project(&state, &key).await?;
    let pool = state.store.pool();
    let states = notices::states(pool, key.as_str()).await?;
    let mut reach: std::collections::BTreeMap<String, TagReach> =
        notices::reach(pool, key.as_str(), None)
            .await?
            .into_iter()
            .collect();
    for s in &states {
        reach.entry(s.tag.clone()).or_default();
    }
    let tags = reach
        .into_iter()
        .map(|(t, r)| {
            let s = states.iter().find(|s| s.tag == t);
            view(t, s, r)
        })
        .collect();
    Ok(Json(TagStates { tags }))
}

/// Whether the project may tell anyone: it proves identities and keeps
/// them.
fn may_tell(project: &Project) -> bool {
    project.settings.identity_secret.is_some() && !project.settings.timing.as_config().anonymous
}

/// Sets a tag's status (and announcement). Going to `shipped` with an
/// announcement (given now or before) tells every identified person whose
/// answer carries the tag and who was not told yet; `told` counts them.
#[utoipa::path(patch, path = "/api/v1/tags/{tag}", tag = "admin", request_body = TagChange,
    params(("tag" = String, Path, description = "The tag"), ProjectQuery), security(("admin_token" = [])),
    responses((status = 200, description = "The tag", body = TagState),
        (status = 422, description = "Bad tag, status or announcement (invalid_announcement), or an unknown field")))]
async fn change(
    _: Admin,
    State(state): State<AppState>,
    Path(raw_tag): Path<String>,
    QueryParams(q): QueryParams<ProjectQuery>,
    JsonBody(body): JsonBody<TagChange>,
) -> Result<Json<TagState>> {
    let key = ProjectKey::try_from(q.project)?;
    let project = require_project(&state, &key).await?;
    let tag = tag(&raw_tag)?;
    let given = body
        .announcement
        .map(ValidAnnouncement::try_from)
        .transpose()?
        .map(|a| a.0);
    let stored = given
        .as_ref()
        .map(serde_json::to_string)
        .transpose()
        .map_err(StoreError::from)?;
    let pool = state.store.pool();
    let now = OffsetDateTime::now_utc();
    notices::set_state(
        pool,
        key.as_str(),
        &tag,
        body.status.as_str(),
        stored.as_deref(),
        to_millis(now),
    )
    .await?;
    let states = notices::states(pool, key.as_str()).await?;
    let current = states.into_iter().find(|s| s.tag == tag);
    let said = current
        .as_ref()
        .and_then(|s| announcement(s.announcement.as_deref()));
    if let (TagStatus::Shipped, Some(said)) = (body.status, &said) {
        if may_tell(&project) {
            let said = serde_json::to_value(said).map_err(StoreError::from)?;
            tell_shipped(pool, key.as_str(), &tag, &said, now).await?;
        }
    }
    let reach = notices::reach(pool, key.as_str(), Some(&tag))
        .await?
        .pop()
        .map(|(_, r)| r)
        .unwrap_or_default();
    Ok(Json(view(tag, current.as_ref(), reach)))
}
