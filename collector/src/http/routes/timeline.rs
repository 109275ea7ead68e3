//! One person's story (members): `GET /api/v1/users/{user_id}/timeline`
//! lists, oldest first, every answer (score, comment, moment, the traits
//! at the time), every impression, decline, snooze and opt-out, every tag,
//! follow-up change and note on their answers, and every notice they were
//! told and saw. The dashboard's person page reads it.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use nps_protocol::admin::{Announcement, Timeline, TimelineItem};
use time::macros::format_description;

use crate::domain::{text_for, ProjectKey, UserId};
use crate::http::error::Result;
use crate::http::middleware::extract::{QueryParams, SignedIn};
use crate::http::shared::project::require_project;
use crate::http::shared::query::ProjectQuery;
use crate::http::state::AppState;
use crate::store::{from_millis, notices, to_millis};

/// Routes for the dashboard and scripts.
pub(in crate::http) fn admin_router() -> Router<AppState> {
    Router::new().route("/api/v1/users/{user_id}/timeline", get(timeline))
}

/// RFC 3339 in UTC with milliseconds always written, so the times sort as
/// text too.
fn item(at: i64, kind: &str) -> TimelineItem {
    let format =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
    TimelineItem {
        at: from_millis(at).format(&format).unwrap_or_default(),
        kind: kind.to_owned(),
        ..TimelineItem::default()
    }
}

/// Everything that happened to or about one person, oldest first.
#[utoipa::path(get, path = "/api/v1/users/{user_id}/timeline", tag = "admin",
    params(("user_id" = String, Path, description = "The host app's user id"), ProjectQuery),
    security(("admin_token" = [])),
    responses((status = 200, description = "The person's story, oldest first", body = Timeline),
        (status = 422, description = "Bad user id")))]
async fn timeline(
    _: SignedIn,
    State(state): State<AppState>,
    Path(user_id): Path<String>,
    QueryParams(q): QueryParams<ProjectQuery>,
) -> Result<Json<Timeline>> {
    let key = ProjectKey::try_from(q.project)?;
    require_project(&state, &key).await?;
    let user = UserId::try_from(user_id)?;
    let pool = state.store.pool();
    let data = state.store.user_data(&key, &user).await?;
    // (time, rank within the same millisecond: an answer before what was
    // recorded about it, a notice before its being seen).
    let mut items: Vec<(i64, u8, TimelineItem)> = Vec::new();
    for r in data.responses {
        let at = to_millis(r.created_at);
        items.push((
            at,
            0,
            TimelineItem {
                response_id: Some(r.id),
                score: Some(r.score),
                comment: r.comment,
                moment: r.moment,
                traits: serde_json::from_value(r.traits).ok(),
                ..item(at, "response")
            },
        ));
    }
    for e in data.events {
        items.push((
            e.created_at,
            0,
            TimelineItem {
                moment: e.moment,
                ..item(e.created_at, &e.kind)
            },
        ));
    }
    for r in notices::recorded(pool, key.as_str(), user.as_str()).await? {
        let (kind, field) = match r.kind.as_str() {
            "tag" => ("tag", None),
            "note" => ("note", None),
            other => ("followup", Some(other.to_owned())),
        };
        let tag = (kind == "tag").then(|| r.value.clone()).flatten();
        let value = if kind == "tag" { None } else { r.value };
        items.push((
            r.at,
            1,
            TimelineItem {
                response_id: Some(r.response_id),
                tag,
                field,
                value,
                actor: r.actor,
                ..item(r.at, kind)
            },
        ));
    }
    for n in notices::of_user(pool, key.as_str(), user.as_str(), false).await? {
        let said: Option<Announcement> = n
            .announcement
            .as_deref()
            .and_then(|a| serde_json::from_str(a).ok());
        items.push((
            n.created_at,
            2,
            TimelineItem {
                tag: Some(n.tag),
                notice: Some(n.id),
                value: said.map(|a| text_for(&a, None)),
                ..item(n.created_at, "notice")
            },
        ));
    }
    for (at, notice, tag) in notices::seen_events(pool, key.as_str(), user.as_str()).await? {
        items.push((
            at,
            3,
            TimelineItem {
                tag: Some(tag).filter(|t| !t.is_empty()),
                notice: Some(notice),
                ..item(at, "notice_seen")
            },
        ));
    }
    items.sort_by_key(|(at, rank, _)| (*at, *rank));
    Ok(Json(Timeline {
        user_id: user.as_str().to_owned(),
        items: items.into_iter().map(|(_, _, i)| i).collect(),
    }))
}
